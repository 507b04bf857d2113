"""Scoring stacks of matrices and SMAA with imprecise values: each sample scores as
``criteria.rank`` on its own matrix and weights; with every value known the indices are those
of weight-only SMAA; best rank <= most probable rank <= worst rank; influence reads the
change of first place from the same samples."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import criteria
from criteria.imprecise import influence, smaa_joint
from criteria.sampling import around
from criteria.sensitivity import smaa
from criteria.stack import scores_stack

FAST = settings(max_examples=40, deadline=None)
PARAMS: dict[str, dict[str, Any]] = {
    "promethee2": {"preference": "linear", "q": 1.0, "p": 20.0},
    "vikor": {"v": 0.4},
    "electre1": {"p": 0.6, "q": 0.4},
}

Stack = tuple[npt.NDArray[np.float64], list[str], npt.NDArray[np.float64]]


@st.composite
def stacks(draw: st.DrawFn) -> Stack:
    """Draw 1-4 matrices of the same shape, objectives and one weight row per matrix."""
    k = draw(st.integers(1, 4))
    m = draw(st.integers(2, 5))
    n = draw(st.integers(1, 4))
    values = st.floats(0.5, 100.0, allow_nan=False)
    matrices = draw(arrays(np.float64, (k, m, n), elements=values))
    objectives = draw(st.lists(st.sampled_from(["max", "min"]), min_size=n, max_size=n))
    weights = draw(arrays(np.float64, (k, n), elements=st.floats(0.0, 1.0)))
    weights[:, 0] += 0.01  # never all zero
    return matrices, objectives, weights


@FAST
@given(stacks(), st.sampled_from(criteria.METHODS))
def test_each_sample_scores_as_rank_does(problem: Stack, method: str) -> None:
    matrices, objectives, weights = problem
    params = PARAMS.get(method, {})
    stacked = scores_stack(matrices, objectives, weights, method=method, **params)
    for s in range(matrices.shape[0]):
        single = criteria.rank(matrices[s], objectives, weights[s], method=method, **params)
        np.testing.assert_allclose(stacked[s], single.scores, rtol=1e-9, atol=1e-12)


@FAST
@given(stacks(), st.sampled_from(criteria.METHODS))
def test_best_rank_le_most_probable_rank_le_worst_rank(problem: Stack, method: str) -> None:
    matrices, objectives, weights = problem
    result = smaa_joint(matrices, objectives, weights, method=method, **PARAMS.get(method, {}))
    most_probable = result.rank_acceptability.argmax(axis=1) + 1
    assert (result.best_rank <= most_probable).all()
    assert (most_probable <= result.worst_rank).all()
    held = result.rank_acceptability > 0
    for i in range(held.shape[0]):
        ranks = np.flatnonzero(held[i]) + 1
        assert ranks.min() >= result.best_rank[i]
        assert ranks.max() <= result.worst_rank[i]
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(result.first_shares.sum(axis=1), 1.0, atol=1e-12)
    # i above j and j above i never both hold; what is left is the share of ties.
    assert (result.pairwise_winning + result.pairwise_winning.T <= 1.0 + 1e-12).all()


@pytest.mark.parametrize("method", ["topsis", "wsm", "vikor", "promethee2"])
def test_known_values_give_weight_only_smaa(method: str) -> None:
    """With every value known, the joint analysis is SMAA over the weights alone."""
    matrix = np.array([[5.0, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]])
    stated = np.array([0.3, 0.4, 0.3])
    samples = 2000
    weights = around(np.random.default_rng(7), samples, stated, 0.5)
    joint = smaa_joint(np.broadcast_to(matrix, (samples, 4, 3)), "max", weights, method=method)
    alone = smaa(matrix, "max", stated, method=method, samples=samples, seed=7)
    np.testing.assert_allclose(joint.rank_acceptability, alone.rank_acceptability, atol=1e-12)


def test_an_unknown_value_is_sampled_and_its_influence_read_from_the_same_samples() -> None:
    """A's only criterion is uniform on [0, 1], B's is 0.5: A is first exactly when its value
    is above 0.5, so splitting the samples at the middle of A's range moves P(A first) from 0
    to 1 and P(B first) from 1 to 0."""
    rng = np.random.default_rng(3)
    draws = rng.random(4000)
    matrices = np.empty((4000, 2, 1))
    matrices[:, 0, 0] = draws
    matrices[:, 1, 0] = 0.5
    result = smaa_joint(matrices, "max", np.ones((4000, 1)), method="wsm")
    assert result.first[0] == pytest.approx(0.5, abs=0.03)
    assert (result.best_rank.tolist(), result.worst_rank.tolist()) == ([1, 1], [2, 2])
    change = influence(result.first_shares, (draws >= 0.5)[:, np.newaxis])
    np.testing.assert_allclose(change, [[1.0, -1.0]])
    fixed = influence(result.first_shares, np.ones((4000, 1), dtype=bool))
    np.testing.assert_array_equal(fixed, [[0.0, 0.0]])


def test_ties_share_first_place_and_pairwise_winning_is_strict() -> None:
    matrices = np.ones((10, 3, 2))
    result = smaa_joint(matrices, "max", np.ones((10, 2)))
    np.testing.assert_allclose(result.first, [1 / 3] * 3)
    np.testing.assert_array_equal(result.pairwise_winning, np.zeros((3, 3)))
    assert result.best_rank.tolist() == [1, 1, 1]
    assert result.worst_rank.tolist() == [3, 3, 3]
    assert result.choice_entropy == pytest.approx(np.log2(3))


def test_degenerate_samples_follow_the_stated_conventions() -> None:
    """A benefit column at 0 for everyone rates all 0 in WSM; a 0 rating makes WPM's product
    0; negative values are refused where the method needs a ratio scale."""
    matrices = np.array([[[0.0, 1.0], [0.0, 2.0]], [[1.0, 0.0], [2.0, 4.0]]])
    weights = np.array([[0.5, 0.5], [0.5, 0.5]])
    wsm = scores_stack(matrices, "max", weights, method="wsm")
    np.testing.assert_allclose(wsm, [[0.25, 0.5], [0.25, 1.0]])
    wpm = scores_stack(matrices, "max", np.array([[0.0, 1.0], [0.5, 0.5]]), method="wpm")
    np.testing.assert_allclose(wpm, [[0.5, 1.0], [0.0, 1.0]])
    with pytest.raises(criteria.InvalidProblem, match=r"matrices\[0\]\[0\]\[1\]"):
        scores_stack(-matrices, "max", weights, method="wsm")
    with pytest.raises(criteria.InvalidProblem, match="weights"):
        scores_stack(matrices, "max", weights[:1])
