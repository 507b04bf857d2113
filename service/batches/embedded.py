"""The embedded worker, for the SQLite default: a thread of each service process that renders
the exports asked for asynchronously, and takes a queued batch (or one whose worker went
silent) and runs its chunks and its finalisation through the same steps as the queue's jobs
(`processing`).

SQLite has no job queue; a batch is held by one worker at a time instead. `runner` names the
holder and `updated_at` is its heartbeat (each chunk stored, each chunk written to the file).
A batch whose holder is silent for `stale_seconds` is taken over and resumes from its first
chunk not stored; one interrupted MAX_ATTEMPTS times fails.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, or_, update
from sqlmodel import Session, col, select

from service.batches import processing, webhooks
from service.batches.models import Batch
from service.batches.processing import ACTIVE, QUEUED, RUNNING, CatalogCache
from service.db import writing
from service.exports import deferred
from service.exports.apart import render_apart
from vendors.sqlbase import utc_now

logger = logging.getLogger("shortlist.batches")

MAX_ATTEMPTS = 3
WEBHOOK_WAITS = (2.0, 8.0, 30.0)  # seconds before each new try of a webhook


def runner_id() -> str:
    """This process's name as a batch runner: host, process id and a token of its own."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def recover(session: Session, *, now: datetime) -> tuple[int, int]:
    """At start-up: fail the batches interrupted too often, and release those this host's
    stopped processes held, so they resume at once. Returns (resumable, failed). Commits."""
    running = session.exec(select(Batch).where(Batch.status == RUNNING)).all()
    resumable = failed = 0
    host = socket.gethostname()[:60]
    for batch in running:
        if batch.attempts >= MAX_ATTEMPTS:
            reason = f"the service stopped {batch.attempts} times while running this batch"
            processing.fail(session, batch_id=batch.id, reason=reason, now=now)
            failed += 1
            continue
        resumable += 1
        if batch.runner and _stopped_here(batch.runner, host):
            batch.runner = None  # claimable at once, not only when silent for long
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
    """Take the oldest queued batch, or a running one nobody holds or whose holder went
    silent; a batch interrupted MAX_ATTEMPTS times fails instead. Commits."""
    candidates = session.exec(
        select(Batch.id, Batch.runner, Batch.attempts)
        .where(
            or_(
                col(Batch.status) == QUEUED,
                (col(Batch.status) == RUNNING)
                & (col(Batch.runner).is_(None) | (col(Batch.updated_at) < now - stale_after)),
            )
        )
        .order_by(col(Batch.created_at))
        .limit(5)
    ).all()
    session.commit()
    for batch_id, previous, attempts in candidates:
        if attempts >= MAX_ATTEMPTS:
            reason = f"its runner stopped {attempts} times while running it"
            processing.fail(session, batch_id=batch_id, reason=reason, now=now)
            continue
        taken = session.execute(
            update(Batch)
            .where(
                col(Batch.id) == batch_id,
                col(Batch.runner).is_(None) if previous is None else col(Batch.runner) == previous,
                col(Batch.status).in_(ACTIVE),
            )
            .values(
                status=RUNNING,
                runner=runner,
                attempts=col(Batch.attempts) + 1,
                updated_at=now,
                started_at=func.coalesce(col(Batch.started_at), now),
            )
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            session.commit()
            return batch_id
        session.rollback()
    return None


def holds(session: Session, *, batch_id: uuid.UUID, runner: str) -> bool:
    """Whether `runner` still holds the batch and it is still active (not cancelled)."""
    row = session.exec(select(Batch.runner, Batch.status).where(Batch.id == batch_id)).one_or_none()
    session.commit()
    return row is not None and row[0] == runner and row[1] in ACTIVE


def run_batch(
    session: Session,
    *,
    batch_id: uuid.UUID,
    runner: str,
    catalogs: CatalogCache | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    max_chunks: int | None = None,
) -> str:
    """Evaluate a held batch's chunks not stored yet, then write its result. Stops early (the
    batch stays running, to resume) after `max_chunks` chunks, when `should_stop()` says so,
    or when the batch was taken over or cancelled. Returns the batch's status."""
    catalogs = catalogs or CatalogCache()
    done = 0
    for chunk_no in processing.pending_chunks(session, batch_id=batch_id):
        if should_stop() or (max_chunks is not None and done >= max_chunks):
            return RUNNING
        if not holds(session, batch_id=batch_id, runner=runner):
            return _status(session, batch_id)
        processing.evaluate_chunk(
            session,
            batch_id=batch_id,
            chunk_no=chunk_no,
            catalogs=catalogs,
            should_stop=should_stop,
            worker=runner,
        )
        done += 1
    if should_stop() or not holds(session, batch_id=batch_id, runner=runner):
        return _status(session, batch_id)

    def beat() -> None:
        session.execute(
            update(Batch)
            .where(col(Batch.id) == batch_id, col(Batch.runner) == runner)
            .values(updated_at=utc_now())
            .execution_options(synchronize_session=False)
        )
        session.commit()

    processing.finalise(session, batch_id=batch_id, beat=beat)
    return _status(session, batch_id)


def _status(session: Session, batch_id: uuid.UUID) -> str:
    status = session.exec(select(Batch.status).where(Batch.id == batch_id)).one()
    session.commit()
    return status


class EmbeddedWorker:
    """Polls for batches to run until stopped; `wake()` skips the wait after a submission."""

    def __init__(
        self,
        engine: Engine,
        *,
        poll_seconds: float,
        stale_seconds: float,
        webhook_secret: str | None = None,
        export_processes: int = 0,
    ) -> None:
        self.engine = engine
        self.webhook_secret = webhook_secret
        self.export_processes = export_processes
        self.poll_seconds = poll_seconds
        self.stale_after = timedelta(seconds=stale_seconds)
        self.runner = runner_id()
        self.catalogs = CatalogCache()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="batch-worker", daemon=True)

    def start(self) -> None:
        """Start the thread: it first resumes or fails what a previous run left running."""
        self._thread.start()

    def recover(self) -> None:
        """Fail the batches stopped too often; release those a stopped process held here."""
        try:
            with Session(writing(self.engine), expire_on_commit=False) as session:
                resumable, failed = recover(session, now=utc_now())
            if resumable or failed:
                logger.info("batches left running: %s to resume, %s failed", resumable, failed)
        except Exception:
            logger.exception("could not check the batches left running")

    def wake(self) -> None:
        """Look for work now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop within a few rows; the batch stays running and resumes later."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        self.recover()
        while not self._stop.is_set():
            try:
                worked = self.run_export_once() or self.run_once()
            except Exception:
                logger.exception("batch worker error")
                worked = False
            if not worked:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def run_export_once(self) -> bool:
        """Render the oldest export waiting; tell whether there was one."""

        def renderer(*args: Any, fmt: Any, lang: Any) -> Any:
            return render_apart(*args, fmt=fmt, lang=lang, processes=self.export_processes)

        with Session(writing(self.engine), expire_on_commit=False) as session:
            export_id = deferred.next_queued(session)
            if export_id is None:
                return False
            try:
                deferred.render_export(session, export_id=export_id, renderer=renderer)
            except Exception as exc:
                logger.exception("export %s failed", export_id)
                reason = f"rendering error: {type(exc).__name__}: {exc}"
                deferred.fail_export(session, export_id=export_id, reason=reason)
            return True

    def run_once(self) -> bool:
        """Claim one batch and run it; tell whether there was one."""
        with Session(writing(self.engine), expire_on_commit=False) as session:
            batch_id = claim(
                session, runner=self.runner, now=utc_now(), stale_after=self.stale_after
            )
            if batch_id is None:
                return False
            try:
                status = run_batch(
                    session,
                    batch_id=batch_id,
                    runner=self.runner,
                    catalogs=self.catalogs,
                    should_stop=self._stop.is_set,
                )
            except Exception as exc:
                logger.exception("batch %s failed", batch_id)
                reason = f"processing error: {type(exc).__name__}: {exc}"
                processing.fail(session, batch_id=batch_id, reason=reason)
                status = processing.FAILED
            logger.info("batch %s: %s", batch_id, status)
            if status in {processing.DONE, processing.FAILED}:
                self.notify(session, batch_id)
            return True

    def notify(self, session: Session, batch_id: uuid.UUID) -> None:
        """Send the batch's webhook, trying again a few times (a stop ends the waits)."""
        for wait in (0.0, *WEBHOOK_WAITS):
            if wait and self._stop.wait(wait):
                return
            try:
                webhooks.notify(session, batch_id=batch_id, secret=self.webhook_secret)
                return
            except webhooks.WebhookFailed as exc:
                logger.warning("%s", exc)
        logger.error("batch %s: webhook given up after %s tries", batch_id, len(WEBHOOK_WAITS) + 1)


def start_embedded_worker(
    engine: Engine,
    *,
    poll_seconds: float,
    stale_seconds: float,
    webhook_secret: str | None = None,
    export_processes: int = 0,
) -> EmbeddedWorker:
    """Start the service's embedded worker (batches and exports asked for asynchronously)."""
    worker = EmbeddedWorker(
        engine,
        poll_seconds=poll_seconds,
        stale_seconds=stale_seconds,
        webhook_secret=webhook_secret,
        export_processes=export_processes,
    )
    worker.start()
    return worker
