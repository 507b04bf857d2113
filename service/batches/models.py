"""Tables of batch comparisons: the batch and its progress, its input stored per chunk with the
catalog it is compared on (so that any worker can take any chunk, and a batch resumes after a
restart), the outcomes of each evaluated chunk, and the finished result file in parts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, LargeBinary
from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class Batch(SQLModel, table=True):
    """A batch of client profiles evaluated against a firm's catalog, and its progress.

    `status` goes queued -> running -> done, or to failed or cancelled. Progress is counted
    in the transaction that stores a chunk's outcomes, once per chunk whoever evaluates it.
    `done` is set in the transaction that records the complete result file, so a batch is
    never served half-written. `runner` names the embedded worker (SQLite) that holds the
    batch; `updated_at` is its heartbeat. On PostgreSQL the job queue does that work.
    """

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    created_by: str = Field(max_length=200)
    filename: str = Field(max_length=255)
    input_format: str = Field(max_length=8)
    output_format: str = Field(max_length=8)
    status: str = Field(default="queued", max_length=16, index=True)
    total: int
    chunks: int = Field(default=0)
    chunks_done: int = Field(default=0)
    processed: int = Field(default=0)
    ranked: int = Field(default=0)
    without_candidate: int = Field(default=0)
    failed_rows: int = Field(default=0)
    attempts: int = Field(default=0)
    runner: str | None = Field(default=None, max_length=100)
    webhook_url: str | None = Field(default=None, max_length=2000)
    error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class BatchCatalog(SQLModel, table=True):
    """The catalog a batch's clients are compared on, as the firm saw it at upload."""

    __tablename__ = "batch_catalog"

    batch_id: uuid.UUID = Field(foreign_key="batch.id", ondelete="CASCADE", primary_key=True)
    catalog: dict[str, Any] = Field(sa_type=JSON)


class BatchInputChunk(SQLModel, table=True):
    """One chunk of a batch's client rows, as submitted (each row: its number and cells)."""

    __tablename__ = "batch_input_chunk"

    batch_id: uuid.UUID = Field(foreign_key="batch.id", ondelete="CASCADE", primary_key=True)
    chunk_no: int = Field(primary_key=True)
    rows: list[dict[str, Any]] = Field(sa_type=JSON)


class BatchOutputChunk(SQLModel, table=True):
    """The outcomes of one evaluated chunk: results and errors, as plain data. Keyed by batch
    and chunk, so a chunk evaluated twice (a retried job) is stored and counted once."""

    __tablename__ = "batch_output_chunk"

    batch_id: uuid.UUID = Field(foreign_key="batch.id", ondelete="CASCADE", primary_key=True)
    chunk_no: int = Field(primary_key=True)
    outcomes: list[dict[str, Any]] = Field(sa_type=JSON)
    errors: list[dict[str, Any]] = Field(sa_type=JSON)
    evaluated_by: str = Field(default="", max_length=100)


class BatchResult(SQLModel, table=True):
    """A finished batch's output file: which run of the finalisation wrote it, and its size.

    The file itself is in `BatchResultPart` rows of that run, read back one part at a time.
    """

    __tablename__ = "batch_result"

    batch_id: uuid.UUID = Field(foreign_key="batch.id", ondelete="CASCADE", primary_key=True)
    run: uuid.UUID
    media_type: str = Field(max_length=100)
    filename: str = Field(max_length=255)
    size: int
    parts: int


class BatchResultPart(SQLModel, table=True):
    """A part (at most about 1 MiB) of a result file written by one run of the finalisation."""

    __tablename__ = "batch_result_part"

    batch_id: uuid.UUID = Field(foreign_key="batch.id", ondelete="CASCADE", primary_key=True)
    run: uuid.UUID = Field(primary_key=True)
    part_no: int = Field(primary_key=True)
    content: bytes = Field(sa_type=LargeBinary)
