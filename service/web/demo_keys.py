"""The secret a key user's browser keeps once it has saved demonstration scores: their scores
are bound to it (its digest is stored with them), so that no one else with the invitation
link can change or read them by typing the same name.

A cookie of the invitation pages (every link the browser opens, so that a second link to the
same project keeps the key user's name), unreadable by scripts, kept until the invitation it
was last saved through expires. Only a SHA-256 digest of it with the project's id is stored,
as for invitation tokens: the same browser's digests in two projects cannot be matched.
"""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import datetime

from fastapi import Request, Response

from service.invitations.service import hash_token
from vendors.sqlbase import utc_now

COOKIE = "shortlist_evaluator"
_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def held(request: Request, project_id: uuid.UUID) -> str | None:
    """The digest of the secret the visitor's browser keeps, for the project, or None when it
    keeps none."""
    secret = _kept(request)
    return None if secret is None else _digest(secret, project_id)


def issue(request: Request, project_id: uuid.UUID) -> tuple[str, str]:
    """The visitor's secret, a new one when their browser keeps none, and its digest for the
    project."""
    secret = _kept(request) or secrets.token_urlsafe(32)
    return secret, _digest(secret, project_id)


def _digest(secret: str, project_id: uuid.UUID) -> str:
    return hash_token(f"{project_id.hex}:{secret}")


def _kept(request: Request) -> str | None:
    secret = request.cookies.get(COOKIE)
    return secret if secret is not None and _SECRET.fullmatch(secret) else None


def keep(response: Response, request: Request, *, secret: str, until: datetime) -> None:
    """Have the browser keep `secret` for the invitation pages until `until`. Secure when the
    request came over HTTPS (behind a proxy: as uvicorn's proxy headers tell)."""
    root = request.scope.get("root_path", "")
    response.set_cookie(
        COOKIE,
        secret,
        max_age=max(0, int((until - utc_now()).total_seconds())),
        path=f"{root}/invite/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="lax",
    )
