"""The facts of one product profile that a selection reads, taken out once.

A profile is a tree of sourced facts; the criteria, the costs and the knock-outs read a few
dozen of them per product and client. :class:`ProductFacts` holds those as plain values
(``None`` when unknown) with the evidence behind each, so that a batch of thousands of
clients prepares each product once and every formula reads the same facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from vendors.schema import Fact, Judgement, ProductProfile
from vendors.vocabulary import (
    Availability,
    BillingPeriod,
    Confidence,
    DeploymentMode,
    Domain,
    PriceUnit,
)

#: The 0-5 ratings the grid reads.
RATING_KEYS = ("ease_of_use", "ease_of_deployment", "scalability")
# Evidence a consultant should double-check before relying on it.
LOW_CONFIDENCE = frozenset({Confidence.THIRD_PARTY.value})


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a known fact comes from."""

    source: str | None
    as_of: str | None
    confidence: str | None
    inferred: bool = False
    rated_by: str | None = None

    @property
    def weak(self) -> bool:
        """Third-party evidence or a value inferred rather than stated."""
        return self.inferred or self.confidence in LOW_CONFIDENCE


@dataclass(frozen=True, slots=True)
class Coverage:
    """A domain's or capability's availability, depth and editions (None: unknown)."""

    availability: Availability | None
    depth: float | None
    in_editions: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class ListPrice:
    """One list price of an edition, as the source gives it."""

    amount: float
    currency: str
    unit: PriceUnit
    billed: BillingPeriod | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class EditionFacts:
    """An edition: its prices (the kept value first, then the alternatives) and seat minimum."""

    key: str
    name: str
    prices: tuple[ListPrice, ...]
    minimum_seats: int | None


@dataclass(frozen=True)
class ProductFacts:
    """What the selection reads of one product, each value None when the sources are silent."""

    id: str
    name: str
    profile: ProductProfile
    deployment: Mapping[DeploymentMode, bool | None]
    maintenance_pct: float | None
    implementation_days: float | None
    regions: tuple[str, ...] | None
    countries: tuple[str, ...] | None
    certifications: tuple[str, ...] | None
    languages: tuple[str, ...] | None
    domains: Mapping[Domain, Coverage]
    capabilities: Mapping[str, Coverage]
    ratings: Mapping[str, float | None]
    editions: tuple[EditionFacts, ...]
    evidence: Mapping[str, Evidence] = field(default_factory=dict)
    #: What the formulas derive from these facts alone (a need's coverage terms), kept for the
    #: next client of a batch; facts are never copied, only built again from a profile.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, profile: ProductProfile, name: str | None = None) -> ProductFacts:
        """Take the facts out of ``profile``; ``name`` defaults to the product's own name."""
        evidence: dict[str, Evidence] = {}

        def known(path: str, fact: Fact[Any]) -> Any:
            if fact.value is None:
                return None
            evidence[path] = _evidence(fact)
            return fact.value

        d = profile.deployment
        deployment = {
            mode: known(f"deployment.{mode.value}", getattr(d, mode.value))
            for mode in DeploymentMode
        }
        domains = {
            domain: _coverage(
                known, f"domains.{domain.value}", getattr(profile.domains, domain.value)
            )
            for domain in Domain
        }
        capabilities = {
            key: _coverage(known, f"capabilities.{key}", coverage)
            for key, coverage in profile.capabilities.items()
        }
        ratings = {
            key: known(f"ratings.{key}", getattr(profile.ratings, key)) for key in RATING_KEYS
        }
        hosting = profile.hosting
        return cls(
            id=profile.id,
            name=name or profile.product.value or profile.id,
            profile=profile,
            deployment=MappingProxyType(deployment),
            maintenance_pct=known("deployment.maintenance_pct", d.maintenance_pct),
            implementation_days=known("deployment.implementation_days", d.implementation_days),
            regions=_tuple(known("hosting.regions", hosting.regions)),
            countries=_tuple(known("hosting.countries", hosting.countries)),
            certifications=_tuple(known("hosting.certifications", hosting.certifications)),
            languages=_tuple(known("ui_languages", profile.ui_languages)),
            domains=MappingProxyType(domains),
            capabilities=MappingProxyType(capabilities),
            ratings=MappingProxyType(
                {k: None if v is None else float(v) for k, v in ratings.items()}
            ),
            editions=tuple(_edition(profile, edition) for edition in profile.editions),
            evidence=MappingProxyType(evidence),
        )

    def coverage(self, key: str) -> Coverage:
        """A capability's coverage; an unlisted capability is wholly unknown."""
        return self.capabilities.get(key, UNKNOWN_COVERAGE)

    def weak(self, path: str) -> Evidence | None:
        """The evidence of a fact used at ``path`` when it is weak, else None."""
        found = self.evidence.get(path)
        return found if found is not None and found.weak else None


UNKNOWN_COVERAGE = Coverage(None, None, None)


def _evidence(fact: Fact[Any]) -> Evidence:
    return Evidence(
        source=fact.source,
        as_of=fact.as_of.isoformat() if fact.as_of else None,
        confidence=fact.confidence.value if fact.confidence else None,
        inferred=fact.inferred,
        rated_by=fact.rated_by if isinstance(fact, Judgement) else None,
    )


def _coverage(known: Any, path: str, coverage: Any) -> Coverage:
    editions = getattr(coverage, "in_editions", None)
    in_editions = None if editions is None else known(f"{path}.in_editions", editions)
    depth = known(f"{path}.depth", coverage.depth)
    return Coverage(
        availability=known(f"{path}.availability", coverage.availability),
        depth=None if depth is None else float(depth),
        in_editions=None if in_editions is None else frozenset(in_editions),
    )


def _tuple(values: list[Any] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(str(v) for v in values)


def _edition(profile: ProductProfile, edition: Any) -> EditionFacts:
    fact = edition.price
    prices = []
    for item in [fact, *fact.alternatives]:
        price = item.value
        if price is None:
            continue
        prices.append(
            ListPrice(
                amount=float(price.amount),
                currency=price.currency,
                unit=price.unit,
                billed=price.billed,
                evidence=Evidence(
                    source=item.source,
                    as_of=item.as_of.isoformat() if item.as_of else None,
                    confidence=item.confidence.value if item.confidence else None,
                    inferred=item.inferred,
                ),
            )
        )
    minimum = edition.minimum_seats.value or profile.pricing.minimum_seats.value
    return EditionFacts(edition.key, edition.name, tuple(prices), minimum)
