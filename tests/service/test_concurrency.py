"""Concurrent requests on a real database (not the rolled-back test transaction): writes wait
for each other instead of failing, a race on one project version lets exactly one win, and a
vendor saving one answer several times at once keeps one answer and sees a page each time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from service import migrate
from service.config import Settings
from service.db import session_scope
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from tests.conftest import BACKENDS, backend_url
from tests.service.api.test_projects import PROJECT
from tests.service.web.conftest import csrf_of
from tests.service.web.test_vendor_requests import FINALISTS, PRODUCT, REQUIREMENTS
from vendors.files import load_catalog_dir
from vendors.service import load_catalog


@pytest.fixture(params=BACKENDS)
def live_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """The app on a migrated database of its own, each request in its own transaction."""
    url, engine = backend_url(request.param, request, tmp_path, fresh_schema=True)
    with engine.begin() as conn:
        migrate.upgrade(connection=conn)
    scope = session_scope(engine)
    session = next(scope)
    load_catalog(session, load_catalog_dir())
    key = create_api_key(session, firm_name="Cabinet Concurrent").secret
    with pytest.raises(StopIteration):
        next(scope)  # commits
    app = create_app(Settings(database_url=url), engine=engine)
    with TestClient(app, headers={"Authorization": f"Bearer {key}"}) as client:
        yield client
    engine.dispose()


def test_concurrent_writes_all_succeed(live_client: TestClient) -> None:
    def create(_: int) -> int:
        return int(live_client.post("/api/v1/projects", json=PROJECT).status_code)

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = Counter(pool.map(create, range(30)))
    assert statuses == {201: 30}
    assert live_client.get("/api/v1/projects").json()["count"] == 30


def test_a_race_on_one_version_has_one_winner(live_client: TestClient) -> None:
    pid = live_client.post("/api/v1/projects", json=PROJECT).json()["id"]

    def patch(years: int) -> int:
        body = {"version": 1, "horizon_years": years}
        return int(live_client.patch(f"/api/v1/projects/{pid}", json=body).status_code)

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = Counter(pool.map(patch, [2, 4, 6, 8]))
    assert statuses == {200: 1, 409: 3}
    project = live_client.get(f"/api/v1/projects/{pid}").json()
    assert project["version"] == 2
    history = live_client.get(f"/api/v1/projects/{pid}/history").json()
    assert [e["action"] for e in history["data"]] == ["updated", "created"]


def test_simultaneous_saves_of_one_vendor_answer_keep_one_and_show_a_page(
    live_client: TestClient,
) -> None:
    """Before saves of one request took turns, two at once on PostgreSQL both inserted the
    answer, and the later was answered 409, its answer lost, in place of the vendor's page."""
    api = "/api/v1"
    pid = live_client.post(f"{api}/projects", json=PROJECT).json()["id"]
    body = {**REQUIREMENTS, "version": 1}
    assert live_client.put(f"{api}/projects/{pid}/requirements", json=body).status_code == 200
    evaluate = {"products": FINALISTS}
    assert live_client.post(f"{api}/projects/{pid}/evaluations", json=evaluate).status_code == 201
    asked = {"product": PRODUCT, "paths": ["ui_languages"]}
    request = live_client.post(f"{api}/projects/{pid}/vendor-requests", json=asked).json()
    path = urlsplit(request["url"]).path
    index = [q["key"] for q in request["questions"]].index("ui_languages")
    token = csrf_of(live_client.get(path).text)

    def save(languages: str) -> tuple[int, str]:
        form = {"csrf_token": token, "answered_by": "Sam", f"q{index}-ui_languages": languages}
        response = live_client.post(path, data=form)
        return response.status_code, response.headers["content-type"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(save, ["fr", "en", "de", "fr;en"] * 2))
    assert answers == [(200, "text/html; charset=utf-8")] * 8
    detail = live_client.get(f"{api}/projects/{pid}/vendor-requests/{request['id']}").json()
    assert [a["question"] for a in detail["answers"]] == ["ui_languages"]
