"""The job queue with real worker processes (`shortlist worker`, PostgreSQL only): chunks
spread over two workers, a worker killed with SIGKILL mid-batch whose chunk another worker
takes over, a result row for row equal to the CLI's on the same input, a cancellation that
stops the workers at the chunk boundary, and the signed webhook a worker sends."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from bench.clients import client_rows
from service import migrate
from service.config import Settings
from service.db import session_scope
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from tests.conftest import backend_url
from tests.service.batches.conftest import Receiver
from tests.service.batches.test_batches_api import clients_csv
from vendors.files import CATALOG_DIR, load_catalog_dir
from vendors.service import load_catalog

SHORTLIST = str(Path(sys.executable).with_name("shortlist"))
STALE_SECONDS = 3  # workers report every second; a silent one is taken for dead after 3 s
WEBHOOK_SECRET = "queue-webhook-secret-0123"


@dataclass
class Queue:
    """A PostgreSQL schema of its own, the API on it, and the worker processes started."""

    url: str
    engine: Engine
    api: TestClient
    logs: Path
    workers: list[subprocess.Popen[bytes]]

    def start_worker(self) -> subprocess.Popen[bytes]:
        """A `shortlist worker` process on this database."""
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "BATCH_STALE_SECONDS": str(STALE_SECONDS),
            "BATCH_POLL_SECONDS": "0.5",
            "LOG_LEVEL": "INFO",
            "WEBHOOK_SECRET": WEBHOOK_SECRET,
        }
        with (self.logs / f"worker-{len(self.workers)}.log").open("wb") as log:
            process = subprocess.Popen([SHORTLIST, "worker"], env=env, stdout=log, stderr=log)
        self.workers.append(process)
        return process

    def sql(self, statement: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(statement), params).all())

    def wait(self, what: str, condition: Callable[[], bool], timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            for process in self.workers:
                if process.returncode is None and process.poll() is not None:
                    pytest.fail(f"a worker stopped by itself:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}:\n{self.log_tail()}")
            time.sleep(0.1)

    def log_tail(self) -> str:
        return "\n".join(
            path.read_text(errors="replace")[-3000:] for path in sorted(self.logs.glob("*.log"))
        )

    def chunks_by_worker(self, batch_id: str) -> dict[str, int]:
        rows = self.sql(
            "SELECT evaluated_by, count(*) FROM batch_output_chunk "
            "WHERE batch_id = :id GROUP BY evaluated_by",
            id=batch_id,
        )
        return {str(name): int(count) for name, count in rows}

    def status(self, batch_id: str) -> dict[str, Any]:
        body: dict[str, Any] = self.api.get(f"/api/v1/batches/{batch_id}").json()
        return body


@pytest.fixture
def queue(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Queue]:
    url, engine = backend_url("postgresql", request, tmp_path, fresh_schema=True)
    with engine.begin() as conn:
        migrate.upgrade(connection=conn)
    for session in session_scope(engine):
        load_catalog(session, load_catalog_dir())
        secret = create_api_key(session, firm_name="Cabinet File").secret
    settings = Settings(
        database_url=url,
        batch_chunk_size=40,
        secret_key="q" * 20,
        webhook_secret=WEBHOOK_SECRET,
        webhook_hosts=["127.0.0.1"],
    )
    queue = Queue(url, engine, TestClient(create_app(settings, engine=engine)), tmp_path, [])
    queue.api.headers["Authorization"] = f"Bearer {secret}"
    try:
        yield queue
    finally:
        for process in queue.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in queue.workers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        engine.dispose()


def submit(queue: Queue, rows: list[dict[str, str]], **form: str) -> str:
    response = queue.api.post(
        "/api/v1/batches", files={"file": ("clients.csv", clients_csv(rows))}, data=form
    )
    assert response.status_code == 202, response.text
    batch_id: str = response.json()["id"]
    return batch_id


def test_two_workers_share_the_chunks_and_survive_a_kill(queue: Queue, tmp_path: Path) -> None:
    rows = client_rows(1200, seed=15)
    batch_id = submit(queue, rows, output_format="csv")
    first, second = queue.start_worker(), queue.start_worker()
    names = {
        process.pid: f"{socket.gethostname()[:60]}:{process.pid}" for process in (first, second)
    }

    def both_busy_after_a_chunk_each() -> bool:
        done = queue.chunks_by_worker(batch_id)
        doing = queue.sql("SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing'")
        return all(done.get(name, 0) >= 1 for name in names.values()) and doing[0][0] == 2

    queue.wait("both workers at work", both_busy_after_a_chunk_each)
    first.send_signal(signal.SIGKILL)  # mid-chunk: its job stays "doing", its heartbeat stops
    first.wait()
    at_kill = queue.status(batch_id)
    assert at_kill["chunks_done"] < at_kill["chunks"] == 30, "killed before the batch's end"

    queue.wait(
        "the batch done", lambda: queue.status(batch_id)["status"] not in {"queued", "running"}
    )
    done = queue.status(batch_id)
    assert (done["status"], done["processed"], done["chunks_done"]) == ("done", 1200, 30)
    assert done["attempts"] >= 2, "the killed worker's chunk was run again"
    recovery = (queue.logs / "worker-1.log").read_text()
    assert "stalled jobs retried" in recovery, "the killed worker's job was retried"
    spread = queue.chunks_by_worker(batch_id)
    assert sum(spread.values()) == 30
    assert spread[names[first.pid]] >= 1, spread
    assert spread[names[second.pid]] >= 1, spread

    served = queue.api.get(f"/api/v1/batches/{batch_id}/result")
    assert served.status_code == 200
    source, expected = tmp_path / "clients.csv", tmp_path / "cli-results.csv"
    source.write_bytes(clients_csv(rows))
    subprocess.run(
        [SHORTLIST, "batch", str(source), "--out", str(expected), "--catalog", str(CATALOG_DIR)],
        check=True,
        capture_output=True,
        env={**os.environ, "DATABASE_URL": queue.url},
    )
    ours = list(csv.reader(io.StringIO(served.text)))
    theirs = list(csv.reader(io.StringIO(expected.read_text(encoding="utf-8"))))
    assert len(ours) > 1200
    assert ours == theirs


def test_cancelling_stops_the_workers_at_the_chunk_boundary(queue: Queue) -> None:
    batch_id = submit(queue, client_rows(2000, seed=16))
    queue.start_worker()
    queue.wait("a few chunks", lambda: queue.status(batch_id)["chunks_done"] >= 2)
    response = queue.api.delete(f"/api/v1/batches/{batch_id}")
    assert response.status_code == 200, response.text
    cancelled = response.json()
    assert cancelled["status"] == "cancelled"
    assert cancelled["chunks_done"] < cancelled["chunks"] == 50

    def jobs_left() -> int:
        rows = queue.sql(
            "SELECT count(*) FROM procrastinate_jobs WHERE args->>'batch_id' = :id "
            "AND status IN ('todo', 'doing')",
            id=batch_id,
        )
        return int(rows[0][0])

    queue.wait("the batch's jobs to end", lambda: jobs_left() == 0, timeout=30)
    time.sleep(1)
    after = queue.status(batch_id)
    assert (after["status"], after["chunks_done"]) == ("cancelled", cancelled["chunks_done"])
    stored = queue.sql("SELECT count(*) FROM batch_output_chunk WHERE batch_id = :id", id=batch_id)
    assert stored[0][0] == cancelled["chunks_done"], "no chunk stored after the cancellation"
    assert (
        queue.sql("SELECT count(*) FROM batch_result_part WHERE batch_id = :id", id=batch_id)[0][0]
        == 0
    )
    assert queue.api.get(f"/api/v1/batches/{batch_id}/result").status_code == 409


def test_a_worker_sends_the_signed_webhook(queue: Queue, receiver: Receiver) -> None:
    batch_id = submit(queue, client_rows(60, seed=17), webhook_url=receiver.url)
    queue.start_worker()
    queue.wait("the webhook", lambda: bool(receiver.received), timeout=60)
    ((headers, body),) = receiver.received
    timestamp = int(headers["X-Shortlist-Timestamp"])
    signed = hmac.new(WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert hmac.compare_digest(headers["X-Shortlist-Signature"], f"sha256={signed.hexdigest()}")
    document = json.loads(body)
    assert (document["event"], document["batch"]["id"]) == ("batch.done", batch_id)
    assert document["batch"]["processed"] == 60
