"""TCO scheduling: each item lands in the right years and the totals add up."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from criteria.tco import CostItem, Schedule, tco


def test_licence_maintenance_and_training_over_three_years() -> None:
    # 20 perpetual licences at 1,000 with 18 % maintenance (004 §05), infrastructure each year,
    # initial then continuous training.
    breakdown = tco(
        {
            "licences": CostItem(20_000, Schedule.ONCE),
            "maintenance": CostItem(3_600, Schedule.YEARLY),
            "infrastructure": CostItem(5_000, Schedule.YEARLY),
            "training": CostItem(4_000, Schedule.ONCE),
            "continuous_training": CostItem(1_000, Schedule.AFTER_FIRST),
        },
        years=3,
    )
    assert breakdown.year_totals == (32_600, 9_600, 9_600)
    assert breakdown.total == 51_800
    assert breakdown.years[0] == {
        "licences": 20_000,
        "maintenance": 3_600,
        "infrastructure": 5_000,
        "training": 4_000,
    }
    assert breakdown.item_totals["continuous_training"] == 2_000
    assert "continuous_training" not in breakdown.years[0]


def test_one_year_horizon_has_no_continuous_training() -> None:
    breakdown = tco(
        {"x": CostItem(10, Schedule.AFTER_FIRST), "y": CostItem(5, Schedule.YEARLY)}, years=1
    )
    assert breakdown.total == 5
    assert breakdown.item_totals == {"y": 5}


@pytest.mark.parametrize("amount", [-1.0, math.inf, math.nan])
def test_invalid_amounts_are_refused(amount: float) -> None:
    with pytest.raises(ValueError, match="finite amount"):
        tco({"bad": CostItem(amount, Schedule.YEARLY)}, years=2)


def test_horizon_must_be_positive() -> None:
    with pytest.raises(ValueError, match="horizon"):
        tco({}, years=0)


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.tuples(st.floats(0, 1e7), st.sampled_from(list(Schedule))),
        max_size=6,
    ),
    st.integers(1, 10),
)
def test_totals_are_consistent(raw: dict[str, tuple[float, Schedule]], years: int) -> None:
    breakdown = tco({k: CostItem(a, s) for k, (a, s) in raw.items()}, years=years)
    assert len(breakdown.years) == years
    assert math.isclose(breakdown.total, sum(breakdown.year_totals), rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(
        breakdown.total, sum(breakdown.item_totals.values()), rel_tol=1e-9, abs_tol=1e-6
    )
