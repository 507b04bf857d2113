"""The API's shapes for vendor requests and their answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.selection.fields import WHOLE_NUMBER
from service.vendor_requests.service import AnswerStatus, RequestStatus

ExpiryDays = Annotated[int, Field(ge=1, le=90), WHOLE_NUMBER]
QuestionCount = Annotated[int, Field(ge=1, le=30), WHOLE_NUMBER]
FactPath = Annotated[str, Field(min_length=1, max_length=200)]


class VendorRequestCreate(BaseModel):
    """Which product to ask about, what to add to the evaluation's questions, for how long."""

    model_config = ConfigDict(extra="forbid")

    product: Annotated[str, Field(min_length=1, max_length=100)] = Field(
        description="The product's id, as the catalog or your firm names it."
    )
    paths: list[FactPath] = Field(
        default_factory=list,
        max_length=50,
        description="Facts to ask besides the evaluation's, by path: "
        "`capabilities.quotes.availability`, `editions.pro.price`, `hosting.countries`, "
        "`hosting.certifications`, `ui_languages`, `deployment.on_premise`, ...",
    )
    limit: QuestionCount = Field(
        default=10, description="How many of the evaluation's most influential unknowns to ask."
    )
    expires_in_days: ExpiryDays = Field(default=21, description="Days the link works: 1 to 90.")


class VendorQuestionOut(BaseModel):
    """One question, and the fact paths its answer may set."""

    key: str
    kind: str
    fr: str
    en: str
    influence: float | None = Field(
        description="How much the fact moves first place (0-1); null when you added it."
    )
    paths: list[str]


class VendorAnswerOut(BaseModel):
    """A vendor's answer and its review."""

    id: uuid.UUID
    question: str
    facts: dict[str, Any]
    evidence_url: str | None
    comment: str | None
    answered_by: str
    answered_at: datetime
    status: AnswerStatus
    reviewed_by: str | None
    reviewed_at: datetime | None


class VendorRequestPublic(BaseModel):
    """A vendor request as stored: never its token."""

    id: uuid.UUID
    project_id: uuid.UUID
    product: str
    status: RequestStatus
    evaluation_id: uuid.UUID | None = Field(
        description="The evaluation whose unknowns the questions come from."
    )
    expires_at: datetime
    created_by: str
    created_at: datetime
    submitted_at: datetime | None
    questions: list[VendorQuestionOut]


class VendorRequestCreated(VendorRequestPublic):
    """A new request with its link: send it to the vendor; it is shown only this once."""

    url: str = Field(description="The questionnaire's address, with its unguessable token.")


class VendorRequestDetail(VendorRequestPublic):
    """A request with the vendor's answers."""

    answers: list[VendorAnswerOut]


class VendorRequestsPublic(BaseModel):
    """A project's vendor requests, newest first."""

    data: list[VendorRequestPublic]
    count: int


class AnswerReview(BaseModel):
    """The consultant's decision on an answer."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["accepted", "verified", "rejected"] = Field(
        description="accepted: your firm's facts as vendor_declared; verified: as "
        "consultant_verified (you checked it); rejected: recorded nowhere."
    )


class CellErrorOut(BaseModel):
    """A refused cell of a returned questionnaire, as the spreadsheet numbers its rows."""

    row: int
    column: str
    message: str


class QuestionnaireImported(BaseModel):
    """What a returned questionnaire gave."""

    kept: list[str] = Field(description="The questions answered and kept, pending review.")
    errors: list[CellErrorOut] = Field(
        description="Refused cells; the other rows of a refused cell's question are not kept."
    )
    answers: list[VendorAnswerOut]
