"""Batch comparisons: upload client profiles, follow the progress, list, cancel, and download
the result (streamed from its stored parts)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, File, Form, Request, UploadFile, status
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from service.api.location import locate, located
from service.batches import service as batches
from service.batches.models import Batch
from service.batches.processing import DONE
from service.batches.profiles import InputFileError, InputFormat, input_format_of
from service.batches.result_files import read_parts
from service.batches.webhooks import check_url
from service.batches.writers import MEDIA_TYPES, OutputFormat
from service.db import Sessions
from service.deps import CurrentFirm, CurrentPrincipal, SessionDep, SettingsDep
from service.downloads import content_disposition
from service.errors import ErrorResponse, FieldError, InvalidInput, documented
from service.pagination import Limit, Offset

router = APIRouter(prefix="/batches", tags=["batches"])

_NOT_FOUND = documented(e404="No such batch for your firm")


class BatchRowError(BaseModel):
    """A client row that could not be evaluated."""

    row: int = Field(description="Row in the file (header = 1); for JSON, the position.")
    client_name: str
    column: str = Field(description="The column at fault; empty when the row as a whole.")
    reason: str


class BatchSummary(BaseModel):
    """A batch's status and progress."""

    id: uuid.UUID
    status: Literal["queued", "running", "done", "failed", "cancelled"]
    filename: str
    input_format: InputFormat
    output_format: OutputFormat
    total: int = Field(description="Client rows in the file.")
    processed: int = Field(description="Rows evaluated so far.")
    progress: float = Field(ge=0, le=1, description="processed / total.")
    chunks: int = Field(description="Chunks the rows are stored and evaluated in.")
    chunks_done: int = Field(description="Chunks evaluated so far.")
    ranked: int = Field(description="Clients with at least one candidate.")
    without_candidate: int = Field(description="Clients for whom every product was eliminated.")
    failed_rows: int = Field(description="Rows that could not be evaluated.")
    error: str | None = Field(description="Why the batch as a whole failed.")
    attempts: int = Field(
        description="1 once started, plus 1 each time a chunk or the result file was run "
        "again after an error or a stopped worker."
    )
    result_url: str | None = Field(description="Where to download the result once done.")
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class BatchPublic(BatchSummary):
    """A batch's status and progress, and the rows that could not be evaluated."""

    errors: list[BatchRowError] = Field(
        description=f"The first {batches.ERRORS_SHOWN} rows that could not be evaluated."
    )


class BatchesPublic(BaseModel):
    """A page of the firm's batches, most recent first, and how many there are."""

    data: list[BatchSummary]
    count: int


def batch_summary(batch: Batch) -> BatchSummary:
    """A batch as the API lists it."""
    return BatchSummary(
        id=batch.id,
        status=batch.status,
        filename=batch.filename,
        input_format=InputFormat(batch.input_format),
        output_format=OutputFormat(batch.output_format),
        total=batch.total,
        processed=batch.processed,
        progress=batch.processed / batch.total if batch.total else 0.0,
        chunks=batch.chunks,
        chunks_done=batch.chunks_done,
        ranked=batch.ranked,
        without_candidate=batch.without_candidate,
        failed_rows=batch.failed_rows,
        error=batch.error,
        attempts=batch.attempts,
        result_url=f"/api/v1/batches/{batch.id}/result" if batch.status == DONE else None,
        created_at=batch.created_at,
        updated_at=batch.updated_at,
        started_at=batch.started_at,
        finished_at=batch.finished_at,
    )


def batch_public(session: SessionDep, batch: Batch) -> BatchPublic:
    """A batch as the API shows it, with its first errors."""
    errors = batches.batch_errors(session, batch_id=batch.id, limit=batches.ERRORS_SHOWN)
    return BatchPublic(
        **batch_summary(batch).model_dump(),
        errors=[BatchRowError(**item) for item in errors],
    )


@router.post(
    "",
    response_model=BatchPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        413: {
            "model": ErrorResponse,
            "description": "The file is larger than the upload limit, or an XLSX file expands"
            " far beyond what its rows can need",
        },
        **located(status.HTTP_202_ACCEPTED),
    },
)
def create_batch(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    principal: CurrentPrincipal,
    background: BackgroundTasks,
    file: Annotated[
        UploadFile,
        File(description="Client profiles: CSV (UTF-8), XLSX or JSON, one row per client."),
    ],
    output_format: Annotated[
        OutputFormat, Form(description="Format of the result file.")
    ] = OutputFormat.XLSX,
    input_format: Annotated[
        InputFormat | None, Form(description="Format of the file; default: its extension.")
    ] = None,
    webhook_url: Annotated[
        str | None,
        Form(
            description="Called (signed POST) when the batch is done or failed: see the README "
            "for the signature.",
            max_length=2000,
        ),
    ] = None,
) -> BatchPublic:
    """Submit client profiles; each is shortlisted against the catalog you see, in the
    background. Rows that cannot be evaluated are reported and never stop the others."""
    filename = file.filename or ""
    if webhook_url:
        webhook_url = check_url(
            webhook_url, secret=settings.webhook_secret, hosts=settings.webhook_hosts
        )
    if input_format is None:
        try:
            input_format = input_format_of(filename)
        except InputFileError as exc:
            raise InvalidInput(
                f"{exc}, or give input_format.",
                fields=[FieldError(field="body.input_format", message=str(exc))],
            ) from exc
    batch = batches.create_batch(
        session,
        firm_id=principal.firm.id,
        actor=principal.actor,
        filename=filename,
        source=file.file,  # read as a stream, in this worker thread (a sync route)
        input_format=input_format,
        output_format=output_format,
        chunk_size=settings.batch_chunk_size,
        webhook_url=webhook_url or None,
    )
    worker = getattr(request.app.state, "batch_worker", None)
    if worker is not None:
        background.add_task(worker.wake)  # after the response, so after the commit
    locate(request, response, "read_batch", batch_id=batch.id)
    return batch_public(session, batch)


@router.get("", response_model=BatchesPublic)
def list_batches(
    session: SessionDep, firm: CurrentFirm, limit: Limit = 50, offset: Offset = 0
) -> BatchesPublic:
    """List your firm's batches, most recent first, with their status and progress."""
    rows, count = batches.list_batches(session, firm_id=firm.id, limit=limit, offset=offset)
    return BatchesPublic(data=[batch_summary(row) for row in rows], count=count)


@router.get("/{batch_id}", response_model=BatchPublic, responses=_NOT_FOUND)
def read_batch(batch_id: uuid.UUID, session: SessionDep, firm: CurrentFirm) -> BatchPublic:
    """A batch's status, progress and the rows that could not be evaluated."""
    return batch_public(session, batches.get_batch(session, firm_id=firm.id, batch_id=batch_id))


@router.delete(
    "/{batch_id}",
    response_model=BatchPublic,
    responses={
        409: {"model": ErrorResponse, "description": "The batch is done or failed already"},
        **_NOT_FOUND,
    },
)
def cancel_batch(batch_id: uuid.UUID, session: SessionDep, firm: CurrentFirm) -> BatchPublic:
    """Cancel a queued or running batch: chunks not started never run, a chunk being
    evaluated stops, no result is written, and its status becomes `cancelled` (cancelling
    again changes nothing). What was evaluated stays readable here."""
    return batch_public(session, batches.cancel_batch(session, firm_id=firm.id, batch_id=batch_id))


@router.get(
    "/{batch_id}/result",
    response_class=Response,
    responses={
        200: {
            "description": "The results: a row per client and rank, and the errors.",
            "content": {
                MEDIA_TYPES[fmt].split(";", 1)[0]: {
                    "schema": {"type": "string", "format": "binary"}
                    if fmt is not OutputFormat.JSON
                    else {"type": "object"}
                }
                for fmt in OutputFormat
            },
        },
        409: {"model": ErrorResponse, "description": "The batch is not done, or failed"},
        **_NOT_FOUND,
    },
)
def read_batch_result(
    batch_id: uuid.UUID, request: Request, session: SessionDep, firm: CurrentFirm
) -> StreamingResponse:
    """Download a finished batch's result (409 while it is queued or running, or when it
    failed or was cancelled). Streamed, a part at a time."""
    batch = batches.get_batch(session, firm_id=firm.id, batch_id=batch_id)
    result = batches.get_result(session, batch=batch)
    sessions: Sessions = request.app.state.sessions
    parts = read_parts(
        lambda: sessions.open(write=False),
        batch_id=result.batch_id,
        run=result.run,
        parts=result.parts,
    )
    return StreamingResponse(
        parts,
        media_type=result.media_type,
        headers={
            "Content-Disposition": content_disposition(result.filename),
            "Content-Length": str(result.size),
        },
    )
