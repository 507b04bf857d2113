"""Tables of client projects, their stakeholders' weights, history and evaluations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class ClientProject(SQLModel, table=True):
    """A client's CRM selection, run by one firm; `version` guards concurrent edits."""

    __tablename__ = "project"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    client_name: str = Field(max_length=200)
    data: dict[str, Any] = Field(sa_type=JSON)
    requirements: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class StakeholderWeight(SQLModel, table=True):
    """One stakeholder's priorities as given, and the weights derived from them."""

    __tablename__ = "stakeholder_weight"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    method: str = Field(max_length=16)
    given: dict[str, Any] = Field(sa_type=JSON)
    weights: dict[str, float] = Field(sa_type=JSON)
    diagnostics: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class ProjectEvent(SQLModel, table=True):
    """One change to a project: who, when, what."""

    __tablename__ = "project_event"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    actor: str = Field(max_length=200)
    action: str = Field(max_length=50)
    version: int
    detail: dict[str, Any] = Field(sa_type=JSON)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Evaluation(SQLModel, table=True):
    """An immutable snapshot of one evaluation: its inputs and every result."""

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    method: str = Field(max_length=16)
    project_version: int
    catalog_version_id: uuid.UUID | None = Field(default=None, foreign_key="catalog_version.id")
    input_hash: str = Field(max_length=64, index=True)
    snapshot: dict[str, Any] = Field(sa_type=JSON)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
