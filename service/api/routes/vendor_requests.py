"""Vendor requests: questions about a project's product, sent to its vendor by link, and the
consultant's review of the answers."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile, status

from service.api.location import locate, located
from service.deps import CurrentFirm, CurrentPrincipal, SessionDep
from service.downloads import content_disposition
from service.errors import ErrorResponse, FieldError, InvalidInput, documented
from service.projects import service as projects
from service.vendor_requests import service as requests
from service.vendor_requests.models import VendorAnswer, VendorRequest
from service.vendor_requests.schemas import (
    AnswerReview,
    CellErrorOut,
    QuestionnaireImported,
    VendorAnswerOut,
    VendorQuestionOut,
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
        questions=[VendorQuestionOut(**question) for question in item.questions],
    )


def answer_public(answer: VendorAnswer) -> VendorAnswerOut:
    return VendorAnswerOut.model_validate(answer, from_attributes=True)


@router.post(
    "",
    response_model=VendorRequestCreated,
    status_code=status.HTTP_201_CREATED,
    responses={
        **documented(
            e404="No such project or product for your firm",
            e422="Nothing to ask, or a path that is not a vendor's to answer",
        ),
        **located(status.HTTP_201_CREATED),
    },
)
def create_vendor_request(
    project_id: uuid.UUID,
    body: VendorRequestCreate,
    request: Request,
    response: Response,
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
    locate(request, response, "read_vendor_request", project_id=project_id, request_id=item.id)
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


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/{request_id}/questionnaire.xlsx",
    response_class=Response,
    responses={
        200: {
            "description": "The questionnaire: one row per question and fact, per edition.",
            "content": {_XLSX: {"schema": {"type": "string", "format": "binary"}}},
        },
        **_NOT_FOUND,
    },
)
def download_questionnaire(
    project_id: uuid.UUID,
    request_id: uuid.UUID,
    session: SessionDep,
    firm: CurrentFirm,
    lang: Annotated[Literal["fr", "en"], Query(description="The questionnaire's language.")] = "fr",
) -> Response:
    """The request's questions as an Excel questionnaire, for a vendor who answers in a file:
    drop-down lists for the answers, a help sheet; send it back with the POST below."""
    projects.get_project(session, firm_id=firm.id, project_id=project_id)
    item = requests.get_request(session, project_id=project_id, request_id=request_id)
    content = requests.questionnaire_file(session, request=item, lang=lang)
    name = f"questionnaire-{item.product}-{item.id.hex[:8]}.xlsx"
    return Response(
        content,
        media_type=_XLSX,
        headers={"Content-Disposition": content_disposition(name)},
    )


@router.post(
    "/{request_id}/questionnaire.xlsx",
    response_model=QuestionnaireImported,
    responses={
        **documented(
            e404="No such project or vendor request for your firm",
            e409="The request was revoked",
            e422="Not this service's questionnaire (sheet or header), or an unreadable file",
        ),
        413: {"model": ErrorResponse, "description": "The file expands far beyond a questionnaire"},
    },
)
def upload_questionnaire(
    project_id: uuid.UUID,
    request_id: uuid.UUID,
    session: SessionDep,
    principal: CurrentPrincipal,
    file: Annotated[UploadFile, File(description="The questionnaire, filled in (XLSX).")],
    answered_by: Annotated[
        str,
        Form(min_length=1, max_length=150, description="Who answered at the vendor (name, role)."),
    ],
) -> QuestionnaireImported:
    """Keep the answers of a questionnaire the vendor returned as a file. The rows of one
    question make one answer, kept (pending your review) when all of them hold; every
    refused cell is reported by row and column, and the good answers are kept all the same."""
    if "\0" in answered_by:
        raise InvalidInput(
            "answered_by holds a NUL character (0x00), which cannot be stored.",
            fields=[FieldError(field="body.answered_by", message="NUL character")],
        )
    row = projects.get_project(session, firm_id=principal.firm.id, project_id=project_id)
    item = requests.get_request(session, project_id=project_id, request_id=request_id)
    outcome = requests.import_file(
        session,
        row=row,
        request=item,
        source=file.file,  # read as a stream, in this worker thread (a sync route)
        answered_by=answered_by.strip() or "vendor",
        actor=principal.actor,
    )
    answers = requests.answers_of(session, request_id=item.id)
    return QuestionnaireImported(
        kept=outcome.kept,
        errors=[CellErrorOut(**vars(e)) for e in outcome.errors],
        answers=[answer_public(a) for a in answers if a.question in outcome.kept],
    )
