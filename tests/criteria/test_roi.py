"""Return on investment as ranges: a worked example computed by hand, and properties that hold
for any costs and gains."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from criteria.roi import InvalidRoiInput, roi, roi_of_options


def test_a_worked_example_by_hand() -> None:
    """A 3-year SaaS CRM for 12 sales reps (hand computation, undiscounted):

    costs per year: year 1 implementation 20,000 + subscription 12 x 50 x 12 = 7,200 ->
    27,200 (known); years 2 and 3: subscription 7,200, with 1,000-3,000 of continuous
    training -> (8,200, 10,200), expected 9,200.
    gains per year: time saved, 12 reps x 1-2 h/week x 45 weeks x 40 EUR/h = 21,600-43,200,
    from year 2 on (year 1 is the deployment): (0, 0), (21,600, 43,200), (21,600, 43,200).

    totals: gains 43,200 / 64,800 / 86,400; costs (pessimistic, expected, optimistic)
    47,600 / 45,600 / 43,600.
    ROI = gains / costs - 1: 43,200 / 47,600 - 1 = -0.0924; 64,800 / 45,600 - 1 = 0.4211;
    86,400 / 43,600 - 1 = 0.9817.
    payback: pessimistic, cumulative -27,200 after year 1, -13,800 after year 2 (+13,400),
    then +11,400 in year 3: 2 + 13,800 / 11,400 = 3.21 > 3 years -> not within the horizon;
    expected: -27,200, then +23,200 -> -4,000, then +23,200: 2 + 4,000 / 23,200 = 2.1724;
    optimistic: -27,200, then +35,000: 1 + 27,200 / 35,000 = 1.7771.
    """
    costs = [(27_200.0, 27_200.0), (8_200.0, 10_200.0), (8_200.0, 10_200.0)]
    gains = [(0.0, 0.0), (21_600.0, 43_200.0), (21_600.0, 43_200.0)]
    result = roi(costs, gains)
    assert (result.gains.low, result.gains.expected, result.gains.high) == (43_200, 64_800, 86_400)
    assert (result.costs.low, result.costs.expected, result.costs.high) == (47_600, 45_600, 43_600)
    assert result.roi.low == pytest.approx(43_200 / 47_600 - 1)
    assert result.roi.expected == pytest.approx(64_800 / 45_600 - 1)
    assert result.roi.high == pytest.approx(86_400 / 43_600 - 1)
    assert result.payback_years.low is None  # pessimistic: not within 3 years
    assert result.payback_years.expected == pytest.approx(2 + 4_000 / 23_200)
    assert result.payback_years.high == pytest.approx(1 + 27_200 / 35_000)
    net = [(n.low, n.expected, n.high) for n in result.net_by_year]
    assert net[1] == (21_600 - 10_200, 32_400 - 9_200, 43_200 - 8_200)


def test_discounting_counts_each_year_s_flow_at_its_end() -> None:
    """At 10 %, 110 gained at the end of year 1 is worth 100 today; 121 at the end of year 2
    too."""
    result = roi([(100.0, 100.0), (0.0, 0.0)], [(110.0, 110.0), (121.0, 121.0)], discount_rate=0.1)
    assert result.gains.expected == pytest.approx(200.0)
    assert result.costs.expected == pytest.approx(100.0 / 1.1)
    assert result.roi.expected == pytest.approx(200.0 / (100.0 / 1.1) - 1)


def test_a_first_year_that_pays_for_itself_is_paid_back_within_it() -> None:
    assert roi([(10.0, 10.0)], [(30.0, 30.0)]).payback_years.expected == 1.0


def test_payback_is_when_the_total_stays_above_zero() -> None:
    """Net flows -10, +20, -30, +40 (cumulative -10, 10, -20, 20): above 0 after year 2 but
    below again after year 3; paid back for good during year 4, at 3 + 20 / 40 = 3.5 years.
    Ending below 0 is no payback at all."""
    costs = [(10.0, 10.0), (0.0, 0.0), (30.0, 30.0), (0.0, 0.0)]
    gains = [(0.0, 0.0), (20.0, 20.0), (0.0, 0.0), (40.0, 40.0)]
    assert roi(costs, gains).payback_years.expected == pytest.approx(3.5)
    assert roi(costs[:3], gains[:3]).payback_years.expected is None


@pytest.mark.parametrize(
    ("costs", "gains", "rate", "field"),
    [
        ([], [], 0.0, "costs"),
        ([(10.0, 5.0)], [(1.0, 2.0)], 0.0, "costs[0]"),
        ([(1.0, 2.0)], [(-1.0, 2.0)], 0.0, "gains[0]"),
        ([(1.0, 2.0)], [(1.0, float("nan"))], 0.0, "gains[0]"),
        ([(1.0, 2.0)], [(1.0, 2.0), (1.0, 2.0)], 0.0, "gains"),
        ([(1.0, 2.0)], [(1.0, 2.0)], 1.5, "discount_rate"),
    ],
)
def test_bad_input_names_its_field(
    costs: list[tuple[float, float]], gains: list[tuple[float, float]], rate: float, field: str
) -> None:
    with pytest.raises(InvalidRoiInput) as error:
        roi(costs, gains, discount_rate=rate)
    assert error.value.field == field


amounts = st.floats(min_value=0.0, max_value=1e7, allow_nan=False)
spans = st.tuples(amounts, amounts).map(lambda pair: (min(pair), max(pair)))
shares = st.floats(min_value=0.0, max_value=1.0)
years = st.integers(min_value=1, max_value=6).flatmap(
    lambda n: st.lists(st.tuples(spans, spans, shares, shares), min_size=n, max_size=n)
)


@settings(max_examples=300, deadline=None)
@given(years, st.sampled_from([0.0, 0.05, 0.12]))
def test_every_choice_within_the_ranges_lands_within_the_figures_ranges(
    drawn: list[tuple[tuple[float, float], tuple[float, float], float, float]], rate: float
) -> None:
    """Any one cost and gain per year, taken anywhere in their ranges, gives a net benefit,
    ROI and payback within the ranges the solution is shown with; the pessimistic end is never
    better than the optimistic one."""
    costs = [cost for cost, _, _, _ in drawn]
    gains = [gain for _, gain, _, _ in drawn]
    result = roi(costs, gains, discount_rate=rate)
    point_costs = [lo + u * (hi - lo) for (lo, hi), _, u, _ in drawn]
    point_gains = [lo + v * (hi - lo) for _, (lo, hi), _, v in drawn]
    point = roi([(c, c) for c in point_costs], [(g, g) for g in point_gains], discount_rate=rate)
    for ranged, value in [
        *zip(result.net_by_year, (n.expected for n in point.net_by_year), strict=True),
        (result.roi, point.roi.expected),
    ]:
        if value is None or ranged.low is None or ranged.high is None:
            continue
        tolerance = 1e-9 * max(1.0, abs(ranged.low), abs(ranged.high))
        assert ranged.low - tolerance <= value <= ranged.high + tolerance
    fastest, slowest, taken = (
        result.payback_years.high,
        result.payback_years.low,
        point.payback_years.expected,
    )
    if taken is not None:  # paid back at this point: also when all goes well, no later
        assert fastest is not None
        assert fastest <= taken + 1e-9
    if slowest is not None:  # paid back even when all goes badly: at this point too, sooner
        assert taken is not None
        assert taken <= slowest + 1e-9


def test_options_take_the_worst_and_best_of_each_option() -> None:
    """Two options for one year (a SaaS edition at 100 and a licence between 50 and 150),
    gains of 100: by hand, ROI 0 for the first, -1/3 to +1 for the second; expected at the
    options' average cost of 100, 0; payback never (the licence at 150) to within the year."""
    result = roi_of_options(
        [[(100.0, 100.0)], [(50.0, 150.0)]], [(100.0, 100.0)], expected_costs=[100.0]
    )
    assert (result.roi.low, result.roi.expected, result.roi.high) == pytest.approx(
        (-1 / 3, 0.0, 1.0)
    )
    assert (result.costs.low, result.costs.high) == (150.0, 50.0)
    assert result.payback_years.low is None
    assert result.payback_years.high == 1.0


options = st.integers(min_value=1, max_value=4).flatmap(
    lambda n: st.integers(min_value=1, max_value=3).flatmap(
        lambda k: st.lists(st.lists(spans, min_size=n, max_size=n), min_size=k, max_size=k).flatmap(
            lambda costs: st.tuples(
                st.just(costs),
                st.lists(spans, min_size=n, max_size=n),
                st.integers(min_value=0, max_value=k - 1),
                shares,
                shares,
            )
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(options, st.sampled_from([0.0, 0.08]))
def test_any_option_at_any_cost_lands_within_the_options_ranges(
    drawn: tuple[list[list[tuple[float, float]]], list[tuple[float, float]], int, float, float],
    rate: float,
) -> None:
    """Whichever option turns out true, at any cost within its ranges and any gains within
    theirs, the net benefit, ROI and payback fall within the ranges shown for the options."""
    costs, gains, chosen, u, v = drawn
    expected = [
        sum(option[t][0] + option[t][1] for option in costs) / (2 * len(costs))
        for t in range(len(gains))
    ]
    result = roi_of_options(costs, gains, expected_costs=expected, discount_rate=rate)
    point = roi(
        [(lo + u * (hi - lo),) * 2 for lo, hi in costs[chosen]],
        [(lo + v * (hi - lo),) * 2 for lo, hi in gains],
        discount_rate=rate,
    )
    pairs = [
        *zip(result.cumulative, point.cumulative, strict=True),
        (result.roi, point.roi),
        (result.costs, point.costs),
    ]
    for ranged, point_figure in pairs:
        value = point_figure.expected
        if value is None or ranged.low is None or ranged.high is None:
            continue
        tolerance = 1e-9 * max(1.0, abs(ranged.low), abs(ranged.high))
        lowest, highest = sorted((ranged.low, ranged.high))
        assert lowest - tolerance <= value <= highest + tolerance
    taken = point.payback_years.expected
    if taken is not None:
        assert result.payback_years.high is not None
        assert result.payback_years.high <= taken + 1e-9
    if result.payback_years.low is not None:
        assert taken is not None
        assert taken <= result.payback_years.low + 1e-9


def test_options_are_not_mixed_year_by_year() -> None:
    """A licence (150 then 10) and a subscription (80 a year) both cost 160 over two years:
    against gains of 100 a year, ROI is 40 / 160 = 0.25 whichever is chosen. Mixing the
    options year by year would claim -0.13 (150 + 80) to 1.22 (80 + 10), which no option
    reaches."""
    licence = [(150.0, 150.0), (10.0, 10.0)]
    subscription = [(80.0, 80.0), (80.0, 80.0)]
    result = roi_of_options(
        [licence, subscription], [(100.0, 100.0)] * 2, expected_costs=[115.0, 45.0]
    )
    assert (result.roi.low, result.roi.expected, result.roi.high) == pytest.approx(
        (0.25, 0.25, 0.25)
    )
    assert (result.cumulative[0].low, result.cumulative[0].high) == (-50.0, 20.0)
    assert result.payback_years.low == pytest.approx(1 + 50 / 90)
    assert result.payback_years.high == 1.0
