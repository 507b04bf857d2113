"""PROMETHEE II: net outranking flows with Brans' six generalised criteria."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

import numpy as np
import numpy.typing as npt

from criteria.evaluation import Evaluation, stacked_rows, weighted_rows
from criteria.problem import BoolArray, FloatArray, InvalidProblem, as_real

#: Brans' generalised criteria (types I to VI) and the thresholds each one needs.
PREFERENCES: dict[str, tuple[str, ...]] = {
    "usual": (),
    "ushape": ("q",),
    "vshape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}

_THRESHOLD_NAMES = {
    "q": "the indifference threshold q",
    "p": "the strict preference threshold p",
    "s": "the Gaussian inflection point s",
}


class Promethee2:
    """PROMETHEE II net flows, with one generalised criterion per criterion.

    For criterion j and alternatives a, b, let ``d = g_j(a) - g_j(b)`` (sign reversed for
    cost criteria, so d > 0 means a is better); the preference degree ``P_j(a, b)`` is 0
    for ``d <= 0`` and otherwise (thresholds in the criterion's own units):

    - ``usual`` (type I): 1.
    - ``ushape`` (type II, quasi-criterion): 1 if ``d > q``, else 0.
    - ``vshape`` (type III): ``min(d / p, 1)``.
    - ``level`` (type IV): 0 if ``d <= q``, 1/2 if ``q < d <= p``, 1 if ``d > p``.
    - ``linear`` (type V): 0 if ``d <= q``, ``(d - q) / (p - q)`` if ``q < d <= p``,
      1 if ``d > p``.
    - ``gaussian`` (type VI): ``1 - exp(-d^2 / (2 s^2))``.

    With ``pi(a, b) = sum_j w_j P_j(a, b)``, the flows are divided by ``m - 1``:
    ``phi^+(a) = sum_b pi(a, b) / (m - 1)``, ``phi^-(a) = sum_b pi(b, a) / (m - 1)``,
    and the score is the net flow ``phi(a) = phi^+(a) - phi^-(a)`` in [-1, 1].

    Contributions: ``w_j phi_j(a)`` with the single-criterion net flow
    ``phi_j(a) = sum_b (P_j(a, b) - P_j(b, a)) / (m - 1)``; each row sums to ``phi(a)``.

    References
    ----------
    .. [1] Brans, J.-P., & Vincke, Ph. (1985). A preference ranking organisation method
       (the PROMETHEE method for multiple criteria decision-making). Management
       Science, 31(6), 647-656. doi:10.1287/mnsc.31.6.647
    .. [2] Brans, J.-P., Vincke, Ph., & Mareschal, B. (1986). How to select and how to
       rank projects: The PROMETHEE method. European Journal of Operational Research,
       24(2), 228-238. doi:10.1016/0377-2217(86)90044-5
    """

    def __init__(
        self,
        matrix: FloatArray,
        is_max: BoolArray,
        criteria: tuple[str, ...],
        params: dict[str, Any],
    ) -> None:
        settings = preference_settings(params, criteria)
        degrees = preference_degrees(matrix, is_max, settings)
        self.degrees: FloatArray = degrees
        # Per-criterion net flow: weight-independent, so every weight vector costs a matmul.
        self.criterion_flows: FloatArray = criterion_flows(degrees)

    def scores_batch(self, weights: FloatArray) -> FloatArray:
        """Return net flows for each row of a (samples x criteria) weight array."""
        return weighted_rows(weights, self.criterion_flows)

    def evaluate(self, weights: FloatArray, alternatives: tuple[str, ...]) -> Evaluation:
        """Return net flows, positive and negative flows, preference indices, contributions."""
        index = self.degrees @ weights
        np.fill_diagonal(index, 0.0)
        others = index.shape[0] - 1
        positive = index.sum(axis=1) / others
        negative = index.sum(axis=0) / others
        details: dict[str, Any] = {
            "phi_plus": positive,
            "phi_minus": negative,
            "preference_index": index,
        }
        return Evaluation(positive - negative, details, self.criterion_flows * weights)


@dataclass(frozen=True)
class PreferenceSettings:
    """The generalised criterion of each criterion and its thresholds (NaN: not given)."""

    functions: tuple[str, ...]
    thresholds: dict[str, FloatArray]
    groups: dict[str, list[int]]


def preference_settings(params: dict[str, Any], criteria: tuple[str, ...]) -> PreferenceSettings:
    """Read and check ``preference``, ``q``, ``p`` and ``s`` for ``criteria``."""
    n_criteria = len(criteria)
    functions = _preference_functions(params.get("preference", "usual"), n_criteria)
    given = {name: params.get(name) for name in _THRESHOLD_NAMES}
    thresholds = {name: _thresholds(value, name, n_criteria) for name, value in given.items()}
    per_criterion = {name: _is_list(value) for name, value in given.items()}
    groups: dict[str, list[int]] = {}
    for j, function in enumerate(functions):
        groups.setdefault(function, []).append(j)
    _check_thresholds(groups, thresholds, per_criterion, criteria)
    return PreferenceSettings(tuple(functions), thresholds, groups)


def preference_degrees(
    matrix: FloatArray, is_max: BoolArray, settings: PreferenceSettings
) -> FloatArray:
    """Return ``P_j(a, b)`` as (..., a, b, criteria) for a matrix or a stack of matrices."""
    sign = np.where(is_max, 1.0, -1.0)
    difference = (matrix[..., :, np.newaxis, :] - matrix[..., np.newaxis, :, :]) * sign
    if len(settings.groups) == 1:
        return _degree(settings.functions[0], difference, settings.thresholds)
    degrees = np.empty_like(difference)
    for name, columns in settings.groups.items():
        limits = {key: values[columns] for key, values in settings.thresholds.items()}
        degrees[..., columns] = _degree(name, difference[..., columns], limits)
    return degrees


def criterion_flows(degrees: FloatArray) -> FloatArray:
    """Return the single-criterion net flows ``phi_j(a)`` as (..., alternatives, criteria)."""
    others = degrees.shape[-2] - 1
    flows: FloatArray = (degrees.sum(axis=-2) - degrees.sum(axis=-3)) / others
    return flows


def promethee2_stack(
    matrices: FloatArray, is_max: BoolArray, weights: FloatArray, settings: PreferenceSettings
) -> FloatArray:
    """Return net flows for each sample's matrix with its own weights."""
    return stacked_rows(criterion_flows(preference_degrees(matrices, is_max, settings)), weights)


def _degree(name: str, d: FloatArray, limits: dict[str, FloatArray]) -> FloatArray:
    """Return preference degrees of one generalised criterion for differences ``d``."""
    q, p, s = limits["q"], limits["p"], limits["s"]
    if name == "usual":
        out = (d > 0).astype(np.float64)
    elif name == "ushape":
        out = (d > q).astype(np.float64)
    elif name == "vshape":
        out = np.clip(d / p, 0.0, 1.0)
    elif name == "level":
        out = np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    elif name == "linear":
        out = np.clip((d - q) / (p - q), 0.0, 1.0)
    else:
        positive = np.maximum(d, 0.0)
        # 1 - exp(-d^2 / 2s^2), written so that a tiny s cannot turn 0/0 into NaN.
        with np.errstate(over="ignore"):  # a huge d/s is a full preference of 1
            out = -np.expm1(-0.5 * np.square(positive / s))
    degrees: FloatArray = out
    return degrees


def _preference_functions(value: object, n_criteria: int) -> list[str]:
    expected = ", ".join(PREFERENCES)
    if isinstance(value, str):
        if value not in PREFERENCES:
            raise InvalidProblem(
                "params.preference", f"unknown preference function {value!r} ({expected})"
            )
        return [value] * n_criteria
    if not (_is_list(value) and len(value) == n_criteria):
        raise InvalidProblem(
            "params.preference",
            f"must be one preference function name or a list of {n_criteria}",
        )
    names = [str(name) for name in value]
    for j, name in enumerate(names):
        if name not in PREFERENCES:
            raise InvalidProblem(
                f"params.preference[{j}]", f"unknown preference function {name!r} ({expected})"
            )
    return names


def _thresholds(value: object, name: str, n_criteria: int) -> FloatArray:
    """Return one threshold per criterion; NaN marks "not given"."""
    if value is None:
        return np.full(n_criteria, np.nan)
    if _is_list(value):
        if len(value) != n_criteria:
            raise InvalidProblem(
                f"params.{name}", f"has {len(value)} values for {n_criteria} criteria"
            )
        return np.array(
            [
                np.nan if item is None else as_real(item, f"params.{name}[{j}]")
                for j, item in enumerate(value)
            ]
        )
    return np.full(n_criteria, as_real(value, f"params.{name}"))


def _is_list(value: object) -> TypeGuard[Sequence[Any] | npt.NDArray[Any]]:
    return isinstance(value, Sequence | np.ndarray) and not isinstance(value, str)


def _check_thresholds(
    groups: dict[str, list[int]],
    thresholds: dict[str, FloatArray],
    per_criterion: dict[str, bool],
    criteria: tuple[str, ...],
) -> None:
    def field(name: str, j: int) -> str:
        return f"params.{name}[{j}]" if per_criterion[name] else f"params.{name}"

    for function, columns in groups.items():
        needed = PREFERENCES[function]
        if not needed:
            continue
        if all(_valid(function, thresholds, columns, name) for name in needed):
            continue
        # Slow path, only to name the first offending criterion and threshold.
        _explain_thresholds(function, columns, thresholds, field, criteria)


def _valid(function: str, thresholds: dict[str, FloatArray], columns: list[int], name: str) -> bool:
    values = thresholds[name][columns]
    ok = bool((values > 0).all()) or (name == "q" and bool((values >= 0).all()))
    if ok and name == "p" and function in ("level", "linear"):
        ok = bool((values > thresholds["q"][columns]).all())
    return ok


def _explain_thresholds(
    function: str,
    columns: list[int],
    thresholds: dict[str, FloatArray],
    field: Callable[[str, int], str],
    criteria: tuple[str, ...],
) -> None:
    for j in columns:
        for name in PREFERENCES[function]:
            value = thresholds[name][j]
            if np.isnan(value):
                raise InvalidProblem(
                    field(name, j),
                    f"the {function!r} preference function on criterion {criteria[j]!r} "
                    f"needs {_THRESHOLD_NAMES[name]}",
                )
            if value < 0 or (value == 0 and name != "q"):
                bound = ">= 0" if name == "q" else "> 0"
                raise InvalidProblem(field(name, j), f"must be {bound}, got {value:g}")
        if function in ("level", "linear") and thresholds["p"][j] <= thresholds["q"][j]:
            raise InvalidProblem(
                field("p", j),
                f"must exceed q on criterion {criteria[j]!r} "
                f"(p={thresholds['p'][j]:g}, q={thresholds['q'][j]:g})",
            )
