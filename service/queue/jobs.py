"""The job queue's side of a transaction (PostgreSQL only): deferring jobs with the rows they
work on, cancelling a batch's jobs, and reading the queue's state.

Jobs are deferred through procrastinate's job manager on the session's own connection, so a job
exists exactly when the rows it works on were committed. The few statements written here use
procrastinate's tables and SQL functions of the schema its migration installed
(`migrations/sql/procrastinate-3.10.0.sql`). On SQLite there is no queue: the embedded worker
finds its work in the batch tables, and every function here does nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from procrastinate import SyncPsycopgConnector
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.jobs import Job
from procrastinate.manager import JobManager
from sqlalchemy import text
from sqlmodel import Session

BATCH_QUEUE = "batches"
EXPORT_QUEUE = "exports"
RENDER_EXPORT = "exports.render"
EVALUATE_CHUNK = "batches.evaluate_chunk"
FINALISE = "batches.finalise"
RECOVER = "batches.recover"
NOTIFY = "batches.notify"
CLEAN_UP = "queue.clean_up"
JOB_STATES = ("todo", "doing", "succeeded", "failed", "cancelled", "aborted")
# Higher runs first: a finished batch's file and webhook before the next batch's chunks, and
# the recovery of a dead worker's chunk before them all.
FINISHING_PRIORITY = 5
RECOVERY_PRIORITY = 10


@dataclass(frozen=True)
class JobSpec:
    """A job to defer: its task, arguments and locks."""

    task: str
    args: dict[str, Any] = field(default_factory=dict)
    queue: str = BATCH_QUEUE
    lock: str | None = None
    queueing_lock: str | None = None
    priority: int = 0


def uses_queue(session: Session) -> bool:
    """Whether the session's database has the job queue (PostgreSQL)."""
    return session.get_bind().dialect.name == "postgresql"


def chunk_job(batch_id: uuid.UUID, chunk_no: int) -> JobSpec:
    """The job evaluating one chunk of a batch (never two at once for the same chunk)."""
    return JobSpec(
        EVALUATE_CHUNK,
        {"batch_id": str(batch_id), "chunk_no": chunk_no},
        lock=f"batch:{batch_id}:chunk:{chunk_no}",
    )


def finalise_job(batch_id: uuid.UUID) -> JobSpec:
    """The job writing a batch's result file once every chunk is evaluated."""
    lock = f"batch:{batch_id}:finalise"
    return JobSpec(
        FINALISE,
        {"batch_id": str(batch_id)},
        lock=lock,
        queueing_lock=lock,
        priority=FINISHING_PRIORITY,
    )


def notify_job(batch_id: uuid.UUID) -> JobSpec:
    """The job sending a finished batch's webhook."""
    lock = f"batch:{batch_id}:notify"
    return JobSpec(
        NOTIFY, {"batch_id": str(batch_id)}, queueing_lock=lock, priority=FINISHING_PRIORITY
    )


def defer(session: Session, specs: Sequence[JobSpec]) -> int:
    """Defer `specs` in the session's transaction; a job whose queueing lock is already
    waiting is not deferred twice. Returns how many were deferred (0 on SQLite)."""
    if not specs or not uses_queue(session):
        return 0
    manager = JobManager(SyncPsycopgConnector())  # no pool: it runs on the given connection
    connection = session.connection().connection.driver_connection
    jobs = [
        Job(
            queue=spec.queue,
            task_name=spec.task,
            task_kwargs=spec.args,
            lock=spec.lock,
            queueing_lock=spec.queueing_lock,
            priority=spec.priority,
        )
        for spec in specs
    ]
    if all(spec.queueing_lock is None for spec in specs):
        return len(manager.batch_defer_jobs(jobs, connection=connection))
    deferred = 0
    for job in jobs:  # one at a time, each in a savepoint, to skip those already waiting
        savepoint = session.begin_nested()
        try:
            manager.defer_job(job, connection=connection)
        except AlreadyEnqueued:
            savepoint.rollback()
            continue
        savepoint.commit()
        deferred += 1
    return deferred


def cancel_batch_jobs(session: Session, *, batch_id: uuid.UUID) -> int:
    """Cancel the batch's waiting jobs and ask its running ones to stop; returns how many."""
    if not uses_queue(session):
        return 0
    rows = session.execute(
        text(
            "SELECT procrastinate_cancel_job_v1(id, true, false) FROM procrastinate_jobs "
            "WHERE status IN ('todo', 'doing') AND args->>'batch_id' = :batch_id"
        ),
        {"batch_id": str(batch_id)},
    ).all()
    return sum(1 for (job_id,) in rows if job_id is not None)


def batches_without_jobs(session: Session, batch_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """Those of `batch_ids` that no job waits for or works on."""
    if not batch_ids or not uses_queue(session):
        return []
    live = set(
        session.execute(
            text(
                "SELECT DISTINCT args->>'batch_id' FROM procrastinate_jobs "
                "WHERE status IN ('todo', 'doing') AND queue_name = :queue"
            ),
            {"queue": BATCH_QUEUE},
        ).scalars()
    )
    return [batch_id for batch_id in batch_ids if str(batch_id) not in live]


def job_counts(session: Session) -> dict[tuple[str, str], int]:
    """Jobs per (queue, state), every state of every queue seen included (empty on SQLite)."""
    if not uses_queue(session):
        return {}
    counts: dict[tuple[str, str], int] = {}
    rows = session.execute(
        text(
            "SELECT queue_name, status::text, count(*) FROM procrastinate_jobs "
            "GROUP BY queue_name, status"
        )
    ).all()
    for queue, state, count in rows:
        for each in JOB_STATES:
            counts.setdefault((queue, each), 0)
        counts[queue, state] = count
    return counts


def live_workers(session: Session, *, within_seconds: float) -> int:
    """Worker processes that reported within `within_seconds` (0 on SQLite)."""
    if not uses_queue(session):
        return 0
    count = session.execute(
        text(
            "SELECT count(*) FROM procrastinate_workers "
            "WHERE last_heartbeat > now() - make_interval(secs => :seconds)"
        ),
        {"seconds": within_seconds},
    ).scalar_one()
    return int(count)
