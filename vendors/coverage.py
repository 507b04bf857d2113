"""How much of each product the catalog knows, fact family by fact family.

Every slot a family looks at is counted once, in one of four states:

- ``known``: a sourced value that says the product has it, or states it (a price, a list of
  languages, a review score...);
- ``negative``: a sourced value that says the product lacks it (``not_available``, a
  deployment mode that is ``false``);
- ``quote_only``: an edition (or the whole product) whose price the vendor gives only on
  request: known as a fact, with no amount;
- ``unknown``: no value.

The families:

- ``capabilities``: the availability of every capability of the vocabulary;
- ``domains``: the availability of the four functional domains;
- ``prices``: the price of every edition (a product without editions counts as one);
- ``deployment``: SaaS, on-premise and private cloud;
- ``hosting``: hosting regions, data-centre countries, certifications;
- ``languages``: the user-interface languages;
- ``ratings``: the public review scores (G2, Capterra, Gartner) and the consultant's five
  judgements (ease of use, ease of deployment, scalability, customisability, vendor viability).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vendors.schema import Edition, Fact, ProductProfile
from vendors.vocabulary import CAPABILITIES, Availability, Domain


class State(StrEnum):
    """What the catalog knows of one slot."""

    KNOWN = "known"
    NEGATIVE = "negative"
    QUOTE_ONLY = "quote_only"
    UNKNOWN = "unknown"


class Family(StrEnum):
    """A group of facts counted together."""

    CAPABILITIES = "capabilities"
    DOMAINS = "domains"
    PRICES = "prices"
    DEPLOYMENT = "deployment"
    HOSTING = "hosting"
    LANGUAGES = "languages"
    RATINGS = "ratings"


@dataclass
class Counts:
    """How many slots of a family are in each state."""

    known: int = 0
    negative: int = 0
    quote_only: int = 0
    unknown: int = 0

    @property
    def total(self) -> int:
        return self.known + self.negative + self.quote_only + self.unknown

    @property
    def answered(self) -> int:
        """The slots with a sourced answer, negative and on request included."""
        return self.total - self.unknown

    @property
    def share(self) -> float:
        """The answered share of the slots, 0 for a family with no slot."""
        return self.answered / self.total if self.total else 0.0

    def add(self, state: State) -> None:
        setattr(self, state.value, getattr(self, state.value) + 1)

    def __iadd__(self, other: Counts) -> Counts:
        for state in State:
            setattr(self, state.value, getattr(self, state.value) + getattr(other, state.value))
        return self

    def as_dict(self) -> dict[str, int | float]:
        return {
            **{state.value: getattr(self, state.value) for state in State},
            "total": self.total,
            "share": round(self.share, 4),
        }


@dataclass
class ProductCoverage:
    """One product's counts per family, and the facts the coverage targets look at."""

    product: str
    saas: bool
    located: bool  # a hosting region or data-centre country is known
    modes_known: bool  # SaaS and on-premise are both known, true or false
    families: dict[Family, Counts] = field(default_factory=lambda: {f: Counts() for f in Family})

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.families.values():
            total += counts
        return total

    @property
    def priced(self) -> bool:
        """A price or a price on request is known for at least one edition or the product."""
        prices = self.families[Family.PRICES]
        return prices.known + prices.quote_only > 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "product": self.product,
            "saas": self.saas,
            "priced": self.priced,
            "located": self.located,
            "modes_known": self.modes_known,
            "families": {f.value: counts.as_dict() for f, counts in self.families.items()},
            "overall": self.overall.as_dict(),
        }


def _state(fact: Fact[Any]) -> State:
    """Known, negative or unknown, for a fact whose false or not-available value is negative."""
    if fact.value is None:
        return State.UNKNOWN
    if fact.value is False or fact.value == Availability.NOT_AVAILABLE:
        return State.NEGATIVE
    return State.KNOWN


def _price_state(edition: Edition | None, profile: ProductProfile) -> State:
    """An edition's price: known, on request (the edition's own fact first, then the
    product's), or unknown."""
    if edition is not None and edition.price.value is not None:
        return State.KNOWN
    on_request = (
        edition.price_on_request.value
        if edition is not None and edition.price_on_request.value is not None
        else profile.pricing.price_on_request.value
    )
    return State.QUOTE_ONLY if on_request else State.UNKNOWN


def _slots(profile: ProductProfile) -> Iterator[tuple[Family, State]]:
    """Every slot of every family, with its state."""
    for key in CAPABILITIES:
        coverage = profile.capabilities.get(key)
        state = State.UNKNOWN if coverage is None else _state(coverage.availability)
        yield Family.CAPABILITIES, state
    for domain in Domain:
        yield Family.DOMAINS, _state(getattr(profile.domains, domain.value).availability)
    editions: list[Edition | None] = list(profile.editions) or [None]
    for edition in editions:
        yield Family.PRICES, _price_state(edition, profile)
    deployment, hosting, public = profile.deployment, profile.hosting, profile.public_ratings
    facts: dict[Family, list[Fact[Any]]] = {
        Family.DEPLOYMENT: [deployment.saas, deployment.on_premise, deployment.private_cloud],
        Family.HOSTING: [hosting.regions, hosting.countries, hosting.certifications],
        Family.LANGUAGES: [profile.ui_languages],
        Family.RATINGS: [
            public.g2,
            public.capterra,
            public.gartner,
            *(getattr(profile.ratings, name) for name in type(profile.ratings).model_fields),
        ],
    }
    for family, slots in facts.items():
        for slot in slots:
            yield family, _state(slot)


def product_coverage(profile: ProductProfile) -> ProductCoverage:
    """Count one product's slots per family."""
    deployment, hosting = profile.deployment, profile.hosting
    coverage = ProductCoverage(
        profile.id,
        saas=deployment.saas.value is True,
        located=hosting.regions.value is not None or hosting.countries.value is not None,
        modes_known=None not in (deployment.saas.value, deployment.on_premise.value),
    )
    for family, state in _slots(profile):
        coverage.families[family].add(state)
    return coverage


@dataclass(frozen=True)
class CatalogCoverage:
    """Every product's coverage and the catalog's totals per family."""

    products: list[ProductCoverage]

    def total(self, family: Family | None = None) -> Counts:
        """The catalog's counts for one family, or over every family."""
        total = Counts()
        for product in self.products:
            total += product.overall if family is None else product.families[family]
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "products": [product.as_dict() for product in self.products],
            "totals": {f.value: self.total(f).as_dict() for f in Family},
            "overall": self.total().as_dict(),
        }


def catalog_coverage(profiles: Iterable[ProductProfile]) -> CatalogCoverage:
    """Count the slots of every product, sorted by product id."""
    return CatalogCoverage(
        [product_coverage(profile) for profile in sorted(profiles, key=lambda p: p.id)]
    )


class Target(StrEnum):
    """A coverage target, met or missed per product (``catalog`` for the whole catalog)."""

    CATALOG_CAPABILITIES = "catalog_capabilities"
    CAPABILITIES = "capabilities"
    PRICE = "price"
    HOSTING = "hosting"
    ON_PREMISE = "on_premise"
    LANGUAGES = "languages"


@dataclass(frozen=True)
class Shortfall:
    """A target the catalog misses, for one product or (``product`` None) the catalog."""

    product: str | None
    target: Target
    text: str

    def __str__(self) -> str:
        return f"{self.product or 'catalog'}: {self.text}"


def shortfalls(
    coverage: CatalogCoverage,
    *,
    overall_capabilities: float = 0.60,
    product_capabilities: float = 0.35,
) -> list[Shortfall]:
    """The coverage targets the catalog misses (empty when every one holds).

    Targets: the capability availabilities known over the whole catalog and for every
    product; for every SaaS product where its data is hosted, whether it also installs on
    premise, and its interface languages; for every product a price or a price on request.
    """
    missed: list[Shortfall] = []
    share = coverage.total(Family.CAPABILITIES).share
    if share < overall_capabilities:
        text = f"{share:.0%} of capability availabilities known (target {overall_capabilities:.0%})"
        missed.append(Shortfall(None, Target.CATALOG_CAPABILITIES, text))
    for product in coverage.products:
        name = product.product
        capabilities = product.families[Family.CAPABILITIES]
        if capabilities.share < product_capabilities:
            text = (
                f"{capabilities.answered}/{capabilities.total} capabilities known "
                f"(target {product_capabilities:.0%})"
            )
            missed.append(Shortfall(name, Target.CAPABILITIES, text))
        if not product.priced:
            missed.append(Shortfall(name, Target.PRICE, "no price and no price on request"))
        if not product.saas:
            continue
        if not product.located:
            text = "hosting regions and countries unknown"
            missed.append(Shortfall(name, Target.HOSTING, text))
        if not product.modes_known:
            text = "on-premise availability unknown"
            missed.append(Shortfall(name, Target.ON_PREMISE, text))
        if product.families[Family.LANGUAGES].answered == 0:
            text = "interface languages unknown"
            missed.append(Shortfall(name, Target.LANGUAGES, text))
    return missed
