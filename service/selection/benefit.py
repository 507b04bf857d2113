"""The value-for-money criterion's cell: the client's stated gains over the horizon minus the
product's TCO, undiscounted (`project.gains.value_for_money`).

A gain line counts at the middle of its stated range for each year from its first: the
client's own range is the same for every product and tells none apart; what differs is
whether the product offers what a line relies on. Known absent: the line is worth nothing;
not known: it counts or not, each equally likely, through the very unknown availability the
functional fit draws (one fact, one draw in every sample).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from criteria.problem import FloatArray
from service.selection.costs import ProductCost
from service.selection.facts import ProductFacts
from service.selection.gains import Gains, offered, yearly_value
from service.selection.inputs import Project
from service.selection.unknowns import Kind, Linear, Unknown, binary
from vendors.vocabulary import Availability


def expected_gains(facts: ProductFacts, gains: Gains, project: Project) -> Linear:
    """The product's gains over the horizon: a constant for the lines it is known to get,
    terms of the unknown availabilities for the others."""
    users = project.users.model_dump()
    const = 0.0
    terms: list[tuple[float, tuple[Unknown, ...]]] = []
    for line in gains.lines:
        years = max(0, project.horizon_years - line.from_year + 1)
        low, high = yearly_value(line, gains, users, project.tco.internal_hourly_cost)
        worth = years * (low + high) / 2
        availability = {key: offered(facts.coverage(key)) for key in line.requires}
        if Availability.NOT_AVAILABLE in availability.values() or worth == 0:
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
        if unknown:
            terms.append((worth, unknown))
        else:
            const += worth
    return Linear(const, terms)


class NetBenefit:
    """Gains minus costs: independent unknowns, so each end pairs the gains' end with the
    cost's opposite end."""

    def __init__(self, gains: Linear, cost: ProductCost) -> None:
        self.gains = gains
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

    def sample(self, draws: Mapping[str, FloatArray], size: int) -> FloatArray:
        """Gains less cost for each draw."""
        out: FloatArray = np.subtract(self.gains.sample(draws, size), self.cost.sample(draws, size))
        return out
