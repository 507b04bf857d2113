"""Creating, listing, revoking and checking API keys.

Keys are 256-bit random tokens, so a plain SHA-256 digest is enough to store them safely (a
slow password hash protects low-entropy secrets, which these are not) and lets each request
find its key with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass

from sqlmodel import Session, col, select

from service.errors import AppError
from service.tenancy.models import ApiKey, Firm
from vendors.sqlbase import utc_now

KEY_PREFIX = "sl_"
_PREFIX_LENGTH = 11


class ApiKeyNotFound(AppError):
    """No API key matches the given id or prefix."""

    status_code = 404
    error = "api_key_not_found"


class AmbiguousApiKey(AppError):
    """A prefix matches more than one API key."""

    status_code = 409
    error = "ambiguous_api_key"


@dataclass(frozen=True)
class NewApiKey:
    """A freshly created key: `secret` is shown once and never stored."""

    key: ApiKey
    firm: Firm
    secret: str


def hash_key(secret: str) -> str:
    """Return the stored digest of an API key."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def get_or_create_firm(session: Session, *, name: str) -> Firm:
    """Return the firm called `name`, creating it when it does not exist."""
    name = name.strip()
    if not name:
        raise ValueError("a firm needs a non-empty name")
    firm = session.exec(select(Firm).where(Firm.name == name)).first()
    if firm is None:
        firm = Firm(name=name)
        session.add(firm)
        session.flush()
    return firm


def create_api_key(session: Session, *, firm_name: str, label: str | None = None) -> NewApiKey:
    """Create a key for the firm `firm_name` (created if needed) and return its one-time secret."""
    firm = get_or_create_firm(session, name=firm_name)
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        firm_id=firm.id, prefix=secret[:_PREFIX_LENGTH], key_hash=hash_key(secret), label=label
    )
    session.add(key)
    session.flush()
    return NewApiKey(key=key, firm=firm, secret=secret)


def list_api_keys(session: Session, *, firm_name: str | None = None) -> list[tuple[ApiKey, Firm]]:
    """Return every key with its firm, oldest first, optionally for one firm."""
    query = select(ApiKey, Firm).join(Firm, col(ApiKey.firm_id) == col(Firm.id))
    if firm_name is not None:
        query = query.where(Firm.name == firm_name)
    rows = session.exec(query.order_by(col(ApiKey.created_at), col(ApiKey.prefix))).all()
    return [(key, firm) for key, firm in rows]


def revoke_api_key(session: Session, *, id_or_prefix: str) -> ApiKey:
    """Revoke the key whose id or display prefix is `id_or_prefix`; revoking twice is harmless."""
    try:
        matches = list(session.exec(select(ApiKey).where(ApiKey.id == uuid.UUID(id_or_prefix))))
    except ValueError:
        matches = list(session.exec(select(ApiKey).where(ApiKey.prefix == id_or_prefix)))
    if not matches:
        raise ApiKeyNotFound(f"no API key has the id or prefix {id_or_prefix!r}")
    if len(matches) > 1:
        raise AmbiguousApiKey(f"{len(matches)} keys share the prefix {id_or_prefix!r}; use the id")
    key = matches[0]
    if key.revoked_at is None:
        key.revoked_at = utc_now()
        session.add(key)
        session.flush()
    return key


@dataclass(frozen=True)
class Principal:
    """Who makes a request: the firm, and the key it used (named in projects' history)."""

    firm: Firm
    key: ApiKey

    @property
    def actor(self) -> str:
        """How the history names this caller: the key's prefix and label, never the key."""
        actor = f"api key {self.key.prefix}" + (f" ({self.key.label})" if self.key.label else "")
        return actor[:200]


_ACTOR = re.compile(r"api key \S+ \((?P<label>.+)\)")


def label_of(actor: str) -> str | None:
    """The key label an actor string of `Principal.actor` carries (a consultant's name), if
    any."""
    match = _ACTOR.fullmatch(actor)
    return match.group("label") if match else None


def authenticate(session: Session, *, secret: str) -> Principal | None:
    """Return the caller owning the live key `secret`, or None for an unknown or revoked key."""
    if not secret.startswith(KEY_PREFIX):
        return None
    query = (
        select(Firm, ApiKey)
        .join(ApiKey, col(ApiKey.firm_id) == col(Firm.id))
        .where(ApiKey.key_hash == hash_key(secret), col(ApiKey.revoked_at).is_(None))
    )
    row = session.exec(query).first()
    return None if row is None else Principal(firm=row[0], key=row[1])
