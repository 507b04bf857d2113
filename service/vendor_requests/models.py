"""The vendor request and answer tables (only the SHA-256 digest of a request's token is
stored, as for invitations), and the shape of an answer given on the page or in a file."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class VendorRequest(SQLModel, table=True):
    """Questions about one product of a project, sent to its vendor by link."""

    __tablename__ = "vendor_request"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    product: str = Field(max_length=100)
    token_hash: str = Field(max_length=64, unique=True)
    # [{key, kind, fr, en, influence, paths}] in the order they are asked.
    questions: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    evaluation_id: uuid.UUID | None = Field(
        default=None, foreign_key="evaluation.id", ondelete="SET NULL", index=True
    )
    expires_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class VendorAnswer(SQLModel, table=True):
    """The vendor's answer to one question: fact values by path, pending the consultant."""

    __tablename__ = "vendor_answer"
    __table_args__ = (UniqueConstraint("request_id", "question"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    request_id: uuid.UUID = Field(foreign_key="vendor_request.id", ondelete="CASCADE", index=True)
    question: str = Field(max_length=200)
    facts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    evidence_url: str | None = Field(default=None, max_length=2000)
    comment: str | None = Field(default=None, max_length=2000)
    answered_by: str = Field(max_length=200)
    answered_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    status: str = Field(default="pending", max_length=20)
    reviewed_by: str | None = Field(default=None, max_length=200)
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


@dataclass(frozen=True)
class GivenAnswer:
    """What the vendor gave for one question: fact values by path, a source link, a comment."""

    question: str
    facts: dict[str, Any]
    evidence_url: str | None
    comment: str | None
