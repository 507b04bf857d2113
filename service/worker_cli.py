"""`shortlist worker`: a job queue worker processing batches, on any host that reaches the
PostgreSQL database."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from service.batches.processing import CatalogCache
from service.cli_support import err, fail
from service.config import get_settings
from service.db import create_db_engine
from service.logs import configure_logging
from service.queue.app import WorkerContext, build_app
from service.queue.jobs import BATCH_QUEUE, EXPORT_QUEUE

QUEUES = [BATCH_QUEUE, EXPORT_QUEUE]

SQLITE_HAS_NO_QUEUE = (
    "`shortlist worker` needs PostgreSQL (DATABASE_URL=postgresql://...): with the embedded "
    "SQLite database the service processes batches itself (BATCH_WORKER=true)."
)


def worker(
    concurrency: Annotated[
        int,
        typer.Option(
            min=1,
            max=32,
            help="Jobs run at once in this process. Evaluating is computing: run one "
            "process per core rather than raising this.",
        ),
    ] = 1,
) -> None:
    """Process queued batches and exports (until SIGINT or SIGTERM, which let the running
    jobs end)."""
    settings = get_settings()
    if not settings.database_url.startswith("postgresql"):
        raise fail(SQLITE_HAS_NO_QUEUE, code=2)
    configure_logging(settings.log_level)
    engine = create_db_engine(settings.database_url)
    app = build_app(settings, pool_size=concurrency + 3)
    name = f"{socket.gethostname()[:60]}:{os.getpid()}"
    stale = settings.batch_stale_seconds
    err.print(f"worker {name}: queues {', '.join(QUEUES)}, {concurrency} at once", highlight=False)
    try:
        app.run_worker(
            queues=QUEUES,
            name=name,
            concurrency=concurrency,
            fetch_job_polling_interval=settings.batch_poll_seconds,
            update_heartbeat_interval=max(stale / 3, 0.5),
            stalled_worker_timeout=stale,
            delete_jobs="successful",
            additional_context={
                "shortlist": WorkerContext(
                    engine=engine,
                    catalogs=CatalogCache(),
                    stale_seconds=stale,
                    webhook_secret=settings.webhook_secret,
                )
            },
        )
    finally:
        engine.dispose()
