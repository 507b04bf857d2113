"""An export asked for asynchronously: rendered by a queue worker (PostgreSQL) or the embedded
worker (SQLite) rather than during the request, and kept until downloaded or deleted."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import LargeBinary
from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class ExportJob(SQLModel, table=True):
    """An evaluation's export to render: format, language, status and, once done, the file.

    `status` goes queued -> running -> done or failed; a render holds a running export until
    `leased_until`, and one interrupted (its process gone) is taken over after that.
    """

    __tablename__ = "export_job"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    evaluation_id: uuid.UUID = Field(foreign_key="evaluation.id", ondelete="CASCADE", index=True)
    format: str = Field(max_length=8)
    lang: str = Field(max_length=8)
    status: str = Field(default="queued", max_length=16, index=True)
    media_type: str | None = Field(default=None, max_length=100)
    filename: str | None = Field(default=None, max_length=255)
    content: bytes | None = Field(default=None, sa_type=LargeBinary)
    error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    #: Renders started; past deferred.MAX_ATTEMPTS an export that keeps being interrupted fails.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    #: Until when the running render holds the export: after it another worker may take over.
    leased_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
