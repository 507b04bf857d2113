"""The engine in the PyData ecosystem: a pandas DataFrame (its row and column labels kept as
the alternatives' and criteria's names) or a scikit-criteria ``DecisionMatrix`` (its
objectives, weights and names) as the problem; weights and objectives given by criterion name
(a ``dict`` or a pandas ``Series``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import pandas as pd
from skcriteria import DecisionMatrix

from criteria.problem import InvalidProblem, MatrixLike, ObjectivesLike, VectorLike

#: A problem's matrix as :func:`criteria.rank` takes it.
Table: TypeAlias = MatrixLike | pd.DataFrame | DecisionMatrix
#: Per criterion, by position or by name.
Weights: TypeAlias = VectorLike | Mapping[str, float] | pd.Series
Objectives: TypeAlias = ObjectivesLike | Mapping[str, str] | pd.Series
#: A problem's plain parts: matrix, objectives, weights, alternatives' and criteria's names.
Parts: TypeAlias = tuple[
    MatrixLike, ObjectivesLike, VectorLike, Sequence[str] | None, Sequence[str] | None
]
#: The same, with weights that SMAA may draw.
DrawnParts: TypeAlias = tuple[
    MatrixLike, ObjectivesLike, VectorLike | None, Sequence[str] | None, Sequence[str] | None
]


def problem_parts(
    matrix: Table,
    objectives: Objectives | None,
    weights: Weights | None,
    *,
    alternatives: Sequence[str] | None,
    criteria: Sequence[str] | None,
) -> Parts:
    """The plain parts of a problem: the matrix as numbers, objectives and weights in column
    order, and the names a DataFrame or DecisionMatrix carries unless given."""
    values, objectives, plain, alternatives, criteria = drawn_problem_parts(
        matrix, objectives, weights, alternatives=alternatives, criteria=criteria
    )
    if plain is None:
        raise InvalidProblem("weights", "is required (one per criterion)")
    return values, objectives, plain, alternatives, criteria


def drawn_problem_parts(
    matrix: Table,
    objectives: Objectives | None,
    weights: Weights | None,
    *,
    alternatives: Sequence[str] | None,
    criteria: Sequence[str] | None,
) -> DrawnParts:
    """:func:`problem_parts` for a problem whose weights may be left out (SMAA then draws
    them all)."""
    if isinstance(matrix, DecisionMatrix):
        for field, given in (("objectives", objectives), ("weights", weights)):
            if given is not None:
                raise InvalidProblem(field, "comes with the DecisionMatrix: leave it out")
        objectives = ["max" if sign > 0 else "min" for sign in matrix.iobjectives]
        weights = matrix.weights.to_numpy(dtype=float)
        alternatives = alternatives or [str(name) for name in matrix.alternatives]
        criteria = criteria or [str(name) for name in matrix.criteria]
        matrix = matrix.matrix
    if isinstance(matrix, pd.DataFrame):
        if criteria is None:
            criteria = [str(name) for name in matrix.columns]
        if alternatives is None and not isinstance(matrix.index, pd.RangeIndex):
            alternatives = [str(name) for name in matrix.index]
        matrix = _numbers(matrix)
    if objectives is None:
        raise InvalidProblem("objectives", "is required (max or min per criterion)")
    if isinstance(objectives, Mapping | pd.Series):
        objectives = [str(value) for value in _by_name(objectives, criteria, "objectives")]
    if isinstance(weights, Mapping | pd.Series):
        weights = _by_name(weights, criteria, "weights")
    return matrix, objectives, weights, alternatives, criteria


def _numbers(frame: pd.DataFrame) -> MatrixLike:
    """The frame's values; as nested lists when a column is not numeric, so that validation
    names the cell that is not a number."""
    if all(pd.api.types.is_numeric_dtype(dtype) for dtype in frame.dtypes):
        values: MatrixLike = frame.to_numpy(dtype=float)
        return values
    rows: list[list[Any]] = frame.to_numpy(dtype=object).tolist()
    return rows


def _by_name(
    values: Mapping[str, Any] | pd.Series, criteria: Sequence[str] | None, field: str
) -> list[Any]:
    """`values` in the order of `criteria`, each criterion given once and nothing else."""
    if criteria is None:
        raise InvalidProblem(
            field,
            "is given by criterion name: name the criteria (a DataFrame's columns, or "
            "criteria=[...])",
        )
    given = {str(name): value for name, value in dict(values).items()}
    for name in criteria:
        if name not in given:
            raise InvalidProblem(f"{field}.{name}", "is missing")
    for name in given:
        if name not in criteria:
            raise InvalidProblem(f"{field}.{name}", "is not a criterion of the matrix")
    return [given[name] for name in criteria]
