"""Exports asked for asynchronously, on both databases: recorded at once (with a queue job
on PostgreSQL), rendered by a worker's step, fetched when done; tenancy, an earlier engine's
evaluation, and an export that cannot be rendered."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import text
from sqlmodel import Session

from service.errors import StoredValueRefused
from service.exports import deferred, render
from service.exports.models import ExportJob
from service.projects.models import Evaluation
from service.tenancy.apikeys import create_api_key


def queue_jobs(session: Session, export_id: str) -> list[tuple[str, str, str]]:
    if session.get_bind().dialect.name != "postgresql":
        return []
    rows = session.execute(
        text(
            "SELECT queue_name, task_name, status::text FROM procrastinate_jobs "
            "WHERE args->>'export_id' = :id"
        ),
        {"id": export_id},
    ).all()
    return [(queue, task, state) for queue, task, state in rows]


def test_a_pdf_asked_for_is_rendered_by_a_worker_and_fetched(
    client: TestClient, session: Session, evaluation: dict[str, Any]
) -> None:
    response = client.post(
        f"/api/v1/evaluations/{evaluation['id']}/exports", json={"format": "pdf", "lang": "en"}
    )
    assert response.status_code == 202, response.text
    job = response.json()
    assert (job["status"], job["file_url"], job["format"], job["lang"]) == (
        "queued",
        None,
        "pdf",
        "en",
    )
    postgres = session.get_bind().dialect.name == "postgresql"
    expected = [("exports", "exports.render", "todo")] if postgres else []
    assert queue_jobs(session, job["id"]) == expected
    waiting = client.get(f"/api/v1/exports/{job['id']}/file")
    assert (waiting.status_code, waiting.json()["error"]) == (409, "export_not_ready")

    assert deferred.render_export(session, export_id=uuid.UUID(job["id"])) == deferred.DONE
    session.expire_all()
    done = client.get(f"/api/v1/exports/{job['id']}").json()
    assert done["status"] == "done"
    assert done["file_url"] == f"/api/v1/exports/{job['id']}/file"
    file = client.get(done["file_url"])
    assert file.status_code == 200
    assert file.headers["content-type"] == "application/pdf"
    assert f"evaluation-{evaluation['id']}-en.pdf" in file.headers["content-disposition"]
    assert file.content.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(file.content)).pages) >= 2
    # Rendered once: a second run of the job changes nothing.
    assert deferred.render_export(session, export_id=uuid.UUID(job["id"])) == "skipped"

    other = create_api_key(session, firm_name="Cabinet Beta")
    session.commit()
    foreign = {"Authorization": f"Bearer {other.secret}"}
    assert client.get(f"/api/v1/exports/{job['id']}", headers=foreign).status_code == 404
    assert client.get(done["file_url"], headers=foreign).status_code == 404
    refused = client.post(
        f"/api/v1/evaluations/{evaluation['id']}/exports", json={"format": "csv"}, headers=foreign
    )
    assert refused.status_code == 404


def test_bad_requests_and_an_export_that_cannot_be_rendered(
    client: TestClient, session: Session, evaluation: dict[str, Any]
) -> None:
    url = f"/api/v1/evaluations/{evaluation['id']}/exports"
    assert client.post(url, json={"format": "odt"}).status_code == 422
    assert client.post(url, json={"format": "csv", "colour": "red"}).status_code == 422
    job = client.post(url, json={"format": "xlsx"}).json()

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise StoredValueRefused("A stored value of zoho_crm no longer validates.")

    status = deferred.render_export(session, export_id=uuid.UUID(job["id"]), renderer=refuse)
    assert status == deferred.FAILED
    session.expire_all()
    failed = client.get(f"/api/v1/exports/{job['id']}").json()
    assert (failed["status"], failed["file_url"]) == ("failed", None)
    assert "zoho_crm" in failed["error"]
    response = client.get(f"/api/v1/exports/{job['id']}/file")
    assert response.status_code == 409
    assert "zoho_crm" in response.json()["detail"]

    stored = session.get(Evaluation, uuid.UUID(evaluation["id"]))
    assert stored is not None
    stored.snapshot = {**stored.snapshot, "schema_version": 1}
    session.add(stored)
    session.commit()
    legacy = client.post(url, json={"format": "pdf"})
    assert (legacy.status_code, legacy.json()["error"]) == (409, "legacy_evaluation")


def test_an_export_goes_with_its_project(
    client: TestClient, session: Session, evaluation: dict[str, Any]
) -> None:
    job = client.post(
        f"/api/v1/evaluations/{evaluation['id']}/exports", json={"format": "json"}
    ).json()
    assert deferred.render_export(session, export_id=uuid.UUID(job["id"])) == deferred.DONE
    project = client.get(f"/api/v1/projects/{evaluation['project_id']}").json()
    deleted = client.delete(
        f"/api/v1/projects/{project['id']}", params={"version": project["version"]}
    )
    assert deleted.status_code == 200, deleted.text
    assert client.get(f"/api/v1/exports/{job['id']}").status_code == 404


def test_a_render_holds_its_export_and_an_interrupted_one_is_taken_over_then_failed(
    client: TestClient, session: Session, evaluation: dict[str, Any]
) -> None:
    """A worker's render holds the export for EXPORT_LEASE: another worker neither finds it
    nor renders it meanwhile. When the render was interrupted (its process gone, the lease
    run out), the next worker takes it over; the MAX_ATTEMPTS-th interruption fails it with
    the reason instead of rendering it again at every restart."""
    response = client.post(
        f"/api/v1/evaluations/{evaluation['id']}/exports", json={"format": "csv", "lang": "en"}
    )
    export_id = uuid.UUID(response.json()["id"])
    start = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)

    def crash(*args: Any, **kwargs: Any) -> Any:
        raise SystemExit("the worker process stopped")  # not an AppError: nothing is stored

    def at(moment: datetime) -> Callable[[], datetime]:
        return lambda: moment

    attempts = 0
    for attempt in range(deferred.MAX_ATTEMPTS):
        now = start + attempt * (deferred.EXPORT_LEASE + timedelta(seconds=1))
        assert deferred.next_queued(session, now) == export_id
        with pytest.raises(SystemExit):
            deferred.render_export(session, export_id=export_id, renderer=crash, clock=at(now))
        session.rollback()
        attempts += 1
        held = now + deferred.EXPORT_LEASE - timedelta(seconds=1)
        assert deferred.next_queued(session, held) is None  # another worker leaves it alone
        skipped = deferred.render_export(session, export_id=export_id, clock=at(held))
        assert skipped == "skipped"
        job = session.get(ExportJob, export_id, populate_existing=True)
        assert job is not None
        assert (job.status, job.attempts) == (deferred.RUNNING, attempts)
        session.rollback()

    later = start + deferred.MAX_ATTEMPTS * (deferred.EXPORT_LEASE + timedelta(seconds=1))
    status = deferred.render_export(session, export_id=export_id, clock=lambda: later)
    assert status == deferred.FAILED
    failed = client.get(f"/api/v1/exports/{export_id}").json()
    assert failed["status"] == "failed"
    assert "interrupted 3 times" in failed["error"]


def test_the_job_queue_takes_over_a_render_it_runs_again(
    client: TestClient, session: Session, evaluation: dict[str, Any]
) -> None:
    """The job queue runs a job again only once its worker is gone: it takes the export over
    whatever the lease says, and the render completes."""
    response = client.post(
        f"/api/v1/evaluations/{evaluation['id']}/exports", json={"format": "csv", "lang": "en"}
    )
    export_id = uuid.UUID(response.json()["id"])
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    with pytest.raises(SystemExit):
        deferred.render_export(
            session,
            export_id=export_id,
            renderer=lambda *a, **k: (_ for _ in ()).throw(SystemExit("gone")),
            clock=lambda: now,
        )
    session.rollback()
    status = deferred.render_export(session, export_id=export_id, takeover=True)
    assert status == deferred.DONE
    job = session.get(ExportJob, export_id, populate_existing=True)
    assert job is not None
    assert (job.attempts, job.leased_until) == (2, None)


def test_a_render_taken_over_meanwhile_writes_nothing(
    client: TestClient, session: Session, evaluation: dict[str, Any]
) -> None:
    """A render outlives its lease and another worker takes the export over: the first
    render's file is not written over the second's (the attempt number fences it)."""
    response = client.post(
        f"/api/v1/evaluations/{evaluation['id']}/exports", json={"format": "csv", "lang": "en"}
    )
    export_id = uuid.UUID(response.json()["id"])

    def overtaken(*args: Any, **kwargs: Any) -> Any:
        with Session(session.get_bind()) as other:  # another worker claims it meanwhile
            job = other.get(ExportJob, export_id)
            assert job is not None
            job.attempts += 1
            other.add(job)
            other.commit()
        return render(*args, **kwargs)

    assert deferred.render_export(session, export_id=export_id, renderer=overtaken) == "skipped"
    job = session.get(ExportJob, export_id, populate_existing=True)
    assert job is not None
    assert (job.status, job.attempts, job.content) == (deferred.RUNNING, 2, None)
    assert deferred.fail_export(session, export_id=export_id, reason="late") == deferred.FAILED
    done = deferred.render_export(session, export_id=export_id, takeover=True)
    assert done == "skipped"  # failed stays failed
