"""Batches: submitting client profiles, processing them chunk by chunk with progress committed
as it goes, resuming after a restart, and storing the result atomically. Functions that take
a session own its commits only where they say so (processing commits per chunk)."""

from __future__ import annotations

import io
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, BinaryIO

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from service.batches.models import Batch, BatchChunk, BatchInput, BatchResult
from service.batches.profiles import (
    InputFileError,
    InputFormat,
    InputRow,
    InputTooLarge,
    read_rows,
)
from service.batches.runner import (
    CHUNK_SIZE,
    Catalog,
    ClientError,
    evaluate_row,
    outcome_from_dict,
)
from service.batches.writers import MEDIA_TYPES, OutputFormat, Summary, write_all
from service.db import release
from service.errors import AppError, Conflict, FieldError, InvalidInput, NotFound
from vendors import service as catalog_service
from vendors.sqlbase import utc_now

logger = logging.getLogger("shortlist.batches")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
MAX_ATTEMPTS = 3
ERRORS_SHOWN = 200


class BatchNotFound(NotFound):
    """No such batch for this firm."""


class BatchNotReady(Conflict):
    """The batch has no result (yet)."""

    error = "batch_not_ready"


class UploadTooLarge(AppError):
    """The uploaded file expands far beyond what its rows can need."""

    status_code = 413
    error = "payload_too_large"


def runner_id() -> str:
    """This process's name as a batch runner: host, process id and a token of its own."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


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
) -> Batch:
    """Read the uploaded profiles and queue a batch (422 when the file cannot be read, 413 when
    it expands far beyond its rows)."""
    if "\x00" in filename:
        raise InvalidInput(
            "The file name holds a NUL character (0x00), which cannot be stored.",
            fields=[FieldError(field="body.file", message="NUL character in the file name")],
        )
    try:
        rows = read_rows(source, input_format)
    except InputFileError as exc:
        error = UploadTooLarge if isinstance(exc, InputTooLarge) else InvalidInput
        raise error(
            f"Cannot read the file: {exc}.",
            fields=[FieldError(field="body.file", message=str(exc))],
        ) from exc
    catalog = firm_catalog(session, firm_id=firm_id)
    if len(catalog.profiles) < 2:
        raise InvalidInput("The catalog you see holds fewer than two products: load it first.")
    batch = Batch(
        firm_id=firm_id,
        created_by=actor[:200],
        filename=filename[:255] or f"clients.{input_format.value}",
        input_format=input_format.value,
        output_format=output_format.value,
        total=len(rows),
    )
    session.add(batch)
    session.flush()
    stored = [{"number": row.number, "values": _json_cells(row.values)} for row in rows]
    session.add(BatchInput(batch_id=batch.id, rows=stored, catalog=catalog.to_data()))
    session.flush()
    return batch


def _json_cells(values: dict[str, Any]) -> dict[str, Any]:
    """Cells as JSON values: a spreadsheet date or time becomes its ISO text."""
    cells: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or isinstance(value, str | int | float | bool | list | dict):
            cells[key] = value
        elif isinstance(value, datetime):
            cells[key] = value.isoformat()
        else:
            cells[key] = str(value)
    return cells


def get_batch(session: Session, *, firm_id: uuid.UUID, batch_id: uuid.UUID) -> Batch:
    """Return the firm's batch, or raise BatchNotFound."""
    batch = session.get(Batch, batch_id)
    if batch is None or batch.firm_id != firm_id:
        raise BatchNotFound(f"No batch {batch_id} for your firm.")
    return batch


def batch_errors(session: Session, *, batch_id: uuid.UUID, limit: int) -> list[dict[str, Any]]:
    """The first `limit` rows that could not be evaluated, in input order."""
    shown: list[dict[str, Any]] = []
    chunks = session.exec(
        select(BatchChunk.errors)
        .where(BatchChunk.batch_id == batch_id)
        .order_by(col(BatchChunk.position))
    )
    for errors in chunks:
        shown.extend(errors[: limit - len(shown)])
        if len(shown) >= limit:
            break
    return shown


def get_result(session: Session, *, batch: Batch) -> BatchResult:
    """The finished batch's file; 409 while it runs or when it failed."""
    if batch.status != DONE:
        if batch.status == FAILED:
            raise BatchNotReady(f"The batch failed: {batch.error}")
        share = batch.processed / batch.total if batch.total else 0.0
        raise BatchNotReady(
            f"The batch is {batch.status} ({batch.processed} of {batch.total} clients, "
            f"{share:.0%}); its result is served once it is done."
        )
    result = session.get(BatchResult, batch.id)
    if result is None:  # done is set in the transaction that stores the result
        raise BatchNotReady("The batch is done but its result is missing.")
    return result


# Processing.


def recover(session: Session, *, now: datetime) -> tuple[int, int]:
    """At start-up: fail the batches the service stopped too often while running them, and
    release those this host's stopped processes held, so they resume at once.

    Returns (resumable, failed). Commits.
    """
    running = session.exec(select(Batch).where(Batch.status == RUNNING)).all()
    resumable = failed = 0
    host = socket.gethostname()[:60]
    for batch in running:
        if batch.attempts >= MAX_ATTEMPTS:
            _finish_failed(
                session,
                batch,
                f"the service stopped {batch.attempts} times while running this batch",
                now=now,
            )
            failed += 1
            continue
        resumable += 1
        if batch.runner and _stopped_here(batch.runner, host):
            batch.heartbeat_at = None  # claimable at once, not only when stale
            session.add(batch)
    session.commit()
    return resumable, failed


def _stopped_here(runner: str, host: str) -> bool:
    """Tell whether `runner` was a process of this host that no longer runs."""
    parts = runner.split(":")
    if len(parts) != 3 or parts[0] != host or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return True  # a container restart reuses the process id; the token differs
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def claim(
    session: Session, *, runner: str, now: datetime, stale_after: timedelta
) -> uuid.UUID | None:
    """Take the oldest queued batch, or a running one whose runner went silent. Commits."""
    stale = now - stale_after
    candidates = session.exec(
        select(Batch.id, Batch.runner, Batch.attempts)
        .where(
            or_(
                col(Batch.status) == QUEUED,
                (col(Batch.status) == RUNNING)
                & (col(Batch.heartbeat_at).is_(None) | (col(Batch.heartbeat_at) < stale)),
            )
        )
        .order_by(col(Batch.created_at))
        .limit(5)
    ).all()
    for batch_id, previous, attempts in candidates:
        if attempts >= MAX_ATTEMPTS:
            gave_up = session.get(Batch, batch_id)
            if gave_up is not None and gave_up.status == RUNNING:
                reason = f"its runner stopped {attempts} times while running it"
                _finish_failed(session, gave_up, reason, now=now)
                session.commit()
            continue
        taken = session.execute(
            update(Batch)
            .where(
                col(Batch.id) == batch_id,
                col(Batch.runner).is_(None) if previous is None else col(Batch.runner) == previous,
                col(Batch.status).in_([QUEUED, RUNNING]),
            )
            .values(
                status=RUNNING,
                runner=runner,
                heartbeat_at=now,
                attempts=col(Batch.attempts) + 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            session.execute(
                update(Batch)
                .where(col(Batch.id) == batch_id, col(Batch.started_at).is_(None))
                .values(started_at=now)
                .execution_options(synchronize_session=False)
            )
            session.commit()
            return batch_id
        session.rollback()
    return None


@dataclass
class _Progress:
    processed: int = 0
    ranked: int = 0
    without_candidate: int = 0
    failed_rows: int = 0


def process(
    session: Session,
    *,
    batch_id: uuid.UUID,
    runner: str,
    chunk_size: int = CHUNK_SIZE,
    max_chunks: int | None = None,
    clock: Callable[[], datetime] = utc_now,
    should_stop: Callable[[], bool] = lambda: False,
) -> str:
    """Evaluate a claimed batch from its first unprocessed chunk, committing each chunk with
    the progress; once all are done, store the result and mark the batch done in one commit.

    Stops early (the batch stays running, to be resumed) after `max_chunks` chunks, when
    `should_stop()` says so, or when another runner took the batch over. Returns its status.
    """
    batch = session.get(Batch, batch_id)
    stored = session.get(BatchInput, batch_id)
    if batch is None or stored is None:
        return FAILED
    try:
        catalog = Catalog.from_data(stored.catalog)
        rows = [InputRow(int(item["number"]), dict(item["values"])) for item in stored.rows]
    except (KeyError, TypeError, ValueError) as exc:
        _finish_failed(session, batch, f"its stored input cannot be read ({exc})", now=clock())
        session.commit()
        return FAILED
    done_positions = set(
        session.exec(select(BatchChunk.position).where(BatchChunk.batch_id == batch_id)).all()
    )
    release(session)  # each chunk is computed with no transaction open, then stored in one
    progress = _Progress(batch.processed, batch.ranked, batch.without_candidate, batch.failed_rows)
    chunks_done = 0
    for position, start in enumerate(range(0, len(rows), chunk_size)):
        if position in done_positions:
            continue
        if should_stop() or (max_chunks is not None and chunks_done >= max_chunks):
            return RUNNING
        outcomes = [evaluate_row(row, catalog) for row in rows[start : start + chunk_size]]
        for outcome in outcomes:
            progress.processed += 1
            if isinstance(outcome, ClientError):
                progress.failed_rows += 1
            elif outcome.candidates:
                progress.ranked += 1
            else:
                progress.without_candidate += 1
        session.add(
            BatchChunk(
                batch_id=batch_id,
                position=position,
                outcomes=[o.to_dict() for o in outcomes],
                errors=[o.to_dict() for o in outcomes if isinstance(o, ClientError)],
            )
        )
        if not _report(session, batch_id, runner, progress, now=clock()):
            session.rollback()
            logger.warning("batch %s was taken over by another runner", batch_id)
            return RUNNING
        session.commit()
        chunks_done += 1
    return _finish(session, batch_id, runner, catalog, now=clock())


def _report(
    session: Session, batch_id: uuid.UUID, runner: str, progress: _Progress, *, now: datetime
) -> bool:
    """Store the progress and the heartbeat if this runner still holds the batch."""
    updated = session.execute(
        update(Batch)
        .where(col(Batch.id) == batch_id, col(Batch.runner) == runner, col(Batch.status) == RUNNING)
        .values(
            processed=progress.processed,
            ranked=progress.ranked,
            without_candidate=progress.without_candidate,
            failed_rows=progress.failed_rows,
            heartbeat_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(updated.rowcount == 1)  # type: ignore[attr-defined]


def _finish(
    session: Session, batch_id: uuid.UUID, runner: str, catalog: Catalog, *, now: datetime
) -> str:
    batch = session.get(Batch, batch_id)
    assert batch is not None
    fmt = OutputFormat(batch.output_format)
    positions = session.exec(
        select(BatchChunk.position)
        .where(BatchChunk.batch_id == batch_id)
        .order_by(col(BatchChunk.position))
    ).all()
    release(session)
    # The file is written as the chunks are read, each in a short transaction of its own: the
    # seconds a large workbook takes hold no transaction.
    outcomes = (
        outcome_from_dict(item)
        for position in positions
        for item in _chunk_outcomes(session, batch_id, position)
    )
    summary = Summary(
        catalog=catalog.version,
        catalog_products=len(catalog.profiles),
        generated_at=now,
        extra={"batch": str(batch_id), "input": batch.filename},
    )
    buffer = io.BytesIO()
    write_all(outcomes, fmt, buffer, summary)
    stem = batch.filename.rsplit(".", 1)[0] or "clients"
    session.add(
        BatchResult(
            batch_id=batch_id,
            media_type=MEDIA_TYPES[fmt],
            filename=f"{stem}-results.{fmt.value}",
            content=buffer.getvalue(),
        )
    )
    finished = session.execute(
        update(Batch)
        .where(col(Batch.id) == batch_id, col(Batch.runner) == runner, col(Batch.status) == RUNNING)
        .values(status=DONE, heartbeat_at=now, updated_at=now, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    if finished.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        return RUNNING
    session.commit()
    session.refresh(batch)
    return DONE


def _chunk_outcomes(session: Session, batch_id: uuid.UUID, position: int) -> list[Any]:
    outcomes = session.exec(
        select(BatchChunk.outcomes).where(
            BatchChunk.batch_id == batch_id, BatchChunk.position == position
        )
    ).one()
    release(session)
    return list(outcomes)


def fail(session: Session, *, batch_id: uuid.UUID, reason: str, now: datetime) -> None:
    """Mark a batch failed with `reason` (a processing error). Commits."""
    session.rollback()
    batch = session.get(Batch, batch_id)
    if batch is not None and batch.status in {QUEUED, RUNNING}:
        _finish_failed(session, batch, reason, now=now)
        session.commit()


def _finish_failed(session: Session, batch: Batch, reason: str, *, now: datetime) -> None:
    batch.status = FAILED
    batch.error = reason[:2000]
    batch.updated_at = now
    batch.finished_at = now
    session.add(batch)
    session.flush()
