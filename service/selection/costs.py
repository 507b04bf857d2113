"""The all-inclusive cost of each product over the project's horizon (004 §05, §10), as a range
when the price it rests on is not known.

Which edition: the one the project names for the product; else, when the catalog says which
editions include every must-have capability, the cheapest of those with a price; else any
paid edition not known to lack a must-have, each equally likely (with no must-have, the
cheapest priced edition). Free editions are never the basis of a project. A price in another
currency is converted with the project's rate or the ECB reference rate (``currency.py``). An
edition without a usable price costs between the catalog's lowest and highest per-user price
of the same deployment mode (``unknowns.policy(Kind.PRICE)``).

The schedule of the cost items is :func:`criteria.tco.tco`'s. A product's TCO is affine in
the price of its edition and, for a licence, bilinear with the maintenance rate; the sampler
uses coefficients read from that one schedule rather than a second formula.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import numpy as np

from criteria.problem import FloatArray
from criteria.tco import CostItem, InvalidCostItem, Schedule, TcoBreakdown, tco
from service.selection.currency import Rate, Rates
from service.selection.facts import EditionFacts, ListPrice, ProductFacts
from service.selection.inputs import (
    DEFAULT_IMPLEMENTATION_DAYS,
    Budget,
    Priority,
    Project,
    Requirements,
)
from service.selection.unknowns import MAINTENANCE_RANGE, Kind, Uniform, Unknown
from vendors.schema import MAX_AMOUNT
from vendors.vocabulary import DeploymentMode, PriceUnit

Mode = Literal["saas", "on_premise"]
TRAINING_GROUP_SIZE = 8  # trainees per trainer day
TRAINING_DAY_HOURS = 7
LICENCE_UNITS = frozenset({PriceUnit.LICENCE_ONE_OFF})
PER_SEAT = frozenset({PriceUnit.USER_MONTH, PriceUnit.USER_YEAR, PriceUnit.LICENCE_ONE_OFF})
MONTHLY = frozenset({PriceUnit.USER_MONTH, PriceUnit.FLAT_MONTH})
# Pricing situations remembered per market (bounds memory in a batch of many clients).
_MAX_REMEMBERED = 20_000
#: The unit a bound is stated in, per deployment family.
BOUND_UNITS: dict[Mode, PriceUnit] = {
    "saas": PriceUnit.USER_MONTH,
    "on_premise": PriceUnit.LICENCE_ONE_OFF,
}


class CostOutOfRange(ValueError):
    """A fact beyond the schema's bounds (stored before them, or edited by hand) that a cost
    rests on: a list price, or a fact that makes a cost item negative or infinite. ``product``
    and ``fact`` name it; it may be another product's, as an unpriced edition is ranged with
    the catalog's prices."""

    def __init__(self, product: str, fact: str, reason: str) -> None:
        self.product = product
        self.fact = fact
        self.reason = reason
        super().__init__(f"{fact} of product {product!r} {reason}")

    def __reduce__(self) -> tuple[type[CostOutOfRange], tuple[str, str, str]]:
        """Pickled whole (an export rendered in a worker process reports it)."""
        return (CostOutOfRange, (self.product, self.fact, self.reason))


@dataclass(frozen=True, slots=True)
class PriceBound:
    """One end of a price range: a catalog product's list price, per user, in the budget
    currency (per month for SaaS, once for a licence), with its source."""

    amount: float
    product: str
    product_name: str
    edition: str
    edition_name: str
    list_amount: float
    currency: str
    unit: str
    source: str | None
    as_of: str | None
    rate: Rate | None


@dataclass(frozen=True)
class PriceBounds:
    """The lowest and highest per-user list prices of the catalog, per deployment family."""

    ranges: Mapping[Mode, tuple[PriceBound, PriceBound]]
    currency: str

    @classmethod
    def of(cls, products: Iterable[ProductFacts], rates: Rates) -> PriceBounds:
        """Bounds from every paid per-user list price the products publish; a family needs
        prices from two products or more, else it has no bound."""
        found: dict[Mode, list[PriceBound]] = {"saas": [], "on_premise": []}
        for facts in products:
            check_prices(facts)  # any of them may bound another product's price
            for edition in facts.editions:
                for family in found:
                    usable = usable_price(edition, rates, family)
                    if usable is None or usable[0].unit not in PER_SEAT:
                        continue
                    price, amount, rate = usable
                    if amount <= 0 or (family == "saas") == (price.unit in LICENCE_UNITS):
                        continue
                    per_month = amount / 12.0 if price.unit is PriceUnit.USER_YEAR else amount
                    found[family].append(
                        PriceBound(
                            amount=per_month,
                            product=facts.id,
                            product_name=facts.name,
                            edition=edition.key,
                            edition_name=edition.name,
                            list_amount=price.amount,
                            currency=price.currency,
                            unit=price.unit.value,
                            source=price.evidence.source,
                            as_of=price.evidence.as_of,
                            rate=rate,
                        )
                    )
        ranges: dict[Mode, tuple[PriceBound, PriceBound]] = {}
        for family, bounds in found.items():
            if len({bound.product for bound in bounds}) >= 2:
                ordered = sorted(bounds, key=lambda b: (b.amount, b.product, b.edition))
                ranges[family] = (ordered[0], ordered[-1])
        return cls(ranges, rates.into)


@dataclass(frozen=True)
class PriceOption:
    """An edition the client may have to buy, with its price in the budget currency: a point
    when a list price is usable, else the catalog's bounds."""

    edition: str | None
    edition_name: str | None
    unit: PriceUnit
    low: float
    high: float
    list_price: ListPrice | None
    rate: Rate | None
    bound: tuple[PriceBound, PriceBound] | None
    seats_billed: int
    minimum_seats: int | None = None

    def billed_for(self, seats: int) -> PriceOption:
        """The option for a project of ``seats`` users (the edition's minimum applies)."""
        billed = max(seats, self.minimum_seats or 0, 1)
        if billed == self.seats_billed:
            return self
        # Built directly rather than with dataclasses.replace: a batch does this per product,
        # option and client, and replace costs several times as much.
        return PriceOption(
            self.edition,
            self.edition_name,
            self.unit,
            self.low,
            self.high,
            self.list_price,
            self.rate,
            self.bound,
            billed,
            self.minimum_seats,
        )

    @property
    def known(self) -> bool:
        """Whether the price is a list price rather than a range."""
        return self.list_price is not None

    @property
    def unbounded(self) -> bool:
        """No list price and no bound: the price cannot be ranged."""
        return self.list_price is None and self.bound is None

    @property
    def mean(self) -> float:
        """Expected price: the point, or the mean of the log-uniform range."""
        if self.high <= self.low:
            return self.low
        return (self.high - self.low) / math.log(self.high / self.low)

    def amounts(self, q: FloatArray) -> FloatArray:
        """The price for quantiles ``q`` (log-uniform on a range)."""
        if self.high <= self.low:
            return np.full(q.shape, self.low)
        drawn: FloatArray = self.low * (self.high / self.low) ** q
        return drawn


@dataclass(frozen=True, eq=False)
class PriceUnknown(Unknown):
    """The edition to buy and its price: option ``floor(u * n)``, then its price at the rest
    of the quantile. Options are ordered from the cheapest expected cost."""

    options: tuple[PriceOption, ...] = ()

    def values(self, u: FloatArray) -> FloatArray:
        """The per-unit price drawn (of whichever option is drawn)."""
        index, q = self.pick(u)
        out = np.empty(u.shape)
        for k, option in enumerate(self.options):
            chosen = index == k
            out[chosen] = option.amounts(q[chosen])
        return out

    def pick(self, u: FloatArray) -> tuple[np.ndarray[tuple[int], np.dtype[np.int64]], FloatArray]:
        """The option drawn and the quantile of its price, for quantiles ``u``."""
        n = len(self.options)
        scaled = u * n
        index = np.minimum(scaled.astype(np.int64), n - 1)
        return index, scaled - index


@dataclass
class Coefficients:
    """``total = fixed + price * (per_price + per_price_pct * maintenance)`` for one option."""

    fixed: float
    per_price: float
    per_price_pct: float
    mode: Mode

    def total(self, price: float | FloatArray, maintenance: float | FloatArray) -> FloatArray:
        """The TCO for prices and maintenance rates (in %), drawn or not."""
        value: FloatArray = self.fixed + np.multiply(
            price, self.per_price + np.multiply(self.per_price_pct, maintenance)
        )
        return value

    def at(self, price: float, maintenance: float) -> float:
        """The TCO for one price and one maintenance rate (in %)."""
        return self.fixed + price * (self.per_price + self.per_price_pct * maintenance)


@dataclass
class CostCache:
    """What costing many products for many projects can reuse: each product's price options
    per pricing situation (before the seat count), shared by the projects of a market, and the
    schedule's coefficients per kind of option, for one project."""

    options: dict[tuple[Any, ...], tuple[tuple[PriceOption, ...], str, bool]] = field(
        default_factory=dict
    )
    coefficients: dict[tuple[Any, ...], Coefficients] = field(default_factory=dict)
    #: The project's must-have capabilities and whether it allows installed software, read
    #: once for all its products.
    musts: tuple[str, ...] | None = None
    installed: bool = True


@dataclass
class ProductCost:
    """One product's cost for one project: the options, the unknowns, the TCO range."""

    product: str
    mode: Mode
    seats: int
    horizon: int
    options: tuple[PriceOption, ...]
    choice: str
    maintenance: float | None
    price: PriceUnknown | None
    maintenance_unknown: Uniform | None
    project: Project
    implementation_days: float = DEFAULT_IMPLEMENTATION_DAYS
    #: Where the fixed implementation days come from: "project", "product" or "default".
    implementation_source: str = "default"
    coefficients: tuple[Coefficients, ...] = field(default_factory=tuple)
    choice_code: str = ""  # `choice` as a code of CHOICES

    @property
    def unknowns(self) -> tuple[Unknown, ...]:
        """The unknown facts the cost rests on."""
        found: list[Unknown] = []
        if self.price is not None:
            found.append(self.price)
        if self.maintenance_unknown is not None:
            found.append(self.maintenance_unknown)
        return tuple(found)

    @property
    def unbounded(self) -> bool:
        """Some option has neither a price nor a bound."""
        return any(option.unbounded for option in self.options)

    def _maintenance(self, pick: str) -> float:
        if self.maintenance is not None:
            return self.maintenance
        assert self.maintenance_unknown is not None
        return float(getattr(self.maintenance_unknown, pick))

    def _totals(self, price_pick: str, pct_pick: str) -> list[float]:
        pct = self.maintenance_pct(pct_pick)
        return [
            c.at(getattr(o, price_pick), pct)
            for o, c in zip(self.options, self.coefficients, strict=True)
        ]

    @cached_property
    def low(self) -> float:
        """The cheapest possible option at the bottom of every range."""
        return min(self._totals("low", "low"))

    @cached_property
    def high(self) -> float:
        """The dearest possible option at the top of every range."""
        return max(self._totals("high", "high"))

    @cached_property
    def mean(self) -> float:
        """The expected TCO: each option equally likely, prices and rates at their mean."""
        return sum(self._totals("mean", "mean")) / len(self.options)

    def sample(self, draws: Mapping[str, FloatArray], size: int) -> FloatArray:
        """The TCO for each draw."""
        if self.price is None:
            index = np.zeros(size, dtype=np.int64)
            q = np.zeros(size)
        else:
            index, q = self.price.pick(draws[self.price.key])
        if self.maintenance_unknown is not None:
            pct = self.maintenance_unknown.values(draws[self.maintenance_unknown.key])
        else:
            pct = np.full(size, self.maintenance or 0.0)
        out = np.empty(size)
        for k, (option, coef) in enumerate(zip(self.options, self.coefficients, strict=True)):
            chosen = index == k
            out[chosen] = coef.total(option.amounts(q[chosen]), pct[chosen])
        return out

    def breakdown(self, price: float, maintenance: float, option: int) -> TcoBreakdown:
        """The year-by-year schedule of one option at one price and maintenance rate."""
        chosen = self.options[option]
        items = cost_items(
            self.project,
            chosen,
            price,
            maintenance,
            self.coefficients[option].mode,
            self.implementation_days,
        )
        try:
            return tco(items, years=self.horizon)
        except InvalidCostItem as exc:
            raise _out_of_range(self.product, chosen, self.implementation_source, exc) from exc

    def expected(self) -> tuple[list[float], dict[str, float], list[dict[str, float]]]:
        """The expected cost per year, per item, and per item and year: the average over the
        options of each schedule at the expected price and maintenance rate (the schedule is
        affine in the price, so this is the expectation, and the years add up to ``mean``).
        Computed once (the evaluation's TCO and each ROI read it)."""
        return self._expected

    @cached_property
    def _expected(self) -> tuple[list[float], dict[str, float], list[dict[str, float]]]:
        pct = self.maintenance_pct("mean")
        schedules = [self.breakdown(o.mean, pct, k) for k, o in enumerate(self.options)]
        share = 1.0 / len(schedules)
        years = [share * sum(s.year_totals[y] for s in schedules) for y in range(self.horizon)]
        items: dict[str, float] = {}
        by_year: list[dict[str, float]] = [{} for _ in range(self.horizon)]
        for schedule in schedules:
            for name, total in schedule.item_totals.items():
                items[name] = items.get(name, 0.0) + share * total
            for y, row in enumerate(schedule.years):
                for name, amount in row.items():
                    by_year[y][name] = by_year[y].get(name, 0.0) + share * amount
        return years, items, by_year

    def extreme(self, high: bool) -> TcoBreakdown:
        """The schedule of the cheapest (or dearest) completion."""
        pick = "high" if high else "low"
        totals = self._totals(pick, pick)
        chosen = (
            max(range(len(totals)), key=totals.__getitem__)
            if high
            else min(range(len(totals)), key=totals.__getitem__)
        )
        option = self.options[chosen]
        return self.breakdown(getattr(option, pick), self.maintenance_pct(pick), chosen)

    def maintenance_pct(self, pick: str) -> float:
        """The licence maintenance rate at `pick` ("low", "mean" or "high"); 0 without one."""
        if self.maintenance is None and self.maintenance_unknown is None:
            return 0.0
        return self._maintenance(pick)


def budget_fit(low: float, high: float, budget: Budget | None) -> str | None:
    """Place a TCO range against the budget range: below, within, above, or to_confirm when
    the range straddles a bound (None without a budget)."""
    if budget is None:
        return None
    if low > budget.high:
        return "above"
    if high < budget.low:
        return "below"
    if low >= budget.low and high <= budget.high:
        return "within"
    return "to_confirm"


def costing_mode(facts: ProductFacts, requirements: Requirements) -> Mode:
    """SaaS when the product offers it and the client allows it, else installed software."""
    allowed = set(requirements.constraints.deployment_modes) or set(DeploymentMode)
    saas = facts.deployment[DeploymentMode.SAAS] is not False and DeploymentMode.SAAS in allowed
    installed = allowed & {DeploymentMode.ON_PREMISE, DeploymentMode.PRIVATE_CLOUD}
    if not saas and installed:
        return "on_premise"
    return "saas"


def product_cost(
    facts: ProductFacts,
    project: Project,
    requirements: Requirements,
    rates: Rates,
    bounds: PriceBounds,
    cache: CostCache | None = None,
) -> ProductCost:
    """The product's cost model for the project: options, unknowns and coefficients
    (``cache``: what earlier products and projects of the same market can lend)."""
    cache = cache if cache is not None else CostCache()
    if cache.musts is None:
        cache.musts = tuple(k for k, p in requirements.capabilities.items() if p is Priority.MUST)
        cache.installed = installed_allowed(requirements)
    musts, installed = cache.musts, cache.installed
    mode = costing_mode(facts, requirements)
    named = project.tco.editions.get(facts.id)
    # The options depend on the must-haves only through the editions known to have them.
    known = tuple(
        (must, included)
        for must in musts
        if (included := facts.coverage(must).in_editions) is not None
    )
    key = (
        facts.id,
        rates.key,
        mode,
        installed,
        named,
        bool(musts),
        len(known) == len(musts),
        known,
    )
    found = cache.options.get(key)
    if found is None:
        if len(cache.options) >= _MAX_REMEMBERED:
            cache.options.clear()
        listed, why, only = price_options(facts, musts, named, mode, installed, rates, bounds)
        found = cache.options[key] = (tuple(listed), why, only)
    unseated, choice, cheapest_only = found
    options = [option.billed_for(project.users.total) for option in unseated]
    maintenance, maintenance_unknown = _maintenance(facts, options)
    days, days_source = implementation_days(facts, project)
    coefficients: list[Coefficients] = []
    for option in options:
        try:
            coefficients.append(
                _coefficients(project, option, option_mode(option, mode), days, cache.coefficients)
            )
        except InvalidCostItem as exc:
            raise _out_of_range(facts.id, option, days_source, exc) from exc
    low_pct = maintenance if maintenance is not None else _low(maintenance_unknown)
    mean_pct = maintenance if maintenance is not None else _mean(maintenance_unknown)
    order = sorted(
        range(len(options)), key=lambda k: (coefficients[k].at(options[k].mean, mean_pct), k)
    )
    if cheapest_only:
        # The cheapest edition known to do, and any unpriced one that could cost less.
        cheapest = next(k for k in order if options[k].known)
        ceiling = coefficients[cheapest].at(options[cheapest].low, low_pct)
        order = [
            k
            for k in order
            if k == cheapest
            or (not options[k].known and coefficients[k].at(options[k].low, low_pct) < ceiling)
        ]
    kept = tuple(options[k] for k in order)
    price = None
    if len(kept) > 1 or not kept[0].known:
        price = PriceUnknown(
            facts.id,
            "editions.*.price",
            Kind.PRICE,
            min(o.low for o in kept),
            max(o.high for o in kept),
            sum(o.mean for o in kept) / len(kept),
            False,
            {"editions": [o.edition_name for o in kept if o.edition_name]},
            kept,
        )
    return ProductCost(
        product=facts.id,
        mode="on_premise" if all(o.unit in LICENCE_UNITS for o in kept) else mode,
        seats=project.users.total,
        horizon=project.horizon_years,
        options=kept,
        choice=choice_text(choice),
        choice_code=choice,
        maintenance=maintenance,
        price=price,
        maintenance_unknown=maintenance_unknown,
        project=project,
        implementation_days=days,
        implementation_source=days_source,
        coefficients=tuple(coefficients[k] for k in order),
    )


def check_prices(facts: ProductFacts) -> None:
    """Refuse a list price beyond the schema's bounds (stored before them, or edited by hand):
    the costs made from it would be infinite, or a negative price read as free. Callers do
    it once per product and market (their results are remembered), not per client."""
    for edition in facts.editions:
        for price in edition.prices:
            if not 0 <= price.amount <= MAX_AMOUNT:  # NaN fails too
                raise CostOutOfRange(
                    facts.id,
                    f"editions.{edition.key}.price",
                    f"is {price.amount:g}, outside the bounds 0 to {MAX_AMOUNT:,}",
                )


def price_source(product: str, option: PriceOption) -> tuple[str, str]:
    """The product and fact an option's price comes from: its list price, or the catalog's
    dearest price that bounds it."""
    if option.list_price is None and option.bound is not None:
        dearest = option.bound[1]
        return dearest.product, f"editions.{dearest.edition}.price"
    return product, f"editions.{option.edition or '*'}.price"


def _out_of_range(
    product: str, option: PriceOption, days_source: str, exc: InvalidCostItem
) -> CostOutOfRange:
    """The fact a refused cost item rests on: the integrator days the product estimates, or
    (every other item a product fact feeds) the price."""
    reason = f"makes the cost item {exc.item!r} negative or infinite"
    if exc.item == "implementation" and days_source == "product":
        return CostOutOfRange(product, "deployment.implementation_days", reason)
    return CostOutOfRange(*price_source(product, option), reason)


def installed_allowed(requirements: Requirements) -> bool:
    """Whether the client allows installed software (on premise or in a private cloud)."""
    allowed = set(requirements.constraints.deployment_modes) or set(DeploymentMode)
    return bool(allowed & {DeploymentMode.ON_PREMISE, DeploymentMode.PRIVATE_CLOUD})


def option_mode(option: PriceOption, mode: Mode) -> Mode:
    """A licence is installed software, whatever the product's costing mode."""
    return "on_premise" if option.unit in LICENCE_UNITS else mode


def _maintenance(
    facts: ProductFacts, options: Sequence[PriceOption]
) -> tuple[float | None, Uniform | None]:
    """The yearly maintenance rate of a licence: known, or a 15-20 % range; none without."""
    if not any(option.unit in LICENCE_UNITS for option in options):
        return None, None
    if facts.maintenance_pct is not None:
        return facts.maintenance_pct, None
    low, high = MAINTENANCE_RANGE
    unknown = Uniform(
        facts.id,
        "deployment.maintenance_pct",
        Kind.MAINTENANCE,
        low,
        high,
        (low + high) / 2.0,
        False,
        {},
    )
    return None, unknown


def _low(unknown: Uniform | None) -> float:
    return 0.0 if unknown is None else unknown.low


def _mean(unknown: Uniform | None) -> float:
    return 0.0 if unknown is None else unknown.mean


#: Why these editions, by code (a code ending in LACKING: none of the editions is known to
#: include every must-have capability). The English is the API's `choice`; the exports write
#: the code in the reader's language.
CHOICES = {
    "named": "edition named by the project",
    "no_edition": "the catalog lists no edition",
    "no_paid_edition": "the catalog lists no paid edition",
    "cheapest_with_musts": "cheapest paid edition with every must-have capability",
    "cheapest_no_musts": "cheapest paid edition (no must-have capability)",
    "only_paid": "the only paid edition",
    "any_paid": "any paid edition not known to lack a must-have capability, each equally likely: "
    "the catalog does not say which editions include them all",
}
LACKING = "+lacking"


def choice_text(code: str) -> str:
    """The English of a choice code."""
    base, lacking, _ = code.partition(LACKING)
    note = " (none is known to include every must-have capability)" if lacking else ""
    return CHOICES[base] + note


def price_options(
    facts: ProductFacts,
    musts: Sequence[str],
    named: str | None,
    mode: Mode,
    installed: bool,
    rates: Rates,
    bounds: PriceBounds,
) -> tuple[list[PriceOption], str, bool]:
    """The editions the client may have to buy (before the seat count), why those (a code of
    CHOICES), and whether only the cheapest of those with a price counts (the edition needed
    is known)."""
    check_prices(facts)
    editions = {edition.key: edition for edition in facts.editions}
    if named is not None and named in editions:
        return (
            [_option(editions[named], mode, installed, rates, bounds)],
            "named",
            False,
        )
    if not facts.editions:
        return [_ranged(None, None, None, mode, bounds)], "no_edition", False
    paid = [e for e in facts.editions if not _free(e, rates, mode, installed)]
    if not paid:
        return [_ranged(None, None, None, mode, bounds)], "no_paid_edition", False
    known_editions = [
        included for key in musts if (included := facts.coverage(key).in_editions) is not None
    ]
    candidates = [e for e in paid if all(e.key in included for included in known_editions)]
    lacking_note = ""
    if not candidates:
        candidates = paid
        lacking_note = LACKING
    options = [_option(e, mode, installed, rates, bounds) for e in candidates]
    if any(option.known for option in options) and len(known_editions) == len(musts):
        why = "cheapest_with_musts" if musts else "cheapest_no_musts"
        return options, why + lacking_note, True
    if len(options) == 1:
        return options, "only_paid" + lacking_note, False
    return options, "any_paid" + lacking_note, False


def usable_price(
    edition: EditionFacts, rates: Rates, mode: Mode, installed: bool = True
) -> tuple[ListPrice, float, Rate | None] | None:
    """The edition's price in the budget currency: a list price in that currency (billed
    yearly preferred), else the first one a rate converts. On premise only a licence counts
    when the edition has one; in SaaS a subscription is preferred to a licence, and a licence
    does not count at all when the client allows no installed software."""
    prices = list(edition.prices)
    if not installed:
        prices = [p for p in prices if p.unit not in LICENCE_UNITS]
    if mode == "on_premise" and any(p.unit in LICENCE_UNITS for p in prices):
        prices = [p for p in prices if p.unit in LICENCE_UNITS]
    elif any(p.unit not in LICENCE_UNITS for p in prices):
        prices = [p for p in prices if p.unit not in LICENCE_UNITS]
    same = [p for p in prices if p.currency == rates.into]
    for price in sorted(same, key=lambda p: p.billed == "monthly"):
        return price, price.amount, None
    for price in prices:
        rate = rates.rate(price.currency)
        if rate is not None:
            return price, price.amount * rate.value, rate
    return None


def implementation_days(facts: ProductFacts, project: Project) -> tuple[float, str]:
    """The fixed integrator days of the project and where they come from: the project's own
    figure, else the product's estimate, else Shortlist's default."""
    given = project.tco.implementation_days
    if given is not None:
        return given, "project"
    if facts.implementation_days is not None:
        return facts.implementation_days, "product"
    return DEFAULT_IMPLEMENTATION_DAYS, "default"


def cost_items(
    project: Project,
    option: PriceOption,
    price: float,
    maintenance: float,
    mode: Mode,
    days: float,
) -> dict[str, CostItem]:
    """The cost items of one option at one price (budget currency) and maintenance rate, with
    ``days`` fixed integrator days."""
    a = project.tco
    seats = project.users.total
    unit = option.unit
    items: dict[str, CostItem] = {}
    quantity = option.seats_billed if unit in PER_SEAT else 1
    on_premise = mode == "on_premise"
    if unit in LICENCE_UNITS:
        licences = price * quantity
        items["licences"] = CostItem(licences, Schedule.ONCE)
        items["maintenance"] = CostItem(licences * maintenance / 100, Schedule.YEARLY)
    else:
        months = 12 if unit in MONTHLY else 1
        items["subscription"] = CostItem(price * quantity * months, Schedule.YEARLY)
    services = (days + a.implementation_days_per_user * seats) * a.integrator_day_rate
    items["implementation"] = CostItem(services, Schedule.ONCE)
    if on_premise:
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


def _coefficients(
    project: Project,
    option: PriceOption,
    mode: Mode,
    days: float,
    cache: dict[tuple[Any, ...], Coefficients],
) -> Coefficients:
    """Read ``fixed``, ``per_price`` and ``per_price_pct`` off the one schedule (the same for
    every option of the project with the same unit, seats billed, mode and days)."""
    key = (option.unit, option.seats_billed, mode, days)
    found = cache.get(key)
    if found is not None:
        return found

    def total(price: float, pct: float) -> float:
        items = cost_items(project, option, price, pct, mode, days)
        return tco(items, years=project.horizon_years).total

    fixed = total(0.0, 0.0)
    per_price = total(1.0, 0.0) - fixed
    per_price_pct = total(1.0, 1.0) - fixed - per_price
    found = cache[key] = Coefficients(fixed, per_price, per_price_pct, mode)
    return found


def _training(seats: int, hours: float, project: Project) -> float:
    """Trainer days for groups of TRAINING_GROUP_SIZE, plus the trainees' own time."""
    a = project.tco
    trainer_days = math.ceil(seats / TRAINING_GROUP_SIZE) * hours / TRAINING_DAY_HOURS
    return trainer_days * a.trainer_day_rate + seats * hours * a.internal_hourly_cost


def _option(
    edition: EditionFacts, mode: Mode, installed: bool, rates: Rates, bounds: PriceBounds
) -> PriceOption:
    usable = usable_price(edition, rates, mode, installed)
    if usable is not None:  # 0 only for a free edition the project names
        price, amount, rate = usable
        return PriceOption(
            edition.key,
            edition.name,
            price.unit,
            amount,
            amount,
            price,
            rate,
            None,
            0,
            edition.minimum_seats,
        )
    return _ranged(edition.key, edition.name, edition.minimum_seats, mode, bounds)


def _ranged(
    key: str | None, name: str | None, minimum: int | None, mode: Mode, bounds: PriceBounds
) -> PriceOption:
    bound = bounds.ranges.get(mode)
    low, high = (bound[0].amount, bound[1].amount) if bound else (0.0, 0.0)
    return PriceOption(key, name, BOUND_UNITS[mode], low, high, None, None, bound, 0, minimum)


def _free(edition: EditionFacts, rates: Rates, mode: Mode, installed: bool) -> bool:
    """An edition whose usable list price is 0."""
    usable = usable_price(edition, rates, mode, installed)
    return usable is not None and usable[1] <= 0
