"""How robust a ranking is: SMAA over weights, weight stability intervals, method agreement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from criteria.evaluation import Evaluator, chunk_rows
from criteria.frames import Objectives, Table, Weights, drawn_problem_parts, problem_parts
from criteria.methods import (
    batch_problem,
    method_spec,
    prepare,
    ranking_from,
)
from criteria.problem import (
    FloatArray,
    IntArray,
    InvalidProblem,
    MatrixLike,
    Problem,
    VectorLike,
    as_real,
    as_weights,
    validate,
)
from criteria.ranks import competition_ranks_batch, first_place_shares, tied_positions
from criteria.results import JSONValue, Ranking, read_only
from criteria.sampling import around, as_bounds, uniform_simplex, within_bounds

#: Methods compared by :func:`agreement` unless told otherwise: those that need no
#: parameters and accept any finite data.
DEFAULT_AGREEMENT_METHODS = ("topsis", "vikor", "promethee2")

#: Upper limit on SMAA samples, bounding memory (samples x criteria floats).
MAX_SAMPLES = 1_000_000

#: Grid points per criterion in :func:`stability` before the boundaries are bisected.
STABILITY_GRID = 200
_BISECTIONS = 48


def stability_rankings(n_criteria: int) -> int:
    """Weight vectors :func:`stability` scores at most: each criterion's grid, the bisection
    of at most two boundaries per criterion, today's ranking and the one past a boundary."""
    return n_criteria * (STABILITY_GRID + 1) + 2 * n_criteria * _BISECTIONS + 2


@dataclass(frozen=True, eq=False)
class SmaaResult:
    """Rank acceptabilities, central weights and confidence factors (SMAA-2).

    ``rank_acceptability[i, k]`` is the share of samples in which alternative i has rank
    k + 1; alternatives tied in a sample share the positions their group spans equally
    (two tied for first get 1/2 of rank 1 and 1/2 of rank 2), so every row and every
    column sums to 1. ``central_weights[i]`` is the mean weight vector of the samples
    in which i ranks first (all zeros if it never does). ``confidence[i]`` is the
    share of first place i gets at its own central weights: with exact (non-random)
    performance values SMAA-2's confidence factor is 1 if i ranks first there, 0 if it
    does not or never ranks first, and 1/g when tied with g - 1 others.
    """

    method: str
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    samples: int
    sampling: str
    rank_acceptability: FloatArray
    central_weights: FloatArray
    confidence: FloatArray

    def __post_init__(self) -> None:
        read_only(self.rank_acceptability, self.central_weights, self.confidence)

    def to_frame(self) -> pd.DataFrame:
        """The rank acceptabilities, one row per alternative (indexed by name) and one column
        per rank (1, 2, ...): ``to_frame().plot.barh(stacked=True)`` draws them."""
        return pd.DataFrame(
            self.rank_acceptability,
            index=pd.Index(self.alternatives, name="alternative"),
            columns=pd.Index(range(1, len(self.alternatives) + 1), name="rank"),
        )

    def to_dict(self) -> dict[str, JSONValue]:
        """Return the result as JSON-able data."""
        return {
            "method": self.method,
            "alternatives": list(self.alternatives),
            "criteria": list(self.criteria),
            "samples": self.samples,
            "sampling": self.sampling,
            "rank_acceptability": self.rank_acceptability.tolist(),
            "central_weights": self.central_weights.tolist(),
            "confidence": self.confidence.tolist(),
        }


@dataclass(frozen=True, eq=False)
class StabilityResult:
    """Per-criterion weight intervals in which today's winner stays first.

    ``intervals[j] = [low, high]``: moving criterion j's weight anywhere in it (the
    others rescaled proportionally) keeps ``winner`` ranked first. ``min_change`` is the
    smallest change of one weight (in weight units, weights summing to 1) after which
    another alternative, ``new_winner``, is first, and ``criterion`` is the criterion
    to change; all three are None when no single weight can change the winner.
    """

    method: str
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    winner: str
    weights: FloatArray
    intervals: FloatArray
    min_change: float | None
    criterion: str | None
    new_winner: str | None

    def __post_init__(self) -> None:
        read_only(self.weights, self.intervals)

    def to_dict(self) -> dict[str, JSONValue]:
        """Return the result as JSON-able data."""
        return {
            "method": self.method,
            "alternatives": list(self.alternatives),
            "criteria": list(self.criteria),
            "winner": self.winner,
            "weights": self.weights.tolist(),
            "intervals": self.intervals.tolist(),
            "min_change": self.min_change,
            "criterion": self.criterion,
            "new_winner": self.new_winner,
        }


@dataclass(frozen=True, eq=False)
class AgreementResult:
    """Several methods' rankings side by side, with Kendall's tau between each pair.

    ``ranks[i, k]`` is alternative i's rank under ``methods[k]``; ``kendall_tau[k, l]`` is
    Kendall's tau-b between the ranks of methods k and l (see :func:`kendall_tau`).
    """

    methods: tuple[str, ...]
    alternatives: tuple[str, ...]
    rankings: Mapping[str, Ranking]
    ranks: IntArray
    kendall_tau: FloatArray

    def __post_init__(self) -> None:
        read_only(self.ranks, self.kendall_tau)

    def to_dict(self) -> dict[str, JSONValue]:
        """Return the result as JSON-able data."""
        return {
            "methods": list(self.methods),
            "alternatives": list(self.alternatives),
            "rankings": {name: result.to_dict() for name, result in self.rankings.items()},
            "ranks": self.ranks.tolist(),
            "kendall_tau": self.kendall_tau.tolist(),
        }


def sample_weights(
    n_criteria: int,
    samples: int,
    *,
    seed: int | None = None,
    weights: VectorLike | None = None,
    weight_bounds: MatrixLike | None = None,
    spread: float = 0.5,
) -> tuple[FloatArray, str]:
    """Return the weight samples :func:`smaa` uses for the same arguments, and their kind.

    - No ``weights`` and no ``weight_bounds``: uniform on the simplex ("uniform").
    - ``weights`` only: each stated weight is multiplied by an independent factor
      uniform in ``[1 - spread, 1 + spread]`` and the vector renormalised ("around");
      ``spread=0.5`` means each weight may be off by up to half its value.
    - ``weight_bounds``: uniform on the weights summing to 1 within the per-criterion
      ``[lower, upper]`` intervals ("bounds"); rejection sampling, or hit-and-run when
      the bounds are too narrow for it (see :func:`criteria.sampling.within_bounds`).
      Stated ``weights``, if any, must lie within the bounds and start the chains.
    """
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer):
        raise InvalidProblem("samples", f"must be a whole number, got {samples!r}")
    if not 1 <= samples <= MAX_SAMPLES:
        raise InvalidProblem("samples", f"must be between 1 and {MAX_SAMPLES:,}, got {samples}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int | np.integer)):
        raise InvalidProblem("seed", f"must be a whole number or None, got {seed!r}")
    rng = np.random.default_rng(seed)
    stated = None if weights is None else as_weights(weights, n_criteria)
    if weight_bounds is not None:
        bounds = as_bounds(weight_bounds, n_criteria)
        if stated is not None:
            outside = (stated < bounds[:, 0] - 1e-9) | (stated > bounds[:, 1] + 1e-9)
            if outside.any():
                j = int(np.argmax(outside))
                raise InvalidProblem(
                    f"weights[{j}]",
                    f"is {stated[j]:.4g} after normalisation, outside weight_bounds[{j}] "
                    f"[{bounds[j, 0]:g}, {bounds[j, 1]:g}]",
                )
        sampled = within_bounds(rng, int(samples), bounds[:, 0], bounds[:, 1], start=stated)
        return sampled, "bounds"
    if stated is not None:
        width = as_real(spread, "spread")
        if not 0.0 <= width < 1.0:
            raise InvalidProblem("spread", f"must be >= 0 and < 1, got {width:g}")
        return around(rng, int(samples), stated, width), "around"
    return uniform_simplex(rng, int(samples), n_criteria), "uniform"


def smaa(
    matrix: Table,
    objectives: Objectives | None = None,
    weights: Weights | None = None,
    *,
    method: str = "topsis",
    samples: int = 10_000,
    seed: int | None = None,
    weight_bounds: MatrixLike | None = None,
    spread: float = 0.5,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    **params: Any,
) -> SmaaResult:
    """Return SMAA-2 rank acceptabilities, central weights and confidence factors.

    Weight vectors are drawn as described in :func:`sample_weights` (uniform on the
    simplex without ``weights``), every sample is scored in one vectorised pass of
    ``method`` (with ``params`` as in :func:`criteria.rank`), and the ranks are counted;
    see :class:`SmaaResult` for the outputs and the tie convention. Each sample's scores
    equal ``criteria.rank`` on that sample's weights.

    References
    ----------
    .. [1] Lahdelma, R., Hokkanen, J., & Salminen, P. (1998). SMAA - Stochastic
       multiobjective acceptability analysis. European Journal of Operational Research,
       106(1), 137-143. doi:10.1016/S0377-2217(97)00163-X
    .. [2] Lahdelma, R., & Salminen, P. (2001). SMAA-2: Stochastic multicriteria
       acceptability analysis for group decision making. Operations Research, 49(3),
       444-454. doi:10.1287/opre.49.3.444.11220
    """
    spec = method_spec(method)
    values, objectives, plain, alternatives, criteria = drawn_problem_parts(
        matrix, objectives, weights, alternatives=alternatives, criteria=criteria
    )
    problem = batch_problem(values, objectives, alternatives=alternatives, criteria=criteria)
    evaluator = prepare(problem, method, params)
    m, n = problem.matrix.shape
    sampled, kind = sample_weights(
        n, samples, seed=seed, weights=plain, weight_bounds=weight_bounds, spread=spread
    )
    counts = np.zeros((m, m))
    mass = np.zeros(m)
    weighted = np.zeros((m, n))
    # A block of samples at a time, from scores to counts: memory holds one block's scores
    # and positions (a few MB, reused from block to block) instead of every sample's.
    step = chunk_rows(m)
    for begin in range(0, sampled.shape[0], step):
        block = sampled[begin : begin + step]
        first, order, last = tied_positions(
            evaluator.scores_batch(block),
            higher_is_better=spec.higher_is_better,
            absolute=spec.tie_absolute,
        )
        counts += acceptability_counts(order, first, last - first + 1, m)
        shares = first_place_shares(first, order, last)
        mass += shares.sum(axis=0)
        # einsum, not BLAS: OpenBLAS threads this long reduction and can stall for 100+ ms
        # when the other core is busy.
        weighted += np.einsum("km,kn->mn", shares, block)
    acceptability = counts / sampled.shape[0]
    central = np.divide(
        weighted, mass[:, np.newaxis], out=np.zeros((m, n)), where=mass[:, np.newaxis] > 0
    )
    confidence = np.zeros(m)
    ever_first = np.flatnonzero(mass > 0)
    if ever_first.size:
        at_centre = tied_positions(
            evaluator.scores_batch(central[ever_first]),
            higher_is_better=spec.higher_is_better,
            absolute=spec.tie_absolute,
        )
        centre_share = first_place_shares(*at_centre)
        confidence[ever_first] = centre_share[np.arange(ever_first.size), ever_first]
    return SmaaResult(
        method=method,
        alternatives=problem.alternatives,
        criteria=problem.criteria,
        samples=int(sampled.shape[0]),
        sampling=kind,
        rank_acceptability=acceptability,
        central_weights=central,
        confidence=confidence,
    )


def stability(
    matrix: Table,
    objectives: Objectives | None = None,
    weights: Weights | None = None,
    *,
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    **params: Any,
) -> StabilityResult:
    """Return, per criterion, the weight interval in which today's winner stays first.

    Criterion j's weight moves to t while the others keep their proportions:
    ``w_k(t) = w_k (1 - t) / (1 - w_j)`` (shared equally if they are all 0). The winner
    is ``rank(...).winner``; it "stays first" while its rank is 1 (ties at the top
    allowed). Each criterion is scanned on a grid of 1/200 and every boundary found is
    bisected to below 1e-12, so a loss and recovery of first place within one grid
    step would go unnoticed. See :class:`StabilityResult`.

    References
    ----------
    .. [1] Triantaphyllou, E., & Sánchez, A. (1997). A sensitivity analysis approach
       for some deterministic multi-criteria decision-making methods. Decision
       Sciences, 28(1), 151-194. doi:10.1111/j.1540-5915.1997.tb01306.x
    """
    spec = method_spec(method)
    values, objectives, plain, alternatives, criteria = problem_parts(
        matrix, objectives, weights, alternatives=alternatives, criteria=criteria
    )
    problem = validate(values, objectives, plain, alternatives=alternatives, criteria=criteria)
    evaluator = prepare(problem, method, params)
    base = ranking_from(problem, spec, evaluator, problem.weights)
    winner = problem.alternatives.index(base.winner)
    n = problem.matrix.shape[1]
    w = problem.weights
    intervals = np.column_stack([w, w])
    if n == 1:
        return _stability_result(problem, method, base.winner, intervals, None)

    def holds(criterion: IntArray, t: FloatArray) -> npt.NDArray[np.bool_]:
        trial = _moved_weights(w, criterion, t)
        ranks = competition_ranks_batch(
            evaluator.scores_batch(trial),
            higher_is_better=spec.higher_is_better,
            absolute=spec.tie_absolute,
        )
        held: npt.NDArray[np.bool_] = ranks[:, winner] == 1
        return held

    grid = np.linspace(0.0, 1.0, STABILITY_GRID + 1)
    criterion_ids = np.repeat(np.arange(n), grid.size)
    on_grid = holds(criterion_ids, np.tile(grid, n)).reshape(n, grid.size)
    # For each criterion and side, the nearest grid point where the winner loses.
    ok_side: list[float] = []
    fail_side: list[float] = []
    owners: list[tuple[int, int]] = []
    for j in range(n):
        below = np.flatnonzero((grid < w[j]) & ~on_grid[j])
        above = np.flatnonzero((grid > w[j]) & ~on_grid[j])
        intervals[j] = (0.0, 1.0)
        if below.size:
            fail = int(below.max())
            owners.append((j, 0))
            fail_side.append(float(grid[fail]))
            ok_side.append(float(grid[fail + 1]) if grid[fail + 1] < w[j] else float(w[j]))
        if above.size:
            fail = int(above.min())
            owners.append((j, 1))
            fail_side.append(float(grid[fail]))
            ok_side.append(float(grid[fail - 1]) if grid[fail - 1] > w[j] else float(w[j]))
    change = None
    if owners:
        ok = np.array(ok_side)
        bad = np.array(fail_side)
        which = np.array([j for j, _ in owners], dtype=np.int64)
        for _ in range(_BISECTIONS):
            middle = (ok + bad) / 2.0
            kept = holds(which, middle)
            ok = np.where(kept, middle, ok)
            bad = np.where(kept, bad, middle)
        for (j, side), boundary in zip(owners, ok, strict=True):
            intervals[j, side] = boundary
        distance = np.abs(ok - w[which])
        best = int(np.argmin(distance))
        beyond = _moved_weights(w, which[best : best + 1], bad[best : best + 1])
        new_scores = evaluator.scores_batch(beyond)
        _, new_order, _ = tied_positions(
            new_scores, higher_is_better=spec.higher_is_better, absolute=spec.tie_absolute
        )
        change = (float(distance[best]), int(which[best]), int(new_order[0, 0]))
    return _stability_result(problem, method, base.winner, intervals, change)


def agreement(
    matrix: Table,
    objectives: Objectives | None = None,
    weights: Weights | None = None,
    methods: Sequence[str] = DEFAULT_AGREEMENT_METHODS,
    *,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> AgreementResult:
    """Return the rankings of several methods side by side with pairwise Kendall's tau.

    ``params`` maps a method name to its parameters (as in :func:`criteria.rank`), e.g.
    ``{"vikor": {"v": 0.7}}``.
    """
    if isinstance(methods, str) or len(methods) == 0:
        raise InvalidProblem("methods", "must be a non-empty list of method names")
    names = tuple(methods)
    for k, name in enumerate(names):
        if name in names[:k]:
            raise InvalidProblem(f"methods[{k}]", f"repeats {name!r}")
        try:
            method_spec(name)
        except InvalidProblem as error:
            raise InvalidProblem(f"methods[{k}]", error.reason) from None
    settings = dict(params or {})
    for name in settings:
        if name not in names:
            raise InvalidProblem(f"params.{name}", f"{name!r} is not among the compared methods")
    values, objectives, plain, alternatives, criteria = problem_parts(
        matrix, objectives, weights, alternatives=alternatives, criteria=criteria
    )
    problem = validate(values, objectives, plain, alternatives=alternatives, criteria=criteria)
    rankings: dict[str, Ranking] = {}
    for name in names:
        evaluator: Evaluator = prepare(problem, name, dict(settings.get(name, {})))
        rankings[name] = ranking_from(problem, method_spec(name), evaluator, problem.weights)
    ranks = np.column_stack([rankings[name].ranks for name in names]).astype(np.int64)
    count = len(names)
    tau = np.ones((count, count))
    for a in range(count):
        for b in range(a + 1, count):
            tau[a, b] = tau[b, a] = kendall_tau(ranks[:, a], ranks[:, b])
    return AgreementResult(
        methods=names,
        alternatives=problem.alternatives,
        rankings=MappingProxyType(rankings),
        ranks=ranks,
        kendall_tau=tau,
    )


def kendall_tau(first: VectorLike, second: VectorLike) -> float:
    """Return Kendall's tau-b between two rankings, defined for constant rankings too.

    tau-b is ``(C - D) / sqrt((P - T1) (P - T2))`` over the P pairs, with C concordant
    and D discordant pairs and T1, T2 the pairs tied in each ranking, as
    ``scipy.stats.kendalltau``. Where that is 0 / 0 it is defined here: 1.0 if both
    rankings tie everything (they agree completely), 0.0 if only one does (it cannot
    tell the alternatives apart, so it neither agrees nor disagrees).

    References
    ----------
    .. [1] Kendall, M. G. (1945). The treatment of ties in ranking problems.
       Biometrika, 33(3), 239-251. doi:10.1093/biomet/33.3.239
    """
    x = np.asarray(first, dtype=np.float64)
    y = np.asarray(second, dtype=np.float64)
    if x.ndim != 1 or x.shape != y.shape or x.shape[0] < 2:
        raise InvalidProblem("rankings", "must be two rankings of the same 2 or more alternatives")
    upper = np.triu_indices(x.shape[0], k=1)
    dx = np.sign(x[:, np.newaxis] - x[np.newaxis, :])[upper]
    dy = np.sign(y[:, np.newaxis] - y[np.newaxis, :])[upper]
    untied_x = float(np.count_nonzero(dx))
    untied_y = float(np.count_nonzero(dy))
    if untied_x == 0 and untied_y == 0:
        return 1.0
    if untied_x == 0 or untied_y == 0:
        return 0.0
    return float((dx * dy).sum() / np.sqrt(untied_x * untied_y))


def acceptability_counts(order: IntArray, first: IntArray, size: IntArray, m: int) -> FloatArray:
    """Count, per alternative and position, the samples placing it there (ties shared).

    A member of a g-way tie spanning positions f to f + g - 1 counts 1/g at each of them.
    Tied members are counted as whole numbers per group size, with a mark at f and a
    counter-mark at f + g summed along the positions: the work grows with the samples and
    the alternatives, not with the size of the ties (one pass per position of a tie made
    200 identical alternatives take 30 s), and each count is exact before its one division.
    """
    who = order.ravel()
    start = first.ravel()
    width = size.ravel()
    alone = width == 1
    counts = np.bincount(who[alone] * m + start[alone], minlength=m * m).astype(np.float64)
    if alone.all():
        return counts.reshape(m, m)
    tied = ~alone
    tied_who, tied_start, tied_width = who[tied], start[tied], width[tied]
    sizes = np.flatnonzero(np.bincount(tied_width))
    # A few group sizes at a time, so that their (sizes x m x (m + 1)) marks stay within
    # CHUNK_ELEMENTS: one chunk holds every size unless m is in the hundreds.
    step = chunk_rows(m * (m + 1))
    for begin in range(0, sizes.size, step):
        counts += _shared_counts(tied_who, tied_start, tied_width, sizes[begin : begin + step], m)
    acceptability: FloatArray = counts.reshape(m, m)
    return acceptability


def _shared_counts(
    who: IntArray, start: IntArray, width: IntArray, sizes: IntArray, m: int
) -> FloatArray:
    """The flat (m x m) shares of the tied members whose group size is among ``sizes``."""
    slot = np.full(int(width.max()) + 1, -1, dtype=np.int64)
    slot[sizes] = np.arange(sizes.size)
    row = slot[width]
    kept = row >= 0
    if not kept.all():
        who, start, width, row = who[kept], start[kept], width[kept], row[kept]
    cell = (row * m + who) * (m + 1) + start
    bins = sizes.size * m * (m + 1)
    marks = np.bincount(cell, minlength=bins) - np.bincount(cell + width, minlength=bins)
    members = np.cumsum(marks.reshape(sizes.size, m, m + 1)[..., :m], axis=2)
    shares: FloatArray = (members / sizes[:, np.newaxis, np.newaxis]).sum(axis=0).ravel()
    return shares


def _moved_weights(weights: FloatArray, criterion: IntArray, t: FloatArray) -> FloatArray:
    """Return weight rows with ``criterion``'s weight set to ``t``, the rest rescaled."""
    rows = np.tile(weights, (criterion.shape[0], 1))
    own = weights[criterion]
    rest = 1.0 - own
    n = weights.shape[0]
    # Others all zero (own weight 1): they share the remainder equally.
    spread_evenly = rest <= 1e-12
    factor = np.where(spread_evenly, 0.0, (1.0 - t) / np.where(spread_evenly, 1.0, rest))
    rows *= factor[:, np.newaxis]
    rows[spread_evenly] = ((1.0 - t[spread_evenly]) / (n - 1))[:, np.newaxis]
    rows[np.arange(criterion.shape[0]), criterion] = t
    return rows


def _stability_result(
    problem: Problem,
    method: str,
    winner: str,
    intervals: FloatArray,
    change: tuple[float, int, int] | None,
) -> StabilityResult:
    return StabilityResult(
        method=method,
        alternatives=problem.alternatives,
        criteria=problem.criteria,
        winner=winner,
        weights=problem.weights,
        intervals=intervals,
        min_change=None if change is None else change[0],
        criterion=None if change is None else problem.criteria[change[1]],
        new_winner=None if change is None else problem.alternatives[change[2]],
    )
