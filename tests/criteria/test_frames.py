"""The engine with pandas and scikit-criteria objects: a DataFrame's labels kept, weights and
objectives by criterion name, a DecisionMatrix taken whole, and results as a DataFrame or a
scikit-criteria RankResult. Each is checked against the same problem given as plain lists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import skcriteria
from hypothesis import given, settings
from hypothesis import strategies as st
from skcriteria.agg import RankResult
from skcriteria.agg.topsis import TOPSIS
from skcriteria.pipelines import mkpipe
from skcriteria.preprocessing.scalers import VectorScaler

import criteria
from criteria import InvalidProblem

MATRIX = [[250.0, 16.0, 12.0, 5.0], [200.0, 16.0, 8.0, 3.0], [300.0, 32.0, 16.0, 4.0]]
OBJECTIVES = ["min", "max", "max", "max"]
WEIGHTS = [0.25, 0.25, 0.25, 0.25]
PRODUCTS = ["pipedrive", "hubspot", "zoho"]
CRITERIA = ["cost", "storage", "camera", "looks"]


def frame() -> pd.DataFrame:
    return pd.DataFrame(MATRIX, index=pd.Index(PRODUCTS, name="product"), columns=CRITERIA)


def test_a_dataframe_keeps_its_labels() -> None:
    ranking = criteria.rank(frame(), OBJECTIVES, WEIGHTS)
    plain = criteria.rank(MATRIX, OBJECTIVES, WEIGHTS, alternatives=PRODUCTS, criteria=CRITERIA)
    assert ranking.alternatives == tuple(PRODUCTS)
    assert ranking.criteria == tuple(CRITERIA)
    assert ranking.ranking == plain.ranking
    np.testing.assert_array_equal(ranking.scores, plain.scores)


def test_a_dataframe_with_a_plain_index_gets_default_names() -> None:
    ranking = criteria.rank(pd.DataFrame(MATRIX, columns=CRITERIA), OBJECTIVES, WEIGHTS)
    assert ranking.alternatives == ("A1", "A2", "A3")


def test_weights_and_objectives_by_criterion_name_in_any_order() -> None:
    weights = pd.Series({"looks": 1, "camera": 2, "storage": 3, "cost": 4})
    objectives = {"storage": "max", "cost": "min", "looks": "max", "camera": "max"}
    ranking = criteria.rank(frame(), objectives, weights)
    plain = criteria.rank(MATRIX, OBJECTIVES, [4, 3, 2, 1], alternatives=PRODUCTS)
    np.testing.assert_array_equal(ranking.scores, plain.scores)


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ({"cost": 1, "storage": 1, "camera": 1}, "weights.looks"),
        ({"cost": 1, "storage": 1, "camera": 1, "looks": 1, "price": 1}, "weights.price"),
    ],
)
def test_weights_by_name_must_name_each_criterion_once(
    weights: dict[str, float], field: str
) -> None:
    with pytest.raises(InvalidProblem) as error:
        criteria.rank(frame(), OBJECTIVES, weights)
    assert error.value.field == field


def test_weights_by_name_need_named_criteria() -> None:
    with pytest.raises(InvalidProblem, match="name the criteria") as error:
        criteria.rank(MATRIX, OBJECTIVES, dict(zip(CRITERIA, WEIGHTS, strict=True)))
    assert error.value.field == "weights"


def test_a_text_cell_in_a_dataframe_is_named() -> None:
    data = frame().astype(object)
    data.iloc[1, 2] = "eight"
    with pytest.raises(InvalidProblem) as error:
        criteria.rank(data, OBJECTIVES, WEIGHTS)
    assert error.value.field == "matrix[1][2]"


def test_a_decision_matrix_brings_objectives_weights_and_names() -> None:
    dm = skcriteria.mkdm(
        MATRIX,
        [min, max, max, max],
        weights=[4, 3, 2, 1],
        alternatives=PRODUCTS,
        criteria=CRITERIA,
    )
    ranking = criteria.rank(dm)
    plain = criteria.rank(MATRIX, OBJECTIVES, [4, 3, 2, 1], alternatives=PRODUCTS)
    assert ranking.criteria == tuple(CRITERIA)
    np.testing.assert_array_equal(ranking.scores, plain.scores)
    with pytest.raises(InvalidProblem, match="comes with the DecisionMatrix"):
        criteria.rank(dm, weights=[1, 1, 1, 1])


def test_objectives_and_weights_are_required_without_a_decision_matrix() -> None:
    with pytest.raises(InvalidProblem) as error:
        criteria.rank(MATRIX)
    assert error.value.field == "objectives"


def test_to_frame_is_the_ranking_by_name() -> None:
    ranking = criteria.rank(frame(), OBJECTIVES, WEIGHTS, method="wsm")
    table = ranking.to_frame()
    assert list(table.index) == PRODUCTS
    assert list(table.columns) == ["score", "rank", *CRITERIA]
    np.testing.assert_array_equal(table["rank"].to_numpy(), ranking.ranks)
    # WSM's contributions sum to the score.
    np.testing.assert_allclose(table[CRITERIA].sum(axis=1), table["score"], rtol=1e-12)


def test_to_skcriteria_matches_scikit_criteria_s_own_topsis() -> None:
    """Our TOPSIS and scikit-criteria's (on vector-scaled values, as ours), on the same
    DecisionMatrix, give the same ranking object: its dense ranks and closeness scores."""
    dm = skcriteria.mkdm(MATRIX, [min, max, max, max], weights=WEIGHTS, alternatives=PRODUCTS)
    ours = criteria.rank(dm, method="topsis").to_skcriteria()
    with pytest.warns(UserWarning, match="minimization"):
        theirs = mkpipe(VectorScaler(target="matrix"), TOPSIS()).evaluate(dm)
    assert isinstance(ours, RankResult)
    assert list(ours.alternatives) == list(theirs.alternatives)
    np.testing.assert_array_equal(ours.rank_, theirs.rank_)
    np.testing.assert_allclose(ours.e_.score, theirs.e_.similarity, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([1.0, 2.0, 3.0]), min_size=2, max_size=6))
def test_dense_ranks_keep_the_order_and_ties(values: list[float]) -> None:
    """Ties (frequent here: three distinct values) share a rank in both forms, and the dense
    ranks order the alternatives as the competition ranks do."""
    matrix = [[value, 1.0] for value in values]
    ranking = criteria.rank(matrix, "max", [1, 1], method="wsm")
    dense = ranking.to_skcriteria().rank_
    for i in range(len(values)):
        for k in range(len(values)):
            assert (dense[i] < dense[k]) == (ranking.ranks[i] < ranking.ranks[k])
            assert (dense[i] == dense[k]) == (ranking.ranks[i] == ranking.ranks[k])
    levels: list[int] = sorted(set(dense.tolist()))
    assert levels == list(range(1, len(levels) + 1))


def test_smaa_to_frame_has_a_column_per_rank() -> None:
    result = criteria.sensitivity.smaa(MATRIX, OBJECTIVES, WEIGHTS, samples=500, seed=1)
    table = result.to_frame()
    assert [int(rank) for rank in table.columns] == [1, 2, 3]
    np.testing.assert_allclose(table.sum(axis=1), 1.0)
    np.testing.assert_array_equal(table.to_numpy(), result.rank_acceptability)


def test_the_sensitivity_analyses_take_a_dataframe_by_name() -> None:
    weights = dict(zip(CRITERIA, WEIGHTS, strict=True))
    smaa = criteria.sensitivity.smaa(frame(), OBJECTIVES, weights, samples=200, seed=2)
    plain = criteria.sensitivity.smaa(
        MATRIX, OBJECTIVES, WEIGHTS, samples=200, seed=2, alternatives=PRODUCTS
    )
    assert list(smaa.to_frame().index) == PRODUCTS
    np.testing.assert_array_equal(smaa.rank_acceptability, plain.rank_acceptability)
    assert criteria.sensitivity.stability(frame(), OBJECTIVES, weights).criteria == tuple(CRITERIA)
    agreement = criteria.sensitivity.agreement(frame(), OBJECTIVES, weights)
    assert agreement.alternatives == tuple(PRODUCTS)
