"""No request locks the others out: reads take no lock, no transaction stays open while a
request computes or renders, and a lock not had in time is a 503 with Retry-After.

On a real database of each backend (not the rolled-back test transaction), with the shipped
catalog, a project, its evaluation and an invitation that shows it.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from bench.clients import client_rows
from service import db, migrate
from service.batches.embedded import EmbeddedWorker
from service.config import Settings
from service.db import create_db_engine, session_scope
from service.main import create_app
from service.tenancy.apikeys import create_api_key
from tests.conftest import BACKENDS, backend_url
from tests.service.api.test_projects import AHP, PROJECT, REQUIREMENTS
from tests.service.batches.test_batches_api import clients_csv
from tests.service.live import serving
from tests.service.web.conftest import csrf_of
from vendors.files import load_catalog_dir
from vendors.service import load_catalog

FINALISTS = ["pipedrive", "hubspot_sales_hub", "zoho_crm"]


@dataclass
class Live:
    """The app on a database of its own, and what the tests reach through it."""

    engine: Engine
    app: FastAPI
    keys: list[str]
    project: str
    evaluation: str
    invitation_path: str

    def client(self, key: int = 0) -> TestClient:
        return TestClient(self.app, headers={"Authorization": f"Bearer {self.keys[key]}"})


def make_live(url: str, engine: Engine, *, keys: int = 1) -> Live:
    """Migrate, load the catalog, create `keys` API keys and, through the API, a project with
    its evaluation and an invitation that shows the results."""
    with engine.begin() as conn:
        migrate.upgrade(connection=conn)
    for session in session_scope(engine):
        load_catalog(session, load_catalog_dir())
        secrets = [create_api_key(session, firm_name="Cabinet Verrou").secret for _ in range(keys)]
    app = create_app(Settings(database_url=url, batch_worker=False), engine=engine)
    with TestClient(app, headers={"Authorization": f"Bearer {secrets[0]}"}) as api:
        pid = api.post("/api/v1/projects", json=PROJECT).json()["id"]
        ok = api.put(f"/api/v1/projects/{pid}/requirements", json={**REQUIREMENTS, "version": 1})
        assert ok.status_code == 200, ok.text
        ok = api.put(
            f"/api/v1/projects/{pid}/stakeholders/direction/weights", json={**AHP, "version": 2}
        )
        assert ok.status_code == 200, ok.text
        evaluation = api.post(f"/api/v1/projects/{pid}/evaluations", json={"products": FINALISTS})
        assert evaluation.status_code == 201, evaluation.text
        invitation = api.post(f"/api/v1/projects/{pid}/invitations", json={"show_results": True})
        assert invitation.status_code == 201, invitation.text
    return Live(
        engine=engine,
        app=app,
        keys=secrets,
        project=pid,
        evaluation=evaluation.json()["id"],
        invitation_path=httpx.URL(invitation.json()["url"]).path,
    )


@pytest.fixture(scope="module", params=BACKENDS)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    url, engine = backend_url(
        request.param, request, tmp_path_factory.mktemp("locks"), fresh_schema=True
    )
    yield make_live(url, engine)
    engine.dispose()


def free_to_write(engine: Engine) -> bool:
    """Whether another connection could take the write lock at once: nothing holds a pooled
    connection, and on SQLite a new connection gets BEGIN IMMEDIATE without waiting."""
    if engine.pool.checkedout() != 0:  # type: ignore[attr-defined]
        return False
    if engine.dialect.name == "sqlite":
        other = sqlite3.connect(str(engine.url.database), timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        except sqlite3.OperationalError:
            return False
        finally:
            other.close()
    return True


def run_batch(live: Live, api: httpx.Client | None = None) -> httpx.Response:
    """Submit a small batch, then process it as the embedded worker would (the queue's jobs
    run the same steps)."""
    c = api or live.client()
    with c if api is None else nullcontext(c):
        submitted = c.post(
            "/api/v1/batches", files={"file": ("clients.csv", clients_csv(client_rows(5, seed=2)))}
        )
        assert submitted.status_code == 202, submitted.text
        EmbeddedWorker(live.engine, poll_seconds=1, stale_seconds=30).run_once()
        response: httpx.Response = c.get(f"/api/v1/batches/{submitted.json()['id']}")
        assert response.json()["status"] == "done", response.text
        return response


# Each slow phase of a request: the function doing the work, and a request that reaches it.
PHASES: dict[str, tuple[str, Callable[[Live], httpx.Response]]] = {
    "pdf export": (
        "service.api.routes.exports.render_apart",
        lambda live: live.client().get(
            f"/api/v1/evaluations/{live.evaluation}/export", params={"format": "pdf"}
        ),
    ),
    "evaluation": (
        "service.projects.runs.evaluate",
        lambda live: live.client().post(
            f"/api/v1/projects/{live.project}/evaluations", json={"products": FINALISTS}
        ),
    ),
    "shortlist": (
        "service.projects.runs.rank_shortlist",
        lambda live: live.client().get(f"/api/v1/projects/{live.project}/shortlist"),
    ),
    "results page": (
        "service.web.results.comparison",
        lambda live: TestClient(live.app).get(f"{live.invitation_path}/results"),
    ),
    "batch rows": ("service.batches.processing.evaluate_row", run_batch),
    "batch result file": ("service.batches.processing.write_all", run_batch),
}


@pytest.mark.parametrize("phase", PHASES)
def test_no_transaction_is_open_while_a_request_computes(
    live: Live, phase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, call = PHASES[phase]
    module, name = target.rsplit(".", 1)
    original = getattr(__import__(module, fromlist=[name]), name)
    observed: list[bool] = []

    def probe(*args: Any, **kwargs: Any) -> Any:
        observed.append(free_to_write(live.engine))
        return original(*args, **kwargs)

    monkeypatch.setattr(target, probe)
    response = call(live)
    assert response.status_code < 400, response.text
    assert observed, f"the {phase} was not reached"
    assert all(observed), f"a transaction was open during the {phase}"


@pytest.fixture(params=BACKENDS)
def short_locks(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Live]:
    """A live app whose lock waits last 1 s instead of 5."""
    monkeypatch.setattr(db, "LOCK_TIMEOUT_S", 1)
    url, engine = backend_url(request.param, request, tmp_path, fresh_schema=True)
    yield make_live(url, engine)
    engine.dispose()


@pytest.fixture
def write_lock_held(short_locks: Live) -> Iterator[Callable[[], None]]:
    """Another connection holds the lock a new project needs; call the result to release it."""
    engine = short_locks.engine
    if engine.dialect.name == "sqlite":
        other = sqlite3.connect(str(engine.url.database), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
    else:
        locker = create_db_engine(engine.url.render_as_string(hide_password=False))
        connection = locker.connect()
        connection.execute(text("LOCK TABLE project IN EXCLUSIVE MODE"))
    released = False

    def release() -> None:
        nonlocal released
        if not released:
            if engine.dialect.name == "sqlite":
                other.execute("ROLLBACK")
                other.close()
            else:
                connection.rollback()
                connection.close()
                locker.dispose()
        released = True

    yield release
    release()


def test_a_lock_not_had_in_time_is_503_with_retry_after_and_reads_go_on(
    short_locks: Live, write_lock_held: Callable[[], None]
) -> None:
    with short_locks.client() as api:
        refused = api.post("/api/v1/projects", json=PROJECT)
        assert refused.status_code == 503, refused.text
        assert refused.json()["error"] == "database_busy"
        assert int(refused.headers["Retry-After"]) >= 1
        # Reading needs no lock: it is served while the write waits.
        assert api.get("/api/v1/projects").status_code == 200
        assert api.get(f"/api/v1/projects/{short_locks.project}/shortlist").status_code == 200
        # So is the client page's live check of pairwise answers: a POST that only reads.
        with TestClient(short_locks.app) as visitor:
            page = visitor.get(f"{short_locks.invitation_path}/priorities", params={"mode": "ahp"})
            check = visitor.post(
                f"{short_locks.invitation_path}/priorities/check",
                data={"csrf_token": csrf_of(page.text), "pair_tco__adoption": "3"},
            )
            assert check.status_code == 200, check.text
        write_lock_held()
        assert api.post("/api/v1/projects", json=PROJECT).status_code == 201
        # Nothing of the refused request was written.
        assert api.get("/api/v1/projects").json()["count"] == 2


def test_a_transaction_begun_reading_waits_for_no_writer_and_the_next_one_writes(
    tmp_path: Path,
) -> None:
    """An evaluation reads the catalog without the write lock, then stores its snapshot."""
    engine = create_db_engine(f"sqlite:///{tmp_path / 'shortlist.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    holds = "shortlist_writer"
    with Session(db.writing(engine)) as reader:
        db.reading(reader)
        assert reader.execute(text("SELECT count(*) FROM t")).scalar_one() == 0
        assert not reader.connection().info.get(holds)
        with Session(db.writing(engine)) as writer:  # its turn is not behind the reader's
            writer.execute(text("INSERT INTO t VALUES (1)"))
            assert writer.connection().info.get(holds)
            writer.commit()
        db.release(reader)
        reader.execute(text("INSERT INTO t VALUES (2)"))
        assert reader.connection().info.get(holds)
        reader.commit()
    with Session(engine) as check:
        assert check.execute(text("SELECT count(*) FROM t")).scalar_one() == 2
    engine.dispose()


CLIENTS = 20
SLOWER_THAN_THE_LOCK_TIMEOUT_S = db.LOCK_TIMEOUT_S + 1


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The SQLite default, with one API key per consultant."""
    url = f"sqlite:///{tmp_path_factory.mktemp('crowd') / 'shortlist.db'}"
    engine = create_db_engine(url)
    yield make_live(url, engine, keys=CLIENTS + 1)
    engine.dispose()


def test_twenty_clients_are_served_while_slow_requests_run(
    crowded: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF export and a batch's result file each made slower than the lock timeout, and a
    large SMAA, run while 20 consultants and a client read and write: every request answered,
    none with a 5xx."""
    for target in (
        "service.api.routes.exports.render_apart",
        "service.batches.processing.write_all",
    ):
        module, name = target.rsplit(".", 1)
        original = getattr(__import__(module, fromlist=[name]), name)
        monkeypatch.setattr(target, slowed(original))
    rng = random.Random(11)
    smaa = {
        "matrix": [[rng.uniform(1, 100) for _ in range(8)] for _ in range(30)],
        "objectives": ["max"] * 6 + ["min"] * 2,
        "samples": 20_000,
    }
    with serving(crowded.app) as base:
        done = threading.Event()

        def slow_work() -> list[int]:
            try:
                # The PDF renders in a worker process, away from the interpreter lock
                # that the 20 clients' evaluations share (inside it, it took 60-90 s).
                with httpx.Client(
                    base_url=base, headers=auth(crowded.keys[CLIENTS]), timeout=120
                ) as c:
                    return [
                        c.get(
                            f"/api/v1/evaluations/{crowded.evaluation}/export",
                            params={"format": "pdf"},
                        ).status_code,
                        c.post("/api/v1/sensitivity/smaa", json=smaa).status_code,
                        run_batch(crowded, c).status_code,
                    ]
            finally:
                done.set()

        def consultant(index: int) -> Counter[tuple[int, str]]:
            statuses: Counter[tuple[int, str]] = Counter()
            with httpx.Client(base_url=base, headers=auth(crowded.keys[index]), timeout=60) as c:
                while not done.is_set():
                    for response in one_round(c, crowded, index):
                        error = response.json().get("error", "") if response.is_error else ""
                        statuses[response.status_code, error] += 1
            return statuses

        with ThreadPoolExecutor(max_workers=CLIENTS + 1) as pool:
            slow = pool.submit(slow_work)
            crowd = [pool.submit(consultant, index) for index in range(CLIENTS)]
            slow_statuses = slow.result(timeout=300)
            totals = sum((future.result(timeout=300) for future in crowd), Counter())
    assert slow_statuses == [200, 200, 200]
    assert sum(totals.values()) >= CLIENTS * 4
    assert {status for status, _error in totals} <= {200, 201}, totals


def slowed(function: Callable[..., Any]) -> Callable[..., Any]:
    def slower(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOWER_THAN_THE_LOCK_TIMEOUT_S)
        return function(*args, **kwargs)

    return slower


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def one_round(c: httpx.Client, live: Live, index: int) -> list[httpx.Response]:
    """What a consultant does in a few seconds: read, create, change, evaluate, and look at
    the client's page."""
    created = c.post("/api/v1/projects", json={**PROJECT, "client_name": f"Client {index}"})
    responses = [c.get("/api/v1/projects"), created, c.get("/api/v1/vendors")]
    if created.status_code == 201:
        pid = created.json()["id"]
        changed = c.patch(f"/api/v1/projects/{pid}", json={"version": 1, "horizon_years": 4})
        responses.append(changed)
    responses.append(
        c.post(f"/api/v1/projects/{live.project}/evaluations", json={"products": FINALISTS})
    )
    responses.append(c.get(f"{live.invitation_path}/results"))
    return responses
