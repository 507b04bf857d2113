"""Batches through the API, on both databases: upload, progress, bad rows, the result only once
it is complete, every output format, tenancy, listing, cancelling, restarts, chunks run twice,
and equality with the API shortlist. Batches are run here as the embedded worker runs them
(the queue's jobs call the same steps: `tests/service/batches/test_queue_workers.py`)."""

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
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from bench.clients import client_rows
from service.batches import embedded, processing
from service.batches import service as batches
from service.batches.models import Batch, BatchOutputChunk, BatchResult
from service.batches.profiles import COLUMN_NAMES, InputRow, client_inputs
from service.batches.runner import Catalog, ClientResult, evaluate_row
from service.batches.writers import RESULT_COLUMNS
from service.config import Settings
from service.tenancy.apikeys import NewApiKey, create_api_key
from tests.service.conftest import make_settings
from vendors.schema import ProductProfile
from vendors.sqlbase import utc_now

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 3


@pytest.fixture
def settings(engine: Engine) -> Settings:
    """Chunks of three clients, so that a few clients make several chunks."""
    return make_settings(engine, batch_chunk_size=CHUNK)


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
    """What the embedded worker does: claim the next batch and run it."""
    batch_id = embedded.claim(session, runner=runner, now=utc_now(), stale_after=timedelta(0))
    assert batch_id is not None
    status = embedded.run_batch(session, batch_id=batch_id, runner=runner, **options)
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

    assert (batch["chunks"], batch["chunks_done"]) == (3, 0)
    assert run(session, max_chunks=2) == processing.RUNNING
    halfway = client.get(f"/api/v1/batches/{batch['id']}").json()
    assert (halfway["status"], halfway["processed"], halfway["chunks_done"]) == ("running", 6, 2)
    assert halfway["progress"] == pytest.approx(6 / 7)
    assert [e["row"] for e in halfway["errors"]] == [4, 7], "errors readable during the run"
    assert client.get(f"/api/v1/batches/{batch['id']}/result").status_code == 409

    assert run(session) == processing.DONE
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
    assert run(session) == processing.DONE
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
    assert run(session) == processing.DONE
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
    assert run(session) == processing.DONE
    interrupted = submit(client, clients_csv(rows))

    # A process of this host takes the batch and stops after two chunks (it dies).
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    runner = f"{socket.gethostname()[:60]}:{dead.stdout.strip()}:dead"
    assert run(session, runner=runner, max_chunks=2) == processing.RUNNING
    left = session.get(Batch, uuid.UUID(interrupted["id"]))
    assert left is not None
    assert (left.status, left.processed, left.runner) == ("running", 6, runner)

    # The start-up routine releases it at once: its runner's process is gone.
    assert embedded.recover(session, now=utc_now()) == (1, 0)
    resumed_id = embedded.claim(
        session, runner="tests:2:new", now=utc_now(), stale_after=timedelta(hours=1)
    )
    assert resumed_id is not None
    assert str(resumed_id) == interrupted["id"]
    status = embedded.run_batch(session, batch_id=resumed_id, runner="tests:2:new")
    assert status == processing.DONE
    chunks = session.exec(
        select(BatchOutputChunk.chunk_no, BatchOutputChunk.evaluated_by).where(
            BatchOutputChunk.batch_id == resumed_id
        )
    ).all()
    assert sorted(chunks) == [(0, runner), (1, runner), (2, "tests:2:new")]
    session.expire_all()
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
    assert run(session, runner="elsewhere:12:x", max_chunks=1) == processing.RUNNING
    now = utc_now()
    stale = timedelta(seconds=30)
    assert embedded.claim(session, runner="here:1:y", now=now, stale_after=stale) is None
    later = now + timedelta(minutes=5)
    taken = embedded.claim(session, runner="here:1:y", now=later, stale_after=stale)
    assert str(taken) == batch["id"]
    row = session.get(Batch, uuid.UUID(batch["id"]))
    assert row is not None
    row.attempts = embedded.MAX_ATTEMPTS
    session.add(row)
    session.commit()
    assert embedded.recover(session, now=later) == (0, 1)
    session.expire_all()
    failed = client.get(f"/api/v1/batches/{batch['id']}").json()
    assert failed["status"] == "failed"
    assert "stopped 3 times" in failed["error"]
    response = client.get(f"/api/v1/batches/{batch['id']}/result")
    assert response.status_code == 409
    assert "failed" in response.json()["detail"]
    assert session.get(BatchResult, uuid.UUID(batch["id"])) is None


def test_a_chunk_or_a_result_run_twice_counts_once(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    """A retried job (its worker died after storing, or two workers at once) stores and
    counts a chunk once, and a second finalisation leaves the first one's file."""
    batch = submit(client, clients_csv(client_rows(5, seed=3)), output_format="csv")
    batch_id = uuid.UUID(batch["id"])
    first = processing.evaluate_chunk(session, batch_id=batch_id, chunk_no=0, worker="a")
    again = processing.evaluate_chunk(session, batch_id=batch_id, chunk_no=0, worker="b")
    assert (first, again) == (processing.EVALUATED, processing.ALREADY_DONE)
    assert processing.finalise(session, batch_id=batch_id) == processing.WAITING
    processing.evaluate_chunk(session, batch_id=batch_id, chunk_no=1)
    session.expire_all()
    status = client.get(f"/api/v1/batches/{batch['id']}").json()
    assert (status["processed"], status["chunks_done"], status["status"]) == (5, 2, "running")
    assert processing.finalise(session, batch_id=batch_id) == processing.DONE
    result = session.get(BatchResult, batch_id)
    assert result is not None
    assert processing.finalise(session, batch_id=batch_id) == processing.SKIPPED
    session.expire_all()
    assert session.get(BatchResult, batch_id) == result
    table = list(csv.DictReader(io.StringIO(client.get(f"/api/v1/batches/{batch_id}/result").text)))
    assert sorted({int(r["row"]) for r in table}) == [2, 3, 4, 5, 6]


def test_batches_are_listed_newest_first_page_by_page(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    ids = [submit(client, clients_csv(client_rows(2, seed=n)))["id"] for n in range(3)]
    other = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    foreign = {"Authorization": f"Bearer {other.secret}"}
    assert client.get("/api/v1/batches", headers=foreign).json() == {"data": [], "count": 0}
    page = client.get("/api/v1/batches", params={"limit": 2}).json()
    assert page["count"] == 3
    assert [item["id"] for item in page["data"]] == ids[::-1][:2]
    assert "errors" not in page["data"][0]
    rest = client.get("/api/v1/batches", params={"limit": 2, "offset": 2}).json()
    assert [item["id"] for item in rest["data"]] == ids[:1]
    assert client.get("/api/v1/batches", params={"limit": 0}).status_code == 422


def queue_jobs(session: Session, batch_id: str) -> list[tuple[str, str]]:
    """The batch's jobs in the queue (PostgreSQL), as (task, status)."""
    if session.get_bind().dialect.name != "postgresql":
        return []
    rows = session.execute(
        text(
            "SELECT task_name, status::text FROM procrastinate_jobs "
            "WHERE args->>'batch_id' = :id ORDER BY id"
        ),
        {"id": batch_id},
    ).all()
    return [(task, status) for task, status in rows]


def test_a_cancelled_batch_runs_no_further_chunk_and_has_no_result(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    batch = submit(client, clients_csv(client_rows(8, seed=5)))
    postgres = session.get_bind().dialect.name == "postgresql"
    expected_jobs = [("batches.evaluate_chunk", "todo")] * 3 if postgres else []
    assert queue_jobs(session, batch["id"]) == expected_jobs, "a job per chunk, with the rows"
    assert run(session, max_chunks=1) == processing.RUNNING

    other = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    foreign = {"Authorization": f"Bearer {other.secret}"}
    assert client.delete(f"/api/v1/batches/{batch['id']}", headers=foreign).status_code == 404

    response = client.delete(f"/api/v1/batches/{batch['id']}")
    assert response.status_code == 200, response.text
    cancelled = response.json()
    assert (cancelled["status"], cancelled["processed"], cancelled["chunks_done"]) == (
        "cancelled",
        3,
        1,
    )
    assert cancelled["finished_at"] is not None
    expected_jobs = [("batches.evaluate_chunk", "cancelled")] * 3 if postgres else []
    assert queue_jobs(session, batch["id"]) == expected_jobs
    # A job that was already running when the batch was cancelled stores nothing.
    outcome = processing.evaluate_chunk(session, batch_id=uuid.UUID(batch["id"]), chunk_no=1)
    assert outcome == processing.SKIPPED
    assert processing.finalise(session, batch_id=uuid.UUID(batch["id"])) == processing.SKIPPED
    assert embedded.claim(session, runner="t:1:z", now=utc_now(), stale_after=timedelta(0)) is None
    session.expire_all()
    assert client.get(f"/api/v1/batches/{batch['id']}").json()["chunks_done"] == 1
    result = client.get(f"/api/v1/batches/{batch['id']}/result")
    assert (result.status_code, result.json()["error"]) == (409, "batch_not_ready")
    assert "cancelled" in result.json()["detail"]
    assert client.delete(f"/api/v1/batches/{batch['id']}").status_code == 200

    finished = submit(client, clients_csv(client_rows(2, seed=6)))
    assert run(session) == processing.DONE
    refused = client.delete(f"/api/v1/batches/{finished['id']}")
    assert (refused.status_code, refused.json()["error"]) == (409, "batch_finished")


def test_a_file_name_outside_latin_1_reaches_the_download(
    client: TestClient, session: Session, loaded_catalog: list[ProductProfile]
) -> None:
    batch = submit(
        client, clients_csv(client_rows(2, seed=9)), "clients-été-東京.csv", output_format="json"
    )
    assert run(session) == processing.DONE
    response = client.get(f"/api/v1/batches/{batch['id']}/result")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="clients-ete--results.json"; '
        "filename*=UTF-8''clients-%C3%A9t%C3%A9-%E6%9D%B1%E4%BA%AC-results.json"
    )
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.json()["summary"]["input"] == "clients-été-東京.csv"


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
