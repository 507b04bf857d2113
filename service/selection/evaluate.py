"""An evaluation: the shortlisted products ranked on the project's grid, with the reasons, the
robustness of the winner and everything that was missing or weak. Deterministic: the same
inputs give the same snapshot (SMAA's seed derives from them)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import criteria as engine
from criteria.sensitivity import agreement, smaa, stability
from service.selection.catalogue import CRITERIA
from service.selection.costs import budget_fit
from service.selection.explain import change_risks, summary
from service.selection.grid import Grid, build_grid
from service.selection.inputs import Project, Requirements
from service.selection.knockouts import apply_knockouts
from service.selection.methods import Method
from service.selection.weights import AggregateWeights, restrict
from vendors.schema import ProductProfile

AGREEMENT_METHODS: tuple[Method, ...] = ("topsis", "wsm", "vikor", "promethee2")
SMAA_SAMPLES = 10_000
DIFFERENCE_THRESHOLD = 0.05  # a criterion differs when its range exceeds 5 % of its scale


class CannotEvaluate(ValueError):
    """The products cannot be told apart, or the inputs do not allow a ranking."""


@dataclass(frozen=True)
class EvaluationRequest:
    """Everything an evaluation depends on."""

    project: Project
    requirements: Requirements
    weights: AggregateWeights
    profiles: Sequence[ProductProfile]
    method: str = "topsis"
    params: Mapping[str, Any] | None = None
    catalog_version: str | None = None

    def inputs(self) -> dict[str, Any]:
        """The inputs as plain data, recorded in the snapshot."""
        from vendors.files import dump_profile

        return {
            "project": self.project.model_dump(mode="json"),
            "requirements": self.requirements.model_dump(mode="json"),
            "weights": self.weights.to_dict(),
            "products": [p.id for p in self.profiles],
            "profiles": {p.id: dump_profile(p) for p in self.profiles},
            "method": self.method,
            "params": dict(self.params or {}),
            "catalog_version": self.catalog_version,
        }


def input_hash(inputs: Mapping[str, Any]) -> str:
    """The sha256 of the canonical JSON of the inputs."""
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def evaluate(request: EvaluationRequest) -> dict[str, Any]:
    """Run the evaluation and return its snapshot (plain JSON data)."""
    inputs = request.inputs()
    digest = input_hash(inputs)
    grid = build_grid(request.profiles, request.project, request.requirements)
    if not grid.criteria:
        raise CannotEvaluate(
            "the compared products cannot be told apart: every criterion was left out ("
            + "; ".join(f"{k}: {why}" for k, why in grid.dropped.items())
            + ")"
        )
    weights = restrict(request.weights.weights, grid.criteria)
    if weights is None:
        raise CannotEvaluate(
            "the weights give nothing to the criteria that can tell these products apart ("
            + ", ".join(grid.criteria)
            + "); weigh at least one of them"
        )
    w = [weights[key] for key in grid.criteria]
    params = dict(request.params or {})
    ranking = engine.rank(
        grid.matrix,
        grid.objectives,
        w,
        method=request.method,
        alternatives=grid.products,
        criteria=grid.criteria,
        **params,
    )
    robustness = _robustness(grid, w, request.method, params, seed=int(digest[:15], 16))
    result = ranking.to_dict()
    knockouts = {
        p.id: apply_knockouts(p, request.project, request.requirements, grid.costs[p.id].total)
        for p in request.profiles
    }
    first = robustness["smaa"]
    smaa_first = (
        None
        if first is None
        else dict(zip(grid.products, [row[0] for row in first["rank_acceptability"]], strict=True))
    )
    return {
        "input_hash": digest,
        "inputs": inputs,
        "matrix": {
            "products": grid.products,
            "criteria": grid.criteria,
            "objectives": grid.objectives,
            "values": grid.matrix.tolist(),
            "raw": grid.raw,
            "dropped": grid.dropped,
        },
        "weights_used": weights,
        "result": result,
        "differences": _differences(grid),
        "tco": {
            pid: cost.to_dict() | {"budget_fit": budget_fit(cost.total, request.project)}
            for pid, cost in grid.costs.items()
        },
        "coverage": {
            pid: {
                "rows": [row.to_dict() for row in rows],
                "gaps": [
                    row.requirement
                    for row in rows
                    if row.status in {"gap", "unknown"} and row.priority in {"must", "should"}
                ],
            }
            for pid, rows in grid.coverage.items()
        },
        "knockouts": {
            pid: {
                "eliminated": ko.eliminated,
                "checks": [check.to_dict() for check in ko.checks],
            }
            for pid, ko in knockouts.items()
        },
        "robustness": robustness,
        "missing_facts": [m.to_dict() for m in grid.missing],
        "low_confidence_inputs": [item.to_dict() for item in grid.low_confidence],
        "risks": change_risks(request.requirements.change_readiness),
        "summary": summary(
            ranking=result,
            criteria=grid.criteria,
            contributions=result["contributions"],  # type: ignore[arg-type]
            stability=robustness["stability"],
            smaa_first=smaa_first,
            agreement_winners=robustness["agreement"]["winners"],
            eliminated=[pid for pid, ko in knockouts.items() if ko.eliminated],
            dropped=grid.dropped,
        ),
    }


def _robustness(
    grid: Grid, weights: list[float], method: str, params: dict[str, Any], *, seed: int
) -> dict[str, Any]:
    names = {"alternatives": grid.products, "criteria": grid.criteria}
    sampled = smaa(
        grid.matrix,
        grid.objectives,
        weights,
        method=method,
        samples=SMAA_SAMPLES,
        seed=seed,
        alternatives=grid.products,
        criteria=grid.criteria,
        **params,
    )
    stable = stability(
        grid.matrix,
        grid.objectives,
        weights,
        method=method,
        alternatives=grid.products,
        criteria=grid.criteria,
        **params,
    )
    rankings: dict[str, Any] = {}
    winners: dict[str, str] = {}
    not_applicable: dict[str, str] = {}
    usable = []
    for name in AGREEMENT_METHODS:
        try:
            engine.rank(grid.matrix, grid.objectives, weights, method=name, **names)
        except engine.InvalidProblem as exc:
            not_applicable[name] = str(exc)
            continue
        usable.append(name)
    agreed = None
    if len(usable) > 1:
        agreed = agreement(
            grid.matrix,
            grid.objectives,
            weights,
            methods=usable,
            alternatives=grid.products,
            criteria=grid.criteria,
        )
    if agreed is not None:
        for method_name, ranking in agreed.rankings.items():
            rankings[method_name] = ranking.ranking
            winners[method_name] = ranking.ranking[0]
    return {
        "smaa": sampled.to_dict(),
        "stability": stable.to_dict(),
        "agreement": {
            "methods": usable,
            "rankings": rankings,
            "winners": winners,
            "kendall_tau": None if agreed is None else agreed.kendall_tau.tolist(),
            "not_applicable": not_applicable,
        },
    }


def _differences(grid: Grid) -> list[dict[str, Any]]:
    """Criteria on which the compared products differ by more than 5 % of the criterion's scale."""
    rows = []
    for j, key in enumerate(grid.criteria):
        column = grid.matrix[:, j]
        scale = float(np.max(np.abs(column))) or 1.0
        if float(np.ptp(column)) / scale > DIFFERENCE_THRESHOLD:
            best = column.argmin() if CRITERIA[key].objective == "min" else column.argmax()
            rows.append(
                {
                    "criterion": key,
                    "values": dict(zip(grid.products, column.tolist(), strict=True)),
                    "best": grid.products[int(best)],
                }
            )
    return rows
