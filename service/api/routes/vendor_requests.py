"""Vendor requests: questions about a project's product, sent to its vendor by link, and the
consultant's review of the answers."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, status

from service.deps import CurrentFirm, CurrentPrincipal, SessionDep
from service.errors import documented
from service.projects import service as projects
from service.vendor_requests import service as requests
from service.vendor_requests.models import VendorAnswer, VendorRequest
from service.vendor_requests.schemas import (
    AnswerReview,
    QuestionOut,
    VendorAnswerOut,
    VendorRequestCreate,
    VendorRequestCreated,
    VendorRequestDetail,
    VendorRequestPublic,
    VendorRequestsPublic,
)

router = APIRouter(prefix="/projects/{project_id}/vendor-requests", tags=["vendor requests"])

_NOT_FOUND = documented(e404="No such project, vendor request or answer for your firm")


def request_public(item: VendorRequest) -> VendorRequestPublic:
    return VendorRequestPublic(
        id=item.id,
        project_id=item.project_id,
        product=item.product,
        status=requests.status(item),
        evaluation_id=item.evaluation_id,
        expires_at=item.expires_at,
        created_by=item.created_by,
        created_at=item.created_at,
        submitted_at=item.submitted_at,
        questions=[QuestionOut(**question) for question in item.questions],
    )


def answer_public(answer: VendorAnswer) -> VendorAnswerOut:
    return VendorAnswerOut.model_validate(answer, from_attributes=True)


@router.post(
    "",
    response_model=VendorRequestCreated,
    status_code=status.HTTP_201_CREATED,
    responses=documented(
        e404="No such project or product for your firm",
        e422="Nothing to ask, or a path that is not a vendor's to answer",
    ),
)
def create_vendor_request(
    project_id: uuid.UUID,
    body: VendorRequestCreate,
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> VendorRequestCreated:
    """Ask a vendor about its product: the unknown facts the project's newest evaluation of
    it found most influential, plus the facts you name. The link is shown only here."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    item, token = requests.create_request(
        session,
        row=row,
        actor=principal.actor,
        product=body.product,
        paths=body.paths,
        limit=body.limit,
        expires_in_days=body.expires_in_days,
    )
    url = str(request.url_for("vendor_questionnaire", token=token))
    return VendorRequestCreated(**request_public(item).model_dump(), url=url)


@router.get("", response_model=VendorRequestsPublic, responses=_NOT_FOUND)
def list_vendor_requests(
    project_id: uuid.UUID, session: SessionDep, firm: CurrentFirm
) -> VendorRequestsPublic:
    """The project's vendor requests, newest first."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    rows = requests.list_requests(session, project_id=project_id)
    return VendorRequestsPublic(data=[request_public(r) for r in rows], count=len(rows))


@router.get("/{request_id}", response_model=VendorRequestDetail, responses=_NOT_FOUND)
def read_vendor_request(
    project_id: uuid.UUID, request_id: uuid.UUID, session: SessionDep, firm: CurrentFirm
) -> VendorRequestDetail:
    """A vendor request with the vendor's answers and their review."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    item = requests.get_request(session, project_id=project_id, request_id=request_id)
    answers = requests.answers_of(session, request_id=item.id)
    return VendorRequestDetail(
        **request_public(item).model_dump(), answers=[answer_public(a) for a in answers]
    )


@router.post(
    "/{request_id}/answers/{answer_id}/review",
    response_model=VendorAnswerOut,
    responses=documented(
        e404="No such project, vendor request or answer for your firm",
        e409="The answer was already reviewed (only accepted -> verified remains)",
        e422="An answer the product's facts no longer accept",
    ),
)
def review_vendor_answer(
    project_id: uuid.UUID,
    request_id: uuid.UUID,
    answer_id: uuid.UUID,
    body: AnswerReview,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> VendorAnswerOut:
    """Accept an answer (your firm's facts, `vendor_declared`), mark it verified
    (`consultant_verified`) or reject it; recorded in the project's history."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    item = requests.get_request(session, project_id=project_id, request_id=request_id)
    answer = requests.review(
        session,
        row=row,
        request=item,
        answer_id=answer_id,
        decision=requests.AnswerStatus(body.decision),
        actor=principal.actor,
    )
    return answer_public(answer)


@router.delete("/{request_id}", response_model=VendorRequestPublic, responses=_NOT_FOUND)
def revoke_vendor_request(
    project_id: uuid.UUID, request_id: uuid.UUID, session: SessionDep, principal: CurrentPrincipal
) -> VendorRequestPublic:
    """Revoke the link at once (the answers already saved stay, for review)."""
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    item = requests.get_request(session, project_id=project_id, request_id=request_id)
    return request_public(requests.revoke(session, row=row, request=item, actor=principal.actor))
