"""Processing a batch, the same on every database and whoever runs it (a queue worker on
PostgreSQL, the embedded worker on SQLite): evaluating one chunk of clients, then writing the
result file once every chunk is evaluated.

Either step may run more than once for the same chunk or batch (a retried job, a worker that
died, two embedded workers): a chunk's outcomes are stored and counted once, under the batch
row's lock, and a result file becomes the batch's only in the transaction that marks it done.
No transaction stays open while rows are evaluated or the file is written.
"""

from __future__ import annotations

import io
import logging
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from service.batches import result_files
from service.batches.models import (
    Batch,
    BatchCatalog,
    BatchInputChunk,
    BatchOutputChunk,
    BatchResult,
)
from service.batches.profiles import InputRow
from service.batches.runner import Catalog, ClientError, Outcome, evaluate_row, outcome_from_dict
from service.batches.writers import MEDIA_TYPES, OutputFormat, ResultFileError, Summary, write_all
from service.db import release
from service.queue.jobs import JobSpec, chunk_job, defer, finalise_job, notify_job
from vendors.sqlbase import utc_now

logger = logging.getLogger("shortlist.batches")

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
ACTIVE = (QUEUED, RUNNING)
CHUNK_CLIENTS = 1000  # clients per stored chunk, and per job
STOP_CHECK_ROWS = 100  # rows evaluated between two looks at whether to stop

# What a step did.
EVALUATED, ALREADY_DONE, SKIPPED, STOPPED, WAITING = (
    "evaluated",
    "already_done",
    "skipped",
    "stopped",
    "waiting",
)


class CatalogCache:
    """The catalogs of the last few batches a worker evaluated, their facts prepared once
    rather than for every chunk."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._catalogs: OrderedDict[uuid.UUID, Catalog] = OrderedDict()

    def get(self, session: Session, batch_id: uuid.UUID) -> Catalog:
        """The batch's catalog, read from the database the first time."""
        if batch_id in self._catalogs:
            self._catalogs.move_to_end(batch_id)
            return self._catalogs[batch_id]
        stored = session.get(BatchCatalog, batch_id)
        if stored is None:
            raise KeyError("the batch's catalog is missing")
        catalog = Catalog.from_data(stored.catalog)
        self._catalogs[batch_id] = catalog
        while len(self._catalogs) > self.size:
            self._catalogs.popitem(last=False)
        return catalog


def evaluate_chunk(
    session: Session,
    *,
    batch_id: uuid.UUID,
    chunk_no: int,
    catalogs: CatalogCache | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    worker: str = "",
    clock: Callable[[], datetime] = utc_now,
) -> str:
    """Evaluate one chunk of the batch and store its outcomes with the progress, once.

    Returns EVALUATED; ALREADY_DONE when its outcomes are stored already; SKIPPED when the
    batch is no longer queued or running (cancelled, failed, done); STOPPED when
    `should_stop()` said so mid-chunk (nothing stored). When it completes the batch's last
    chunk, the finalisation job is deferred in the same transaction (PostgreSQL). Commits.
    """
    batch = session.get(Batch, batch_id, populate_existing=True)
    if batch is None or batch.status not in ACTIVE:
        release(session)
        return SKIPPED
    if session.get(BatchOutputChunk, (batch_id, chunk_no)) is not None:
        release(session)
        return ALREADY_DONE
    stored = session.get(BatchInputChunk, (batch_id, chunk_no))
    try:
        if stored is None:
            raise KeyError(f"chunk {chunk_no} is missing")
        catalog = (catalogs or CatalogCache()).get(session, batch_id)
        rows = [InputRow(int(item["number"]), dict(item["values"])) for item in stored.rows]
    except (KeyError, TypeError, ValueError) as exc:
        fail(session, batch_id=batch_id, reason=f"its stored input cannot be read ({exc})")
        return SKIPPED
    _mark_running(session, batch_id, now=clock())
    release(session)  # the rows are evaluated with no transaction open
    outcomes: list[Outcome] = []
    for index, row in enumerate(rows):
        if index % STOP_CHECK_ROWS == 0 and should_stop():
            return STOPPED
        outcomes.append(evaluate_row(row, catalog))
    return _store_outcomes(session, batch_id, chunk_no, outcomes, worker, now=clock())


def _mark_running(session: Session, batch_id: uuid.UUID, *, now: datetime) -> None:
    session.execute(
        update(Batch)
        .where(col(Batch.id) == batch_id, col(Batch.status) == QUEUED)
        .values(status=RUNNING, started_at=now, updated_at=now, attempts=1)
        .execution_options(synchronize_session=False)
    )


def _locked(session: Session, batch_id: uuid.UUID) -> Batch | None:
    """The batch row, locked until the transaction ends (SQLite: its write lock is held)."""
    return session.exec(
        select(Batch)
        .where(Batch.id == batch_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def _store_outcomes(
    session: Session,
    batch_id: uuid.UUID,
    chunk_no: int,
    outcomes: list[Outcome],
    worker: str,
    *,
    now: datetime,
) -> str:
    batch = _locked(session, batch_id)
    if batch is None or batch.status not in ACTIVE:
        session.rollback()
        return SKIPPED
    if session.get(BatchOutputChunk, (batch_id, chunk_no)) is not None:
        session.rollback()
        return ALREADY_DONE
    session.add(
        BatchOutputChunk(
            batch_id=batch_id,
            chunk_no=chunk_no,
            outcomes=[o.to_dict() for o in outcomes],
            errors=[o.to_dict() for o in outcomes if isinstance(o, ClientError)],
            evaluated_by=worker[:100],
        )
    )
    for outcome in outcomes:
        if isinstance(outcome, ClientError):
            batch.failed_rows += 1
        elif outcome.candidates:
            batch.ranked += 1
        else:
            batch.without_candidate += 1
    batch.processed += len(outcomes)
    batch.chunks_done += 1
    batch.status = RUNNING
    batch.updated_at = now
    session.add(batch)
    if batch.chunks_done >= batch.chunks:
        defer(session, [finalise_job(batch_id)])
    session.commit()
    return EVALUATED


def pending_chunks(session: Session, *, batch_id: uuid.UUID) -> list[int]:
    """The batch's chunks whose outcomes are not stored yet, in order."""
    done = set(
        session.exec(
            select(BatchOutputChunk.chunk_no).where(BatchOutputChunk.batch_id == batch_id)
        ).all()
    )
    chunks = session.exec(
        select(BatchInputChunk.chunk_no)
        .where(BatchInputChunk.batch_id == batch_id)
        .order_by(col(BatchInputChunk.chunk_no))
    ).all()
    return [chunk_no for chunk_no in chunks if chunk_no not in done]


def jobs_to_resume(session: Session, *, batch_id: uuid.UUID) -> list[JobSpec]:
    """The jobs that take an active batch to its end from where it is."""
    pending = pending_chunks(session, batch_id=batch_id)
    if pending:
        return [chunk_job(batch_id, chunk_no) for chunk_no in pending]
    return [finalise_job(batch_id)]


def finalise(
    session: Session,
    *,
    batch_id: uuid.UUID,
    beat: Callable[[], None] = lambda: None,
    clock: Callable[[], datetime] = utc_now,
) -> str:
    """Write the result file from the stored outcomes, chunk by chunk, in parts; then, in one
    transaction, make it the batch's result and mark the batch done.

    Returns DONE; SKIPPED when the batch is no longer active (cancelled, failed, or done by
    another run); WAITING when a chunk is still to be evaluated. `beat()` is called after each
    chunk written. A file the writer refuses fails the batch with the reason. Commits.
    """
    batch = session.get(Batch, batch_id, populate_existing=True)
    if batch is None or batch.status not in ACTIVE:
        release(session)
        return SKIPPED
    if pending_chunks(session, batch_id=batch_id):
        release(session)
        return WAITING
    stored = session.get(BatchCatalog, batch_id)
    catalog: dict[str, Any] = stored.catalog if stored is not None else {}
    fmt = OutputFormat(batch.output_format)
    summary = Summary(
        catalog=catalog.get("version"),
        catalog_products=len(catalog.get("profiles", ())),
        generated_at=clock(),
        extra={"batch": str(batch_id), "input": batch.filename},
    )
    stem = batch.filename.rsplit(".", 1)[0] or "clients"
    filename = f"{stem}-results.{fmt.value}"[:255]
    chunks = batch.chunks
    release(session)
    run = uuid.uuid4()
    sink = result_files.PartWriter(result_files.part_store(session, batch_id=batch_id, run=run))
    try:
        with io.BufferedWriter(sink) as stream:
            write_all(_stored_outcomes(session, batch_id, chunks, beat), fmt, stream, summary)
    except ResultFileError as exc:
        session.rollback()
        result_files.delete_parts(session, batch_id=batch_id, run=run)
        session.commit()
        fail(session, batch_id=batch_id, reason=str(exc), now=clock())
        return FAILED
    return _complete(session, batch_id, run, sink, filename, MEDIA_TYPES[fmt], now=clock())


def _stored_outcomes(
    session: Session, batch_id: uuid.UUID, chunks: int, beat: Callable[[], None]
) -> Iterator[Outcome]:
    """Every stored outcome in input order, one chunk read per short transaction."""
    for chunk_no in range(chunks):
        outcomes = session.exec(
            select(BatchOutputChunk.outcomes).where(
                BatchOutputChunk.batch_id == batch_id, BatchOutputChunk.chunk_no == chunk_no
            )
        ).one()
        release(session)
        for item in outcomes:
            yield outcome_from_dict(item)
        beat()


def _complete(
    session: Session,
    batch_id: uuid.UUID,
    run: uuid.UUID,
    sink: result_files.PartWriter,
    filename: str,
    media_type: str,
    *,
    now: datetime,
) -> str:
    batch = _locked(session, batch_id)
    if batch is None or batch.status not in ACTIVE:
        # Cancelled, failed, or done by another run meanwhile: this run's file is not needed.
        result_files.delete_parts(session, batch_id=batch_id, run=run)
        session.commit()
        return SKIPPED
    result_files.delete_parts(session, batch_id=batch_id, except_run=run)
    session.add(
        BatchResult(
            batch_id=batch_id,
            run=run,
            media_type=media_type,
            filename=filename,
            size=sink.size,
            parts=sink.parts,
        )
    )
    batch.status = DONE
    batch.updated_at = now
    batch.finished_at = now
    session.add(batch)
    if batch.webhook_url:
        defer(session, [notify_job(batch_id)])
    session.commit()
    return DONE


def count_retry(session: Session, *, batch_id: uuid.UUID, now: datetime | None = None) -> None:
    """Count one more run of a step of the batch after an interruption or error. Commits."""
    session.execute(
        update(Batch)
        .where(col(Batch.id) == batch_id, col(Batch.status).in_(ACTIVE))
        .values(attempts=col(Batch.attempts) + 1, updated_at=now or utc_now())
        .execution_options(synchronize_session=False)
    )
    session.commit()


def fail(
    session: Session, *, batch_id: uuid.UUID, reason: str, now: datetime | None = None
) -> bool:
    """Mark an active batch failed with `reason`; tell whether it was. Commits."""
    session.rollback()
    batch = _locked(session, batch_id)
    if batch is None or batch.status not in ACTIVE:
        session.rollback()
        return False
    moment = now or utc_now()
    batch.status = FAILED
    batch.error = reason[:2000]
    batch.updated_at = moment
    batch.finished_at = moment
    session.add(batch)
    if batch.webhook_url:
        defer(session, [notify_job(batch_id)])
    session.commit()
    logger.warning("batch %s failed: %s", batch_id, reason)
    return True
