"""Database fixtures: the schema built by the migrations once per backend, a rolled-back
transaction per test, and every database test run on SQLite and on PostgreSQL.

PostgreSQL comes from `TEST_DATABASE_URL` (default: the local server, database `test`). Each run
migrates into a schema of its own, dropped at the end, so runs never see each other's rows. An
unreachable PostgreSQL skips its half of the suite locally and fails it under `CI=true`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from service import migrate
from service.config import normalise_database_url
from service.db import create_db_engine
from vendors.files import load_catalog_dir
from vendors.schema import ProductProfile

DEFAULT_TEST_DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    """Return the PostgreSQL URL the suite runs against."""
    return normalise_database_url(os.environ.get("TEST_DATABASE_URL", DEFAULT_TEST_DATABASE_URL))


def unavailable(reason: str) -> None:
    """Skip locally, fail in CI: CI must always test PostgreSQL."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"PostgreSQL is required in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


def postgres_schema_url(schema: str) -> str:
    """Return the PostgreSQL URL whose connections work inside `schema`."""
    separator = "&" if "?" in postgres_url() else "?"
    return f"{postgres_url()}{separator}options=-csearch_path%3D{schema}&connect_timeout=5"


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    """Create a throw-away schema for this run and drop it afterwards."""
    name = f"shortlist_test_{uuid.uuid4().hex[:12]}"
    try:
        _admin_sql(f'CREATE SCHEMA "{name}"')
    except OperationalError as exc:
        unavailable(str(exc.orig).strip().splitlines()[0])
    yield name
    _admin_sql(f'DROP SCHEMA "{name}" CASCADE')


def backend_url(
    backend: str, request: pytest.FixtureRequest, tmp_dir: Path, *, fresh_schema: bool = False
) -> tuple[str, Engine]:
    """Return the URL and an engine for an empty database of `backend`.

    On PostgreSQL that is the run's schema or, with `fresh_schema`, a schema of its own that is
    dropped when the test ends.
    """
    if backend == "sqlite":
        url = f"sqlite:///{tmp_dir / 'shortlist.db'}"
    else:
        schema: str = request.getfixturevalue("postgres_schema")
        if fresh_schema:
            schema = f"{schema}_{uuid.uuid4().hex[:6]}"
            _admin_sql(f'CREATE SCHEMA "{schema}"')
            request.addfinalizer(lambda: _admin_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        url = postgres_schema_url(schema)
    return url, create_db_engine(url)


def _admin_sql(statement: str) -> None:
    admin = create_db_engine(postgres_url(), connect_args={"connect_timeout": 5})
    try:
        with admin.begin() as conn:
            conn.execute(text(statement))
    finally:
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A database of each backend with the schema built by the migrations."""
    backend: str = request.param
    _url, db_engine = backend_url(backend, request, tmp_path_factory.mktemp(backend))
    with db_engine.begin() as conn:
        migrate.upgrade(connection=conn)
    yield db_engine
    db_engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back when the test ends."""
    with engine.connect() as conn:
        outer = conn.begin()
        with Session(
            bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
        ) as db_session:
            yield db_session
        outer.rollback()


@pytest.fixture(scope="session")
def shipped_profiles() -> list[ProductProfile]:
    """The profiles of `vendors/catalog`, parsed once per run."""
    return load_catalog_dir()
