"""Criteria weights: direct, rank-order centroid, swing, AHP (single and group), entropy, CRITIC.

Every function returns weights that are non-negative and sum to 1, in criterion order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
from skcriteria.preprocessing.weighters import critic_weights, entropy_weights

from criteria.problem import (
    FloatArray,
    InvalidProblem,
    MatrixLike,
    ObjectivesLike,
    VectorLike,
    as_matrix,
    as_names,
    as_objectives,
)
from criteria.results import JSONValue, read_only

#: Saaty's random consistency index by matrix order: n = 1..10 as in Saaty (1980), the
#: table behind the published CR of Saaty (1990)'s house example; n = 11..15 from the
#: extension widely reproduced with it in the AHP literature. Larger matrices are
#: refused rather than given an invented index.
RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}

#: Saaty's acceptance threshold for the consistency ratio.
CONSISTENCY_THRESHOLD = 0.10

#: Tolerated relative error of ``a_ij * a_ji = 1`` (judgements typed as 0.33 for 1/3).
_RECIPROCAL_TOLERANCE = 0.02


def direct(values: VectorLike) -> FloatArray:
    """Return directly assigned importance values normalised to sum to 1."""
    return _normalised(values, "values")


def roc(order: Sequence[int]) -> FloatArray:
    """Return rank-order centroid weights from each criterion's importance rank.

    ``order[j]`` is criterion j's rank, 1 for the most important. For n criteria the
    criterion in position k gets ``w_k = (1/n) sum_{i=k..n} 1/i``; criteria sharing a
    rank share the mean of the weights of the positions they occupy (so ``[1, 1, 3]``
    and ``[1, 1, 2]`` give the same weights).

    References
    ----------
    .. [1] Barron, F. H., & Barrett, B. E. (1996). Decision quality using ranked
       attribute weights. Management Science, 42(11), 1515-1523.
       doi:10.1287/mnsc.42.11.1515
    """
    ranks = []
    for j, value in enumerate(order):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise InvalidProblem(f"order[{j}]", f"must be a whole number >= 1, got {value!r}")
        ranks.append(int(value))
    n = len(ranks)
    if n == 0:
        raise InvalidProblem("order", "needs at least one criterion")
    tail = np.cumsum(1.0 / np.arange(n, 0, -1))[::-1] / n
    positions = np.argsort(ranks, kind="stable")
    by_position = np.asarray(ranks)[positions]
    weights = np.empty(n)
    for rank_value in np.unique(by_position):
        slots = np.flatnonzero(by_position == rank_value)
        weights[positions[slots]] = tail[slots].mean()
    return weights


def swing(points: VectorLike) -> FloatArray:
    """Return swing weights from points on a 0-100 scale (100 for the most valued swing).

    The decision maker gives 100 points to the criterion whose swing from worst to best
    matters most and rates every other swing relative to it; the weights are the
    points divided by their total.

    References
    ----------
    .. [1] von Winterfeldt, D., & Edwards, W. (1986). Decision Analysis and Behavioral
       Research. Cambridge University Press.
    .. [2] Edwards, W., & Barron, F. H. (1994). SMARTS and SMARTER: Improved simple
       methods for multiattribute utility measurement. Organizational Behavior and Human
       Decision Processes, 60(3), 306-325. doi:10.1006/obhd.1994.1087
    """
    weights = _normalised(points, "points")
    raw = np.asarray(points, dtype=np.float64)
    if (raw > 100).any():
        j = int(np.argmax(raw > 100))
        raise InvalidProblem(f"points[{j}]", f"is {raw[j]:g}; swing points run from 0 to 100")
    return weights


@dataclass(frozen=True)
class Judgement:
    """One pairwise judgement ``a_ij`` and the value consistent with the derived weights."""

    row: str
    column: str
    given: float
    consistent: float
    error: float

    def to_dict(self) -> dict[str, JSONValue]:
        """Return the judgement as JSON-able data."""
        return {
            "row": self.row,
            "column": self.column,
            "given": self.given,
            "consistent": self.consistent,
            "error": self.error,
        }


@dataclass(frozen=True, eq=False)
class AhpResult:
    """AHP weights and consistency of one pairwise comparison matrix.

    ``inconsistent_judgements`` is empty when the matrix is consistent; otherwise it
    lists every judgement above the diagonal, the most inconsistent first, ranked by
    ``error = |ln(a_ij w_j / w_i)|`` (0 for a judgement in line with the weights), with
    ``consistent = w_i / w_j``, the value that would agree with the weights.
    """

    criteria: tuple[str, ...]
    pairwise: FloatArray
    weights: FloatArray
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    consistent: bool
    inconsistent_judgements: tuple[Judgement, ...]

    def __post_init__(self) -> None:
        read_only(self.pairwise, self.weights)

    def to_dict(self) -> dict[str, JSONValue]:
        """Return the result as JSON-able data."""
        return {
            "criteria": list(self.criteria),
            "pairwise": self.pairwise.tolist(),
            "weights": self.weights.tolist(),
            "lambda_max": self.lambda_max,
            "consistency_index": self.consistency_index,
            "random_index": self.random_index,
            "consistency_ratio": self.consistency_ratio,
            "consistent": self.consistent,
            "inconsistent_judgements": [j.to_dict() for j in self.inconsistent_judgements],
        }


@dataclass(frozen=True, eq=False)
class AhpGroupResult(AhpResult):
    """Group AHP: the result on the aggregated matrix, each member's, and disagreement.

    ``disagreement[j]`` is the geometric standard deviation of the judgements involving
    criterion j around the group's geometric mean:
    ``exp(sqrt(mean_{k, l != j} (ln a_jl^(k) - ln a_jl^G)^2))``. It is 1 when everybody
    gave the same judgements on criterion j; 2 means an individual judgement on it is
    typically a factor of 2 away from the group's.
    """

    individual: tuple[AhpResult, ...]
    disagreement: FloatArray

    def __post_init__(self) -> None:
        super().__post_init__()
        read_only(self.disagreement)

    def to_dict(self) -> dict[str, JSONValue]:
        """Return the result as JSON-able data."""
        data = super().to_dict()
        data["individual"] = [member.to_dict() for member in self.individual]
        data["disagreement"] = self.disagreement.tolist()
        return data


def ahp(pairwise: MatrixLike, criteria: Sequence[str] | None = None) -> AhpResult:
    """Return AHP weights (principal eigenvector) and Saaty's consistency measures.

    ``pairwise[i][j]`` says how much more important criterion i is than j (Saaty's 1-9
    scale, any positive number accepted); the matrix must be square, have ones on the
    diagonal and be reciprocal, ``a_ji = 1 / a_ij``, to within 2 % (so 0.33 stands for
    1/3). Each pair is then made exactly reciprocal by the geometric mean
    ``sqrt(a_ij / a_ji)``. The weights are the principal right eigenvector normalised to
    sum 1; ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)`` with Saaty's random
    index (CR = 0 for n <= 2, where every reciprocal matrix is consistent); consistent
    means ``CR <= 0.10``.

    References
    ----------
    .. [1] Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.
    .. [2] Saaty, T. L. (1990). How to make a decision: The analytic hierarchy process.
       European Journal of Operational Research, 48(1), 9-26.
       doi:10.1016/0377-2217(90)90057-I
    """
    matrix = _pairwise_matrix(pairwise, "pairwise")
    names = as_names(criteria, matrix.shape[0], field="criteria", prefix="C")
    return _ahp_of(matrix, names)


def ahp_group(
    matrices: Sequence[MatrixLike] | FloatArray, criteria: Sequence[str] | None = None
) -> AhpGroupResult:
    """Return group AHP: geometric-mean aggregation of individual judgements.

    Each judgement of the group matrix is the geometric mean of the members'
    judgements, ``a_ij^G = (prod_k a_ij^(k))^(1/K)``, which keeps the matrix reciprocal
    (Aczél & Saaty 1983); the weights and consistency are those of :func:`ahp` on it.
    Each member's own result and a per-criterion disagreement (see
    :class:`AhpGroupResult`) come with it.

    References
    ----------
    .. [1] Aczél, J., & Saaty, T. L. (1983). Procedures for synthesizing ratio
       judgements. Journal of Mathematical Psychology, 27(1), 93-102.
       doi:10.1016/0022-2496(83)90028-7
    .. [2] Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and
       priorities with the analytic hierarchy process. European Journal of Operational
       Research, 108(1), 165-169. doi:10.1016/S0377-2217(97)00244-0
    """
    if isinstance(matrices, str | np.ndarray) and np.ndim(matrices) != 3:
        raise InvalidProblem("matrices", "must be a list of pairwise comparison matrices")
    if len(matrices) == 0:
        raise InvalidProblem("matrices", "needs at least one pairwise comparison matrix")
    members = [_pairwise_matrix(m, f"matrices[{k}]") for k, m in enumerate(matrices)]
    size = members[0].shape[0]
    for k, member in enumerate(members):
        if member.shape[0] != size:
            raise InvalidProblem(
                f"matrices[{k}]",
                f"compares {member.shape[0]} criteria but matrices[0] compares {size}",
            )
    names = as_names(criteria, size, field="criteria", prefix="C")
    logs = np.log(np.stack(members))
    group_logs = logs.mean(axis=0)
    group = _ahp_of(np.exp(group_logs), names)
    deviations = (logs - group_logs) ** 2
    off_diagonal = ~np.eye(size, dtype=np.bool_)
    spread = np.array(
        [deviations[:, j, off_diagonal[j]].mean() if size > 1 else 0.0 for j in range(size)]
    )
    return AhpGroupResult(
        **{item.name: getattr(group, item.name) for item in fields(AhpResult)},
        individual=tuple(_ahp_of(member, names) for member in members),
        disagreement=np.exp(np.sqrt(spread)),
    )


def entropy(matrix: MatrixLike) -> FloatArray:
    """Return Shannon entropy weights: criteria that discriminate more weigh more.

    With ``p_ij = x_ij / sum_i x_ij`` and ``e_j = -sum_i p_ij ln p_ij / ln m``, the weights
    are ``(1 - e_j) / sum_k (1 - e_k)`` (scikit-criteria's ``entropy_weights``). Values
    must be non-negative. Conventions: an all-zero or constant column carries no
    information and gets weight 0 (a column that never varies is left out before calling
    the weighter, so no 0 / 0 arises); if no column varies, the weights are equal.

    References
    ----------
    .. [1] Shannon, C. E. (1948). A mathematical theory of communication. Bell System
       Technical Journal, 27(3), 379-423.
    .. [2] Xu, X. (2004). A note on the subjective and objective integrated approach to
       determine attribute weights. European Journal of Operational Research, 156(2),
       530-532. doi:10.1016/S0377-2217(03)00146-2
    """
    arr = as_matrix(matrix)
    if (arr < 0).any():
        i, j = (int(k) for k in np.argwhere(arr < 0)[0])
        raise InvalidProblem(
            f"matrix[{i}][{j}]", f"is {arr[i, j]:g}; entropy weighting needs values >= 0"
        )
    informative = arr.max(axis=0) > arr.min(axis=0)
    weights = np.zeros(arr.shape[1])
    if informative.any():
        weights[informative] = np.clip(entropy_weights(arr[:, informative]), 0.0, None)
    return _share(weights)


def critic(matrix: MatrixLike, objectives: ObjectivesLike | None = None) -> FloatArray:
    """Return CRITIC weights: contrast (standard deviation) times conflict (1 - correlation).

    Columns are rescaled to [0, 1] by distance from the worst value (scikit-criteria's
    ``critic_weights`` with Pearson correlation); ``C_j = sigma_j sum_k (1 - r_jk)`` and
    the weights are ``C_j / sum C``. Without ``objectives`` every column is a benefit
    criterion, as in Diakoulaki et al. (1995); a cost criterion flips the sign of its
    correlations. Conventions: a constant column has no contrast and no defined
    correlation, so it gets weight 0 and is left out of the others' conflict (as if it
    were not there); if no column has both contrast and conflict (every informative
    column perfectly correlated, or a single one), the informative columns share the
    weight equally, and all columns do if none varies.

    References
    ----------
    .. [1] Diakoulaki, D., Mavrotas, G., & Papayannakis, L. (1995). Determining
       objective weights in multiple criteria problems: The CRITIC method. Computers &
       Operations Research, 22(7), 763-770. doi:10.1016/0305-0548(94)00059-H
    """
    arr = as_matrix(matrix)
    n = arr.shape[1]
    is_max = np.ones(n, dtype=np.bool_) if objectives is None else as_objectives(objectives, n)
    informative = arr.max(axis=0) > arr.min(axis=0)
    weights = np.zeros(n)
    if informative.sum() >= 2:
        columns = arr[:, informative]
        # Pearson correlation is undefined for a column that is constant up to rounding.
        if (columns.std(axis=0) > 0).all():
            signs = np.where(is_max[informative], 1, -1)
            # Perfectly correlated columns give 0 / 0, handled just below.
            with np.errstate(divide="ignore", invalid="ignore"):
                weights[informative] = np.clip(critic_weights(columns, signs), 0.0, None)
    if not np.isfinite(weights).all() or weights.sum() <= 0:
        weights = informative.astype(np.float64)
    return _share(weights)


def _ahp_of(matrix: FloatArray, names: tuple[str, ...]) -> AhpResult:
    n = matrix.shape[0]
    if n > max(RANDOM_INDEX):
        raise InvalidProblem(
            "pairwise",
            f"compares {n} criteria; Saaty's random index is tabulated up to "
            f"{max(RANDOM_INDEX)} (group criteria into a hierarchy)",
        )
    values, vectors = np.linalg.eig(matrix)
    top = int(np.argmax(values.real))
    # The Perron vector of a positive matrix has one sign; abs() removes eig's sign choice.
    principal = np.abs(vectors[:, top].real)
    weights = principal / principal.sum()
    lambda_max = float(values[top].real)
    index = max(lambda_max - n, 0.0) / (n - 1) if n > 1 else 0.0
    random_index = RANDOM_INDEX[n]
    ratio = index / random_index if random_index > 0 else 0.0
    consistent = ratio <= CONSISTENCY_THRESHOLD
    judgements: tuple[Judgement, ...] = ()
    if not consistent:
        upper = [(i, j) for i in range(n) for j in range(i + 1, n)]
        listed = [
            Judgement(
                row=names[i],
                column=names[j],
                given=float(matrix[i, j]),
                consistent=float(weights[i] / weights[j]),
                error=float(abs(np.log(matrix[i, j] * weights[j] / weights[i]))),
            )
            for i, j in upper
        ]
        judgements = tuple(sorted(listed, key=lambda item: -item.error))
    return AhpResult(
        criteria=names,
        pairwise=matrix,
        weights=weights,
        lambda_max=lambda_max,
        consistency_index=index,
        random_index=random_index,
        consistency_ratio=ratio,
        consistent=consistent,
        inconsistent_judgements=judgements,
    )


def _pairwise_matrix(pairwise: MatrixLike, field: str) -> FloatArray:
    try:
        matrix = np.asarray(pairwise, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidProblem(field, "must be a square table of positive numbers") from None
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] == 0:
        raise InvalidProblem(field, f"must be a square table, got shape {matrix.shape}")
    bad = ~np.isfinite(matrix) | (matrix <= 0)
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        raise InvalidProblem(
            f"{field}[{i}][{j}]", f"is {matrix[i, j]:g}; judgements must be positive numbers"
        )
    diagonal = np.diag(matrix)
    if not np.allclose(diagonal, 1.0):
        i = int(np.argmax(~np.isclose(diagonal, 1.0)))
        raise InvalidProblem(
            f"{field}[{i}][{i}]", f"is {diagonal[i]:g}; a criterion compared with itself is 1"
        )
    product = matrix * matrix.T
    off = np.abs(product - 1.0) > _RECIPROCAL_TOLERANCE
    if off.any():
        i, j = (int(k) for k in np.argwhere(off)[0])
        raise InvalidProblem(
            f"{field}[{i}][{j}]",
            f"is {matrix[i, j]:g} but {field}[{j}][{i}] is {matrix[j, i]:g}; "
            "they must be reciprocal (a_ji = 1 / a_ij)",
        )
    reciprocal: FloatArray = np.sqrt(matrix / matrix.T)
    return reciprocal


def _normalised(values: VectorLike, field: str) -> FloatArray:
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidProblem(field, "must be a list of numbers") from None
    if arr.ndim != 1 or arr.shape[0] == 0:
        raise InvalidProblem(field, "must be a non-empty list of numbers")
    bad = ~np.isfinite(arr) | (arr < 0)
    if bad.any():
        j = int(np.argmax(bad))
        raise InvalidProblem(f"{field}[{j}]", f"is {arr[j]:g}; it must be a finite number >= 0")
    if arr.max() <= 0:
        raise InvalidProblem(field, "are all zero; at least one criterion must count")
    return _share(arr)


def _share(weights: FloatArray) -> FloatArray:
    """Return weights divided by their total; equal weights if the total is 0."""
    total = weights.sum()
    if total <= 0:
        return np.full(weights.shape[0], 1.0 / weights.shape[0])
    shared: FloatArray = weights / total
    return shared
