"""The API's shapes for demonstration scenarios, scores and ratings."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from service.selection.fields import WHOLE_NUMBER

# A title or name holds something besides white space: the pattern says so in the schema (a
# blank one stripped to nothing would otherwise be schema-valid and refused).
_NOT_BLANK = r"\S"
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=_NOT_BLANK),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=_NOT_BLANK),
]
Slug = Annotated[str, Field(min_length=1, max_length=100)]
Target = Annotated[str, Field(min_length=1, max_length=120)]
ScoreValue = Annotated[int, Field(ge=1, le=5), WHOLE_NUMBER]

_CRITERIA = (
    "What the scenario informs: `ease_of_use`, `ease_of_deployment`, `scalability`, "
    "`capability:<key>` (how deep it goes) or `domain:<domain>`."
)


class ScenarioCreate(BaseModel):
    """A scripted demonstration the finalists run."""

    model_config = ConfigDict(extra="forbid")

    title: Title = Field(
        description="What is shown, e.g. 'A field sales rep creates a quote offline'."
    )
    description: Text | None = Field(default=None, description="The script, step by step.")
    criteria: list[Target] = Field(min_length=1, max_length=20, description=_CRITERIA)
    products: list[Slug] = Field(
        default_factory=list,
        max_length=10,
        description="The products demonstrated; by default the newest evaluation's.",
    )
    open_to_clients: bool = Field(
        default=False,
        description="Whether the client's key users score it through their invitation link.",
    )


class ScenarioUpdate(BaseModel):
    """What a scenario may change (its products stay: scores are given per product)."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    description: Text | None = None
    criteria: list[Target] | None = Field(default=None, min_length=1, max_length=20)
    open_to_clients: bool | None = None


class ScoreGiven(BaseModel):
    """One product's score in the scenario (null withdraws your earlier one)."""

    model_config = ConfigDict(extra="forbid")

    product: Slug
    score: ScoreValue | None = Field(
        description="1: fails the scenario; 3: does it with effort; 5: does it with ease."
    )
    comment: Text | None = None


class ScoresGiven(BaseModel):
    """An evaluator's scores of the scenario's products."""

    model_config = ConfigDict(extra="forbid")

    evaluator: Name = Field(description="Who scored: a name the client recognises.")
    scores: list[ScoreGiven] = Field(min_length=1, max_length=10)


class ScoreOut(BaseModel):
    """A score, as kept."""

    id: uuid.UUID
    product: str
    evaluator: str
    role: Literal["consultant", "client"]
    score: int
    comment: str | None
    scored_by: str
    scored_at: datetime


class ScenarioOut(BaseModel):
    """A scenario with its scores."""

    id: uuid.UUID
    project_id: uuid.UUID
    title: str
    description: str | None
    criteria: list[str]
    products: list[str]
    open_to_clients: bool
    created_by: str
    created_at: datetime
    scores: list[ScoreOut]


class ScenariosOut(BaseModel):
    """A project's scenarios, oldest first."""

    data: list[ScenarioOut]
    count: int


class DisagreementOut(BaseModel):
    """An evaluator whose scores sit furthest from the median (a whole point or more)."""

    evaluator: str
    role: str
    mean: float
    distance: float


class RatingOut(BaseModel):
    """The demonstrations' rating of a product on one criterion: the value the project's
    evaluations use, as a `demo_verified` fact."""

    product: str
    criterion: str
    path: str = Field(description="The rating fact it sets in this project's evaluations.")
    median: float
    low: int
    high: int
    spread: int
    scores: int
    evaluators: int
    scenarios: list[uuid.UUID]
    last_scored: date
    disagreeing: list[DisagreementOut]


class RatingsOut(BaseModel):
    """The project's demonstration ratings."""

    data: list[RatingOut]
    count: int
