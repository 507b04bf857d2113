"""Batches: submitting client profiles (stored in chunks, with a job per chunk on PostgreSQL),
following them, listing them, cancelling them, and reaching their result. Processing is in
`processing`; these functions flush and leave the commit to the caller."""

from __future__ import annotations

import logging
import uuid
from typing import Any, BinaryIO

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from service.batches.models import (
    Batch,
    BatchCatalog,
    BatchInputChunk,
    BatchOutputChunk,
    BatchResult,
)
from service.batches.processing import ACTIVE, CANCELLED, CHUNK_CLIENTS, DONE, FAILED
from service.batches.profiles import InputFileError, InputFormat, InputTooLarge
from service.batches.runner import Catalog
from service.batches.uploads import SpooledRows, spooled_rows
from service.batches.writers import OutputFormat
from service.errors import AppError, Conflict, FieldError, InvalidInput, NotFound
from service.queue.jobs import cancel_batch_jobs, chunk_job, defer
from vendors import service as catalog_service
from vendors.sqlbase import utc_now

logger = logging.getLogger("shortlist.batches")

ERRORS_SHOWN = 200


class BatchNotFound(NotFound):
    """No such batch for this firm."""


class BatchNotReady(Conflict):
    """The batch has no result (yet)."""

    error = "batch_not_ready"


class BatchFinished(Conflict):
    """The batch ended already (done or failed): there is nothing to cancel."""

    error = "batch_finished"


class UploadTooLarge(AppError):
    """The uploaded file expands far beyond what its rows can need."""

    status_code = 413
    error = "payload_too_large"


def firm_catalog(session: Session, *, firm_id: uuid.UUID) -> Catalog:
    """The catalog as the firm sees it now (its own products and overrides included)."""
    visible = catalog_service.visible_products(session, firm_id=firm_id)
    version = catalog_service.latest_version(session)
    names = {item.profile.id: item.product.name for item in visible}
    profiles = tuple(item.profile for item in visible)
    return Catalog(profiles, names, None if version is None else str(version.id))


def create_batch(
    session: Session,
    *,
    firm_id: uuid.UUID,
    actor: str,
    filename: str,
    source: bytes | BinaryIO,
    input_format: InputFormat,
    output_format: OutputFormat,
    chunk_size: int = CHUNK_CLIENTS,
    webhook_url: str | None = None,
) -> Batch:
    """Read the uploaded profiles and queue a batch: its rows stored in chunks of
    `chunk_size`, and on PostgreSQL a job per chunk deferred in the same transaction (422 when
    the file cannot be read, 413 when it expands far beyond its rows)."""
    if "\x00" in filename:
        raise InvalidInput(
            "The file name holds a NUL character (0x00), which cannot be stored.",
            fields=[FieldError(field="body.file", message="NUL character in the file name")],
        )
    with _spooled(source, input_format, chunk_size) as spooled:
        catalog = firm_catalog(session, firm_id=firm_id)
        if len(catalog.profiles) < 2:
            raise InvalidInput("The catalog you see holds fewer than two products: load it first.")
        batch = Batch(
            firm_id=firm_id,
            created_by=actor[:200],
            filename=filename[:255] or f"clients.{input_format.value}",
            input_format=input_format.value,
            output_format=output_format.value,
            total=spooled.total,
            chunks=spooled.chunks,
            webhook_url=webhook_url,
        )
        session.add(batch)
        session.flush()
        session.add(BatchCatalog(batch_id=batch.id, catalog=catalog.to_data()))
        session.flush()
        for chunk_no, rows in enumerate(spooled):  # no ORM object kept per chunk
            stored = {"batch_id": batch.id, "chunk_no": chunk_no, "rows": rows}
            session.execute(insert(BatchInputChunk), [stored])
    defer(session, [chunk_job(batch.id, chunk_no) for chunk_no in range(batch.chunks)])
    return batch


def _spooled(source: bytes | BinaryIO, input_format: InputFormat, chunk_size: int) -> SpooledRows:
    """The upload's rows spooled (`uploads.spooled_rows`), or the 422 or 413 saying why not."""
    try:
        return spooled_rows(source, input_format, chunk_size=chunk_size)
    except InputFileError as exc:
        error = UploadTooLarge if isinstance(exc, InputTooLarge) else InvalidInput
        raise error(
            f"Cannot read the file: {exc}.",
            fields=[FieldError(field="body.file", message=str(exc))],
        ) from exc


def get_batch(session: Session, *, firm_id: uuid.UUID, batch_id: uuid.UUID) -> Batch:
    """Return the firm's batch, or raise BatchNotFound."""
    batch = session.get(Batch, batch_id)
    if batch is None or batch.firm_id != firm_id:
        raise BatchNotFound(f"No batch {batch_id} for your firm.")
    return batch


def list_batches(
    session: Session, *, firm_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[Batch], int]:
    """The firm's batches, most recent first, and how many there are."""
    count = session.exec(
        select(func.count()).select_from(Batch).where(Batch.firm_id == firm_id)
    ).one()
    rows = session.exec(
        select(Batch)
        .where(Batch.firm_id == firm_id)
        .order_by(col(Batch.created_at).desc(), col(Batch.id))
        .offset(offset)
        .limit(limit)
    ).all()
    return list(rows), count


def batch_errors(session: Session, *, batch_id: uuid.UUID, limit: int) -> list[dict[str, Any]]:
    """The first `limit` rows that could not be evaluated, in input order."""
    shown: list[dict[str, Any]] = []
    chunks_errors = session.exec(
        select(BatchOutputChunk.errors)
        .where(BatchOutputChunk.batch_id == batch_id)
        .order_by(col(BatchOutputChunk.chunk_no))
    )
    for errors in chunks_errors:
        shown.extend(errors[: limit - len(shown)])
        if len(shown) >= limit:
            break
    return shown


def get_result(session: Session, *, batch: Batch) -> BatchResult:
    """The finished batch's file (where its parts are); 409 until it is done."""
    if batch.status != DONE:
        if batch.status == FAILED:
            raise BatchNotReady(f"The batch failed: {batch.error}")
        if batch.status == CANCELLED:
            raise BatchNotReady("The batch was cancelled: it has no result.")
        share = batch.processed / batch.total if batch.total else 0.0
        raise BatchNotReady(
            f"The batch is {batch.status} ({batch.processed} of {batch.total} clients, "
            f"{share:.0%}); its result is served once it is done."
        )
    result = session.get(BatchResult, batch.id)
    if result is None:  # done is set in the transaction that records the result
        raise BatchNotReady("The batch is done but its result is missing.")
    return result


def cancel_batch(session: Session, *, firm_id: uuid.UUID, batch_id: uuid.UUID) -> Batch:
    """Cancel the firm's queued or running batch: its waiting jobs are cancelled, a chunk
    being evaluated stops, and no result is written. Cancelling it again changes nothing;
    a batch done or failed is a 409. Flushes."""
    batch = get_batch(session, firm_id=firm_id, batch_id=batch_id)
    locked = session.exec(
        select(Batch)
        .where(Batch.id == batch.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if locked.status == CANCELLED:
        return locked
    if locked.status not in ACTIVE:
        raise BatchFinished(f"The batch is {locked.status} already: there is nothing to cancel.")
    now = utc_now()
    locked.status = CANCELLED
    locked.updated_at = now
    locked.finished_at = now
    locked.runner = None
    session.add(locked)
    session.flush()
    cancelled = cancel_batch_jobs(session, batch_id=batch.id)
    logger.info("batch %s cancelled (%s jobs cancelled or asked to stop)", batch.id, cancelled)
    return locked
