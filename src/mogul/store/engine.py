"""Engine setup: one place where SQLite and PostgreSQL differ.

`Database.write()` is one transaction: it commits when the block ends and rolls back on any error, so a
request that fails leaves nothing behind. SQLite runs with WAL, foreign keys and a busy timeout; its
writers take the write lock up front (BEGIN IMMEDIATE) so two writers never deadlock on an upgrade.

PostgreSQL (through psycopg 3) lets writers run side by side, so a write names its scope (the account)
and writers of one scope take turns on a transaction-level advisory lock, held until commit. Within an
account that is what SQLite gives every writer: a request that recomputes a customer's derived state
reads everything committed before it, from any process or machine. Reads see one snapshot
(REPEATABLE READ), so a page and its total count agree.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.pool import StaticPool

DEFAULT_URL = "sqlite:///mogul.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# The background checkpointer keeps SQLite's write-ahead log short; should it fall behind, a committing
# writer checkpoints once the log holds this many pages (4 KiB each), as SQLite does by default at 1,000.
SQLITE_WAL_BACKSTOP_PAGES = 16_000
# ... and runs at most this often, so the commits of many small requests are copied back together
SQLITE_CHECKPOINT_INTERVAL_S = 0.1
# PostgreSQL advisory locks are (namespace, key) pairs: mogul's namespace, then the account id, 0 for
# writes outside any account, SCHEMA_SCOPE for schema changes.
PG_LOCK_NAMESPACE = 0x6D6F67  # "mog"
SCHEMA_SCOPE = -1
_LONG_NUMBER = re.compile(r"\d{19}")


def json_loads(text: str | bytes) -> Any:
    """A JSON column's value (tags, custom attributes, a batch's report), read by orjson: a list of
    customers reads two per row. A run of 19 digits may be an integer beyond 64 bits, which orjson
    reads as a float; the standard parser keeps it exact."""
    if _LONG_NUMBER.search(text if isinstance(text, str) else text.decode()):
        return json.loads(text)
    return orjson.loads(text)


class DatabaseURLError(ValueError):
    """A database URL that names neither SQLite nor PostgreSQL (or is no URL at all)."""


def resolve_url(url: str | None) -> str:
    """The database URL from the argument, then MOGUL_DATABASE_URL, then `mogul.db` here."""
    url = url or os.environ.get("MOGUL_DATABASE_URL") or DEFAULT_URL
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if not url.startswith(("sqlite://", "sqlite+pysqlite://", "postgresql+psycopg://")):
        shown = re.sub(r"(//[^/:@]*:)[^@/]*@", r"\1***@", url)  # a password stays hidden
        raise DatabaseURLError(
            f"{shown!r} is not a database URL mogul can use: give sqlite:///PATH.db (a file), "
            "sqlite:// (in memory) or postgresql://USER@HOST/NAME"
        )
    return url


def display_url(url: str) -> str:
    """The URL as a user would type it, password hidden, a SQLite file as its absolute path (for
    messages: `sqlite:///mogul.db` opens the file in the working directory, which this says)."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        return f"sqlite:///{os.path.abspath(parsed.database)}"
    shown = parsed.render_as_string(hide_password=True)
    return shown.replace("postgresql+psycopg://", "postgresql://", 1)


class Database:
    """An engine plus the transaction discipline the server relies on."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self.in_memory = self.is_sqlite and self.url in ("sqlite://", "sqlite:///:memory:")
        # One in-memory connection is shared by every thread, so its users take turns.
        self._memory_lock = threading.RLock() if self.in_memory else None
        # SQLite has one writer at a time. Writers of this process queue here, so the next one starts
        # the moment a commit ends; waiting in SQLite's busy handler instead means sleeping in steps
        # of up to 100 ms after the lock is free. (Other processes' writers still meet the busy handler.)
        self._write_turn = threading.Lock() if self.is_sqlite and not self.in_memory else None
        self._checkpointer: _Checkpointer | None = None
        self.engine = self._make_engine()

    def _make_engine(self) -> Engine:
        # hide_parameters: a database error's text (and so the server's log) never holds the values of
        # a statement, which are customers' data
        if self.in_memory:
            engine = create_engine(
                "sqlite://",
                poolclass=StaticPool,
                connect_args={"check_same_thread": False},
                hide_parameters=True,
                json_deserializer=json_loads,
            )
        elif self.is_sqlite:
            _create_private(make_url(self.url).database)
            engine = create_engine(
                self.url,
                connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                pool_size=8,
                max_overflow=16,
                hide_parameters=True,
                json_deserializer=json_loads,
            )
        else:
            engine = create_engine(
                self.url,
                pool_size=10,
                max_overflow=20,
                pool_pre_ping=True,
                hide_parameters=True,
                json_deserializer=json_loads,
                # naive UTC is stored; keep server-side time functions in UTC too
                connect_args={"application_name": "mogul", "options": "-c timezone=UTC"},
            )
        if self.is_sqlite:
            _configure_sqlite(engine, wal=not self.in_memory)
        return engine

    @contextmanager
    def _locked(self, *, writing: bool = False) -> Iterator[None]:
        lock = self._memory_lock or (self._write_turn if writing else None)
        if lock is None:
            yield
            return
        with lock:
            yield

    @contextmanager
    def write(self, scope: int | None = None) -> Iterator[Connection]:
        """One write transaction: committed at the end of the block, rolled back on error.

        `scope` (an account id) serialises writers of that account on PostgreSQL; SQLite serialises
        every writer anyway.
        """
        with self._locked(writing=True), self.engine.connect() as conn:
            if self.is_sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.begin()
                _advisory_lock(conn, scope or 0)
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        self._written()

    def _written(self) -> None:
        """A write committed: on a SQLite file, the background checkpointer has log pages to copy."""
        if self._write_turn is None:
            return
        if self._checkpointer is None:
            with self._write_turn:
                if self._checkpointer is None:
                    self._checkpointer = _Checkpointer(self.engine.url.database or "")
        self._checkpointer.nudge()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only snapshot: one transaction that is never committed."""
        with self._locked(), self.engine.connect() as conn:
            if self.is_sqlite:
                # straight to the driver: the statement machinery costs more than the BEGIN itself
                conn.connection.driver_connection.execute("BEGIN")  # type: ignore[union-attr]
            else:
                conn.execution_options(isolation_level="REPEATABLE READ")
                conn.begin()
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def migrating(self) -> Iterator[Connection]:
        """One transaction for a schema change, exclusive against other schema changes.

        SQLite rebuilds tables to alter them, so foreign keys are off meanwhile (dropping a parent would
        cascade) and checked before the commit. PostgreSQL changes its schema transactionally.
        """
        if not self.is_sqlite:
            # a write transaction whose turn-taking scope is the schema itself
            with self.write(scope=SCHEMA_SCOPE) as conn:
                yield conn
            return
        with self._locked(writing=True), self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                try:
                    yield conn
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise RuntimeError(f"a schema change broke a foreign key in table {broken[0]}")
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
            finally:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        self._written()

    def dispose(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.engine.dispose()


class _Checkpointer:
    """Copies SQLite's write-ahead log into the database file on a thread of its own.

    By default the writer whose commit grows the log past 1,000 pages copies it back itself, inside its
    request (a fifth of a bulk import's time, measured). Here commits only append to the log, and this
    thread runs PASSIVE checkpoints after them, at most one per SQLITE_CHECKPOINT_INTERVAL_S (each ends
    with an fsync; pages that many small commits touch are copied once): they never block readers or
    writers, and SQLite works without Python's global lock, so the copying runs beside the next request
    on another core."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="mogul-sqlite-checkpoint", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, check_same_thread=False)
        try:
            while True:
                self._wake.wait()
                # let the commits of the next moment join this checkpoint
                self._stop.wait(SQLITE_CHECKPOINT_INTERVAL_S)
                if self._stopping:
                    return
                self._wake.clear()
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            return  # the database went away (a test's temporary file); writers checkpoint themselves
        finally:
            conn.close()


def _create_private(path: str | None) -> None:
    """A new SQLite file is made readable by its owner only (0600): it holds customers' data. SQLite
    gives its -wal and -shm files the database file's mode. An existing file keeps its mode."""
    if not path or path.startswith("file:"):
        return
    # (an existing file raises FileExistsError; any other problem SQLite names when it opens the file)
    with suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _advisory_lock(conn: Connection, scope: int) -> None:
    conn.execute(
        text("SELECT pg_advisory_xact_lock(:namespace, :scope)"),
        {"namespace": PG_LOCK_NAMESPACE, "scope": scope},
    )


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
            cur.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_BACKSTOP_PAGES}")
        cur.close()
