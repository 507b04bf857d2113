"""VIKOR: compromise ranking by group utility S, individual regret R and their blend Q."""

from __future__ import annotations

from typing import Any

import numpy as np

from criteria.evaluation import (
    Evaluation,
    chunk_rows,
    column_extremes,
    column_magnitudes,
    weighted_rows,
)
from criteria.problem import BoolArray, FloatArray
from criteria.ranks import ABSOLUTE_TOLERANCE, TIE_TOLERANCE, within_rounding


class Vikor:
    """VIKOR with strategy weight ``v`` (Opricovic & Tzeng 2004).

    With ``f_j^*`` the best and ``f_j^-`` the worst value of criterion j, the weighted
    normalised regret is ``d_ij = w_j (f_j^* - f_ij) / (f_j^* - f_j^-)``;
    ``S_i = sum_j d_ij``, ``R_i = max_j d_ij`` and
    ``Q_i = v (S_i - S^*) / (S^- - S^*) + (1 - v) (R_i - R^*) / (R^- - R^*)``.
    The score is Q (lower is better).

    Conventions: a criterion with the same value for every alternative has no regret
    (``d_ij = 0``), and a term of Q whose range ``S^- - S^*`` or ``R^- - R^*`` is zero
    contributes 0 (every alternative is equally good on it), so Q is always finite. A range
    no wider than rounding (see :func:`criteria.ranks.within_rounding`) counts as zero:
    otherwise a difference of 1e-17 between two mathematically equal sums of weights would
    be stretched to the whole [0, 1] scale of Q and make a winner out of rounding noise.

    Compromise set: with ``a'`` and ``a''`` first and second by Q and
    ``DQ = 1 / (m - 1)``, C1 (acceptable advantage) is ``Q(a'') - Q(a') >= DQ`` and C2
    (acceptable stability) is that ``a'`` is also best by S or by R. Both hold:
    ``{a'}``; only C2 fails: ``{a', a''}``; C1 fails: every alternative with
    ``Q - Q(a') < DQ``. Ranks follow Q; the set is in ``details["compromise_set"]``.

    Contributions: the weighted normalised regrets ``d_ij``; each row sums to ``S_i``
    and its largest entry is ``R_i`` (Q is not additive, so these explain S and R).

    References
    ----------
    .. [1] Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods:
       A comparative analysis of VIKOR and TOPSIS. European Journal of Operational
       Research, 156(2), 445-455. doi:10.1016/S0377-2217(03)00020-1
    """

    def __init__(self, matrix: FloatArray, is_max: BoolArray, v: float) -> None:
        self.v = v
        self.regret: FloatArray = regrets(matrix, is_max)

    def scores_batch(self, weights: FloatArray) -> FloatArray:
        """Return Q for each row of a (samples x criteria) weight array."""
        group = weighted_rows(weights, self.regret)
        individual = np.empty_like(group)
        # The (rows x alternatives x criteria) products are built a chunk at a time.
        step = chunk_rows(self.regret.size)
        for start in range(0, weights.shape[0], step):
            block = weights[start : start + step]
            individual[start : start + step] = (
                block[:, np.newaxis, :] * self.regret[np.newaxis, :, :]
            ).max(axis=2)
        return self._q(group, individual)

    def evaluate(self, weights: FloatArray, alternatives: tuple[str, ...]) -> Evaluation:
        """Return Q, S, R, the compromise set and the weighted regrets."""
        contributions = self.regret * weights
        group = contributions.sum(axis=1)
        individual = contributions.max(axis=1)
        q = self.v * _rescale_one(group) + (1.0 - self.v) * _rescale_one(individual)
        members, advantage, stability = compromise_set(q, group, individual)
        details: dict[str, Any] = {
            "S": group,
            "R": individual,
            "Q": q,
            "compromise_set": tuple(alternatives[k] for k in members),
            "acceptable_advantage": advantage,
            "acceptable_stability": stability,
        }
        return Evaluation(q, details, contributions)

    def _q(self, group: FloatArray, individual: FloatArray) -> FloatArray:
        q: FloatArray = self.v * _rescale(group) + (1.0 - self.v) * _rescale(individual)
        return q


def regrets(matrix: FloatArray, is_max: BoolArray) -> FloatArray:
    """Return ``(f_j^* - f_ij) / (f_j^* - f_j^-)`` per cell of a matrix or of each matrix of a
    stack (0 on a column with one value)."""
    # Regrets are ratios within a column: scaling it by its largest magnitude changes
    # none of them and keeps best - worst finite for values near the float limit.
    matrix = matrix / column_magnitudes(matrix)
    best, worst = column_extremes(matrix, is_max)
    best = best[..., np.newaxis, :]
    span = best - worst[..., np.newaxis, :]
    regret: FloatArray = np.divide(best - matrix, span, out=np.zeros_like(matrix), where=span != 0)
    return regret


def vikor_stack(
    matrices: FloatArray, is_max: BoolArray, weights: FloatArray, v: float
) -> FloatArray:
    """Return Q for each sample's matrix with its own weights."""
    weighted = regrets(matrices, is_max) * weights[:, np.newaxis, :]
    group = weighted.sum(axis=-1)
    individual = weighted.max(axis=-1)
    q: FloatArray = v * _rescale(group) + (1.0 - v) * _rescale(individual)
    return q


def compromise_set(
    q: FloatArray, group: FloatArray, individual: FloatArray
) -> tuple[list[int], bool, bool]:
    """Return the compromise set's indices and whether C1 and C2 hold."""
    order = np.argsort(q, kind="stable")
    first, second = int(order[0]), int(order[1])
    threshold = 1.0 / (q.shape[0] - 1)
    advantage = bool(q[second] - q[first] >= threshold - TIE_TOLERANCE)
    stability = bool(
        group[first] <= group.min() + TIE_TOLERANCE
        or individual[first] <= individual.min() + TIE_TOLERANCE
    )
    if advantage and stability:
        return [first], advantage, stability
    if advantage:
        return [first, second], advantage, stability
    close = [int(k) for k in order if q[k] - q[first] < threshold - TIE_TOLERANCE]
    return close, advantage, stability


def _rescale_one(values: FloatArray) -> FloatArray:
    """Map a vector to [0, 1] by its min and max; a vector constant to rounding maps to 0."""
    scaled: FloatArray = _rescale(values[np.newaxis, :])[0]
    return scaled


def _rescale(values: FloatArray) -> FloatArray:
    """Map each row to [0, 1] by its min and max; a row constant to rounding maps to 0."""
    low = values.min(axis=-1, keepdims=True)
    high = values.max(axis=-1, keepdims=True)
    wide = ~within_rounding(high, low, ABSOLUTE_TOLERANCE)
    span = np.where(wide, high - low, 1.0)
    scaled: FloatArray = np.where(wide, (values - low) / span, 0.0)
    return scaled
