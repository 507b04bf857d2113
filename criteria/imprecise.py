"""SMAA with imprecise criteria values: rank acceptabilities when both the weights and some
performance values are uncertain, and how much each uncertain input moves the outcome.

The caller draws one matrix and one weight vector per sample (values that are not known
exactly are drawn from their ranges; see ``service.selection`` for the policies), and
:func:`smaa_joint` scores every sample in one vectorised pass of the method
(:func:`criteria.stack.scores_stack`) and reads the SMAA-2 indices from the ranks. With every
value known (all matrices equal) and the weights drawn as :func:`criteria.sensitivity.smaa`
draws them, the rank acceptabilities are those of :func:`criteria.sensitivity.smaa`.

:func:`influence` splits the same samples by the draws of one uncertain input (low half
against high half) and returns the change of each alternative's share of first place: no
second simulation per input is needed.

References
----------
.. [1] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability
   analysis for group decision making. Operations Research, 49(3), 444-454.
   doi:10.1287/opre.49.3.444.11220
.. [2] Tervonen, T., & Figueira, J. R. (2008). A survey on stochastic multicriteria
   acceptability analysis methods. Journal of Multi-Criteria Decision Analysis, 15(1-2),
   1-14. doi:10.1002/mcda.407
.. [3] van Valkenhoef, G. The R package ``smaa`` (``smaa.pwi``: pairwise winning indices;
   ``smaa.entropy.choice``: decision entropy of the choice of the best alternative).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from criteria.methods import method_spec
from criteria.problem import (
    BoolArray,
    FloatArray,
    IntArray,
    InvalidProblem,
    MatrixLike,
    ObjectivesLike,
    as_names,
)
from criteria.ranks import first_place_shares, tied_positions
from criteria.results import JSONValue, read_only
from criteria.sensitivity import acceptability_counts
from criteria.stack import as_stack, scores_stack


@dataclass(frozen=True, eq=False)
class JointSmaaResult:
    """SMAA-2 indices over samples of both the weights and the imprecise values.

    - ``rank_acceptability[i, r]``: share of samples in which alternative i holds rank r + 1
      (a tie shares the positions its group spans, as :class:`criteria.sensitivity.SmaaResult`).
    - ``pairwise_winning[i, j]``: share of samples in which i ranks strictly above j.
    - ``best_rank[i]`` / ``worst_rank[i]``: the best competition rank i reaches in any sample
      and the last position its tie group spans in any sample, so that every rank i holds with
      positive acceptability lies between them.
    - ``mean_rank[i]``: the average of the positions i holds (ties shared as above).
    - ``score_range[i]``: the lowest and highest score i gets in any sample.
    - ``first_shares[s, i]``: i's share of first place in sample s (1/g in a g-way tie at the
      top), the raw material of :func:`influence`; not part of :meth:`to_dict`.
    """

    method: str
    alternatives: tuple[str, ...]
    samples: int
    rank_acceptability: FloatArray
    pairwise_winning: FloatArray
    best_rank: IntArray
    worst_rank: IntArray
    mean_rank: FloatArray
    score_range: FloatArray
    first_shares: FloatArray

    def __post_init__(self) -> None:
        read_only(
            self.rank_acceptability,
            self.pairwise_winning,
            self.best_rank,
            self.worst_rank,
            self.mean_rank,
            self.score_range,
            self.first_shares,
        )

    @property
    def first(self) -> FloatArray:
        """Each alternative's probability of ranking first (SMAA-2's first rank acceptability)."""
        first: FloatArray = self.rank_acceptability[:, 0]
        return first

    @property
    def choice_entropy(self) -> float:
        """Decision entropy of the choice, in bits: 0 when one alternative is always first,
        log2(m) when each is first equally often (``smaa.entropy.choice`` with p0 = 1)."""
        p = self.first[self.first > 0]
        return float(-(p * np.log2(p)).sum()) + 0.0

    def to_dict(self) -> dict[str, JSONValue]:
        """Return the indices as JSON-able data."""
        return {
            "method": self.method,
            "alternatives": list(self.alternatives),
            "samples": self.samples,
            "rank_acceptability": self.rank_acceptability.tolist(),
            "first": self.first.tolist(),
            "pairwise_winning": self.pairwise_winning.tolist(),
            "best_rank": self.best_rank.tolist(),
            "worst_rank": self.worst_rank.tolist(),
            "mean_rank": self.mean_rank.tolist(),
            "score_range": self.score_range.tolist(),
            "choice_entropy": self.choice_entropy,
        }


def smaa_joint(
    matrices: Any,
    objectives: ObjectivesLike,
    weights: MatrixLike,
    *,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    **params: Any,
) -> JointSmaaResult:
    """Return SMAA-2 indices for samples of (matrix, weight vector) pairs.

    ``matrices`` is (samples x alternatives x criteria) and ``weights`` (samples x criteria);
    sample s scores ``matrices[s]`` with ``weights[s]`` using ``method`` and ``params`` as
    :func:`criteria.rank` does. See :class:`JointSmaaResult` for the outputs.
    """
    stack = as_stack(matrices)
    k, m, n = stack.shape
    names = as_names(alternatives, m, field="alternatives", prefix="A")
    labels = as_names(criteria, n, field="criteria", prefix="C")
    spec = method_spec(method)
    scores = scores_stack(stack, objectives, weights, method=method, criteria=labels, **params)
    first, order, last = tied_positions(
        scores, higher_is_better=spec.higher_is_better, absolute=spec.tie_absolute
    )
    size = last - first + 1
    acceptability = acceptability_counts(order, first, size, m) / k
    first_shares = first_place_shares(first, order, last)
    # Per alternative: the competition rank (group start) and the group's last position.
    start = np.empty_like(first)
    end = np.empty_like(last)
    np.put_along_axis(start, order, first, axis=1)
    np.put_along_axis(end, order, last, axis=1)
    ahead = start[:, :, np.newaxis] < start[:, np.newaxis, :]
    pairwise = ahead.mean(axis=0)
    positions = np.arange(1, m + 1, dtype=np.float64)
    return JointSmaaResult(
        method=method,
        alternatives=names,
        samples=k,
        rank_acceptability=acceptability,
        pairwise_winning=pairwise,
        best_rank=(start.min(axis=0) + 1).astype(np.int64),
        worst_rank=(end.max(axis=0) + 1).astype(np.int64),
        mean_rank=acceptability @ positions,
        score_range=np.column_stack([scores.min(axis=0), scores.max(axis=0)]),
        first_shares=first_shares,
    )


def influence(first_shares: FloatArray, high: BoolArray) -> FloatArray:
    """Return (inputs x alternatives) changes of the probability of ranking first.

    ``high[s, u]`` tells whether input u was drawn in the upper half of its range in sample s;
    entry ``[u, i]`` is ``P(i first | u high) - P(i first | u low)`` estimated from the same
    samples. An input drawn only on one side (a point value) has no influence (0).
    """
    shares = np.asarray(first_shares, dtype=np.float64)
    split = np.asarray(high, dtype=np.bool_)
    if shares.ndim != 2 or split.ndim != 2 or split.shape[0] != shares.shape[0]:
        raise InvalidProblem(
            "high", "must have one row per sample of first_shares (samples x inputs)"
        )
    upper = split.astype(np.float64)
    lower = 1.0 - upper
    n_upper = upper.sum(axis=0)[:, np.newaxis]
    n_lower = lower.sum(axis=0)[:, np.newaxis]
    # einsum, not BLAS: see criteria.evaluation.weighted_rows.
    p_upper = np.einsum("ku,km->um", upper, shares)
    p_lower = np.einsum("ku,km->um", lower, shares)
    both = (n_upper > 0) & (n_lower > 0)
    change: FloatArray = np.where(
        both,
        p_upper / np.where(n_upper > 0, n_upper, 1.0)
        - p_lower / np.where(n_lower > 0, n_lower, 1.0),
        0.0,
    )
    return change
