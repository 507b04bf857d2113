"""Shortlists and evaluations of a project, against what its firm sees of the catalog."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, func, select

import criteria as engine
from service.errors import FieldError, InvalidInput, NotFound
from service.projects import service as projects
from service.projects.models import ClientProject, Evaluation
from service.selection.evaluate import CannotEvaluate, EvaluationRequest, evaluate
from service.selection.shortlist import shortlist as rank_shortlist
from vendors import service as catalog


class EvaluationNotFound(NotFound):
    """No such evaluation for this firm."""


def shortlist(
    session: Session, *, row: ClientProject, firm_id: uuid.UUID, size: int
) -> dict[str, Any]:
    """Apply the knock-outs to every product the firm sees and rank the survivors (TOPSIS)."""
    visible = catalog.visible_products(session, firm_id=firm_id)
    return rank_shortlist(
        [item.profile for item in visible],
        {item.profile.id: item.product.name for item in visible},
        projects.project_inputs(row),
        projects.project_requirements(row),
        projects.project_weights(session, row=row),
        size=size,
    )


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
    projects.hold_steady(session, row=row)
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
