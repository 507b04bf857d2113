"""Values as the exports show them: known, estimated (a range with its expectation), or
unknown (no bound at all). Every export reads criterion values and costs through here, so a
value whose facts are not all known is never shown as a single number."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from service.selection.snapshot import CostOut, Matrix, PriceOptionOut, RoiOut, YearCost


class Certainty(StrEnum):
    """How much is known about a value."""

    KNOWN = "known"
    ESTIMATED = "estimated"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Ranged:
    """A value: ``low`` = ``mean`` = ``high`` when known; bounds and expectation when
    estimated; all three None when unknown."""

    low: float | None
    mean: float | None
    high: float | None
    certainty: Certainty

    @classmethod
    def point(cls, value: float) -> Ranged:
        """A known value."""
        return cls(value, value, value, Certainty.KNOWN)

    @classmethod
    def estimate(cls, low: float, mean: float, high: float) -> Ranged:
        """A value bounded by ``low`` and ``high``, expected at ``mean``."""
        return cls(low, mean, high, Certainty.ESTIMATED)

    @classmethod
    def unknown(cls) -> Ranged:
        """A value with no bound."""
        return cls(None, None, None, Certainty.UNKNOWN)

    @property
    def known(self) -> bool:
        """Whether every fact the value rests on is known."""
        return self.certainty is Certainty.KNOWN

    @property
    def flat(self) -> bool:
        """An estimate whose bounds meet: the unknown facts do not move it."""
        return (
            self.low is not None
            and self.high is not None
            and math.isclose(self.low, self.high, rel_tol=1e-9, abs_tol=1e-9)
        )


def criterion_value(matrix: Matrix, product: str, criterion: str) -> Ranged:
    """One product's value on one criterion of the decision matrix."""
    i = matrix.products.index(product)
    j = matrix.criteria.index(criterion)
    if matrix.known[i][j]:
        return Ranged.point(matrix.values[i][j])
    return Ranged.estimate(matrix.low[i][j], matrix.values[i][j], matrix.high[i][j])


def cost_total(cost: CostOut) -> Ranged:
    """A product's TCO over the horizon."""
    if cost.unbounded or cost.low is None or cost.mean is None or cost.high is None:
        return Ranged.unknown()
    if cost.known:
        return Ranged.point(cost.mean)
    return Ranged.estimate(cost.low, cost.mean, cost.high)


def year_cost(cost: CostOut, year: YearCost) -> Ranged:
    """One year of a product's TCO."""
    if cost.known:
        return Ranged.point(year.mean)
    return Ranged.estimate(year.low, year.mean, year.high)


def cumulative_costs(cost: CostOut) -> list[Ranged]:
    """The TCO to the end of each year: every bound adds up, as each year's low (high) comes
    from the same cheapest (dearest) completion of the unknown facts."""
    out = []
    low = mean = high = 0.0
    for year in cost.years:
        low, mean, high = low + year.low, mean + year.mean, high + year.high
        out.append(Ranged.point(mean) if cost.known else Ranged.estimate(low, mean, high))
    return out


def option_price(option: PriceOptionOut) -> Ranged:
    """An edition's price per unit: its list price, the catalog bounds it is drawn between
    (log-uniformly, so no single expected price), or unknown when the catalog has none."""
    if option.low is None or option.high is None or not (option.known or option.bounds):
        return Ranged.unknown()
    if option.known:
        return Ranged.point(option.low)
    return Ranged(option.low, None, option.high, Certainty.ESTIMATED)


def roi_certainty(out: RoiOut) -> Certainty:
    """How much is known of a product's return on investment: unknown when its cost cannot be
    ranged; known only when no unknown fact is behind it and the client's gains are exact;
    otherwise estimated (a range)."""
    if not out.computed or out.net_benefit is None:
        return Certainty.UNKNOWN
    net = out.net_benefit
    if out.known and net.pessimistic == net.optimistic:
        return Certainty.KNOWN
    return Certainty.ESTIMATED
