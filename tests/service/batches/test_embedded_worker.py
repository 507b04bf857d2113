"""The embedded worker of the SQLite default: with the service alone (`make run`), a
submitted batch and an export asked for asynchronously are processed in a thread of the
service and served once done. On PostgreSQL the service leaves them to the queue's workers."""

from __future__ import annotations

import time
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from bench.clients import client_rows
from service import migrate
from service.config import Settings
from service.db import create_db_engine, session_scope
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from tests.service.batches.test_batches_api import clients_csv
from tests.service.conftest import make_settings
from tests.service.exports.conftest import make_evaluation
from vendors.schema import ProductProfile
from vendors.service import load_catalog


def test_the_embedded_worker_runs_a_submitted_batch(
    tmp_path: Path, shipped_profiles: list[ProductProfile]
) -> None:
    database_url = f"sqlite:///{tmp_path / 'shortlist.db'}"
    migrate.upgrade(database_url)
    engine = create_db_engine(database_url)
    try:
        for session in session_scope(engine):
            load_catalog(session, shipped_profiles)
            secret = create_api_key(session, firm_name="Cabinet Worker").secret
        settings = Settings(database_url=database_url, batch_poll_seconds=0.05, batch_chunk_size=40)
        with TestClient(create_app(settings, engine=engine)) as client:
            client.headers["Authorization"] = f"Bearer {secret}"
            response = client.post(
                "/api/v1/batches",
                files={"file": ("clients.csv", clients_csv(client_rows(150, seed=4)))},
            )
            assert response.status_code == 202, response.text
            batch_id = response.json()["id"]
            deadline = time.monotonic() + 120
            status = response.json()
            while status["status"] in {"queued", "running"} and time.monotonic() < deadline:
                time.sleep(0.1)
                status = client.get(f"/api/v1/batches/{batch_id}").json()
            assert status["status"] == "done", status
            # Every client is processed; one whose budget not even the implementation
            # services fit has no candidate (every product fails the ceiling whatever it costs).
            assert (status["processed"], status["chunks_done"], status["attempts"]) == (150, 4, 1)
            assert status["ranked"] + status["without_candidate"] == 150
            assert status["ranked"] >= 120
            result = client.get(f"/api/v1/batches/{batch_id}/result")
            assert result.status_code == 200
            sheet = openpyxl.load_workbook(BytesIO(result.content))["Results"]
            assert sheet.max_row == 1 + 3 * status["ranked"] + status["without_candidate"]

            # An export asked for asynchronously is rendered by the same worker.
            evaluation = make_evaluation(client)
            export = client.post(
                f"/api/v1/evaluations/{evaluation['id']}/exports", json={"format": "csv"}
            ).json()
            while export["status"] in {"queued", "running"} and time.monotonic() < deadline:
                time.sleep(0.1)
                export = client.get(f"/api/v1/exports/{export['id']}").json()
            assert export["status"] == "done", export
            file = client.get(export["file_url"])
            assert file.status_code == 200
            assert file.text.startswith("section,")
    finally:
        engine.dispose()


def test_on_postgresql_the_service_leaves_batches_to_the_queue(
    engine: Engine, session: Session
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the embedded worker is SQLite's")
    app = create_app(make_settings(engine, batch_worker=True), engine=engine)
    with TestClient(app):
        assert app.state.batch_worker is None
