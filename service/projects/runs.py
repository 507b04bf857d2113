"""Shortlists and evaluations of a project, against what its firm sees of the catalog."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, func, select

import criteria as engine
from service.errors import FieldError, InvalidInput, NotFound
from service.projects import service as projects
from service.projects.models import ClientProject, Evaluation
from service.selection.costs import budget_fit
from service.selection.evaluate import CannotEvaluate, EvaluationRequest, evaluate
from service.selection.grid import build_grid
from service.selection.knockouts import apply_knockouts
from service.selection.weights import restrict
from vendors import service as catalog

SHORTLIST_METHOD = "topsis"


class EvaluationNotFound(NotFound):
    """No such evaluation for this firm."""


def shortlist(
    session: Session, *, row: ClientProject, firm_id: uuid.UUID, size: int
) -> dict[str, Any]:
    """Apply the knock-outs to every product the firm sees and rank the survivors (TOPSIS)."""
    project = projects.project_inputs(row)
    requirements = projects.project_requirements(row)
    weights = projects.project_weights(session, row=row)
    visible = catalog.visible_products(session, firm_id=firm_id)
    profiles = [item.profile for item in visible]
    names = {item.profile.id: item.product.name for item in visible}
    grid = build_grid(profiles, project, requirements)
    eliminated, survivors = [], []
    for profile in profiles:
        result = apply_knockouts(profile, project, requirements, grid.costs[profile.id].total)
        if result.eliminated:
            eliminated.append(
                {
                    "id": profile.id,
                    "product": names[profile.id],
                    "failed": [check.to_dict() for check in result.failed],
                }
            )
        else:
            survivors.append((profile, result))
    candidates: list[dict[str, Any]] = []
    used = restrict(weights.weights, grid.criteria) if grid.criteria else None
    keep = [grid.products.index(p.id) for p, _ in survivors]
    ordered: list[tuple[int, float, list[str]]] = []
    if len(keep) >= 2 and used is not None:
        ranking = engine.rank(
            grid.matrix[keep],
            grid.objectives,
            [used[key] for key in grid.criteria],
            method=SHORTLIST_METHOD,
            alternatives=[grid.products[i] for i in keep],
            criteria=grid.criteria,
        )
        for position in range(len(ranking.alternatives)):
            contributions = ranking.contributions[position]
            best = sorted(range(len(grid.criteria)), key=lambda j: -contributions[j])[:2]
            strengths = [grid.criteria[j] for j in best if contributions[j] > 0]
            ordered.append(
                (int(ranking.ranks[position]), float(ranking.scores[position]), strengths)
            )
    else:
        ordered = [(1, 1.0, []) for _ in keep]
    by_rank = sorted(
        zip(survivors, ordered, strict=True), key=lambda pair: (pair[1][0], pair[0][0].id)
    )
    for (profile, result), (rank, score, strengths) in by_rank[:size]:
        total = grid.costs[profile.id].total
        candidates.append(
            {
                "id": profile.id,
                "product": names[profile.id],
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
        "criteria": grid.criteria,
        "dropped_criteria": grid.dropped,
        "candidates": candidates,
        "other_candidates": max(0, len(survivors) - size),
        "eliminated": eliminated,
    }


def create_evaluation(
    session: Session,
    *,
    row: ClientProject,
    firm_id: uuid.UUID,
    actor: str,
    product_ids: list[str],
    method: str,
    params: dict[str, Any],
) -> Evaluation:
    """Evaluate 2-10 products for the project and store the immutable snapshot."""
    if len(set(product_ids)) != len(product_ids):
        raise InvalidInput(
            "Each product may appear once.", fields=_field("body.products", "repeated product")
        )
    profiles = []
    for index, slug in enumerate(product_ids):
        try:
            profiles.append(catalog.get_product(session, firm_id=firm_id, slug=slug).profile)
        except catalog.ProductNotFound as exc:
            raise InvalidInput(
                f"Unknown product {slug!r}.",
                fields=_field(f"body.products[{index}]", "unknown product"),
            ) from exc
    version = catalog.latest_version(session)
    request = EvaluationRequest(
        project=projects.project_inputs(row),
        requirements=projects.project_requirements(row),
        weights=projects.project_weights(session, row=row),
        profiles=profiles,
        method=method,
        params=params,
        catalog_version=str(version.id) if version else None,
    )
    try:
        snapshot = evaluate(request)
    except CannotEvaluate as exc:
        raise InvalidInput(f"Cannot evaluate: {exc}.") from exc
    except engine.InvalidProblem as exc:
        field = exc.field if exc.field.startswith("params") else f"evaluation.{exc.field}"
        raise InvalidInput(
            f"Cannot evaluate: {exc}.", fields=_field(f"body.{field}", exc.reason)
        ) from exc
    evaluation = Evaluation(
        project_id=row.id,
        firm_id=firm_id,
        method=method,
        project_version=row.version,
        catalog_version_id=version.id if version else None,
        input_hash=snapshot["input_hash"],
        snapshot=snapshot,
        created_by=actor,
    )
    session.add(evaluation)
    session.flush()
    projects.record(
        session,
        row=row,
        actor=actor,
        action="evaluated",
        detail={
            "evaluation": str(evaluation.id),
            "products": product_ids,
            "method": method,
            "winner": snapshot["result"]["ranking"][0],
        },
    )
    return evaluation


def get_evaluation(session: Session, *, firm_id: uuid.UUID, evaluation_id: uuid.UUID) -> Evaluation:
    """Return the firm's evaluation, or raise EvaluationNotFound."""
    evaluation = session.get(Evaluation, evaluation_id)
    if evaluation is None or evaluation.firm_id != firm_id:
        raise EvaluationNotFound(f"No evaluation {evaluation_id} for your firm.")
    return evaluation


def list_evaluations(
    session: Session, *, project_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[Evaluation], int]:
    """A project's evaluations, newest first."""
    rows = session.exec(
        select(Evaluation)
        .where(Evaluation.project_id == project_id)
        .order_by(col(Evaluation.created_at).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    count = session.exec(
        select(func.count()).select_from(Evaluation).where(Evaluation.project_id == project_id)
    ).one()
    return list(rows), count


def _field(path: str, message: str) -> list[FieldError]:
    return [FieldError(field=path, message=message)]
