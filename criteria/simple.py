"""Simple additive weighting (WSM) and the weighted product model (WPM)."""

from __future__ import annotations

from typing import Any

import numpy as np

from criteria.evaluation import Evaluation, stacked_rows, weighted_rows
from criteria.problem import BoolArray, FloatArray, InvalidProblem


def linear_ratings(
    matrix: FloatArray, is_max: BoolArray, criteria: tuple[str, ...], method: str
) -> FloatArray:
    """Return ``x / max`` for benefit and ``min / x`` for cost criteria, checking the data.

    Both ratios need a ratio scale: benefit columns must be non-negative with a positive
    maximum, cost columns strictly positive. Anything else makes the normalisation
    undefined (division by zero) or meaningless (negative ratings), and is reported.
    """
    bad_benefit = is_max & (matrix < 0)
    bad_cost = ~is_max & (matrix <= 0)
    if bad_benefit.any() or bad_cost.any():
        i, j = (int(k) for k in np.argwhere(bad_benefit | bad_cost)[0])
        need = "values >= 0 (x/max)" if is_max[j] else "values > 0 (min/x for a cost criterion)"
        raise InvalidProblem(
            f"matrix[{i}][{j}]",
            f"is {matrix[i, j]:g}; {method} needs {need} on criterion {criteria[j]!r}",
        )
    highest = matrix.max(axis=0)
    if (is_max & (highest <= 0)).any():
        j = int(np.argmax(is_max & (highest <= 0)))
        raise InvalidProblem(
            f"matrix[*][{j}]",
            f"criterion {criteria[j]!r} is 0 for every alternative; {method}'s x/max "
            "normalisation needs a positive maximum",
        )
    return ratio_ratings(matrix, is_max)


def ratio_ratings(matrix: FloatArray, is_max: BoolArray) -> FloatArray:
    """Return ``x / max`` for benefit and ``min / x`` for cost criteria, without checks.

    ``matrix`` is (alternatives x criteria) or a stack of them. The placeholders keep numpy
    from dividing by 0 where :func:`linear_ratings` would have refused the data: in a stack
    (see :func:`wsm_stack`), a benefit column whose maximum is 0 rates every alternative 0
    (none has any of it, so it tells nobody apart), and a cost value of 0 (nothing could cost
    less) rates 1.
    """
    highest = matrix.max(axis=-2, keepdims=True)
    lowest = matrix.min(axis=-2, keepdims=True)
    ratings: FloatArray = np.where(
        is_max,
        matrix / np.where(highest > 0, highest, 1.0),
        np.where(matrix > 0, lowest / np.where(matrix > 0, matrix, 1.0), 1.0),
    )
    return ratings


def wsm_stack(matrices: FloatArray, is_max: BoolArray, weights: FloatArray) -> FloatArray:
    """Return weighted sums for each sample's matrix with its own weights (see
    :func:`ratio_ratings` for the conventions on degenerate columns)."""
    return stacked_rows(ratio_ratings(matrices, is_max), weights)


def wpm_stack(matrices: FloatArray, is_max: BoolArray, weights: FloatArray) -> FloatArray:
    """Return weighted products for each sample's matrix with its own weights.

    A rating of 0 (a value of 0 in a sample, which :class:`WeightedProduct` refuses for a
    single matrix) makes the product 0 when its weight is positive: the limit of ``r ** w``.
    """
    ratings = ratio_ratings(matrices, is_max)
    counted = weights[:, np.newaxis, :] > 0
    # log(0) is -inf; a weight of 0 leaves its rating out (r ** 0 = 1) instead of -inf * 0.
    logs = np.log(np.where(counted & (ratings > 0), ratings, 1.0))
    weighted = np.where(counted & (ratings <= 0), -np.inf, logs * weights[:, np.newaxis, :])
    scores: FloatArray = np.exp(weighted.sum(axis=-1))
    return scores


class WeightedSum:
    """Simple additive weighting: ``S_i = sum_j w_j r_ij`` with linear ratio ratings.

    Ratings are ``r_ij = x_ij / max_i x_ij`` for benefit criteria and
    ``r_ij = min_i x_ij / x_ij`` for cost criteria, so every rating lies in [0, 1] and
    the best value on each criterion rates 1.

    Contributions: ``w_j r_ij``; each row sums to the score.

    References
    ----------
    .. [1] Fishburn, P. C. (1967). Additive utilities with incomplete product sets:
       application to priorities and assignments. Operations Research, 15(3), 537-542.
    .. [2] Hwang, C.-L., & Yoon, K. (1981). Multiple Attribute Decision Making:
       Methods and Applications. Springer, ch. 3 (simple additive weighting).
    """

    def __init__(self, matrix: FloatArray, is_max: BoolArray, criteria: tuple[str, ...]) -> None:
        self.ratings = linear_ratings(matrix, is_max, criteria, "WSM")

    def scores_batch(self, weights: FloatArray) -> FloatArray:
        """Return weighted sums for each row of a (samples x criteria) weight array."""
        return weighted_rows(weights, self.ratings)

    def evaluate(self, weights: FloatArray, alternatives: tuple[str, ...]) -> Evaluation:
        """Return weighted sums, the ratings and the weighted ratings."""
        contributions = self.ratings * weights
        details: dict[str, Any] = {"normalized": self.ratings}
        return Evaluation(contributions.sum(axis=1), details, contributions)


class WeightedProduct:
    """Weighted product model: ``P_i = prod_j r_ij ** w_j`` with linear ratio ratings.

    The ratings are those of :class:`WeightedSum`; dividing every value of a column by the
    same constant scales every product by the same factor, so the ranking equals that of
    the classical ``prod_j x_ij ** (+/- w_j)`` and ratios of scores equal Bridgman's and
    Miller & Starr's ratios ``P(A_K / A_L)``. All values must be strictly positive.
    Scores lie in (0, 1].

    Contributions: ``w_j ln r_ij`` (all <= 0); each row sums to ``ln P_i``.

    References
    ----------
    .. [1] Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press.
    .. [2] Miller, D. W., & Starr, M. K. (1969). Executive Decisions and Operations
       Research. Prentice-Hall.
    .. [3] Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A
       Comparative Study. Springer, ch. 2. doi:10.1007/978-1-4757-3157-6
    """

    def __init__(self, matrix: FloatArray, is_max: BoolArray, criteria: tuple[str, ...]) -> None:
        non_positive = matrix <= 0
        if non_positive.any():
            i, j = (int(k) for k in np.argwhere(non_positive)[0])
            raise InvalidProblem(
                f"matrix[{i}][{j}]",
                f"is {matrix[i, j]:g}; WPM multiplies powers of the values and needs every "
                f"value > 0 (criterion {criteria[j]!r})",
            )
        self.ratings = linear_ratings(matrix, is_max, criteria, "WPM")
        self._logs: FloatArray = np.log(self.ratings)

    def scores_batch(self, weights: FloatArray) -> FloatArray:
        """Return weighted products for each row of a (samples x criteria) weight array."""
        scores: FloatArray = np.exp(weighted_rows(weights, self._logs))
        return scores

    def evaluate(self, weights: FloatArray, alternatives: tuple[str, ...]) -> Evaluation:
        """Return weighted products, the ratings and the weighted log-ratings."""
        contributions = self._logs * weights
        details: dict[str, Any] = {"normalized": self.ratings}
        return Evaluation(np.exp(contributions.sum(axis=1)), details, contributions)
