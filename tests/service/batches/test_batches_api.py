"""Batches through the API, on both databases: upload, progress, bad rows, the result only once
it is complete, every output format, tenancy, restarts, and equality with the API shortlist."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import uuid
from datetime import timedelta
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from bench.clients import client_rows
from service.batches import service as batches
from service.batches.models import Batch, BatchChunk, BatchResult
from service.batches.profiles import COLUMN_NAMES, InputRow, client_inputs
from service.batches.runner import Catalog, ClientResult, evaluate_row
from service.batches.writers import RESULT_COLUMNS
from service.tenancy.apikeys import NewApiKey, create_api_key
from vendors.schema import ProductProfile
from vendors.sqlbase import utc_now

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def clients_csv(rows: list[dict[str, str]]) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def sample_rows() -> list[dict[str, str]]:
    """Seven generated clients, two of them wrong."""
    rows = client_rows(7, seed=42)
    rows[2] = {**rows[2], "context": "greenfield"}
    rows[5] = {**rows[5], "weights": "charm:3"}
    return rows


def submit(
    client: TestClient, data: bytes, filename: str = "clients.csv", **form: str
) -> dict[str, Any]:
    response = client.post("/api/v1/batches", files={"file": (filename, data)}, data=form)
    assert response.status_code == 202, response.text
    body: dict[str, Any] = response.json()
    return body


def run(session: Session, runner: str = "tests:1:a", **options: Any) -> str:
    """What the worker thread does: claim the next batch and process it."""
    batch_id = batches.claim(session, runner=runner, now=utc_now(), stale_after=timedelta(0))
    assert batch_id is not None
    status = batches.process(session, batch_id=batch_id, runner=runner, **options)
    # The test client shares this session (expire_on_commit=False), and the runner writes
    # with Core updates: forget what the requests loaded, as a new request's session would.
    session.expire_all()
    return status


def test_a_batch_from_upload_to_result(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    batch = submit(client, clients_csv(sample_rows()))
    assert batch["status"] == "queued"
    assert (batch["total"], batch["processed"], batch["progress"]) == (7, 0, 0.0)
    assert batch["result_url"] is None
    waiting = client.get(f"/api/v1/batches/{batch['id']}/result")
    assert waiting.status_code == 409
    assert waiting.json()["error"] == "batch_not_ready"

    assert run(session, chunk_size=3, max_chunks=2) == batches.RUNNING
    halfway = client.get(f"/api/v1/batches/{batch['id']}").json()
    assert (halfway["status"], halfway["processed"]) == ("running", 6)
    assert halfway["progress"] == pytest.approx(6 / 7)
    assert client.get(f"/api/v1/batches/{batch['id']}/result").status_code == 409

    assert run(session, chunk_size=3) == batches.DONE
    done = client.get(f"/api/v1/batches/{batch['id']}").json()
    assert done["status"] == "done"
    # A generated client may have a budget that not even the implementation services fit.
    outcomes = [
        evaluate_row(InputRow(n, row), Catalog.of(loaded_catalog))
        for n, row in enumerate(sample_rows(), start=2)
    ]
    ranked = sum(1 for o in outcomes if isinstance(o, ClientResult) and o.candidates)
    assert ranked >= 4
    assert (done["processed"], done["ranked"], done["failed_rows"]) == (7, ranked, 2)
    assert [(e["row"], e["column"]) for e in done["errors"]] == [(4, "context"), (7, "weights")]
    assert "charm" in done["errors"][1]["reason"]
    assert done["result_url"] == f"/api/v1/batches/{batch['id']}/result"

    response = client.get(done["result_url"])
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert 'filename="clients-results.xlsx"' in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    results = list(book["Results"].iter_rows(min_row=2, values_only=True))
    assert len(results) == sum(
        max(1, len(o.candidates)) for o in outcomes if isinstance(o, ClientResult)
    )
    assert {row[0] for row in results} == {2, 3, 5, 6, 8}
    errors = list(book["Errors"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[2]) for row in errors] == [(4, "context"), (7, "weights")]


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_csv_and_json_results_from_an_xlsx_or_json_upload(
    client: TestClient,
    session: Session,
    loaded_catalog: list[ProductProfile],
    output_format: str,
) -> None:
    rows = sample_rows()
    data = json.dumps({"clients": rows}).encode()
    batch = submit(client, data, "profiles.json", output_format=output_format)
    assert batch["input_format"] == "json"
    assert run(session) == batches.DONE
    outcomes = [
        evaluate_row(InputRow(n, row), Catalog.of(loaded_catalog))
        for n, row in enumerate(rows, start=2)
    ]
    candidates = sum(len(o.candidates) for o in outcomes if isinstance(o, ClientResult))
    lines = sum(max(1, len(o.candidates)) for o in outcomes if isinstance(o, ClientResult))
    response = client.get(f"/api/v1/batches/{batch['id']}/result")
    assert response.status_code == 200
    if output_format == "csv":
        table = list(csv.DictReader(io.StringIO(response.text)))
        assert list(table[0])[: len(RESULT_COLUMNS)] == list(RESULT_COLUMNS)
        assert [r["row"] for r in table if r["status"] == "error"] == ["3", "6"]
        assert sum(r["status"] == "ranked" for r in table) == candidates
    else:
        document = response.json()
        assert len(document["results"]) == lines
        assert [e["row"] for e in document["errors"]] == [3, 6]
        assert document["summary"]["clients"] == 7


def test_an_xlsx_upload(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMN_NAMES))
    for row in client_rows(3, seed=8):
        sheet.append([row[name] for name in COLUMN_NAMES])
    buffer = io.BytesIO()
    book.save(buffer)
    batch = submit(client, buffer.getvalue(), "clients.xlsx")
    assert batch["total"] == 3
    assert run(session) == batches.DONE
    assert client.get(f"/api/v1/batches/{batch['id']}").json()["ranked"] == 3


def test_unreadable_uploads_are_refused_with_the_reason(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    response = client.post(
        "/api/v1/batches", files={"file": ("clients.csv", b"client_name,colour\nA,blue\n")}
    )
    assert response.status_code == 422
    assert response.json()["fields"][0]["field"] == "body.file"
    assert "colour" in response.json()["detail"]
    response = client.post("/api/v1/batches", files={"file": ("clients.ods", b"x")})
    assert response.status_code == 422
    assert response.json()["fields"][0]["field"] == "body.input_format"
    response = client.post(
        "/api/v1/batches",
        files={"file": ("clients.ods", clients_csv(sample_rows()))},
        data={"input_format": "csv"},
    )
    assert response.status_code == 202
    assert client.post("/api/v1/batches").status_code == 422


def test_another_firm_never_sees_a_batch(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    batch = submit(client, clients_csv(sample_rows()))
    other = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    headers = {"Authorization": f"Bearer {other.secret}"}
    for path in (f"/api/v1/batches/{batch['id']}", f"/api/v1/batches/{batch['id']}/result"):
        assert client.get(path, headers=headers).status_code == 404


def test_a_restarted_service_resumes_a_batch_where_it_stopped(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    rows = client_rows(9, seed=77)
    uninterrupted = submit(client, clients_csv(rows))
    assert run(session, chunk_size=2) == batches.DONE
    interrupted = submit(client, clients_csv(rows))

    # A process of this host takes the batch and stops after two chunks (it dies).
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    runner = f"{socket.gethostname()[:60]}:{dead.stdout.strip()}:dead"
    assert run(session, runner=runner, chunk_size=2, max_chunks=2) == batches.RUNNING
    left = session.get(Batch, uuid.UUID(interrupted["id"]))
    assert left is not None
    assert (left.status, left.processed, left.runner) == ("running", 4, runner)

    # The start-up routine releases it at once: its runner's process is gone.
    assert batches.recover(session, now=utc_now()) == (1, 0)
    resumed_id = batches.claim(
        session, runner="tests:2:new", now=utc_now(), stale_after=timedelta(hours=1)
    )
    assert resumed_id is not None
    assert str(resumed_id) == interrupted["id"]
    assert batches.process(session, batch_id=resumed_id, runner="tests:2:new", chunk_size=2) == (
        batches.DONE
    )
    positions = session.exec(
        select(BatchChunk.position).where(BatchChunk.batch_id == resumed_id)
    ).all()
    assert sorted(positions) == [0, 1, 2, 3, 4], "each chunk processed once"
    status = client.get(f"/api/v1/batches/{interrupted['id']}").json()
    assert (status["status"], status["processed"], status["attempts"]) == ("done", 9, 2)

    def results(batch_id: str) -> list[tuple[Any, ...]]:
        content = client.get(f"/api/v1/batches/{batch_id}/result").content
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Results"]
        return list(sheet.iter_rows(values_only=True))

    assert results(interrupted["id"]) == results(uninterrupted["id"])


def test_a_silent_runner_is_taken_over_and_repeated_stops_fail_the_batch(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    batch = submit(client, clients_csv(client_rows(4, seed=1)))
    assert run(session, runner="elsewhere:12:x", chunk_size=1, max_chunks=1) == batches.RUNNING
    now = utc_now()
    stale = timedelta(seconds=30)
    assert batches.claim(session, runner="here:1:y", now=now, stale_after=stale) is None
    later = now + timedelta(minutes=5)
    assert (
        str(batches.claim(session, runner="here:1:y", now=later, stale_after=stale))
        == (batch["id"])
    )
    row = session.get(Batch, uuid.UUID(batch["id"]))
    assert row is not None
    row.attempts = batches.MAX_ATTEMPTS
    session.add(row)
    session.commit()
    assert batches.recover(session, now=later) == (0, 1)
    failed = client.get(f"/api/v1/batches/{batch['id']}").json()
    assert failed["status"] == "failed"
    assert "stopped 3 times" in failed["error"]
    response = client.get(f"/api/v1/batches/{batch['id']}/result")
    assert response.status_code == 409
    assert "failed" in response.json()["detail"]
    assert session.get(BatchResult, uuid.UUID(batch["id"])) is None


def test_batch_shortlists_equal_the_api_shortlist(
    client: TestClient,
    session: Session,
    firm_key: NewApiKey,
    loaded_catalog: list[ProductProfile],
) -> None:
    """The batch path and `GET /projects/{id}/shortlist` agree client by client."""
    catalog = batches.firm_catalog(session, firm_id=firm_key.firm.id)
    for number, values in enumerate(client_rows(12, seed=2026), start=2):
        inputs = client_inputs(values)
        project = client.post(
            "/api/v1/projects", json=inputs.project.model_dump(mode="json")
        ).json()
        requirements = inputs.requirements.model_dump(mode="json")
        response = client.put(
            f"/api/v1/projects/{project['id']}/requirements",
            json={**requirements, "version": 1},
        )
        assert response.status_code == 200, response.text
        if values["weights"]:
            points = {
                key: float(value)
                for key, value in (item.split(":") for item in values["weights"].split(";"))
            }
            response = client.put(
                f"/api/v1/projects/{project['id']}/stakeholders/batch/weights",
                json={"method": "direct", "points": points, "version": 2},
            )
            assert response.status_code == 200, response.text
        expected = client.get(f"/api/v1/projects/{project['id']}/shortlist?size=3").json()
        outcome = evaluate_row(InputRow(number, values), catalog)
        assert isinstance(outcome, ClientResult), outcome
        # The API then orders its candidates by their probability of ranking first.
        keys = ("id", "screening_rank", "score", "tco", "budget_fit", "to_confirm", "evidence")
        ours = sorted(outcome.candidates, key=lambda c: (c["screening_rank"], c["id"]))
        theirs = sorted(expected["candidates"], key=lambda c: (c["screening_rank"], c["id"]))
        assert [{k: c[k] for k in keys} for c in ours] == [{k: c[k] for k in keys} for c in theirs]
        assert all(c["p_first"] is None for c in ours)
        chances = [c["p_first"] for c in theirs]
        if None in chances:
            # The finalists cannot be told apart on the criteria their weights fall on: no
            # chances are drawn, for any of them.
            assert chances == [None] * len(theirs)
        elif len(theirs) > 1:
            assert sum(chances) == pytest.approx(1.0)
        assert outcome.eliminated == len(expected["eliminated"])
        assert outcome.weights_source == expected["weights_source"]
