"""The selection core on small, hand-checkable profiles: TCO arithmetic and ranges, currency,
edition choice, knock-outs on evidence, unknown facts as ranges, left-out criteria, weights
and the explanations."""

from __future__ import annotations

import math

import pytest
from currency_converter import SINGLE_DAY_CURRENCY_FILE, CurrencyConverter

from criteria import cost
from criteria import weights as elicitation
from service.selection import analysis
from service.selection.analysis import MethodRefuses
from service.selection.costs import PriceBounds, product_cost
from service.selection.currency import Rates
from service.selection.evaluate import CannotEvaluate, EliminatedProduct
from service.selection.explain import claim_holds
from service.selection.facts import ProductFacts
from service.selection.inputs import (
    Priority,
    ProjectContext,
    Requirements,
    TcoAssumptions,
)
from service.selection.knockouts import apply_knockouts
from service.selection.registry import Context, applicable_criteria
from service.selection.shortlist import Market, shortlist
from service.selection.weights import StakeholderWeightsIn, aggregate, preset, stakeholder_weights
from tests.service.selection.factories import (
    edition,
    fact,
    included,
    priced,
    profile,
    project,
    run,
)
from tests.service.selection.factories import (
    preset as preset_weights,
)
from vendors.schema import ProductProfile
from vendors.vocabulary import Domain

EUR = Rates("EUR", {})


def cost_of(product: ProductProfile, requirements: Requirements | None = None, **changes: object):  # type: ignore[no-untyped-def]
    """The product's cost model, the market being the product and two priced references."""
    market = [ProductFacts.of(p) for p in (product, priced("cheap", 10), priced("dear", 200))]
    the_project = project(**changes)
    rates = Rates("EUR", the_project.tco.exchange_rates)
    return product_cost(
        ProductFacts.of(product),
        the_project,
        requirements or Requirements(),
        rates,
        PriceBounds.of(market, rates),
    )


def test_saas_tco_adds_up_year_by_year() -> None:
    """10 seats x 50/month, defaults: 15 + 0.2 x 10 = 17 integrator days at 900, 15 % fees,
    7 h of training per user (2 groups of 8 -> 2 trainer days) plus trainees' time at 45/h,
    2 h a year from year 2, 120 internal hours at 45."""
    cost = cost_of(priced("a", 50))
    assert cost.mode == "saas"
    assert not cost.unknowns
    subscription = 10 * 50 * 12
    implementation = 17 * 900
    fees = implementation * 0.15
    training = 2 * 1 * 900 + 10 * 7 * 45
    continuous = 2 * (2 / 7) * 900 + 10 * 2 * 45
    internal = 120 * 45
    year1 = subscription + implementation + fees + training + internal
    schedule = cost.extreme(False)
    assert schedule.year_totals[0] == pytest.approx(year1)
    assert schedule.year_totals[1] == pytest.approx(subscription + continuous)
    total = year1 + 2 * (subscription + continuous)
    assert cost.low == cost.mean == cost.high == pytest.approx(total)
    years, items, _ = cost.expected()
    assert sum(years) == pytest.approx(total)
    assert items["subscription"] == pytest.approx(3 * subscription)


def test_a_licence_without_a_maintenance_rate_costs_a_range_of_15_to_20_percent() -> None:
    product = priced("b", 1000, unit="licence_one_off", deployment={"on_premise": fact(True)})
    cost = cost_of(product)
    assert cost.mode == "on_premise"
    assert [u.path for u in cost.unknowns] == ["deployment.maintenance_pct"]
    low, high = cost.extreme(False), cost.extreme(True)
    assert low.item_totals["licences"] == high.item_totals["licences"] == 10_000
    assert low.item_totals["maintenance"] == pytest.approx(3 * 10_000 * 0.15)
    assert high.item_totals["maintenance"] == pytest.approx(3 * 10_000 * 0.20)
    assert low.item_totals["infrastructure"] == 3 * 6000
    assert cost.low < cost.mean < cost.high
    assert cost.mean == pytest.approx((cost.low + cost.high) / 2)


def test_prices_convert_with_the_project_rate_else_the_ecb_reference_rate() -> None:
    usd = priced("c", 100, currency="USD")
    ecb = float(CurrencyConverter(SINGLE_DAY_CURRENCY_FILE).convert(100, "USD", "EUR"))
    by_ecb = cost_of(usd).options[0]
    assert by_ecb.low == pytest.approx(ecb)
    assert by_ecb.rate is not None
    assert by_ecb.rate.source != "project"
    rated = cost_of(usd, tco=TcoAssumptions(exchange_rates={"USD": 0.5})).options[0]
    assert rated.low == 50
    assert rated.rate is not None
    assert rated.rate.source == "project"


def test_an_unknown_price_is_a_range_between_the_market_bounds_never_a_point() -> None:
    """A product without any edition costs between the market's cheapest (10/month) and
    dearest (200/month) per-user prices: a range, with its expectation inside."""
    cost = cost_of(profile("blank"))
    assert cost.price is not None
    option = cost.options[0]
    assert (option.low, option.high, option.known) == (10, 200, False)
    assert option.bound is not None
    assert {b.product for b in option.bound} == {"cheap", "dear"}
    at_low = cost_of(priced("x", 10)).low
    at_high = cost_of(priced("x", 200)).low
    assert cost.low == pytest.approx(at_low)
    assert cost.high == pytest.approx(at_high)
    assert at_low < cost.mean < at_high


def test_the_edition_bought_is_the_cheapest_known_to_have_the_must_haves() -> None:
    editions = [edition("lite", 10), edition("pro", 30), edition("max", 60)]
    musts = Requirements(capabilities={"quotes": "must"})
    known = profile(
        "p", editions=editions, capabilities=included("quotes", editions=["pro", "max"])
    )
    cost = cost_of(known, musts)
    assert [o.edition for o in cost.options] == ["pro"]
    assert cost.price is None
    unknown = profile("q", editions=editions)
    ranged = cost_of(unknown, musts)
    assert [o.edition for o in ranged.options] == ["lite", "pro", "max"]
    assert ranged.low == pytest.approx(cost_of(priced("x", 10)).low)
    assert ranged.high == pytest.approx(cost_of(priced("x", 60)).low)
    named = cost_of(unknown, musts, tco=TcoAssumptions(editions={"q": "max"}))
    assert [o.edition for o in named.options] == ["max"]
    assert named.choice == "edition named by the project"


def _knockouts(product: ProductProfile, requirements: Requirements, **changes: object):  # type: ignore[no-untyped-def]
    facts = ProductFacts.of(product)
    the_project = project(**changes)
    cost = cost_of(product, requirements, **changes)
    return apply_knockouts(facts, the_project, requirements, cost)


def test_knockouts_fail_only_on_what_no_unknown_could_change() -> None:
    us_only = priced(
        "us",
        1000,
        hosting={"countries": fact(["US"])},
        ui_languages=fact(["en"]),
        capabilities={"ticketing": {"availability": fact("not_available")}},
    )
    requirements = Requirements(
        capabilities={"ticketing": "must"},
        constraints={"hosting": ["EU"], "ui_languages": ["fr"]},
    )
    result = _knockouts(us_only, requirements)
    assert {c.constraint for c in result.failed} == {"hosting", "capability:ticketing", "budget"}
    assert {c.constraint for c in result.to_confirm} == {"ui_languages"}
    unknown = _knockouts(profile("blank"), requirements)
    assert not unknown.eliminated
    assert {c.constraint for c in unknown.to_confirm} == {
        "hosting",
        "ui_languages",
        "capability:ticketing",
        "budget",
    }
    confirm = {c.constraint: c.facts for c in unknown.to_confirm}
    assert confirm["capability:ticketing"] == ("capabilities.ticketing.availability",)


def test_the_budget_is_checked_on_the_cheapest_edition_that_could_do() -> None:
    """Two editions at 10 and 1,000 a month: the catalog does not say which has quotes, so
    the cheap one might do; the product is kept, to confirm, not eliminated at its dearest."""
    requirements = Requirements(capabilities={"quotes": "must"})
    both = profile("both", editions=[edition("lite", 10), edition("max", 1000)])
    check = next(c for c in _knockouts(both, requirements).checks if c.constraint == "budget")
    assert check.status == "to_confirm"
    assert check.facts == ("editions.*.price",)
    dear = profile("dear2", editions=[edition("lite", 900), edition("max", 1000)])
    failed = next(c for c in _knockouts(dear, requirements).checks if c.constraint == "budget")
    assert failed.status == "fail"
    assert "even at the lowest price it could have" in failed.detail


def test_an_unpriced_product_fails_the_budget_only_when_the_cheapest_price_would() -> None:
    """Unknown price between 10 and 200 a month: kept (to confirm) under a wide budget,
    eliminated when even 10 a month exceeds the ceiling."""
    requirements = Requirements()
    wide = next(
        c for c in _knockouts(profile("blank"), requirements).checks if c.constraint == "budget"
    )
    assert wide.status == "to_confirm"
    tight = _knockouts(profile("blank"), requirements, budget={"low": 1, "high": 2})
    assert tight.eliminated
    assert tight.failed[0].constraint == "budget"


def test_an_unknown_capability_is_a_range_and_never_called_a_gap() -> None:
    documented = priced("doc", 50, capabilities=included("quotes"))
    blank = priced("blank", 50)
    requirements = Requirements(domains={"sales": "must"}, capabilities={"quotes": "must"})
    snapshot = run([documented, blank], requirements)
    j = snapshot.matrix.criteria.index("fit_sales")
    i_doc, i_blank = (snapshot.matrix.products.index(p) for p in ("doc", "blank"))
    assert snapshot.matrix.known[i_doc][j]
    assert not snapshot.matrix.known[i_blank][j]
    assert (snapshot.matrix.low[i_doc][j], snapshot.matrix.high[i_doc][j]) == (100, 100)
    assert (snapshot.matrix.low[i_blank][j], snapshot.matrix.high[i_blank][j]) == (0, 100)
    assert snapshot.matrix.values[i_blank][j] == pytest.approx(50)
    coverage = snapshot.coverage["blank"]
    assert coverage.gaps == []
    assert coverage.to_confirm == ["quotes"]
    assert coverage.counts == {"covered": 0, "partial": 0, "gap": 0, "unknown": 1}
    asked = [u for u in snapshot.unknowns if u.product == "blank"]
    assert asked[0].path == "capabilities.quotes.availability"
    assert asked[0].question.en == "Does the Pro edition of blank include quotes?"
    assert asked[0].question.fr == "L'édition Pro de blank inclut-elle la création de devis\u202f?"


def test_a_rating_is_a_range_when_another_product_is_rated_and_left_out_when_none_is() -> None:
    def rated(pid: str, value: float) -> ProductProfile:
        return priced(pid, 50, ratings={"scalability": fact(value, rated_by="Cabinet test")})

    requirements = Requirements()
    snapshot = run([rated("a", 4), priced("b", 60)], requirements)
    j = snapshot.matrix.criteria.index("scalability")
    b = snapshot.matrix.products.index("b")
    assert (snapshot.matrix.low[b][j], snapshot.matrix.high[b][j]) == (0, 5)
    assert any(
        u.path == "ratings.scalability" and u.question.ask == "demo" for u in snapshot.unknowns
    )
    none = run([priced("a", 50), priced("b", 60)], requirements)
    left = {item.criterion: item for item in none.left_out}
    assert left["scalability"].reason == "no compared product has a rating"
    # Its share of the weights of the criteria that apply (hosting does not, here).
    stated = preset_weights(requirements).weights
    share = stated["scalability"] / sum(
        stated[k] for k in applicable_criteria(project(), requirements)
    )
    assert left["scalability"].weight_share == pytest.approx(share, rel=1e-9)
    assert "scalability" in none.summary.en
    assert "of the weights" in none.summary.en


def test_a_depth_counts_only_when_some_compared_product_rated_it() -> None:
    deep = priced(
        "deep",
        50,
        capabilities={
            "quotes": {"availability": fact("included"), "depth": fact(2, rated_by="demo")}
        },
    )
    plain = priced("plain", 50, capabilities=included("quotes"))
    requirements = Requirements(capabilities={"quotes": "must"})
    snapshot = run([deep, plain], requirements)
    j = snapshot.matrix.criteria.index("fit_sales")
    d, p = (snapshot.matrix.products.index(x) for x in ("deep", "plain"))
    assert snapshot.matrix.values[d][j] == pytest.approx(40)
    assert (snapshot.matrix.low[p][j], snapshot.matrix.high[p][j]) == (0, 100)
    unrated = run([plain, priced("other", 60, capabilities=included("quotes"))], requirements)
    assert "fit_sales" in {item.criterion for item in unrated.left_out}


def test_an_eliminated_product_is_refused_unless_asked_and_then_labelled() -> None:
    cheap_us = priced("cheap_us", 10, hosting={"countries": fact(["US"])})
    dear_eu = priced("dear_eu", 40, hosting={"regions": fact(["EU"])})
    requirements = Requirements(constraints={"hosting": ["EU"]})
    with pytest.raises(EliminatedProduct) as refused:
        run([cheap_us, dear_eu], requirements)
    assert refused.value.index == 0
    first = run([cheap_us, dear_eu], requirements, include_eliminated=True)
    second = run([cheap_us, dear_eu], requirements, include_eliminated=True)
    assert first == second
    assert first.knockouts["cheap_us"].eliminated
    assert first.product("cheap_us").eliminated
    assert not first.product("dear_eu").eliminated
    assert first.inputs.include_eliminated
    if first.result.ranking[0] == "cheap_us":
        assert "eliminates it (the hosting location)" in first.summary.en
        assert "le lieu d'hébergement" in first.summary.fr


def test_every_claim_of_the_summary_holds_in_the_matrix() -> None:
    requirements = Requirements(
        domains={"sales": "must"}, capabilities={"quotes": "must", "mobile_app": "should"}
    )
    products = [
        priced("a", 20, capabilities=included("quotes", "mobile_app")),
        priced("b", 90, capabilities={"mobile_app": {"availability": fact("not_available")}}),
        priced("c", 40),
    ]
    snapshot = run(products, requirements)
    m = snapshot.matrix
    assert snapshot.summary.claims
    for claim in snapshot.summary.claims:
        assert claim_holds(claim, m.products, m.criteria, m.low, m.high)


def test_a_third_party_price_is_flagged_as_weak_evidence() -> None:
    weak_edition = {
        "key": "pro",
        "name": "Pro",
        "price": {
            **fact({"amount": 30, "currency": "EUR", "unit": "user_month"}),
            "confidence": "third_party",
        },
    }
    snapshot = run([profile("weak", editions=[weak_edition]), priced("firm", 40)], Requirements())
    flagged = {(item.product, item.fact) for item in snapshot.low_confidence_inputs}
    assert flagged == {("weak", "editions.pro.price")}


def test_a_vendor_s_declared_price_is_not_weak_evidence() -> None:
    declared = {
        "key": "pro",
        "name": "Pro",
        "price": {
            **fact({"amount": 30, "currency": "EUR", "unit": "user_month"}),
            "confidence": "vendor_declared",
        },
    }
    snapshot = run([profile("declared", editions=[declared]), priced("firm", 40)], Requirements())
    assert snapshot.low_confidence_inputs == []
    assert snapshot.tco["declared"].known


def test_the_shortlist_s_first_candidate_is_the_evaluation_s_most_probable_winner() -> None:
    requirements = Requirements(domains={"sales": "must"}, capabilities={"quotes": "should"})
    profiles = [
        priced("a", 20, capabilities=included("quotes")),
        priced("b", 25),
        priced("c", 60, capabilities=included("quotes")),
        profile("d"),
    ]
    market = Market.of(profiles, {})
    weights = preset_weights(requirements)
    result = shortlist(market, project(), requirements, weights, size=3, samples=2_000)
    kept = [c.id for c in result.candidates]
    snapshot = run([p for p in profiles if p.id in kept], requirements, market=profiles)
    assert result.candidates[0].id in snapshot.robustness.most_probable
    shares = {c.id: c.p_first for c in result.candidates}
    assert shares == pytest.approx(snapshot.robustness.joint)


def test_ties_at_the_cut_off_are_reported() -> None:
    same = [priced(pid, 30, capabilities=included("quotes")) for pid in ("a", "b", "c")]
    market = Market.of(same, {})
    requirements = Requirements(capabilities={"quotes": "must"})
    result = shortlist(
        market, project(), requirements, preset_weights(requirements), size=2, sampling=False
    )
    assert len(result.candidates) == 2
    assert [c.id for c in result.tied_at_cutoff] == ["c"]


def test_a_capability_outside_the_scoped_domains_still_counts() -> None:
    requirements = Requirements(domains={"sales": "must"}, capabilities={"ticketing": "must"})
    assert applicable_criteria(project(), requirements)[:2] == ["fit_sales", "fit_service"]
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


def test_the_context_leaves_out_what_no_compared_product_rated() -> None:
    rated = ProductFacts.of(priced("a", 10, ratings={"ease_of_use": fact(4, rated_by="demo")}))
    bounds = PriceBounds.of([], EUR)
    ctx = Context.of(project(), Requirements(), [rated], rates=EUR, bounds=bounds)
    assert ctx.rated == frozenset({"ease_of_use"})
    alone = Context.of(
        project(), Requirements(), [ProductFacts.of(priced("b", 10))], rates=EUR, bounds=bounds
    )
    assert alone.rated == frozenset()


def test_implementation_days_come_from_the_project_else_the_product_else_the_default() -> None:
    estimated = priced("est", 50, deployment={"implementation_days": fact(40.0)})
    cost = cost_of(estimated)
    assert (cost.implementation_days, cost.implementation_source) == (40, "product")
    assert cost.extreme(False).item_totals["implementation"] == pytest.approx((40 + 2) * 900)
    plain = cost_of(priced("plain", 50))
    assert (plain.implementation_days, plain.implementation_source) == (15, "default")
    told = cost_of(estimated, tco=TcoAssumptions(implementation_days=10.0))
    assert (told.implementation_days, told.implementation_source) == (10, "project")
    assert told.low < plain.low < cost.low


def test_the_french_summary_contracts_and_elides_as_french_does() -> None:
    """Every sentence of the summary in correct French: « le poids de la couverture », never
    « de le », « qu'Autre CRM », « d'Oracle », and the direction of a weight change."""
    requirements = Requirements(
        domains={"sales": "must"}, capabilities={"quotes": "should", "mobile_app": "should"}
    )
    products = [
        profile(
            "oracle",
            product=fact("Oracle CX"),
            editions=[edition("pro", 20)],
            capabilities=included("mobile_app"),
        ),
        profile(
            "other",
            product=fact("Autre CRM"),
            editions=[edition("pro", 45)],
            capabilities=included("quotes", "mobile_app"),
        ),
    ]
    snapshot = run(products, requirements)
    text = snapshot.summary.fr
    assert "Ce qui changerait le vainqueur\u00a0: baisser le poids de la couverture" in text
    assert "en dessous de" in text
    assert "to below" in snapshot.summary.en
    for wrong in (" de le ", " de les ", " à le ", " à les ", "de Oracle", "de Autre", "que Autre"):
        assert wrong not in text
    questions = " ".join(u.question.fr for u in snapshot.unknowns)
    assert "d'Oracle CX" in questions
    assert "de Oracle" not in questions
    assert " ?" not in text + questions, "a narrow no-break space goes before ? in French"


def test_a_licence_edition_does_not_turn_a_saas_product_into_installed_software() -> None:
    mixed = profile(
        "mixed", editions=[edition("pro", 30), edition("onprem", 500, unit="licence_one_off")]
    )
    both = cost_of(mixed)
    assert [o.edition for o in both.options] == ["pro"]
    assert both.mode == "saas"
    assert both.low == pytest.approx(cost_of(priced("x", 30)).low)
    saas_only = Requirements(constraints={"deployment_modes": ["saas"]})
    cost = cost_of(mixed, saas_only)
    assert all(o.unit.value != "licence_one_off" for o in cost.options)
    assert cost.mode == "saas"
    result = _knockouts(mixed, saas_only, budget={"low": 1_000, "high": 50_000})
    assert not result.eliminated


def test_an_unpriced_edition_that_could_be_cheaper_stays_in_the_budget_check() -> None:
    """pro at 200 a month and lite without a price: lite may cost as little as the market's
    cheapest (10), so the product is not eliminated at pro's price."""
    product = profile("two", editions=[edition("pro", 200), edition("lite", None)])
    cost = cost_of(product)
    assert {o.edition for o in cost.options} == {"pro", "lite"}
    assert cost.low == pytest.approx(cost_of(priced("x", 10)).low)
    tight = _knockouts(product, Requirements(), budget={"low": 1, "high": 40_000})
    assert not tight.eliminated
    assert {c.constraint for c in tight.to_confirm} == {"budget"}


def test_must_haves_known_to_be_in_no_common_edition_eliminate_whatever_the_others() -> None:
    editions = [edition("pro", 30), edition("ent", 60)]
    capabilities = {
        **included("quotes", editions=["pro"]),
        **included("mobile_app", editions=["ent"]),
        **included("dashboards"),
    }
    product = profile("split", editions=editions, capabilities=capabilities)
    requirements = Requirements(
        capabilities={"quotes": "must", "mobile_app": "must", "dashboards": "must"}
    )
    result = _knockouts(product, requirements)
    assert result.eliminated
    assert result.failed[0].constraint == "editions"


def test_the_edition_the_project_names_is_checked_and_a_named_free_one_costs_nothing() -> None:
    editions = [edition("free", 0), edition("pro", 30), edition("ent", 60)]
    product = profile(
        "named", editions=editions, capabilities=included("mobile_app", editions=["ent"])
    )
    requirements = Requirements(capabilities={"mobile_app": "must"})
    named_pro = _knockouts(product, requirements, tco=TcoAssumptions(editions={"named": "pro"}))
    assert named_pro.eliminated
    assert "lacks Mobile app" in named_pro.failed[0].detail
    free = cost_of(product, tco=TcoAssumptions(editions={"named": "free"}))
    assert free.price is None
    assert free.options[0].known
    assert free.options[0].low == 0


def test_a_robust_verdict_holds_in_the_joint_draws_too() -> None:
    """Robust means first in at least 80 % of the weight draws, of the draws of the unknown
    facts and of the joint draws: never 'robust' next to a lower joint probability."""
    requirements = Requirements(
        domains={"sales": "must"}, capabilities={"quotes": "should", "mobile_app": "should"}
    )
    for products in (
        [priced("a", 20, capabilities=included("quotes", "mobile_app")), priced("b", 80)],
        [priced("a", 20), priced("b", 25), priced("c", 30, capabilities=included("quotes"))],
    ):
        snapshot = run(products, requirements)
        robustness = snapshot.robustness
        winner = robustness.winner
        assert robustness.joint is not None
        assert robustness.to_weights is not None
        assert robustness.to_facts is not None
        shares = (robustness.joint, robustness.to_weights, robustness.to_facts)
        assert robustness.robust == all(s[winner] >= robustness.threshold for s in shares)
        assert ("The verdict is robust" in snapshot.summary.en) == robustness.robust


def test_a_price_that_leaves_cost_out_is_asked_first() -> None:
    """Without two priced products in the market, an unpriced product's cost has no bound:
    cost is left out, and its price is the first question, flagged as blocking it."""
    snapshot = run(
        [priced("a", 20, capabilities=included("quotes")), profile("brevo")],
        Requirements(capabilities={"quotes": "should"}),
    )
    assert {item.criterion: item.code for item in snapshot.left_out}["tco"] == "no_bound"
    first = snapshot.unknowns[0]
    assert (first.product, first.path, first.question.blocks) == (
        "brevo",
        "editions.*.price",
        "tco",
    )
    assert snapshot.product("brevo").questions[0].blocks == "tco"
    assert "To ask first" in snapshot.summary.en
    assert "brevo's price (total cost of ownership)" in snapshot.summary.en


def test_wpm_on_a_known_zero_is_refused_naming_the_product() -> None:
    requirements = Requirements(capabilities={"quotes": "must", "mobile_app": "should"})
    products = [
        priced(
            "none",
            20,
            capabilities={
                **included("quotes"),
                "mobile_app": {"availability": fact("not_available")},
            },
        ),
        priced("some", 30, capabilities=included("quotes", "mobile_app")),
    ]
    with pytest.raises(CannotEvaluate, match="WPM cannot rank these products: none scores 0"):
        run(products, requirements, method="wpm")
    assert run(products, requirements, method="topsis").result.ranking == ["some", "none"]


def test_without_unknown_facts_the_summary_says_only_what_was_drawn() -> None:
    requirements = Requirements(capabilities={"quotes": "should"})
    population = ("mobile_app", "offline_mobile", "email_integration", "open_api", "dashboards")
    cheap = priced(
        "cheap",
        20,
        capabilities={**included(*population), "quotes": {"availability": fact("not_available")}},
    )
    rich = priced("rich", 60, capabilities=included("quotes", *population))
    snapshot = run([cheap, rich], requirements)
    assert snapshot.unknowns == []
    assert snapshot.summary.fr.startswith("Aux poids indiqués, ")
    assert "tirages des poids" in snapshot.summary.fr
    assert "tirages conjoints" not in snapshot.summary.fr
    assert "no unknown fact is involved" in snapshot.summary.en


def test_a_shortlist_too_large_for_a_pairwise_method_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A firm may add any number of products, and the shortlist ranks every survivor: with
    ELECTRE I (every pair compared) beyond the work budget it is refused, saying how many
    products fit; TOPSIS on the same products stays within it."""
    requirements = Requirements(capabilities={"quotes": "should"})
    profiles = [
        priced(f"p{k:02}", 20 + k, capabilities=included("quotes") if k % 2 else {})
        for k in range(40)
    ]
    market = Market.of(profiles, {})
    weights = preset_weights(requirements)
    screened = shortlist(market, project(), requirements, weights, size=3, sampling=False)
    n = len(screened.criteria)
    monkeypatch.setattr(analysis, "MAX_WORK_NS", cost.rank("electre1", 30, n))
    with pytest.raises(MethodRefuses, match=r"ranking 40 products with ELECTRE1 .*at most 30 "):
        shortlist(market, project(), requirements, weights, size=3, method="electre1")
    kept = shortlist(market, project(), requirements, weights, size=3, sampling=False)
    assert len(kept.candidates) == 3
