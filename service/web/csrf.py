"""CSRF tokens for the client forms: an HMAC of the invitation and the time of issue.

A form carries the token in a hidden field; a POST is accepted only with a token the server
signed, for this invitation, less than `MAX_AGE` seconds ago. The invitation link itself is a
secret, so this is a second lock: a page on another site cannot forge a submission even if it
learns the link.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid

MAX_AGE = 24 * 3600  # a form left open for a day must be reloaded before it is sent


def _mac(secret: str, invitation_id: uuid.UUID, issued: int) -> str:
    message = f"csrf:{invitation_id}:{issued}".encode()
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def issue(secret: str, invitation_id: uuid.UUID, *, now: float | None = None) -> str:
    """Return a token for the forms of `invitation_id`."""
    issued = int(time.time() if now is None else now)
    return f"{issued}.{_mac(secret, invitation_id, issued)}"


def verify(
    secret: str,
    invitation_id: uuid.UUID,
    token: str | None,
    *,
    now: float | None = None,
    max_age: int = MAX_AGE,
) -> bool:
    """Tell whether `token` was issued by this server for `invitation_id` and is still fresh."""
    if not token:
        return False
    issued_text, _, mac = token.partition(".")
    if not issued_text.isdigit() or len(issued_text) > 12:
        return False
    issued = int(issued_text)
    age = (time.time() if now is None else now) - issued
    if age < -60 or age > max_age:  # a minute of clock skew between workers
        return False
    return hmac.compare_digest(mac, _mac(secret, invitation_id, issued))
