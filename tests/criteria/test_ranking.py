"""The Ranking result: ties, conventions for degenerate data, details and JSON form."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

import criteria
from criteria.ranks import TIE_TOLERANCE, competition_ranks, competition_ranks_batch

MATRIX = [[250, 16, 12, 5], [200, 16, 8, 3], [300, 32, 16, 4], [275, 32, 8, 4]]
OBJECTIVES = ["min", "max", "max", "max"]
WEIGHTS = [0.4, 0.3, 0.2, 0.1]


def test_public_api() -> None:
    """The package exports the names consultants and notebooks use."""
    assert criteria.METHODS == ("topsis", "wsm", "wpm", "vikor", "promethee2", "electre1")
    assert issubclass(criteria.InvalidProblem, ValueError)
    assert callable(criteria.weights.ahp)
    assert callable(criteria.sensitivity.smaa)
    assert {"rank", "Ranking", "InvalidProblem", "METHODS"} <= set(criteria.__all__)


@pytest.mark.parametrize("method", criteria.METHODS)
def test_to_dict_is_plain_json(method: str) -> None:
    """to_dict gives lists, floats, ints, strings and bools only."""
    result = criteria.rank(
        MATRIX, OBJECTIVES, WEIGHTS, method=method, alternatives=["Ace", "Bolt", "Core", "Dash"]
    )
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["ranking"] == list(result.ranking)
    contributions = data["contributions"]
    assert isinstance(contributions, list)
    assert len(contributions) == 4
    assert all(isinstance(row, list) and len(row) == 4 for row in contributions)
    assert data["higher_is_better"] is (method != "vikor")


def test_result_is_immutable() -> None:
    """Arrays are read-only and details cannot be reassigned."""
    result = criteria.rank(MATRIX, OBJECTIVES, WEIGHTS)
    with pytest.raises(ValueError, match="read-only"):
        result.scores[0] = 1.0
    with pytest.raises(TypeError):
        result.details["d_plus"] = np.zeros(4)  # type: ignore[index]
    with pytest.raises(AttributeError):
        result.method = "wsm"  # type: ignore[misc]


def test_ties_share_the_best_rank_of_their_group() -> None:
    """Identical alternatives tie (competition ranking 1, 1, 3); ranking keeps input order."""
    result = criteria.rank([[1, 2], [3, 4], [3, 4]], "max", [1, 1], method="wsm")
    assert result.ranks.tolist() == [3, 1, 1]
    assert result.ranking == ("A2", "A3", "A1")


def test_scores_within_tolerance_tie() -> None:
    """0.1 + 0.2 and 0.3 differ in the last bit but are the same score."""
    scores = np.array([0.1 + 0.2, 0.3, 0.2])
    ranks, order = competition_ranks(scores, higher_is_better=True)
    assert ranks.tolist() == [1, 1, 3]
    assert order.tolist() == [0, 1, 2]
    assert competition_ranks_batch(scores[np.newaxis], higher_is_better=True).tolist() == [
        [1, 1, 3]
    ]
    lower, _ = competition_ranks(np.array([0.5, 0.5 + 10 * TIE_TOLERANCE]), higher_is_better=False)
    assert lower.tolist() == [1, 2]


def test_tie_tolerance_follows_the_scale_of_the_scores() -> None:
    """Tiny scores that differ by a factor of five are not a tie (they were, with an absolute
    tolerance of 1e-12); the same relative gap near 1 is rounding and ties."""
    tiny = criteria.rank([[1e-13], [5e-13], [1.0]], "max", [1], method="wsm")
    assert tiny.ranks.tolist() == [3, 2, 1]
    tiny_wpm = criteria.rank([[1e-13, 1], [5e-13, 1], [1.0, 1]], "max", [1, 1], method="wpm")
    assert tiny_wpm.ranks.tolist() == [3, 2, 1]
    ranks, _ = competition_ranks(np.array([1.0, 1.0 + 1e-14]), higher_is_better=True, absolute=0)
    assert ranks.tolist() == [1, 1]


def test_vikor_does_not_turn_rounding_into_a_winner() -> None:
    """Weights .1+.2+.3 and .3+.3 are the same 0.6: both alternatives tie, as with the same
    weights written 1, 2, 3, 3, 3 (VIKOR stretched a 1e-17 gap in S to the whole of Q)."""
    matrix = [[1, 1, 1, 2, 2], [2, 2, 2, 1, 1]]
    decimals = criteria.rank(matrix, "max", [0.1, 0.2, 0.3, 0.3, 0.3], method="vikor")
    integers = criteria.rank(matrix, "max", [1, 2, 3, 3, 3], method="vikor")
    assert decimals.ranks.tolist() == integers.ranks.tolist() == [1, 1]
    assert np.allclose(decimals.scores, integers.scores)


@pytest.mark.parametrize("weights", [[True, False], np.array([True, True]), [1.0, np.bool_(True)]])
def test_booleans_are_not_weights(weights: Any) -> None:
    with pytest.raises(criteria.InvalidProblem, match="weights"):
        criteria.rank([[1, 2], [2, 1]], "max", weights)
    with pytest.raises(criteria.InvalidProblem, match="weights"):
        criteria.scores_batch([[1, 2], [2, 1]], "max", [weights])


def test_topsis_all_equal_columns_gives_neutral_closeness() -> None:
    """Every alternative equals both ideal and anti-ideal: closeness 0.5, all tied, no NaN."""
    result = criteria.rank([[2, 5], [2, 5], [2, 5]], ["max", "min"], [0.5, 0.5])
    np.testing.assert_array_equal(result.scores, [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(result.ranks, [1, 1, 1])
    np.testing.assert_array_equal(result.contributions, np.zeros((3, 2)))


def test_topsis_zero_column_and_zero_weight_are_harmless() -> None:
    """An all-zero column normalises to zeros; a zero weight switches a criterion off."""
    with_zero = criteria.rank([[0, 1], [0, 3], [0, 2]], "max", [1, 1])
    without = criteria.rank([[1], [3], [2]], "max", [1])
    np.testing.assert_allclose(with_zero.scores, without.scores)
    switched_off = criteria.rank([[9, 1], [1, 3], [5, 2]], "max", [0, 1])
    np.testing.assert_allclose(switched_off.scores, without.scores)


def test_vikor_constant_problem_is_finite() -> None:
    """No criterion varies: no regret anywhere, Q = 0 for all, everyone compromise."""
    result = criteria.rank([[1, 2], [1, 2], [1, 2]], "max", [1, 1], method="vikor")
    np.testing.assert_array_equal(result.scores, [0, 0, 0])
    assert result.details["compromise_set"] == ("A1", "A2", "A3")
    assert result.details["acceptable_advantage"] is False


def test_vikor_compromise_set_when_advantage_fails() -> None:
    """Opricovic & Tzeng (2004) rule: if C1 fails, all alternatives within DQ of the best."""
    result = criteria.rank(
        [[10, 10], [9.5, 10], [1, 1], [9.6, 9.7]], "max", [0.5, 0.5], method="vikor"
    )
    assert result.details["acceptable_advantage"] is False
    q = np.asarray(result.details["Q"])
    close = {name for name, value in zip(result.alternatives, q, strict=True) if value < 1 / 3}
    assert set(result.details["compromise_set"]) == close
    assert result.winner == "A1"


def test_promethee_flows_are_consistent() -> None:
    """phi = phi+ - phi-, each flow in [0, 1], net flows sum to 0."""
    result = criteria.rank(MATRIX, OBJECTIVES, WEIGHTS, method="promethee2", preference="usual")
    plus = np.asarray(result.details["phi_plus"])
    minus = np.asarray(result.details["phi_minus"])
    np.testing.assert_allclose(result.scores, plus - minus)
    assert result.scores.sum() == pytest.approx(0.0, abs=1e-12)
    assert ((plus >= 0) & (plus <= 1) & (minus >= 0) & (minus <= 1)).all()


def test_wpm_contributions_are_log_contributions() -> None:
    """exp of the row sums of WPM contributions is the score."""
    result = criteria.rank(MATRIX, OBJECTIVES, WEIGHTS, method="wpm")
    np.testing.assert_allclose(np.exp(result.contributions.sum(axis=1)), result.scores)


def test_electre_score_is_net_outranking_balance() -> None:
    """ELECTRE I score = (outranked by a - outranking a) / (m - 1); kernel is not outranked."""
    result = criteria.rank(MATRIX, OBJECTIVES, WEIGHTS, method="electre1", p=0.6, q=0.4)
    outranks = np.asarray(result.details["outranks"])
    expected = (outranks.sum(axis=1) - outranks.sum(axis=0)) / 3
    np.testing.assert_allclose(result.scores, expected)
    kernel = tuple(result.alternatives[k] for k in np.flatnonzero(~outranks.any(axis=0)))
    assert result.details["kernel"] == kernel
    assert not outranks.diagonal().any()


def test_inputs_as_numpy_or_lists_and_single_objective() -> None:
    """Lists, arrays and one objective word for all criteria give the same result."""
    as_lists = criteria.rank(MATRIX, ["max"] * 4, WEIGHTS)
    as_arrays = criteria.rank(np.asarray(MATRIX), np.array(["max"] * 4), np.asarray(WEIGHTS))
    single_word = criteria.rank(MATRIX, "max", WEIGHTS)
    np.testing.assert_array_equal(as_lists.scores, as_arrays.scores)
    np.testing.assert_array_equal(as_lists.scores, single_word.scores)
    assert as_lists.alternatives == ("A1", "A2", "A3", "A4")
    assert as_lists.criteria == ("C1", "C2", "C3", "C4")


def test_defaults_of_method_parameters() -> None:
    """Defaults: VIKOR v = 0.5, ELECTRE p = 0.65 and q = 0.35, PROMETHEE usual."""
    defaults: dict[str, dict[str, Any]] = {
        "vikor": {"v": 0.5},
        "electre1": {"p": 0.65, "q": 0.35},
        "promethee2": {"preference": "usual"},
    }
    for method, params in defaults.items():
        implicit = criteria.rank(MATRIX, OBJECTIVES, WEIGHTS, method=method)
        explicit = criteria.rank(MATRIX, OBJECTIVES, WEIGHTS, method=method, **params)
        np.testing.assert_array_equal(implicit.scores, explicit.scores)


def test_batch_handles_many_weight_vectors() -> None:
    """A batch of 10,000 clients' weights scores and ranks in one call."""
    rng = np.random.default_rng(0)
    many = rng.dirichlet(np.ones(4), 10_000)
    for method in criteria.METHODS:
        scores = criteria.scores_batch(MATRIX, OBJECTIVES, many, method=method)
        ranks = criteria.ranks_batch(MATRIX, OBJECTIVES, many, method=method)
        assert scores.shape == ranks.shape == (10_000, 4)
        assert np.isfinite(scores).all()
        single = criteria.rank(MATRIX, OBJECTIVES, many[123], method=method)
        np.testing.assert_allclose(scores[123], single.scores, atol=1e-12)
        np.testing.assert_array_equal(ranks[123], single.ranks)


@pytest.mark.parametrize("method", criteria.METHODS)
def test_batch_chunking_changes_nothing(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches built a few rows at a time equal the one-piece batch."""
    rng = np.random.default_rng(1)
    many = rng.dirichlet(np.ones(4), 257)
    whole = criteria.scores_batch(MATRIX, OBJECTIVES, many, method=method)
    monkeypatch.setattr("criteria.evaluation.CHUNK_ELEMENTS", 20)
    pieces = criteria.scores_batch(MATRIX, OBJECTIVES, many, method=method)
    np.testing.assert_array_equal(pieces, whole)


@pytest.mark.parametrize("method", criteria.METHODS)
def test_inputs_that_differ_only_by_rounding_tie(method: str) -> None:
    """0.1 + 0.2 and 0.3 are the same value: no method may rank on the last bit (PROMETHEE's
    usual criterion made it a strict preference, ELECTRE a veto, TOPSIS and VIKOR a
    whole-scale gap); a genuine difference of the same size next to 0 still counts."""
    same = criteria.rank([[0.1 + 0.2, 1], [0.3, 1]], "max", [1, 1], method=method)
    assert same.ranks.tolist() == [1, 1]
    tiny = criteria.rank([[1e-13, 1], [5e-13, 1]], "max", [1, 1], method=method)
    assert tiny.ranks.tolist() == [2, 1]
