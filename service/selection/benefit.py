"""The value-for-money criterion's cell: the client's stated gains over the horizon minus the
product's TCO, undiscounted (`project.gains.value_for_money`).

A gain line counts at the middle of its stated range for each year from its first: the
client's own range is the same for every product and tells none apart; what differs is
whether the product offers what a line relies on. Known absent: the line is worth nothing;
not known: it counts or not, each equally likely, through the very unknown availability the
functional fit draws (one fact, one draw in every sample). The value is shown as the range
it may take over the client's ranges too: at their middle it is an estimate, not a fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from criteria.problem import FloatArray
from service.selection.costs import ProductCost
from service.selection.facts import ProductFacts
from service.selection.gains import Gains, adds_nothing, offered, yearly_value
from service.selection.inputs import Project
from service.selection.unknowns import Kind, Linear, Unknown, binary, is_known
from vendors.vocabulary import Availability


@dataclass(frozen=True)
class StatedGains:
    """A product's gains over the horizon, each line at the low end, the middle and the high
    end of the client's stated range; `exact` when every range that counts is one value."""

    low: Linear
    middle: Linear
    high: Linear
    exact: bool


def product_gains(facts: ProductFacts, gains: Gains, project: Project) -> StatedGains:
    """The product's gains over the horizon: constants for the lines it is known to get,
    terms of the unknown availabilities for the others."""
    users = project.users.model_dump()
    counted: list[tuple[float, float, tuple[Unknown, ...]]] = []
    for line in gains.lines:
        years = max(0, project.horizon_years - line.from_year + 1)
        low, high = yearly_value(line, gains, users, project.tco.internal_hourly_cost)
        availability = {key: offered(facts.coverage(key)) for key in line.requires}
        if Availability.NOT_AVAILABLE in availability.values() or adds_nothing(
            line, (low, high), project.horizon_years
        ):
            continue
        unknown = tuple(
            binary(
                facts.id,
                f"capabilities.{key}.availability",
                Kind.AVAILABILITY,
                need=key,
                need_kind="capability",
            )
            for key, value in availability.items()
            if value is None
        )
        counted.append((years * low, years * high, unknown))
    return StatedGains(
        low=_gains([(low, unknown) for low, _, unknown in counted]),
        middle=_gains([((low + high) / 2, unknown) for low, high, unknown in counted]),
        high=_gains([(high, unknown) for _, high, unknown in counted]),
        exact=all(low == high for low, high, _ in counted),
    )


def _gains(lines: list[tuple[float, tuple[Unknown, ...]]]) -> Linear:
    """Lines worth a constant when every capability they need is known offered, a term of the
    unknown ones otherwise."""
    const = sum(worth for worth, unknown in lines if not unknown)
    return Linear(const, [(worth, unknown) for worth, unknown in lines if unknown])


class NetBenefit:
    """Gains minus costs: independent unknowns, so each end pairs the gains' end with the
    cost's opposite end. The product's unknowns range it; its value is shown (`shown_low`,
    `shown_high`, `shown_known`) over the client's ranges too."""

    def __init__(self, stated: StatedGains, cost: ProductCost) -> None:
        self.stated = stated
        self.gains = stated.middle
        self.cost = cost

    @property
    def unknowns(self) -> tuple[Unknown, ...]:
        """The unknown facts of the gains and of the cost."""
        return (*self.gains.unknowns, *self.cost.unknowns)

    @property
    def unbounded(self) -> bool:
        """The cost cannot be ranged."""
        return self.cost.unbounded

    @property
    def low(self) -> float:
        """The least gains with the dearest cost."""
        return self.gains.low - self.cost.high

    @property
    def high(self) -> float:
        """The most gains with the cheapest cost."""
        return self.gains.high - self.cost.low

    @property
    def mean(self) -> float:
        """The expected gains less the expected cost."""
        return float(self.gains.mean) - self.cost.mean

    @property
    def shown_low(self) -> float:
        """The least gains at the low end of the client's ranges with the dearest cost."""
        return self.stated.low.low - self.cost.high

    @property
    def shown_high(self) -> float:
        """The most gains at the high end of the client's ranges with the cheapest cost."""
        return self.stated.high.high - self.cost.low

    @property
    def shown_known(self) -> bool:
        """Whether the value is one figure: every fact known and every stated range exact."""
        return self.stated.exact and is_known(self)

    def sample(self, draws: Mapping[str, FloatArray], size: int) -> FloatArray:
        """Gains less cost for each draw."""
        out: FloatArray = np.subtract(self.gains.sample(draws, size), self.cost.sample(draws, size))
        return out
