"""Database engine and the request-scoped session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

import vendors.sqlbase  # noqa: F401  (sets the naming convention before any table)


def create_db_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for `url`, with the pragmas SQLite needs to behave like a real database."""
    is_sqlite = url.startswith("sqlite")
    if is_sqlite:
        kwargs.setdefault("connect_args", {"check_same_thread": False})
    else:
        kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling defeats SAVEPOINT and transactional DDL; hand
    # transaction control to SQLAlchemy (SQLAlchemy docs, "Serializable isolation / Savepoints").
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Readers do not block the writer, nor the writer the readers. The mode is stored in the
    # file: switch once (switching needs the database to itself; in memory it stays "memory").
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] not in {"wal", "memory"}:
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front, waiting up to busy_timeout for it. A deferred
    # BEGIN that reads, then writes, fails at once with "database is locked" when another
    # connection wrote meanwhile: SQLite cannot wait there without risking a deadlock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_scope(engine: Engine) -> Iterator[Session]:
    """Yield a new session that commits when the block succeeds and rolls back when it raises."""
    with Session(engine, expire_on_commit=False) as session:
        yield from transaction(session)


def transaction(session: Session) -> Iterator[Session]:
    """Yield `session`, then commit it, or roll it back if the block raised."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
