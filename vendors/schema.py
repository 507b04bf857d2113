"""Pydantic schema of a CRM product profile, in which every fact carries its provenance.

A *fact* is a value with its ``source`` (URL or document), its ``as_of`` date and the
``confidence`` of the evidence. The rules, enforced by the models:

- Unknown is null. A fact with a value must name its source and its confidence.
- ``as_of`` is the date the source gives for the fact: the date printed on the page, the
  filing or report date, or the read date recorded by a dated transcription of the page.
  It is never the date someone happened to read an undated page. When the source is
  undated, ``as_of`` stays null and ``note`` must say so; freshness reports list such facts.
- A date the source gives only to the month or the year ("updated February 2026") is stored
  as the first day of that period with ``as_of_precision`` set to ``month`` or ``year``.
- ``inferred`` marks a value deduced from the source rather than stated in it; ``note`` says how.
- ``alternatives`` keeps the other values for the same fact side by side with the kept one,
  each with its own provenance: conflicting sources, and the same source's figures in another
  currency or for another billing period.
- A judgement (a 0-5 rating of depth, ease of use, ...) must say whose it is in ``rated_by``.
- Lists of languages, countries or certifications hold what sources confirm; a missing item
  means "not confirmed", not "absent".

Claims that do not fit a fact (a statement about another product or an infrastructure layer,
a free-text price table that cannot be matched to an edition) go to ``other_claims``.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    PlainSerializer,
    model_validator,
)

from vendors.vocabulary import (
    CAPABILITIES,
    CERTIFICATIONS,
    COUNTRIES,
    CURRENCIES,
    LANGUAGES,
    REGIONS,
    VERTICALS,
    Availability,
    BillingPeriod,
    CompanySize,
    Confidence,
    DatePrecision,
    LicenceModel,
    PriceUnit,
)

T = TypeVar("T")


def _member_of(vocabulary: Mapping[str, object], what: str, where: str) -> Callable[[str], str]:
    """Build a validator accepting only keys of ``vocabulary``."""

    def check(code: str) -> str:
        if code not in vocabulary:
            raise ValueError(f"unknown {what} {code!r} (see vendors.vocabulary.{where})")
        return code

    return check


def _unique(items: list[T]) -> list[T]:
    """Reject lists that repeat an item."""
    if len(set(map(str, items))) != len(items):
        raise ValueError("items must not repeat")
    return items


def _decimal_to_number(amount: Decimal) -> int | float:
    """Serialise an amount as a JSON number, exact for list prices."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


Slug = Annotated[str, Field(max_length=100, pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")]
CurrencyCode = Annotated[str, AfterValidator(_member_of(CURRENCIES, "currency", "CURRENCIES"))]
CountryCode = Annotated[str, AfterValidator(_member_of(COUNTRIES, "country code", "COUNTRIES"))]
RegionCode = Annotated[str, AfterValidator(_member_of(REGIONS, "region code", "REGIONS"))]
LanguageCode = Annotated[str, AfterValidator(_member_of(LANGUAGES, "language", "LANGUAGES"))]
CertificationKey = Annotated[
    str, AfterValidator(_member_of(CERTIFICATIONS, "certification", "CERTIFICATIONS"))
]
VerticalKey = Annotated[str, AfterValidator(_member_of(VERTICALS, "vertical", "VERTICALS"))]
CapabilityKey = Annotated[
    str, AfterValidator(_member_of(CAPABILITIES, "capability key", "CAPABILITIES"))
]
# Upper bounds of what a profile may state. The costs multiply a per-unit amount by the seats
# billed (five populations of at most MAX_SEATS users), 12 months, a horizon of up to 15 years
# and an exchange rate of up to 1e6 (a project's own rate; the ECB's stay under 1e5): at these
# bounds a total stays under 1e26 and its square, which TOPSIS takes, under 1e52, far from the
# largest float (1.8e308), so every cost is finite and still ranks. The project's inputs share
# MAX_SEATS and MAX_DAYS (service.selection.inputs).
MAX_AMOUNT = 1_000_000_000  # per unit of the price: per user and month, per licence, ...
MAX_SEATS = 1_000_000
MAX_DAYS = 10_000
MAX_MONTHS = 600  # a commitment of 50 years; no computation reads it
MAX_COUNT = 1_000_000_000  # reviews on a review site

Amount = Annotated[
    Decimal,
    Field(ge=0, le=MAX_AMOUNT),
    PlainSerializer(_decimal_to_number, return_type=int | float),
]
Score = Annotated[float, Field(ge=0, le=5)]
Percent = Annotated[float, Field(ge=0, le=100)]
Days = Annotated[float, Field(ge=0, le=MAX_DAYS)]
Seats = Annotated[int, Field(ge=1, le=MAX_SEATS)]
Months = Annotated[int, Field(ge=0, le=MAX_MONTHS)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
NonEmptyText = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Sourced(_Model):
    """Provenance shared by facts, alternatives and claims."""

    source: NonEmptyText | None = None
    as_of: date | None = None
    as_of_precision: DatePrecision = DatePrecision.DAY
    confidence: Confidence | None = None
    note: NonEmptyText | None = None
    inferred: bool = False

    def _require_provenance(self) -> None:
        """Check the rules that hold once a value is given."""
        if self.source is None:
            raise ValueError("a value needs a source")
        if self.confidence is None:
            raise ValueError("a value needs a confidence")
        if self.as_of is None and self.note is None:
            raise ValueError("a value from an undated source needs a note saying so")

    @model_validator(mode="after")
    def _check_date_precision(self) -> "Sourced":
        if self.as_of_precision is not DatePrecision.DAY:
            if self.as_of is None:
                raise ValueError("as_of_precision needs an as_of date")
            if self.as_of.day != 1 or (
                self.as_of_precision is DatePrecision.YEAR and self.as_of.month != 1
            ):
                raise ValueError("a month or year date is stored as the period's first day")
        if self.inferred and self.note is None:
            raise ValueError("an inferred value needs a note saying how it was inferred")
        return self


class Alternative(Sourced, Generic[T]):
    """Another value for the same fact, kept with its own provenance."""

    value: T
    rated_by: NonEmptyText | None = None

    @model_validator(mode="after")
    def _check_provenance(self) -> "Alternative[T]":
        self._require_provenance()
        return self


class Fact(Sourced, Generic[T]):
    """A value (null when unknown) with its provenance and the alternatives set aside."""

    value: T | None = None
    alternatives: list[Alternative[T]] = Field(default_factory=list)

    is_judgement: ClassVar[bool] = False

    @model_validator(mode="after")
    def _check_provenance(self) -> "Fact[T]":
        if self.value is not None:
            self._require_provenance()
        for alternative in self.alternatives:
            if (alternative.rated_by is not None) != self.is_judgement:
                raise ValueError(
                    "alternatives of a rating need rated_by; other alternatives must not have it"
                )
        return self


class Judgement(Fact[Score]):
    """Someone's 0-5 rating; ``rated_by`` names whose judgement it is."""

    rated_by: NonEmptyText | None = None

    is_judgement: ClassVar[bool] = True

    @model_validator(mode="after")
    def _check_rater(self) -> "Judgement":
        if self.value is not None and self.rated_by is None:
            raise ValueError("a rating needs rated_by: whose judgement it is")
        return self


class Claim(Sourced):
    """A sourced statement that does not map to a fact of this profile."""

    about: NonEmptyText
    text: NonEmptyText

    @model_validator(mode="after")
    def _check_provenance(self) -> "Claim":
        self._require_provenance()
        return self


class Price(_Model):
    """A list price; ``billed`` is the billing period it applies to, when the source says."""

    amount: Amount
    currency: CurrencyCode
    unit: PriceUnit
    billed: BillingPeriod | None = None


class ReviewScore(_Model):
    """A public review-site score on a 0-5 scale, with the site's sub-ratings where it gives
    them. A sub-rating the site gives out of 10 (G2) is stored halved; the fact's note says so.
    These are the judgement of the site's reviewers, not a rating of the catalog."""

    score: Score
    review_count: Count | None = None
    ease_of_use: Score | None = None
    ease_of_setup: Score | None = None
    ease_of_admin: Score | None = None
    quality_of_support: Score | None = None
    features: Score | None = None
    value_for_money: Score | None = None


BillingPeriods = Annotated[list[BillingPeriod], AfterValidator(_unique)]


class Edition(_Model):
    """A commercial edition; its terms override the product-wide ``pricing`` terms.

    ``price_on_request`` true is a known fact: the vendor publishes no price for the edition
    and quotes it; the price itself stays unknown until a quote is recorded.
    """

    key: Slug
    name: NonEmptyText
    price: Fact[Price] = Field(default_factory=Fact[Price])
    price_on_request: Fact[bool] = Field(default_factory=Fact[bool])
    billing_periods: Fact[BillingPeriods] = Field(default_factory=Fact[BillingPeriods])
    minimum_seats: Fact[Seats] = Field(default_factory=Fact[Seats])
    commitment_months: Fact[Months] = Field(default_factory=Fact[Months])
    note: NonEmptyText | None = None


class Pricing(_Model):
    """Product-wide commercial terms, applying to every edition that does not say otherwise;
    ``price_on_request`` true says the vendor quotes every edition that states no price."""

    free_tier: Fact[bool] = Field(default_factory=Fact[bool])
    price_on_request: Fact[bool] = Field(default_factory=Fact[bool])
    billing_periods: Fact[BillingPeriods] = Field(default_factory=Fact[BillingPeriods])
    minimum_seats: Fact[Seats] = Field(default_factory=Fact[Seats])
    commitment_months: Fact[Months] = Field(default_factory=Fact[Months])


LicenceModels = Annotated[list[LicenceModel], AfterValidator(_unique)]


class Deployment(_Model):
    """Deployment modes, for installed software the licence terms, and the implementation
    effort of a standard project when a source (or the consultant) estimates it."""

    saas: Fact[bool] = Field(default_factory=Fact[bool])
    on_premise: Fact[bool] = Field(default_factory=Fact[bool])
    private_cloud: Fact[bool] = Field(default_factory=Fact[bool])
    licence_models: Fact[LicenceModels] = Field(default_factory=Fact[LicenceModels])
    maintenance_pct: Fact[Percent] = Field(default_factory=Fact[Percent])
    implementation_days: Fact[Days] = Field(default_factory=Fact[Days])


Regions = Annotated[list[RegionCode], AfterValidator(_unique)]
Countries = Annotated[list[CountryCode], AfterValidator(_unique)]
Certifications = Annotated[list[CertificationKey], AfterValidator(_unique)]


class Hosting(_Model):
    """Where SaaS data is hosted and which certifications cover the service."""

    regions: Fact[Regions] = Field(default_factory=Fact[Regions])
    countries: Fact[Countries] = Field(default_factory=Fact[Countries])
    certifications: Fact[Certifications] = Field(default_factory=Fact[Certifications])


class Coverage(_Model):
    """Whether a domain is covered, and how deeply in someone's judgement."""

    availability: Fact[Availability] = Field(default_factory=Fact[Availability])
    depth: Judgement = Field(default_factory=Judgement)


EditionKeys = Annotated[list[Slug], AfterValidator(_unique)]


class CapabilityCoverage(Coverage):
    """A capability's coverage, with the editions that include it."""

    in_editions: Fact[EditionKeys] = Field(default_factory=Fact[EditionKeys])


class Domains(_Model):
    """Coverage of the four functional domains."""

    sales: Coverage = Field(default_factory=Coverage)
    marketing: Coverage = Field(default_factory=Coverage)
    service: Coverage = Field(default_factory=Coverage)
    field_service: Coverage = Field(default_factory=Coverage)


class Ratings(_Model):
    """The comparison criteria of 004 §08 that are judgements about the product or vendor."""

    ease_of_use: Judgement = Field(default_factory=Judgement)
    ease_of_deployment: Judgement = Field(default_factory=Judgement)
    scalability: Judgement = Field(default_factory=Judgement)
    customisability: Judgement = Field(default_factory=Judgement)
    vendor_viability: Judgement = Field(default_factory=Judgement)


class PublicRatings(_Model):
    """Review-site scores and analyst placements, each dated."""

    g2: Fact[ReviewScore] = Field(default_factory=Fact[ReviewScore])
    capterra: Fact[ReviewScore] = Field(default_factory=Fact[ReviewScore])
    gartner: Fact[NonEmptyText] = Field(default_factory=Fact[NonEmptyText])


Languages = Annotated[list[LanguageCode], AfterValidator(_unique)]
CompanySizes = Annotated[list[CompanySize], AfterValidator(_unique)]
Verticals = Annotated[list[VerticalKey], AfterValidator(_unique)]


class ProductProfile(_Model):
    """Everything the catalog knows about one CRM product, fact by fact."""

    id: Slug
    vendor: Fact[NonEmptyText] = Field(default_factory=Fact[NonEmptyText])
    product: Fact[NonEmptyText] = Field(default_factory=Fact[NonEmptyText])
    origin_country: Fact[CountryCode] = Field(default_factory=Fact[CountryCode])
    editions: list[Edition] = Field(default_factory=list)
    pricing: Pricing = Field(default_factory=Pricing)
    deployment: Deployment = Field(default_factory=Deployment)
    hosting: Hosting = Field(default_factory=Hosting)
    domains: Domains = Field(default_factory=Domains)
    capabilities: dict[CapabilityKey, CapabilityCoverage] = Field(default_factory=dict)
    ratings: Ratings = Field(default_factory=Ratings)
    ui_languages: Fact[Languages] = Field(default_factory=Fact[Languages])
    target_sizes: Fact[CompanySizes] = Field(default_factory=Fact[CompanySizes])
    vertical_focus: Fact[Verticals] = Field(default_factory=Fact[Verticals])
    public_ratings: PublicRatings = Field(default_factory=PublicRatings)
    other_claims: list[Claim] = Field(default_factory=list)
    note: NonEmptyText | None = None

    @model_validator(mode="after")
    def _check_editions(self) -> "ProductProfile":
        keys = [edition.key for edition in self.editions]
        if len(set(keys)) != len(keys):
            raise ValueError("edition keys must be unique within a product")
        for name, capability in self.capabilities.items():
            unknown = set(capability.in_editions.value or ()) - set(keys)
            if unknown:
                raise ValueError(
                    f"capability {name!r} names unknown editions: {', '.join(sorted(unknown))}"
                )
        return self


@dataclass(frozen=True)
class FlatFact:
    """One fact as a storage row: a stable dotted path, the value as JSON, the provenance."""

    path: str
    value: JsonValue
    source: str | None
    as_of: date | None
    as_of_precision: DatePrecision
    confidence: Confidence | None
    note: str | None
    inferred: bool
    rated_by: str | None
    alternative: int = 0  # 0 for the kept value, n for the n-th alternative


def _walk(node: object, path: str) -> Iterator[tuple[str, Fact[Any]]]:
    """Yield (dotted path, fact) for every fact slot under ``node``."""
    if isinstance(node, Fact):
        yield path, node
    elif isinstance(node, Claim):
        return
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            child = getattr(node, name)
            yield from _walk(child, f"{path}.{name}" if path else name)
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _walk(child, f"{path}.{key}")
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, Edition):
                yield from _walk(item, f"{path}.{item.key}")


def iter_fact_slots(profile: ProductProfile) -> Iterator[tuple[str, Fact[Any]]]:
    """Yield every fact of a profile, null ones included, with its dotted path."""
    return _walk(profile, "")


def iter_facts(profile: ProductProfile, *, alternatives: bool = False) -> Iterator[FlatFact]:
    """Flatten a profile into rows, null facts included, alternatives after their kept value."""
    for path, fact in iter_fact_slots(profile):
        rated_by = fact.rated_by if isinstance(fact, Judgement) else None
        yield _flat(path, fact, rated_by, 0)
        if alternatives:
            for index, alternative in enumerate(fact.alternatives, start=1):
                yield _flat(path, alternative, alternative.rated_by, index)


def _flat(
    path: str, item: Fact[Any] | Alternative[Any], rated_by: str | None, index: int
) -> FlatFact:
    """Build one row from a fact or an alternative."""
    value: JsonValue = item.model_dump(mode="json", include={"value"})["value"]
    return FlatFact(
        path=path,
        value=value,
        source=item.source,
        as_of=item.as_of,
        as_of_precision=item.as_of_precision,
        confidence=item.confidence,
        note=item.note,
        inferred=item.inferred,
        rated_by=rated_by,
        alternative=index,
    )
