"""The CLI as a user runs it: the installed `mogul` executable, a subprocess, against `mogul serve`.

One `mogul serve` subprocess over a throwaway SQLite file serves the session, with two accounts: `main`
for the module commands and `metrics` for tests that need an account nobody else writes to.
Each command runs with its own config file (no profile leaks between tests) and a wide terminal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import unique

MOGUL = str(Path(sys.executable).parent / "mogul")


@dataclass(frozen=True)
class Server:
    base_url: str  # without /v1
    main_key: str
    metrics_key: str


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        import json

        return json.loads(self.out)


@pytest.fixture(scope="session")
def server(database_factory: Callable[[], str]) -> Iterator[Server]:
    """`mogul serve` as its own process, once per database backend."""
    keys = (f"main-{uuid.uuid4().hex}", f"metrics-{uuid.uuid4().hex}")
    args = [MOGUL, "serve", "--port", "0", "--db", database_factory()]
    for key in keys:
        args += ["--api-key", key]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        url = ""
        for line in proc.stdout:
            if line.startswith("http://"):
                url = line.strip().removesuffix("/v1")
                break
        assert url, "mogul serve printed no URL"
        yield Server(url, *keys)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def clean_env(config: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CHARTMOGUL_", "MOGUL_")) and k not in ("COLUMNS", "LINES")
    }
    env.update({"MOGUL_CONFIG": str(config), "COLUMNS": "200", "NO_COLOR": "1"})
    return env


Mogul = Callable[..., Result]


def run_mogul(
    args: tuple[str, ...], env: dict[str, str], input: str | None = None, timeout: float = 60
) -> Result:
    # without `input`, standard input is empty, never the terminal pytest may run on
    proc = subprocess.run(
        [MOGUL, *args],
        input=input or "",
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


@pytest.fixture
def mogul(server: Server, config_file: Path) -> Mogul:
    """`mogul(*args, input=None, key=..., connect=True, env={})`: runs the executable, connected to the
    server through the environment (CHARTMOGUL_API_KEY, CHARTMOGUL_BASE_URL) unless `connect=False`, with
    `env` added to its environment."""

    def run(
        *args: str,
        input: str | None = None,
        key: str | None = None,
        connect: bool = True,
        env: dict[str, str] | None = None,
    ) -> Result:
        environ = clean_env(config_file)
        if connect:
            environ["CHARTMOGUL_API_KEY"] = key or server.main_key
            environ["CHARTMOGUL_BASE_URL"] = server.base_url
        environ |= env or {}
        result = run_mogul(args, environ, input)
        assert "Traceback" not in result.err, result.err
        return result

    return run


@pytest.fixture(scope="session")
def http(server: Server) -> Iterator[httpx.Client]:
    """Plain HTTP on the main account, to set up and check what commands did."""
    with httpx.Client(base_url=server.base_url + "/v1", auth=(server.main_key, ""), timeout=30) as client:
        yield client


@pytest.fixture
def data_source(http: httpx.Client) -> dict[str, Any]:
    response = http.post("/data_sources", json={"name": unique("ds")})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture
def plan(http: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    body = {
        "data_source_uuid": data_source["uuid"],
        "name": unique("Gold"),
        "interval_count": 1,
        "interval_unit": "month",
        "external_id": unique("gold"),
    }
    response = http.post("/plans", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture
def customer(http: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    external_id = unique("cus")
    body = {
        "data_source_uuid": data_source["uuid"],
        "external_id": external_id,
        "name": "Ada Lovelace",
        "email": f"{external_id}@example.com",
    }
    response = http.post("/customers", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]
