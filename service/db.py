"""Database engine, transactions that hold no lock while the caller computes, and the
request-scoped session.

SQLite has one write lock for the whole file. A transaction opened for writing takes it up
front (`BEGIN IMMEDIATE`); one opened for reading does not (`BEGIN`, and WAL lets it read while
another connection writes). Code that computes or renders between its reads and its writes
ends its transaction first (`release`), so no request waits behind another one's work.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

import vendors.sqlbase  # noqa: F401  (sets the naming convention before any table)

# How long a statement may wait for a lock (SQLite busy timeout, PostgreSQL lock_timeout) before
# the request is answered 503 with Retry-After.
LOCK_TIMEOUT_S = 5
# A write waits for its turn behind this process's other writers (SQLite), in order of
# arrival. It gives up when the turn has not moved for WRITER_TURN_TIMEOUT_S (a writer holds
# the lock that long), or after WRITER_TURN_LIMIT_S in all: a queue that moves is waited for,
# as 20 busy consultants sharing one interpreter lock can make it long without any writer
# holding the lock long.
WRITER_TURN_TIMEOUT_S = 3 * LOCK_TIMEOUT_S
WRITER_TURN_LIMIT_S = 6 * LOCK_TIMEOUT_S  # well within a client's 60 s read timeout
# PostgreSQL: connecting (a server that accepts the connection but never answers included),
# waiting for a pooled connection, and one statement are each bounded.
CONNECT_TIMEOUT_S = 5
POOL_TIMEOUT_S = 5
STATEMENT_TIMEOUT_S = 30
IDLE_IN_TRANSACTION_TIMEOUT_S = 60
_WRITE = "shortlist_write"  # execution option: this connection's transactions will write


def create_db_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for `url`, with the pragmas SQLite needs to behave like a real database
    and bounded waits on PostgreSQL."""
    is_sqlite = url.startswith("sqlite")
    if is_sqlite:
        kwargs.setdefault("connect_args", {"check_same_thread": False})
    else:
        kwargs.setdefault("pool_pre_ping", True)
        kwargs.setdefault("pool_timeout", POOL_TIMEOUT_S)
        kwargs.setdefault("connect_args", _postgres_timeouts(url))
    engine = create_engine(url, **kwargs)
    if is_sqlite:
        writers = WriterQueue()
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", writers.begin)
        for ended in ("commit", "rollback"):
            event.listen(engine, ended, writers.end)
        event.listen(engine, "checkin", writers.checked_in)
    return engine


def _postgres_timeouts(url: str) -> dict[str, Any]:
    """libpq parameters bounding every wait; `options` given in the URL are kept."""
    timeouts = (
        f"-c lock_timeout={LOCK_TIMEOUT_S * 1000} "
        f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000} "
        f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT_S * 1000}"
    )
    query = make_url(url).query
    given = query.get("options")
    options = " ".join([*([given] if isinstance(given, str) else given or ()), timeouts])
    connect_timeout = query.get("connect_timeout", str(CONNECT_TIMEOUT_S))
    return {"options": options, "connect_timeout": connect_timeout}


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling defeats SAVEPOINT and transactional DDL; hand
    # transaction control to SQLAlchemy (SQLAlchemy docs, "Serializable isolation / Savepoints").
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={LOCK_TIMEOUT_S * 1000}")
    # Readers do not block the writer, nor the writer the readers. The mode is stored in the
    # file: switch once (switching needs the database to itself; in memory it stays "memory").
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] not in {"wal", "memory"}:
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class WriterQueue:
    """The writers of one SQLite database in this process, served in turn.

    SQLite lets one transaction write at a time, and makes the others poll for the lock with
    growing sleeps: under load a waiter can lose every race for seconds and time out while
    the lock was free most of that time. Writers of this process (requests, the batch worker)
    queue here first, in order of arrival, and the lock passes at once to the next; SQLite's
    own busy timeout then only arbitrates with other processes (the CLI).

    A transaction that will write takes the write lock up front (`BEGIN IMMEDIATE`): a
    deferred BEGIN that reads, then writes, fails at once with "database is locked" when
    another connection wrote meanwhile (SQLite cannot wait there without risking a deadlock).
    A transaction that only reads takes no lock at all under WAL.
    """

    _HOLDS = "shortlist_writer"  # in the pooled connection's info while it holds its turn

    def __init__(self) -> None:
        self.turns = FairLock()

    def begin(self, connection: Any) -> None:
        """Wait for this process's turn, then for SQLite's write lock; or begin a read."""
        if not connection.get_execution_options().get(_WRITE, False):
            connection.exec_driver_sql("BEGIN")
            return
        started = time.monotonic()
        if not self.turns.acquire(stall=WRITER_TURN_TIMEOUT_S, limit=WRITER_TURN_LIMIT_S):
            waited = time.monotonic() - started
            raise OperationalError(
                "BEGIN IMMEDIATE",
                None,
                sqlite3.OperationalError(
                    "database is locked: this process's writer turn did not come within "
                    f"{waited:.0f} s"
                ),
            )
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self.turns.release()
            raise
        connection.info[self._HOLDS] = True

    def end(self, connection: Any) -> None:
        """A transaction ended: pass the turn on if it held one."""
        if connection.info.pop(self._HOLDS, False):
            self.turns.release()

    def checked_in(self, _dbapi_connection: Any, record: Any) -> None:
        """A connection went back to the pool without its transaction ending (invalidated,
        say): its turn must not be lost with it."""
        if record.info.pop(self._HOLDS, False):
            self.turns.release()


class FairLock:
    """A lock handed to its waiters in order of arrival (threading.Lock lets a newcomer take
    it ahead of those waiting)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._held = False
        self._moved = time.monotonic()  # when the lock last changed hands

    def acquire(self, *, stall: float, limit: float) -> bool:
        """Take the lock; tell whether it was taken. Give up when it has not changed hands
        for `stall` seconds, or after `limit` seconds in all."""
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append(turn)
            queued = time.monotonic()
            deadline = queued + limit
        while True:
            with self._mutex:
                if turn not in self._waiters:
                    return True  # handed over as the last wait ended
                now = time.monotonic()
                give_up = min(max(self._moved, queued) + stall, deadline)
                if now >= give_up:
                    self._waiters.remove(turn)
                    return False
            if turn.acquire(timeout=give_up - now):
                return True

    @property
    def waiting(self) -> int:
        """How many wait for the lock."""
        return len(self._waiters)

    def release(self) -> None:
        """Hand the lock to the longest waiter, or free it."""
        with self._mutex:
            self._moved = time.monotonic()
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._held = False


def writing(engine: Engine) -> Engine:
    """`engine`, for sessions whose transactions write (SQLite takes its write lock at once)."""
    return engine.execution_options(**{_WRITE: True})


def reading(session: Session) -> None:
    """Begin the session's first transaction as one that only reads (SQLite: no write lock, no
    turn among the writers; it reads one snapshot under WAL), for a request that reads,
    computes with no transaction open (`release`), then writes in a transaction of its own,
    which takes the write lock as usual. A session bound to a connection (a test's) is left as
    it is."""
    if isinstance(session.get_bind(), Engine) and not session.in_transaction():
        session.connection(execution_options={_WRITE: False})


def session_scope(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """Yield a new session that commits when the block succeeds and rolls back when it raises.

    With `write=False` its transactions only read and take no lock on SQLite.
    """
    with Session(writing(engine) if write else engine, expire_on_commit=False) as session:
        yield from transaction(session)


def transaction(session: Session) -> Iterator[Session]:
    """Yield `session`, then commit it, or roll it back if the block raised."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def release(session: Session) -> None:
    """End the session's transaction, committing what was flushed, before the caller computes
    or renders: it holds no lock and no pooled connection meanwhile. What was loaded stays
    usable; the session's next statement begins a new transaction."""
    session.commit()


class Sessions:
    """How the app opens sessions: tests replace it with one that joins their transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def open(self, *, write: bool) -> Iterator[Session]:
        """A session in a transaction of its own, committed when the block succeeds."""
        yield from session_scope(self.engine, write=write)
