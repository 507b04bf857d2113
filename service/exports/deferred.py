"""Exports asked for asynchronously: recorded at once (202), rendered by a worker, fetched
when done. A PDF takes seconds to render: no request waits for it, and on PostgreSQL the
rendering runs in the queue workers (`shortlist worker`), on SQLite in the embedded worker."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, update
from sqlmodel import Session, col, select

from service.db import release
from service.errors import AppError, Conflict, NotFound
from service.exports import ExportFormat, Lang, evaluation_meta, render
from service.exports.common import Export
from service.exports.models import ExportJob
from service.projects import runs
from service.projects.models import Evaluation
from service.queue.jobs import EXPORT_QUEUE, RENDER_EXPORT, JobSpec, defer
from service.tenancy.models import Firm
from vendors.sqlbase import utc_now

logger = logging.getLogger("shortlist.exports")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
#: How long a render holds its export: far beyond a render's seconds, so that no second worker
#: renders it again while the first is at it; an interrupted one is taken over after it.
EXPORT_LEASE = timedelta(minutes=5)
#: Renders started before an export that keeps being interrupted (a crash) fails.
MAX_ATTEMPTS = 3

Renderer = Callable[..., Export]


class ExportNotFound(NotFound):
    """No such export for this firm."""


class ExportNotReady(Conflict):
    """The export has no file (yet)."""

    error = "export_not_ready"


def render_job(export_id: uuid.UUID) -> JobSpec:
    """The queue job rendering an export."""
    return JobSpec(RENDER_EXPORT, {"export_id": str(export_id)}, queue=EXPORT_QUEUE)


def request_export(
    session: Session, *, firm_id: uuid.UUID, evaluation_id: uuid.UUID, fmt: ExportFormat, lang: Lang
) -> ExportJob:
    """Record an export of the firm's evaluation to render, and on PostgreSQL its job, in the
    caller's transaction (404 for another firm's evaluation, 409 for an earlier engine's).
    Flushes."""
    evaluation = runs.get_evaluation(session, firm_id=firm_id, evaluation_id=evaluation_id)
    runs.load_snapshot(evaluation)  # an earlier engine's snapshot is refused now, not later
    job = ExportJob(firm_id=firm_id, evaluation_id=evaluation.id, format=fmt.value, lang=lang.value)
    session.add(job)
    session.flush()
    defer(session, [render_job(job.id)])
    return job


def get_export(session: Session, *, firm_id: uuid.UUID, export_id: uuid.UUID) -> ExportJob:
    """Return the firm's export, or raise ExportNotFound."""
    job = session.get(ExportJob, export_id)
    if job is None or job.firm_id != firm_id:
        raise ExportNotFound(f"No export {export_id} for your firm.")
    return job


def export_file(job: ExportJob) -> tuple[bytes, str, str]:
    """The finished export's bytes, media type and file name; 409 until it is done."""
    if job.status != DONE or job.content is None or job.media_type is None:
        detail = f": {job.error}" if job.status == FAILED else "; fetch it once it is done"
        raise ExportNotReady(f"The export is {job.status}{detail}.")
    return job.content, job.media_type, job.filename or f"export.{job.format}"


def _claimable(now: datetime) -> ColumnElement[bool]:
    """Queued, or running under a lease that has run out (its render was interrupted)."""
    lease = col(ExportJob.leased_until)
    return or_(
        col(ExportJob.status) == QUEUED,
        and_(col(ExportJob.status) == RUNNING, or_(lease.is_(None), lease < now)),
    )


def render_export(
    session: Session,
    *,
    export_id: uuid.UUID,
    renderer: Renderer = render,
    clock: Callable[[], datetime] = utc_now,
    takeover: bool = False,
) -> str:
    """Render a queued export, or one whose render was interrupted, and store its file; a
    domain error (a stored value that no longer validates) fails it with its reason. A render
    holds the export for EXPORT_LEASE: another worker leaves it alone meanwhile, unless
    `takeover` (the job queue, which runs a job again only once its worker is gone). The
    MAX_ATTEMPTS-th interrupted render fails the export. Returns its status. Commits."""
    now = clock()
    claimable = col(ExportJob.status).in_([QUEUED, RUNNING]) if takeover else _claimable(now)
    taken = session.execute(
        update(ExportJob)
        .where(col(ExportJob.id) == export_id, claimable)
        .values(
            status=RUNNING,
            attempts=col(ExportJob.attempts) + 1,
            leased_until=now + EXPORT_LEASE,
        )
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        return "skipped"
    job = session.get(ExportJob, export_id, populate_existing=True)
    assert job is not None
    attempt = job.attempts  # fences the result: a render taken over writes nothing
    session.commit()  # the lease holds from now, whatever the render does
    if attempt > MAX_ATTEMPTS:
        reason = f"the render was interrupted {attempt - 1} times (its process stopped)"
        return _finish(session, export_id, status=FAILED, error=reason, now=now, attempt=attempt)
    evaluation = session.get(Evaluation, job.evaluation_id)
    firm = session.get(Firm, job.firm_id)
    assert evaluation is not None
    try:
        snapshot = runs.load_snapshot(evaluation)
        previous = runs.previous_changes(session, evaluation=evaluation)
        meta = evaluation_meta(evaluation, previous, firm=firm.name if firm else "")
        release(session)  # rendering takes seconds: no transaction stays open
        export = renderer(snapshot, meta, fmt=ExportFormat(job.format), lang=Lang(job.lang))
    except AppError as exc:
        error = exc.detail
        return _finish(session, export_id, status=FAILED, error=error, now=clock(), attempt=attempt)
    return _finish(session, export_id, status=DONE, export=export, now=clock(), attempt=attempt)


def _finish(
    session: Session,
    export_id: uuid.UUID,
    *,
    status: str,
    now: datetime,
    export: Export | None = None,
    error: str | None = None,
    attempt: int | None = None,
) -> str:
    """Store the outcome of a running export; nothing when it is no longer running, or when
    `attempt` is given and another render has taken it over since."""
    session.rollback()
    job = session.get(ExportJob, export_id, populate_existing=True, with_for_update=True)
    if job is None or job.status != RUNNING or (attempt is not None and job.attempts != attempt):
        session.rollback()
        return "skipped"
    job.status = status
    job.finished_at = now
    job.leased_until = None
    job.error = None if error is None else error[:2000]
    if export is not None:
        job.content, job.media_type, job.filename = (
            export.content,
            export.media_type,
            export.filename,
        )
    session.add(job)
    session.commit()
    logger.info("export %s: %s", export_id, status)
    return status


def fail_export(session: Session, *, export_id: uuid.UUID, reason: str) -> str:
    """Mark a running export failed with `reason` (a rendering error); one already done or
    failed stays so. Commits."""
    return _finish(session, export_id, status=FAILED, error=reason, now=utc_now())


def next_queued(session: Session, now: datetime | None = None) -> uuid.UUID | None:
    """The oldest export waiting, or interrupted and no longer held (the embedded worker's
    next). Ends its transaction."""
    export_id = session.exec(
        select(ExportJob.id)
        .where(_claimable(now or utc_now()))
        .order_by(col(ExportJob.created_at))
        .limit(1)
    ).first()
    release(session)
    return export_id
