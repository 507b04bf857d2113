"""What the engine's analyses cost, estimated from the shape of a problem.

Every estimate is in nanoseconds of the 2-core reference machine, summed from the work each
routine does (``python -m bench.bench_budget`` times the worst shapes against these estimates;
``--calibrate`` measures the constants again):

- preparing a method for a matrix of m alternatives and n criteria: m x n for every method,
  plus m x m x n for PROMETHEE II's preference degrees and ELECTRE I's concordance table;
- each weight vector: its scores (m x n; ELECTRE I's concordance m x m x n more), then the
  ranking of the m scores with ties (sort, group, count the positions), whose constant is the
  largest and does not depend on the method: it is what SMAA of many alternatives and few
  criteria spends its time on, and identical alternatives cost no more than distinct ones;
- drawing k weight vectors: k x n, and for weight bounds the worse of rejection sampling (up
  to 24 candidates per kept vector, at the 5 % acceptance below which it is abandoned) and
  hit-and-run (its steps, each moving 200 chains of n weights).

The constants are CPU times measured at the largest shapes the service accepts, rounded up by
a quarter to a half (the machine is shared: wall time under load is longer); the estimates
overstate small problems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from criteria.sampling import hit_and_run_steps, rejection_candidates
from criteria.sensitivity import stability_rankings

#: One weight vector's scores, per alternative and criterion (with SMAA's central weights,
#: also a sum over alternatives and criteria per sample).
SCORE_NS: dict[str, float] = {
    "topsis": 1.0,
    "wsm": 0.8,
    "wpm": 0.8,
    "vikor": 4.0,
    "promethee2": 1.6,
    "electre1": 0.5,
}
#: ELECTRE I's concordance per weight vector, per ordered pair of alternatives and criterion,
#: and its outranking test per ordered pair.
CONCORDANCE_NS = 0.55
OUTRANKING_NS = 3.0
#: Ranking with ties, per weight vector: per alternative, and once (numpy's per-row work,
#: which dominates with few alternatives).
RANK_NS = 125.0
SAMPLE_NS = 350.0
#: Preparation, per alternative and criterion (reading the caller's lists and writing the
#: result's included), and per ordered pair and criterion for the methods comparing every
#: pair (PROMETHEE II's Gaussian preference is the dearest).
PREPARE_NS = 250.0
PAIRWISE_PREPARE_NS: dict[str, float] = {"promethee2": 15.0, "electre1": 20.0}
#: The methods whose work grows with the square of the alternatives.
PAIRWISE_METHODS = frozenset(PAIRWISE_PREPARE_NS)
#: ELECTRE I's kernel (one ranking's details), per alternative cubed, at worst.
KERNEL_NS = 0.5
#: Drawing weights, per number drawn.
DRAW_NS = 10.0
#: One hit-and-run step: fixed, and per chain and criterion.
STEP_NS = 60_000.0
STEP_ELEMENT_NS = 18.0
#: Fixed costs: one ranking (validation and result), an SMAA analysis, and a stability
#: analysis (its 48 rounds of bisection).
RANK_FIXED_NS = 150_000.0
SMAA_FIXED_NS = 500_000.0
STABILITY_FIXED_NS = 6_000_000.0


def preparation(method: str, m: int, n: int) -> float:
    """Preparing ``method`` for an m x n matrix (validation, normalisation, pair tables)."""
    return PREPARE_NS * m * n + PAIRWISE_PREPARE_NS.get(method, 0.0) * m * m * n


def per_weight_vector(method: str, m: int, n: int) -> float:
    """Scoring and ranking one weight vector."""
    work = SCORE_NS[method] * m * n + RANK_NS * m + SAMPLE_NS
    if method == "electre1":
        work += CONCORDANCE_NS * m * m * n + OUTRANKING_NS * m * m
    return work


def drawing(sampling: str, samples: int, n: int) -> float:
    """Drawing ``samples`` weight vectors of n criteria (``uniform``, ``around``, ``bounds``)."""
    if sampling != "bounds":
        return DRAW_NS * samples * n
    rejection = DRAW_NS * rejection_candidates(samples) * n
    steps = hit_and_run_steps(samples, n)
    hit_and_run = steps.count * (STEP_NS + STEP_ELEMENT_NS * steps.chains * n)
    return max(rejection, hit_and_run)


def rank(method: str, m: int, n: int) -> float:
    """One ranking with its details (:func:`criteria.rank`)."""
    work = RANK_FIXED_NS + preparation(method, m, n) + per_weight_vector(method, m, n)
    if method == "electre1":
        work += KERNEL_NS * m**3
    return work


def smaa(method: str, m: int, n: int, samples: int, sampling: str = "uniform") -> float:
    """SMAA-2 with ``samples`` weight vectors (:func:`criteria.sensitivity.smaa`)."""
    return (
        SMAA_FIXED_NS
        + preparation(method, m, n)
        + drawing(sampling, samples, n)
        + samples * per_weight_vector(method, m, n)
    )


def stability(method: str, m: int, n: int) -> float:
    """Weight stability intervals (:func:`criteria.sensitivity.stability`)."""
    # Each ranking's weight vector is built from today's (n numbers), as a drawn one.
    each = per_weight_vector(method, m, n) + DRAW_NS * n
    return STABILITY_FIXED_NS + preparation(method, m, n) + stability_rankings(n) * each


def agreement(methods: Iterable[str], m: int, n: int) -> float:
    """Several methods' rankings side by side (:func:`criteria.sensitivity.agreement`)."""
    return sum(rank(method, m, n) for method in methods)


def largest(work: Callable[[int], float], budget: float, low: int, high: int) -> int:
    """The largest size in [low, high] whose ``work`` (growing with the size) fits ``budget``,
    or ``low - 1`` when none does."""
    best = low - 1
    while low <= high:
        middle = (low + high) // 2
        if work(middle) <= budget:
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return best
