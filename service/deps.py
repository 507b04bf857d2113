"""Dependencies shared by the routes: settings, the database session and the current firm.

Dependencies that do no I/O are `async def`: FastAPI runs a sync dependency in the thread
pool, and each hop there costs more than the work itself. Those that touch the database stay
sync, like the routes that use the session. The caller is authenticated by service.gate before
FastAPI reads the body; `get_principal` only picks it up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from service.config import Settings
from service.db import Sessions
from service.errors import FieldError, InvalidInput, Unauthorized
from service.tenancy.apikeys import Principal
from service.tenancy.models import Firm


async def reject_unknown_query(request: Request) -> None:
    """Answer 422 for a query parameter the route does not take (a typo would filter nothing)
    or one given twice (only one value would count)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    repeated = sorted(k for k in allowed if len(request.query_params.getlist(k)) > 1)
    if repeated:
        raise InvalidInput(
            f"Query parameter {', '.join(map(repr, repeated))} given more than once.",
            fields=[
                FieldError(field=f"query.{name}", message="given more than once")
                for name in repeated
            ],
        )
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        expected = ", ".join(sorted(allowed)) or "none"
        names = ", ".join(map(repr, unknown))
        raise InvalidInput(
            f"Unknown query parameter {names}; this route takes: {expected}.",
            fields=[
                FieldError(field=f"query.{name}", message="unknown parameter") for name in unknown
            ],
        )


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def get_settings_dep(request: Request) -> Settings:
    """Return the settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def reads_only(request: Request) -> None:
    """Mark a POST route that never writes (put it in the route's `dependencies`, which run
    before its parameters): its session takes no lock."""
    request.state.reads_only = True


def get_session(request: Request) -> Iterator[Session]:
    """Yield the request's session: committed when the route succeeds, rolled back otherwise.

    A GET (or a route marked `reads_only`) only reads: it takes no lock. Other methods may
    write: on SQLite each of their transactions takes the write lock when it begins, so routes
    that compute between reading and writing end their reading transaction first
    (`service.db.release`).
    """
    sessions: Sessions = request.app.state.sessions
    write = request.method not in _READ_METHODS and not getattr(request.state, "reads_only", False)
    with sessions.open(write=write) as session:
        yield session


# "function" scope commits before the response is sent, so a failed commit is never reported
# to the caller as a success.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="A consultant's API key: `Authorization: Bearer sl_...`.",
)


async def get_principal(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """Return the caller the gate authenticated (service.gate, before the body was read).

    `_credentials` only documents the scheme in the OpenAPI description.
    """
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        raise Unauthorized("Missing API key: send `Authorization: Bearer <key>`.")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def get_current_firm(principal: CurrentPrincipal) -> Firm:
    """Return the caller's firm: every query is scoped by it."""
    return principal.firm


CurrentFirm = Annotated[Firm, Depends(get_current_firm)]
