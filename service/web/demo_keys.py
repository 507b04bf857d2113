"""The secret a key user's browser keeps once it has saved demonstration scores: their scores
are bound to it (its digest is stored with them), so that no one else with the invitation
link can change or read them by typing the same name.

A cookie of the invitation's path only, unreadable by scripts, kept until the invitation
expires. Only its SHA-256 digest is stored, as for invitation tokens.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from fastapi import Request, Response

from service.invitations.service import hash_token
from vendors.sqlbase import utc_now

COOKIE = "shortlist_evaluator"
_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def held(request: Request) -> str | None:
    """The digest of the secret the visitor's browser keeps, or None when it keeps none."""
    secret = _kept(request)
    return None if secret is None else hash_token(secret)


def issue(request: Request) -> tuple[str, str]:
    """The visitor's secret, a new one when their browser keeps none, and its digest."""
    secret = _kept(request) or secrets.token_urlsafe(32)
    return secret, hash_token(secret)


def _kept(request: Request) -> str | None:
    secret = request.cookies.get(COOKIE)
    return secret if secret is not None and _SECRET.fullmatch(secret) else None


def keep(response: Response, request: Request, *, token: str, secret: str, until: datetime) -> None:
    """Have the browser keep `secret` for the pages of the invitation `token` until `until`."""
    root = request.scope.get("root_path", "")
    response.set_cookie(
        COOKIE,
        secret,
        max_age=max(0, int((until - utc_now()).total_seconds())),
        path=f"{root}/invite/{token}",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="lax",
    )
