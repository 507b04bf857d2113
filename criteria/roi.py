"""Return on investment over a horizon, as ranges: what a CRM costs against what the client
says it gains, year by year (004 §09: the gains must exceed the whole investment within a short
or medium term).

Costs and gains are yearly ranges ``(low, high)``; ``expected`` is each range's midpoint for
gains (a stated range with no more said) and the caller's expected cost. Every output is a
range whose ends are reached: net benefit, ROI and payback are monotone in each gain (up) and
each cost (down), so the optimistic end takes every gain at its high and every cost at its low,
the pessimistic end the reverse.

Conventions (stated wherever a figure is shown):

- flows happen at the end of each year 1..N; with a ``discount_rate`` r, year t counts
  ``1 / (1 + r) ** t`` (r = 0: undiscounted);
- ROI = (gains - costs) / costs over the horizon, both discounted alike;
- payback = when the cumulative net benefit reaches 0 for good, in years: it is ``None`` when
  the horizon ends below 0; otherwise the last year k that starts below 0 counts
  ``k - 1 + (-cumulative at the end of year k - 1) / (year k's net)``, the flows of that year
  spread evenly, and a solution never below 0 at a year's end counts 1 (paid back within the
  first year).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

Span = tuple[float, float]


class InvalidRoiInput(ValueError):
    """Costs or gains that cannot be added up: `field` names the bad one."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Ranged:
    """A figure with its pessimistic and optimistic ends and its expected value (None where
    it does not exist, e.g. no payback within the horizon)."""

    low: float | None
    expected: float | None
    high: float | None


@dataclass(frozen=True)
class RoiResult:
    """Year by year net benefit and its cumulative sum, ROI and payback, each as a range."""

    net_by_year: tuple[Ranged, ...]
    cumulative: tuple[Ranged, ...]
    gains: Ranged
    costs: Ranged
    roi: Ranged
    payback_years: Ranged
    discount_rate: float


def roi(
    costs: Sequence[Span],
    gains: Sequence[Span],
    *,
    expected_costs: Sequence[float] | None = None,
    expected_gains: Sequence[float] | None = None,
    discount_rate: float = 0.0,
) -> RoiResult:
    """ROI of one solution: `costs[t]` and `gains[t]` are year t+1's (low, high) amounts (all
    gain lines added up by the caller), `expected_costs[t]` and `expected_gains[t]` their
    expected values (default: the midpoints).

    >>> result = roi([(100.0, 100.0), (20.0, 20.0)], [(50.0, 70.0), (80.0, 100.0)])
    >>> (result.roi.low, result.roi.high)
    (0.08333333333333333, 0.4166666666666667)
    """
    _check(costs, "costs")
    _check(gains, "gains")
    if len(gains) != len(costs):
        raise InvalidRoiInput("gains", f"has {len(gains)} years for {len(costs)} years of costs")
    expected_costs = _expected(costs, expected_costs, "expected_costs")
    expected_gains = _expected(gains, expected_gains, "expected_gains")
    if not (math.isfinite(discount_rate) and 0.0 <= discount_rate < 1.0):
        raise InvalidRoiInput("discount_rate", "must be at least 0 and below 1 (0.08 for 8 %)")
    factors = [(1.0 + discount_rate) ** -(t + 1) for t in range(len(costs))]
    # The three scenarios: pessimistic, expected, optimistic.
    scenario_gains = ([low for low, _ in gains], list(expected_gains), [high for _, high in gains])
    scenario_costs = ([high for _, high in costs], list(expected_costs), [low for low, _ in costs])
    nets = [
        [(g - c) * f for g, c, f in zip(gs, cs, factors, strict=True)]
        for gs, cs in zip(scenario_gains, scenario_costs, strict=True)
    ]
    totals_g = [sum(g * f for g, f in zip(gs, factors, strict=True)) for gs in scenario_gains]
    totals_c = [sum(c * f for c, f in zip(cs, factors, strict=True)) for cs in scenario_costs]
    return RoiResult(
        net_by_year=tuple(Ranged(*year) for year in zip(*nets, strict=True)),
        cumulative=tuple(Ranged(*ends) for ends in zip(*map(accumulate, nets), strict=True)),
        gains=Ranged(*totals_g),
        costs=Ranged(*totals_c),
        roi=Ranged(*(_ratio(g, c) for g, c in zip(totals_g, totals_c, strict=True))),
        payback_years=Ranged(*(_payback(net) for net in nets)),
        discount_rate=discount_rate,
    )


def roi_of_options(
    options: Sequence[Sequence[Span]],
    gains: Sequence[Span],
    *,
    expected_costs: Sequence[float],
    expected_gains: Sequence[float] | None = None,
    discount_rate: float = 0.0,
) -> RoiResult:
    """ROI when the cost is one of several options and which one is not known (an edition or
    a deployment mode still to choose): `options[k][t]` is option k's year t+1 cost range.

    Each figure's pessimistic end is the worst over the options of their pessimistic ends,
    the optimistic end the best of their optimistic ends (so both are reached, by one
    option); the expected value comes from `expected_costs`, the year costs expected over
    the options, which must lie within the options' year ranges.

    >>> one = [(100.0, 100.0)]
    >>> result = roi_of_options([one, [(50.0, 150.0)]], [(100.0, 100.0)], expected_costs=[100.0])
    >>> (result.roi.low, result.roi.expected, result.roi.high)
    (-0.3333333333333333, 0.0, 1.0)
    """
    if not options:
        raise InvalidRoiInput("costs", "needs at least one option")
    results = [roi(costs, gains, discount_rate=discount_rate) for costs in options]
    envelope = [
        (min(option[t][0] for option in options), max(option[t][1] for option in options))
        for t in range(len(options[0]))
    ]
    central = roi(
        envelope,
        gains,
        expected_costs=expected_costs,
        expected_gains=expected_gains,
        discount_rate=discount_rate,
    )

    def spread(pick: Callable[[RoiResult], Ranged], worst: Callable[..., float | None]) -> Ranged:
        best = max if worst is min else min
        figures = [pick(r) for r in results]
        return Ranged(
            _unless_undefined(worst, [f.low for f in figures]),
            pick(central).expected,
            _unless_undefined(best, [f.high for f in figures]),
        )

    def year_of(series: str, t: int) -> Callable[[RoiResult], Ranged]:
        return lambda r: getattr(r, series)[t]

    years = range(len(central.net_by_year))
    return RoiResult(
        net_by_year=tuple(spread(year_of("net_by_year", t), min) for t in years),
        cumulative=tuple(spread(year_of("cumulative", t), min) for t in years),
        gains=spread(lambda r: r.gains, min),
        costs=spread(lambda r: r.costs, max),
        roi=spread(lambda r: r.roi, min),
        payback_years=_payback_spread(results, central),
        discount_rate=discount_rate,
    )


def _either(choose: Callable[..., float | None], values: Sequence[float | None]) -> float | None:
    """`choose` (min or max) of the values that exist; None when none does."""
    present = [v for v in values if v is not None]
    return choose(present) if present else None


def _unless_undefined(
    choose: Callable[..., float | None], values: Sequence[float | None]
) -> float | None:
    """`choose` (min or max) of the values; None (undefined, as a ROI over no cost) when one
    of them is."""
    return None if None in values else choose(values)


def _payback_spread(results: Sequence[RoiResult], central: RoiResult) -> Ranged:
    """Payback over options: the pessimistic end is never (None) if some option may never pay
    back, else the longest; the optimistic end the shortest that exists."""
    pessimistic = [r.payback_years.low for r in results]
    return Ranged(
        None if None in pessimistic else max(v for v in pessimistic if v is not None),
        central.payback_years.expected,
        _either(min, [r.payback_years.high for r in results]),
    )


def _expected(spans: Sequence[Span], given: Sequence[float] | None, field: str) -> list[float]:
    """The expected value of each year: as given, within the year's range, else its midpoint."""
    if given is None:
        return [(low + high) / 2 for low, high in spans]
    if len(given) != len(spans):
        raise InvalidRoiInput(field, "must give one value a year")
    out = []
    for value, (low, high) in zip(given, spans, strict=True):
        slack = 1e-9 * max(1.0, abs(low), abs(high))  # an average's last-digit rounding
        if not low - slack <= value <= high + slack:
            raise InvalidRoiInput(field, "must lie within each year's range")
        out.append(min(max(value, low), high))
    return out


def _check(spans: Sequence[Span], field: str) -> None:
    if not spans:
        raise InvalidRoiInput(field, "needs at least one year")
    for t, (low, high) in enumerate(spans):
        if not (math.isfinite(low) and math.isfinite(high) and 0.0 <= low <= high):
            raise InvalidRoiInput(f"{field}[{t}]", "must be finite amounts with 0 <= low <= high")


def _ratio(gains: float, costs: float) -> float | None:
    return (gains - costs) / costs if costs > 0 else None


def _payback(net: Sequence[float]) -> float | None:
    """When the cumulative net benefit reaches 0 for good (see the module's conventions)."""
    ends = list(accumulate(net))
    if not ends or ends[-1] < 0.0:
        return None
    below = [t for t, total in enumerate(ends) if total < 0.0]
    if not below:
        return 1.0
    last = below[-1]  # the end of the last year below 0; the next year crosses it for good
    return last + 1 + (-ends[last]) / net[last + 1]
