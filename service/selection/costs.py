"""The all-inclusive cost of each product over the project's horizon (004 §05, §10).

Which price: the edition the project names for the product, else the cheapest paid edition
known to include every must-have capability, else (when the catalog does not say which
editions include them) the most expensive paid edition, which is the conservative choice.
Free editions are never the basis of a project. A price in another currency than the budget's
is converted only with a rate the project gives; without one it counts as unpublished.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from criteria.tco import CostItem, Schedule, TcoBreakdown, tco
from service.selection.findings import Missing
from service.selection.inputs import Priority, Project, Requirements
from vendors.schema import Edition, Price, ProductProfile
from vendors.vocabulary import DeploymentMode, PriceUnit

Mode = Literal["saas", "on_premise"]
TRAINING_GROUP_SIZE = 8  # trainees per trainer day
TRAINING_DAY_HOURS = 7
LICENCE_UNITS = frozenset({PriceUnit.LICENCE_ONE_OFF})


@dataclass(frozen=True)
class PriceBasis:
    """The list price a TCO rests on, with its provenance and why that edition."""

    edition: str
    edition_name: str
    amount: float
    currency: str
    unit: str
    converted_amount: float
    seats_billed: int
    source: str | None
    as_of: str | None
    confidence: str | None
    choice: str


@dataclass
class ProductCost:
    """One product's TCO, or why it could not be computed."""

    product: str
    mode: Mode
    basis: PriceBasis | None
    breakdown: TcoBreakdown | None
    missing: list[Missing] = field(default_factory=list)

    @property
    def total(self) -> float | None:
        """The TCO over the horizon, None when no usable price is known."""
        return self.breakdown.total if self.breakdown else None

    def to_dict(self) -> dict[str, Any]:
        """Return plain data: the basis, the year-by-year table and the totals."""
        breakdown = self.breakdown
        return {
            "product": self.product,
            "mode": self.mode,
            "basis": None if self.basis is None else self.basis.__dict__,
            "total": self.total,
            "years": [] if breakdown is None else [dict(row) for row in breakdown.years],
            "year_totals": [] if breakdown is None else list(breakdown.year_totals),
            "item_totals": {} if breakdown is None else dict(breakdown.item_totals),
        }


def budget_fit(total: float | None, project: Project) -> str | None:
    """Place a TCO against the budget range: below, within or above (None if unknown)."""
    if total is None or project.budget is None:
        return None
    if total > project.budget.high:
        return "above"
    return "below" if total < project.budget.low else "within"


def costing_mode(profile: ProductProfile, requirements: Requirements) -> Mode:
    """SaaS when the product offers it and the client allows it, else installed software."""
    allowed = set(requirements.constraints.deployment_modes) or set(DeploymentMode)
    saas = profile.deployment.saas.value is not False and DeploymentMode.SAAS in allowed
    installed = allowed & {DeploymentMode.ON_PREMISE, DeploymentMode.PRIVATE_CLOUD}
    if not saas and installed:
        return "on_premise"
    return "saas"


def product_cost(
    profile: ProductProfile, project: Project, requirements: Requirements
) -> ProductCost:
    """Compute a product's TCO for the project, saying what was missing and assumed."""
    mode = costing_mode(profile, requirements)
    missing: list[Missing] = []
    basis = _price_basis(profile, project, requirements, mode, missing)
    if basis is None:
        return ProductCost(profile.id, mode, None, None, missing)
    if PriceUnit(basis.unit) in LICENCE_UNITS:
        mode = "on_premise"
    items = _cost_items(profile, project, basis, mode, missing)
    return ProductCost(profile.id, mode, basis, tco(items, years=project.horizon_years), missing)


def _cost_items(
    profile: ProductProfile, project: Project, basis: PriceBasis, mode: Mode, missing: list[Missing]
) -> dict[str, CostItem]:
    a = project.tco
    seats = project.users.total
    unit = PriceUnit(basis.unit)
    price = basis.converted_amount
    items: dict[str, CostItem] = {}
    per_seat = unit in {PriceUnit.USER_MONTH, PriceUnit.USER_YEAR, PriceUnit.LICENCE_ONE_OFF}
    quantity = basis.seats_billed if per_seat else 1
    if unit is PriceUnit.LICENCE_ONE_OFF:
        licences = price * quantity
        items["licences"] = CostItem(licences, Schedule.ONCE)
        pct = profile.deployment.maintenance_pct.value
        if pct is None:
            pct = a.maintenance_pct
            missing.append(
                Missing(
                    profile.id, "deployment.maintenance_pct", "tco", f"assumed {pct:g} % a year"
                )
            )
        items["maintenance"] = CostItem(licences * pct / 100, Schedule.YEARLY)
    else:
        months = 12 if unit in {PriceUnit.USER_MONTH, PriceUnit.FLAT_MONTH} else 1
        items["subscription"] = CostItem(price * quantity * months, Schedule.YEARLY)
    services = (
        a.implementation_days + a.implementation_days_per_user * seats
    ) * a.integrator_day_rate
    items["implementation"] = CostItem(services, Schedule.ONCE)
    if mode == "on_premise":
        installation = a.installation_days_on_premise * a.integrator_day_rate
        items["installation"] = CostItem(installation, Schedule.ONCE)
        items["infrastructure"] = CostItem(a.infrastructure_per_year, Schedule.YEARLY)
        services += installation
    items["integrator_fees"] = CostItem(services * a.project_management_pct / 100, Schedule.ONCE)
    items["training"] = CostItem(
        _training(seats, a.training_hours_per_user, project), Schedule.ONCE
    )
    items["continuous_training"] = CostItem(
        _training(seats, a.continuous_training_hours_per_user, project), Schedule.AFTER_FIRST
    )
    items["internal_hours"] = CostItem(a.internal_hours * a.internal_hourly_cost, Schedule.ONCE)
    return items


def _training(seats: int, hours: float, project: Project) -> float:
    """Trainer days for groups of TRAINING_GROUP_SIZE, plus the trainees' own time."""
    a = project.tco
    trainer_days = math.ceil(seats / TRAINING_GROUP_SIZE) * hours / TRAINING_DAY_HOURS
    return trainer_days * a.trainer_day_rate + seats * hours * a.internal_hourly_cost


def _price_basis(
    profile: ProductProfile,
    project: Project,
    requirements: Requirements,
    mode: Mode,
    missing: list[Missing],
) -> PriceBasis | None:
    currency = project.budget.currency if project.budget else "EUR"
    priced: list[tuple[Edition, Price, float, Any]] = []
    for edition in profile.editions:
        usable = _usable_price(edition, currency, project)
        if usable is not None and usable[1] > 0:
            priced.append((edition, *usable))
    if not priced:
        why = "no published paid price" + (
            f" in {currency} or a currency with a rate in tco.exchange_rates"
            if profile.editions
            else ""
        )
        missing.append(Missing(profile.id, "editions.*.price", "tco", why))
        return None
    chosen, choice = _choose(profile, priced, project, requirements, mode)
    edition, price, converted, fact = chosen
    seats = max(project.users.total, _minimum_seats(profile, edition) or 0, 1)
    return PriceBasis(
        edition=edition.key,
        edition_name=edition.name,
        amount=float(price.amount),
        currency=price.currency,
        unit=price.unit.value,
        converted_amount=converted,
        seats_billed=seats,
        source=fact.source,
        as_of=fact.as_of.isoformat() if fact.as_of else None,
        confidence=fact.confidence.value if fact.confidence else None,
        choice=choice,
    )


def _usable_price(
    edition: Edition, currency: str, project: Project
) -> tuple[Price, float, Any] | None:
    """The price in the budget currency: the kept value, an alternative, or converted."""
    fact = edition.price
    candidates = [(fact.value, fact)] + [(alt.value, alt) for alt in fact.alternatives]
    for price, source in candidates:
        if price is not None and price.currency == currency and price.billed != "monthly":
            return price, float(price.amount), source
    for price, source in candidates:
        if price is not None and price.currency == currency:
            return price, float(price.amount), source
    kept = fact.value
    if kept is not None and kept.currency in project.tco.exchange_rates:
        return (
            kept,
            float(kept.amount * Decimal(str(project.tco.exchange_rates[kept.currency]))),
            fact,
        )
    return None


def _choose(
    profile: ProductProfile,
    priced: list[tuple[Edition, Price, float, Any]],
    project: Project,
    requirements: Requirements,
    mode: Mode,
) -> tuple[tuple[Edition, Price, float, Any], str]:
    named = project.tco.editions.get(profile.id)
    if named is not None:
        for entry in priced:
            if entry[0].key == named:
                return entry, "edition named by the project"
    if mode == "on_premise":
        licences = [entry for entry in priced if entry[1].unit in LICENCE_UNITS]
        priced = licences or priced
    musts = [key for key, p in requirements.capabilities.items() if p is Priority.MUST]
    cheapest = min(priced, key=lambda entry: (entry[2], entry[0].key))
    if not musts:
        return cheapest, "cheapest paid edition (no must-have capability)"
    known = [
        set(profile.capabilities[key].in_editions.value or ())
        for key in musts
        if key in profile.capabilities and profile.capabilities[key].in_editions.value is not None
    ]
    if len(known) == len(musts):
        covering = [entry for entry in priced if all(entry[0].key in eds for eds in known)]
        if covering:
            best = min(covering, key=lambda entry: (entry[2], entry[0].key))
            return best, "cheapest paid edition with every must-have capability"
    dearest = max(priced, key=lambda entry: (entry[2], entry[0].key))
    return dearest, (
        "most expensive paid edition: the catalog does not say which editions include every "
        "must-have capability (conservative; name an edition in tco.editions to change it)"
    )


def _minimum_seats(profile: ProductProfile, edition: Edition) -> int | None:
    return edition.minimum_seats.value or profile.pricing.minimum_seats.value
