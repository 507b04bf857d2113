"""The procrastinate app of `shortlist worker`: its connector from DATABASE_URL, the tasks
(a batch's chunks, its result file and its webhook; exports asked for asynchronously), and
the periodic recovery that retries the jobs of workers that stopped reporting.

Tasks are registered on each app built (no module-level app), so that a test or a second
database gets an app of its own. A task opens its own sessions on the worker's engine, given
to the worker as `additional_context`.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from procrastinate import App, JobContext, PsycopgConnector, RetryStrategy
from procrastinate.exceptions import JobAborted
from procrastinate.jobs import Status
from sqlalchemy import Engine, make_url
from sqlmodel import Session, col, select

from service.batches import processing, webhooks
from service.batches.models import Batch
from service.config import Settings
from service.db import writing
from service.exports import deferred
from service.queue.jobs import (
    BATCH_QUEUE,
    CLEAN_UP,
    EVALUATE_CHUNK,
    EXPORT_QUEUE,
    FINALISE,
    NOTIFY,
    RECOVER,
    RECOVERY_PRIORITY,
    RENDER_EXPORT,
    batches_without_jobs,
    defer,
)

logger = logging.getLogger("shortlist.queue")

KEEP_ENDED_JOBS_HOURS = 7 * 24  # failed, cancelled and aborted jobs, for inspection
RETRIES = 2  # a job runs at most 1 + RETRIES times (errors and stopped workers alike)
RETRY = RetryStrategy(max_attempts=RETRIES, exponential_wait=2)
# A receiver that is down is tried again after 3, 9, 27, 81 and 243 s.
WEBHOOK_RETRY = RetryStrategy(
    max_attempts=5, exponential_wait=3, retry_exceptions=[webhooks.WebhookFailed]
)


@dataclass
class WorkerContext:
    """What every task of a worker process shares."""

    engine: Engine
    catalogs: processing.CatalogCache
    stale_seconds: float
    webhook_secret: str | None = None


def conninfo(database_url: str) -> str:
    """The libpq URI of a SQLAlchemy PostgreSQL URL (its query options kept)."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError("the job queue needs PostgreSQL")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def build_app(settings: Settings, *, pool_size: int = 4) -> App:
    """A procrastinate app on the settings' PostgreSQL database, with every task."""
    app = App(
        connector=PsycopgConnector(
            conninfo=conninfo(settings.database_url), min_size=1, max_size=pool_size
        ),
    )
    app.task(name=EVALUATE_CHUNK, queue=BATCH_QUEUE, retry=RETRY, pass_context=True)(
        evaluate_chunk_task
    )
    app.task(name=FINALISE, queue=BATCH_QUEUE, retry=RETRY, pass_context=True)(finalise_task)
    app.task(name=NOTIFY, queue=BATCH_QUEUE, retry=WEBHOOK_RETRY, pass_context=True)(notify_task)
    app.task(name=RENDER_EXPORT, queue=EXPORT_QUEUE, retry=RETRY, pass_context=True)(
        render_export_task
    )
    every = max(1, min(59, round(settings.batch_stale_seconds / 3)))
    recover = app.task(
        name=RECOVER,
        queue=BATCH_QUEUE,
        queueing_lock=RECOVER,
        priority=RECOVERY_PRIORITY,
        pass_context=True,
    )(recover_task)
    app.periodic(cron=f"* * * * * */{every}", periodic_id="stalled")(recover)
    clean_up = app.task(
        name=CLEAN_UP, queue=BATCH_QUEUE, queueing_lock=CLEAN_UP, pass_context=True
    )(clean_up_task)
    app.periodic(cron="17 3 * * *", periodic_id="daily")(clean_up)
    return app


def _shared(context: JobContext) -> WorkerContext:
    shared = context.additional_context["shortlist"]
    assert isinstance(shared, WorkerContext)
    return shared


def evaluate_chunk_task(context: JobContext, *, batch_id: str, chunk_no: int) -> str:
    """Evaluate one chunk of a batch (`processing.evaluate_chunk`)."""
    return _run_step(
        context,
        batch_id,
        lambda session, shared: processing.evaluate_chunk(
            session,
            batch_id=uuid.UUID(batch_id),
            chunk_no=chunk_no,
            catalogs=shared.catalogs,
            should_stop=context.should_abort,
            worker=context.worker_name or "",
        ),
    )


def finalise_task(context: JobContext, *, batch_id: str) -> str:
    """Write a batch's result file (`processing.finalise`)."""
    return _run_step(
        context,
        batch_id,
        lambda session, _shared: processing.finalise(session, batch_id=uuid.UUID(batch_id)),
    )


def notify_task(context: JobContext, *, batch_id: str) -> bool:
    """Send a finished batch's webhook (`webhooks.notify`); retried while it fails."""
    shared = _shared(context)
    with Session(writing(shared.engine), expire_on_commit=False) as session:
        return webhooks.notify(session, batch_id=uuid.UUID(batch_id), secret=shared.webhook_secret)


def render_export_task(context: JobContext, *, export_id: str) -> str:
    """Render an export asked for asynchronously (`deferred.render_export`); on the last
    attempt an error fails the export with its reason."""
    shared = _shared(context)
    with Session(writing(shared.engine), expire_on_commit=False) as session:
        try:
            return deferred.render_export(session, export_id=uuid.UUID(export_id), takeover=True)
        except Exception as exc:
            if context.job.attempts >= RETRIES:
                reason = f"rendering error after {context.job.attempts + 1} attempts: {exc}"
                deferred.fail_export(session, export_id=uuid.UUID(export_id), reason=reason)
            raise


def _run_step(context: JobContext, batch_id: str, step: Any) -> str:
    """Run a step of a batch; count a retried run; on the last attempt, an error fails the
    batch with its reason; a run asked to stop ends as aborted (retried when the worker was
    shutting down)."""
    shared = _shared(context)
    with Session(writing(shared.engine), expire_on_commit=False) as session:
        if context.job.attempts > 0:
            processing.count_retry(session, batch_id=uuid.UUID(batch_id))
        try:
            outcome: str = step(session, shared)
        except Exception as exc:
            if context.job.attempts >= RETRIES:
                reason = f"processing error after {context.job.attempts + 1} attempts: {exc}"
                processing.fail(session, batch_id=uuid.UUID(batch_id), reason=reason[:2000])
            raise
    if outcome == processing.STOPPED:
        raise JobAborted(f"batch {batch_id}: asked to stop")
    return outcome


async def recover_task(context: JobContext, timestamp: int) -> dict[str, int]:
    """Retry the jobs of workers that stopped reporting (killed, out of memory, host lost),
    fail the batch of a job interrupted too often, and defer the jobs of an active batch
    that none waits for (carried over from before the queue, or lost)."""
    shared = _shared(context)
    manager = context.app.job_manager
    retried = failed = 0
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=shared.stale_seconds):
        if job.attempts >= RETRIES:
            await manager.finish_job(job, status=Status.FAILED, delete_job=False)
            batch_id = str(job.task_kwargs.get("batch_id", ""))
            reason = f"its worker stopped {job.attempts + 1} times while running {job.task_name}"
            await asyncio.to_thread(_fail, shared.engine, batch_id, reason)
            failed += 1
        else:
            await manager.retry_job(job)
            retried += 1
    resumed = await asyncio.to_thread(resume_orphans, shared.engine)
    if retried or failed or resumed:
        logger.info(
            "recovery: %s stalled jobs retried, %s given up, %s batches resumed",
            retried,
            failed,
            resumed,
        )
    return {"retried": retried, "failed": failed, "resumed": resumed}


async def clean_up_task(context: JobContext, timestamp: int) -> None:
    """Delete the queue's jobs ended more than a week ago (succeeded ones are deleted as they
    end), so that its table stays small."""
    await context.app.job_manager.delete_old_jobs(
        nb_hours=KEEP_ENDED_JOBS_HOURS,
        include_failed=True,
        include_cancelled=True,
        include_aborted=True,
    )


def _fail(engine: Engine, batch_id: str, reason: str) -> None:
    try:
        parsed = uuid.UUID(batch_id)
    except ValueError:
        return
    with Session(writing(engine), expire_on_commit=False) as session:
        processing.fail(session, batch_id=parsed, reason=reason)


def resume_orphans(engine: Engine) -> int:
    """Defer the remaining jobs of each active batch no job waits for or works on."""
    with Session(writing(engine), expire_on_commit=False) as session:
        active = session.exec(select(Batch.id).where(col(Batch.status).in_(processing.ACTIVE)))
        orphans = batches_without_jobs(session, list(active))
        for batch_id in orphans:
            defer(session, processing.jobs_to_resume(session, batch_id=batch_id))
        session.commit()
    return len(orphans)
