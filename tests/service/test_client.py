"""The Python client runs a whole selection against the app, typed, sync and async; it
downloads exports, pages through listings, waits out the service's own 429, and reports
errors clearly."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import uuid
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from service.client import AsyncShortlistClient, Retry, ShortlistClient, ShortlistError, models
from service.main import create_app
from service.tenancy.apikeys import NewApiKey
from tests.service.api.test_projects import AHP, PROJECT, RANK, REQUIREMENTS
from tests.service.conftest import JoinedSessions, make_settings
from vendors.schema import ProductProfile


def test_a_whole_selection_with_the_client(
    anon_client: TestClient, firm_key: NewApiKey, loaded_catalog: list[ProductProfile]
) -> None:
    api = ShortlistClient(api_key=firm_key.secret, client=anon_client)
    assert api.me()["name"] == firm_key.firm.name
    project = api.create_project(PROJECT)
    assert isinstance(project, models.ProjectPublic)
    assert project.id == uuid.UUID(project["id"])  # typed, and the JSON by key
    pid, version = project["id"], project["version"]
    version = api.put_requirements(pid, REQUIREMENTS, version=version)["version"]
    version = api.put_weights(pid, "direction", AHP, version=version)["version"]
    version = api.put_weights(pid, "sales", RANK, version=version)["version"]
    candidates = [c["id"] for c in api.shortlist(pid)["candidates"]]
    assert len(candidates) >= 2
    evaluation = api.evaluate(pid, candidates[:3])
    assert evaluation["winner"] in candidates
    assert api.evaluation(evaluation["id"])["snapshot"] == evaluation["snapshot"]
    assert api.evaluations(pid)["count"] == 1
    again = api.evaluate(pid, candidates[:3])
    changes = api.compare(evaluation["id"], again["id"])
    assert (changes["facts"], changes["winner_changed"]) == ([], False)
    request = api.create_vendor_request(pid, candidates[0], paths=["ui_languages"])
    assert request["questions"][-1]["key"] == "ui_languages"
    assert api.vendor_requests(pid)["count"] == 1
    assert api.vendor_request(pid, request["id"])["answers"] == []
    actions = [event["action"] for event in api.history(pid)["data"][:2]]
    assert actions == ["vendor_request_created", "evaluated"]
    # The Excel questionnaire goes out and comes back (unanswered: nothing kept, no error).
    content = api.vendor_questionnaire(pid, request["id"], lang="en")
    assert content.startswith(b"PK")
    returned = api.upload_vendor_questionnaire(pid, request["id"], content, answered_by="Léa")
    assert (returned["kept"], returned["errors"]) == ([], [])
    # Scripted demonstrations.
    scenario = api.create_demo_scenario(
        pid, {"title": "Quote offline", "criteria": ["ease_of_use"], "products": candidates[:2]}
    )
    opened = api.update_demo_scenario(pid, scenario["id"], {"open_to_clients": True})
    assert opened["open_to_clients"] is True
    scored = api.score_demo(pid, scenario["id"], "Julie", {candidates[0]: 4, candidates[1]: 2})
    assert sorted(s["score"] for s in scored["scores"]) == [2, 4]
    assert api.demo_scenarios(pid)["count"] == 1
    ratings = {r["product"]: r["median"] for r in api.demo_ratings(pid)["data"]}
    assert ratings == {candidates[0]: 4.0, candidates[1]: 2.0}
    assert api.demo_scenario(pid, scenario["id"]).scores == scored.scores
    assert api.delete_demo_scenario(pid, scenario["id"]) is None
    assert api.demo_ratings(pid)["count"] == 0


def test_the_client_covers_invitations_exports_and_batches(
    anon_client: TestClient,
    firm_key: NewApiKey,
    loaded_catalog: list[ProductProfile],
    tmp_path: Path,
) -> None:
    api = ShortlistClient(api_key=firm_key.secret, client=anon_client)
    pid = api.create_project(PROJECT).id
    invitation = api.create_invitation(pid, show_results=True)
    assert invitation.url.startswith("http://testserver/invite/")
    assert api.invitation(pid, invitation.id).show_results is True
    assert api.update_invitation(pid, invitation.id, show_results=False).show_results is False
    assert api.revoke_invitation(pid, invitation.id).status == "revoked"
    assert [i.id for i in api.invitations(pid).data] == [invitation.id]
    candidates = [c.id for c in api.shortlist(pid).candidates]
    evaluation = api.evaluate(pid, candidates[:2])
    # An export as bytes, and streamed into a file.
    exported = json.loads(api.export_evaluation(evaluation.id, "json"))
    assert exported["evaluation"]["id"] == str(evaluation.id)
    assert "properties" in api.evaluation_export_schema()
    target = tmp_path / "evaluation.csv"
    written = api.export_evaluation(evaluation.id, "csv", lang="en", to=target)
    assert written == target.stat().st_size > 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {row["product"] for row in rows} >= set(candidates[:2])
    # Batches as they are today: upload, status, no result before it is done.
    header = "client_name,context,users_sales_field\n"
    batch = api.create_batch(f"{header}Domaine X,first_crm,5\n".encode(), output_format="csv")
    assert (batch.status, batch.total) == ("queued", 1)
    assert api.batch(batch.id).id == batch.id
    with pytest.raises(ShortlistError) as waiting:
        api.batch_result(batch.id, to=tmp_path / "result.csv")
    assert waiting.value.status_code == 409
    assert not (tmp_path / "result.csv").exists()


def test_paginate_reads_every_project_and_every_change(
    anon_client: TestClient, firm_key: NewApiKey
) -> None:
    api = ShortlistClient(api_key=firm_key.secret, client=anon_client)
    created = [api.create_project({**PROJECT, "client_name": f"Client {n}"}) for n in range(5)]
    listed = list(api.paginate(api.projects, page_size=2))
    assert sorted(p.client_name for p in listed) == [f"Client {n}" for n in range(5)]
    assert all(isinstance(p, models.ProjectSummary) for p in listed)
    pid, version = created[0].id, created[0].version
    for years in (4, 5, 6):
        version = api.update_project(pid, {"horizon_years": years}, version=version).version
    changes = list(api.paginate(api.history, pid, page_size=3))
    assert len(changes) == api.history(pid).count == 4
    assert [event.version for event in changes] == [4, 3, 2, 1]


def test_the_async_client_runs_the_same_operations(app: FastAPI, firm_key: NewApiKey) -> None:
    async def selection() -> tuple[str, list[str], int]:
        transport = httpx.ASGITransport(app=app)
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
            AsyncShortlistClient(api_key=firm_key.secret, client=http) as api,
        ):
            firm = await api.me()
            project = await api.create_project(PROJECT)
            await api.create_project({**PROJECT, "client_name": "Second"})
            changed = await api.update_project(project.id, {"horizon_years": 5}, version=1)
            names = [p.client_name async for p in api.paginate(api.projects, page_size=1)]
            with pytest.raises(ShortlistError) as stale:
                await api.update_project(project.id, {"horizon_years": 6}, version=1)
            assert stale.value.error == "stale_version"
            return firm.name, names, changed.horizon_years or 0

    name, names, years = asyncio.run(selection())
    assert (name, sorted(names), years) == (
        firm_key.firm.name,
        ["Domaine des Trois Chênes", "Second"],
        5,
    )


def test_the_client_waits_out_the_services_rate_limit(
    engine: Engine, session: Session, firm_key: NewApiKey
) -> None:
    app = create_app(make_settings(engine, rate_limit_per_key="2/minute"), engine=engine)
    app.state.sessions = JoinedSessions(session)
    waits: list[float] = []
    with TestClient(app, raise_server_exceptions=False) as http:
        retry = Retry(attempts=2, max_wait=120)
        api = ShortlistClient(api_key=firm_key.secret, client=http, retry=retry, sleep=waits.append)
        api.me()
        api.me()
        with pytest.raises(ShortlistError) as refused:
            api.me()  # refused, waited for (here: not), refused again
    assert (refused.value.status_code, refused.value.error) == (429, "too_many_requests")
    assert len(waits) == 1
    assert 1 <= waits[0] <= 60


def test_errors_raise_with_the_service_message(
    anon_client: TestClient, firm_key: NewApiKey
) -> None:
    api = ShortlistClient(api_key=firm_key.secret, client=anon_client)
    project = api.create_project(PROJECT)
    api.update_project(project["id"], {"horizon_years": 4}, version=1)
    with pytest.raises(ShortlistError) as stale:
        api.update_project(project["id"], {"horizon_years": 5}, version=1)
    assert stale.value.status_code == 409
    assert stale.value.error == "stale_version"
    with pytest.raises(ShortlistError) as invalid:
        api.rank({"matrix": [[1]], "objectives": ["max"], "weights": [1]})
    assert invalid.value.status_code == 422
    assert invalid.value.fields
