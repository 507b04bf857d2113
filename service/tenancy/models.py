"""Tables for firms and API keys."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class Firm(SQLModel, table=True):
    """An integrator firm: every consultant-facing row is scoped by one."""

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class ApiKey(SQLModel, table=True):
    """A consultant's API key; only its SHA-256 digest and a short display prefix are stored."""

    __tablename__ = "api_key"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", index=True, ondelete="CASCADE")
    prefix: str = Field(max_length=16)
    key_hash: str = Field(max_length=64, unique=True)
    label: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
