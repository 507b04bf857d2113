"""The shortlist of one project, through the same core, method and weights as the evaluation.

1. Knock-outs on evidence over every product the firm sees: a product is eliminated only when
   it fails a constraint whatever its unknown facts turn out to be.
2. Screening: the survivors ranked at expected values with the evaluation's method and
   weights; the best ``size`` are kept, and products tied with the last one kept are reported.
3. With sampling, the kept products are analysed exactly as an evaluation of them would be
   (same draws), and ordered by their probability of ranking first: the shortlist's first
   candidate is the evaluation's most probable winner.

The batch runs steps 1 and 2 only (``sampling=False``): same candidates, screening order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from service.selection.analysis import SAMPLES, CannotRank, analyse, rank_point
from service.selection.costs import (
    CostCache,
    PriceBounds,
    PriceOption,
    ProductCost,
    budget_fit,
)
from service.selection.currency import Rates
from service.selection.evaluate import (
    Comparison,
    compare,
    evidence_share,
    project_rates,
)
from service.selection.facts import ProductFacts
from service.selection.grid import build_grid
from service.selection.inputs import Project, Requirements
from service.selection.knockouts import (
    Check,
    KnockoutResult,
    Part,
    apply_knockouts,
    constraint_parts,
    part_checks,
)
from service.selection.registry import Context
from service.selection.weights import AggregateWeights

DEFAULT_METHOD = "topsis"
# What a market remembers across projects (bounds memory in a large batch): requirement
# checks per product and part, and price bounds per currency and set of project rates.
_MAX_CHECKS = 4_000
_MAX_PRICINGS = 1_000


class Market:
    """The products a firm sees, prepared once: their facts, and per project currency the
    rates and price bounds, and per product the requirement checks already made."""

    def __init__(self, facts: Sequence[ProductFacts]) -> None:
        self.facts = list(facts)
        self._bounds: dict[tuple[Any, ...], tuple[Rates, PriceBounds]] = {}
        self._checks: dict[tuple[str, Part], list[Check]] = {}
        self.options: dict[tuple[Any, ...], tuple[tuple[PriceOption, ...], str, bool]] = {}

    def cost_cache(self) -> CostCache:
        """A cost cache for one project that shares the market's price options."""
        return CostCache(options=self.options)

    @classmethod
    def of(cls, profiles: Sequence[Any], names: Mapping[str, str]) -> Market:
        """Prepare ``profiles`` named as the catalog names them."""
        return cls([ProductFacts.of(p, names.get(p.id)) for p in profiles])

    def pricing(self, project: Project) -> tuple[Rates, PriceBounds]:
        """The project's rates and the market's price bounds in its currency."""
        rates = project_rates(project)
        key = rates.key
        found = self._bounds.get(key)
        if found is None:
            if len(self._bounds) >= _MAX_PRICINGS:
                self._bounds.clear()
            found = self._bounds[key] = (rates, PriceBounds.of(self.facts, rates))
        return found

    def checks(self, facts: ProductFacts, parts: Sequence[Part]) -> list[Check]:
        """The product's requirement checks (all but the budget), each part made once."""
        checks: list[Check] = []
        for part in parts:
            found = self._checks.get((facts.id, part))
            if found is None:
                if len(self._checks) >= _MAX_CHECKS:
                    self._checks.clear()
                found = self._checks[(facts.id, part)] = part_checks(facts, part)
            checks += found
        return checks


@dataclass
class Candidate:
    """A product kept for the final comparison."""

    id: str
    name: str
    screening_rank: int
    screening_score: float
    strengths: list[str]
    knockout: KnockoutResult
    p_first: float | None = None
    rank: int = 0


@dataclass
class Shortlist:
    """The shortlist of one project."""

    method: str
    weights: dict[str, float]
    weights_source: str
    criteria: list[str]
    left_out: dict[str, str]
    left_out_codes: dict[str, str]
    candidates: list[Candidate]
    tied_at_cutoff: list[Candidate]
    other_candidates: int
    eliminated: list[KnockoutResult]
    names: dict[str, str]
    comparison: Comparison | None = None
    final: Comparison | None = None
    samples: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def shortlist(
    market: Market,
    project: Project,
    requirements: Requirements,
    weights: AggregateWeights,
    *,
    size: int,
    method: str = DEFAULT_METHOD,
    params: Mapping[str, Any] | None = None,
    sampling: bool = True,
    samples: int | None = None,
) -> Shortlist:
    """Knock out, screen and (with ``sampling``) analyse the best ``size`` products."""
    options = dict(params or {})
    rates, bounds = market.pricing(project)
    costs: dict[str, ProductCost] = {}
    cache = market.cost_cache()
    everyone = Context.of(
        project, requirements, (), rates=rates, bounds=bounds, costs=costs, cache=cache
    )
    parts = constraint_parts(requirements)
    knockouts = {
        f.id: apply_knockouts(f, project, requirements, everyone.cost(f), market.checks(f, parts))
        for f in market.facts
    }
    names = {f.id: f.name for f in market.facts}
    survivors = [f for f in market.facts if not knockouts[f.id].eliminated]
    eliminated = [knockouts[f.id] for f in market.facts if knockouts[f.id].eliminated]
    result = Shortlist(
        method=method,
        weights={},
        weights_source=weights.method,
        criteria=[],
        left_out={},
        left_out_codes={},
        candidates=[],
        tied_at_cutoff=[],
        other_candidates=0,
        eliminated=eliminated,
        names=names,
    )
    if not survivors:
        return result
    ranked = _screen(survivors, knockouts, everyone, weights, method, options, result, size)
    for position, candidate in enumerate(ranked):
        candidate.knockout = knockouts[candidate.id]
        candidate.rank = position + 1
    kept = ranked[:size]
    last = kept[-1]
    result.tied_at_cutoff = [c for c in ranked[size:] if c.screening_rank == last.screening_rank]
    result.candidates = kept
    result.other_candidates = len(ranked) - len(kept)
    if sampling and len(kept) > 1:
        _final(
            result, market, project, requirements, weights, method, options, rates, bounds, samples
        )
    return result


def _screen(
    survivors: list[ProductFacts],
    knockouts: Mapping[str, KnockoutResult],
    everyone: Context,
    weights: AggregateWeights,
    method: str,
    params: dict[str, Any],
    result: Shortlist,
    size: int,
) -> list[Candidate]:
    """Rank the survivors at expected values, best first (strengths for the first ``size``)."""
    ctx = Context.of(
        everyone.project,
        everyone.requirements,
        survivors,
        rates=everyone.rates,
        bounds=everyone.bounds,
        costs=everyone.costs,
        cache=everyone.cache,
    )
    grid = build_grid(survivors, ctx, details=False)
    result.criteria = list(grid.criteria)
    result.left_out = dict(grid.left_out)
    result.left_out_codes = dict(grid.left_out_codes)
    result.comparison = Comparison(
        survivors, ctx, grid, {f.id: knockouts[f.id] for f in survivors}, ctx.rates, ctx.bounds
    )
    if len(survivors) < 2:
        only = survivors[0]
        return [Candidate(only.id, only.name, 1, 1.0, [], KnockoutResult(only.id))]
    try:
        result.weights, point = rank_point(grid, weights.weights, method=method, params=params)
    except CannotRank:
        # Nothing tells the survivors apart: they all tie, in catalog order.
        return [Candidate(f.id, f.name, 1, 0.0, [], KnockoutResult(f.id)) for f in survivors]
    sign = 1.0 if point.higher_is_better else -1.0
    index = {pid: i for i, pid in enumerate(grid.products)}
    candidates = [
        Candidate(
            pid,
            grid.names[pid],
            int(point.ranks[index[pid]]),
            float(point.scores[index[pid]]),
            [],
            KnockoutResult(pid),
        )
        for pid in point.ranking
    ]
    for candidate in candidates[:size]:
        contributions = sign * point.contributions[index[candidate.id]]
        best = np.argsort(-contributions, kind="stable")[:2]
        candidate.strengths = [grid.criteria[j] for j in best if contributions[j] > 0]
    return candidates


def _final(
    result: Shortlist,
    market: Market,
    project: Project,
    requirements: Requirements,
    weights: AggregateWeights,
    method: str,
    params: dict[str, Any],
    rates: Rates,
    bounds: PriceBounds,
    samples: int | None,
) -> None:
    """Analyse the kept products as their evaluation would and order them by P(first)."""
    by_id = {f.id: f for f in market.facts}
    kept = [by_id[c.id] for c in result.candidates]
    comparison = compare(kept, project, requirements, rates=rates, bounds=bounds)
    result.final = comparison
    try:
        analysis = analyse(
            comparison.grid,
            weights.weights,
            method=method,
            params=params,
            samples=SAMPLES if samples is None else samples,
        )
    except CannotRank:
        return
    first = analysis.first(analysis.joint)
    result.samples = analysis.samples
    # What the chances rest on: the comparison of the candidates, as their evaluation's.
    result.criteria = list(comparison.grid.criteria)
    result.left_out = dict(comparison.grid.left_out)
    result.left_out_codes = dict(comparison.grid.left_out_codes)
    result.weights = analysis.weights
    for candidate in result.candidates:
        candidate.p_first = first[candidate.id]
    result.candidates.sort(key=lambda c: (-(c.p_first or 0.0), c.screening_rank, c.id))
    for position, candidate in enumerate(result.candidates, start=1):
        candidate.rank = position
    result.extra["analysis"] = analysis


def to_public(
    result: Shortlist, project: Project, weights_total: Mapping[str, float]
) -> dict[str, Any]:
    """The shortlist as the API returns it."""
    comparison = result.final or result.comparison
    grid_costs = {}
    if comparison is not None:
        grid_costs = comparison.grid.costs
    total = sum(float(weights_total.get(key, 0.0)) for key in [*result.criteria, *result.left_out])

    def cost_of(pid: str) -> dict[str, Any]:
        cost = grid_costs.get(pid)
        if cost is None or cost.unbounded:
            return {"low": None, "mean": None, "high": None, "known": False}
        return {"low": cost.low, "mean": cost.mean, "high": cost.high, "known": not cost.unknowns}

    def evidence(pid: str) -> dict[str, Any] | None:
        if comparison is None:
            return None
        return evidence_share(comparison, pid, weights_total).model_dump()

    def candidate(c: Candidate) -> dict[str, Any]:
        cost = cost_of(c.id)
        fit = None
        if cost["low"] is not None:
            fit = budget_fit(cost["low"], cost["high"], project.budget)
        return {
            "id": c.id,
            "product": c.name,
            "rank": c.rank,
            "screening_rank": c.screening_rank,
            "score": c.screening_score,
            "p_first": c.p_first,
            "evidence": evidence(c.id),
            "strengths": c.strengths,
            "tco": cost,
            "budget_fit": fit,
            "to_confirm": [_check(check) for check in c.knockout.to_confirm],
        }

    return {
        "method": result.method,
        "weights": result.weights,
        "weights_source": result.weights_source,
        "criteria": result.criteria,
        "left_out": [
            {
                "criterion": key,
                "code": result.left_out_codes[key],
                "reason": reason,
                "weight_share": float(weights_total.get(key, 0.0)) / total if total > 0 else 0.0,
            }
            for key, reason in result.left_out.items()
        ],
        "samples": result.samples,
        "candidates": [candidate(c) for c in result.candidates],
        "tied_at_cutoff": [
            {
                "id": c.id,
                "product": c.name,
                "screening_rank": c.screening_rank,
                "score": c.screening_score,
            }
            for c in result.tied_at_cutoff
        ],
        "other_candidates": result.other_candidates,
        "eliminated": [
            {
                "id": ko.product,
                "product": result.names[ko.product],
                "failed": [_check(check) for check in ko.failed],
            }
            for ko in result.eliminated
        ],
    }


def _check(check: Check) -> dict[str, Any]:
    return {
        "constraint": check.constraint,
        "status": check.status,
        "detail": check.detail,
        "facts": list(check.facts),
        "code": check.code or None,
        "params": dict(check.params),
    }
