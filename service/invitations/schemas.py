"""The API's shapes for invitations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from service.invitations.service import InvitationStatus, Step
from service.selection.fields import WHOLE_NUMBER

ExpiryDays = Annotated[int, Field(ge=1, le=90), WHOLE_NUMBER]


class InvitationCreate(BaseModel):
    """How long the link works and whether the client may see the comparison."""

    model_config = ConfigDict(extra="forbid")

    expires_in_days: ExpiryDays = Field(default=14, description="Days the link works: 1 to 90.")
    show_results: StrictBool = Field(
        default=False, description="Let the client see the comparison of the latest evaluation."
    )


class InvitationUpdate(BaseModel):
    """Allow or forbid the client to see the comparison."""

    model_config = ConfigDict(extra="forbid")

    show_results: StrictBool


class InvitationPublic(BaseModel):
    """An invitation as stored: never its token, which only the creation response shows."""

    id: uuid.UUID
    project_id: uuid.UUID
    status: InvitationStatus
    show_results: bool
    expires_at: datetime
    created_by: str
    created_at: datetime
    revoked_at: datetime | None
    answered_steps: list[Step] = Field(description="Steps the client has answered so far.")
    answered_at: datetime | None = Field(description="When the client last saved an answer.")


class InvitationCreated(InvitationPublic):
    """A new invitation with its link: send it to the client; it is shown only this once."""

    url: str = Field(description="The questionnaire's address, with its unguessable token.")


class InvitationsPublic(BaseModel):
    """A page of a project's invitations."""

    data: list[InvitationPublic]
    count: int
