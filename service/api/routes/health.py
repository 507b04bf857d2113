"""Liveness and database health."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service import __version__
from service.deps import SessionDep
from service.errors import DatabaseUnavailable, ErrorResponse, database_failure

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The service is up and its database answers."""

    status: Literal["ok"]
    version: str
    database: str


@router.get(
    "/healthz",
    response_model=Health,
    responses={503: {"model": ErrorResponse, "description": "The database does not answer"}},
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
