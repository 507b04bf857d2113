"""Evaluation exports (XLSX, CSV, JSON, HTML, PDF), during the request or asked for
asynchronously (rendered by a worker, fetched when done), and the JSON Schema of the JSON
export."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Query, Request, status
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from service.api.location import locate, located
from service.db import release
from service.deps import CurrentFirm, SessionDep, SettingsDep
from service.downloads import content_disposition
from service.errors import ErrorResponse
from service.exports import ExportFormat, Lang, deferred, evaluation_meta
from service.exports.apart import render_apart
from service.exports.common import MEDIA_TYPES
from service.exports.json_export import export_schema
from service.exports.models import ExportJob
from service.projects import runs

router = APIRouter(tags=["exports"])

_BINARY = {"schema": {"type": "string", "format": "binary"}}
_EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The evaluation in the requested format, as a file.",
        "content": {
            MEDIA_TYPES[fmt].split(";", 1)[0]: (
                {
                    "schema": {
                        "type": "object",
                        "description": "See /api/v1/schemas/evaluation-export.json.",
                    }
                }
                if fmt is ExportFormat.JSON
                else _BINARY
            )
            for fmt in ExportFormat
        },
    },
    404: {"model": ErrorResponse, "description": "No such evaluation for your firm"},
    409: {
        "model": ErrorResponse,
        "description": "The evaluation was made by an earlier version of Shortlist "
        "(`legacy_evaluation`): it has no ranges, probabilities or questions to export. "
        "Run the evaluation again.",
    },
}


@router.get(
    "/evaluations/{evaluation_id}/export",
    response_class=Response,
    responses=_EXPORT_RESPONSES,
)
def export_evaluation(
    evaluation_id: uuid.UUID,
    session: SessionDep,
    firm: CurrentFirm,
    settings: SettingsDep,
    fmt: Annotated[
        ExportFormat,
        Query(
            alias="format",
            description="xlsx (8 sheets), csv (one tidy table), json (the snapshot, see "
            "/api/v1/schemas/evaluation-export.json), html or pdf (the report).",
        ),
    ],
    lang: Annotated[
        Lang,
        Query(description="Language of the labels, of the HTML/PDF report and of the questions."),
    ] = Lang.FR,
) -> Response:
    """Export an evaluation as a file: workbook, tidy CSV, JSON, or a French/English report."""
    evaluation = runs.get_evaluation(session, firm_id=firm.id, evaluation_id=evaluation_id)
    snapshot = runs.load_snapshot(evaluation)
    previous = runs.previous_changes(session, evaluation=evaluation)
    meta = evaluation_meta(evaluation, previous, firm=firm.name)
    release(session)  # rendering a PDF takes seconds: it holds no transaction
    export = render_apart(snapshot, meta, fmt=fmt, lang=lang, processes=settings.export_processes)
    disposition = "inline" if fmt is ExportFormat.HTML else "attachment"
    return Response(
        export.content,
        media_type=export.media_type,
        headers={
            "Content-Disposition": content_disposition(export.filename, disposition=disposition)
        },
    )


class ExportRequest(BaseModel):
    """An export to render in the background."""

    model_config = ConfigDict(extra="forbid")

    format: ExportFormat = Field(description="xlsx, csv, json, html or pdf.")
    lang: Lang = Field(default=Lang.FR, description="Language of the labels and the report.")


class ExportJobPublic(BaseModel):
    """An export asked for asynchronously, and where to fetch its file once done."""

    id: uuid.UUID
    evaluation_id: uuid.UUID
    format: ExportFormat
    lang: Lang
    status: Literal["queued", "running", "done", "failed"]
    error: str | None = Field(description="Why the rendering failed.")
    file_url: str | None = Field(description="Where to fetch the file once done.")
    created_at: datetime
    finished_at: datetime | None


def export_job_public(job: ExportJob) -> ExportJobPublic:
    """An export job as the API shows it."""
    done = job.status == deferred.DONE
    return ExportJobPublic(
        id=job.id,
        evaluation_id=job.evaluation_id,
        format=ExportFormat(job.format),
        lang=Lang(job.lang),
        status=job.status,
        error=job.error,
        file_url=f"/api/v1/exports/{job.id}/file" if done else None,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


_EXPORT_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such export for your firm"}
}


@router.post(
    "/evaluations/{evaluation_id}/exports",
    response_model=ExportJobPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        404: _EXPORT_RESPONSES[404],
        409: _EXPORT_RESPONSES[409],
        **located(status.HTTP_202_ACCEPTED),
    },
)
def request_export(
    evaluation_id: uuid.UUID,
    body: ExportRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    firm: CurrentFirm,
    background: BackgroundTasks,
) -> ExportJobPublic:
    """Ask for an export rendered in the background (a PDF takes seconds): follow it at
    `GET /exports/{id}`, fetch its file at `file_url` once done."""
    job = deferred.request_export(
        session, firm_id=firm.id, evaluation_id=evaluation_id, fmt=body.format, lang=body.lang
    )
    worker = getattr(request.app.state, "batch_worker", None)
    if worker is not None:
        background.add_task(worker.wake)  # after the response, so after the commit
    locate(request, response, "read_export", export_id=job.id)
    return export_job_public(job)


@router.get("/exports/{export_id}", response_model=ExportJobPublic, responses=_EXPORT_NOT_FOUND)
def read_export(export_id: uuid.UUID, session: SessionDep, firm: CurrentFirm) -> ExportJobPublic:
    """An export's status: queued, running, done (with its `file_url`) or failed (`error`)."""
    return export_job_public(deferred.get_export(session, firm_id=firm.id, export_id=export_id))


@router.get(
    "/exports/{export_id}/file",
    response_class=Response,
    responses={
        200: _EXPORT_RESPONSES[200],
        409: {"model": ErrorResponse, "description": "The export is not done, or failed"},
        **_EXPORT_NOT_FOUND,
    },
)
def read_export_file(export_id: uuid.UUID, session: SessionDep, firm: CurrentFirm) -> Response:
    """Fetch a finished export's file (409 while it is queued or running, or failed)."""
    job = deferred.get_export(session, firm_id=firm.id, export_id=export_id)
    content, media_type, filename = deferred.export_file(job)
    disposition = "inline" if job.format == ExportFormat.HTML.value else "attachment"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": content_disposition(filename, disposition=disposition)},
    )


@router.get(
    "/schemas/evaluation-export.json",
    response_class=JSONResponse,
    responses={
        200: {
            "description": "JSON Schema draft 2020-12",
            "content": {"application/schema+json": {"schema": {"type": "object"}}},
        }
    },
)
def evaluation_export_schema() -> JSONResponse:
    """The JSON Schema (draft 2020-12) of the JSON export of an evaluation."""
    return JSONResponse(export_schema(), media_type="application/schema+json")
