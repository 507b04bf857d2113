"""The demonstration scenario and score tables."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from vendors.sqlbase import UTCDateTime, new_id, utc_now


class DemoScenario(SQLModel, table=True):
    """A scripted demonstration the finalists run, tied to the criteria it informs."""

    __tablename__ = "demo_scenario"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="project.id", ondelete="CASCADE", index=True)
    firm_id: uuid.UUID = Field(foreign_key="firm.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=300)
    description: str | None = Field(default=None, max_length=2000)
    # Targets: "ease_of_use", "ease_of_deployment", "scalability", "capability:<key>",
    # "domain:<domain>".
    criteria: list[str] = Field(default_factory=list, sa_type=JSON)
    products: list[str] = Field(default_factory=list, sa_type=JSON)
    open_to_clients: bool = Field(default=False)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class DemoScore(SQLModel, table=True):
    """One evaluator's 1-5 score of one product in one scenario."""

    __tablename__ = "demo_score"
    __table_args__ = (UniqueConstraint("scenario_id", "product", "role", "evaluator"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    scenario_id: uuid.UUID = Field(foreign_key="demo_scenario.id", ondelete="CASCADE", index=True)
    product: str = Field(max_length=100)
    evaluator: str = Field(max_length=200)
    role: str = Field(max_length=20)  # consultant | client
    invitation_id: uuid.UUID | None = Field(
        default=None, foreign_key="invitation.id", ondelete="SET NULL", index=True
    )
    # A key user's scores through the invitation link: the SHA-256 digest of the secret their
    # browser keeps, with the project's id (`service.web.demo_keys`); None for a consultant's
    # and for a key user's saved before browsers kept one.
    evaluator_key: str | None = Field(default=None, max_length=64)
    score: int
    comment: str | None = Field(default=None, max_length=2000)
    scored_by: str = Field(max_length=200)
    scored_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
