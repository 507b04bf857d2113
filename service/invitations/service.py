"""Invitations: created, listed, changed and revoked by the consultant, opened by the client.

A token is 256 random bits shown once, in the invitation's URL; only its SHA-256 digest is
stored (as for API keys), so a leaked database does not open any questionnaire. Functions
flush; the caller commits.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlmodel import Session, col, func, select

from service.errors import NotFound
from service.invitations.models import Invitation
from service.projects import service as projects
from service.projects.models import ClientProject
from vendors.sqlbase import utc_now

MAX_TOKEN_LENGTH = 100  # a real token is 43 characters; anything much longer is not one


class InvitationNotFound(NotFound):
    """No such invitation for this project."""


class Step(StrEnum):
    """The questionnaire's steps, in the order the client answers them."""

    COMPANY = "company"
    USERS = "users"
    SCOPE = "scope"
    CONSTRAINTS = "constraints"
    GAINS = "gains"
    PRIORITIES = "priorities"


class InvitationStatus(StrEnum):
    """Whether an invitation still opens the questionnaire."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class NewInvitation:
    """A freshly created invitation: `token` is shown once and never stored."""

    invitation: Invitation
    token: str


def hash_token(token: str) -> str:
    """Return the stored digest of an invitation token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def status(invitation: Invitation, *, now: datetime | None = None) -> InvitationStatus:
    """Tell whether the invitation is active, expired or revoked."""
    if invitation.revoked_at is not None:
        return InvitationStatus.REVOKED
    if invitation.expires_at <= (now or utc_now()):
        return InvitationStatus.EXPIRED
    return InvitationStatus.ACTIVE


def answered_steps(invitation: Invitation) -> list[Step]:
    """The steps the client has answered, in questionnaire order."""
    return [step for step in Step if step.value in invitation.answers]


def actor(invitation: Invitation) -> str:
    """How the project's history names the client answering through this invitation."""
    return f"client via invitation {invitation.id.hex[:8]}"


def create_invitation(
    session: Session,
    *,
    row: ClientProject,
    actor: str,
    expires_in_days: int,
    show_results: bool,
) -> NewInvitation:
    """Create an invitation to the project's questionnaire and record it in its history."""
    token = secrets.token_urlsafe(32)
    now = utc_now()
    invitation = Invitation(
        project_id=row.id,
        firm_id=row.firm_id,
        token_hash=hash_token(token),
        show_results=show_results,
        expires_at=now + timedelta(days=expires_in_days),
        created_by=actor,
        created_at=now,
    )
    session.add(invitation)
    session.flush()
    projects.record(session, row=row, actor=actor, action="invited", detail=_detail(invitation))
    return NewInvitation(invitation, token)


def list_invitations(
    session: Session, *, project_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[Invitation], int]:
    """The project's invitations, newest first, and their count."""
    rows = session.exec(
        select(Invitation)
        .where(Invitation.project_id == project_id)
        .order_by(col(Invitation.created_at).desc(), col(Invitation.id))
        .offset(offset)
        .limit(limit)
    ).all()
    count = session.exec(
        select(func.count()).select_from(Invitation).where(Invitation.project_id == project_id)
    ).one()
    return list(rows), count


def get_invitation(
    session: Session, *, project_id: uuid.UUID, invitation_id: uuid.UUID
) -> Invitation:
    """Return the project's invitation, or raise InvitationNotFound."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.project_id != project_id:
        raise InvitationNotFound(f"No invitation {invitation_id} for this project.")
    return invitation


def set_show_results(
    session: Session, *, row: ClientProject, invitation: Invitation, actor: str, show_results: bool
) -> Invitation:
    """Allow or forbid the client to see the comparison, and record the change."""
    if invitation.show_results != show_results:
        invitation.show_results = show_results
        session.add(invitation)
        session.flush()
        projects.record(
            session,
            row=row,
            actor=actor,
            action="invitation_changed",
            detail=_detail(invitation),
        )
    return invitation


def revoke_invitation(
    session: Session, *, row: ClientProject, invitation: Invitation, actor: str
) -> Invitation:
    """Revoke the invitation (its link stops working at once); revoking twice changes nothing."""
    if invitation.revoked_at is None:
        invitation.revoked_at = utc_now()
        session.add(invitation)
        session.flush()
        projects.record(
            session,
            row=row,
            actor=actor,
            action="invitation_revoked",
            detail=_detail(invitation),
        )
    return invitation


def open_invitation(session: Session, *, token: str) -> tuple[Invitation, ClientProject] | None:
    """Return the active invitation of `token` and its project; None for any other token."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    invitation = session.exec(
        select(Invitation).where(Invitation.token_hash == hash_token(token))
    ).first()
    if invitation is None or status(invitation) is not InvitationStatus.ACTIVE:
        return None
    row = session.get(ClientProject, invitation.project_id)
    if row is None or row.firm_id != invitation.firm_id:
        return None
    return invitation, row


def save_answers(
    session: Session, *, invitation: Invitation, step: Step, answers: dict[str, Any]
) -> Invitation:
    """Keep the client's accepted answers to one step, to show them again on return."""
    invitation.answers = {**invitation.answers, step.value: answers}
    invitation.answered_at = utc_now()
    session.add(invitation)
    session.flush()
    return invitation


def _detail(invitation: Invitation) -> dict[str, Any]:
    return {
        "invitation": str(invitation.id),
        "expires_at": invitation.expires_at.isoformat(),
        "show_results": invitation.show_results,
    }
