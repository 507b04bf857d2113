"""The CRM product catalog as a firm sees it: public products, its own, its overrides."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request, Response, status
from pydantic import BaseModel, Field, JsonValue, ValidationError

from service.api.location import locate, located
from service.deps import CurrentFirm, SessionDep
from service.errors import ErrorResponse, documented, invalid_input
from service.pagination import Limit, Offset
from vendors import service as catalog
from vendors.files import dump_profile, profile_from_data
from vendors.filters import VendorFilters
from vendors.schema import ProductProfile, iter_facts
from vendors.vocabulary import CAPABILITIES, COUNTRIES, LANGUAGES, REGIONS, DeploymentMode, Domain

router = APIRouter(prefix="/vendors", tags=["vendors"])

HOSTING_PLACES = [*REGIONS, *sorted(COUNTRIES)]
_NOT_FOUND = documented(e404="No such product for this firm")


class EditionPrice(BaseModel):
    """An edition's list price, when published."""

    key: str
    name: str
    amount: float | None
    currency: str | None
    unit: str | None


class VendorSummary(BaseModel):
    """One product in a catalog listing."""

    id: str = Field(description="The product id, e.g. `pipedrive`.")
    vendor: str
    product: str
    visibility: Literal["public", "private"]
    origin_country: str | None
    deployment: list[DeploymentMode] = Field(description="Modes a source confirms.")
    hosting_regions: list[str]
    hosting_countries: list[str]
    domains: dict[str, str | None] = Field(description="Availability per functional domain.")
    ui_languages: list[str]
    editions: list[EditionPrice]
    overridden_facts: list[str] = Field(description="Facts your firm has overridden.")


class VendorsPublic(BaseModel):
    """A page of products and how many match in all."""

    data: list[VendorSummary]
    count: int


class FactPublic(BaseModel):
    """One fact with its provenance; `alternative` > 0 marks a value set aside."""

    path: str
    value: JsonValue
    source: str | None
    as_of: date | None
    as_of_precision: str
    confidence: str | None
    note: str | None
    inferred: bool
    rated_by: str | None
    alternative: int
    overridden: bool = Field(description="Your firm's private value replaces the public one.")
    public_fact: dict[str, JsonValue] | None = Field(
        default=None, description="The public fact that your override replaces."
    )


class VendorDetail(VendorSummary):
    """A product with every fact and its provenance."""

    catalog_version: str | None = Field(description="Latest catalog version id.")
    stale_overrides: list[str] = Field(
        description="Your overrides that no longer fit the public profile and are not applied."
    )
    facts: list[FactPublic]
    profile: dict[str, JsonValue] = Field(description="The profile, in the catalog file format.")


class FactsPatch(BaseModel):
    """Facts to set by path; null resets a fact (or removes your override of a public fact)."""

    facts: dict[str, dict[str, JsonValue] | None] = Field(
        min_length=1,
        max_length=200,
        description='Path -> fact, e.g. `{"editions.enterprise.price": {"value": '
        '{"amount": 140, "currency": "EUR", "unit": "user_month"}, "source": '
        '"quote Q-2026-114", "as_of": "2026-11-02", "confidence": '
        '"consultant_verified"}}`.',
    )


def summary(item: catalog.ResolvedProduct) -> dict[str, Any]:
    """Return the listing fields of a resolved product."""
    profile = item.profile
    editions = []
    for edition in profile.editions:
        price = edition.price.value
        editions.append(
            EditionPrice(
                key=edition.key,
                name=edition.name,
                amount=float(price.amount) if price else None,
                currency=price.currency if price else None,
                unit=price.unit.value if price else None,
            )
        )
    return {
        "id": profile.id,
        "vendor": item.product.vendor,
        "product": item.product.name,
        "visibility": "private" if item.is_private else "public",
        "origin_country": profile.origin_country.value,
        "deployment": [
            mode for mode in DeploymentMode if getattr(profile.deployment, mode.value).value is True
        ],
        "hosting_regions": profile.hosting.regions.value or [],
        "hosting_countries": profile.hosting.countries.value or [],
        "domains": {d.value: getattr(profile.domains, d.value).availability.value for d in Domain},
        "ui_languages": profile.ui_languages.value or [],
        "editions": editions,
        "overridden_facts": sorted(item.overridden),
    }


def detail(item: catalog.ResolvedProduct, version: str | None) -> VendorDetail:
    """Return a product with every fact (kept values and alternatives) and its provenance."""
    facts = []
    for fact in iter_facts(item.profile, alternatives=True):
        overridden = fact.alternative == 0 and fact.path in item.overridden
        facts.append(
            FactPublic(
                path=fact.path,
                value=fact.value,
                source=fact.source,
                as_of=fact.as_of,
                as_of_precision=fact.as_of_precision.value,
                confidence=fact.confidence.value if fact.confidence else None,
                note=fact.note,
                inferred=fact.inferred,
                rated_by=fact.rated_by,
                alternative=fact.alternative,
                overridden=overridden,
                public_fact=item.overridden.get(fact.path) if overridden else None,
            )
        )
    return VendorDetail(
        **summary(item),
        catalog_version=version,
        stale_overrides=item.stale_overrides,
        facts=facts,
        profile=dump_profile(item.profile),
    )


@router.get("", response_model=VendorsPublic)
def list_vendors(
    session: SessionDep,
    firm: CurrentFirm,
    limit: Limit = 50,
    offset: Offset = 0,
    deployment: Annotated[DeploymentMode | None, Query(description="Deployment mode.")] = None,
    hosting: Annotated[
        str | None,
        Query(
            description="Region (EU, EEA, EFTA) or ISO country code (FR).",
            json_schema_extra={"enum": HOSTING_PLACES},
        ),
    ] = None,
    domain: Annotated[Domain | None, Query(description="Functional domain offered.")] = None,
    capability: Annotated[
        str | None,
        Query(
            description="Capability offered, e.g. `ticketing`.",
            json_schema_extra={"enum": sorted(CAPABILITIES)},
        ),
    ] = None,
    language: Annotated[
        str | None,
        Query(
            description="UI language (ISO 639-1), e.g. `fr`.",
            json_schema_extra={"enum": sorted(LANGUAGES)},
        ),
    ] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Text in the id, vendor or product name.")
    ] = None,
) -> VendorsPublic:
    """List the products your firm can see (public and your own) that pass every filter."""
    filters = VendorFilters(
        deployment=deployment,
        hosting=hosting,
        domain=domain,
        capability=capability,
        language=language,
        q=q,
    )
    items, count = catalog.search_products(
        session, firm_id=firm.id, filters=filters, limit=limit, offset=offset
    )
    return VendorsPublic(data=[VendorSummary(**summary(item)) for item in items], count=count)


@router.get("/{vendor_id}", response_model=VendorDetail, responses=_NOT_FOUND)
def read_vendor(vendor_id: str, session: SessionDep, firm: CurrentFirm) -> VendorDetail:
    """Return one product with every fact and its provenance (your overrides applied)."""
    item = catalog.get_product(session, firm_id=firm.id, slug=vendor_id)
    version = catalog.latest_version(session)
    return detail(item, str(version.id) if version else None)


@router.post(
    "",
    response_model=VendorDetail,
    status_code=status.HTTP_201_CREATED,
    responses={
        409: {"model": ErrorResponse, "description": "The id is already in use"},
        **located(status.HTTP_201_CREATED),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ProductProfile"}}
            },
        }
    },
)
def create_vendor(
    request: Request,
    response: Response,
    session: SessionDep,
    firm: CurrentFirm,
    body: Annotated[dict[str, Any], Body(description="A profile in the catalog file format.")],
) -> VendorDetail:
    """Add a private product that only your firm sees (same format as the catalog files)."""
    try:
        profile: ProductProfile = profile_from_data(body)
    except ValidationError as exc:
        raise invalid_input(exc) from exc
    item = catalog.create_private_product(session, firm_id=firm.id, profile=profile)
    locate(request, response, "read_vendor", vendor_id=profile.id)
    version = catalog.latest_version(session)
    return detail(item, str(version.id) if version else None)


@router.patch("/{vendor_id}", response_model=VendorDetail, responses=_NOT_FOUND)
def patch_vendor(
    vendor_id: str, patch: FactsPatch, session: SessionDep, firm: CurrentFirm
) -> VendorDetail:
    """Set facts by path: on your own product, or as your firm's private overrides of a public
    one (seen by your firm only); null removes an override."""
    item = catalog.patch_facts(session, firm_id=firm.id, slug=vendor_id, facts=patch.facts)
    version = catalog.latest_version(session)
    return detail(item, str(version.id) if version else None)
