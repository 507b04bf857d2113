"""Operations endpoints on both databases: liveness without the database, readiness with it
(and the job queue on PostgreSQL), and Prometheus metrics of requests, the queue and batches."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine


def test_liveness_readiness_and_health(anon_client: TestClient, engine: Engine) -> None:
    assert anon_client.get("/livez").json() == {"status": "ok"}
    ready = anon_client.get("/readyz")
    assert ready.status_code == 200, ready.text
    postgres = engine.dialect.name == "postgresql"
    assert ready.json() == {
        "status": "ok",
        "database": engine.dialect.name,
        "queue": "postgresql" if postgres else "embedded",
        "queue_workers": 0 if postgres else None,
    }
    assert anon_client.get("/healthz").json()["status"] == "ok"


def test_metrics_of_requests_the_queue_and_batches(client: TestClient, engine: Engine) -> None:
    assert client.get("/api/v1/batches").status_code == 200
    exposition = client.get("/metrics")
    assert exposition.status_code == 200
    text = exposition.text
    assert 'http_request_duration_seconds_count{handler="/api/v1/batches",method="GET"' in text
    assert 'shortlist_batches{status="queued"}' in text
    assert "shortlist_queue_workers 0.0" in text
    assert "/livez" not in text
    # The queue's gauges list the queues that hold jobs (none yet in this database).
    assert "# TYPE shortlist_queue_jobs gauge" in text
