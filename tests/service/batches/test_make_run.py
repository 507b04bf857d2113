"""`make run` alone, as a person runs it: the embedded SQLite database migrated, the catalog
loaded, the service started with `shortlist serve`; a batch submitted over HTTP is processed
by the service itself, with no worker started, and its result served."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.clients import client_rows
from tests.service.batches.test_batches_api import clients_csv
from tests.service.live import free_port

SHORTLIST = str(Path(sys.executable).with_name("shortlist"))


def test_make_run_alone_processes_a_batch(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shortlist.db'}",
        "BATCH_POLL_SECONDS": "0.2",
        "BATCH_CHUNK_SIZE": "20",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("SECRET_KEY", None)

    def shortlist(*args: str) -> str:
        done = subprocess.run(
            [SHORTLIST, *args], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
        )
        return done.stdout

    shortlist("migrate")
    shortlist("catalog", "load")
    key = shortlist("apikey", "create", "--firm", "Cabinet Local").strip().splitlines()[-1]
    port = free_port()
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            [SHORTLIST, "serve", "--port", str(port)], env=env, cwd=tmp_path, stdout=log, stderr=log
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}) as api:
            while True:
                try:
                    if api.get("/livez").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "the service did not start"
                time.sleep(0.2)
            assert api.get("/readyz").json()["queue"] == "embedded"
            submitted = api.post(
                "/api/v1/batches",
                files={"file": ("clients.csv", clients_csv(client_rows(50, seed=31)))},
                data={"output_format": "csv"},
            )
            assert submitted.status_code == 202, submitted.text
            batch = submitted.json()
            while batch["status"] in {"queued", "running"} and time.monotonic() < deadline + 60:
                time.sleep(0.2)
                batch = api.get(f"/api/v1/batches/{batch['id']}").json()
            assert (batch["status"], batch["processed"], batch["chunks_done"]) == ("done", 50, 3)
            result = api.get(batch["result_url"])
            assert result.status_code == 200
            table = list(csv.DictReader(io.StringIO(result.text)))
            assert {int(row["row"]) for row in table} == set(range(2, 52))
    finally:
        server.terminate()
        server.wait(timeout=30)
