"""The batch worker: a thread of the service process that takes queued batches (and those a
stopped process left running) and processes them, committing progress chunk by chunk."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from service.batches import service as batches
from service.db import writing
from vendors.sqlbase import utc_now

logger = logging.getLogger("shortlist.batches")


class BatchWorker:
    """Polls for batches to run until stopped; `wake()` skips the wait after a submission."""

    def __init__(self, engine: Engine, *, poll_seconds: float, stale_seconds: float) -> None:
        self.engine = engine
        self.poll_seconds = poll_seconds
        self.stale_after = timedelta(seconds=stale_seconds)
        self.runner = batches.runner_id()
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
                resumable, failed = batches.recover(session, now=utc_now())
            if resumable or failed:
                logger.info("batches left running: %s to resume, %s failed", resumable, failed)
        except Exception:
            logger.exception("could not check the batches left running")

    def wake(self) -> None:
        """Look for work now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current chunk; the batch stays running and resumes later."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        self.recover()
        while not self._stop.is_set():
            try:
                worked = self.run_once()
            except Exception:
                logger.exception("batch worker error")
                worked = False
            if not worked:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def run_once(self) -> bool:
        """Claim one batch and process it; tell whether there was one."""
        with Session(writing(self.engine), expire_on_commit=False) as session:
            batch_id = batches.claim(
                session, runner=self.runner, now=utc_now(), stale_after=self.stale_after
            )
            if batch_id is None:
                return False
            try:
                status = batches.process(
                    session, batch_id=batch_id, runner=self.runner, should_stop=self._stop.is_set
                )
            except Exception as exc:
                logger.exception("batch %s failed", batch_id)
                batches.fail(
                    session,
                    batch_id=batch_id,
                    reason=f"processing error: {type(exc).__name__}: {exc}",
                    now=utc_now(),
                )
                return True
            logger.info("batch %s: %s", batch_id, status)
            return True


def start_batch_worker(engine: Engine, *, poll_seconds: float, stale_seconds: float) -> BatchWorker:
    """Start the service's batch worker (after resuming or failing what was left running)."""
    worker = BatchWorker(engine, poll_seconds=poll_seconds, stale_seconds=stale_seconds)
    worker.start()
    return worker
