"""What every decision method provides once its weight-independent work is done."""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

import numpy as np

from criteria.problem import BoolArray, FloatArray


class Evaluation(NamedTuple):
    """Scores, details and per-criterion contributions for one weight vector."""

    scores: FloatArray
    details: dict[str, Any]
    contributions: FloatArray


class Evaluator(Protocol):
    """A method prepared for one matrix: evaluate one weight vector or many at once."""

    def scores_batch(self, weights: FloatArray) -> FloatArray:
        """Return (samples x alternatives) scores for (samples x criteria) weights."""
        ...

    def evaluate(self, weights: FloatArray, alternatives: tuple[str, ...]) -> Evaluation:
        """Return scores, details and contributions for one weight vector."""
        ...


def weighted_rows(weights: FloatArray, table: FloatArray) -> FloatArray:
    """Return ``weights @ table.T``: (samples x criteria) by (alternatives x criteria).

    einsum rather than BLAS: for these long, thin products OpenBLAS starts threads, and
    on a 2-core machine with any other load they stall (10-20x slower, measured), while
    einsum runs as fast as single-threaded BLAS and does not depend on the load.
    """
    product: FloatArray = np.einsum("kn,mn->km", weights, table)
    return product


#: Largest temporary array (in elements) a batch evaluation builds at once: about 8 MB.
CHUNK_ELEMENTS = 1_000_000


def chunk_rows(per_row: int) -> int:
    """Return how many weight vectors to process at once when each needs ``per_row`` cells."""
    return max(1, CHUNK_ELEMENTS // max(per_row, 1))


def column_extremes(matrix: FloatArray, is_max: BoolArray) -> tuple[FloatArray, FloatArray]:
    """Return per-column best and worst values (max/min for benefit, min/max for cost).

    ``matrix`` is (alternatives x criteria), or a stack of them (samples x alternatives x
    criteria): the extremes are taken over the alternatives of each sample.
    """
    highest = matrix.max(axis=-2)
    lowest = matrix.min(axis=-2)
    return np.where(is_max, highest, lowest), np.where(is_max, lowest, highest)


def column_magnitudes(matrix: FloatArray) -> FloatArray:
    """Each column's largest absolute value over the alternatives (1 for an all-zero column),
    kept as a row so that it divides the matrix (or each matrix of a stack)."""
    largest = np.abs(matrix).max(axis=-2, keepdims=True)
    scale: FloatArray = np.where(largest > 0, largest, 1.0)
    return scale


def stacked_rows(table: FloatArray, weights: FloatArray) -> FloatArray:
    """Return ``sum_n table[k, m, n] * weights[k, n]``: each sample's matrix by its own weights."""
    product: FloatArray = np.einsum("kmn,kn->km", table, weights)
    return product
