"""Return on investment and decision impact through the API (004 §07 and §09), on SQLite and
PostgreSQL: gains and ratings stated on the project, ROI per finalist and vigilance points in
the evaluation."""

from __future__ import annotations

from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.exports.returns import roi_view
from service.i18n import Lang
from service.selection.snapshot import Snapshot
from tests.service.selection.factories import included, priced
from vendors.service import load_catalog

API = "/api/v1"
# Every cost assumption but the subscription at zero, so that the TCO is seats x price x 12
# a year and the figures below can be computed by hand.
NO_SERVICES = {
    "integrator_day_rate": 0.0,
    "implementation_days": 0.0,
    "implementation_days_per_user": 0.0,
    "project_management_pct": 0.0,
    "training_hours_per_user": 0.0,
    "continuous_training_hours_per_user": 0.0,
    "internal_hours": 0.0,
}
GAINS = {
    "lines": [
        {
            "kind": "time_saved",
            "suggestion": "field_rounds",
            "population": "sales_field",
            "hours_per_week": {"low": 1.0, "high": 2.0},
            "hourly_cost": 40.0,
            "requires": ["mobile_app"],
            "basis": "two visits a trip instead of one, measured on March's rounds",
        },
        {
            "kind": "retention",
            "suggestion": "nps",
            "amount_per_year": {"low": 2000.0, "high": 4000.0},
            "from_year": 2,
        },
    ],
    "weeks_per_year": 45.0,
}
PROJECT = {
    "client_name": "Cave Duval",
    "context": "first_crm",
    "horizon_years": 3,
    "users": {"sales_field": 4, "sales_office": 6},
    "tco": NO_SERVICES,
    "gains": GAINS,
}


def evaluated(client: TestClient, project_id: str) -> dict[str, Any]:
    """The snapshot of a new evaluation of Alpha and Beta for the project."""
    url = f"{API}/projects/{project_id}/evaluations"
    snapshot: dict[str, Any] = ok(client.post(url, json={"products": ["alpha", "beta"]}), 201)[
        "snapshot"
    ]
    return snapshot


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def two_products(session: Session) -> None:
    """Alpha (50 a user a month, mobile app included) and Beta (30, mobile app unknown)."""
    load_catalog(
        session,
        [
            priced("alpha", 50.0, capabilities=included("mobile_app")),
            priced("beta", 30.0),
        ],
    )
    session.commit()


def beta_lacks_a_mobile_app(client: TestClient) -> None:
    """Record, from a vendor page, that Beta has no mobile app."""
    absent = {
        "value": "not_available",
        "source": "vendor page",
        "as_of": "2026-11-01",
        "confidence": "vendor_published",
    }
    facts = {"capabilities.mobile_app.availability": absent}
    ok(client.patch(f"{API}/vendors/beta", json={"facts": facts}))


def approx(spread: dict[str, Any]) -> tuple[object, ...]:
    return tuple(
        None if spread[end] is None else pytest.approx(spread[end])
        for end in ("pessimistic", "expected", "optimistic")
    )


def test_roi_per_finalist_is_the_hand_computation(client: TestClient, two_products: None) -> None:
    """Worked example (computed by hand, undiscounted, 3 years).

    Time saved by 4 field sales, 1-2 h a week, 45 weeks at 40 an hour: 7,200-14,400 a year,
    only with a mobile app; customers kept: 2,000-4,000 a year from year 2. Costs: 10 seats.

    Alpha, 6,000 a year (18,000), mobile app included: gains 25,600 / 38,400 / 51,200
    (7,200 + 2 x 9,200; midpoints; 14,400 + 2 x 18,400); net 7,600 / 20,400 / 33,200; ROI
    7,600 / 18,000, 20,400 / 18,000, 33,200 / 18,000; every year's net above 0: paid back
    within the first year at every end.

    Beta, 3,600 a year (10,800), mobile app not known: the time line counts 0-14,400 and half
    of its middle is expected (offered or not, each equally likely): 5,400 a year. Gains
    4,000 / 22,200 / 51,200 (2 x 2,000; 3 x 5,400 + 2 x 3,000; as Alpha); net -6,800 /
    11,400 / 40,400; ROI -6,800 / 10,800, 11,400 / 10,800, 40,400 / 10,800; at the
    pessimistic end the cumulative net is -3,600, -5,200, -6,800: never paid back within the
    horizon.
    """
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    assert created["gains"]["lines"][0]["hours_per_week"] == {"low": 1.0, "high": 2.0}
    snapshot = evaluated(client, created["id"])
    alpha, beta = snapshot["roi"]["alpha"], snapshot["roi"]["beta"]

    assert approx(alpha["costs"]) == (18_000, 18_000, 18_000)
    assert approx(alpha["gains"]) == (25_600, 38_400, 51_200)
    assert approx(alpha["net_benefit"]) == (7_600, 20_400, 33_200)
    assert approx(alpha["roi"]) == (7_600 / 18_000, 20_400 / 18_000, 33_200 / 18_000)
    assert approx(alpha["payback_years"]) == (1.0, 1.0, 1.0)
    assert alpha["known"] is True
    assert [line["status"] for line in alpha["lines"]] == ["counts", "counts"]

    assert approx(beta["gains"]) == (4_000, 22_200, 51_200)
    assert approx(beta["net_benefit"]) == (-6_800, 11_400, 40_400)
    assert approx(beta["roi"]) == (-6_800 / 10_800, 11_400 / 10_800, 40_400 / 10_800)
    assert beta["payback_years"]["pessimistic"] is None
    assert [y["cumulative"]["pessimistic"] for y in beta["years"]] == pytest.approx(
        [-3_600, -5_200, -6_800]
    )
    assert beta["known"] is False
    time_line = beta["lines"][0]
    assert (time_line["status"], time_line["capabilities"]) == ("unknown", ["mobile_app"])
    assert (time_line["per_year_low"], time_line["per_year_high"]) == (0.0, 14_400.0)
    assert [(y["gains_low"], y["gains_high"]) for y in beta["years"]] == [
        (0.0, 14_400.0),
        (2_000.0, 18_400.0),
        (2_000.0, 18_400.0),
    ]
    assert "undiscounted" in snapshot["roi_method_en"]
    assert "sans actualisation" in snapshot["roi_method_fr"]
    assert time_line["label_fr"].startswith("Tournées des commerciaux")


def test_a_known_absence_makes_a_line_worth_nothing(
    client: TestClient, session: Session, two_products: None
) -> None:
    """Beta recorded without a mobile app: the time line is 0 for it, its gains are the
    retention line's alone (2 x 2,000 to 2 x 4,000)."""
    beta_lacks_a_mobile_app(client)
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    snapshot = evaluated(client, created["id"])
    beta = snapshot["roi"]["beta"]
    assert beta["lines"][0]["status"] == "lacks"
    assert approx(beta["gains"]) == (4_000, 6_000, 8_000)


def test_value_for_money_ranks_on_net_benefit_with_the_cost_s_weight(
    client: TestClient, two_products: None
) -> None:
    """Asked for, the value-for-money criterion replaces the TCO in the grid and takes its
    weight. By hand (undiscounted, each line ranked at the middle of its range): Alpha 38,400
    - 18,000 = 20,400; Beta 3 x 10,800 x 1/2 + 2 x 3,000 - 10,800 = 11,400 expected. Each is
    shown between the ends of the client's ranges and of its unknown facts, the ROI's net
    benefit: Alpha 7,600 to 33,200 though every fact is known (the gains are estimates),
    Beta -6,800 (the ranges' low ends, no mobile app) to 40,400."""
    gains = {**GAINS, "value_for_money": True}
    created = ok(client.post(f"{API}/projects", json={**PROJECT, "gains": gains}), 201)
    snapshot = evaluated(client, created["id"])
    matrix = snapshot["matrix"]
    assert "value_for_money" in matrix["criteria"]
    assert "tco" not in matrix["criteria"]
    j = matrix["criteria"].index("value_for_money")
    alpha, beta = matrix["products"].index("alpha"), matrix["products"].index("beta")
    for i, expected in ((alpha, (7_600, 20_400, 33_200)), (beta, (-6_800, 11_400, 40_400))):
        shown = (matrix["low"][i][j], matrix["values"][i][j], matrix["high"][i][j])
        assert shown == pytest.approx(expected)
        assert matrix["known"][i][j] is False
        # The same figures as the ROI's net benefit, undiscounted: one rule for the gains.
        assert approx(snapshot["roi"][matrix["products"][i]]["net_benefit"]) == expected
    plain = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    tco_weight = evaluated(client, plain["id"])["weights_used"]["tco"]
    assert snapshot["weights_used"]["value_for_money"] == pytest.approx(tco_weight)


def test_value_for_money_is_one_known_figure_only_with_exact_gains_and_facts(
    client: TestClient, two_products: None
) -> None:
    """Gains stated as exact figures (1 h a week, 3,000 a year): Alpha, every fact known, is
    one known figure, 3 x 7,200 + 2 x 3,000 - 18,000 = 9,600; Beta, its mobile app unknown,
    from 2 x 3,000 - 10,800 = -4,800 to 3 x 7,200 + 6,000 - 10,800 = 16,800."""
    timed, kept = cast(list[dict[str, Any]], GAINS["lines"])
    lines = [
        {**timed, "hours_per_week": {"low": 1.0, "high": 1.0}},
        {**kept, "amount_per_year": {"low": 3000.0, "high": 3000.0}},
    ]
    gains = {**GAINS, "lines": lines, "value_for_money": True}
    created = ok(client.post(f"{API}/projects", json={**PROJECT, "gains": gains}), 201)
    matrix = evaluated(client, created["id"])["matrix"]
    j = matrix["criteria"].index("value_for_money")
    alpha, beta = matrix["products"].index("alpha"), matrix["products"].index("beta")
    assert matrix["known"][alpha][j] is True
    assert (matrix["low"][alpha][j], matrix["high"][alpha][j]) == pytest.approx((9_600, 9_600))
    assert matrix["values"][alpha][j] == pytest.approx(9_600)
    assert matrix["known"][beta][j] is False
    assert (matrix["low"][beta][j], matrix["high"][beta][j]) == pytest.approx((-4_800, 16_800))


def test_value_for_money_is_said_certain_only_whatever_the_stated_gains(
    client: TestClient, two_products: None
) -> None:
    """Beta known to lack a mobile app; a gain of 0-6,000 a year relies on it. Alpha's net
    benefit is 0 - 18,000 to 18,000 - 18,000, -9,000 expected; Beta's -10,800, known. Alpha
    is best at the middle of the range, not whatever the gain: at its low end Beta is. With
    the gain stated as 3,000 a year, Alpha is best whatever is unknown."""
    beta_lacks_a_mobile_app(client)
    line = {"kind": "support", "requires": ["mobile_app"]}
    for stated, certain in (
        ({"low": 0.0, "high": 6000.0}, False),
        ({"low": 3000.0, "high": 3000.0}, True),
    ):
        gains = {"lines": [{**line, "amount_per_year": stated}], "value_for_money": True}
        created = ok(client.post(f"{API}/projects", json={**PROJECT, "gains": gains}), 201)
        snapshot = evaluated(client, created["id"])
        (difference,) = [d for d in snapshot["differences"] if d["criterion"] == "value_for_money"]
        assert difference["values"] == pytest.approx({"alpha": -9_000, "beta": -10_800})
        assert (difference["best"], difference["certain"]) == ("alpha", certain), stated
        claimed = {(c["subject"], c["criterion"]) for c in snapshot["summary"]["claims"]}
        assert (("alpha", "value_for_money") in claimed) is certain


def test_a_line_worth_nothing_over_the_horizon_leaves_the_figures_known(
    client: TestClient, two_products: None
) -> None:
    """Beta's mobile app is not known, but the only line relying on it starts in year 4 of a
    3-year horizon: Beta's ROI and value for money are one known figure each, 3 x 1,000 -
    10,800 = -7,800."""
    gains = {
        "lines": [
            {"kind": "support", "amount_per_year": {"low": 1000.0, "high": 1000.0}},
            {
                "kind": "support",
                "amount_per_year": {"low": 500.0, "high": 900.0},
                "requires": ["mobile_app"],
                "from_year": 4,
            },
        ],
        "value_for_money": True,
    }
    created = ok(client.post(f"{API}/projects", json={**PROJECT, "gains": gains}), 201)
    snapshot = evaluated(client, created["id"])
    assert snapshot["roi"]["beta"]["known"] is True
    assert approx(snapshot["roi"]["beta"]["net_benefit"]) == (-7_800, -7_800, -7_800)
    matrix = snapshot["matrix"]
    i, j = matrix["products"].index("beta"), matrix["criteria"].index("value_for_money")
    assert (matrix["values"][i][j], matrix["known"][i][j]) == (pytest.approx(-7_800), True)


def test_without_gains_there_is_no_roi(client: TestClient, two_products: None) -> None:
    """No gain is ever assumed: a project that states none has no ROI at all."""
    created = ok(client.post(f"{API}/projects", json={**PROJECT, "gains": None}), 201)
    snapshot = evaluated(client, created["id"])
    assert snapshot["roi"] == {}
    assert snapshot["roi_method_en"] is None


def test_a_discount_rate_lowers_later_years(client: TestClient, two_products: None) -> None:
    """At 10 %, Alpha's optimistic gains are 14,400 / 1.1 + 18,400 / 1.1^2 + 18,400 / 1.1^3."""
    gains = {**GAINS, "discount_rate_pct": 10.0}
    created = ok(client.post(f"{API}/projects", json={**PROJECT, "gains": gains}), 201)
    snapshot = evaluated(client, created["id"])
    expected = 14_400 / 1.1 + 18_400 / 1.1**2 + 18_400 / 1.1**3
    assert snapshot["roi"]["alpha"]["gains"]["optimistic"] == pytest.approx(expected)
    assert "10" in snapshot["roi_method_en"]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"kind": "time_saved", "population": "service"}, "time_saved line needs"),
        ({"kind": "retention"}, "needs amount_per_year"),
        ({"kind": "custom", "amount_per_year": {"low": 1.0, "high": 2.0}}, "needs a label"),
        ({"kind": "support", "amount_per_year": {"low": 3.0, "high": 2.0}}, "at least low"),
        (
            {"kind": "support", "suggestion": "nps", "amount_per_year": {"low": 1.0, "high": 2.0}},
            "is a retention line",
        ),
    ],
)
def test_an_incomplete_gain_is_a_clear_422(
    client: TestClient, line: dict[str, Any], field: str
) -> None:
    response = client.post(f"{API}/projects", json={**PROJECT, "gains": {"lines": [line]}})
    assert response.status_code == 422
    assert field in response.text
    assert client.get(f"{API}/projects").json()["count"] == 0


def test_vigilance_points_follow_the_ratings_and_the_readiness(
    client: TestClient, two_products: None
) -> None:
    """Sales (habit 5, customer 2) falls on field sales: high, to reconsider. The mobile app
    (habit 4, customer 4) for management only, readiness rated well: to watch. Marketing is
    rated but not in scope, a habit change of 3 is no point: neither shows."""
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    requirements = {
        "domains": {"sales": "must"},
        "capabilities": {"mobile_app": "should", "quotes": "could"},
        "change_readiness": {"human_impacts": 4, "communication": 4},
        "impacts": {
            "domain:sales": {"customer_impact": 2, "habit_change": 5},
            "capability:mobile_app": {
                "customer_impact": 4,
                "habit_change": 4,
                "populations": ["management", "sales_office"],
            },
            "capability:quotes": {"customer_impact": 5, "habit_change": 3},
            "domain:marketing": {"customer_impact": 1, "habit_change": 5},
        },
        "version": created["version"],
    }
    ok(client.put(f"{API}/projects/{created['id']}/requirements", json=requirements))
    snapshot = evaluated(client, created["id"])
    points = snapshot["vigilance"]
    assert [p["requirement"] for p in points] == ["domain:sales", "capability:mobile_app"]
    sales, mobile = points
    assert (sales["level"], sales["reconsider"]) == ("high", True)
    assert sales["resistant"] == ["sales_field"]
    assert sales["populations"] == ["sales_field", "sales_office"]
    assert "surveillance" in sales["advice_en"]
    assert "reconsider" in sales["advice_en"]
    assert "reconsidérer" in sales["advice_fr"]
    assert (mobile["level"], mobile["reconsider"]) == ("watch", False)
    assert mobile["populations"] == ["sales_office"]  # management has no user here
    assert mobile["label_fr"] == "Application mobile"


def test_weak_readiness_raises_a_strong_change_to_high(
    client: TestClient, two_products: None
) -> None:
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    requirements = {
        "domains": {"sales": "must"},
        "change_readiness": {"communication": 2},
        "impacts": {
            "domain:sales": {
                "customer_impact": 4,
                "habit_change": 4,
                "populations": ["sales_office"],
            }
        },
        "version": created["version"],
    }
    ok(client.put(f"{API}/projects/{created['id']}/requirements", json=requirements))
    snapshot = evaluated(client, created["id"])
    (point,) = snapshot["vigilance"]
    assert (point["level"], point["weak_factors"]) == ("high", ["communication"])
    assert "Communication" in point["advice_en"]


def test_a_rating_of_an_unknown_requirement_is_a_422(client: TestClient) -> None:
    created = ok(client.post(f"{API}/projects", json=PROJECT), 201)
    response = client.put(
        f"{API}/projects/{created['id']}/requirements",
        json={
            "domains": {"sales": "must"},
            "impacts": {"capability:teleportation": {"customer_impact": 3, "habit_change": 3}},
            "version": created["version"],
        },
    )
    assert response.status_code == 422
    assert "teleportation" in response.text


def test_figures_read_as_one_value_only_when_nothing_moves_them(
    client: TestClient, two_products: None
) -> None:
    """Exact gains (each range a point) and Alpha's known price and capability: Alpha's
    figures read as single known values. Beta rests on its unknown mobile app: its figures
    are ranges marked estimated; and a stated range alone (Alpha with a range) is estimated
    too, though every fact is known."""
    exact = {
        "lines": [
            {
                "kind": "time_saved",
                "population": "sales_field",
                "hours_per_week": {"low": 1.0, "high": 1.0},
                "hourly_cost": 40.0,
                "requires": ["mobile_app"],
            }
        ]
    }
    views = {}
    for name, gains in (("exact", exact), ("ranged", GAINS)):
        created = ok(client.post(f"{API}/projects", json={**PROJECT, "gains": gains}), 201)
        snapshot = evaluated(client, created["id"])
        views[name] = roi_view(Snapshot.model_validate(snapshot), Lang.EN, ["alpha", "beta"])
    exact_view, ranged_view = views["exact"], views["ranged"]
    assert exact_view is not None
    assert ranged_view is not None
    alpha, beta = exact_view.rows
    for figure in (alpha.gains, alpha.costs, alpha.net, alpha.roi, alpha.payback):
        assert (figure.state, "–" in figure.text) == ("known", False), figure
    assert alpha.net.text == "3,600\u00a0EUR"  # 3 x 7,200 - 18,000
    for figure in (beta.gains, beta.net, beta.roi):
        assert (figure.state, "–" in figure.text) == ("estimate", True), figure
    ranged_alpha = ranged_view.rows[0]
    assert (ranged_alpha.net.state, "–" in ranged_alpha.net.text) == ("estimate", True)
    assert ranged_alpha.costs.state == "known"  # the price is known: the cost is one value
