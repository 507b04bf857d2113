"""Liveness (`/livez`: the process answers), readiness (`/readyz`: the database and, on
PostgreSQL, the job queue's schema answer) and health (`/healthz`, with the version)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service import __version__
from service.deps import SessionDep, SettingsDep
from service.errors import DatabaseUnavailable, ErrorResponse, database_failure
from service.queue.jobs import live_workers, uses_queue

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The service is up and its database answers."""

    status: Literal["ok"]
    version: str
    database: str


class Live(BaseModel):
    """The process answers."""

    status: Literal["ok"]


class Ready(BaseModel):
    """The service can take requests: its database answers, and so does the job queue."""

    status: Literal["ok"]
    database: str
    queue: Literal["postgresql", "embedded"] = Field(
        description="postgresql: batches go to `shortlist worker` processes; embedded: this "
        "service processes them (SQLite)."
    )
    queue_workers: int | None = Field(
        description="Queue workers that reported recently (PostgreSQL); with none, batches "
        "wait. Not a reason to be unready: the API still takes them."
    )


_UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorResponse, "description": "The database does not answer"}
}


@router.get("/livez", response_model=Live)
def livez() -> Live:
    """Answer without touching the database: a restart is due only when this fails."""
    return Live(status="ok")


@router.get("/readyz", response_model=Ready, responses=_UNAVAILABLE)
def readyz(session: SessionDep, settings: SettingsDep) -> Ready:
    """Check the database with a round trip and, on PostgreSQL, the job queue's tables."""
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
        queued = uses_queue(session)
        workers = (
            live_workers(session, within_seconds=settings.batch_stale_seconds) if queued else None
        )
    except SQLAlchemyError as exc:
        raise database_failure(exc) or DatabaseUnavailable(
            f"The database does not answer: {type(exc).__name__}."
        ) from exc
    return Ready(
        status="ok",
        database=session.get_bind().dialect.name,
        queue="postgresql" if queued else "embedded",
        queue_workers=workers,
    )


@router.get(
    "/healthz",
    response_model=Health,
    responses=_UNAVAILABLE,
)
def healthz(session: SessionDep) -> Health:
    """Check the database with a round trip and report the version and database dialect."""
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError as exc:
        raise database_failure(exc) or DatabaseUnavailable(
            f"The database does not answer: {type(exc).__name__}."
        ) from exc
    dialect = session.get_bind().dialect.name
    return Health(status="ok", version=__version__, database=dialect)
