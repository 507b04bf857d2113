"""Invariants of the evaluation core, checked with hypothesis on generated products:

- with every fact known, the ranking is ``criteria.rank`` on the known values and the missing
  facts move nothing;
- best rank <= most probable rank <= worst rank;
- every claim of the summary holds in the matrix;
- a value shown as one known figure has no range, and the net benefit of stated gains is
  shown as the ROI's net benefit, one known figure only when the gains are exact;
- evidence monotonicity: a favourable fact never lowers a product's probability of ranking
  first, an unfavourable one never raises it;
- an unknown is never an advantage or a defect in the knock-outs;
- the order in which products are given changes nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import criteria
from service.selection.evaluate import CannotEvaluate
from service.selection.explain import claim_holds
from service.selection.gains import AmountRange, GainKind, GainLine, Gains
from service.selection.inputs import Requirements
from service.selection.snapshot import Claim, Snapshot
from tests.service.selection.factories import edition, fact, profile, project, run
from vendors.schema import ProductProfile

FAST = settings(max_examples=25, deadline=None)
CAPABILITIES = ("quotes", "mobile_app", "ticketing", "dashboards")
REQUIREMENTS = Requirements(
    domains={"sales": "should"},
    capabilities={
        "quotes": "should",
        "mobile_app": "should",
        "ticketing": "could",
        "dashboards": "could",
    },
)
SAMPLES = 400


@st.composite
def products(
    draw: st.DrawFn, *, known: bool = False, count: tuple[int, int] = (2, 4)
) -> list[ProductProfile]:
    """Products with known or unknown availabilities and prices (all known with ``known``)."""
    n = draw(st.integers(*count))
    states = (
        ["included", "not_available", "add_on"] if known else ["included", "not_available", None]
    )
    out = []
    for k in range(n):
        capabilities: dict[str, Any] = {}
        for key in CAPABILITIES:
            state = draw(st.sampled_from(states))
            if state is not None:
                capabilities[key] = {"availability": fact(state)}
        if known:  # what the office users' ease of adoption reads too
            capabilities["email_integration"] = {
                "availability": fact(draw(st.sampled_from(states)))
            }
        price = draw(st.floats(5, 150) if known else st.one_of(st.none(), st.floats(5, 150)))
        editions = [] if price is None else [edition("pro", round(price, 2))]
        sales = {"sales": {"availability": fact("included")}} if known else {}
        out.append(profile(f"p{k}", editions=editions, capabilities=capabilities, domains=sales))
    return out


def _evaluate(profiles: list[ProductProfile], **options: Any) -> Snapshot:
    """The evaluation of ``profiles``; products nothing tells apart are not a case here."""
    reference = [
        profile("ref_low", editions=[edition("pro", 5)]),
        profile("ref_high", editions=[edition("pro", 150)]),
    ]
    try:
        return run(profiles, REQUIREMENTS, market=reference, samples=SAMPLES, **options)
    except CannotEvaluate:
        assume(False)
        raise


@FAST
@given(products(known=True), st.sampled_from(["topsis", "wsm", "vikor", "promethee2"]))
def test_with_every_fact_known_the_ranking_is_criteria_rank(
    profiles: list[ProductProfile], method: str
) -> None:
    snapshot = _evaluate(profiles, method=method)
    m = snapshot.matrix
    assert all(all(row) for row in m.known)
    assert m.low == m.values == m.high
    weights = [snapshot.weights_used[key] for key in m.criteria]
    expected = criteria.rank(
        m.values, m.objectives, weights, method=method, alternatives=m.products
    )
    assert snapshot.result.ranking == list(expected.ranking)
    np.testing.assert_allclose(snapshot.result.scores, expected.scores, rtol=0, atol=0)
    assert snapshot.unknowns == []
    facts = snapshot.robustness.to_facts
    assert facts is not None
    point_first = {p for p, r in zip(m.products, snapshot.result.ranks, strict=True) if r == 1}
    assert {p for p, share in facts.items() if share > 0} == point_first


@FAST
@given(products())
def test_ranks_bound_the_most_probable_rank_and_claims_hold(profiles: list[ProductProfile]) -> None:
    snapshot = _evaluate(profiles)
    for outcome in snapshot.products:
        assert outcome.best_rank <= outcome.rank <= outcome.worst_rank
        assert outcome.most_probable_rank is not None
        assert outcome.best_rank <= outcome.most_probable_rank <= outcome.worst_rank
    m = snapshot.matrix
    for claim in snapshot.summary.claims:
        assert claim_holds(claim, m.products, m.criteria, m.low, m.high)
    low, high = np.array(m.low), np.array(m.high)
    assert (low <= np.array(m.values) + 1e-9).all()
    assert (np.array(m.values) <= high + 1e-9).all()


@st.composite
def gain_lines(draw: st.DrawFn) -> list[GainLine]:
    """Amounts a year, exact or ranged, each relying on a capability or on none."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        low = draw(st.sampled_from([0.0, 500.0, 2_000.0, 10_000.0]))
        high = low + draw(st.sampled_from([0.0, 0.0, 1_000.0, 8_000.0]))
        requires = draw(st.sampled_from([[], ["mobile_app"], ["quotes", "ticketing"]]))
        lines.append(
            GainLine(
                kind=GainKind.SUPPORT,
                amount_per_year=AmountRange(low=low, high=high),
                from_year=draw(st.integers(1, 3)),
                requires=requires,
            )
        )
    return lines


@FAST
@given(products(), gain_lines())
def test_the_net_benefit_is_shown_as_the_roi_and_claims_hold_in_it(
    profiles: list[ProductProfile], lines: list[GainLine]
) -> None:
    gains = Gains(lines=lines, value_for_money=True)
    snapshot = _evaluate(profiles, the_project=project(gains=gains))
    m = snapshot.matrix
    low, values, high = np.array(m.low), np.array(m.values), np.array(m.high)
    known = np.array(m.known)
    assert (low[known] == values[known]).all()
    assert (high[known] == values[known]).all()
    assert (low <= values + 1e-9).all()
    assert (values <= high + 1e-9).all()
    for claim in snapshot.summary.claims:
        assert claim_holds(claim, m.products, m.criteria, m.low, m.high)
    if "value_for_money" not in m.criteria:
        return
    j = m.criteria.index("value_for_money")
    for i, pid in enumerate(m.products):
        net = snapshot.roi[pid].net_benefit
        assert net is not None
        assert (low[i, j], values[i, j], high[i, j]) == pytest.approx(
            (net.pessimistic, net.expected, net.optimistic), rel=1e-9, abs=1e-6
        )
    # What is said whatever the gains turn out to be still holds when the client states them
    # as the low (high) end of each range: the same for every product.
    claims = [(c.subject, c.other, c.criterion) for c in snapshot.summary.claims]
    claims += [
        (d.best, other, d.criterion)
        for d in snapshot.differences
        if d.certain
        for other in m.products
        if other != d.best
    ]
    for end in ("low", "high"):
        pinned = [pin(line, end) for line in lines]
        exact = _evaluate(
            profiles, the_project=project(gains=Gains(lines=pinned, value_for_money=True))
        )
        p = exact.matrix
        for subject, other, criterion in claims:
            claim = Claim(kind="better_on", subject=subject, other=other, criterion=criterion)
            assert criterion in p.criteria, (end, claim)  # not left out as the same value
            assert claim_holds(claim, p.products, p.criteria, p.low, p.high), (end, claim)
        k = p.criteria.index("value_for_money")
        for i, pid in enumerate(m.products):
            n = p.products.index(pid)
            assert low[i, j] - 1e-6 <= p.low[n][k] <= p.high[n][k] <= high[i, j] + 1e-6


def pin(line: GainLine, end: str) -> GainLine:
    """The line with its amount stated as one figure, the given end of its range."""
    assert line.amount_per_year is not None
    figure = getattr(line.amount_per_year, end)
    return line.model_copy(update={"amount_per_year": AmountRange(low=figure, high=figure)})


def _with(profiles: list[ProductProfile], index: int, key: str, state: str) -> list[ProductProfile]:
    data = profiles[index].model_dump(mode="json", exclude_none=True)
    data.setdefault("capabilities", {})[key] = {"availability": fact(state)}
    changed = list(profiles)
    changed[index] = profile(data.pop("id"), **data)
    return changed


@FAST
@given(products(count=(2, 3)), st.data(), st.sampled_from(["wsm", "promethee2"]))
def test_a_favourable_fact_never_lowers_the_chance_of_ranking_first(
    profiles: list[ProductProfile], data: st.DataObject, method: str
) -> None:
    """Turning an unknown availability into "included" never lowers the product's probability
    of ranking first, and into "not available" never raises it (same draws for the rest), with
    the methods that promise it (``analysis.MONOTONE_METHODS``)."""
    unknown = [
        (i, key)
        for i, p in enumerate(profiles)
        for key in CAPABILITIES
        if key not in p.capabilities
    ]
    assume(unknown)
    i, key = data.draw(st.sampled_from(unknown))
    before = _evaluate(profiles, method=method)
    better = _evaluate(_with(profiles, i, key, "included"), method=method)
    worse = _evaluate(_with(profiles, i, key, "not_available"), method=method)
    assume(before.matrix.criteria == better.matrix.criteria == worse.matrix.criteria)
    pid = profiles[i].id
    assert before.robustness.joint is not None
    assert better.robustness.joint is not None
    assert worse.robustness.joint is not None
    assert better.robustness.joint[pid] >= before.robustness.joint[pid] - 1e-12
    assert worse.robustness.joint[pid] <= before.robustness.joint[pid] + 1e-12


@FAST
@given(st.floats(1_000, 300_000), st.floats(5, 150))
def test_an_unknown_price_is_never_an_advantage_nor_a_defect_in_the_knockouts(
    ceiling: float, price: float
) -> None:
    """The unknown price ranges over [5, 150] a month: the product is eliminated exactly when
    the same product at the bottom of that range, fully known, is; and a known price that
    fails is never kept."""
    reference = [
        profile("ref_low", editions=[edition("pro", 5)]),
        profile("ref_high", editions=[edition("pro", 150)]),
    ]
    budget = {"low": 0.0, "high": ceiling}
    requirements = Requirements()

    def eliminated(product: ProductProfile) -> bool:
        snapshot = run(
            [product, reference[0]],
            requirements,
            market=reference,
            the_project=project(budget=budget),
            samples=50,
            include_eliminated=True,
        )
        return snapshot.knockouts[product.id].eliminated

    unknown = profile("unknown")
    at_bottom = profile("bottom", editions=[edition("pro", 5)])
    assert eliminated(unknown) == eliminated(at_bottom)
    known = profile("known", editions=[edition("pro", round(price, 2))])
    if eliminated(known):
        assert price >= 5 - 1e-9
        assert eliminated(profile("dearer", editions=[edition("pro", round(price, 2) + 1)]))


def test_topsis_does_not_promise_monotone_evidence() -> None:
    """Why the test above leaves TOPSIS out: raising B's value to the column's best lowers the
    normalised ideal, and C, far from it, gains more than B (rank reversal, no unknown
    involved)."""
    weights = [0.25445113, 0.07139358, 0.10577274, 0.2991667, 0.26921586]
    objectives = ["max", "max", "max", "min", "max"]
    before = [
        [0, 0, 100, 34161.9623, 5],
        [100, 0, 66.6666667, 39286.6513, 5],
        [100, 100, 0, 35333.6735, 5],
    ]
    after = [row[:] for row in before]
    after[1][2] = 100.0
    assert criteria.rank(before, objectives, weights).ranking[0] == "A2"
    assert criteria.rank(after, objectives, weights).ranking[0] == "A3"
    for method in ("wsm", "promethee2"):
        assert (
            criteria.rank(after, objectives, weights, method=method).ranks[1]
            <= (criteria.rank(before, objectives, weights, method=method).ranks[1])
        )


@FAST
@given(products(count=(3, 3)), st.permutations(range(3)))
def test_the_order_of_the_products_changes_nothing(
    profiles: list[ProductProfile], order: list[int]
) -> None:
    first = _evaluate(profiles)
    again = _evaluate([profiles[k] for k in order])
    assert first.robustness.joint == pytest.approx(again.robustness.joint)
    assert {p.id: p.score for p in first.products} == pytest.approx(
        {p.id: p.score for p in again.products}
    )
    assert [u.key for u in first.unknowns] == [u.key for u in again.unknowns] or {
        u.key: u.influence for u in first.unknowns
    } == pytest.approx({u.key: u.influence for u in again.unknowns})
