"""TOPSIS: closeness to the ideal point, vectorised over weight vectors."""

from __future__ import annotations

from typing import Any

import numpy as np

from criteria.evaluation import (
    Evaluation,
    column_extremes,
    column_magnitudes,
    stacked_rows,
    weighted_rows,
)
from criteria.problem import BoolArray, FloatArray


class Topsis:
    """TOPSIS with vector normalisation and Euclidean distances.

    Each column is divided by its Euclidean norm (an all-zero column stays zero), the
    weighted normalised matrix ``v_ij = w_j r_ij`` is compared with the ideal point
    (column maximum for benefit criteria, minimum for cost criteria) and the anti-ideal
    point (the opposite). Cost criteria are handled at these points, never by
    inverting values. The score is the relative closeness
    ``C_i = d_i^- / (d_i^+ + d_i^-)``.

    Convention: when every weighted column is constant, each alternative equals both
    the ideal and the anti-ideal (``d^+ = d^- = 0``) and its closeness is 0.5.

    Contributions: ``c_ij = w_j^2 ((r_ij - r_j^-)^2 - (r_ij - r_j^*)^2) / (2 (d_i^+ +
    d_i^-)^2)``. They sum exactly to ``C_i - 0.5``, so a positive value means the
    criterion pulls the alternative towards the ideal; an alternative's row sums above
    zero exactly when it is nearer the ideal than the anti-ideal.

    References
    ----------
    .. [1] Hwang, C.-L., & Yoon, K. (1981). Multiple Attribute Decision Making:
       Methods and Applications. Springer. doi:10.1007/978-3-642-48318-9
    .. [2] Tzeng, G.-H., & Huang, J.-J. (2011). Multiple Attribute Decision Making:
       Methods and Applications. CRC Press.
    """

    def __init__(self, matrix: FloatArray, is_max: BoolArray) -> None:
        self.normalized, self._gap_ideal, self._gap_anti, self.ideal, self.anti_ideal = _gaps(
            matrix, is_max
        )

    def scores_batch(self, weights: FloatArray) -> FloatArray:
        """Return closeness for each row of a (samples x criteria) weight array."""
        squared = weights * weights
        d_plus = np.sqrt(weighted_rows(squared, self._gap_ideal))
        d_minus = np.sqrt(weighted_rows(squared, self._gap_anti))
        return _closeness(d_plus, d_minus)

    def evaluate(self, weights: FloatArray, alternatives: tuple[str, ...]) -> Evaluation:
        """Return closeness, distances, ideal points and contributions."""
        squared = weights * weights
        toward_ideal = squared * self._gap_ideal
        toward_anti = squared * self._gap_anti
        d_plus = np.sqrt(toward_ideal.sum(axis=1))
        d_minus = np.sqrt(toward_anti.sum(axis=1))
        total = d_plus + d_minus
        if total.all():
            closeness = d_minus / total
            scale = 0.5 / (total * total)
        else:
            closeness = _closeness(d_plus, d_minus)
            scale = np.divide(0.5, total * total, out=np.zeros_like(total), where=total > 0)
        details: dict[str, Any] = {
            "d_plus": d_plus,
            "d_minus": d_minus,
            "ideal": weights * self.ideal,
            "anti_ideal": weights * self.anti_ideal,
        }
        return Evaluation(
            scores=closeness,
            details=details,
            contributions=(toward_anti - toward_ideal) * scale[:, np.newaxis],
        )


def topsis_stack(matrices: FloatArray, is_max: BoolArray, weights: FloatArray) -> FloatArray:
    """Return the closeness of each sample's alternatives: (samples x alternatives x criteria)
    matrices, each scored with its own row of (samples x criteria) weights."""
    _, gap_ideal, gap_anti, _, _ = _gaps(matrices, is_max)
    squared = weights * weights
    d_plus = np.sqrt(stacked_rows(gap_ideal, squared))
    d_minus = np.sqrt(stacked_rows(gap_anti, squared))
    return _closeness(d_plus, d_minus)


def _gaps(
    matrix: FloatArray, is_max: BoolArray
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Vector-normalise the columns of a matrix (or of each matrix of a stack) and return the
    normalised values, their squared gaps to the ideal and anti-ideal points, and the points."""
    # Vector normalisation ignores a column's scale: dividing by its largest magnitude
    # first keeps the sum of squares finite for values near the float limit.
    matrix = matrix / column_magnitudes(matrix)
    norms = np.sqrt((matrix * matrix).sum(axis=-2, keepdims=True))
    normalized: FloatArray = matrix / np.where(norms > 0, norms, 1.0)
    ideal, anti_ideal = column_extremes(normalized, is_max)
    gap_ideal: FloatArray = (normalized - ideal[..., np.newaxis, :]) ** 2
    gap_anti: FloatArray = (normalized - anti_ideal[..., np.newaxis, :]) ** 2
    return normalized, gap_ideal, gap_anti, ideal, anti_ideal


def _closeness(d_plus: FloatArray, d_minus: FloatArray) -> FloatArray:
    total = d_plus + d_minus
    closeness: FloatArray = np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    return closeness
