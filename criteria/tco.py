"""Total cost of ownership over a horizon: cost items scheduled year by year.

All-inclusive cost as 004 §05 and §10 describe it: licences and their maintenance, or a
subscription; infrastructure; implementation, training and integrator services; the client's
own hours. This module only schedules and adds amounts; where they come from is the caller's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Schedule(StrEnum):
    """When a cost item is paid."""

    ONCE = "once"  # year 1 only (licences, implementation, initial training)
    YEARLY = "yearly"  # every year of the horizon (subscription, maintenance, infrastructure)
    AFTER_FIRST = "after_first"  # years 2 to N (continuous training)


class InvalidCostItem(ValueError):
    """A cost item whose amount is not a finite amount >= 0; `item` names it."""

    def __init__(self, item: str) -> None:
        self.item = item
        super().__init__(f"cost item {item!r} must be a finite amount >= 0")


@dataclass(frozen=True)
class CostItem:
    """One cost: an amount per occurrence and when it occurs."""

    amount: float
    schedule: Schedule


@dataclass(frozen=True)
class TcoBreakdown:
    """Costs per year and item, with the totals."""

    years: tuple[dict[str, float], ...]
    year_totals: tuple[float, ...]
    item_totals: dict[str, float]
    total: float


def tco(items: Mapping[str, CostItem], *, years: int) -> TcoBreakdown:
    """Schedule `items` over `years` and add them up.

    Raises ValueError for a horizon under one year, InvalidCostItem for a negative or
    non-finite amount.
    """
    if years < 1:
        raise ValueError("the horizon must be at least one year")
    for name, item in items.items():
        if not (item.amount >= 0 and item.amount < float("inf")):
            raise InvalidCostItem(name)
    table = []
    for year in range(1, years + 1):
        row = {name: _occurs(item, year) for name, item in items.items()}
        table.append({name: amount for name, amount in row.items() if amount})
    year_totals = tuple(sum(row.values()) for row in table)
    item_totals = {name: sum(row.get(name, 0.0) for row in table) for name in items}
    return TcoBreakdown(
        years=tuple(table),
        year_totals=year_totals,
        item_totals={name: total for name, total in item_totals.items() if total},
        total=sum(year_totals),
    )


def _occurs(item: CostItem, year: int) -> float:
    if item.schedule is Schedule.ONCE:
        return item.amount if year == 1 else 0.0
    if item.schedule is Schedule.AFTER_FIRST:
        return item.amount if year > 1 else 0.0
    return item.amount
