"""Vendor requests: created by the consultant, answered by the vendor through its link,
reviewed by the consultant. An accepted answer becomes the firm's private facts
(`vendor_declared`, or `consultant_verified` when the consultant checked it); nothing a vendor
writes reaches the catalog or another firm. Functions flush; the caller commits.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, BinaryIO

from sqlmodel import Session, col, select

from service.batches.service import UploadTooLarge
from service.errors import Conflict, FieldError, InvalidInput, NotFound
from service.invitations.service import MAX_TOKEN_LENGTH, hash_token
from service.projects import service as projects
from service.projects.models import ClientProject, Evaluation
from service.selection.snapshot import SCHEMA_VERSION, Snapshot
from service.vendor_requests import questions as asked
from service.vendor_requests import workbook
from service.vendor_requests.models import GivenAnswer, VendorAnswer, VendorRequest
from vendors import service as catalog
from vendors.patching import InvalidFactPatch, apply_facts
from vendors.schema import ProductProfile
from vendors.sqlbase import utc_now
from vendors.vocabulary import Confidence


class VendorRequestNotFound(NotFound):
    """No such vendor request (or answer) for this project."""


class RequestStatus(StrEnum):
    """Whether the link still opens the questionnaire."""

    ACTIVE = "active"
    SUBMITTED = "submitted"
    EXPIRED = "expired"
    REVOKED = "revoked"


class AnswerStatus(StrEnum):
    """The consultant's review of an answer."""

    PENDING = "pending"
    ACCEPTED = "accepted"  # recorded as the firm's vendor_declared facts
    VERIFIED = "verified"  # recorded as consultant_verified facts
    REJECTED = "rejected"  # recorded nowhere


def status(request: VendorRequest, *, now: datetime | None = None) -> RequestStatus:
    if request.revoked_at is not None:
        return RequestStatus.REVOKED
    if request.submitted_at is not None:
        return RequestStatus.SUBMITTED
    if request.expires_at <= (now or utc_now()):
        return RequestStatus.EXPIRED
    return RequestStatus.ACTIVE


def latest_evaluation_of(
    session: Session, *, project_id: uuid.UUID, product: str
) -> tuple[Evaluation, Snapshot] | None:
    """The project's newest evaluation that compared `product`, with its snapshot."""
    rows = session.exec(
        select(Evaluation)
        .where(Evaluation.project_id == project_id)
        .order_by(col(Evaluation.created_at).desc())
    )
    for row in rows:
        if row.snapshot.get("schema_version") != SCHEMA_VERSION:
            continue
        if product in row.snapshot.get("inputs", {}).get("products", []):
            return row, Snapshot.model_validate(row.snapshot)
    return None


def create_request(
    session: Session,
    *,
    row: ClientProject,
    actor: str,
    product: str,
    paths: list[str],
    limit: int,
    expires_in_days: int,
) -> tuple[VendorRequest, str]:
    """Create a request with the product's most influential unknowns (from the project's
    newest evaluation that compared it) and the facts the consultant adds; return it and
    its token, shown once."""
    item = catalog.get_product(session, firm_id=row.firm_id, slug=product)
    name = item.product.name
    found: list[asked.Question] = []
    evaluation = latest_evaluation_of(session, project_id=row.id, product=product)
    if evaluation is not None:
        found = asked.from_evaluation(evaluation[1], item.profile, limit=limit)
    keys = {q.key for q in found}
    found += [
        q
        for q in asked.added_by_consultant(paths, item.profile, name, field="body.paths")
        if q.key not in keys
    ]
    if not found:
        raise InvalidInput(
            "Nothing to ask: no evaluation of this project left a fact of this product to the "
            "vendor, and no path was given.",
            fields=[FieldError(field="body.paths", message="name at least one fact to ask")],
        )
    token = secrets.token_urlsafe(32)
    now = utc_now()
    request = VendorRequest(
        project_id=row.id,
        firm_id=row.firm_id,
        product=product,
        token_hash=hash_token(token),
        questions=[q.to_dict() for q in found],
        evaluation_id=None if evaluation is None else evaluation[0].id,
        expires_at=now + timedelta(days=expires_in_days),
        created_by=actor,
        created_at=now,
    )
    session.add(request)
    session.flush()
    projects.record(
        session,
        row=row,
        actor=actor,
        action="vendor_request_created",
        detail={"vendor_request": str(request.id), "product": product, "questions": len(found)},
    )
    return request, token


def list_requests(session: Session, *, project_id: uuid.UUID) -> list[VendorRequest]:
    return list(
        session.exec(
            select(VendorRequest)
            .where(VendorRequest.project_id == project_id)
            .order_by(col(VendorRequest.created_at).desc(), col(VendorRequest.id))
        )
    )


def get_request(session: Session, *, project_id: uuid.UUID, request_id: uuid.UUID) -> VendorRequest:
    request = session.get(VendorRequest, request_id)
    if request is None or request.project_id != project_id:
        raise VendorRequestNotFound(f"No vendor request {request_id} for this project.")
    return request


def answers_of(session: Session, *, request_id: uuid.UUID) -> list[VendorAnswer]:
    return list(
        session.exec(
            select(VendorAnswer)
            .where(VendorAnswer.request_id == request_id)
            .order_by(col(VendorAnswer.answered_at), col(VendorAnswer.id))
        )
    )


def open_request(session: Session, *, token: str) -> VendorRequest | None:
    """The active request of `token`; None for any other token (expired, revoked, submitted,
    unknown)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    request = session.exec(
        select(VendorRequest).where(VendorRequest.token_hash == hash_token(token))
    ).first()
    if request is None or status(request) is not RequestStatus.ACTIVE:
        return None
    return request


def save_answers(
    session: Session,
    *,
    request: VendorRequest,
    given: Sequence[GivenAnswer],
    answered_by: str,
    partial: bool = False,
) -> dict[str, list[FieldError]]:
    """Check every answer (fields `facts.<path>`); when all hold, keep them, replacing earlier
    pending ones, and withdraw the pending answers of the questions left blank. Returns the
    refusals by question; when there is one, nothing is written. A reviewed answer given
    again unchanged is left as reviewed; a changed one is refused.

    `partial` (a questionnaire returned as a file): the answers that hold are kept whatever
    the others, and a question left out keeps its earlier answer.

    Saves of one request take turns (its row is locked until the transaction ends): a second
    save reads the first's answers and replaces them, rather than adding a second answer to
    the same question."""
    session.get(VendorRequest, request.id, with_for_update=True)
    profile = catalog.get_product(session, firm_id=request.firm_id, slug=request.product).profile
    existing = {a.question: a for a in answers_of(session, request_id=request.id)}
    refused = {
        item.question: problems
        for item in given
        if (problems := _refusals(request, item, profile, existing.get(item.question)))
    }
    if refused and not partial:
        return refused
    given = [item for item in given if item.question not in refused]
    answered = {item.question for item in given}
    withdrawn = [] if partial else [k for k in existing if k not in answered]
    for key in withdrawn:
        if existing[key].status == AnswerStatus.PENDING:
            session.delete(existing[key])  # left blank: no longer an answer
    for item in given:
        earlier = existing.get(item.question)
        if earlier is not None and earlier.status != AnswerStatus.PENDING:
            continue  # reviewed, and given again unchanged: the review stands
        answer = earlier or VendorAnswer(
            request_id=request.id, question=item.question, answered_by=answered_by
        )
        answer.sqlmodel_update(
            {
                "facts": item.facts,
                "evidence_url": item.evidence_url,
                "comment": item.comment,
                "answered_by": answered_by,
                "answered_at": utc_now(),
                "status": AnswerStatus.PENDING.value,
                "reviewed_by": None,
                "reviewed_at": None,
            }
        )
        session.add(answer)
    session.flush()
    return refused


def _refusals(
    request: VendorRequest,
    item: GivenAnswer,
    profile: ProductProfile,
    existing: VendorAnswer | None,
) -> list[FieldError]:
    """Why one answer cannot be kept: a fact its question does not ask, a missing value, a
    change to a reviewed answer, or a value the product's fact refuses."""
    asked_paths = _question(request, item.question)["paths"]
    errors = [
        FieldError(field=f"facts.{path}", message="not asked by this question")
        for path in item.facts
        if path not in asked_paths
    ]
    errors += [
        FieldError(field=f"facts.{path}", message="give a value, or leave the fact out")
        for path, value in item.facts.items()
        if value is None
    ]
    if errors or not item.facts:
        return errors or [FieldError(field="facts", message="no fact answered")]
    if existing is not None and existing.status != AnswerStatus.PENDING:
        if existing.facts != item.facts:
            return [FieldError(field="facts", message="already reviewed by the firm")]
    day = utc_now().date().isoformat()
    try:
        apply_facts(profile, _patches(item.facts, source="check", day=day))
    except InvalidFactPatch as exc:
        return [FieldError(field=f"facts.{path}", message=msg) for path, msg in exc.errors]
    return []


def revoke(
    session: Session, *, row: ClientProject, request: VendorRequest, actor: str
) -> VendorRequest:
    """Stop the link at once; revoking twice changes nothing."""
    if request.revoked_at is None:
        request.revoked_at = utc_now()
        session.add(request)
        session.flush()
        projects.record(
            session,
            row=row,
            actor=actor,
            action="vendor_request_revoked",
            detail={"vendor_request": str(request.id), "product": request.product},
        )
    return request


def submit(session: Session, *, request: VendorRequest, answered_by: str) -> VendorRequest:
    """Close the questionnaire: the link stops working and the consultant is told."""
    request.submitted_at = utc_now()
    session.add(request)
    session.flush()
    row = session.get(ClientProject, request.project_id)
    if row is not None:
        projects.record(
            session,
            row=row,
            actor=f"vendor {answered_by[:150]} via request {request.id.hex[:8]}",
            action="vendor_request_submitted",
            detail={"vendor_request": str(request.id), "product": request.product},
        )
    return request


def review(
    session: Session,
    *,
    row: ClientProject,
    request: VendorRequest,
    answer_id: uuid.UUID,
    decision: AnswerStatus,
    actor: str,
) -> VendorAnswer:
    """Accept (as vendor_declared), verify (as consultant_verified) or reject an answer; an
    accepted or verified answer becomes the firm's private facts of the product."""
    answer = session.get(VendorAnswer, answer_id)
    if answer is None or answer.request_id != request.id:
        raise VendorRequestNotFound(f"No answer {answer_id} to this vendor request.")
    upgrade = answer.status == AnswerStatus.ACCEPTED and decision is AnswerStatus.VERIFIED
    if answer.status != AnswerStatus.PENDING and not upgrade:
        raise Conflict(
            f"This answer is already {answer.status}: only an accepted answer can still be "
            "marked verified. Correct a recorded fact with PATCH /api/v1/vendors/{id}."
        )
    if decision in (AnswerStatus.ACCEPTED, AnswerStatus.VERIFIED):
        confidence = (
            Confidence.CONSULTANT_VERIFIED
            if decision is AnswerStatus.VERIFIED
            else Confidence.VENDOR_DECLARED
        )
        day = answer.answered_at.date().isoformat()
        source = f"questionnaire {request.id}, answered by {answer.answered_by} on {day}"
        if decision is AnswerStatus.VERIFIED:
            source += f", verified by {actor}"
        facts = dict(answer.facts)
        if "hosting.certifications" in facts:
            # A vendor names the certifications it holds: they add to those already known.
            known = catalog.get_product(session, firm_id=request.firm_id, slug=request.product)
            held = known.profile.hosting.certifications.value or []
            facts["hosting.certifications"] = sorted({*held, *facts["hosting.certifications"]})
        catalog.patch_facts(
            session,
            firm_id=request.firm_id,
            slug=request.product,
            facts=_patches(
                facts,
                source=source,
                day=day,
                confidence=confidence,
                note=_note(answer),
            ),
        )
    answer.status = decision.value
    answer.reviewed_by = actor
    answer.reviewed_at = utc_now()
    session.add(answer)
    session.flush()
    projects.record(
        session,
        row=row,
        actor=actor,
        action=f"vendor_answer_{decision.value}",
        detail={
            "vendor_request": str(request.id),
            "product": request.product,
            "question": answer.question,
            "facts": answer.facts,
        },
    )
    return answer


def _question(request: VendorRequest, key: str) -> dict[str, Any]:
    for question in request.questions:
        if question["key"] == key:
            return question
    raise VendorRequestNotFound(f"No question {key!r} in this vendor request.")


def _patches(
    facts: dict[str, Any],
    *,
    source: str,
    day: str,
    confidence: Confidence = Confidence.VENDOR_DECLARED,
    note: str | None = None,
) -> dict[str, dict[str, Any]]:
    provenance: dict[str, Any] = {"source": source, "as_of": day, "confidence": confidence.value}
    if note:
        provenance["note"] = note
    return {path: {"value": value, **provenance} for path, value in facts.items()}


def _note(answer: VendorAnswer) -> str | None:
    parts = [answer.comment] if answer.comment else []
    if answer.evidence_url:
        parts.append(f"evidence: {answer.evidence_url}")
    return "; ".join(parts) or None


def questionnaire_file(session: Session, *, request: VendorRequest, lang: str) -> bytes:
    """The request's questions as an XLSX questionnaire in `lang`."""
    profile = catalog.get_product(session, firm_id=request.firm_id, slug=request.product).profile
    return workbook.write_template(request.questions, profile, lang)


@dataclass(frozen=True)
class FileImport:
    """What a returned questionnaire gave: the questions kept and the cells refused."""

    kept: list[str]
    errors: list[workbook.CellError]


def import_file(
    session: Session,
    *,
    row: ClientProject,
    request: VendorRequest,
    source: bytes | BinaryIO,
    answered_by: str,
    actor: str,
) -> FileImport:
    """Keep the answers of a questionnaire returned as XLSX: each question whose rows all
    hold is kept (pending review, as if answered on the page); the others are reported by row
    and column. A revoked request takes no answer (409); 422 for a file that is not this
    service's questionnaire, 413 for one that expands far beyond it."""
    if request.revoked_at is not None:
        raise Conflict("This vendor request was revoked: it takes no more answers.")
    profile = catalog.get_product(session, firm_id=request.firm_id, slug=request.product).profile
    try:
        read = workbook.read_answers(source, request.questions, profile)
    except workbook.UnreadableWorkbook as exc:
        error = UploadTooLarge if isinstance(exc, workbook.TooLargeWorkbook) else InvalidInput
        raise error(
            f"Cannot read the questionnaire: {exc}.",
            fields=[FieldError(field="body.file", message=str(exc))],
        ) from exc
    refused = save_answers(
        session, request=request, given=read.answers, answered_by=answered_by, partial=True
    )
    errors = list(read.errors)
    for question, problems in refused.items():
        first = read.rows[question][0]
        errors += [
            workbook.CellError(first, "answer", f"{p.field.removeprefix('facts.')}: {p.message}")
            for p in problems
        ]
    kept = [a.question for a in read.answers if a.question not in refused]
    projects.record(
        session,
        row=row,
        actor=actor,
        action="vendor_request_file_imported",
        detail={
            "vendor_request": str(request.id),
            "product": request.product,
            "answered_by": answered_by,
            "kept": kept,
            "refused_cells": len(errors),
        },
    )
    return FileImport(kept, sorted(errors, key=lambda e: (e.row, e.column)))
