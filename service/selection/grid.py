"""The decision matrix of one project: each compared product scored on each criterion of the
grid, with every missing fact and weak input reported, never silently zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from service.selection.catalogue import (
    ASSUMED_DEPTH,
    AVAILABILITY_FACTOR,
    CRITERIA,
    POPULATION_CAPABILITIES,
    PRIORITY_WEIGHT,
)
from service.selection.costs import ProductCost, product_cost
from service.selection.findings import LOW_CONFIDENCE, LowConfidenceInput, Missing
from service.selection.inputs import Priority, Project, Requirements
from vendors.filters import hosting_status
from vendors.schema import Coverage, Fact, Judgement, ProductProfile
from vendors.vocabulary import CAPABILITIES

RATINGS = ("ease_of_deployment", "scalability")


@dataclass(frozen=True)
class CoverageRow:
    """How one product meets one requirement."""

    requirement: str
    kind: str  # "capability" or "domain"
    priority: str
    availability: str | None
    depth: float | None
    coverage: float | None  # 0-1, None when unknown
    status: str  # "covered", "partial", "gap" or "unknown"

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return self.__dict__.copy()


@dataclass
class Grid:
    """Products x criteria, with what was missing, weak, dropped and how each need is met."""

    products: list[str]
    criteria: list[str]
    objectives: list[str]
    matrix: np.ndarray[Any, np.dtype[np.float64]]
    raw: dict[str, dict[str, float | None]]
    dropped: dict[str, str]
    costs: dict[str, ProductCost]
    coverage: dict[str, list[CoverageRow]]
    missing: list[Missing] = field(default_factory=list)
    low_confidence: list[LowConfidenceInput] = field(default_factory=list)


def applicable_criteria(requirements: Requirements) -> list[str]:
    """The criteria this project's requirements call for, in grid order."""
    keys = [f"fit_{domain.value}" for domain in requirements.fit_domains()]
    platform = [
        key
        for key, priority in requirements.capabilities.items()
        if CAPABILITIES[key].domain is None and priority is not Priority.NONE
    ]
    if platform:
        keys.append("fit_platform")
    keys += ["tco", "adoption", *RATINGS]
    c = requirements.constraints
    if c.hosting or c.certifications:
        keys.append("hosting_compliance")
    return keys


def build_grid(
    profiles: Sequence[ProductProfile], project: Project, requirements: Requirements
) -> Grid:
    """Score every product on every applicable criterion and apply the missing-fact policies."""
    builder = _Builder(profiles, project, requirements)
    return builder.build()


class _Builder:
    def __init__(
        self, profiles: Sequence[ProductProfile], project: Project, requirements: Requirements
    ) -> None:
        self.profiles = list(profiles)
        self.project = project
        self.requirements = requirements
        self.missing: list[Missing] = []
        self._seen: set[Missing] = set()
        self.weak: dict[tuple[str, str], LowConfidenceInput] = {}

    def build(self) -> Grid:
        keys = applicable_criteria(self.requirements)
        costs = {p.id: product_cost(p, self.project, self.requirements) for p in self.profiles}
        for cost in costs.values():
            self.missing.extend(cost.missing)
            basis = cost.basis
            if basis is not None and basis.confidence in LOW_CONFIDENCE:
                path = f"editions.{basis.edition}.price"
                self.weak[(cost.product, path)] = LowConfidenceInput(
                    cost.product, path, basis.confidence, inferred=False, source=basis.source
                )
        coverage = {p.id: self._coverage_rows(p) for p in self.profiles}
        raw: dict[str, dict[str, float | None]] = {p.id: {} for p in self.profiles}
        for p in self.profiles:
            for key in keys:
                raw[p.id][key] = self._raw(p, key, costs[p.id], coverage[p.id])
        used, dropped = self._policies(keys, raw)
        kept = [key for key in keys if key not in dropped]
        ids = [p.id for p in self.profiles]
        matrix = np.array([[used[pid][key] for key in kept] for pid in ids], dtype=float)
        kept, matrix, constant = drop_constant(kept, matrix)
        dropped.update(constant)
        return Grid(
            products=ids,
            criteria=kept,
            objectives=[CRITERIA[key].objective for key in kept],
            matrix=matrix,
            raw=raw,
            dropped=dropped,
            costs=costs,
            coverage=coverage,
            missing=self.missing,
            low_confidence=list(self.weak.values()),
        )

    # Raw values: what the facts say, None where they say nothing.

    def _raw(
        self, profile: ProductProfile, key: str, cost: ProductCost, rows: list[CoverageRow]
    ) -> float | None:
        if key.startswith("fit_"):
            return _fit(rows, key.removeprefix("fit_"))
        if key == "tco":
            return cost.total
        if key == "adoption":
            return self._adoption(profile)
        if key in RATINGS:
            return self._rating(profile, key)
        return self._compliance(profile)

    def _coverage_rows(self, profile: ProductProfile) -> list[CoverageRow]:
        rows: list[CoverageRow] = []
        req = self.requirements
        for domain, domain_priority in req.fit_domains().items():
            has_caps = any(
                CAPABILITIES[key].domain is domain and priority is not Priority.NONE
                for key, priority in req.capabilities.items()
            )
            if not has_caps:
                coverage = getattr(profile.domains, domain.value)
                path = f"domains.{domain.value}"
                rows.append(
                    self._row(profile, domain.value, "domain", domain_priority, coverage, path)
                )
        for key, priority in req.capabilities.items():
            if priority is Priority.NONE:
                continue
            coverage = profile.capabilities.get(key)
            rows.append(
                self._row(profile, key, "capability", priority, coverage, f"capabilities.{key}")
            )
        return rows

    def _row(
        self,
        profile: ProductProfile,
        name: str,
        kind: str,
        priority: Priority,
        coverage: Coverage | None,
        path: str,
    ) -> CoverageRow:
        availability = coverage.availability.value if coverage else None
        depth = coverage.depth.value if coverage else None
        if coverage is not None:
            self._note_weak(profile, f"{path}.availability", coverage.availability)
            self._note_weak(profile, f"{path}.depth", coverage.depth)
        value: float | None
        if availability is None and depth is None:
            value = None
            criterion = f"fit_{_domain_of(name, kind)}"
            self._missing_once(
                profile.id, f"{path}.availability", criterion, "counted as not covered (0)"
            )
        else:
            factor = AVAILABILITY_FACTOR[availability] if availability is not None else 1.0
            value = factor * self._depth(profile, path, depth, f"fit_{_domain_of(name, kind)}")
        status = (
            "unknown"
            if value is None
            else "covered"
            if value >= 0.6
            else "partial"
            if value > 0
            else "gap"
        )
        return CoverageRow(name, kind, priority.value, availability, depth, value, status)

    def _adoption(self, profile: ProductProfile) -> float | None:
        users = self.project.users
        counts = {pop: int(getattr(users, pop)) for pop in POPULATION_CAPABILITIES}
        if not any(counts.values()):
            counts = dict.fromkeys(counts, 1)
        ease = self._ease_of_use(profile)
        score, weight = 0.0, 0
        for population, count in counts.items():
            parts = [] if ease is None else [ease / 5.0]
            for key in POPULATION_CAPABILITIES[population]:
                coverage = profile.capabilities.get(key)
                path = f"capabilities.{key}"
                if coverage is None or coverage.availability.value is None:
                    parts.append(0.0)
                    self._missing_once(
                        profile.id, f"{path}.availability", "adoption", "counted as not covered (0)"
                    )
                    continue
                self._note_weak(profile, f"{path}.availability", coverage.availability)
                depth = self._depth(profile, path, coverage.depth.value, "adoption")
                parts.append(AVAILABILITY_FACTOR[coverage.availability.value] * depth)
            if count and parts:  # a population with nothing known to score is left out
                score += count * sum(parts) / len(parts)
                weight += count
        return 5.0 * score / weight if weight else None

    def _depth(
        self, profile: ProductProfile, path: str, depth: float | None, criterion: str
    ) -> float:
        """A capability's depth on 0-1; an unrated one is assumed 3/5 and reported."""
        if depth is not None:
            return depth / 5.0
        self._missing_once(
            profile.id, f"{path}.depth", criterion, f"not rated: assumed {ASSUMED_DEPTH:g}/5"
        )
        return ASSUMED_DEPTH / 5.0

    def _missing_once(self, product: str, fact: str, criterion: str, treatment: str) -> None:
        entry = Missing(product, fact, criterion, treatment)
        if entry not in self._seen:
            self._seen.add(entry)
            self.missing.append(entry)

    def _ease_of_use(self, profile: ProductProfile) -> float | None:
        """The product's ease of use, or the lowest known among the compared products."""
        fact = profile.ratings.ease_of_use
        if fact.value is not None:
            self._note_weak(profile, "ratings.ease_of_use", fact)
            return float(fact.value)
        known = [p.ratings.ease_of_use.value for p in self.profiles]
        rated = [value for value in known if value is not None]
        if not rated:
            return None  # nobody rated: adoption rests on the populations' capabilities
        self.missing.append(
            Missing(
                profile.id,
                "ratings.ease_of_use",
                "adoption",
                f"lowest known among the compared: {min(rated):.3g}",
            )
        )
        return float(min(rated))

    def _rating(self, profile: ProductProfile, key: str) -> float | None:
        judgement: Judgement = getattr(profile.ratings, key)
        self._note_weak(profile, f"ratings.{key}", judgement)
        return None if judgement.value is None else float(judgement.value)

    def _compliance(self, profile: ProductProfile) -> float:
        c = self.requirements.constraints
        parts = []
        if c.hosting:
            status = hosting_status(profile, c.hosting)
            parts.append(1.0 if status == "pass" else 0.0)
            self._note_weak(profile, "hosting.regions", profile.hosting.regions)
            self._note_weak(profile, "hosting.countries", profile.hosting.countries)
            if status == "unknown":
                self.missing.append(
                    Missing(
                        profile.id,
                        "hosting",
                        "hosting_compliance",
                        "hosting in an allowed place not confirmed: counted as not compliant",
                    )
                )
        if c.certifications:
            held = set(profile.hosting.certifications.value or ())
            self._note_weak(profile, "hosting.certifications", profile.hosting.certifications)
            parts.append(sum(cert in held for cert in c.certifications) / len(c.certifications))
            unconfirmed = [cert for cert in c.certifications if cert not in held]
            if unconfirmed:
                self.missing.append(
                    Missing(
                        profile.id,
                        "hosting.certifications",
                        "hosting_compliance",
                        f"{', '.join(unconfirmed)} not confirmed: counted as not held",
                    )
                )
        return 100.0 * sum(parts) / len(parts)

    # Policies for what the facts do not say.

    def _policies(
        self, keys: list[str], raw: dict[str, dict[str, float | None]]
    ) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
        used, dropped, fallbacks = fill_unknowns(keys, raw)
        for key, fallback in fallbacks.items():
            for pid, values in raw.items():
                if values[key] is not None:
                    continue
                if key in RATINGS:
                    treatment = f"lowest known among the compared: {fallback:.3g}"
                    self._missing_once(pid, f"ratings.{key}", key, treatment)
                elif key == "tco":
                    treatment = f"highest TCO known among the compared: {fallback:,.0f}"
                    self._missing_once(pid, "editions.*.price", key, treatment)
        return used, dropped

    def _note_weak(self, profile: ProductProfile, path: str, fact: Fact[Any]) -> None:
        if fact.value is None:
            return
        if fact.confidence in LOW_CONFIDENCE or fact.inferred:
            self.weak[(profile.id, path)] = LowConfidenceInput(
                product=profile.id,
                fact=path,
                confidence=fact.confidence.value if fact.confidence else None,
                inferred=fact.inferred,
                source=fact.source,
            )


def fill_unknowns(
    keys: list[str], raw: dict[str, dict[str, float | None]]
) -> tuple[dict[str, dict[str, float]], dict[str, str], dict[str, float]]:
    """Apply the missing-fact policy to raw values (products x criteria).

    A criterion that fewer than two products have facts for is left out (returned in
    `dropped` with the reason); otherwise an unknown value takes the worst known one: the
    lowest for a benefit, the highest for a cost (returned in `fallbacks`).
    """
    used: dict[str, dict[str, float]] = {pid: {} for pid in raw}
    dropped: dict[str, str] = {}
    fallbacks: dict[str, float] = {}
    for key in keys:
        known = [value for values in raw.values() if (value := values[key]) is not None]
        if len(known) < 2:
            who = "no compared product has" if not known else "only one compared product has"
            dropped[key] = f"{who} the facts this criterion needs"
            continue
        fallback = max(known) if CRITERIA[key].objective == "min" else min(known)
        fallbacks[key] = fallback
        for pid, values in raw.items():
            given = values[key]
            used[pid][key] = fallback if given is None else given
    return used, dropped, fallbacks


def _fit(rows: list[CoverageRow], domain: str) -> float:
    """Priority-weighted coverage of the domain's requirements, in %."""
    scored = [row for row in rows if _row_domain(row) == domain and row.priority in PRIORITY_WEIGHT]
    if not scored:
        return 0.0
    weights = [PRIORITY_WEIGHT[row.priority] for row in scored]
    covered = [row.coverage or 0.0 for row in scored]
    return 100.0 * float(np.dot(weights, covered)) / float(sum(weights))


def _row_domain(row: CoverageRow) -> str:
    return _domain_of(row.requirement, row.kind)


def _domain_of(name: str, kind: str) -> str:
    if kind == "domain":
        return name
    domain = CAPABILITIES[name].domain
    return "platform" if domain is None else domain.value


def drop_constant(
    keys: list[str], matrix: np.ndarray[Any, np.dtype[np.float64]]
) -> tuple[list[str], np.ndarray[Any, np.dtype[np.float64]], dict[str, str]]:
    """Leave out criteria on which every product scores the same: they cannot change a ranking."""
    if matrix.shape[0] < 2:
        return keys, matrix, {}
    constant = np.all(np.isclose(matrix, matrix[:1, :], rtol=1e-12, atol=1e-12), axis=0)
    dropped = {
        key: "every compared product scores the same on it"
        for key, flat in zip(keys, constant, strict=True)
        if flat
    }
    kept = [key for key, flat in zip(keys, constant, strict=True) if not flat]
    return kept, matrix[:, ~constant], dropped
