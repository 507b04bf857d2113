"""Dependencies shared by the routes: settings, the database session and the current firm."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlmodel import Session

from service.config import Settings
from service.db import session_scope
from service.errors import Unauthorized
from service.tenancy.apikeys import authenticate
from service.tenancy.models import Firm


def get_settings_dep(request: Request) -> Settings:
    """Return the settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    """Return the app's database engine."""
    engine: Engine = request.app.state.engine
    return engine


def get_session(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Session]:
    """Yield the request's session: committed when the route succeeds, rolled back otherwise."""
    yield from session_scope(engine)


# "function" scope commits before the response is sent, so a failed commit is never reported
# to the caller as a success.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="A consultant's API key: `Authorization: Bearer sl_...`.",
)


def get_current_firm(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Firm:
    """Return the firm whose live API key authorises the request, or answer 401."""
    if credentials is None:
        raise Unauthorized("Missing API key: send `Authorization: Bearer <key>`.")
    firm = authenticate(session, secret=credentials.credentials)
    if firm is None:
        raise Unauthorized("Unknown or revoked API key.")
    return firm


CurrentFirm = Annotated[Firm, Depends(get_current_firm)]
