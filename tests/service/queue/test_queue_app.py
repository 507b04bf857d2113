"""The queue's app (PostgreSQL): its connection string from DATABASE_URL, its tasks, and the
daily clean-up of ended jobs on a database of its own."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from procrastinate import JobContext
from procrastinate.jobs import Job
from sqlalchemy import text

from service import migrate
from service.config import Settings
from service.queue.app import build_app, clean_up_task, conninfo
from service.queue.jobs import CLEAN_UP, EVALUATE_CHUNK, FINALISE, NOTIFY, RECOVER, RENDER_EXPORT
from tests.conftest import backend_url


def test_the_connection_string_keeps_the_url_s_options() -> None:
    url = "postgresql+psycopg://shortlist:s%40cret@db:5432/shortlist?options=-csearch_path%3Dx"
    assert (
        conninfo(url)
        == "postgresql://shortlist:s%40cret@db:5432/shortlist?options=-csearch_path%3Dx"
    )
    with pytest.raises(ValueError, match="needs PostgreSQL"):
        conninfo("sqlite:///shortlist.db")


def test_the_app_has_every_task_and_its_periodic_ones() -> None:
    app = build_app(Settings(database_url="postgresql://u@h/d", batch_stale_seconds=30))
    assert {EVALUATE_CHUNK, FINALISE, NOTIFY, RECOVER, RENDER_EXPORT, CLEAN_UP} <= set(app.tasks)
    periodic = {task.task.name: task.cron for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic == {RECOVER: "* * * * * */10", CLEAN_UP: "17 3 * * *"}


def test_the_clean_up_deletes_jobs_ended_a_week_ago(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url, engine = backend_url("postgresql", request, tmp_path, fresh_schema=True)
    try:
        with engine.begin() as conn:
            migrate.upgrade(connection=conn)
            ids = (
                conn.execute(
                    text(
                        "INSERT INTO procrastinate_jobs (queue_name, task_name, status) VALUES "
                        "('batches', 'batches.finalise', 'failed'), "
                        "('batches', 'batches.finalise', 'cancelled'), "
                        "('batches', 'batches.finalise', 'todo') RETURNING id"
                    )
                )
                .scalars()
                .all()
            )
            conn.execute(
                text(
                    "INSERT INTO procrastinate_events (job_id, type, at) VALUES "
                    "(:old, 'failed', now() - interval '8 days'), "
                    "(:recent, 'cancelled', now() - interval '1 day')"
                ),
                {"old": ids[0], "recent": ids[1]},
            )
        app = build_app(Settings(database_url=url))

        async def clean_up() -> None:
            async with app.open_async():
                job = Job(id=0, queue="batches", lock=None, queueing_lock=None, task_name=CLEAN_UP)
                context = JobContext(
                    app=app, job=job, start_timestamp=0.0, abort_reason=lambda: None
                )
                await clean_up_task(context, 0)

        asyncio.run(clean_up())
        with engine.connect() as conn:
            left = conn.execute(text("SELECT id FROM procrastinate_jobs ORDER BY id")).scalars()
            assert list(left) == ids[1:], "only the job ended over a week ago is gone"
    finally:
        engine.dispose()
