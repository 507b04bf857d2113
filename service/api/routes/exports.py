"""Evaluation exports (XLSX, CSV, JSON, HTML, PDF) and the JSON Schema of the JSON export."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from service.db import release
from service.deps import CurrentFirm, SessionDep, SettingsDep
from service.downloads import content_disposition
from service.errors import ErrorResponse
from service.exports import ExportFormat, Lang, evaluation_meta
from service.exports.apart import render_apart
from service.exports.common import MEDIA_TYPES
from service.exports.json_export import export_schema
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
