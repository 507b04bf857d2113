"""Ranking alternatives: one weight vector (:func:`rank`) or many at once (:func:`scores_batch`).

Each method is prepared once per matrix (normalisation, preference degrees, ...) into an
evaluator; one weight vector then costs a few small numpy operations, and a batch of
weight vectors a matrix product. No DecisionMatrix or pandas object is built on this
path: ``rank`` on a 3 x 30 problem, validation included, takes about 0.1-0.2 ms on the
2-core CI machine (``python -m bench.bench_smaa`` prints the figures per method).

scikit-criteria's kernels (``topsis``, ``wsm``, ``wpm``, ``electre1``) are not called
here: each re-ranks its scores with ``scipy.stats.rankdata`` (about 130 us alone in
scipy 1.17), so one call costs 160-240 us, more than the whole request budget, and none
takes many weight vectors at once. The test suite checks these evaluators against those
kernels on random problems.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from criteria.electre import Electre1
from criteria.evaluation import Evaluator
from criteria.frames import Objectives, Table, Weights, problem_parts
from criteria.problem import (
    BoolArray,
    FloatArray,
    IntArray,
    InvalidProblem,
    MatrixLike,
    ObjectivesLike,
    Problem,
    as_matrix,
    as_names,
    as_objectives,
    as_unit_interval,
    check_param_names,
    refuse_booleans,
    validate,
)
from criteria.promethee import Promethee2
from criteria.ranks import ABSOLUTE_TOLERANCE, competition_ranks, competition_ranks_batch
from criteria.results import Ranking
from criteria.simple import WeightedProduct, WeightedSum
from criteria.topsis import Topsis
from criteria.vikor import Vikor

Preparer = Callable[[FloatArray, BoolArray, tuple[str, ...], dict[str, Any]], Evaluator]


@dataclass(frozen=True, slots=True)
class MethodSpec:
    """A method's name, parameter names, score direction and preparation."""

    name: str
    params: tuple[str, ...]
    higher_is_better: bool
    prepare: Preparer
    #: Absolute tie tolerance of the score (see :mod:`criteria.ranks`): 0 for scores that are
    #: sums of non-negative terms or ratios, whose rounding error is relative to themselves.
    tie_absolute: float = ABSOLUTE_TOLERANCE


def _topsis(
    matrix: FloatArray, is_max: BoolArray, _: tuple[str, ...], __: dict[str, Any]
) -> Topsis:
    return Topsis(matrix, is_max)


def _wsm(
    matrix: FloatArray, is_max: BoolArray, criteria: tuple[str, ...], _: dict[str, Any]
) -> WeightedSum:
    return WeightedSum(matrix, is_max, criteria)


def _wpm(
    matrix: FloatArray, is_max: BoolArray, criteria: tuple[str, ...], _: dict[str, Any]
) -> WeightedProduct:
    return WeightedProduct(matrix, is_max, criteria)


def _vikor(
    matrix: FloatArray, is_max: BoolArray, _: tuple[str, ...], params: dict[str, Any]
) -> Vikor:
    return Vikor(matrix, is_max, as_unit_interval(params.get("v", 0.5), "params.v"))


def _promethee2(
    matrix: FloatArray, is_max: BoolArray, criteria: tuple[str, ...], params: dict[str, Any]
) -> Promethee2:
    return Promethee2(matrix, is_max, criteria, params)


def _electre1(
    matrix: FloatArray, is_max: BoolArray, criteria: tuple[str, ...], params: dict[str, Any]
) -> Electre1:
    p = as_unit_interval(params.get("p", 0.65), "params.p")
    q = as_unit_interval(params.get("q", 0.35), "params.q")
    return Electre1(matrix, is_max, criteria, p, q)


_SPECS: dict[str, MethodSpec] = {
    spec.name: spec
    for spec in (
        MethodSpec("topsis", (), True, _topsis, tie_absolute=0.0),
        MethodSpec("wsm", (), True, _wsm, tie_absolute=0.0),
        MethodSpec("wpm", (), True, _wpm, tie_absolute=0.0),
        MethodSpec("vikor", ("v",), False, _vikor),
        MethodSpec("promethee2", ("preference", "q", "p", "s"), True, _promethee2),
        MethodSpec("electre1", ("p", "q"), True, _electre1),
    )
}

#: The method names accepted by :func:`rank`, :func:`scores_batch` and the sensitivity tools.
METHODS: tuple[str, ...] = tuple(_SPECS)


def method_spec(method: str) -> MethodSpec:
    """Return the specification of ``method`` or raise :class:`InvalidProblem`."""
    spec = _SPECS.get(method) if isinstance(method, str) else None
    if spec is None:
        raise InvalidProblem("method", f"unknown method {method!r}; expected one of {METHODS}")
    return spec


def prepare(problem: Problem, method: str, params: dict[str, Any]) -> Evaluator:
    """Check ``params`` and return ``method`` prepared for ``problem``'s matrix."""
    spec = method_spec(method)
    check_param_names(method, params, spec.params)
    return spec.prepare(problem.matrix, problem.is_max, problem.criteria, params)


def rank(
    matrix: Table,
    objectives: Objectives | None = None,
    weights: Weights | None = None,
    *,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    **params: Any,
) -> Ranking:
    """Rank alternatives on weighted criteria with one MCDA method.

    Parameters
    ----------
    matrix : array_like, shape (m, n), pandas.DataFrame or skcriteria.DecisionMatrix
        Alternatives x criteria, finite numbers, at least 2 alternatives. A DataFrame's
        column labels name the criteria and its index (unless a plain RangeIndex) the
        alternatives; a DecisionMatrix brings its objectives, weights and names too.
    objectives : str, sequence of str, or mapping / Series by criterion name
        ``"max"`` (benefit) or ``"min"`` (cost) per criterion; one string applies to all.
        Left out with a DecisionMatrix, required otherwise.
    weights : array_like, shape (n,), or mapping / Series by criterion name
        Non-negative, not all zero; normalised to sum to 1. Left out with a
        DecisionMatrix, required otherwise.
    method : str
        One of :data:`METHODS`:

        - ``"topsis"``: closeness to the ideal point (:class:`criteria.topsis.Topsis`).
        - ``"wsm"``: simple additive weighting of x/max and min/x ratings
          (:class:`criteria.simple.WeightedSum`).
        - ``"wpm"``: weighted product of the same ratings
          (:class:`criteria.simple.WeightedProduct`).
        - ``"vikor"``: ``v`` (default 0.5); score Q, lower is better, details S, R, Q
          and the compromise set (:class:`criteria.vikor.Vikor`).
        - ``"promethee2"``: ``preference`` (one of usual, ushape, vshape, level,
          linear, gaussian, or one per criterion; default usual) with thresholds
          ``q``, ``p``, ``s`` as numbers or per-criterion lists
          (:class:`criteria.promethee.Promethee2`).
        - ``"electre1"``: concordance threshold ``p`` (default 0.65) and discordance
          threshold ``q`` (default 0.35); the kernel is in the details
          (:class:`criteria.electre.Electre1`).
    alternatives, criteria : sequence of str, optional
        Unique names; default the DataFrame's or DecisionMatrix's labels, else ``A1..Am``
        and ``C1..Cn``.
    **params
        The method's parameters listed above.

    Returns
    -------
    Ranking
        Scores, ranks and ranking, plus ``details``: TOPSIS ``d_plus``, ``d_minus``,
        ``ideal``, ``anti_ideal``; WSM/WPM ``normalized``; VIKOR ``S``, ``R``, ``Q``,
        ``compromise_set``, ``acceptable_advantage``, ``acceptable_stability``;
        PROMETHEE II ``phi_plus``, ``phi_minus``, ``preference_index``; ELECTRE I
        ``concordance``, ``discordance``, ``outranks``, ``kernel``. ``contributions``
        (alternatives x criteria) are defined in each evaluator's docstring: WSM
        ``w_j r_ij`` (sums to the score), WPM ``w_j ln r_ij`` (sums to ln score), TOPSIS
        an exact split of closeness - 0.5, VIKOR the weighted regrets (sum to S),
        PROMETHEE II ``w_j phi_j`` (sums to the net flow), ELECTRE I the net
        concordance per criterion.

    Raises
    ------
    InvalidProblem
        Naming the field (``matrix[i][j]``, ``objectives[j]``, ``weights``,
        ``params.v``, ...) and the reason.

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). Multiple Attribute Decision Making:
       Methods and Applications. Springer.
    .. [2] Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods:
       A comparative analysis of VIKOR and TOPSIS. EJOR, 156(2), 445-455.
    .. [3] Brans, J.-P., & Vincke, Ph. (1985). A preference ranking organisation
       method. Management Science, 31(6), 647-656.
    .. [4] Roy, B. (1968). Classement et choix en présence de points de vue multiples
       (la méthode ELECTRE). RIRO, 2(8), 57-75.
    """
    spec = method_spec(method)
    values, objectives, weights, alternatives, criteria = problem_parts(
        matrix, objectives, weights, alternatives=alternatives, criteria=criteria
    )
    problem = validate(values, objectives, weights, alternatives=alternatives, criteria=criteria)
    evaluator = prepare(problem, method, params)
    return ranking_from(problem, spec, evaluator, problem.weights)


def ranking_from(
    problem: Problem, spec: MethodSpec, evaluator: Evaluator, weights: FloatArray
) -> Ranking:
    """Evaluate one normalised weight vector and wrap it in a :class:`Ranking`."""
    evaluation = evaluator.evaluate(weights, problem.alternatives)
    higher_is_better = spec.higher_is_better
    ranks, order = competition_ranks(
        evaluation.scores, higher_is_better=higher_is_better, absolute=spec.tie_absolute
    )
    method = spec.name
    return Ranking(
        method=method,
        alternatives=problem.alternatives,
        criteria=problem.criteria,
        scores=evaluation.scores,
        ranks=ranks,
        ranking=tuple(problem.alternatives[k] for k in order),
        details=evaluation.details,
        contributions=evaluation.contributions,
        higher_is_better=higher_is_better,
    )


def scores_batch(
    matrix: MatrixLike,
    objectives: ObjectivesLike,
    weights: MatrixLike,
    *,
    method: str = "topsis",
    **params: Any,
) -> FloatArray:
    """Return (k x m) scores of ``method`` for k weight vectors (rows of ``weights``).

    Row s equals ``rank(matrix, objectives, weights[s], method=method, **params).scores``
    (to rounding); each row is normalised to sum to 1 on its own. This is the fast path
    for SMAA and batch jobs: the method is prepared once and all rows are scored with a
    few matrix products.
    """
    problem = batch_problem(matrix, objectives)
    evaluator = prepare(problem, method, params)
    return evaluator.scores_batch(as_weight_rows(weights, problem.matrix.shape[1]))


def ranks_batch(
    matrix: MatrixLike,
    objectives: ObjectivesLike,
    weights: MatrixLike,
    *,
    method: str = "topsis",
    **params: Any,
) -> IntArray:
    """Return (k x m) 1-based competition ranks for k weight vectors, as :func:`rank`."""
    spec = method_spec(method)
    scores = scores_batch(matrix, objectives, weights, method=method, **params)
    return competition_ranks_batch(
        scores, higher_is_better=spec.higher_is_better, absolute=spec.tie_absolute
    )


def batch_problem(
    matrix: MatrixLike,
    objectives: ObjectivesLike,
    *,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> Problem:
    """Validate a problem whose weights come later; its ``weights`` are equal."""
    arr = as_matrix(matrix)
    rows, cols = arr.shape
    return Problem(
        matrix=arr,
        is_max=as_objectives(objectives, cols),
        weights=np.full(cols, 1.0 / cols),
        alternatives=as_names(alternatives, rows, field="alternatives", prefix="A"),
        criteria=as_names(criteria, cols, field="criteria", prefix="C"),
    )


def as_weight_rows(weights: MatrixLike, n_criteria: int) -> FloatArray:
    """Return a (k x n) array of weight vectors, each non-negative and summing to 1."""
    refuse_booleans(weights, "weights")
    try:
        arr = np.asarray(weights, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidProblem(
            "weights", "must be a table of numbers (one row per weight vector)"
        ) from None
    if arr.ndim != 2 or arr.shape[1] != n_criteria or arr.shape[0] == 0:
        raise InvalidProblem(
            "weights", f"must have shape (k, {n_criteria}) with k >= 1, got {arr.shape}"
        )
    if not np.isfinite(arr).all() or (arr < 0).any():
        i, j = (int(k) for k in np.argwhere(~np.isfinite(arr) | (arr < 0))[0])
        raise InvalidProblem(f"weights[{i}][{j}]", "must be a finite number >= 0")
    top = arr.max(axis=1, keepdims=True)
    if (top <= 0).any():
        i = int(np.argmax(top[:, 0] <= 0))
        raise InvalidProblem(f"weights[{i}]", "are all zero; at least one criterion must count")
    scaled = arr / top
    rows: FloatArray = scaled / scaled.sum(axis=1, keepdims=True)
    return rows
