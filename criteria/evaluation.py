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
    """Return per-column best and worst values (max/min for benefit, min/max for cost)."""
    highest = matrix.max(axis=0)
    lowest = matrix.min(axis=0)
    return np.where(is_max, highest, lowest), np.where(is_max, lowest, highest)
