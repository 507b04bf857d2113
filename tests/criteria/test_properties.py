"""Invariants of the decision methods, checked with hypothesis."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import criteria
from criteria import sensitivity
from criteria.results import Ranking

FAST = settings(max_examples=40, deadline=None)

#: Methods that accept any finite data, and those that need positive values.
ANY_DATA = ("topsis", "vikor", "promethee2")
POSITIVE_DATA = ("wsm", "wpm", "electre1")

Problem = tuple[npt.NDArray[np.float64], list[str], npt.NDArray[np.float64]]


@st.composite
def problems(
    draw: st.DrawFn,
    *,
    low: float = 0.5,
    high: float = 100.0,
    integers: bool = False,
    zero_weights: bool = True,
) -> Problem:
    """Draw a matrix, objectives and weights (at least one weight positive)."""
    m = draw(st.integers(2, 6))
    n = draw(st.integers(1, 5))
    if integers:
        elements: st.SearchStrategy[float] = st.integers(int(low), int(high)).map(float)
    else:
        elements = st.floats(low, high, allow_nan=False, allow_infinity=False)
    matrix = draw(arrays(np.float64, (m, n), elements=elements))
    objectives = draw(st.lists(st.sampled_from(["max", "min"]), min_size=n, max_size=n))
    weight = st.one_of(st.just(0.0), st.floats(0.01, 1.0)) if zero_weights else st.floats(0.05, 1.0)
    weights = draw(arrays(np.float64, n, elements=weight))
    assume(weights.sum() > 0)
    return matrix, objectives, weights


def _all_floats(result: Ranking) -> list[npt.NDArray[np.float64]]:
    values = [result.scores, result.contributions]
    values += [
        np.asarray(v, dtype=np.float64)
        for v in result.details.values()
        if isinstance(v, np.ndarray) and v.dtype != np.bool_
    ]
    return values


#: Details holding one number per alternative.
PER_ALTERNATIVE = ("d_plus", "d_minus", "S", "R", "Q", "phi_plus", "phi_minus")


def _per_alternative(result: Ranking) -> dict[str, npt.NDArray[Any]]:
    return {
        key: np.asarray(value) for key, value in result.details.items() if key in PER_ALTERNATIVE
    }


@FAST
@given(problem=problems(), method=st.sampled_from(criteria.METHODS), data=st.data())
def test_permuting_alternatives_permutes_results(
    problem: Problem, method: str, data: st.DataObject
) -> None:
    """Reordering the alternatives reorders scores, ranks, details and contributions."""
    matrix, objectives, weights = problem
    order = np.asarray(data.draw(st.permutations(range(matrix.shape[0]))))
    names = [f"V{k}" for k in range(matrix.shape[0])]
    base = criteria.rank(matrix, objectives, weights, method=method, alternatives=names)
    moved = criteria.rank(
        matrix[order], objectives, weights, method=method, alternatives=[names[k] for k in order]
    )
    np.testing.assert_allclose(moved.scores, base.scores[order], atol=1e-9)
    np.testing.assert_array_equal(moved.ranks, base.ranks[order])
    np.testing.assert_allclose(moved.contributions, base.contributions[order], atol=1e-9)
    for key, value in _per_alternative(base).items():
        np.testing.assert_allclose(_per_alternative(moved)[key], value[order], atol=1e-9)
    assert {name: int(r) for name, r in zip(moved.alternatives, moved.ranks, strict=True)} == {
        name: int(r) for name, r in zip(base.alternatives, base.ranks, strict=True)
    }


@FAST
@given(
    problem=problems(),
    method=st.sampled_from(criteria.METHODS),
    factor=st.floats(1e-3, 1e3),
)
def test_rescaling_weights_changes_nothing(problem: Problem, method: str, factor: float) -> None:
    """Weights are normalised inside, so multiplying them all by a constant is a no-op."""
    matrix, objectives, weights = problem
    base = criteria.rank(matrix, objectives, weights, method=method)
    scaled = criteria.rank(matrix, objectives, weights * factor, method=method)
    np.testing.assert_allclose(scaled.scores, base.scores, atol=1e-9)
    np.testing.assert_array_equal(scaled.ranks, base.ranks)


@FAST
@given(
    problem=problems(low=1.0, zero_weights=False),
    method=st.sampled_from(("topsis", "wsm", "promethee2")),
    data=st.data(),
)
def test_dominated_alternative_never_ranks_first(
    problem: Problem, method: str, data: st.DataObject
) -> None:
    """An alternative worse or equal everywhere, strictly worse somewhere, is never first."""
    matrix, objectives, weights = problem
    n = matrix.shape[1]
    better = matrix[-1]
    slack = np.asarray(data.draw(st.lists(st.floats(0.0, 0.5), min_size=n, max_size=n)))
    strict = data.draw(st.integers(0, n - 1))
    slack[strict] = data.draw(st.floats(0.1, 0.5))
    worse_by = np.where(np.asarray(objectives) == "max", 1.0 - slack, 1.0 + slack)
    matrix = matrix.copy()
    matrix[0] = better * worse_by
    result = criteria.rank(matrix, objectives, weights, method=method)
    assert result.ranks[0] > 1
    assert result.winner != "A1"


@FAST
@given(
    problem=problems(low=1, high=3, integers=True),
    method=st.sampled_from(criteria.METHODS),
    seed=st.integers(0, 2**31),
)
def test_rank_acceptabilities_sum_to_one(problem: Problem, method: str, seed: int) -> None:
    """Rows and columns of the acceptability matrix sum to 1, ties included."""
    matrix, objectives, weights = problem
    result = sensitivity.smaa(matrix, objectives, method=method, samples=64, seed=seed)
    acceptability = result.rank_acceptability
    np.testing.assert_allclose(acceptability.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(acceptability.sum(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(acceptability[:, 0], result.rank_acceptability[:, 0])
    for row in (result.central_weights, result.confidence):
        assert np.isfinite(row).all()


@FAST
@given(
    problem=problems(low=-50, high=50, integers=True),
    method=st.sampled_from(ANY_DATA),
)
def test_scores_always_finite_for_any_data(problem: Problem, method: str) -> None:
    """Constant columns, zeros, negatives, zero weights: every output float is finite."""
    matrix, objectives, weights = problem
    result = criteria.rank(matrix, objectives, weights, method=method)
    for values in _all_floats(result):
        assert np.isfinite(values).all()


@FAST
@given(problem=problems(low=1, high=4, integers=True), method=st.sampled_from(POSITIVE_DATA))
def test_scores_always_finite_for_positive_data(problem: Problem, method: str) -> None:
    """Methods needing positive data stay finite on ties and constant columns too."""
    matrix, objectives, weights = problem
    result = criteria.rank(matrix, objectives, weights, method=method)
    for values in _all_floats(result):
        assert np.isfinite(values).all()


@FAST
@given(
    problem=problems(),
    method=st.sampled_from(criteria.METHODS),
    rows=arrays(np.float64, (5, 5), elements=st.floats(0.01, 1.0)),
)
def test_batch_scores_equal_single_rank(
    problem: Problem, method: str, rows: npt.NDArray[np.float64]
) -> None:
    """``scores_batch`` and ``ranks_batch`` row s equal ``rank`` with weights row s."""
    matrix, objectives, _ = problem
    weights = rows[:, : matrix.shape[1]]
    batch = criteria.scores_batch(matrix, objectives, weights, method=method)
    ranks = criteria.ranks_batch(matrix, objectives, weights, method=method)
    for s, w in enumerate(weights):
        single = criteria.rank(matrix, objectives, w, method=method)
        np.testing.assert_allclose(batch[s], single.scores, atol=1e-12)
        np.testing.assert_array_equal(ranks[s], single.ranks)


@FAST
@given(problem=problems(), method=st.sampled_from(("wsm", "promethee2", "topsis", "vikor")))
def test_contributions_add_up(problem: Problem, method: str) -> None:
    """Contributions sum to the score (WSM, PROMETHEE II), closeness - 0.5 (TOPSIS), S (VIKOR)."""
    matrix, objectives, weights = problem
    result = criteria.rank(matrix, objectives, weights, method=method)
    totals = result.contributions.sum(axis=1)
    expected = {
        "wsm": result.scores,
        "promethee2": result.scores,
        "topsis": result.scores - 0.5,
        "vikor": np.asarray(result.details.get("S", result.scores)),
    }[method]
    np.testing.assert_allclose(totals, expected, atol=1e-12)
