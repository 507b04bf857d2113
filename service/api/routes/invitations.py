"""Invitations: links that let a client answer a project's questionnaire without an account."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status

from service.api.location import locate, located
from service.deps import CurrentFirm, CurrentPrincipal, SessionDep
from service.errors import documented
from service.invitations import service as invitations
from service.invitations.models import Invitation
from service.invitations.schemas import (
    InvitationCreate,
    InvitationCreated,
    InvitationPublic,
    InvitationsPublic,
    InvitationUpdate,
)
from service.pagination import Limit, Offset
from service.projects import service as projects

router = APIRouter(prefix="/projects/{project_id}/invitations", tags=["invitations"])

_NOT_FOUND = documented(e404="No such project or invitation for your firm")


def invitation_public(invitation: Invitation) -> InvitationPublic:
    """Return an invitation's public fields."""
    return InvitationPublic(
        id=invitation.id,
        project_id=invitation.project_id,
        status=invitations.status(invitation),
        show_results=invitation.show_results,
        expires_at=invitation.expires_at,
        created_by=invitation.created_by,
        created_at=invitation.created_at,
        revoked_at=invitation.revoked_at,
        answered_steps=invitations.answered_steps(invitation),
        answered_at=invitation.answered_at,
    )


@router.post(
    "",
    response_model=InvitationCreated,
    status_code=status.HTTP_201_CREATED,
    responses={**_NOT_FOUND, **located(status.HTTP_201_CREATED)},
)
def create_invitation(
    project_id: uuid.UUID,
    body: InvitationCreate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> InvitationCreated:
    """Invite the client to answer the questionnaire: the link is shown only in this response."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    new = invitations.create_invitation(
        session,
        row=row,
        actor=principal.actor,
        expires_in_days=body.expires_in_days,
        show_results=body.show_results,
    )
    url = str(request.url_for("web_welcome", token=new.token))
    locate(
        request,
        response,
        "read_invitation",
        project_id=project_id,
        invitation_id=new.invitation.id,
    )
    return InvitationCreated(**invitation_public(new.invitation).model_dump(), url=url)


@router.get("", response_model=InvitationsPublic, responses=_NOT_FOUND)
def list_invitations(
    project_id: uuid.UUID,
    session: SessionDep,
    firm: CurrentFirm,
    limit: Limit = 50,
    offset: Offset = 0,
) -> InvitationsPublic:
    """The project's invitations, newest first, with what the client has answered."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    rows, count = invitations.list_invitations(
        session, project_id=project_id, limit=limit, offset=offset
    )
    return InvitationsPublic(data=[invitation_public(row) for row in rows], count=count)


@router.get("/{invitation_id}", response_model=InvitationPublic, responses=_NOT_FOUND)
def read_invitation(
    project_id: uuid.UUID, invitation_id: uuid.UUID, session: SessionDep, firm: CurrentFirm
) -> InvitationPublic:
    """One invitation, with what the client has answered (never its link)."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    invitation = invitations.get_invitation(
        session, project_id=project_id, invitation_id=invitation_id
    )
    return invitation_public(invitation)


@router.patch("/{invitation_id}", response_model=InvitationPublic, responses=_NOT_FOUND)
def update_invitation(
    project_id: uuid.UUID,
    invitation_id: uuid.UUID,
    body: InvitationUpdate,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> InvitationPublic:
    """Allow or forbid the client to see the comparison of the latest evaluation."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    invitation = invitations.get_invitation(session, project_id=row.id, invitation_id=invitation_id)
    invitations.set_show_results(
        session,
        row=row,
        invitation=invitation,
        actor=principal.actor,
        show_results=body.show_results,
    )
    return invitation_public(invitation)


@router.delete("/{invitation_id}", response_model=InvitationPublic, responses=_NOT_FOUND)
def revoke_invitation(
    project_id: uuid.UUID,
    invitation_id: uuid.UUID,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> InvitationPublic:
    """Revoke the invitation: its link stops working at once; the answers stay in the project."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    invitation = invitations.get_invitation(session, project_id=row.id, invitation_id=invitation_id)
    invitations.revoke_invitation(session, row=row, invitation=invitation, actor=principal.actor)
    return invitation_public(invitation)
