"""Prometheus metrics at `/metrics`: requests and their latency per route
(prometheus-fastapi-instrumentator), and, read from the database at each scrape, the job
queue's jobs by queue and state, its depth, the workers reporting, and batches by status.

Each app has a registry of its own (tests build many apps). With several uvicorn workers set
PROMETHEUS_MULTIPROC_DIR, as prometheus_client's multiprocess mode asks, or each worker
answers for itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from prometheus_fastapi_instrumentator import Instrumentator
from sqlalchemy import Engine, func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from service.batches.models import Batch
from service.queue.jobs import job_counts, live_workers

logger = logging.getLogger("shortlist.metrics")

NOT_MEASURED = ["/metrics", "/livez", "/readyz", "/healthz"]
BATCH_STATUSES = ("queued", "running", "done", "failed", "cancelled")


class QueueCollector(Collector):
    """The queue's and the batches' state, read when Prometheus scrapes."""

    def __init__(self, engine: Callable[[], Engine], *, stale_seconds: float) -> None:
        self.engine = engine
        self.stale_seconds = stale_seconds

    def collect(self) -> Iterator[Metric]:
        """The gauges, or none when the database does not answer (logged)."""
        try:
            with Session(self.engine()) as session:
                jobs = job_counts(session)
                workers = live_workers(session, within_seconds=self.stale_seconds)
                batches = dict(
                    session.exec(select(Batch.status, func.count()).group_by(Batch.status)).all()
                )
        except SQLAlchemyError:
            logger.exception("metrics: the database did not answer")
            return
        by_state = GaugeMetricFamily(
            "shortlist_queue_jobs",
            "Jobs of the job queue by queue and state.",
            labels=["queue", "state"],
        )
        depth = GaugeMetricFamily(
            "shortlist_queue_depth", "Jobs waiting to run, per queue.", labels=["queue"]
        )
        for (queue, state), count in sorted(jobs.items()):
            by_state.add_metric([queue, state], count)
            if state == "todo":
                depth.add_metric([queue], count)
        yield by_state
        yield depth
        yield GaugeMetricFamily(
            "shortlist_queue_workers",
            "Queue worker processes that reported within BATCH_STALE_SECONDS.",
            value=workers,
        )
        status = GaugeMetricFamily("shortlist_batches", "Batches by status.", labels=["status"])
        for name in BATCH_STATUSES:
            status.add_metric([name], batches.get(name, 0))
        yield status


def install_metrics(app: FastAPI, *, stale_seconds: float) -> None:
    """Measure every request and serve `/metrics` (outside the API: no key needed)."""
    registry = CollectorRegistry()
    registry.register(QueueCollector(lambda: app.state.engine, stale_seconds=stale_seconds))
    Instrumentator(excluded_handlers=NOT_MEASURED, registry=registry).instrument(app).expose(
        app, endpoint="/metrics", include_in_schema=False
    )
