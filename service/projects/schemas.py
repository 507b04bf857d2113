"""The API's shapes for projects, weights, shortlists and evaluations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StrictBool

from service.projects import examples
from service.selection.changes import Changes
from service.selection.fields import HorizonYears, Version
from service.selection.gains import Gains
from service.selection.inputs import (
    Budget,
    Populations,
    Project,
    ProjectContext,
    Requirements,
    TcoAssumptions,
)
from service.selection.methods import Method
from service.selection.snapshot import CheckOut, EvidenceShare, LeftOut, Snapshot
from service.selection.weights import StakeholderWeightsIn
from vendors.vocabulary import CompanySize

VersionField = Field(
    default=None,
    description="The project version you read (or send its ETag as If-Match); a stale one "
    "gets 409.",
)


class ProjectCreate(Project):
    """A new client project."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.PROJECT]})


class ProjectUpdate(BaseModel):
    """Fields to change on a project (absent fields stay as they are), and its version."""

    model_config = ConfigDict(extra="forbid")

    version: Version | None = VersionField
    client_name: str | None = Field(default=None, min_length=1, max_length=200)
    sector: str | None = Field(default=None, max_length=200)
    size: CompanySize | None = None
    context: ProjectContext | None = None
    users: Populations | None = None
    horizon_years: HorizonYears | None = None
    budget: Budget | None = None
    notes: str | None = Field(default=None, max_length=10_000)
    tco: TcoAssumptions | None = None
    gains: Gains | None = None


class RequirementsPut(Requirements):
    """The project's requirements, replaced as a whole, with the project version."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.REQUIREMENTS]})

    version: Version | None = VersionField


class WeightsPut(StakeholderWeightsIn):
    """One stakeholder's priorities, replaced as a whole, with the project version."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [examples.WEIGHTS_AHP, examples.WEIGHTS_RANK]}
    )

    version: Version | None = VersionField


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


class CostRange(BaseModel):
    """A TCO over the horizon: a point when every fact is known, else its bounds."""

    low: float | None
    mean: float | None
    high: float | None
    known: bool


class Candidate(BaseModel):
    """A product that no known fact eliminates, with its chances and what is still unknown."""

    id: str
    product: str
    rank: int = Field(description="Order by probability of ranking first among the candidates.")
    screening_rank: int = Field(description="Rank among all survivors at expected values.")
    score: float = Field(description="Score among all survivors at expected values.")
    p_first: float | None = Field(
        description="Probability of ranking first among the candidates, over the weights and "
        "the unknown facts (the evaluation of these candidates gives the same)."
    )
    evidence: EvidenceShare | None
    strengths: list[str]
    tco: CostRange
    budget_fit: Literal["below", "within", "above", "to_confirm"] | None
    to_confirm: list[CheckOut]


class TiedCandidate(BaseModel):
    """A product tied at the cut-off with the last candidate kept, but not kept."""

    id: str
    product: str
    screening_rank: int
    score: float


class Eliminated(BaseModel):
    """A product a constraint eliminates whatever its unknown facts are."""

    id: str
    product: str
    failed: list[CheckOut]


class ShortlistPublic(BaseModel):
    """Knock-outs on every product the firm sees, then the best candidates. ``criteria``,
    ``left_out`` and ``weights`` are those of the comparison of the candidates (what their
    chances rest on, as in their evaluation); the screening of all survivors may keep more."""

    method: str
    weights: dict[str, float]
    weights_source: str
    criteria: list[str]
    left_out: list[LeftOut]
    samples: int
    candidates: list[Candidate]
    tied_at_cutoff: list[TiedCandidate]
    other_candidates: int
    eliminated: list[Eliminated]


class EvaluationCreate(BaseModel):
    """Which products to compare, and how."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [examples.EVALUATION]})

    products: list[str] = Field(min_length=2, max_length=10, description="2 to 10 product ids.")
    method: Method = "topsis"
    params: dict[str, JsonValue] = Field(
        default_factory=dict, description='Method parameters, e.g. {"v": 0.5} for VIKOR.'
    )
    include_eliminated: StrictBool = Field(
        default=False,
        description="Compare products a knock-out constraint eliminates too (they are marked "
        "as eliminated in the result and the exports); without it, such a product is a 422.",
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
    include_eliminated: bool = Field(
        description="Whether products a knock-out eliminates were compared anyway."
    )
    created_by: str
    created_at: datetime


class EvaluationsPublic(BaseModel):
    """A project's evaluations, newest first."""

    data: list[EvaluationSummary]
    count: int


class EvaluationPublic(EvaluationSummary):
    """An evaluation with its whole immutable snapshot (an evaluation made by an earlier
    engine keeps its earlier shape, without schema_version 2)."""

    snapshot: Snapshot | dict[str, JsonValue]


class EvaluationChanges(Changes):
    """What changed from one evaluation of a project to another."""

    project_id: uuid.UUID
    before: EvaluationSummary
    after: EvaluationSummary
