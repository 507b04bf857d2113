"""Replays of published worked examples for every weighting scheme."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

from criteria import weights
from criteria.weights import AhpResult

# Saaty (1990) EJOR 48(1):9-26, "choosing the best house": pairwise comparison of the
# eight criteria (size, transportation, neighbourhood, age, yard, modern facilities,
# general condition, financing).
SAATY_1990_HOUSE: list[list[float]] = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]


def test_entropy_xu_2004() -> None:
    """Xu (2004) EJOR 156(2):530-532, Table 1: entropy weights 0.4630, 0.3992, 0.1378, 0.0.

    As in shared/reference/mcda_examples.json and energyinpython/pyrepo-mcda
    tests/test_weighting_methods.py::Test_Entropy.test_Entropy.
    """
    matrix: list[list[float]] = [
        [30, 30, 38, 29],
        [19, 54, 86, 29],
        [19, 15, 85, 28.9],
        [68, 70, 60, 29],
    ]
    np.testing.assert_allclose(weights.entropy(matrix), [0.4630, 0.3992, 0.1378, 0.0], atol=1e-4)


def test_entropy_zavadskas_podvezko_2016() -> None:
    """Zavadskas & Podvezko (2016) IJITDM 15(2):267-283: 0.1146, 0.1981, 0.4185, 0.2689.

    As replayed in energyinpython/pyrepo-mcda tests/test_weighting_methods.py
    ::Test_Entropy.test_Entropy2 (entropy ignores the criteria's directions).
    """
    matrix: list[list[float]] = [
        [3.0, 100, 10, 7],
        [2.5, 80, 8, 5],
        [1.8, 50, 20, 11],
        [2.2, 70, 12, 9],
    ]
    np.testing.assert_allclose(weights.entropy(matrix), [0.1146, 0.1981, 0.4185, 0.2689], atol=1e-4)


def test_critic_tus_aytac_adali_2019_all_benefit() -> None:
    """Tuş & Aytaç Adalı (2019) Opsearch 56(2):528-538: CRITIC 0.157, 0.249, 0.168,
    0.121, 0.154, 0.151, every column treated as a benefit (Diakoulaki et al. 1995).

    As replayed in energyinpython/pyrepo-mcda tests/test_weighting_methods.py::Test_CRITIC.
    """
    matrix: list[list[float]] = [
        [5000, 3, 3, 4, 3, 2],
        [680, 5, 3, 2, 2, 1],
        [2000, 3, 2, 3, 4, 3],
        [600, 4, 3, 1, 2, 2],
        [800, 2, 4, 3, 3, 4],
    ]
    np.testing.assert_allclose(
        weights.critic(matrix), [0.157, 0.249, 0.168, 0.121, 0.154, 0.151], atol=5e-4
    )


def test_critic_akcakanat_2018_with_a_cost_criterion() -> None:
    """Akçakanat, Aksoy & Teker (2018) SDÜ Sosyal Bilimler Enstitüsü Dergisi 32:1-24,
    CRITIC for TR-61 bank performance, third criterion a cost.

    Weights 0.16884, 0.41845, 0.24912, 0.16359 as replayed in jbytecode/JMcDM
    test/mcdm/testcritic.jl.
    """
    matrix: list[list[float]] = [
        [12.9918, 0.7264, -1.1009, 1.598139592],
        [4.1201, 5.8824, 3.4483, 1.021563567],
        [4.1039, 0.0000, -0.5076, 0.984469444],
    ]
    result = weights.critic(matrix, ["max", "max", "min", "max"])
    np.testing.assert_allclose(
        result, [0.16883925, 0.418444976, 0.249124763, 0.163591012], atol=1e-5
    )


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ([1, 2, 3], [0.6111, 0.2778, 0.1111]),
        ([1, 2, 3, 4], [0.5208, 0.2708, 0.1458, 0.0625]),
        ([3, 1, 2], [0.1111, 0.6111, 0.2778]),
    ],
)
def test_roc_barron_barrett_1996(order: list[int], expected: list[float]) -> None:
    """Barron & Barrett (1996) Management Science 42(11):1515-1523, ROC weights
    w_k = (1/n) sum_{i>=k} 1/i: n=3 gives 0.6111, 0.2778, 0.1111; n=4 gives 0.5208,
    0.2708, 0.1458, 0.0625.
    """
    np.testing.assert_allclose(weights.roc(order), expected, atol=1e-4)


def test_roc_ties_share_positions() -> None:
    """Criteria sharing a rank share the mean ROC weight of the positions they hold."""
    np.testing.assert_allclose(weights.roc([1, 1, 3]), [4 / 9, 4 / 9, 1 / 9])
    np.testing.assert_allclose(weights.roc([1, 1, 2]), weights.roc([1, 1, 3]))


def test_swing_goodwin_wright_office_location() -> None:
    """Goodwin & Wright, Decision Analysis for Management Judgment, ch. 3 (office
    location): swings closeness to customers 100, visibility 80, image 70, size 30,
    comfort 20, car parking 10 normalise to 32, 26, 23, 10, 6, 3 (%).
    """
    result = weights.swing([100, 80, 70, 30, 20, 10])
    assert np.round(result * 100).tolist() == [32, 26, 23, 10, 6, 3]


def test_direct_normalises() -> None:
    """Directly assigned importances are divided by their total."""
    np.testing.assert_allclose(weights.direct([2, 1, 1]), [0.5, 0.25, 0.25])


def test_ahp_saaty_1990_house_criteria_inconsistent() -> None:
    """Saaty (1990) EJOR 48(1):9-26, house example, criteria matrix: eigenvector .173,
    .054, .188, .018, .031, .036, .167, .333; lambda_max 9.669, C.I. 0.238, C.R. 0.169.

    CR > 0.10, so the judgements to revisit are listed, worst first.
    """
    result = weights.ahp(SAATY_1990_HOUSE)
    np.testing.assert_allclose(
        result.weights, [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], atol=5e-4
    )
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.consistency_index == pytest.approx(0.238, abs=5e-4)
    assert result.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert result.random_index == 1.41
    assert not result.consistent
    listed = result.inconsistent_judgements
    assert len(listed) == 8 * 7 // 2
    errors = [item.error for item in listed]
    assert errors == sorted(errors, reverse=True)
    worst = listed[0]
    # Neighbourhood judged 6x general condition, where the weights imply about 1.13.
    assert (worst.row, worst.column, worst.given) == ("C3", "C7", 6.0)
    assert worst.consistent == pytest.approx(result.weights[2] / result.weights[6])
    assert worst.error == pytest.approx(abs(np.log(6.0 / worst.consistent)))


def test_ahp_saaty_1990_yard_space_consistent() -> None:
    """Saaty (1990) house example, houses compared on yard space: eigenvector .674,
    .101, .226; lambda_max 3.086, C.I. 0.043, C.R. 0.074 (consistent).
    """
    result = weights.ahp([[1, 5, 4], [1 / 5, 1, 1 / 3], [1 / 4, 3, 1]], ["A", "B", "C"])
    np.testing.assert_allclose(result.weights, [0.674, 0.101, 0.226], atol=5e-4)
    assert result.lambda_max == pytest.approx(3.086, abs=5e-4)
    assert result.consistency_ratio == pytest.approx(0.074, abs=5e-4)
    assert result.consistent
    assert result.inconsistent_judgements == ()
    assert result.criteria == ("A", "B", "C")


def test_ahp_consistent_matrix_recovers_its_weights() -> None:
    """A perfectly consistent matrix a_ij = w_i / w_j has lambda_max = n and CR = 0."""
    w = np.array([0.5, 0.3, 0.15, 0.05])
    result = weights.ahp(w[:, np.newaxis] / w[np.newaxis, :])
    np.testing.assert_allclose(result.weights, w)
    assert result.lambda_max == pytest.approx(4.0)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-12)


def test_ahp_accepts_rounded_reciprocals() -> None:
    """0.33 typed for 1/3 is accepted and symmetrised: the result is exactly reciprocal."""
    result = weights.ahp([[1, 3], [0.33, 1]])
    pairwise = result.pairwise
    np.testing.assert_allclose(pairwise * pairwise.T, np.ones((2, 2)))
    assert result.consistency_ratio == 0.0


def test_ahp_group_geometric_mean_aczel_saaty_1983() -> None:
    """Aczél & Saaty (1983) J. Math. Psych. 27(1):93-102: the geometric mean of the
    judgements is the aggregation that keeps reciprocity (a_ji = 1 / a_ij).

    Two members: the house matrix and its square root; the group matrix is the
    element-wise geometric mean, exactly reciprocal, and disagreement is the geometric
    standard deviation of each criterion's judgements around it.
    """
    first = np.asarray(SAATY_1990_HOUSE)
    second = np.sqrt(first)
    result = weights.ahp_group([first, second])
    expected_matrix = np.sqrt(first * second)
    np.testing.assert_allclose(result.pairwise, expected_matrix)
    np.testing.assert_allclose(result.pairwise * result.pairwise.T, np.ones((8, 8)))
    np.testing.assert_allclose(result.weights, weights.ahp(expected_matrix).weights)
    assert [member.consistency_ratio for member in result.individual] == pytest.approx(
        [weights.ahp(first).consistency_ratio, weights.ahp(second).consistency_ratio]
    )
    # Each member's log-judgement sits |ln a| / 4 from the group's: GSD = exp(rms of that).
    logs = np.abs(np.log(first)) / 4
    off = ~np.eye(8, dtype=bool)
    expected = [np.exp(np.sqrt(np.mean(logs[j, off[j]] ** 2))) for j in range(8)]
    np.testing.assert_allclose(result.disagreement, expected)


def test_ahp_group_identical_members_agree_fully() -> None:
    """Members giving the same judgements have disagreement 1 on every criterion."""
    result = weights.ahp_group([SAATY_1990_HOUSE] * 3)
    np.testing.assert_allclose(result.disagreement, np.ones(8))
    np.testing.assert_allclose(result.weights, weights.ahp(SAATY_1990_HOUSE).weights)


def test_ahp_results_serialise() -> None:
    """AHP results turn into plain JSON and pickle."""
    single = weights.ahp(SAATY_1990_HOUSE)
    group = weights.ahp_group([SAATY_1990_HOUSE, SAATY_1990_HOUSE])
    decoded = json.loads(json.dumps(group.to_dict()))
    assert decoded["consistent"] is False
    assert len(decoded["individual"]) == 2
    assert json.loads(json.dumps(single.to_dict()))["inconsistent_judgements"][0]["row"] == "C3"
    restored = pickle.loads(pickle.dumps(single))
    assert isinstance(restored, AhpResult)
    np.testing.assert_allclose(restored.weights, single.weights)


def test_objective_weights_conventions_for_uninformative_columns() -> None:
    """Constant columns get weight 0; if nothing varies, weights are equal."""
    np.testing.assert_allclose(weights.entropy([[1, 5, 0], [2, 5, 0], [3, 5, 0]]), [1, 0, 0])
    np.testing.assert_allclose(weights.entropy([[2, 2], [2, 2]]), [0.5, 0.5])
    np.testing.assert_allclose(weights.critic([[1, 2, 5], [2, 4, 5], [3, 6, 5]]), [0.5, 0.5, 0])
    np.testing.assert_allclose(weights.critic([[1, 1], [1, 1]]), [0.5, 0.5])
    with_constant = weights.critic([[1, 9, 4, 7], [2, 3, 4, 1], [3, 5, 4, 2], [4, 1, 4, 8]])
    without = weights.critic([[1, 9, 7], [2, 3, 1], [3, 5, 2], [4, 1, 8]])
    np.testing.assert_allclose(with_constant, np.insert(without, 2, 0.0))
