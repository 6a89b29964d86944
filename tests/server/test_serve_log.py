"""What `mogul serve` writes to its log: a line per request and the database it opened, never a key,
a body, a query or a statement's values; and no `server` header."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from mogul.store import schema as s
from mogul.store.engine import Database
from mogul.store.migrate import ensure_schema
from tests.conftest import basic

MOGUL = str(Path(sys.executable).parent / "mogul")
KEY = "log-test-key-4f1d9a"
SECRET_NAME = "Jane Secretperson"


def _serve_and_stop(cwd: Path, *args: str) -> tuple[str, str, list[httpx.Response]]:
    """Run `mogul serve` in `cwd` with a relative SQLite path, make four requests, stop it; its stderr."""
    proc = subprocess.Popen(
        [MOGUL, "serve", "--port", "0", "--db", "sqlite:///relative.db", "--api-key", KEY, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    answers = []
    try:
        with httpx.Client(base_url=url, headers=basic(KEY), timeout=30) as api:
            answers.append(api.get("/ping"))
            ds = api.post("/data_sources", json={"name": "logged"})
            answers.append(ds)
            body = {"data_source_uuid": ds.json()["uuid"], "external_id": "c1", "name": SECRET_NAME}
            answers.append(api.post("/customers", json=body))
            answers.append(api.get("/customers/search", params={"email": "jane@example.com"}))
            answers.append(httpx.get(url + "/ping", headers=basic("wrong-key")))
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    return url, err, answers


def test_a_line_per_request_and_the_absolute_database_file(tmp_path: Path) -> None:
    _, err, answers = _serve_and_stop(tmp_path)
    assert [a.status_code for a in answers] == [200, 201, 201, 404, 401]
    assert all("server" not in a.headers for a in answers)
    assert f"INFO mogul.server: database sqlite:///{tmp_path / 'relative.db'}" in err
    requests = re.findall(r"INFO mogul\.server\.access: (.*)", err)
    shapes = [re.sub(r"\d+\.\dms", "Nms", re.sub(r"(/ds_|acc_)[\w-]+", r"\1ID", line)) for line in requests]
    assert shapes == [
        "GET /v1/ping 200 Nms account=acc_ID",
        "POST /v1/data_sources 201 Nms account=acc_ID",
        "POST /v1/customers 201 Nms account=acc_ID",
        "GET /v1/customers/search 404 Nms account=acc_ID",
        "GET /v1/ping 401 Nms account=-",
    ]
    for secret in (KEY, "wrong-key", SECRET_NAME, "jane@example.com", "email=", "Basic "):
        assert secret not in err


def test_log_level_warning_logs_no_requests(tmp_path: Path) -> None:
    _, err, answers = _serve_and_stop(tmp_path, "--log-level", "warning")
    assert [a.status_code for a in answers] == [200, 201, 201, 404, 401]
    assert "mogul.server.access" not in err
    assert "database" not in err


def test_an_unknown_log_level_is_one_line() -> None:
    done = subprocess.run(
        [MOGUL, "serve", "--port", "0", "--db", "sqlite://", "--log-level", "loud"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == "mogul serve: unknown log level 'loud'; use one of debug, info, warning, error\n"


def test_database_errors_never_hold_the_statements_values(fresh_database_url: str) -> None:
    db = Database(fresh_database_url)
    ensure_schema(db)
    row = {"uuid": "acc_x", "name": SECRET_NAME, "currency": "USD", "created_at": s.utcnow()}
    try:
        with db.write() as conn:
            conn.execute(insert(s.accounts).values(**row))
        with pytest.raises(IntegrityError) as caught, db.write() as conn:
            conn.execute(insert(s.accounts).values(**row))
        assert SECRET_NAME not in str(caught.value)
        assert "SQL parameters hidden" in str(caught.value)
    finally:
        db.dispose()
