"""The shortlist of many clients against one catalog, fast.

`service.selection.shortlist.shortlist` rebuilds, for every client, each product's coverage
rows, price choice and TCO from its profile (about 5 ms for 20 products). Here the facts a
client's grid and TCO read are taken out of the profiles once per catalog, and the price
choice and the knock-outs that depend only on the requirements are remembered per product;
a client then costs a few arithmetic operations per product (about 1.2 ms).

The grid values and the TCO mirror `grid.py` and `costs.py` formula by formula, in the same
order of operations, so the numbers are the same to the last bit; the knock-outs are
`apply_knockouts` itself and the ranking is the very same function (`rank_screened`).
`tests/service/batches/test_runner.py` compares both paths on hundreds of generated clients
and edge cases: a change to the grid's or the TCO's formulas must be made here too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from criteria.tco import Schedule
from service.selection.catalogue import (
    ASSUMED_DEPTH,
    AVAILABILITY_FACTOR,
    CRITERIA,
    POPULATION_CAPABILITIES,
    PRIORITY_WEIGHT,
)
from service.selection.costs import LICENCE_UNITS, TRAINING_DAY_HOURS, TRAINING_GROUP_SIZE
from service.selection.grid import RATINGS, applicable_criteria, drop_constant, fill_unknowns
from service.selection.inputs import (
    Constraints,
    Priority,
    Project,
    ProjectContext,
    Requirements,
)
from service.selection.knockouts import Check, KnockoutResult, apply_knockouts
from service.selection.shortlist import Screened, rank_screened
from service.selection.weights import AggregateWeights
from vendors.filters import hosting_status
from vendors.schema import ProductProfile
from vendors.vocabulary import (
    CAPABILITIES,
    Availability,
    DeploymentMode,
    Domain,
    PriceUnit,
)

_PER_SEAT = frozenset({PriceUnit.USER_MONTH, PriceUnit.USER_YEAR, PriceUnit.LICENCE_ONE_OFF})
_MONTHLY = frozenset({PriceUnit.USER_MONTH, PriceUnit.FLAT_MONTH})
_INSTALLED = frozenset({DeploymentMode.ON_PREMISE, DeploymentMode.PRIVATE_CLOUD})
# Requirements seen per product whose price choice and knock-outs are kept (bounds memory).
_MAX_REMEMBERED = 2_000
# A project without a budget: the knock-outs other than the budget ignore the project.
_NO_PROJECT = Project(client_name="-", context=ProjectContext.FIRST_CRM)


@dataclass(frozen=True)
class _Coverage:
    availability: Availability | None
    depth: float | None
    in_editions: frozenset[str] | None


@dataclass(frozen=True)
class _Edition:
    key: str
    unit_of_kept: PriceUnit | None
    kept_currency: str | None
    kept_amount: Decimal | None
    # The usable price per budget currency, as costs._usable_price picks it: (unit, amount).
    by_currency: dict[str, tuple[PriceUnit, float]]
    minimum_seats: int | None


class _Product:
    """The facts of one profile that a client's shortlist reads, taken out once."""

    def __init__(self, profile: ProductProfile) -> None:
        self.profile = profile
        self.id = profile.id
        d = profile.deployment
        self.deployment = {
            DeploymentMode.SAAS: d.saas.value,
            DeploymentMode.ON_PREMISE: d.on_premise.value,
            DeploymentMode.PRIVATE_CLOUD: d.private_cloud.value,
        }
        self.maintenance_pct = d.maintenance_pct.value
        self.regions = list(profile.hosting.regions.value or [])
        self.countries = list(profile.hosting.countries.value or [])
        self.hosting_unpublished = (
            profile.hosting.regions.value is None and profile.hosting.countries.value is None
        )
        self.languages = profile.ui_languages.value
        self.certifications = profile.hosting.certifications.value
        self.domains = {
            domain: _Coverage(
                getattr(profile.domains, domain.value).availability.value,
                getattr(profile.domains, domain.value).depth.value,
                None,
            )
            for domain in Domain
        }
        self.capabilities = {
            key: _Coverage(
                coverage.availability.value,
                coverage.depth.value,
                None
                if coverage.in_editions.value is None
                else frozenset(coverage.in_editions.value),
            )
            for key, coverage in profile.capabilities.items()
        }
        self.ease_of_use = profile.ratings.ease_of_use.value
        self.ratings = {key: getattr(profile.ratings, key).value for key in RATINGS}
        self.editions = [self._edition(profile, edition) for edition in profile.editions]
        self.has_editions = bool(profile.editions)
        # Per population, the capability parts of grid._adoption (ease of use comes first).
        self.population_parts: dict[str, list[float]] = {}
        for population, keys in POPULATION_CAPABILITIES.items():
            parts = []
            for key in keys:
                coverage = profile.capabilities.get(key)
                if coverage is None or coverage.availability.value is None:
                    parts.append(0.0)
                    continue
                parts.append(
                    AVAILABILITY_FACTOR[coverage.availability.value]
                    * _depth01(coverage.depth.value)
                )
            self.population_parts[population] = parts
        # Coverage value of each capability and domain (grid._row), None when unknown.
        self.values: dict[tuple[str, str], float | None] = {}
        for kind, known in (("domain", self.domains), ("capability", self.capabilities)):
            for key, facts in known.items():
                self.values[(kind, key)] = _value(facts)
        # (sum, count) of the parts per population, once the ease of use is known.
        self.population_sums: dict[str, tuple[float, int]] = {}
        self.checks: dict[tuple[Any, ...], list[Check]] = {}  # per knock-out constraint
        self.prices: dict[tuple[Any, ...], tuple[PriceUnit, float, int | None] | None] = {}
        self._hosting: dict[tuple[str, ...], str] = {}

    @staticmethod
    def _edition(profile: ProductProfile, edition: Any) -> _Edition:
        fact = edition.price
        candidates = [fact.value] + [alt.value for alt in fact.alternatives]
        by_currency: dict[str, tuple[PriceUnit, float]] = {}
        for price in candidates:
            if price is not None and price.billed != "monthly":
                by_currency.setdefault(price.currency, (price.unit, float(price.amount)))
        for price in candidates:
            if price is not None:
                by_currency.setdefault(price.currency, (price.unit, float(price.amount)))
        kept = fact.value
        minimum = edition.minimum_seats.value or profile.pricing.minimum_seats.value
        return _Edition(
            key=edition.key,
            unit_of_kept=None if kept is None else kept.unit,
            kept_currency=None if kept is None else kept.currency,
            kept_amount=None if kept is None else kept.amount,
            by_currency=by_currency,
            minimum_seats=minimum,
        )

    def part(self, part: tuple[Any, ...]) -> list[Check]:
        """The checks of one knock-out constraint, as `apply_knockouts` makes them."""
        checks = self.checks.get(part)
        if checks is None:
            verdict = apply_knockouts(self.profile, _NO_PROJECT, _only(part), None)
            checks = self.checks[part] = verdict.checks
        return checks

    def hosting_status(self, allowed: list[str]) -> str:
        """vendors.filters.hosting_status, remembered per list of allowed places."""
        key = tuple(allowed)
        status = self._hosting.get(key)
        if status is None:
            status = self._hosting[key] = hosting_status(self.profile, allowed)
        return status


class FastCatalog:
    """A catalog prepared for shortlisting many clients."""

    def __init__(self, profiles: Sequence[ProductProfile], names: Mapping[str, str]) -> None:
        self.products = [_Product(profile) for profile in profiles]
        self.names = dict(names)
        rated = [p.ease_of_use for p in self.products if p.ease_of_use is not None]
        lowest_ease = float(min(rated)) if rated else None
        for p in self.products:
            ease = float(p.ease_of_use) if p.ease_of_use is not None else lowest_ease
            for population, others in p.population_parts.items():
                parts = ([] if ease is None else [ease / 5.0]) + others
                p.population_sums[population] = (sum(parts), len(parts))

    def shortlist(
        self,
        project: Project,
        requirements: Requirements,
        weights: AggregateWeights,
        *,
        size: int,
    ) -> dict[str, Any]:
        """What `service.selection.shortlist.shortlist` returns for the whole catalog."""
        price_key = _price_key(project, requirements)
        totals = {p.id: _total(p, project, requirements, price_key) for p in self.products}
        keys = applicable_criteria(requirements)
        rows = _coverage_plan(requirements)
        counts = _population_counts(project)
        raw: dict[str, dict[str, float | None]] = {}
        for p in self.products:
            values: dict[str, float | None] = {}
            fits: dict[str, tuple[list[int], list[float]]] | None = None
            for key in keys:
                if key.startswith("fit_"):
                    if fits is None:
                        fits = _fits(p, rows)
                    values[key] = _fit(fits, key.removeprefix("fit_"))
                elif key == "tco":
                    values[key] = totals[p.id]
                elif key == "adoption":
                    values[key] = _adoption(p, counts)
                elif key in RATINGS:
                    rating = p.ratings[key]
                    values[key] = None if rating is None else float(rating)
                else:
                    values[key] = _compliance(p, requirements)
            raw[p.id] = values
        used, dropped, _fallbacks = fill_unknowns(keys, raw)
        kept = [key for key in keys if key not in dropped]
        ids = [p.id for p in self.products]
        matrix = np.array([[used[pid][key] for key in kept] for pid in ids], dtype=float)
        kept, matrix, constant = drop_constant(kept, matrix)
        dropped.update(constant)
        screened = Screened(
            products=ids,
            criteria=kept,
            objectives=[CRITERIA[key].objective for key in kept],
            matrix=matrix,
            dropped=dropped,
            totals=totals,
            knockouts=[_knockouts(p, project, requirements, totals[p.id]) for p in self.products],
        )
        return rank_screened(screened, self.names, project, weights, size=size)


def _population_counts(project: Project) -> dict[str, int]:
    users = project.users
    counts = {pop: int(getattr(users, pop)) for pop in POPULATION_CAPABILITIES}
    if not any(counts.values()):
        counts = dict.fromkeys(counts, 1)
    return counts


def _adoption(p: _Product, counts: Mapping[str, int]) -> float | None:
    """grid._adoption, the sum of each population's parts taken once per catalog."""
    score, weight = 0.0, 0
    for population, count in counts.items():
        total, n = p.population_sums[population]
        if count and n:
            score += count * total / n
            weight += count
    return 5.0 * score / weight if weight else None


# The grid (grid.py).


def _coverage_plan(requirements: Requirements) -> list[tuple[str, str, str, str]]:
    """The coverage rows every product gets: (name, kind, priority, domain of the row)."""
    plan = []
    for domain in requirements.in_scope():
        has_caps = any(
            CAPABILITIES[key].domain is domain and priority is not Priority.NONE
            for key, priority in requirements.capabilities.items()
        )
        if not has_caps:
            plan.append((domain.value, "domain", requirements.domains[domain].value, domain.value))
    for key, priority in requirements.capabilities.items():
        if priority is Priority.NONE:
            continue
        domain_of = CAPABILITIES[key].domain
        plan.append(
            (
                key,
                "capability",
                priority.value,
                "platform" if domain_of is None else domain_of.value,
            )
        )
    return plan


def _fits(
    p: _Product, plan: list[tuple[str, str, str, str]]
) -> dict[str, tuple[list[int], list[float]]]:
    """Per domain, the priority weights and coverages of the product's rows (grid._fit)."""
    fits: dict[str, tuple[list[int], list[float]]] = {}
    for name, kind, priority, domain in plan:
        value = p.values.get((kind, name))
        weights, covered = fits.setdefault(domain, ([], []))
        weights.append(PRIORITY_WEIGHT[priority])
        covered.append(value or 0.0)
    return fits


def _value(coverage: _Coverage) -> float | None:
    """grid._Builder._row's coverage value."""
    if coverage.availability is None and coverage.depth is None:
        return None
    availability = coverage.availability
    factor = AVAILABILITY_FACTOR[availability] if availability is not None else 1.0
    return factor * _depth01(coverage.depth)


def _depth01(depth: float | None) -> float:
    """grid._Builder._depth: a depth on 0-1, 3/5 when nobody rated it."""
    return depth / 5.0 if depth is not None else ASSUMED_DEPTH / 5.0


def _fit(fits: Mapping[str, tuple[list[int], list[float]]], domain: str) -> float:
    scored = fits.get(domain)
    if not scored:
        return 0.0
    weights, covered = scored
    return 100.0 * float(np.dot(weights, covered)) / float(sum(weights))


def _compliance(p: _Product, requirements: Requirements) -> float:
    c = requirements.constraints
    parts = []
    if c.hosting:
        parts.append(1.0 if p.hosting_status(c.hosting) == "pass" else 0.0)
    if c.certifications:
        held = set(p.certifications or ())
        parts.append(sum(cert in held for cert in c.certifications) / len(c.certifications))
    return 100.0 * sum(parts) / len(parts)


def _mode(p: _Product, requirements: Requirements) -> str:
    allowed = set(requirements.constraints.deployment_modes) or set(DeploymentMode)
    saas = p.deployment[DeploymentMode.SAAS] is not False and DeploymentMode.SAAS in allowed
    if not saas and allowed & _INSTALLED:
        return "on_premise"
    return "saas"


def _price_key(project: Project, requirements: Requirements) -> tuple[Any, ...]:
    """What the choice of a product's price depends on, besides the product and its mode."""
    currency = project.budget.currency if project.budget else "EUR"
    rates = tuple(sorted(project.tco.exchange_rates.items()))
    musts = tuple(key for key, pr in requirements.capabilities.items() if pr is Priority.MUST)
    return (currency, rates, musts)


def _total(
    p: _Product, project: Project, requirements: Requirements, price_key: tuple[Any, ...]
) -> float | None:
    """costs.product_cost(...).total."""
    mode = _mode(p, requirements)
    key = (*price_key, project.tco.editions.get(p.id), mode)
    if key not in p.prices:
        if len(p.prices) >= _MAX_REMEMBERED:
            p.prices.clear()
        p.prices[key] = _price(p, project, requirements, mode)
    chosen = p.prices[key]
    if chosen is None:
        return None
    unit, price, minimum_seats = chosen
    seats_billed = max(project.users.total, minimum_seats or 0, 1)
    if unit in LICENCE_UNITS:
        mode = "on_premise"
    return _cost_total(p, project, unit, price, seats_billed, mode)


def _price(
    p: _Product, project: Project, requirements: Requirements, mode: str
) -> tuple[PriceUnit, float, int | None] | None:
    """The unit, the converted list price and the minimum seats costs._price_basis picks."""
    currency = project.budget.currency if project.budget else "EUR"
    priced: list[tuple[_Edition, PriceUnit, float]] = []
    for edition in p.editions:
        usable = edition.by_currency.get(currency)
        if usable is None and edition.kept_currency in project.tco.exchange_rates:
            assert edition.kept_amount is not None
            assert edition.unit_of_kept is not None
            rate = project.tco.exchange_rates[edition.kept_currency]
            usable = (edition.unit_of_kept, float(edition.kept_amount * Decimal(str(rate))))
        if usable is not None and usable[1] > 0:
            priced.append((edition, *usable))
    if not priced:
        return None
    edition, unit, price = _choose(p, priced, project, requirements, mode)
    return unit, price, edition.minimum_seats


def _choose(
    p: _Product,
    priced: list[tuple[_Edition, PriceUnit, float]],
    project: Project,
    requirements: Requirements,
    mode: str,
) -> tuple[_Edition, PriceUnit, float]:
    named = project.tco.editions.get(p.id)
    if named is not None:
        for entry in priced:
            if entry[0].key == named:
                return entry
    if mode == "on_premise":
        licences = [entry for entry in priced if entry[1] in LICENCE_UNITS]
        priced = licences or priced
    musts = [key for key, pr in requirements.capabilities.items() if pr is Priority.MUST]
    cheapest = min(priced, key=lambda entry: (entry[2], entry[0].key))
    if not musts:
        return cheapest
    known = [
        coverage.in_editions
        for key in musts
        if (coverage := p.capabilities.get(key)) is not None and coverage.in_editions is not None
    ]
    if len(known) == len(musts):
        covering = [entry for entry in priced if all(entry[0].key in eds for eds in known)]
        if covering:
            return min(covering, key=lambda entry: (entry[2], entry[0].key))
    return max(priced, key=lambda entry: (entry[2], entry[0].key))


def _cost_total(
    p: _Product, project: Project, unit: PriceUnit, price: float, seats_billed: int, mode: str
) -> float:
    """costs._cost_items scheduled and added up as criteria.tco.tco does, in the same order."""
    a = project.tco
    seats = project.users.total
    items: list[tuple[float, Schedule]] = []
    quantity = seats_billed if unit in _PER_SEAT else 1
    if unit is PriceUnit.LICENCE_ONE_OFF:
        licences = price * quantity
        items.append((licences, Schedule.ONCE))
        pct = p.maintenance_pct if p.maintenance_pct is not None else a.maintenance_pct
        items.append((licences * pct / 100, Schedule.YEARLY))
    else:
        months = 12 if unit in _MONTHLY else 1
        items.append((price * quantity * months, Schedule.YEARLY))
    services = (
        a.implementation_days + a.implementation_days_per_user * seats
    ) * a.integrator_day_rate
    items.append((services, Schedule.ONCE))
    if mode == "on_premise":
        installation = a.installation_days_on_premise * a.integrator_day_rate
        items.append((installation, Schedule.ONCE))
        items.append((a.infrastructure_per_year, Schedule.YEARLY))
        services += installation
    items.append((services * a.project_management_pct / 100, Schedule.ONCE))
    items.append((_training(seats, a.training_hours_per_user, project), Schedule.ONCE))
    items.append(
        (_training(seats, a.continuous_training_hours_per_user, project), Schedule.AFTER_FIRST)
    )
    items.append((a.internal_hours * a.internal_hourly_cost, Schedule.ONCE))
    for amount, _ in items:
        if not (amount >= 0 and amount < float("inf")):
            raise ValueError("a cost item must be a finite amount >= 0")
    first = sum(amount for amount, schedule in items if schedule is not Schedule.AFTER_FIRST)
    later = sum(amount for amount, schedule in items if schedule is not Schedule.ONCE)
    year_totals = [first] + [later] * (project.horizon_years - 1)
    return sum(year_totals)


def _training(seats: int, hours: float, project: Project) -> float:
    a = project.tco
    trainer_days = math.ceil(seats / TRAINING_GROUP_SIZE) * hours / TRAINING_DAY_HOURS
    return trainer_days * a.trainer_day_rate + seats * hours * a.internal_hourly_cost


# The knock-outs (knockouts.py).


def _knockouts(
    p: _Product, project: Project, requirements: Requirements, tco_total: float | None
) -> KnockoutResult:
    """knockouts.apply_knockouts: each constraint's check is `apply_knockouts`' own, for
    requirements holding only that constraint, remembered per product; the budget's is made
    for each client as `apply_knockouts` makes it."""
    c = requirements.constraints
    result = KnockoutResult(p.id)
    checks = result.checks
    if c.deployment_modes:
        checks.extend(p.part(("deployment_modes", tuple(c.deployment_modes))))
    if c.hosting:
        checks.extend(p.part(("hosting", tuple(c.hosting))))
    if c.ui_languages:
        checks.extend(p.part(("ui_languages", tuple(c.ui_languages))))
    if c.certifications:
        checks.extend(p.part(("certifications", tuple(c.certifications))))
    for domain, priority in requirements.domains.items():
        if priority is Priority.MUST:
            checks.extend(p.part(("domain", domain)))
    for key, priority in requirements.capabilities.items():
        if priority is Priority.MUST:
            checks.extend(p.part(("capability", key)))
    if c.budget_ceiling and project.budget is not None:
        ceiling = f"{project.budget.high:,.0f} {project.budget.currency}"
        if tco_total is None:
            checks.append(Check("budget", "unknown", "TCO unknown: no usable price"))
        elif tco_total > project.budget.high:
            checks.append(
                Check("budget", "fail", f"TCO {tco_total:,.0f} above the ceiling of {ceiling}")
            )
        else:
            checks.append(Check("budget", "pass", f"TCO {tco_total:,.0f} within {ceiling}"))
    return result


def _only(part: tuple[Any, ...]) -> Requirements:
    """Requirements whose only knock-out is `part`."""
    kind, value = part
    if kind == "domain":
        return Requirements(domains={value: Priority.MUST})
    if kind == "capability":
        return Requirements(capabilities={value: Priority.MUST})
    return Requirements(
        constraints=Constraints.model_validate({kind: list(value), "budget_ceiling": False})
    )
