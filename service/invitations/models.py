"""The invitation table: only the SHA-256 digest of an invitation's token is stored."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class Invitation(SQLModel, table=True):
    """A link to a project's client questionnaire, with the client's accepted answers so far."""

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    show_results: bool = Field(default=False)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The client's last accepted answers per step, as typed, so a returning client finds them.
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
