"""Replays of published worked examples for every ranking method."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import criteria

#: A copy of shared/reference/mcda_examples.json, so the suite runs from the repository alone.
REFERENCE = Path(__file__).parent / "data" / "mcda_examples.json"

_METHOD_NAMES = {
    "TOPSIS": "topsis",
    "VIKOR": "vikor",
    "PROMETHEE II": "promethee2",
    "SAW / weighted sum": "wsm",
}


def _reference_examples() -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = json.loads(REFERENCE.read_text())
    return [example for example in examples if example["method"] in _METHOD_NAMES]


@pytest.mark.parametrize("example", _reference_examples(), ids=lambda example: example["name"])
def test_shared_reference_examples(example: dict[str, Any]) -> None:
    """Replay shared/reference/mcda_examples.json (sources in each entry's "source").

    TOPSIS: Tzeng & Huang (2011), TOPSIS example. VIKOR: Opricovic & Tzeng (2004) EJOR
    156(2), numerical example. PROMETHEE II: Zhao, Peng & Li (2013) Procedia Computer
    Science 17, usual criterion. SAW: Rizan et al. (2020) CITSM.
    """
    result = criteria.rank(
        example["matrix"],
        example["objectives"],
        example["weights"],
        method=_METHOD_NAMES[example["method"]],
        alternatives=example["alternatives"],
        criteria=example["criteria"],
    )
    expected = example["expected"]
    np.testing.assert_allclose(result.scores, expected["scores"], atol=example["tolerance"])
    assert result.ranks.tolist() == expected["ranking"]
    if "S" in expected:
        np.testing.assert_allclose(result.details["S"], expected["S"], atol=example["tolerance"])
        np.testing.assert_allclose(result.details["R"], expected["R"], atol=example["tolerance"])
        assert list(result.details["compromise_set"]) == expected["compromise_solution"]


def test_topsis_ersoy_2021_with_cost_criteria() -> None:
    """Ersoy (2021) LogForum 17(3), entropy-based TOPSIS for e-commerce equipment.

    Vector-normalised TOPSIS with two cost criteria; closeness published to 3 decimals
    (as replayed in energyinpython/pyrepo-mcda tests/test_mcda_methods.py::Test_TOPSIS,
    which compares at 2 decimals).
    """
    matrix: list[list[float]] = [
        [256, 8, 41, 1.6, 1.77, 7347.16],
        [256, 8, 32, 1.0, 1.8, 6919.99],
        [256, 8, 53, 1.6, 1.9, 8400],
        [256, 8, 41, 1.0, 1.75, 6808.9],
        [512, 8, 35, 1.6, 1.7, 8479.99],
        [256, 4, 35, 1.6, 1.7, 7499.99],
    ]
    weights = [0.405, 0.221, 0.134, 0.199, 0.007, 0.034]
    objectives = ["max", "max", "max", "max", "min", "min"]
    result = criteria.rank(matrix, objectives, weights)
    np.testing.assert_allclose(result.scores, [0.308, 0.254, 0.327, 0.263, 0.857, 0.192], atol=5e-3)
    assert result.winner == "A5"


def test_wpm_zavadskas_2012() -> None:
    """Zavadskas, Turskis, Antucheviciene & Zakarevicius (2012) Elektronika ir
    Elektrotechnika 122(6):3-6, WASPAS example: WPM with x/max and min/x ratings.

    Scores as replayed in jbytecode/JMcDM test/mcdm/testwpm.jl.
    """
    matrix: list[list[float]] = [
        [3, 12.5, 2, 120, 14, 3],
        [5, 15, 3, 110, 38, 4],
        [3, 13, 2, 120, 19, 3],
        [4, 14, 2, 100, 31, 4],
        [3, 15, 1.5, 125, 40, 4],
    ]
    objectives = ["max", "min", "min", "max", "min", "max"]
    weights = [0.221, 0.159, 0.175, 0.127, 0.117, 0.201]
    result = criteria.rank(matrix, objectives, weights, method="wpm")
    np.testing.assert_allclose(
        result.scores,
        [0.7975224331331, 0.7532541470585, 0.7647463553356, 0.7873956894791, 0.7674278741782],
        atol=1e-9,
    )
    assert result.winner == "A1"


def test_wsm_and_wpm_reproduce_waspas_zavadskas_2012() -> None:
    """Zavadskas et al. (2012) WASPAS example: Q = (WSM + WPM) / 2 with the same ratings.

    Joint generalised criterion values as replayed in jbytecode/JMcDM
    test/mcdm/testwaspas.jl; checks WSM's min/x cost handling against the paper.
    """
    matrix: list[list[float]] = [
        [3, 12.5, 2, 120, 14, 3],
        [5, 15, 3, 110, 38, 4],
        [3, 13, 2, 120, 19, 3],
        [4, 14, 2, 100, 31, 4],
        [3, 15, 1.5, 125, 40, 4],
    ]
    objectives = ["max", "min", "min", "max", "min", "max"]
    weights = [0.221, 0.159, 0.175, 0.127, 0.117, 0.201]
    wsm = criteria.rank(matrix, objectives, weights, method="wsm").scores
    wpm = criteria.rank(matrix, objectives, weights, method="wpm").scores
    np.testing.assert_allclose(
        (wsm + wpm) / 2, [0.805021, 0.775060, 0.770181, 0.796424, 0.788239], atol=1e-6
    )


def test_waspas_tus_aytac_adali_2019_with_critic_weights() -> None:
    """Tuş & Aytaç Adalı (2019) Opsearch 56(2):528-538, time and attendance software.

    CRITIC weights (all columns as benefit, as in the paper) then WASPAS with lambda 0.5:
    (WSM + WPM) / 2 = 0.5622, 0.6575, 0.6192, 0.6409, 0.722 (as replayed in
    energyinpython/pyrepo-mcda tests/test_mcda_methods.py::Test_WASPAS). The paper
    rounds its weights, hence the 5e-4 tolerance.
    """
    matrix: list[list[float]] = [
        [5000, 3, 3, 4, 3, 2],
        [680, 5, 3, 2, 2, 1],
        [2000, 3, 2, 3, 4, 3],
        [600, 4, 3, 1, 2, 2],
        [800, 2, 4, 3, 3, 4],
    ]
    objectives = ["min", "max", "max", "max", "max", "max"]
    weights = criteria.weights.critic(matrix)
    wsm = criteria.rank(matrix, objectives, weights, method="wsm").scores
    wpm = criteria.rank(matrix, objectives, weights, method="wpm").scores
    np.testing.assert_allclose((wsm + wpm) / 2, [0.5622, 0.6575, 0.6192, 0.6409, 0.722], atol=5e-4)


def test_wpm_ratios_triantaphyllou_2000() -> None:
    """Triantaphyllou (2000) Multi-Criteria Decision Making Methods, ch. 2, WPM example.

    Ratios P(A_K/A_L) = prod (a_Kj / a_Lj)^w_j: P(A1/A2) = 1.007, P(A1/A3) = 1.067,
    P(A2/A3) = 1.059, so A1 > A2 > A3; ratios of WPM scores are these ratios.
    """
    matrix: list[list[float]] = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]
    result = criteria.rank(matrix, "max", [0.20, 0.15, 0.40, 0.25], method="wpm")
    a1, a2, a3 = result.scores
    np.testing.assert_allclose([a1 / a2, a1 / a3, a2 / a3], [1.007, 1.067, 1.059], atol=1e-3)
    assert result.ranking == ("A1", "A2", "A3")


def test_vikor_papathanasiou_ploskas_2018() -> None:
    """Papathanasiou & Ploskas (2018) Multiple Criteria Decision Aid, Springer, ch. 2
    (VIKOR), v = 0.625: Q = 0.640, 1.000, 0.693, 0.271, 0.000, 0.694.

    As replayed in energyinpython/pyrepo-mcda tests/test_mcda_methods.py::Test_VIKOR.
    """
    matrix: list[list[float]] = [
        [8, 7, 2, 1],
        [5, 3, 7, 5],
        [7, 5, 6, 4],
        [9, 9, 7, 3],
        [11, 10, 3, 7],
        [6, 9, 5, 4],
    ]
    result = criteria.rank(matrix, "max", [0.4, 0.3, 0.1, 0.2], method="vikor", v=0.625)
    np.testing.assert_allclose(result.scores, [0.640, 1.000, 0.693, 0.271, 0.000, 0.694], atol=5e-4)
    assert result.higher_is_better is False
    assert result.ranking[0] == "A5"


def test_vikor_yang_wu_2020() -> None:
    """Yang & Wu (2020) IEEE Access 8:21261-21271, VIKOR example with equal weights.

    Q = 0.5679, 0.7667, 1, 0.7493, 0 (as replayed in kotbaton/pymcdm
    test/test_mcdm.py::TestVIKOR.test_output_yang).
    """
    matrix: list[list[float]] = [
        [78, 56, 34, 6],
        [4, 45, 3, 97],
        [18, 2, 50, 63],
        [9, 14, 11, 92],
        [85, 9, 100, 29],
    ]
    result = criteria.rank(matrix, "max", [0.25] * 4, method="vikor")
    np.testing.assert_allclose(result.scores, [0.5679, 0.7667, 1.0, 0.7493, 0.0], atol=5e-5)


BRANS_1986_MATRIX: list[list[float]] = [
    [80, 90, 60, 5.4, 8, 5],
    [65, 58, 20, 9.7, 1, 1],
    [83, 60, 40, 7.2, 4, 7],
    [40, 80, 100, 7.5, 7, 10],
    [52, 72, 60, 2.0, 3, 8],
    [94, 96, 70, 3.6, 5, 6],
]
BRANS_1986_PREFERENCE_INDEX = [
    [0.000, 0.296, 0.250, 0.269, 0.100, 0.185],
    [0.463, 0.000, 0.389, 0.333, 0.296, 0.500],
    [0.235, 0.180, 0.000, 0.333, 0.056, 0.429],
    [0.399, 0.506, 0.305, 0.000, 0.224, 0.212],
    [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
    [0.287, 0.399, 0.250, 0.431, 0.133, 0.000],
]


def test_promethee2_brans_vincke_mareschal_1986_all_six_functions() -> None:
    """Brans, Vincke & Mareschal (1986) EJOR 24(2):228-238, six power-plant projects.

    One generalised criterion of each type: f1 manpower (min, type II q=10), f2 power
    (max, type III p=30), f3 construction cost (min, type V q=5 p=50 on this x10 scale),
    f4 maintenance cost (min, type IV q=1 p=6), f5 villages to evacuate (min, type I),
    f6 security (max, type VI s=5); equal weights. The published preference indices pi
    and leaving/entering flow sums (1.099 ... / 1.827 ...), as replayed in
    eabohorquezg/ProjectMCDM test/test/NewEmptyJUnitTest.java, are reproduced to 1e-3;
    the net flows rank a5 > a2 > a4 > a6 > a3 > a1.
    """
    result = criteria.rank(
        BRANS_1986_MATRIX,
        ["min", "max", "min", "min", "min", "max"],
        [1] * 6,
        method="promethee2",
        alternatives=["a1", "a2", "a3", "a4", "a5", "a6"],
        preference=["ushape", "vshape", "linear", "level", "usual", "gaussian"],
        q=[10, None, 5, 1, None, None],
        p=[None, 30, 50, 6, None, None],
        s=[None, None, None, None, None, 5],
    )
    np.testing.assert_allclose(
        result.details["preference_index"], BRANS_1986_PREFERENCE_INDEX, atol=6e-4
    )
    leaving = np.asarray(result.details["phi_plus"]) * 5
    entering = np.asarray(result.details["phi_minus"]) * 5
    np.testing.assert_allclose(leaving, [1.099, 1.980, 1.234, 1.644, 2.274, 1.500], atol=3e-3)
    np.testing.assert_allclose(entering, [1.827, 1.895, 1.681, 1.746, 0.808, 1.774], atol=3e-3)
    assert result.ranking == ("a5", "a2", "a4", "a6", "a3", "a1")


def test_promethee2_linear_and_vshape_yildirim_onder_2015() -> None:
    """Yıldırım & Önder (eds., 2015) Çok Kriterli Karar Verme Yöntemleri, Dora,
    PROMETHEE example: linear (q, p) and V-shape (p) criteria.

    As replayed in jbytecode/JMcDM test/mcdm/testpromethee.jl, whose ``scores`` are
    phi^- - phi^+ (the negated net flow): net flows 0.0699 ... are the negation of
    0.07, -0.15, -0.06, -0.05, 0.10, 0.0, 0.03, 0.06 (JMcDM docstring, 1e-9 digits).
    """
    matrix: list[list[float]] = [
        [42, 35, 43, 51],
        [89, 72, 92, 85],
        [14, 85, 17, 40],
        [57, 60, 45, 80],
        [48, 32, 43, 40],
        [71, 45, 60, 85],
        [69, 40, 72, 55],
        [64, 35, 70, 60],
    ]
    result = criteria.rank(
        matrix,
        "max",
        [0.25, 0.35, 0.22, 0.18],
        method="promethee2",
        preference=["linear", "vshape", "linear", "linear"],
        q=[49, None, 45, 30],
        p=[100, 98, 95, 80],
    )
    jmcdm_scores = [
        0.0698938775510204,
        -0.148590956382553,
        -0.061361984793917565,
        -0.04780408163265306,
        0.09859591836734694,
        -0.0006389755902360891,
        0.03236974789915966,
        0.057536454581832736,
    ]
    np.testing.assert_allclose(result.scores, -np.asarray(jmcdm_scores), atol=1e-9)
    assert result.winner == "A2"


CEBRIAN_2009_MATRIX: list[list[float]] = [
    [6, 5, 28, 5, 5],
    [4, 2, 25, 10, 9],
    [5, 7, 35, 9, 6],
    [6, 1, 27, 6, 7],
    [6, 8, 30, 7, 9],
    [5, 6, 26, 4, 8],
]
CEBRIAN_2009_OBJECTIVES = ["max", "max", "min", "max", "max"]
CEBRIAN_2009_WEIGHTS = [0.25, 0.25, 0.1, 0.2, 0.2]


def test_electre1_cebrian_porcar_2009() -> None:
    """Cebrián & Porcar (2009) Revista de Métodos Cuantitativos para la Economía y la
    Empresa 7:31-56, ELECTRE I for business location in Aragón.

    Concordance and discordance tables and the kernel {5th alternative} with p = 0.65,
    q = 0.35 on the sum-normalised matrix, as replayed in quatrope/scikit-criteria
    tests/agg/test_electre.py (test_concordance_/test_discordance_/
    test_ELECTRE1_cebrian2009localizacion); the diagonal is reported as 0 here.
    """
    result = criteria.rank(
        CEBRIAN_2009_MATRIX,
        CEBRIAN_2009_OBJECTIVES,
        CEBRIAN_2009_WEIGHTS,
        method="electre1",
        p=0.65,
        q=0.35,
    )
    concordance = [
        [0, 0.5000, 0.3500, 0.5000, 0.3500, 0.4500],
        [0.5000, 0, 0.5000, 0.7500, 0.5000, 0.5000],
        [0.6500, 0.5000, 0, 0.4500, 0.2000, 0.7000],
        [0.7500, 0.2500, 0.5500, 0, 0.3500, 0.4500],
        [0.9000, 0.7000, 0.8000, 0.9000, 0, 0.9000],
        [0.5500, 0.5000, 0.5500, 0.5500, 0.1000, 0],
    ]
    discordance = [
        [0, 0.5052, 0.4042, 0.1883, 0.42857, 0.2825],
        [0.4286, 0, 0.7143, 0.2589, 0.8571, 0.5714],
        [0.1696, 0.2825, 0, 0.1938, 0.2825, 0.2180],
        [0.5714, 0.4042, 0.8571, 0, 1.0, 0.7143],
        [0.0485, 0.3031, 0.2021, 0.0727, 0, 0.0969],
        [0.1295, 0.6063, 0.5052, 0.2021, 0.3031, 0],
    ]
    np.testing.assert_allclose(result.details["concordance"], concordance, atol=1e-3)
    np.testing.assert_allclose(result.details["discordance"], discordance, atol=1e-3)
    assert result.details["kernel"] == ("A5",)
    assert result.winner == "A5"


def test_electre1_kernel_is_roys_not_just_the_unbeaten() -> None:
    """Roy (1968): the kernel is internally and externally stable. With A1 -> A2 -> A4 and A3
    apart, A4 is outranked only by A2, which A1 outranks: the kernel is {A1, A3, A4}, not the
    unbeaten {A1, A3}."""
    from criteria.electre import roy_kernel

    outranks = np.zeros((4, 4), dtype=bool)
    outranks[0, 1] = outranks[1, 3] = True
    assert roy_kernel(outranks) == ([0, 2, 3], False)
    cycle = np.array([[False, True], [True, False]])
    assert roy_kernel(cycle) == ([], True)
