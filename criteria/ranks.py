"""Tie-aware ranks from scores, for one score vector or a batch of them.

Two scores tie when they differ by no more than rounding could explain:
``|a - b| <= max(absolute, RELATIVE_TOLERANCE * max(|a|, |b|))``. The relative part follows
each score's own magnitude, so mathematically equal scores that differ in the last bits (0.1 +
0.2 against 0.3) tie while 1e-13 and 5e-13 stay apart. The absolute part is the method's: a
score built as a sum of non-negative terms or a ratio (TOPSIS, WSM, WPM) carries a rounding
error relative to itself and needs none; a score built as a difference of terms of order 1
(VIKOR's Q, PROMETHEE's net flow, ELECTRE's balance) can be a rounding residue around 0, and
:data:`ABSOLUTE_TOLERANCE` absorbs it. Near ties chain: sorted scores split into groups
wherever two neighbours are not tied.

Tied alternatives share the best rank of their group (competition ranking, "1224"):
the rank is one plus the number of alternatives strictly better.
"""

from __future__ import annotations

import numpy as np

from criteria.evaluation import chunk_rows
from criteria.problem import BoolArray, FloatArray, IntArray

#: Relative rounding tolerance between two scores (about 4,500 times float64's epsilon).
RELATIVE_TOLERANCE = 1e-12
#: Absolute tolerance for scores that are differences of terms of order 1.
ABSOLUTE_TOLERANCE = 1e-12
#: Kept for callers comparing thresholds of order 1 (concordance, Q gaps).
TIE_TOLERANCE = ABSOLUTE_TOLERANCE


def within_rounding(a: FloatArray | float, b: FloatArray | float, absolute: float) -> BoolArray:
    """Tell, elementwise, whether ``a`` and ``b`` differ by no more than rounding."""
    scale = np.maximum(np.abs(a), np.abs(b))
    tied: BoolArray = np.abs(np.subtract(a, b)) <= np.maximum(absolute, RELATIVE_TOLERANCE * scale)
    return tied


def competition_ranks(
    scores: FloatArray, *, higher_is_better: bool, absolute: float = ABSOLUTE_TOLERANCE
) -> tuple[IntArray, IntArray]:
    """Return 1-based competition ranks and the best-first order (ties in input order)."""
    key = -scores if higher_is_better else scores
    order = np.argsort(key, kind="stable")
    # A Python pass over the sorted scores beats numpy's per-call overhead for the few
    # dozen alternatives of one request.
    ordered = key[order].tolist()
    ranks = [1] * len(ordered)
    start = 0
    for slot in range(1, len(ordered)):
        before, here = ordered[slot - 1], ordered[slot]
        if here - before > max(absolute, RELATIVE_TOLERANCE * max(abs(before), abs(here))):
            start = slot
        ranks[slot] = start + 1
    by_alternative = np.empty(len(ordered), dtype=np.int64)
    by_alternative[order] = ranks
    return by_alternative, order.astype(np.int64)


def competition_ranks_batch(
    scores: FloatArray, *, higher_is_better: bool, absolute: float = ABSOLUTE_TOLERANCE
) -> IntArray:
    """Return competition ranks for each row of a (samples x alternatives) score array."""
    positions, order, _ = tied_positions(
        scores, higher_is_better=higher_is_better, absolute=absolute
    )
    ranks = np.empty_like(positions)
    np.put_along_axis(ranks, order, positions + 1, axis=1)
    return ranks


def tied_positions(
    scores: FloatArray, *, higher_is_better: bool, absolute: float = ABSOLUTE_TOLERANCE
) -> tuple[IntArray, IntArray, IntArray]:
    """Return, per sorted slot, the first and last 0-based position of its tie group.

    The result is ``(first, order, last)``, all shaped like ``scores``: ``order[s, p]`` is
    the alternative in slot ``p`` of sample ``s`` (best first), and the group holding that
    slot spans positions ``first[s, p]`` to ``last[s, p]`` inclusive.
    """
    first = np.empty(scores.shape, dtype=np.int64)
    order = np.empty(scores.shape, dtype=np.int64)
    last = np.empty(scores.shape, dtype=np.int64)
    # A block of samples at a time: the dozen temporaries of a block stay in memory already
    # mapped, where whole-array temporaries of 100,000 samples cost a page fault every 4 KB
    # and made this step 3-4 times slower.
    step = chunk_rows(scores.shape[1])
    for begin in range(0, scores.shape[0], step):
        rows = slice(begin, begin + step)
        first[rows], order[rows], last[rows] = _tied_block(scores[rows], higher_is_better, absolute)
    return first, order, last


def first_place_shares(first: IntArray, order: IntArray, last: IntArray) -> FloatArray:
    """Return each alternative's share of first place per sample, from :func:`tied_positions`:
    1 for a sole winner, 1/g for each of g alternatives tied at the top, else 0."""
    shares = np.zeros(first.shape)
    np.put_along_axis(shares, order, np.where(first == 0, 1.0 / (last - first + 1), 0.0), axis=1)
    return shares


def _tied_block(
    scores: FloatArray, higher_is_better: bool, absolute: float
) -> tuple[IntArray, IntArray, IntArray]:
    key = -scores if higher_is_better else scores
    order = np.argsort(key, axis=1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=1)
    # breaks[:, p]: slot p + 1 starts a new group (it is not tied with slot p).
    breaks = ~within_rounding(ordered[:, 1:], ordered[:, :-1], absolute)
    width = ordered.shape[1]
    slots = np.broadcast_to(np.arange(width), ordered.shape)
    is_first = np.ones(ordered.shape, dtype=np.bool_)
    is_first[:, 1:] = breaks
    first = np.maximum.accumulate(np.where(is_first, slots, 0), axis=1)
    is_last = np.ones(ordered.shape, dtype=np.bool_)
    is_last[:, :-1] = breaks
    marked = np.where(is_last, slots, width - 1)
    last = np.flip(np.minimum.accumulate(np.flip(marked, axis=1), axis=1), axis=1)
    return first, order, last
