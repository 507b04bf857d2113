"""The shortlist of one project: knock-outs on every product it sees, then a TOPSIS ranking of
the survivors on the project's grid. Pure: the API and the batches share it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import criteria as engine
from service.selection.costs import budget_fit
from service.selection.grid import build_grid
from service.selection.inputs import Project, Requirements
from service.selection.knockouts import KnockoutResult, apply_knockouts
from service.selection.weights import AggregateWeights, restrict
from vendors.schema import ProductProfile

SHORTLIST_METHOD = "topsis"


@dataclass(frozen=True)
class Screened:
    """The grid of every product and each one's knock-outs: what the ranking needs."""

    products: list[str]
    criteria: list[str]
    objectives: list[str]
    matrix: np.ndarray[Any, np.dtype[np.float64]]
    dropped: dict[str, str]
    totals: dict[str, float | None]
    knockouts: list[KnockoutResult]


def shortlist(
    profiles: Sequence[ProductProfile],
    names: Mapping[str, str],
    project: Project,
    requirements: Requirements,
    weights: AggregateWeights,
    *,
    size: int,
) -> dict[str, Any]:
    """Apply the knock-outs to `profiles` and rank the survivors (TOPSIS); keep the best `size`."""
    grid = build_grid(profiles, project, requirements)
    totals = {pid: cost.total for pid, cost in grid.costs.items()}
    screened = Screened(
        products=grid.products,
        criteria=grid.criteria,
        objectives=grid.objectives,
        matrix=grid.matrix,
        dropped=grid.dropped,
        totals=totals,
        knockouts=[
            apply_knockouts(profile, project, requirements, totals[profile.id])
            for profile in profiles
        ],
    )
    return rank_screened(screened, names, project, weights, size=size)


def rank_screened(
    screened: Screened,
    names: Mapping[str, str],
    project: Project,
    weights: AggregateWeights,
    *,
    size: int,
) -> dict[str, Any]:
    """Rank the products no known fact eliminates (TOPSIS) and describe the best `size`."""
    eliminated: list[dict[str, Any]] = []
    survivors: list[KnockoutResult] = []
    for result in screened.knockouts:
        if result.eliminated:
            eliminated.append(
                {
                    "id": result.product,
                    "product": names[result.product],
                    "failed": [check.to_dict() for check in result.failed],
                }
            )
        else:
            survivors.append(result)
    criteria = screened.criteria
    candidates: list[dict[str, Any]] = []
    used = restrict(weights.weights, criteria) if criteria else None
    keep = [screened.products.index(result.product) for result in survivors]
    ordered: list[tuple[int, float, list[str]]] = []
    if len(keep) >= 2 and used is not None:
        ranking = engine.rank(
            screened.matrix[keep],
            screened.objectives,
            [used[key] for key in criteria],
            method=SHORTLIST_METHOD,
            alternatives=[screened.products[i] for i in keep],
            criteria=criteria,
        )
        for position in range(len(ranking.alternatives)):
            contributions = ranking.contributions[position]
            best = sorted(range(len(criteria)), key=lambda j: -contributions[j])[:2]
            strengths = [criteria[j] for j in best if contributions[j] > 0]
            ordered.append(
                (int(ranking.ranks[position]), float(ranking.scores[position]), strengths)
            )
    else:
        ordered = [(1, 1.0, []) for _ in keep]
    by_rank = sorted(
        zip(survivors, ordered, strict=True), key=lambda pair: (pair[1][0], pair[0].product)
    )
    for result, (rank, score, strengths) in by_rank[:size]:
        total = screened.totals[result.product]
        candidates.append(
            {
                "id": result.product,
                "product": names[result.product],
                "rank": rank,
                "score": score,
                "strengths": strengths,
                "tco": total,
                "budget_fit": budget_fit(total, project),
                "unconfirmed": [check.to_dict() for check in result.unconfirmed],
            }
        )
    return {
        "method": SHORTLIST_METHOD,
        "weights": used or {},
        "weights_source": weights.method,
        "criteria": criteria,
        "dropped_criteria": screened.dropped,
        "candidates": candidates,
        "other_candidates": max(0, len(survivors) - size),
        "eliminated": eliminated,
    }
