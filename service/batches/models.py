"""Tables of batch comparisons: the batch and its progress, its stored input (so that it can
resume after a restart), the outcomes of each processed chunk, and the finished result."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class Batch(SQLModel, table=True):
    """A batch of client profiles evaluated against a firm's catalog, and its progress.

    `status` goes queued -> running -> done or failed. It becomes done in the transaction
    that stores the whole result, so a batch is never served half-written. `runner` and
    `heartbeat_at` say which service process works on it and when it last reported; a
    running batch whose heartbeat is stale is taken over and resumes from its last chunk.
    """

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    created_by: str = Field(max_length=200)
    filename: str = Field(max_length=255)
    input_format: str = Field(max_length=8)
    output_format: str = Field(max_length=8)
    status: str = Field(default="queued", max_length=16, index=True)
    total: int
    processed: int = Field(default=0)
    ranked: int = Field(default=0)
    without_candidate: int = Field(default=0)
    failed_rows: int = Field(default=0)
    attempts: int = Field(default=0)
    runner: str | None = Field(default=None, max_length=100)
    heartbeat_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class BatchInput(SQLModel, table=True):
    """A batch's client rows and the catalog they are compared on, as submitted."""

    __tablename__ = "batch_input"

    batch_id: uuid.UUID = Field(foreign_key="batch.id", ondelete="CASCADE", primary_key=True)
    rows: list[dict[str, Any]] = Field(sa_type=JSON)
    catalog: dict[str, Any] = Field(sa_type=JSON)


class BatchChunk(SQLModel, table=True):
    """The outcomes of one processed chunk of rows: results and errors, as plain data."""

    __tablename__ = "batch_chunk"
    __table_args__ = (UniqueConstraint("batch_id", "position"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    batch_id: uuid.UUID = Field(foreign_key="batch.id", ondelete="CASCADE", index=True)
    position: int
    outcomes: list[dict[str, Any]] = Field(sa_type=JSON)
    errors: list[dict[str, Any]] = Field(sa_type=JSON)


class BatchResult(SQLModel, table=True):
    """A finished batch's output file."""

    __tablename__ = "batch_result"

    batch_id: uuid.UUID = Field(foreign_key="batch.id", ondelete="CASCADE", primary_key=True)
    media_type: str = Field(max_length=100)
    filename: str = Field(max_length=255)
    content: bytes = Field(sa_type=LargeBinary)
