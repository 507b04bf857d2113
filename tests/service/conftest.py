"""API fixtures: the app on the test transaction, a firm with an API key, and a client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from service.config import Settings
from service.db import transaction
from service.deps import get_session
from service.main import create_app
from service.tenancy.apikeys import NewApiKey, create_api_key


@pytest.fixture
def settings(engine: Engine) -> Settings:
    """Settings pointing at the test database."""
    return Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        secret_key="test-secret-key-0123456789",
    )


@pytest.fixture
def app(settings: Settings, engine: Engine, session: Session) -> FastAPI:
    """The app, its requests running inside the test's rolled-back transaction."""
    application = create_app(settings, engine=engine)

    def test_session() -> Iterator[Session]:
        yield from transaction(session)

    application.dependency_overrides[get_session] = test_session
    return application


@pytest.fixture
def firm_key(session: Session) -> NewApiKey:
    """A firm and a live API key."""
    return create_api_key(session, firm_name="Cabinet Alpha", label="tests")


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
