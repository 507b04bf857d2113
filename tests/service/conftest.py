"""API fixtures: the app on the test transaction, a firm with an API key, and a client."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from service.config import Settings, get_settings
from service.db import Sessions, transaction
from service.main import create_app
from service.tenancy.apikeys import NewApiKey, create_api_key
from tests.conftest import BACKENDS, backend_url
from vendors.schema import ProductProfile
from vendors.service import load_catalog


@pytest.fixture
def settings(engine: Engine) -> Settings:
    """Settings pointing at the test database; no batch worker thread, as it could not see the
    test's uncommitted rows (tests run batches themselves)."""
    return make_settings(engine)


def make_settings(engine: Engine, **changes: Any) -> Settings:
    """The suite's settings for `engine`, with `changes`."""
    return Settings(
        **{
            "database_url": engine.url.render_as_string(hide_password=False),
            "secret_key": "test-secret-key-0123456789",
            "batch_worker": False,
            **changes,
        }
    )


@pytest.fixture
def app(settings: Settings, engine: Engine, session: Session) -> FastAPI:
    """The app, its requests running inside the test's rolled-back transaction."""
    application = create_app(settings, engine=engine)
    application.state.sessions = JoinedSessions(session)
    return application


class JoinedSessions(Sessions):
    """Every session the app opens is the test's: its transactions are savepoints inside the
    test's transaction, rolled back when the test ends."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def open(self, *, write: bool) -> Iterator[Session]:
        yield from transaction(self.session)


@pytest.fixture
def firm_key(session: Session) -> NewApiKey:
    """A firm and a live API key, committed (into the test's outer transaction)."""
    key = create_api_key(session, firm_name="Cabinet Alpha", label="tests")
    session.commit()
    return key


@pytest.fixture
def anon_client(app: FastAPI) -> Iterator[TestClient]:
    """A client without credentials."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def client(app: FastAPI, firm_key: NewApiKey) -> Iterator[TestClient]:
    """A client authenticated as `firm_key`'s firm."""
    headers = {"Authorization": f"Bearer {firm_key.secret}"}
    with TestClient(app, headers=headers, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def loaded_catalog(
    session: Session, shipped_profiles: list[ProductProfile]
) -> list[ProductProfile]:
    """The shipped catalog, loaded into the test database."""
    load_catalog(session, shipped_profiles)
    session.commit()
    return shipped_profiles


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """DATABASE_URL of an empty database of each backend, for the CLI to use."""
    url, engine = backend_url(request.param, request, tmp_path, fresh_schema=True)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()
