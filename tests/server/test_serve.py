"""`mogul serve` as a user runs it: a subprocess that prints its URL, with accounts and hashed keys."""

from __future__ import annotations

import base64
import hashlib
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from mogul.store.engine import Database

MOGUL = str(Path(sys.executable).parent / "mogul")


@contextmanager
def serving(*args: str) -> Iterator[tuple[str, list[str]]]:
    """Run `mogul serve --port 0 ARGS`; yield its base URL and the lines it printed before it."""
    proc = subprocess.Popen([MOGUL, "serve", "--port", "0", *args], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    lines: list[str] = []
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("http://"):
                break
        assert lines and lines[-1].startswith("http://127.0.0.1:"), lines
        yield lines[-1], lines[:-1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()}


def test_first_start_creates_an_account_and_prints_its_key_once(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'first.db'}"
    with serving("--db", db) as (url, before):
        assert len(before) == 1
        assert before[0].startswith("created an account; its API key (shown once): ")
        key = before[0].rsplit(" ", 1)[1]
        assert url.endswith("/v1")
        assert httpx.get(url + "/ping", headers=_auth(key)).json() == {"data": "pong!"}
    with serving("--db", db) as (url, before):
        assert before == []
        assert httpx.get(url + "/ping", headers=_auth(key)).status_code == 200
    stored = sqlite3.connect(tmp_path / "first.db").execute("select key_hash from api_keys").fetchall()
    assert stored == [(hashlib.sha256(key.encode()).hexdigest(),)]


def test_api_key_option_and_environment_database(tmp_path: Path) -> None:
    # distinctive values: the schema itself has a column named "secret_hash"
    key, secret = "key-7f3a9c", "secret-b81e44"
    db = tmp_path / "env.db"
    env_cmd = [MOGUL, "serve", "--port", "0", "--api-key", key, "--api-key", f"legacy:{secret}"]
    proc = subprocess.Popen(
        env_cmd, stdout=subprocess.PIPE, text=True, env={"MOGUL_DATABASE_URL": f"sqlite:///{db}", "PATH": ""}
    )
    assert proc.stdout is not None
    try:
        url = proc.stdout.readline().strip()
        assert httpx.get(url + "/ping", headers=_auth(key)).status_code == 200
        legacy = {"Authorization": "Basic " + base64.b64encode(f"legacy:{secret}".encode()).decode()}
        assert httpx.get(url + "/ping", headers=legacy).status_code == 200
        # two keys, two accounts: they do not share data
        httpx.post(url + "/data_sources", headers=_auth(key), json={"name": "mine"})
        assert httpx.get(url + "/data_sources", headers=legacy).json() == {"data_sources": []}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert db.exists()
    # only hashes are stored: neither the key nor the secret is anywhere in the database or its log
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("env.db*"))
    assert key.encode() not in stored and secret.encode() not in stored


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'pragmas.db'}")
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.dispose()


def test_sqlite_log_is_copied_into_the_database_file_by_a_background_checkpoint(tmp_path: Path) -> None:
    """Writers only append to the write-ahead log; the checkpointer thread copies it back afterwards, so
    the database file on its own (as a plain copy of it would be) soon holds what was committed."""
    from sqlalchemy import text

    path = tmp_path / "checkpoint.db"
    before = set(threading.enumerate())
    db = Database(f"sqlite:///{path}")
    with db.write() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 16_000
        conn.exec_driver_sql("CREATE TABLE notes (body TEXT)")
        conn.execute(text("INSERT INTO notes VALUES (:body)"), {"body": "marker-5d1c0e"})
    deadline = time.monotonic() + 10
    while b"marker-5d1c0e" not in path.read_bytes():
        assert time.monotonic() < deadline, "the log was not checkpointed"
        time.sleep(0.01)
    mine = [t for t in threading.enumerate() if t.name == "mogul-sqlite-checkpoint" and t not in before]
    assert len(mine) == 1
    db.dispose()
    assert not mine[0].is_alive()
