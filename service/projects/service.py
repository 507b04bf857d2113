"""Projects: queries and writes, scoped by firm. Every change bumps the project's version
(optimistically: a stale version is refused, nothing is lost) and is recorded in its history.
Functions flush; the caller commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import update
from sqlmodel import Session, col, delete, func, select

from service.errors import Conflict, NotFound, invalid_input
from service.projects.models import ClientProject, Evaluation, ProjectEvent, StakeholderWeight
from service.selection.inputs import Project, Requirements
from service.selection.weights import (
    AggregateWeights,
    StakeholderWeights,
    StakeholderWeightsIn,
    WeightMethod,
    aggregate,
)
from vendors.sqlbase import utc_now

_EMPTY_REQUIREMENTS = Requirements()


class ProjectNotFound(NotFound):
    """No such project for this firm."""


class StaleVersion(Conflict):
    """The project changed since the caller read it."""

    error = "stale_version"


def create_project(
    session: Session, *, firm_id: uuid.UUID, actor: str, project: Project
) -> ClientProject:
    """Store a new project and record its creation."""
    row = ClientProject(
        firm_id=firm_id, client_name=project.client_name, data=project.model_dump(mode="json")
    )
    session.add(row)
    session.flush()
    _record(session, row, actor, "created", {"project": row.data})
    return row


def get_project(session: Session, *, firm_id: uuid.UUID, project_id: uuid.UUID) -> ClientProject:
    """Return the firm's project, or raise ProjectNotFound (another firm's project included)."""
    row = session.get(ClientProject, project_id)
    if row is None or row.firm_id != firm_id:
        raise ProjectNotFound(f"No project {project_id} for your firm.")
    return row


def list_projects(
    session: Session, *, firm_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[ClientProject], int]:
    """Return a page of the firm's projects, most recently changed first, and their count."""
    query = select(ClientProject).where(ClientProject.firm_id == firm_id)
    rows = session.exec(
        query.order_by(col(ClientProject.updated_at).desc(), col(ClientProject.id))
        .offset(offset)
        .limit(limit)
    ).all()
    count = session.exec(
        select(func.count()).select_from(ClientProject).where(ClientProject.firm_id == firm_id)
    ).one()
    return list(rows), count


def project_inputs(row: ClientProject) -> Project:
    """The stored project as the selection's input model."""
    return Project.model_validate(row.data)


def project_requirements(row: ClientProject) -> Requirements:
    """The stored requirements; none yet means nothing in scope and no constraint."""
    return (
        _EMPTY_REQUIREMENTS
        if row.requirements is None
        else Requirements.model_validate(row.requirements)
    )


def update_project(
    session: Session,
    *,
    row: ClientProject,
    actor: str,
    version: int,
    changes: Mapping[str, Any],
) -> ClientProject:
    """Apply `changes` (validated as a whole) if `version` is current, and record them."""
    merged = {**row.data, **changes}
    project = _validated(Project, merged, prefix="body")
    before = {key: row.data.get(key) for key in changes}
    _claim_version(session, row, version)
    row.data = project.model_dump(mode="json")
    row.client_name = project.client_name
    session.add(row)
    after = {key: row.data.get(key) for key in changes}
    _record(session, row, actor, "updated", {"before": before, "after": after})
    return row


def put_requirements(
    session: Session, *, row: ClientProject, actor: str, version: int, requirements: Requirements
) -> ClientProject:
    """Replace the project's requirements if `version` is current, and record the change."""
    before = row.requirements
    _claim_version(session, row, version)
    row.requirements = requirements.model_dump(mode="json")
    session.add(row)
    _record(session, row, actor, "requirements", {"before": before, "after": row.requirements})
    return row


def put_stakeholder_weights(
    session: Session,
    *,
    row: ClientProject,
    actor: str,
    version: int,
    name: str,
    given: StakeholderWeightsIn,
    derived: StakeholderWeights,
) -> StakeholderWeight:
    """Store one stakeholder's priorities and derived weights if `version` is current."""
    _claim_version(session, row, version)
    existing = session.exec(
        select(StakeholderWeight).where(
            StakeholderWeight.project_id == row.id, StakeholderWeight.name == name
        )
    ).first()
    before = None if existing is None else existing.given
    stored = existing or StakeholderWeight(
        project_id=row.id, name=name, method="", given={}, weights={}
    )
    stored.method = given.method.value
    stored.given = given.model_dump(mode="json", exclude_none=True)
    stored.weights = derived.weights
    stored.diagnostics = derived.ahp
    stored.updated_at = utc_now()
    session.add(stored)
    session.flush()
    _record(
        session,
        row,
        actor,
        "weights",
        {"stakeholder": name, "before": before, "after": stored.given, "weights": stored.weights},
    )
    return stored


def stakeholders(session: Session, *, project_id: uuid.UUID) -> list[StakeholderWeight]:
    """The project's stakeholders, by name."""
    return list(
        session.exec(
            select(StakeholderWeight)
            .where(StakeholderWeight.project_id == project_id)
            .order_by(col(StakeholderWeight.name))
        )
    )


def project_weights(session: Session, *, row: ClientProject) -> AggregateWeights:
    """The project's weights: its stakeholders' aggregate, or the preset of its context."""
    rows = stakeholders(session, project_id=row.id)
    derived = [
        StakeholderWeights(s.name, WeightMethod(s.method), dict(s.weights), s.diagnostics)
        for s in rows
    ]
    inputs = {s.name: StakeholderWeightsIn.model_validate(s.given) for s in rows}
    project = project_inputs(row)
    return aggregate(
        derived, inputs, context=project.context, requirements=project_requirements(row)
    )


def delete_project(session: Session, *, row: ClientProject, version: int) -> tuple[int, int]:
    """Delete a project read at `version` with its evaluations, stakeholders and history;
    return how many evaluations and history events went with it."""
    _claim_version(session, row, version)
    evaluations = session.exec(
        select(func.count()).select_from(Evaluation).where(Evaluation.project_id == row.id)
    ).one()
    events = session.exec(
        select(func.count()).select_from(ProjectEvent).where(ProjectEvent.project_id == row.id)
    ).one()
    for table in (Evaluation, ProjectEvent, StakeholderWeight):
        session.exec(delete(table).where(col(table.project_id) == row.id))
    session.delete(row)
    session.flush()
    return evaluations, events


def history(
    session: Session, *, project_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[ProjectEvent], int]:
    """A project's recorded changes, newest first."""
    rows = session.exec(
        select(ProjectEvent)
        .where(ProjectEvent.project_id == project_id)
        .order_by(col(ProjectEvent.created_at).desc(), col(ProjectEvent.version).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    count = session.exec(
        select(func.count()).select_from(ProjectEvent).where(ProjectEvent.project_id == project_id)
    ).one()
    return list(rows), count


def hold_steady(session: Session, *, row: ClientProject) -> None:
    """Keep the project from changing until this transaction ends (a shared row lock on
    PostgreSQL; on SQLite the transaction's write lock, or the one snapshot a read transaction
    sees under WAL, already does it), so that what is read next, its requirements and
    stakeholders' weights, belongs to one version."""
    version = session.exec(
        select(ClientProject.version).where(ClientProject.id == row.id).with_for_update(read=True)
    ).one()
    if version != row.version:
        session.refresh(row)


def record(
    session: Session, *, row: ClientProject, actor: str, action: str, detail: dict[str, Any]
) -> None:
    """Record an event that does not change the project (an evaluation run, say)."""
    _record(session, row, actor, action, detail)


def _claim_version(session: Session, row: ClientProject, version: int) -> None:
    """Move the project from `version` to the next one, atomically, or raise StaleVersion.

    The conditional UPDATE is what guards against two writers that both read `version`: the
    database lets only one of them match it.
    """
    claimed = session.execute(
        update(ClientProject)
        .where(col(ClientProject.id) == row.id, col(ClientProject.version) == version)
        .values(version=version + 1, updated_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(row)
        raise StaleVersion(
            f"The project is at version {row.version}, not {version}: it changed since you read "
            "it. Read it again, reapply your change and send the new version."
        )
    session.refresh(row)


def _record(
    session: Session, row: ClientProject, actor: str, action: str, detail: dict[str, Any]
) -> None:
    session.add(
        ProjectEvent(
            project_id=row.id, actor=actor, action=action, version=row.version, detail=detail
        )
    )
    session.flush()


def _validated(model: type[Project], data: Mapping[str, Any], *, prefix: str) -> Project:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc, prefix=prefix) from exc


def newest_evaluation(session: Session, *, project_id: uuid.UUID) -> Evaluation | None:
    """The project's most recent evaluation, if any."""
    return session.exec(
        select(Evaluation)
        .where(Evaluation.project_id == project_id)
        .order_by(col(Evaluation.created_at).desc())
    ).first()
