"""The migrations build exactly the models' schema, and go down and up again cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import service.models  # noqa: F401  (the whole schema on the metadata)
from service import migrate
from service.migrate import include_name
from tests.conftest import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database of each backend, separate from the suite's shared one."""
    if request.param == "postgresql":
        # A schema of its own, so migrating down never touches the shared test schema.
        request.getfixturevalue("postgres_schema")
    _url, engine = backend_url(request.param, request, tmp_path, fresh_schema=True)
    yield engine
    engine.dispose()


QUEUE_TABLES = {
    "procrastinate_jobs",
    "procrastinate_events",
    "procrastinate_periodic_defers",
    "procrastinate_workers",
}


def user_tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"} - QUEUE_TABLES


def queue_tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) & QUEUE_TABLES


def test_autogenerate_finds_no_difference(empty_engine: Engine) -> None:
    with empty_engine.begin() as conn:
        migrate.upgrade(connection=conn)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": include_name,
                "render_as_batch": conn.dialect.name == "sqlite",
            },
        )
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_upgrade_downgrade_upgrade(empty_engine: Engine) -> None:
    """The job queue's schema is PostgreSQL's only, and goes with its migration."""
    expected = set(SQLModel.metadata.tables)
    queue = QUEUE_TABLES if empty_engine.dialect.name == "postgresql" else set()
    with empty_engine.begin() as conn:
        migrate.upgrade(connection=conn)
    assert (user_tables(empty_engine), queue_tables(empty_engine)) == (expected, queue)
    with empty_engine.begin() as conn:
        migrate.downgrade(connection=conn, revision="base")
    assert (user_tables(empty_engine), queue_tables(empty_engine)) == (set(), set())
    with empty_engine.begin() as conn:
        migrate.upgrade(connection=conn)
    assert (user_tables(empty_engine), queue_tables(empty_engine)) == (expected, queue)
