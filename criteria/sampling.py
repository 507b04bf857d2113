"""Random weight vectors for SMAA: the whole simplex, around stated weights, or within bounds."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from criteria.problem import FloatArray, InvalidProblem, MatrixLike, as_real

#: Below this acceptance rate rejection sampling gives way to hit-and-run.
_MIN_ACCEPTANCE = 0.05
#: Candidates drawn to estimate the acceptance rate of rejection sampling.
_PILOT = 2000
#: Largest batch of rejection-sampling candidates held in memory at once.
_MAX_BATCH = 100_000
#: Rejection sampling draws this many times the candidates it expects to need, and a few more.
_MARGIN = 1.2
_EXTRA = 64
#: Parallel hit-and-run chains.
_CHAINS = 200


@dataclass(frozen=True)
class ChainSteps:
    """How hit-and-run walks: parallel chains, burn-in steps, then a kept point every
    ``thinning`` steps until each chain has ``per_chain`` of them."""

    chains: int
    burn_in: int
    thinning: int
    per_chain: int

    @property
    def count(self) -> int:
        """Steps taken (each moves every chain once)."""
        return self.burn_in + self.per_chain * self.thinning


def hit_and_run_steps(samples: int, n_criteria: int) -> ChainSteps:
    """The walk that draws ``samples`` weight vectors over ``n_criteria`` movable weights."""
    chains = min(samples, _CHAINS)
    return ChainSteps(
        chains=chains,
        burn_in=100 + 20 * n_criteria,
        thinning=max(2, n_criteria // 3),
        per_chain=-(-samples // chains),
    )


def rejection_candidates(samples: int) -> int:
    """Candidates rejection sampling expects to draw for ``samples`` weight vectors at the
    lowest acceptance rate it keeps (below it, hit-and-run takes over), its pilot included."""
    return _PILOT + _wanted(samples, _MIN_ACCEPTANCE)


def _wanted(missing: int, rate: float) -> int:
    return int(missing / max(rate, 1e-3) * _MARGIN) + _EXTRA


def uniform_simplex(rng: np.random.Generator, samples: int, n_criteria: int) -> FloatArray:
    """Return weight vectors uniform on the simplex (Dirichlet(1, ..., 1)).

    Normalised standard exponentials are exactly Dirichlet(1): the SMAA-2 choice when
    nothing is known about the weights.
    """
    draws = rng.standard_exponential((samples, n_criteria))
    weights: FloatArray = draws / draws.sum(axis=1, keepdims=True)
    return weights


def around(
    rng: np.random.Generator, samples: int, weights: FloatArray, spread: float
) -> FloatArray:
    """Return weight vectors whose every weight is off by up to ``spread`` (relative).

    Each sample multiplies every stated weight by an independent factor uniform in
    ``[1 - spread, 1 + spread]`` and renormalises; a zero weight stays zero.
    """
    factors = rng.uniform(1.0 - spread, 1.0 + spread, (samples, weights.shape[0]))
    scaled = weights * factors
    sampled: FloatArray = scaled / scaled.sum(axis=1, keepdims=True)
    return sampled


def within_bounds(
    rng: np.random.Generator,
    samples: int,
    lower: FloatArray,
    upper: FloatArray,
    start: FloatArray | None = None,
    *,
    method: str = "auto",
) -> FloatArray:
    """Return weight vectors uniform on ``{w : sum w = 1, lower <= w <= upper}``.

    Lower bounds are met by construction (``w = lower + free * u`` with ``u`` uniform on
    the simplex of the criteria whose interval is not a single point, and
    ``free = 1 - sum(lower)``); candidates breaking an upper bound are rejected, which
    keeps the distribution exactly uniform. When a pilot run accepts fewer than 5 % of
    the candidates (narrow bounds, many criteria), or with ``method="hit-and-run"``,
    hit-and-run is used instead (Smith 1984; Tervonen et al. 2013): 200 chains started
    at ``start`` (default: every weight at the same fraction of its interval), each
    step moving to a uniformly random point of the region on a random line through
    the current point; after ``100 + 20 n`` burn-in steps a chain keeps every
    ``max(2, n // 3)``-th point. The samples are then approximately uniform and mildly
    correlated (the tests compare them with exact rejection sampling).

    References
    ----------
    .. [1] Smith, R. L. (1984). Efficient Monte Carlo procedures for generating points
       uniformly distributed over bounded regions. Operations Research, 32(6),
       1296-1308. doi:10.1287/opre.32.6.1296
    .. [2] Tervonen, T., van Valkenhoef, G., Baştürk, N., & Postmus, D. (2013).
       Hit-And-Run enables efficient weight generation for simulation-based multiple
       criteria decision analysis. European Journal of Operational Research, 224(3),
       552-559. doi:10.1016/j.ejor.2012.08.026
    """
    width = upper - lower
    free = 1.0 - float(lower.sum())
    if start is None:
        total_width = float(width.sum())
        start = lower + width * (free / total_width if total_width > 0 else 0.0)
    movable = width > 0
    n_movable = int(movable.sum())
    if n_movable <= 1 or free <= 1e-12 or float(width.sum()) - free <= 1e-12:
        # The region is a single point.
        return np.tile(start / start.sum(), (samples, 1))
    caps = width[movable] / free
    if method == "auto":
        pilot = uniform_simplex(rng, _PILOT, n_movable)
        accepted = pilot[(pilot <= caps).all(axis=1)]
        rate = accepted.shape[0] / _PILOT
        method = "rejection" if rate >= _MIN_ACCEPTANCE else "hit-and-run"
    else:
        accepted, rate = np.empty((0, n_movable)), 1.0
    if method == "rejection":
        batches = [accepted]
        total = accepted.shape[0]
        while total < samples:
            wanted = _wanted(samples - total, rate)
            candidates = uniform_simplex(rng, min(wanted, _MAX_BATCH), n_movable)
            kept = candidates[(candidates <= caps).all(axis=1)]
            batches.append(kept)
            total += kept.shape[0]
        shares = np.concatenate(batches)[:samples]
        moved = lower[movable] + free * shares
    else:
        moved = _hit_and_run(rng, samples, lower[movable], upper[movable], start[movable])
    sampled = np.tile(lower, (samples, 1))
    sampled[:, movable] = moved
    normalised: FloatArray = sampled / sampled.sum(axis=1, keepdims=True)
    return normalised


def _hit_and_run(
    rng: np.random.Generator,
    samples: int,
    lower: FloatArray,
    upper: FloatArray,
    start: FloatArray,
) -> FloatArray:
    n = lower.shape[0]
    walk = hit_and_run_steps(samples, n)
    chains, burn_in, thinning = walk.chains, walk.burn_in, walk.thinning
    kept = np.empty((walk.per_chain, chains, n))
    points = np.tile(start, (chains, 1))
    # Divisions by a zero direction component give the infinities and NaN skipped below.
    with np.errstate(divide="ignore", invalid="ignore"):
        for step in range(walk.count):
            raw = rng.standard_normal((chains, n))
            # A random direction inside the hyperplane sum(w) = const.
            direction = raw - raw.mean(axis=1, keepdims=True)
            to_upper = (upper - points) / direction
            to_lower = (lower - points) / direction
            # fmin/fmax skip the NaN of a zero direction component at a bound.
            longest = np.fmin.reduce(np.fmax(to_upper, to_lower), axis=1)
            shortest = np.fmax.reduce(np.fmin(to_upper, to_lower), axis=1)
            step_size = shortest + (longest - shortest) * rng.random(chains)
            points = points + step_size[:, np.newaxis] * direction
            done = step - burn_in + 1
            if done > 0 and done % thinning == 0:
                kept[done // thinning - 1] = points
    flat = kept.reshape(-1, n)[:samples]
    # Remove rounding drift accumulated along the chains.
    clipped: FloatArray = np.clip(flat, lower, upper)
    return clipped


def as_bounds(bounds: MatrixLike, n_criteria: int) -> FloatArray:
    """Return validated ``(n, 2)`` weight bounds ``[lower, upper]`` on normalised weights."""
    try:
        arr = np.asarray(bounds, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidProblem(
            "weight_bounds", "must be one [lower, upper] pair per criterion"
        ) from None
    if arr.shape != (n_criteria, 2):
        raise InvalidProblem(
            "weight_bounds",
            f"must be one [lower, upper] pair per criterion ({n_criteria}), got shape {arr.shape}",
        )
    for j in range(n_criteria):
        low = as_real(arr[j, 0], f"weight_bounds[{j}][0]")
        high = as_real(arr[j, 1], f"weight_bounds[{j}][1]")
        if not 0.0 <= low <= high <= 1.0:
            raise InvalidProblem(
                f"weight_bounds[{j}]",
                f"must satisfy 0 <= lower <= upper <= 1, got [{low:g}, {high:g}]",
            )
    if arr[:, 0].sum() > 1.0 + 1e-9:
        raise InvalidProblem(
            "weight_bounds", f"lower bounds add up to {arr[:, 0].sum():g} > 1; no weights fit"
        )
    if arr[:, 1].sum() < 1.0 - 1e-9:
        raise InvalidProblem(
            "weight_bounds", f"upper bounds add up to {arr[:, 1].sum():g} < 1; no weights fit"
        )
    return arr
