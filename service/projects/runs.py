"""Shortlists and evaluations of a project, against what its firm sees of the catalog."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, func, select

import criteria as engine
from service.computing import computing
from service.db import release
from service.demos import service as demos
from service.errors import Conflict, FieldError, InvalidInput, NotFound
from service.projects import service as projects
from service.projects.models import ClientProject, Evaluation
from service.selection.analysis import MethodRefuses
from service.selection.changes import Changes, compare_snapshots
from service.selection.evaluate import (
    CannotEvaluate,
    EliminatedProduct,
    EvaluationRequest,
    evaluate,
)
from service.selection.shortlist import Market, to_public
from service.selection.shortlist import shortlist as rank_shortlist
from service.selection.snapshot import SCHEMA_VERSION, Snapshot
from vendors import service as catalog
from vendors.service import InvalidStoredValue


class EvaluationNotFound(NotFound):
    """No such evaluation for this firm."""


class LegacyEvaluation(Conflict):
    """An evaluation stored by an earlier engine, whose snapshot has another shape."""

    error = "legacy_evaluation"


def market(session: Session, *, firm_id: uuid.UUID, project_id: uuid.UUID | None = None) -> Market:
    """Every product the firm sees, prepared for a selection; for a project, with the ratings
    of its scripted demonstrations."""
    visible = catalog.visible_products(session, firm_id=firm_id)
    profiles = [item.profile for item in visible]
    if project_id is not None:
        profiles = demos.with_demo_ratings(session, project_id=project_id, profiles=profiles)
    return Market.of(profiles, {item.profile.id: item.product.name for item in visible})


def shortlist(
    session: Session,
    *,
    row: ClientProject,
    firm_id: uuid.UUID,
    size: int,
    method: str,
    params: dict[str, Any],
) -> dict[str, Any]:
    """Knock out, screen and analyse the best candidates among every product the firm sees."""
    weights = projects.project_weights(session, row=row)
    project = projects.project_inputs(row)
    seen = market(session, firm_id=firm_id, project_id=row.id)
    release(session)  # the analysis below holds no transaction
    try:
        result = rank_shortlist(
            seen,
            project,
            projects.project_requirements(row),
            weights,
            size=size,
            method=method,
            params=params,
        )
    except MethodRefuses as exc:
        raise InvalidInput(
            f"Cannot rank the candidates: {exc}.", fields=_field("query.method", str(exc))
        ) from exc
    except engine.InvalidProblem as exc:
        raise InvalidInput(
            f"Cannot rank the candidates: {exc}.",
            fields=_field(
                "query.params" if exc.field.startswith("params") else "query.method",
                exc.reason,
            ),
        ) from exc
    return to_public(result, project, weights.weights)


def load_snapshot(evaluation: Evaluation) -> Snapshot:
    """The evaluation's snapshot, typed; an earlier engine's snapshot is a 409."""
    if evaluation.snapshot.get("schema_version") != SCHEMA_VERSION:
        raise LegacyEvaluation(
            f"Evaluation {evaluation.id} was made by an earlier version of Shortlist: its "
            "snapshot is still returned by GET /api/v1/evaluations/{id}, but it has no ranges, "
            "probabilities or questions to export or show. Run the evaluation again."
        )
    return Snapshot.model_validate(evaluation.snapshot)


def create_evaluation(
    session: Session,
    *,
    row: ClientProject,
    firm_id: uuid.UUID,
    actor: str,
    product_ids: list[str],
    method: str,
    params: dict[str, Any],
    include_eliminated: bool = False,
) -> Evaluation:
    """Evaluate 2-10 products for the project and store the immutable snapshot."""
    if len(set(product_ids)) != len(product_ids):
        raise InvalidInput(
            "Each product may appear once.", fields=_field("body.products", "repeated product")
        )
    projects.hold_steady(session, row=row)
    seen = market(session, firm_id=firm_id, project_id=row.id)
    by_id = {facts.id: facts for facts in seen.facts}
    for index, slug in enumerate(product_ids):
        if slug not in by_id:
            raise InvalidInput(
                f"Unknown product {slug!r}.",
                fields=_field(f"body.products[{index}]", "unknown product"),
            )
    version = catalog.latest_version(session)
    request = EvaluationRequest(
        project=projects.project_inputs(row),
        requirements=projects.project_requirements(row),
        weights=projects.project_weights(session, row=row),
        profiles=[by_id[slug].profile for slug in product_ids],
        market=seen.facts,
        names={slug: by_id[slug].name for slug in product_ids},
        method=method,
        params=params,
        catalog_version=str(version.id) if version else None,
        include_eliminated=include_eliminated,
    )
    # What was read belongs to one version of the project; the analysis holds no transaction,
    # and the snapshot is stored in a short one of its own.
    release(session)
    try:
        with computing():
            snapshot = evaluate(request)
    except EliminatedProduct as exc:
        raise InvalidInput(
            f"Cannot evaluate: {exc}.",
            fields=_field(f"body.products[{exc.index}]", "eliminated by a knock-out constraint"),
        ) from exc
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
        input_hash=snapshot.input_hash,
        snapshot=snapshot.model_dump(mode="json"),
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
            "winner": snapshot.result.ranking[0],
            "include_eliminated": include_eliminated,
        },
    )
    return evaluation


def previous_changes(
    session: Session, *, evaluation: Evaluation
) -> tuple[uuid.UUID, Changes] | None:
    """The project's evaluation made just before `evaluation`, and what changed since it;
    None for the project's first (or when the earlier one has an earlier engine's snapshot)."""
    earlier = session.exec(
        select(Evaluation)
        .where(
            Evaluation.project_id == evaluation.project_id,
            col(Evaluation.created_at) < evaluation.created_at,
        )
        .order_by(col(Evaluation.created_at).desc())
    ).first()
    if earlier is None or earlier.snapshot.get("schema_version") != SCHEMA_VERSION:
        return None
    try:
        return earlier.id, compare_snapshots(load_snapshot(earlier), load_snapshot(evaluation))
    except InvalidStoredValue:
        return None


def get_evaluation(session: Session, *, firm_id: uuid.UUID, evaluation_id: uuid.UUID) -> Evaluation:
    """Return the firm's evaluation, or raise EvaluationNotFound."""
    evaluation = session.get(Evaluation, evaluation_id)
    if evaluation is None or evaluation.firm_id != firm_id:
        raise EvaluationNotFound(f"No evaluation {evaluation_id} for your firm.")
    return evaluation


def compare_evaluations(
    session: Session, *, firm_id: uuid.UUID, before_id: uuid.UUID, after_id: uuid.UUID
) -> tuple[Evaluation, Evaluation, Changes]:
    """Both evaluations (the firm's, of one project) and what changed from the first to the
    second."""
    before = get_evaluation(session, firm_id=firm_id, evaluation_id=before_id)
    after = get_evaluation(session, firm_id=firm_id, evaluation_id=after_id)
    if before.project_id != after.project_id:
        raise InvalidInput(
            "Both evaluations must be of the same project.",
            fields=_field("path.other_id", "an evaluation of another project"),
        )
    snapshots = load_snapshot(before), load_snapshot(after)
    release(session)  # no transaction stays open while the snapshots are compared
    return before, after, compare_snapshots(*snapshots)


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
