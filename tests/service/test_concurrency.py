"""Concurrent requests on a real database (not the rolled-back test transaction): writes wait
for each other instead of failing, and a race on one project version lets exactly one win."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service import migrate
from service.config import Settings
from service.db import session_scope
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from tests.conftest import BACKENDS, backend_url
from tests.service.api.test_projects import PROJECT


@pytest.fixture(params=BACKENDS)
def live_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """The app on a migrated database of its own, each request in its own transaction."""
    url, engine = backend_url(request.param, request, tmp_path, fresh_schema=True)
    with engine.begin() as conn:
        migrate.upgrade(connection=conn)
    scope = session_scope(engine)
    key = create_api_key(next(scope), firm_name="Cabinet Concurrent").secret
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
