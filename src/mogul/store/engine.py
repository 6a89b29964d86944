"""Engine setup: one place where SQLite and PostgreSQL differ.

`Database.write()` is one transaction: it commits when the block ends and rolls back on any error, so a
request that fails leaves nothing behind. SQLite runs with WAL, foreign keys and a busy timeout; its
writers take the write lock up front (BEGIN IMMEDIATE) so two writers never deadlock on an upgrade.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

DEFAULT_URL = "sqlite:///mogul.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def resolve_url(url: str | None) -> str:
    """The database URL from the argument, then MOGUL_DATABASE_URL, then `mogul.db` here."""
    url = url or os.environ.get("MOGUL_DATABASE_URL") or DEFAULT_URL
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Database:
    """An engine plus the transaction discipline the server relies on."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self.in_memory = self.is_sqlite and self.url in ("sqlite://", "sqlite:///:memory:")
        # One in-memory connection is shared by every thread, so its users take turns.
        self._memory_lock = threading.RLock() if self.in_memory else None
        self.engine = self._make_engine()

    def _make_engine(self) -> Engine:
        if self.in_memory:
            engine = create_engine(
                "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
            )
        elif self.is_sqlite:
            engine = create_engine(
                self.url,
                connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                pool_size=8,
                max_overflow=16,
            )
        else:
            engine = create_engine(self.url, pool_size=10, max_overflow=20, pool_pre_ping=True)
        if self.is_sqlite:
            _configure_sqlite(engine, wal=not self.in_memory)
        return engine

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._memory_lock is None:
            yield
            return
        with self._memory_lock:
            yield

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed at the end of the block, rolled back on error."""
        with self._locked(), self.engine.connect() as conn:
            if self.is_sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.begin()
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only snapshot: one transaction that is never committed."""
        with self._locked(), self.engine.connect() as conn:
            if self.is_sqlite:
                conn.exec_driver_sql("BEGIN")
            else:
                conn.begin()
            try:
                yield conn
            finally:
                conn.rollback()

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's explicit BEGIN statements drive transactions.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()
