"""Tie-aware ranks from scores, for one score vector or a batch of them.

Scores closer than :data:`TIE_TOLERANCE` count as tied. Every method's score is of
order 1 (closeness, normalised sums, flows, Q in [0, 1], outranking balance), so an
absolute tolerance is meaningful, and it keeps mathematically equal scores that differ
in the last bits (for example 0.1 + 0.2 against 0.3) tied. Near ties chain: sorted
scores split into groups wherever two neighbours differ by more than the tolerance.

Tied alternatives share the best rank of their group (competition ranking, "1224"):
the rank is one plus the number of alternatives strictly better.
"""

from __future__ import annotations

import numpy as np

from criteria.problem import FloatArray, IntArray

TIE_TOLERANCE = 1e-12


def competition_ranks(scores: FloatArray, *, higher_is_better: bool) -> tuple[IntArray, IntArray]:
    """Return 1-based competition ranks and the best-first order (ties in input order)."""
    key = -scores if higher_is_better else scores
    order = np.argsort(key, kind="stable")
    # A Python pass over the sorted scores beats numpy's per-call overhead for the few
    # dozen alternatives of one request.
    ordered = key[order].tolist()
    ranks = [1] * len(ordered)
    start = 0
    for slot in range(1, len(ordered)):
        if ordered[slot] - ordered[slot - 1] > TIE_TOLERANCE:
            start = slot
        ranks[slot] = start + 1
    by_alternative = np.empty(len(ordered), dtype=np.int64)
    by_alternative[order] = ranks
    return by_alternative, order.astype(np.int64)


def competition_ranks_batch(scores: FloatArray, *, higher_is_better: bool) -> IntArray:
    """Return competition ranks for each row of a (samples x alternatives) score array."""
    positions, order, _ = tied_positions(scores, higher_is_better=higher_is_better)
    ranks = np.empty_like(positions)
    np.put_along_axis(ranks, order, positions + 1, axis=1)
    return ranks


def tied_positions(
    scores: FloatArray, *, higher_is_better: bool
) -> tuple[IntArray, IntArray, IntArray]:
    """Return, per sorted slot, the first and last 0-based position of its tie group.

    The result is ``(first, order, last)``, all shaped like ``scores``: ``order[s, p]`` is
    the alternative in slot ``p`` of sample ``s`` (best first), and the group holding that
    slot spans positions ``first[s, p]`` to ``last[s, p]`` inclusive.
    """
    key = -scores if higher_is_better else scores
    order = np.argsort(key, axis=1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=1)
    first = _group_starts(ordered)
    width = ordered.shape[1]
    is_last = np.ones(ordered.shape, dtype=np.bool_)
    is_last[:, :-1] = np.diff(ordered, axis=1) > TIE_TOLERANCE
    slots = np.broadcast_to(np.arange(width), ordered.shape)
    marked = np.where(is_last, slots, width - 1)
    last = np.flip(np.minimum.accumulate(np.flip(marked, axis=1), axis=1), axis=1)
    return first, order.astype(np.int64), last.astype(np.int64)


def _group_starts(ordered: FloatArray) -> IntArray:
    """Return, for each slot of rows sorted ascending, where its tie group starts."""
    width = ordered.shape[1]
    is_first = np.ones(ordered.shape, dtype=np.bool_)
    is_first[:, 1:] = np.diff(ordered, axis=1) > TIE_TOLERANCE
    slots = np.broadcast_to(np.arange(width), ordered.shape)
    starts: IntArray = np.maximum.accumulate(np.where(is_first, slots, 0), axis=1).astype(np.int64)
    return starts
