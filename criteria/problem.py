"""Validation of decision problems: the matrix, objectives, weights, names and parameters.

Every check raises :class:`InvalidProblem`, which names the offending field the way a
consultant would point at it (``matrix[1][2]``, ``weights``, ``objectives[3]``,
``params.v``) and says why in plain words. The checks are vectorised and only locate the
bad entry after a cheap whole-array test has failed, so a valid problem costs a few
microseconds to validate.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

FloatArray: TypeAlias = npt.NDArray[np.float64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]
IntArray: TypeAlias = npt.NDArray[np.int64]

#: Inputs: nested lists of numbers or numpy arrays. (numpy's ArrayLike union defeats
#: mypy's inference of literals such as ``[[1, 0.5], [2, 1]]``; these do not.)
MatrixLike: TypeAlias = Sequence[Sequence[float]] | npt.NDArray[Any]
VectorLike: TypeAlias = Sequence[float] | npt.NDArray[Any]
ObjectivesLike: TypeAlias = str | Sequence[str] | npt.NDArray[np.str_]

#: Values accepted for one criterion's objective.
OBJECTIVES = ("max", "min")
_OBJECTIVE_SET = frozenset(OBJECTIVES)


class InvalidProblem(ValueError):
    """A decision problem that cannot be evaluated, naming the bad field and why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason

    def __reduce__(self) -> tuple[type[InvalidProblem], tuple[str, str]]:
        # The default reduce passes the formatted message as the only argument.
        return (InvalidProblem, (self.field, self.reason))


@dataclass(frozen=True, slots=True)
class Problem:
    """A validated problem: float matrix, benefit mask, weights summing to 1, names."""

    matrix: FloatArray
    is_max: BoolArray
    weights: FloatArray
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]


def as_matrix(matrix: MatrixLike, *, field: str = "matrix", min_rows: int = 2) -> FloatArray:
    """Return ``matrix`` as a finite 2-D float array with at least ``min_rows`` rows."""
    try:
        arr = np.asarray(matrix, dtype=np.float64)
    except (TypeError, ValueError):
        raise _locate_unreadable(matrix, field) from None
    if arr.ndim != 2:
        raise InvalidProblem(
            field,
            f"must be a table (alternatives x criteria), got {arr.ndim} dimension(s)",
        )
    rows, cols = arr.shape
    if rows < min_rows:
        raise InvalidProblem(field, f"needs at least {min_rows} alternatives (rows), got {rows}")
    if cols < 1:
        raise InvalidProblem(field, "needs at least 1 criterion (column), got 0")
    if not np.isfinite(arr).all():
        i, j = (int(k) for k in np.argwhere(~np.isfinite(arr))[0])
        raise InvalidProblem(f"{field}[{i}][{j}]", _not_finite_reason(float(arr[i, j])))
    return snap_ties(arr)


#: Two values of one criterion closer than this share of the larger are the same value
#: written with different rounding...
INPUT_TOLERANCE = 1e-12
#: ... and so are values closer than this share of the criterion's largest magnitude (a
#: rounding residue next to 0, such as 0.1 + 0.2 - 0.3).
INPUT_FLOOR = 1e-15


def snap_ties(matrix: FloatArray) -> FloatArray:
    """Make values of a criterion that differ only by rounding exactly equal.

    ``matrix`` is (alternatives x criteria) or a stack of them. Within each column, sorted
    neighbours closer than :data:`INPUT_TOLERANCE` times the larger of the two, or than
    :data:`INPUT_FLOOR` times the column's largest magnitude, form a group (near ties chain)
    and take the group's smallest value. Without this, 70 and
    70.00000000000001 (the same fit summed in another order) would be a strict preference
    for PROMETHEE's usual criterion, a veto for ELECTRE, and a whole-scale gap for TOPSIS and
    VIKOR when it is the column's only difference. Genuine differences are kept: 1e-13 and
    5e-13 in a column of that scale stay apart.
    """
    ordered = np.sort(matrix, axis=-2)
    gaps = ordered[..., 1:, :] - ordered[..., :-1, :]
    larger = np.maximum(np.abs(ordered[..., 1:, :]), np.abs(ordered[..., :-1, :]))
    floor = INPUT_FLOOR * np.abs(matrix).max(axis=-2, keepdims=True)
    tolerance = np.maximum(INPUT_TOLERANCE * larger, floor)
    near = (gaps > 0) & (gaps <= tolerance)
    if not near.any():  # the usual case: a sort and a few comparisons
        return matrix
    order = np.argsort(matrix, axis=-2, kind="stable")
    slots = np.arange(matrix.shape[-2]).reshape((-1, 1))
    starts_group = np.ones(ordered.shape, dtype=np.bool_)
    starts_group[..., 1:, :] = gaps > tolerance
    start = np.maximum.accumulate(np.where(starts_group, slots, 0), axis=-2)
    snapped_sorted = np.take_along_axis(ordered, start, axis=-2)
    snapped = np.empty_like(matrix)
    np.put_along_axis(snapped, order, snapped_sorted, axis=-2)
    return snapped


def as_objectives(objectives: ObjectivesLike, n_criteria: int) -> BoolArray:
    """Return the benefit mask (True for "max") for one objective per criterion."""
    if isinstance(objectives, str):
        # One word for every criterion: rank(matrix, "max", weights).
        if objectives not in OBJECTIVES:
            raise InvalidProblem("objectives", f'must be "max" or "min", got {objectives!r}')
        return np.full(n_criteria, objectives == "max")
    if not isinstance(objectives, Sequence | np.ndarray):
        raise InvalidProblem("objectives", f'must be a list of "max"/"min", got {objectives!r}')
    if len(objectives) != n_criteria:
        raise InvalidProblem(
            "objectives", f"has {len(objectives)} values for {n_criteria} criteria"
        )
    try:
        valid = set(objectives) <= _OBJECTIVE_SET
    except TypeError:  # an unhashable entry such as a list
        valid = False
    if not valid:
        j = next(k for k, o in enumerate(objectives) if not _is_objective(o))
        raise InvalidProblem(f"objectives[{j}]", f'must be "max" or "min", got {objectives[j]!r}')
    is_max = [o == "max" for o in objectives]
    return np.array(is_max, dtype=np.bool_)


def as_weights(weights: VectorLike, n_criteria: int, *, field: str = "weights") -> FloatArray:
    """Return non-negative weights normalised to sum to 1 (booleans are refused)."""
    refuse_booleans(weights, field)
    try:
        arr = np.asarray(weights, dtype=np.float64)
    except (TypeError, ValueError):
        raise _locate_unreadable(weights, field) from None
    if arr.ndim != 1:
        raise InvalidProblem(field, f"must be a list of numbers, got {arr.ndim} dimension(s)")
    if arr.shape[0] != n_criteria:
        raise InvalidProblem(field, f"has {arr.shape[0]} values for {n_criteria} criteria")
    total = float(arr.sum())
    # NaN fails ">= 0" and an infinity makes the total non-finite: one test for both.
    if not (math.isfinite(total) and bool((arr >= 0).all())):
        if not np.isfinite(arr).all():
            j = int(np.argmax(~np.isfinite(arr)))
            raise InvalidProblem(f"{field}[{j}]", _not_finite_reason(float(arr[j])))
        if (arr < 0).any():
            j = int(np.argmax(arr < 0))
            raise InvalidProblem(f"{field}[{j}]", f"is negative ({arr[j]:g}); weights must be >= 0")
        # Finite weights whose total overflows: scale by the largest first.
        arr = arr / arr.max()
        total = float(arr.sum())
    if total <= 0:
        raise InvalidProblem(field, "are all zero; at least one criterion must count")
    normalised: FloatArray = arr / total
    return normalised


def refuse_booleans(values: object, field: str) -> None:
    """Refuse True/False where numbers are expected: numpy would read them as 1 and 0."""
    if isinstance(values, np.ndarray):
        if values.dtype == np.bool_:
            raise InvalidProblem(field, "must be numbers, got booleans (true/false)")
        if values.dtype != object:
            return
    if isinstance(values, bool | np.bool_):
        raise InvalidProblem(field, "must be numbers, got a boolean")
    if isinstance(values, Sequence | np.ndarray) and not isinstance(values, str):
        for k, item in enumerate(values):
            if isinstance(item, bool | np.bool_):
                raise InvalidProblem(f"{field}[{k}]", f"must be a number, got {item!r}")
            if isinstance(item, Sequence | np.ndarray) and not isinstance(item, str):
                refuse_booleans(item, f"{field}[{k}]")


def as_names(
    names: Sequence[str] | None, count: int, *, field: str, prefix: str
) -> tuple[str, ...]:
    """Return ``count`` unique non-empty names, defaulting to ``prefix1..prefixN``."""
    if names is None:
        return default_names(prefix, count)
    if isinstance(names, str):
        raise InvalidProblem(field, "must be a list of names, got a single string")
    out = tuple(names)
    if len(out) != count:
        raise InvalidProblem(field, f"has {len(out)} names for {count} {_noun(field)}")
    seen: dict[str, int] = {}
    for k, name in enumerate(out):
        if not isinstance(name, str) or not name:
            raise InvalidProblem(f"{field}[{k}]", f"must be a non-empty string, got {name!r}")
        if name in seen:
            raise InvalidProblem(
                f"{field}[{k}]",
                f"duplicates {field}[{seen[name]}] ({name!r}); names must be unique",
            )
        seen[name] = k
    return out


@functools.lru_cache(maxsize=256)
def default_names(prefix: str, count: int) -> tuple[str, ...]:
    """Return ``prefix1 .. prefixN``."""
    return tuple(f"{prefix}{k + 1}" for k in range(count))


def validate(
    matrix: MatrixLike,
    objectives: ObjectivesLike,
    weights: VectorLike,
    *,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> Problem:
    """Validate a whole problem and return it with normalised weights."""
    arr = as_matrix(matrix)
    rows, cols = arr.shape
    return Problem(
        matrix=arr,
        is_max=as_objectives(objectives, cols),
        weights=as_weights(weights, cols),
        alternatives=as_names(alternatives, rows, field="alternatives", prefix="A"),
        criteria=as_names(criteria, cols, field="criteria", prefix="C"),
    )


def check_param_names(method: str, params: dict[str, Any], allowed: Sequence[str]) -> None:
    """Reject parameters that ``method`` does not take."""
    for name in params:
        if name not in allowed:
            expected = ", ".join(allowed) if allowed else "none"
            raise InvalidProblem(
                f"params.{name}",
                f"is not a parameter of {method} (its parameters: {expected})",
            )


def as_unit_interval(value: object, field: str) -> float:
    """Return ``value`` as a float in [0, 1]."""
    number = as_real(value, field)
    if not 0.0 <= number <= 1.0:
        raise InvalidProblem(field, f"must be between 0 and 1, got {number:g}")
    return number


def as_real(value: object, field: str) -> float:
    """Return ``value`` as a finite float (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise InvalidProblem(field, f"must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise InvalidProblem(field, _not_finite_reason(number))
    return number


def _is_objective(value: object) -> bool:
    return isinstance(value, str) and value in _OBJECTIVE_SET


def _not_finite_reason(value: float) -> str:
    if math.isnan(value):
        return "is missing (NaN); every value must be a finite number"
    return "is infinite; every value must be a finite number"


def _noun(field: str) -> str:
    return "alternatives (rows)" if field == "alternatives" else "criteria (columns)"


def _locate_unreadable(data: object, field: str) -> InvalidProblem:
    """Build the error for data numpy cannot read as numbers: ragged rows or non-numbers."""
    if not isinstance(data, Sequence) or isinstance(data, str):
        return InvalidProblem(field, f"must be numbers, got {type(data).__name__}")
    row_lengths: list[int] = []
    for i, row in enumerate(data):
        cells = row if isinstance(row, Sequence) and not isinstance(row, str) else [row]
        row_lengths.append(len(cells))
        for j, cell in enumerate(cells):
            try:
                float(cell)
            except (TypeError, ValueError):
                where = f"{field}[{i}][{j}]" if cells is row else f"{field}[{i}]"
                return InvalidProblem(where, f"must be a number, got {cell!r}")
    first = row_lengths[0] if row_lengths else 0
    bad = next((i for i, n in enumerate(row_lengths) if n != first), 0)
    return InvalidProblem(
        f"{field}[{bad}]",
        f"has {row_lengths[bad]} values but {field}[0] has {first}; rows must have equal length",
    )
