"""SMAA, weight sampling, stability intervals and method agreement."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

import criteria
from criteria import evaluation, sensitivity
from criteria.ranks import tied_positions
from criteria.sampling import within_bounds

# Two alternatives, two benefit criteria. WSM ratings (x/max): A1 = (1, 1/2),
# A2 = (1/3, 1); A1 wins exactly when w1 > 3/7.
TWO_BY_TWO: list[list[float]] = [[3, 1], [1, 2]]


def _problem(seed: int, m: int = 4, n: int = 6) -> tuple[npt.NDArray[np.float64], list[str]]:
    rng = np.random.default_rng(seed)
    objectives = ["max" if bit else "min" for bit in rng.integers(0, 2, n)]
    return rng.uniform(1.0, 20.0, (m, n)), objectives


def test_smaa_uniform_weights_analytic_two_by_two() -> None:
    """With w1 ~ U(0, 1): P(A1 first) = 4/7 and central weights E[w | w1 > 3/7] = (5/7, 2/7)."""
    result = sensitivity.smaa(TWO_BY_TWO, "max", method="wsm", samples=40_000, seed=7)
    assert result.sampling == "uniform"
    assert result.rank_acceptability[0, 0] == pytest.approx(4 / 7, abs=0.01)
    assert result.rank_acceptability[1, 0] == pytest.approx(3 / 7, abs=0.01)
    np.testing.assert_allclose(result.central_weights[0], [5 / 7, 2 / 7], atol=0.01)
    np.testing.assert_allclose(result.central_weights[1], [3 / 14, 11 / 14], atol=0.01)
    np.testing.assert_array_equal(result.confidence, [1.0, 1.0])


def test_smaa_bounds_analytic_two_by_two() -> None:
    """w1 uniform in [0.2, 0.6] (w2 = 1 - w1 within [0.4, 0.8]): P(A1 first) = 3/7 / 0.4."""
    result = sensitivity.smaa(
        TWO_BY_TWO, "max", method="wsm", samples=40_000, seed=3, weight_bounds=[[0.2, 0.6], [0, 1]]
    )
    assert result.sampling == "bounds"
    assert result.rank_acceptability[0, 0] == pytest.approx((0.6 - 3 / 7) / 0.4, abs=0.015)


@pytest.mark.parametrize("method", criteria.METHODS)
@pytest.mark.parametrize("kind", ["uniform", "around", "bounds"])
def test_smaa_equals_rank_on_the_same_samples(method: str, kind: str) -> None:
    """Each sample's batch scores equal ``rank`` to 1e-9, and acceptabilities count ``rank``."""
    matrix, objectives = _problem(11)
    stated = [3, 1, 1, 2, 1, 2]
    bounds = [[0.05, 0.5]] * 6
    choices: dict[str, dict[str, Any]] = {
        "uniform": {},
        "around": {"weights": stated},
        "bounds": {"weight_bounds": bounds},
    }
    options = choices[kind]
    sampled, sampling = sensitivity.sample_weights(6, 120, seed=5, **options)
    assert sampling == kind
    result = sensitivity.smaa(matrix, objectives, method=method, samples=120, seed=5, **options)
    batch = criteria.scores_batch(matrix, objectives, sampled, method=method)
    counts = np.zeros((4, 4))
    for s, w in enumerate(sampled):
        single = criteria.rank(matrix, objectives, w, method=method)
        np.testing.assert_allclose(batch[s], single.scores, atol=1e-9)
        # A group of g alternatives tied at rank r shares positions r .. r + g - 1.
        for i, r in enumerate(single.ranks):
            group = int((single.ranks == r).sum())
            counts[i, r - 1 : r - 1 + group] += 1 / group
    np.testing.assert_allclose(result.rank_acceptability, counts / 120, atol=1e-12)


def test_smaa_ties_share_positions() -> None:
    """Two identical alternatives split ranks 1 and 2 equally in every sample."""
    result = sensitivity.smaa([[2, 3], [2, 3], [1, 1]], "max", samples=500, seed=1)
    expected = np.array([[0.5, 0.5, 0], [0.5, 0.5, 0], [0, 0, 1]])
    np.testing.assert_allclose(result.rank_acceptability, expected, atol=1e-12)
    np.testing.assert_allclose(result.confidence, [0.5, 0.5, 0.0])
    np.testing.assert_array_equal(result.central_weights[2], [0.0, 0.0])


def test_smaa_is_reproducible_and_serialises() -> None:
    """The same seed gives the same result; to_dict is plain JSON."""
    matrix, objectives = _problem(2)
    first = sensitivity.smaa(matrix, objectives, samples=300, seed=9, method="vikor", v=0.3)
    second = sensitivity.smaa(matrix, objectives, samples=300, seed=9, method="vikor", v=0.3)
    np.testing.assert_array_equal(first.rank_acceptability, second.rank_acceptability)
    decoded = json.loads(json.dumps(first.to_dict()))
    assert decoded["method"] == "vikor"
    assert len(decoded["rank_acceptability"]) == 4


def test_around_keeps_zero_weights_and_the_centre() -> None:
    """Stated weights: zeros stay zero, spread 0 reproduces them, the mean stays close."""
    sampled, _ = sensitivity.sample_weights(3, 20_000, seed=4, weights=[2, 0, 1])
    assert (sampled[:, 1] == 0).all()
    np.testing.assert_allclose(sampled.sum(axis=1), 1.0)
    np.testing.assert_allclose(sampled.mean(axis=0), [2 / 3, 0, 1 / 3], atol=0.01)
    ratio = sampled[:, 0] / sampled[:, 2] / 2
    assert ratio.min() >= 0.5 / 1.5 - 1e-12
    assert ratio.max() <= 1.5 / 0.5 + 1e-12
    exact, _ = sensitivity.sample_weights(3, 5, seed=4, weights=[2, 0, 1], spread=0.0)
    np.testing.assert_allclose(exact, np.tile([2 / 3, 0, 1 / 3], (5, 1)))


@pytest.mark.parametrize(
    ("lower", "upper"),
    [
        ([0.1, 0.0, 0.2, 0.05], [0.5, 0.3, 0.6, 0.4]),
        ([0.05] * 8, [0.2] * 8),
    ],
)
def test_hit_and_run_matches_exact_rejection(lower: list[float], upper: list[float]) -> None:
    """Hit-and-run's marginals match exact rejection sampling (uniform on the polytope)."""
    low, high = np.asarray(lower), np.asarray(upper)
    exact = within_bounds(np.random.default_rng(1), 30_000, low, high, method="rejection")
    chained = within_bounds(np.random.default_rng(2), 30_000, low, high, method="hit-and-run")
    for sample in (exact, chained):
        np.testing.assert_allclose(sample.sum(axis=1), 1.0)
        assert (sample >= low - 1e-12).all()
        assert (sample <= high + 1e-12).all()
    np.testing.assert_allclose(chained.mean(axis=0), exact.mean(axis=0), atol=0.005)
    np.testing.assert_allclose(
        np.quantile(chained, [0.1, 0.5, 0.9], axis=0),
        np.quantile(exact, [0.1, 0.5, 0.9], axis=0),
        atol=0.01,
    )
    for j in range(low.size):
        assert stats.ks_2samp(chained[:, j], exact[:, j]).statistic < 0.03


def test_narrow_bounds_fall_back_to_hit_and_run() -> None:
    """Thirty narrow intervals defeat rejection; the samples still respect every bound."""
    bounds = [[0.025, 0.045]] * 30
    sampled, kind = sensitivity.sample_weights(30, 2_000, seed=3, weight_bounds=bounds)
    assert kind == "bounds"
    np.testing.assert_allclose(sampled.sum(axis=1), 1.0)
    assert (sampled >= 0.025 - 1e-12).all()
    assert (sampled <= 0.045 + 1e-12).all()
    np.testing.assert_allclose(sampled.mean(axis=0), 1 / 30, atol=0.001)


def test_single_point_bounds() -> None:
    """Bounds that admit one weight vector return it every time."""
    sampled, _ = sensitivity.sample_weights(2, 4, seed=0, weight_bounds=[[0.5, 0.5], [0.2, 0.8]])
    np.testing.assert_allclose(sampled, np.tile([0.5, 0.5], (4, 1)))


def test_stability_analytic_two_by_two() -> None:
    """A1 stays first while w1 >= 3/7 (w2 <= 4/7): the smallest change is 1/14, to A2."""
    result = sensitivity.stability(TWO_BY_TWO, "max", [0.5, 0.5], method="wsm")
    assert result.winner == "A1"
    np.testing.assert_allclose(result.intervals, [[3 / 7, 1.0], [0.0, 4 / 7]], atol=1e-9)
    assert result.min_change == pytest.approx(1 / 14, abs=1e-9)
    assert result.criterion in ("C1", "C2")
    assert result.new_winner == "A2"
    assert json.loads(json.dumps(result.to_dict()))["new_winner"] == "A2"


@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee2", "wsm"])
def test_stability_boundaries_are_where_the_winner_changes(method: str) -> None:
    """Inside each interval the winner is first; just beyond a boundary it is not."""
    matrix, objectives = _problem(5, m=5, n=4)
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    result = sensitivity.stability(matrix, objectives, weights, method=method)
    winner = result.alternatives.index(result.winner)

    def first_at(j: int, t: float) -> bool:
        moved = weights * (1 - t) / (1 - weights[j])
        moved[j] = t
        return bool(criteria.rank(matrix, objectives, moved, method=method).ranks[winner] == 1)

    for j, (low, high) in enumerate(result.intervals):
        assert low <= weights[j] <= high
        for t in np.linspace(low, high, 7)[1:-1]:
            assert first_at(j, float(t))
        if low > 0:
            assert not first_at(j, low - 1e-7)
        if high < 1:
            assert not first_at(j, high + 1e-7)
    if result.min_change is not None:
        assert result.criterion is not None
        j = result.criteria.index(result.criterion)
        distances = [
            abs(bound - weights[k])
            for k, (low, high) in enumerate(result.intervals)
            for bound, moves in ((low, low > 0), (high, high < 1))
            if moves
        ]
        assert result.min_change == pytest.approx(min(distances))
        assert result.new_winner != result.winner
        assert j >= 0


def test_stability_without_possible_change() -> None:
    """A dominating alternative wins for every weight: intervals are [0, 1], no change."""
    result = sensitivity.stability([[5, 5, 5], [1, 2, 3]], "max", [1, 1, 1])
    np.testing.assert_allclose(result.intervals, [[0, 1]] * 3)
    assert (result.min_change, result.criterion, result.new_winner) == (None, None, None)


def test_stability_single_criterion() -> None:
    """With one criterion its weight is always 1: nothing to move."""
    result = sensitivity.stability([[1], [2]], "max", [1])
    assert result.winner == "A2"
    np.testing.assert_allclose(result.intervals, [[1.0, 1.0]])
    assert result.min_change is None


def test_agreement_side_by_side() -> None:
    """Agreement ranks every method, with a symmetric tau matrix equal to scipy's tau-b."""
    matrix, objectives = _problem(8, m=6, n=5)
    weights = [0.3, 0.2, 0.2, 0.2, 0.1]
    result = sensitivity.agreement(
        matrix,
        objectives,
        weights,
        methods=["topsis", "wsm", "vikor", "promethee2"],
        params={"vikor": {"v": 0.3}},
    )
    assert result.methods == ("topsis", "wsm", "vikor", "promethee2")
    assert result.ranks.shape == (6, 4)
    np.testing.assert_array_equal(
        result.ranks[:, 2], criteria.rank(matrix, objectives, weights, method="vikor", v=0.3).ranks
    )
    np.testing.assert_allclose(result.kendall_tau, result.kendall_tau.T)
    np.testing.assert_allclose(np.diag(result.kendall_tau), 1.0)
    for a in range(4):
        for b in range(4):
            expected = stats.kendalltau(result.ranks[:, a], result.ranks[:, b]).statistic
            assert result.kendall_tau[a, b] == pytest.approx(expected)
    decoded = json.loads(json.dumps(result.to_dict()))
    assert set(decoded["rankings"]) == {"topsis", "wsm", "vikor", "promethee2"}


def test_agreement_default_methods() -> None:
    """Without ``methods`` the parameter-free, any-data methods are compared."""
    matrix, objectives = _problem(3)
    result = sensitivity.agreement(matrix, objectives, [1] * 6)
    assert result.methods == sensitivity.DEFAULT_AGREEMENT_METHODS


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ([1, 1, 1], [1, 1, 1], 1.0),
        ([1, 1, 1], [1, 2, 3], 0.0),
        ([1, 2, 3], [1, 2, 3], 1.0),
        ([1, 2, 3], [3, 2, 1], -1.0),
    ],
)
def test_kendall_tau_is_defined_for_constant_rankings(
    first: list[int], second: list[int], expected: float
) -> None:
    """Where tau-b is 0/0 it is 1 (both constant) or 0 (one constant), never NaN."""
    assert sensitivity.kendall_tau(first, second) == expected


def test_kendall_tau_matches_scipy_with_ties() -> None:
    """Away from constant rankings, the value is scipy's tau-b."""
    rng = np.random.default_rng(0)
    for _ in range(20):
        x, y = rng.integers(1, 4, 7), rng.integers(1, 5, 7)
        if len(set(x)) > 1 and len(set(y)) > 1:
            expected = stats.kendalltau(x, y).statistic
            assert sensitivity.kendall_tau(x, y) == pytest.approx(expected)


def _shared_positions(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Reference count of SMAA-2 positions, one sample and one alternative at a time: a member
    of a g-way tie counts 1/g at each of the g positions its group spans."""
    m = scores.shape[1]
    counts = np.zeros((m, m))
    for row in scores:
        for i in range(m):
            better = int((row > row[i]).sum())
            group = int((row == row[i]).sum())
            counts[i, better : better + group] += 1.0 / group
    return counts


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 12), st.integers(2, 9)),
        elements=st.integers(0, 4).map(float),
    )
)
def test_acceptability_counts_share_ties_as_the_reference(
    scores: npt.NDArray[np.float64],
) -> None:
    """Counting with ties shared gives, sample by sample, what the definition gives."""
    m = scores.shape[1]
    first, order, last = tied_positions(scores, higher_is_better=True)
    counts = sensitivity.acceptability_counts(order, first, last - first + 1, m)
    np.testing.assert_allclose(counts, _shared_positions(scores), rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(counts.sum(axis=1), scores.shape[0], rtol=1e-13)


def test_sharing_a_tie_takes_passes_independent_of_its_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Identical alternatives are counted in a fixed number of passes over the samples, not
    one pass per position of the tie (which made 200 identical rows take 30 s)."""
    calls = 0
    bincount = np.bincount

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return bincount(*args, **kwargs)

    for m in (10, 60):
        scores = np.zeros((5, m))
        first, order, last = tied_positions(scores, higher_is_better=True)
        calls = 0
        monkeypatch.setattr(np, "bincount", counting)
        counts = sensitivity.acceptability_counts(order, first, last - first + 1, m)
        monkeypatch.setattr(np, "bincount", bincount)
        np.testing.assert_allclose(counts, np.full((m, m), 5 / m))
        assert calls <= 4, f"{calls} passes for {m} tied alternatives"


def test_acceptability_counts_one_group_size_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Group sizes counted in separate chunks (as for hundreds of alternatives) add up to the
    same counts."""
    rng = np.random.default_rng(5)
    scores = np.floor(rng.uniform(0, 1, (40, 11)) * rng.integers(1, 9, (40, 1)))
    first, order, last = tied_positions(scores, higher_is_better=False)
    whole = sensitivity.acceptability_counts(order, first, last - first + 1, 11)
    monkeypatch.setattr(evaluation, "CHUNK_ELEMENTS", 1)
    chunked = sensitivity.acceptability_counts(order, first, last - first + 1, 11)
    np.testing.assert_allclose(chunked, whole, rtol=1e-14)
    np.testing.assert_allclose(whole, _shared_positions(-scores), rtol=1e-13)


def test_tied_shares_are_exact_whatever_the_samples() -> None:
    """Three identical alternatives hold each of the first three positions a third of the
    time, to the last bit: the shares are counted whole and divided once (adding 1/3 sample
    by sample drifted by 2e-13 over 50,000 samples)."""
    result = sensitivity.smaa([[1, 2], [1, 2], [1, 2], [0.5, 1]], "max", samples=50_000, seed=1)
    assert np.abs(result.rank_acceptability[:3, :3] - 1 / 3).max() <= 1e-16
    assert result.rank_acceptability[3].tolist() == [0.0, 0.0, 0.0, 1.0]
