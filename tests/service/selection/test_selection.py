"""The selection logic on small, hand-checkable profiles: TCO arithmetic, knock-outs, the
grid's missing-fact policies, weights aggregation and the explanations."""

from __future__ import annotations

import math
from typing import Any

import pytest

from criteria import weights as elicitation
from service.selection.costs import product_cost
from service.selection.evaluate import EvaluationRequest, evaluate
from service.selection.explain import summary
from service.selection.grid import applicable_criteria, build_grid
from service.selection.inputs import (
    Budget,
    Populations,
    Priority,
    Project,
    ProjectContext,
    Requirements,
    TcoAssumptions,
)
from service.selection.knockouts import apply_knockouts
from service.selection.weights import (
    StakeholderWeightsIn,
    aggregate,
    preset,
    stakeholder_weights,
)
from vendors.files import profile_from_data
from vendors.schema import ProductProfile
from vendors.vocabulary import Domain

SRC = {"source": "test fixture", "as_of": "2026-10-01", "confidence": "vendor_published"}


def fact(value: Any, **extra: Any) -> dict[str, Any]:
    return {"value": value, **SRC, **extra}


def profile(pid: str, **data: Any) -> ProductProfile:
    return profile_from_data({"id": pid, **data})


def priced(
    pid: str, amount: float, unit: str = "user_month", currency: str = "EUR", **data: Any
) -> ProductProfile:
    edition = {
        "key": "pro",
        "name": "Pro",
        "price": fact({"amount": amount, "currency": currency, "unit": unit}),
    }
    return profile(pid, editions=[edition], **data)


def project(**changes: Any) -> Project:
    base: dict[str, Any] = {
        "client_name": "Test",
        "context": "first_crm",
        "users": Populations(sales_office=10),
        "horizon_years": 3,
        "budget": Budget(low=10_000, high=100_000),
    }
    return Project(**(base | changes))


def test_saas_tco_adds_up_year_by_year() -> None:
    """10 seats x 50/month, defaults: 15 + 0.2 x 10 = 17 integrator days at 900, 15 % fees,
    7 h of training per user (2 groups of 8 -> 2 trainer days) plus trainees' time at 45/h,
    2 h a year from year 2, 120 internal hours at 45."""
    cost = product_cost(priced("a", 50), project(), Requirements())
    assert cost.mode == "saas"
    assert cost.breakdown is not None
    subscription = 10 * 50 * 12
    implementation = 17 * 900
    fees = implementation * 0.15
    training = 2 * 1 * 900 + 10 * 7 * 45
    continuous = 2 * (2 / 7) * 900 + 10 * 2 * 45
    internal = 120 * 45
    year1 = subscription + implementation + fees + training + internal
    assert cost.breakdown.year_totals[0] == pytest.approx(year1)
    assert cost.breakdown.year_totals[1] == pytest.approx(subscription + continuous)
    assert cost.total == pytest.approx(year1 + 2 * (subscription + continuous))


def test_licence_tco_uses_the_default_maintenance_and_says_so() -> None:
    product = priced("b", 1000, unit="licence_one_off", deployment={"on_premise": fact(True)})
    cost = product_cost(product, project(), Requirements())
    assert cost.mode == "on_premise"
    assert cost.breakdown is not None
    assert cost.breakdown.item_totals["licences"] == 10_000
    assert cost.breakdown.item_totals["maintenance"] == pytest.approx(3 * 10_000 * 0.175)
    assert cost.breakdown.item_totals["infrastructure"] == 3 * 6000
    assert [m.fact for m in cost.missing] == ["deployment.maintenance_pct"]


def test_a_price_in_another_currency_needs_a_rate() -> None:
    usd = priced("c", 100, currency="USD")
    assert product_cost(usd, project(), Requirements()).total is None
    rated = project(tco=TcoAssumptions(exchange_rates={"USD": 0.5}))
    cost = product_cost(usd, rated, Requirements())
    assert cost.basis is not None
    assert cost.basis.converted_amount == 50


def test_knockouts_fail_only_on_a_contradiction() -> None:
    us_only = profile(
        "us",
        hosting={"countries": fact(["US"])},
        ui_languages=fact(["en"]),
        capabilities={"ticketing": {"availability": fact("not_available")}},
    )
    requirements = Requirements(
        capabilities={"ticketing": "must"},
        constraints={"hosting": ["EU"], "ui_languages": ["fr"]},
    )
    result = apply_knockouts(us_only, project(), requirements, tco_total=200_000)
    failed = {check.constraint for check in result.failed}
    assert failed == {"hosting", "capability:ticketing", "budget"}
    assert {check.constraint for check in result.unconfirmed} == {"ui_languages"}
    unknown = apply_knockouts(profile("blank"), project(), requirements, tco_total=None)
    assert not unknown.eliminated
    assert {c.constraint for c in unknown.unconfirmed} == {
        "hosting",
        "ui_languages",
        "capability:ticketing",
        "budget",
    }


def test_an_unrated_product_takes_the_lowest_known_rating() -> None:
    def rated(pid: str, value: float) -> ProductProfile:
        return profile(pid, ratings={"scalability": fact(value, rated_by="Cabinet test")})

    grid = build_grid([rated("a", 4), rated("b", 2), profile("c")], project(), Requirements())
    column = grid.matrix[:, grid.criteria.index("scalability")]
    assert column.tolist() == [4, 2, 2]
    treatments = {m.product: m.treatment for m in grid.missing if m.criterion == "scalability"}
    assert treatments == {"c": "lowest known among the compared: 2"}


def test_unknown_facts_are_reported_never_silently_zero() -> None:
    rated = profile(
        "rated",
        capabilities={"quotes": {"availability": fact("included")}},
        ratings={"scalability": fact(4, rated_by="Cabinet test, demo 2026-10")},
    )
    blank = profile("blank")
    requirements = Requirements(domains={"sales": "must"}, capabilities={"quotes": "must"})
    grid = build_grid([rated, blank], project(), requirements)
    missing = {(m.product, m.fact, m.criterion) for m in grid.missing}
    assert ("blank", "capabilities.quotes.availability", "fit_sales") in missing
    assert ("rated", "capabilities.quotes.depth", "fit_sales") in missing  # assumed 3/5
    # One rating cannot compare two products: the criterion is left out, and says why.
    assert (
        grid.dropped["scalability"]
        == "only one compared product has the facts this criterion needs"
    )
    assert grid.dropped["tco"] == "no compared product has the facts this criterion needs"
    fit = grid.matrix[:, grid.criteria.index("fit_sales")]
    assert fit.tolist() == pytest.approx([60.0, 0.0])


def test_a_capability_outside_the_scoped_domains_still_counts() -> None:
    requirements = Requirements(domains={"sales": "must"}, capabilities={"ticketing": "must"})
    assert applicable_criteria(requirements)[:2] == ["fit_sales", "fit_service"]
    assert requirements.fit_domains()[Domain.SERVICE] is Priority.MUST


def test_group_ahp_is_the_geometric_mean_in_any_criteria_order() -> None:
    a = StakeholderWeightsIn(
        method="ahp", criteria=["tco", "adoption"], pairwise=[[1, 4], [1 / 4, 1]]
    )
    b = StakeholderWeightsIn(method="ahp", criteria=["adoption", "tco"], pairwise=[[1, 1], [1, 1]])
    combined = aggregate(
        [stakeholder_weights("a", a), stakeholder_weights("b", b)],
        {"a": a, "b": b},
        context=ProjectContext.FIRST_CRM,
        requirements=Requirements(),
    )
    assert combined.method == "ahp_geometric_mean_of_judgements"
    # Judgement on tco vs adoption: sqrt(4 x 1) = 2, so weights 2/3 and 1/3.
    assert combined.weights["tco"] == pytest.approx(2 / 3)
    expected = elicitation.ahp([[1, 2], [0.5, 1]]).weights
    assert combined.weights["adoption"] == pytest.approx(expected[1])


def test_presets_cover_the_scored_domains_and_sum_to_one() -> None:
    requirements = Requirements(domains={"sales": "must", "marketing": "could"})
    weights = preset(ProjectContext.MARKETING_AUTOMATION, requirements)
    assert math.isclose(sum(weights.values()), 1)
    assert weights["fit_sales"] == pytest.approx(3 * weights["fit_marketing"])


def test_vikor_explanations_read_regrets_the_right_way() -> None:
    """VIKOR contributions are regrets: the winner wins where its regret is lower."""
    ranking = {
        "method": "vikor",
        "alternatives": ["a", "b"],
        "ranking": ["a", "b"],
        "ranks": [1, 2],
        "higher_is_better": False,
    }
    text = summary(
        ranking=ranking,
        criteria=["tco", "adoption"],
        contributions=[[0.0, 0.4], [0.5, 0.0]],
        stability=None,
        smaa_first=None,
        agreement_winners={},
    )
    assert "wins mainly on total cost of ownership" in text["en"]
    assert "b is better on ease of use and adoption" in text["en"]


def test_an_evaluation_is_deterministic_and_warns_about_a_knocked_out_winner() -> None:
    cheap_us = priced("cheap_us", 10, hosting={"countries": fact(["US"])})
    dear_eu = priced("dear_eu", 40, hosting={"regions": fact(["EU"])})
    requirements = Requirements(constraints={"hosting": ["EU"]})
    request = EvaluationRequest(
        project=project(),
        requirements=requirements,
        weights=aggregate([], {}, context=ProjectContext.FIRST_CRM, requirements=requirements),
        profiles=[cheap_us, dear_eu],
    )
    first, second = evaluate(request), evaluate(request)
    assert first == second
    assert first["knockouts"]["cheap_us"]["eliminated"] is True
    if first["result"]["ranking"][0] == "cheap_us":
        assert "fails a knock-out" in first["summary"]["en"]


def test_a_third_party_price_is_flagged_as_weak_evidence() -> None:
    edition = {
        "key": "pro",
        "name": "Pro",
        "price": {
            **fact({"amount": 30, "currency": "EUR", "unit": "user_month"}),
            "confidence": "third_party",
        },
    }
    grid = build_grid(
        [profile("weak", editions=[edition]), priced("firm", 40)], project(), Requirements()
    )
    flagged = {(item.product, item.fact) for item in grid.low_confidence}
    assert flagged == {("weak", "editions.pro.price")}
