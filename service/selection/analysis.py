"""Ranking a grid of ranged values: the point ranking at expected values, and what the missing
facts and the weights do to it.

- The point ranking scores each value at its expectation with the stated weights; with every
  fact known it is exactly ``criteria.rank`` on the known values.
- The joint analysis draws the weights around the stated ones and every unknown fact within
  its range, together, and reads SMAA-2 rank acceptabilities, each product's probability of
  ranking first, pairwise winning indices and best and worst ranks (Lahdelma & Salminen 2001;
  Tervonen & Figueira 2008). The best and worst ranks also cover the extreme completions:
  each product with its unknowns at their favourable ends and the others at their
  unfavourable ends, and the reverse.
- Robustness has two separate statements: to the weights (unknowns at their expectations,
  weights drawn) and to the missing facts (weights as stated, unknowns drawn).
- The influence of each unknown fact comes from the joint samples themselves: the change of
  each product's probability of ranking first between the draws in the upper and in the lower
  half of the fact's range.

The draws are common random numbers: each unknown fact and each criterion's weight factor has
a random stream of its own under one fixed seed (:data:`SEED`). So the same inputs give the
same results, a shortlist's last step gives exactly what the evaluation of its candidates
gives, and two analyses that differ by one fact draw everything else identically. With a
method whose comparison of two products only depends on their own values, or grows with them
(WSM, WPM, PROMETHEE II), an availability or a rating that turns favourable can then only help
its product, draw by draw: evidence is monotone. TOPSIS, VIKOR and ELECTRE I do not promise
it even between two fully known matrices: raising one product's value rescales the criterion
(TOPSIS's vector norm, VIKOR's best and worst, ELECTRE's column sums) and can help a third
product more (rank reversal). A price that becomes known also reorders the editions a draw
picks from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import criteria
from criteria import cost
from criteria.imprecise import JointSmaaResult, influence, smaa_joint
from criteria.methods import method_spec
from criteria.problem import FloatArray
from criteria.ranks import tied_positions
from criteria.sensitivity import StabilityResult, agreement, stability
from criteria.stack import scores_stack
from service.selection.grid import Grid
from service.selection.methods import Method
from service.selection.registry import CRITERIA, criterion_weight
from service.selection.unknowns import Unknown, quantiles, stream

SAMPLES = 10_000
#: Methods for which a favourable fact never lowers its product's chance of ranking first.
MONOTONE_METHODS = ("wsm", "wpm", "promethee2")
#: The seed of every analysis's random streams (see the module's docstring).
SEED = 20_261_129
#: Each stated weight may be off by up to half its value in the weight draws.
WEIGHT_SPREAD = 0.5
#: The winner is called robust when it stays first in at least this share of the weight
#: draws and of the completions of the unknown facts.
ROBUST_SHARE = 0.8
AGREEMENT_METHODS: tuple[Method, ...] = ("topsis", "wsm", "vikor", "promethee2")
#: The most work one request may ask for, in nanoseconds of the 2-core reference machine as
#: ``criteria.cost`` estimates it: about a second. The raw decision API refuses beyond it,
#: and so does the ranking of the products a shortlist screens (a firm may add any number).
#: An evaluation compares at most 10 products with 10,000 draws: well within it
#: (``python -m bench.bench_budget`` times the largest).
MAX_WORK_NS = 1_000_000_000


class CannotRank(ValueError):
    """The grid gives nothing to rank on (every criterion left out, or weights all on them)."""


class MethodRefuses(ValueError):
    """The method cannot rank these values (WPM with a value of 0, say), naming the product
    and the criterion."""


class TooManyProducts(MethodRefuses):
    """Ranking this many products with the method is more work than one request may do."""


@dataclass(frozen=True)
class Influence:
    """How much one unknown fact moves who ranks first."""

    unknown: Unknown
    change: dict[str, float]  # per product: P(first | upper half) - P(first | lower half)
    total: float  # half the sum of |change|: how much the first place moves, 0-1


@dataclass(frozen=True)
class Analysis:
    """Everything the verdict rests on."""

    grid: Grid
    weights: dict[str, float]
    method: str
    params: dict[str, Any]
    seed: int
    samples: int
    point: criteria.Ranking
    joint: JointSmaaResult | None
    weights_only: JointSmaaResult | None
    facts_only: JointSmaaResult | None
    extremes: dict[str, tuple[int, int]]  # per product: rank at best and worst completion
    influences: list[Influence]
    stability: StabilityResult
    agreement: dict[str, Any]

    @property
    def winner(self) -> str:
        """The point ranking's first product."""
        return self.point.ranking[0]

    def first(self, result: JointSmaaResult | None) -> dict[str, float]:
        """Each product's probability of ranking first in ``result`` (1/0 without sampling)."""
        if result is None:
            return {
                p: float(r == 1) for p, r in zip(self.grid.products, self.point.ranks, strict=True)
            }
        return dict(zip(self.grid.products, result.first.tolist(), strict=True))

    def best_rank(self, product: str) -> int:
        """The best rank the product reaches in any draw or extreme completion."""
        i = self.grid.products.index(product)
        seen = [self.extremes[product][0], int(self.point.ranks[i])]
        if self.joint is not None:
            seen.append(int(self.joint.best_rank[i]))
        return min(seen)

    def worst_rank(self, product: str) -> int:
        """The worst position the product holds in any draw or extreme completion."""
        i = self.grid.products.index(product)
        seen = [self.extremes[product][1], int(self.point.ranks[i])]
        if self.joint is not None:
            seen.append(int(self.joint.worst_rank[i]))
        return max(seen)


def used_weights(grid: Grid, weights: Mapping[str, float]) -> dict[str, float]:
    """The stated weights of the kept criteria, renormalised."""
    kept = {key: criterion_weight(weights, key) for key in grid.criteria}
    total = sum(kept.values())
    if not grid.criteria:
        raise CannotRank(
            "the compared products cannot be told apart: every criterion was left out ("
            + "; ".join(f"{k}: {why}" for k, why in grid.left_out.items())
            + ")"
        )
    if total <= 0:
        raise CannotRank(
            "the weights give nothing to the criteria that can tell these products apart ("
            + ", ".join(grid.criteria)
            + "); weigh at least one of them"
        )
    return {key: value / total for key, value in kept.items()}


def analyse(
    grid: Grid,
    weights: Mapping[str, float],
    *,
    method: str,
    params: Mapping[str, Any],
    seed: int = SEED,
    samples: int = SAMPLES,
    sampling: bool = True,
) -> Analysis:
    """Rank the grid at expected values and, with ``sampling``, under both uncertainties."""
    used, point = rank_point(grid, weights, method=method, params=params)
    w = np.array([used[key] for key in grid.criteria])
    options = dict(params)
    names = {"alternatives": grid.products, "criteria": grid.criteria}
    central = grid.central
    joint = weights_only = facts_only = None
    influences: list[Influence] = []
    if sampling:
        unknowns = grid.unknowns()
        draws = quantiles(unknowns, samples, seed)
        drawn_weights = weight_draws(grid.criteria, w, samples, seed)
        matrices = (
            grid.sample(draws, samples)
            if unknowns
            else np.broadcast_to(central, (samples, *central.shape))
        )
        stated = np.broadcast_to(w, drawn_weights.shape)
        fixed = np.broadcast_to(central, matrices.shape)
        joint = smaa_joint(
            matrices, grid.objectives, drawn_weights, method=method, **names, **options
        )
        weights_only = smaa_joint(
            fixed, grid.objectives, drawn_weights, method=method, **names, **options
        )
        facts_only = smaa_joint(
            matrices, grid.objectives, stated, method=method, **names, **options
        )
        influences = _influences(unknowns, draws, joint, grid.products)
    return Analysis(
        grid=grid,
        weights=used,
        method=method,
        params=options,
        seed=seed,
        samples=samples if sampling else 0,
        point=point,
        joint=joint,
        weights_only=weights_only,
        facts_only=facts_only,
        extremes=_extremes(grid, w, method, options),
        influences=influences,
        stability=stability(central, grid.objectives, w, method=method, **names, **options),
        agreement=_agreement(grid, w, central),
    )


def rank_point(
    grid: Grid, weights: Mapping[str, float], *, method: str, params: Mapping[str, Any]
) -> tuple[dict[str, float], criteria.Ranking]:
    """The kept criteria's weights, and the ranking at expected values with them."""
    used = used_weights(grid, weights)
    _within_budget(method, len(grid.products), len(grid.criteria))
    w = [used[key] for key in grid.criteria]
    central = grid.central
    try:
        point = criteria.rank(
            central,
            grid.objectives,
            w,
            method=method,
            alternatives=grid.products,
            criteria=grid.criteria,
            **dict(params),
        )
    except criteria.InvalidProblem as exc:
        cell = re.fullmatch(r"matrix\[(\d+)\]\[(\d+)\]", exc.field)
        if cell is None:
            raise
        i, j = (int(k) for k in cell.groups())
        raise MethodRefuses(
            f"{method.upper()} cannot rank these products: {grid.names[grid.products[i]]} "
            f"scores {central[i, j]:g} on {CRITERIA[grid.criteria[j]].label.en.lower()}, and "
            f"{method.upper()} needs {'values > 0' if method == 'wpm' else 'other values'} "
            "there; choose another method (TOPSIS, VIKOR or PROMETHEE II take any values)"
        ) from exc
    return used, point


def _within_budget(method: str, m: int, n: int) -> None:
    """Refuse to rank more products than one request can with ``method`` (PROMETHEE II and
    ELECTRE I compare every pair: their work grows with the square of the products)."""
    if cost.rank(method, m, n) <= MAX_WORK_NS:
        return
    most = cost.largest(lambda size: cost.rank(method, size, n), MAX_WORK_NS, 2, m)
    other = (
        ", or choose TOPSIS, WSM, WPM or VIKOR, which do not compare every pair"
        if method in cost.PAIRWISE_METHODS
        else ""
    )
    raise TooManyProducts(
        f"ranking {m:,} products with {method.upper()} is more work than one request may do "
        f"(at most {most:,} products on {n} criteria); narrow the requirements so that fewer "
        f"products pass the knock-outs{other}"
    )


def weight_draws(
    criteria: Sequence[str], weights: FloatArray, samples: int, seed: int
) -> FloatArray:
    """Weight vectors around the stated ones: each weight times a factor uniform in
    ``[1 - WEIGHT_SPREAD, 1 + WEIGHT_SPREAD]``, renormalised (as ``criteria.sampling.around``),
    each criterion's factors from a stream of its own."""
    factors = np.column_stack(
        [
            stream(seed, f"weight:{key}").uniform(1.0 - WEIGHT_SPREAD, 1.0 + WEIGHT_SPREAD, samples)
            for key in criteria
        ]
    )
    scaled = weights * factors
    drawn: FloatArray = scaled / scaled.sum(axis=1, keepdims=True)
    return drawn


def _influences(
    unknowns: list[Unknown],
    draws: Mapping[str, FloatArray],
    joint: JointSmaaResult,
    products: list[str],
) -> list[Influence]:
    if not unknowns:
        return []
    high = np.column_stack([draws[u.key] >= 0.5 for u in unknowns])
    change = influence(joint.first_shares, high)
    found = [
        Influence(
            unknown=unknown,
            change=dict(zip(products, change[k].tolist(), strict=True)),
            total=float(0.5 * np.abs(change[k]).sum()),
        )
        for k, unknown in enumerate(unknowns)
    ]
    return sorted(found, key=lambda item: (-item.total, item.unknown.product, item.unknown.path))


def _extremes(
    grid: Grid, w: FloatArray, method: str, params: dict[str, Any]
) -> dict[str, tuple[int, int]]:
    """Each product's rank when its unknowns are all favourable (others unfavourable), and the
    last position of its group when they are all unfavourable (others favourable)."""
    spec = method_spec(method)
    m = len(grid.products)
    favoured = np.stack([grid.extreme(i, favourable=True) for i in range(m)])
    disfavoured = np.stack([grid.extreme(i, favourable=False) for i in range(m)])
    stack = np.concatenate([favoured, disfavoured])
    scores = scores_stack(
        stack,
        grid.objectives,
        np.broadcast_to(w, (2 * m, w.shape[0])),
        method=method,
        criteria=tuple(grid.criteria),
        **params,
    )
    first, order, last = tied_positions(
        scores, higher_is_better=spec.higher_is_better, absolute=spec.tie_absolute
    )
    start = np.empty_like(first)
    end = np.empty_like(last)
    np.put_along_axis(start, order, first, axis=1)
    np.put_along_axis(end, order, last, axis=1)
    return {
        pid: (int(start[i, i]) + 1, int(end[m + i, i]) + 1) for i, pid in enumerate(grid.products)
    }


def _agreement(grid: Grid, w: FloatArray, central: FloatArray) -> dict[str, Any]:
    names: dict[str, Any] = {"alternatives": grid.products, "criteria": grid.criteria}
    usable: list[str] = []
    not_applicable: dict[str, str] = {}
    for name in AGREEMENT_METHODS:
        try:
            criteria.rank(central, grid.objectives, w, method=name, **names)
        except criteria.InvalidProblem as exc:
            not_applicable[name] = str(exc)
            continue
        usable.append(name)
    rankings: dict[str, list[str]] = {}
    tau = None
    if len(usable) > 1:
        agreed = agreement(
            central,
            grid.objectives,
            w,
            methods=usable,
            alternatives=grid.products,
            criteria=grid.criteria,
        )
        rankings = {name: list(r.ranking) for name, r in agreed.rankings.items()}
        tau = agreed.kendall_tau.tolist()
    return {
        "methods": usable if len(usable) > 1 else [],
        "rankings": rankings,
        "winners": {name: ranking[0] for name, ranking in rankings.items()},
        "kendall_tau": tau,
        "not_applicable": not_applicable,
    }
