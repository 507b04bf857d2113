"""Every invalid problem raises InvalidProblem naming the field and the reason."""

from __future__ import annotations

import math
import pickle
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import criteria
from criteria import InvalidProblem, sensitivity, weights

M = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]
OBJ = ["max", "min", "max"]
W = [0.5, 0.3, 0.2]


def _with(row: int, col: int, value: Any) -> list[list[Any]]:
    matrix: list[list[Any]] = [list(r) for r in M]
    matrix[row][col] = value
    return matrix


RANK_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("nan", {"matrix": _with(1, 2, math.nan)}, "matrix[1][2]"),
    ("none", {"matrix": _with(2, 0, None)}, "matrix[2][0]"),
    ("infinite", {"matrix": _with(0, 1, math.inf)}, "matrix[0][1]"),
    ("text", {"matrix": _with(0, 1, "cheap")}, "matrix[0][1]"),
    ("ragged", {"matrix": [[1, 2, 3], [4, 5]]}, "matrix[1]"),
    ("one dimension", {"matrix": [1, 2, 3]}, "matrix"),
    ("one alternative", {"matrix": [[1, 2, 3]]}, "matrix"),
    ("no criteria", {"matrix": [[], []], "objectives": [], "weights": []}, "matrix"),
    ("objective word", {"objectives": ["max", "min", "maximum"]}, "objectives[2]"),
    ("objective type", {"objectives": ["max", ["min"], "max"]}, "objectives[1]"),
    ("objective count", {"objectives": ["max", "min"]}, "objectives"),
    ("objective single", {"objectives": "up"}, "objectives"),
    ("objective none", {"objectives": None}, "objectives"),
    ("weight negative", {"weights": [0.5, -0.1, 0.6]}, "weights[1]"),
    ("weight nan", {"weights": [math.nan, 0.1, 0.6]}, "weights[0]"),
    ("weight infinite", {"weights": [0.5, 0.1, math.inf]}, "weights[2]"),
    ("weights zero", {"weights": [0, 0, 0]}, "weights"),
    ("weight count", {"weights": [0.5, 0.5]}, "weights"),
    ("weights 2d", {"weights": [[0.5, 0.3, 0.2]]}, "weights"),
    ("weight text", {"weights": ["a", 1, 1]}, "weights[0]"),
    ("duplicate alternative", {"alternatives": ["X", "Y", "X"]}, "alternatives[2]"),
    ("duplicate criterion", {"criteria": ["price", "price", "fit"]}, "criteria[1]"),
    ("alternative count", {"alternatives": ["X", "Y"]}, "alternatives"),
    ("empty name", {"alternatives": ["", "Y", "Z"]}, "alternatives[0]"),
    ("name type", {"criteria": ["a", 2, "c"]}, "criteria[1]"),
    ("names as string", {"alternatives": "XYZ"}, "alternatives"),
    ("unknown method", {"method": "ahp"}, "method"),
    ("unknown parameter", {"method": "topsis", "distance": "manhattan"}, "params.distance"),
    ("parameter of another method", {"method": "wsm", "v": 0.5}, "params.v"),
    ("v above 1", {"method": "vikor", "v": 1.5}, "params.v"),
    ("v text", {"method": "vikor", "v": "half"}, "params.v"),
    ("v bool", {"method": "vikor", "v": True}, "params.v"),
    ("electre p", {"method": "electre1", "p": -0.1}, "params.p"),
    ("electre q nan", {"method": "electre1", "q": math.nan}, "params.q"),
    ("wsm column of zeros", {"method": "wsm", "matrix": [[0, 2, 3], [0, 5, 6]]}, "matrix[*][0]"),
    ("wsm negative benefit", {"method": "wsm", "matrix": _with(1, 0, -4)}, "matrix[1][0]"),
    ("wsm zero cost", {"method": "wsm", "matrix": _with(2, 1, 0)}, "matrix[2][1]"),
    ("wpm zero", {"method": "wpm", "matrix": _with(0, 2, 0)}, "matrix[0][2]"),
    ("wpm negative", {"method": "wpm", "matrix": _with(1, 0, -1)}, "matrix[1][0]"),
    ("electre negative", {"method": "electre1", "matrix": _with(2, 2, -1)}, "matrix[2][2]"),
    (
        "promethee unknown function",
        {"method": "promethee2", "preference": "step"},
        "params.preference",
    ),
    (
        "promethee unknown function in list",
        {"method": "promethee2", "preference": ["usual", "step", "usual"]},
        "params.preference[1]",
    ),
    (
        "promethee function list length",
        {"method": "promethee2", "preference": ["usual"]},
        "params.preference",
    ),
    ("promethee missing q", {"method": "promethee2", "preference": "ushape"}, "params.q"),
    (
        "promethee missing p in list",
        {
            "method": "promethee2",
            "preference": ["usual", "usual", "vshape"],
            "p": [1, 1, None],
        },
        "params.p[2]",
    ),
    (
        "promethee p not above q",
        {"method": "promethee2", "preference": "linear", "q": 2, "p": 2},
        "params.p",
    ),
    (
        "promethee negative s",
        {"method": "promethee2", "preference": "gaussian", "s": -1},
        "params.s",
    ),
    (
        "promethee zero p",
        {"method": "promethee2", "preference": "vshape", "p": [1, 0, 1]},
        "params.p[1]",
    ),
    ("promethee q length", {"method": "promethee2", "q": [1, 2]}, "params.q"),
    ("promethee q text", {"method": "promethee2", "q": [1, "x", 2]}, "params.q[1]"),
]


@pytest.mark.parametrize(("case", "changes", "field"), RANK_CASES, ids=[c[0] for c in RANK_CASES])
def test_rank_names_the_bad_field(case: str, changes: dict[str, Any], field: str) -> None:
    """``rank`` raises InvalidProblem (a ValueError) whose ``field`` points at the problem."""
    arguments: dict[str, Any] = {"matrix": M, "objectives": OBJ, "weights": W}
    arguments.update(changes)
    matrix, objectives, w = (
        arguments.pop("matrix"),
        arguments.pop("objectives"),
        arguments.pop("weights"),
    )
    with pytest.raises(InvalidProblem) as caught:
        criteria.rank(matrix, objectives, w, **arguments)
    assert caught.value.field == field
    assert caught.value.reason
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == f"{field}: {caught.value.reason}"


def test_reason_is_readable() -> None:
    """The reason says what is wrong in words, including the offending value."""
    with pytest.raises(InvalidProblem, match=r"weights\[1\]: is negative \(-0.1\)"):
        criteria.rank(M, OBJ, [0.5, -0.1, 0.6])
    with pytest.raises(InvalidProblem, match="is missing"):
        criteria.rank(_with(0, 0, math.nan), OBJ, W)
    with pytest.raises(InvalidProblem, match="criterion 'C1' is 0 for every alternative"):
        criteria.rank([[0, 2, 3], [0, 5, 6]], OBJ, W, method="wsm")


def test_invalid_problem_pickles() -> None:
    """The error crosses process boundaries (batch workers) with its field and reason."""
    error = InvalidProblem("matrix[1][2]", "is missing")
    restored = pickle.loads(pickle.dumps(error))
    assert (restored.field, restored.reason, str(restored)) == (
        "matrix[1][2]",
        "is missing",
        "matrix[1][2]: is missing",
    )


BATCH_CASES: list[tuple[str, Any, str]] = [
    ("negative entry", [[0.5, 0.5, 0.1], [0.2, -0.3, 0.5]], "weights[1][1]"),
    ("nan entry", [[0.5, math.nan, 0.1]], "weights[0][1]"),
    ("zero row", [[0.5, 0.5, 0.1], [0, 0, 0]], "weights[1]"),
    ("wrong width", [[0.5, 0.5]], "weights"),
    ("one dimension", [0.5, 0.3, 0.2], "weights"),
    ("no rows", np.empty((0, 3)), "weights"),
]


@pytest.mark.parametrize(("case", "rows", "field"), BATCH_CASES, ids=[c[0] for c in BATCH_CASES])
def test_scores_batch_names_the_bad_weights(case: str, rows: Any, field: str) -> None:
    """Batch weight rows are validated row by row."""
    with pytest.raises(InvalidProblem) as caught:
        criteria.scores_batch(M, OBJ, rows)
    assert caught.value.field == field


SENSITIVITY_CASES: list[tuple[str, Callable[[], object], str]] = [
    ("samples zero", lambda: sensitivity.smaa(M, OBJ, samples=0), "samples"),
    ("samples float", lambda: sensitivity.smaa(M, OBJ, samples=10.5), "samples"),  # type: ignore[arg-type]
    ("seed text", lambda: sensitivity.smaa(M, OBJ, seed="x"), "seed"),  # type: ignore[arg-type]
    ("spread one", lambda: sensitivity.smaa(M, OBJ, W, spread=1.0), "spread"),
    (
        "bounds shape",
        lambda: sensitivity.smaa(M, OBJ, weight_bounds=[[0, 1], [0, 1]]),
        "weight_bounds",
    ),
    (
        "bounds reversed",
        lambda: sensitivity.smaa(M, OBJ, weight_bounds=[[0, 1], [0.6, 0.4], [0, 1]]),
        "weight_bounds[1]",
    ),
    (
        "bounds lower too high",
        lambda: sensitivity.smaa(M, OBJ, weight_bounds=[[0.5, 1], [0.4, 1], [0.2, 1]]),
        "weight_bounds",
    ),
    (
        "bounds upper too low",
        lambda: sensitivity.smaa(M, OBJ, weight_bounds=[[0, 0.2], [0, 0.3], [0, 0.4]]),
        "weight_bounds",
    ),
    (
        "bound nan",
        lambda: sensitivity.smaa(M, OBJ, weight_bounds=[[0, 1], [math.nan, 1], [0, 1]]),
        "weight_bounds[1][0]",
    ),
    (
        "weights outside bounds",
        lambda: sensitivity.smaa(M, OBJ, W, weight_bounds=[[0, 0.4], [0, 1], [0, 1]]),
        "weights[0]",
    ),
    ("smaa method", lambda: sensitivity.smaa(M, OBJ, method="smaa"), "method"),
    ("smaa param", lambda: sensitivity.smaa(M, OBJ, method="vikor", v=2), "params.v"),
    ("stability weights", lambda: sensitivity.stability(M, OBJ, [1, 1]), "weights"),
    ("agreement empty", lambda: sensitivity.agreement(M, OBJ, W, methods=[]), "methods"),
    (
        "agreement unknown",
        lambda: sensitivity.agreement(M, OBJ, W, methods=["topsis", "maut"]),
        "methods[1]",
    ),
    (
        "agreement repeated",
        lambda: sensitivity.agreement(M, OBJ, W, methods=["topsis", "topsis"]),
        "methods[1]",
    ),
    (
        "agreement params for absent method",
        lambda: sensitivity.agreement(M, OBJ, W, methods=["topsis"], params={"vikor": {"v": 1}}),
        "params.vikor",
    ),
    (
        "agreement bad param",
        lambda: sensitivity.agreement(M, OBJ, W, methods=["vikor"], params={"vikor": {"w": 1}}),
        "params.w",
    ),
    ("kendall lengths", lambda: sensitivity.kendall_tau([1, 2], [1, 2, 3]), "rankings"),
]


@pytest.mark.parametrize(
    ("case", "call", "field"), SENSITIVITY_CASES, ids=[c[0] for c in SENSITIVITY_CASES]
)
def test_sensitivity_names_the_bad_field(case: str, call: Callable[[], object], field: str) -> None:
    """SMAA, stability and agreement validate their own arguments too."""
    with pytest.raises(InvalidProblem) as caught:
        call()
    assert caught.value.field == field


HOUSE_3: list[list[float]] = [[1, 5, 4], [1 / 5, 1, 1 / 3], [1 / 4, 3, 1]]

WEIGHT_CASES: list[tuple[str, Callable[[], object], str]] = [
    ("direct negative", lambda: weights.direct([1, 2, -1]), "values[2]"),
    ("direct zero", lambda: weights.direct([0, 0]), "values"),
    ("direct empty", lambda: weights.direct([]), "values"),
    ("roc zero", lambda: weights.roc([1, 0, 2]), "order[1]"),
    ("roc float", lambda: weights.roc([1, 2.5]), "order[1]"),  # type: ignore[list-item]
    ("roc empty", lambda: weights.roc([]), "order"),
    ("swing over 100", lambda: weights.swing([120, 50]), "points[0]"),
    ("swing negative", lambda: weights.swing([100, -5]), "points[1]"),
    ("ahp not square", lambda: weights.ahp([[1, 2, 3], [0.5, 1, 2]]), "pairwise"),
    ("ahp not reciprocal", lambda: weights.ahp([[1, 3], [3, 1]]), "pairwise[0][1]"),
    ("ahp diagonal", lambda: weights.ahp([[1, 2], [0.5, 2]]), "pairwise[1][1]"),
    ("ahp zero", lambda: weights.ahp([[1, 0], [0, 1]]), "pairwise[0][1]"),
    ("ahp too large", lambda: weights.ahp(np.ones((16, 16))), "pairwise"),
    ("ahp names", lambda: weights.ahp(HOUSE_3, ["a", "b"]), "criteria"),
    ("group empty", lambda: weights.ahp_group([]), "matrices"),
    (
        "group sizes differ",
        lambda: weights.ahp_group([HOUSE_3, [[1, 2], [0.5, 1]]]),
        "matrices[1]",
    ),
    (
        "group member not reciprocal",
        lambda: weights.ahp_group([HOUSE_3, [[1, 2, 2], [2, 1, 2], [0.5, 0.5, 1]]]),
        "matrices[1][0][1]",
    ),
    ("group single matrix", lambda: weights.ahp_group(np.ones((3, 3))), "matrices"),
    ("entropy negative", lambda: weights.entropy([[1, -2], [3, 4]]), "matrix[0][1]"),
    ("entropy one row", lambda: weights.entropy([[1, 2]]), "matrix"),
    ("critic objectives", lambda: weights.critic(M, ["max", "down", "max"]), "objectives[1]"),
    ("critic nan", lambda: weights.critic(_with(1, 1, math.nan)), "matrix[1][1]"),
]


@pytest.mark.parametrize(("case", "call", "field"), WEIGHT_CASES, ids=[c[0] for c in WEIGHT_CASES])
def test_weights_name_the_bad_field(case: str, call: Callable[[], object], field: str) -> None:
    """The weighting functions validate their inputs the same way."""
    with pytest.raises(InvalidProblem) as caught:
        call()
    assert caught.value.field == field
