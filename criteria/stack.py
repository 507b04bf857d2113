"""Scoring many decision matrices at once, each with its own weight vector.

SMAA with imprecise criteria values draws a whole matrix per sample (the values that are not
known exactly) together with a weight vector. :func:`scores_stack` scores such a stack in one
vectorised pass per method, sharing each method's normalisation with :func:`criteria.rank`
(the same functions, applied over a leading sample axis), so sample ``s`` scores exactly as
``criteria.rank(matrices[s], objectives, weights[s], ...)`` does, to rounding.

Degenerate samples, which :func:`criteria.rank` refuses for a single matrix, follow stated
conventions instead of stopping the whole analysis: a benefit column that is 0 for every
alternative of a sample rates all of them 0 in WSM and WPM, and a rating of 0 makes a weighted
product 0 (its limit). Negative values are still refused where the method needs a ratio scale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from criteria.electre import electre1_stack
from criteria.evaluation import chunk_rows
from criteria.methods import MethodSpec, as_weight_rows, method_spec
from criteria.problem import (
    BoolArray,
    FloatArray,
    InvalidProblem,
    MatrixLike,
    ObjectivesLike,
    as_names,
    as_objectives,
    as_unit_interval,
    check_param_names,
    snap_ties,
)
from criteria.promethee import preference_settings, promethee2_stack
from criteria.simple import wpm_stack, wsm_stack
from criteria.topsis import topsis_stack
from criteria.vikor import vikor_stack

StackScorer = Callable[[FloatArray, BoolArray, FloatArray], FloatArray]


def scores_stack(
    matrices: Any,
    objectives: ObjectivesLike,
    weights: MatrixLike,
    *,
    method: str = "topsis",
    criteria: tuple[str, ...] | None = None,
    **params: Any,
) -> FloatArray:
    """Return (samples x alternatives) scores: sample s is ``matrices[s]`` with ``weights[s]``.

    ``matrices`` is (samples x alternatives x criteria), finite; ``weights`` is (samples x
    criteria), each row non-negative and not all zero (normalised here). ``params`` are the
    method's, as in :func:`criteria.rank`.
    """
    stack = as_stack(matrices)
    k, _, n = stack.shape
    is_max = as_objectives(objectives, n)
    rows = as_weight_rows(weights, n)
    if rows.shape[0] != k:
        raise InvalidProblem("weights", f"has {rows.shape[0]} rows for {k} matrices")
    names = as_names(criteria, n, field="criteria", prefix="C")
    spec = method_spec(method)
    scorer = stack_scorer(spec, is_max, names, params)
    out = np.empty(stack.shape[:2])
    step = chunk_rows(stack.shape[1] * stack.shape[1] * n)
    for start in range(0, k, step):
        block = slice(start, start + step)
        out[block] = scorer(stack[block], is_max, rows[block])
    return out


def stack_scorer(
    spec: MethodSpec, is_max: BoolArray, criteria: tuple[str, ...], params: dict[str, Any]
) -> StackScorer:
    """Check ``params`` for ``spec``'s method and return its stacked scoring function."""
    check_param_names(spec.name, params, spec.params)
    if spec.name == "vikor":
        v = as_unit_interval(params.get("v", 0.5), "params.v")
        return lambda m, o, w: vikor_stack(m, o, w, v)
    if spec.name == "promethee2":
        settings = preference_settings(params, criteria)
        return lambda m, o, w: promethee2_stack(m, o, w, settings)
    if spec.name == "electre1":
        p = as_unit_interval(params.get("p", 0.65), "params.p")
        q = as_unit_interval(params.get("q", 0.35), "params.q")
        return lambda m, o, w: electre1_stack(_nonnegative(m, "ELECTRE I"), o, w, p, q)
    if spec.name == "wsm":
        return lambda m, o, w: wsm_stack(_nonnegative(m, "WSM"), o, w)
    if spec.name == "wpm":
        return lambda m, o, w: wpm_stack(_nonnegative(m, "WPM"), o, w)
    return topsis_stack


def as_stack(matrices: Any) -> FloatArray:
    """Return a finite (samples x alternatives x criteria) float array, 2+ alternatives."""
    try:
        arr = np.asarray(matrices, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidProblem(
            "matrices", "must be numbers (samples x alternatives x criteria)"
        ) from None
    if arr.ndim != 3 or arr.shape[0] < 1 or arr.shape[1] < 2 or arr.shape[2] < 1:
        raise InvalidProblem(
            "matrices",
            f"must have shape (samples >= 1, alternatives >= 2, criteria >= 1), got {arr.shape}",
        )
    if not np.isfinite(arr).all():
        s, i, j = (int(x) for x in np.argwhere(~np.isfinite(arr))[0])
        raise InvalidProblem(f"matrices[{s}][{i}][{j}]", "must be a finite number")
    if arr.strides[0] == 0:  # one matrix repeated (np.broadcast_to): snap it once
        return np.broadcast_to(snap_ties(arr[0]), arr.shape)
    return snap_ties(arr)


def _nonnegative(matrices: FloatArray, method: str) -> FloatArray:
    if (matrices < 0).any():
        s, i, j = (int(x) for x in np.argwhere(matrices < 0)[0])
        raise InvalidProblem(
            f"matrices[{s}][{i}][{j}]",
            f"is {matrices[s, i, j]:g}; {method} needs values >= 0",
        )
    return matrices
