"""The API's shapes for projects, weights, shortlists and evaluations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from service.selection.inputs import (
    Budget,
    HorizonYears,
    Populations,
    Project,
    ProjectContext,
    Requirements,
    TcoAssumptions,
    Version,
)
from service.selection.methods import Method
from service.selection.weights import StakeholderWeightsIn
from vendors.vocabulary import CompanySize

VersionField = Field(description="The project version you read; a stale one gets 409.")


class ProjectCreate(Project):
    """A new client project."""


class ProjectUpdate(BaseModel):
    """Fields to change on a project (absent fields stay as they are), and its version."""

    model_config = ConfigDict(extra="forbid")

    version: Version = VersionField
    client_name: str | None = Field(default=None, min_length=1, max_length=200)
    sector: str | None = Field(default=None, max_length=200)
    size: CompanySize | None = None
    context: ProjectContext | None = None
    users: Populations | None = None
    horizon_years: HorizonYears | None = None
    budget: Budget | None = None
    notes: str | None = Field(default=None, max_length=10_000)
    tco: TcoAssumptions | None = None


class RequirementsPut(Requirements):
    """The project's requirements, replaced as a whole, with the project version."""

    version: Version = VersionField


class WeightsPut(StakeholderWeightsIn):
    """One stakeholder's priorities, replaced as a whole, with the project version."""

    version: Version = VersionField


class StakeholderPublic(BaseModel):
    """A stakeholder's input, the weights derived from it and, for AHP, its consistency."""

    name: str
    method: str
    given: dict[str, JsonValue]
    weights: dict[str, float]
    consistency_ratio: float | None
    consistent: bool | None
    judgements_to_revisit: list[dict[str, JsonValue]]
    updated_at: datetime


class AggregatePublic(BaseModel):
    """The weights an evaluation would use now, and where the stakeholders disagree."""

    weights: dict[str, float]
    method: str = Field(
        description="preset:<context>, a weighting method, or how several "
        "stakeholders were combined."
    )
    stakeholders: list[str]
    spread: dict[str, dict[str, float]] = Field(
        description="Per criterion, the lowest and highest weight a stakeholder gave it."
    )
    disagreements: list[str] = Field(
        description="Criteria whose weights differ by more than 0.10 between stakeholders."
    )


class ProjectPublic(Project):
    """A project as stored, with its requirements and stakeholders."""

    id: uuid.UUID
    version: int
    requirements: Requirements | None
    stakeholders: list[StakeholderPublic]
    weights: AggregatePublic
    created_at: datetime
    updated_at: datetime


class ProjectSummary(BaseModel):
    """A project in a listing."""

    id: uuid.UUID
    client_name: str
    context: ProjectContext
    version: int
    updated_at: datetime


class ProjectsPublic(BaseModel):
    """A page of projects."""

    data: list[ProjectSummary]
    count: int


class ProjectDeleted(BaseModel):
    """What deleting a project removed: its evaluations and history go with it."""

    id: uuid.UUID
    deleted_evaluations: int
    deleted_history_events: int
    detail: str


class EventPublic(BaseModel):
    """One change to a project."""

    id: uuid.UUID
    actor: str
    action: str
    version: int
    detail: dict[str, JsonValue]
    created_at: datetime


class HistoryPublic(BaseModel):
    """A project's changes, newest first."""

    data: list[EventPublic]
    count: int


class CheckPublic(BaseModel):
    """A knock-out constraint's outcome for a product."""

    constraint: str
    status: Literal["pass", "fail", "unknown"]
    detail: str


class Candidate(BaseModel):
    """A product that passes every knock-out, with why it ranks where it does."""

    id: str
    product: str
    rank: int
    score: float
    strengths: list[str]
    tco: float | None
    budget_fit: str | None
    unconfirmed: list[CheckPublic]


class Eliminated(BaseModel):
    """A product a known fact eliminates, with the constraints it failed."""

    id: str
    product: str
    failed: list[CheckPublic]


class ShortlistPublic(BaseModel):
    """The knock-outs applied to every product the firm sees, and the best candidates."""

    method: str
    weights: dict[str, float]
    weights_source: str
    criteria: list[str]
    dropped_criteria: dict[str, str]
    candidates: list[Candidate]
    other_candidates: int
    eliminated: list[Eliminated]


class EvaluationCreate(BaseModel):
    """Which products to compare, and how."""

    model_config = ConfigDict(extra="forbid")

    products: list[str] = Field(min_length=2, max_length=10, description="2 to 10 product ids.")
    method: Method = "topsis"
    params: dict[str, JsonValue] = Field(
        default_factory=dict, description='Method parameters, e.g. {"v": 0.5} for VIKOR.'
    )


class EvaluationSummary(BaseModel):
    """An evaluation in a listing."""

    id: uuid.UUID
    project_id: uuid.UUID
    method: str
    project_version: int
    catalog_version: uuid.UUID | None
    input_hash: str
    winner: str
    created_by: str
    created_at: datetime


class EvaluationsPublic(BaseModel):
    """A project's evaluations, newest first."""

    data: list[EvaluationSummary]
    count: int


class EvaluationPublic(EvaluationSummary):
    """An evaluation with its whole immutable snapshot."""

    snapshot: dict[str, Any]
