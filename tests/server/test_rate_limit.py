"""`mogul serve --rate-limit N` (and `mogul.Sandbox(rate_limit=N)`): at most N requests per second of an
account, then ChartMogul's 429 with `Retry-After`; mogul's client and the official Node client get
through a burst with their retries, the official Python client over http:// raises the 429."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import chartmogul
import httpx
import pytest
import requests

import mogul
from mogul.server.app import create_app
from mogul.server.http.pipeline import AccessLog
from mogul.server.sandbox import Sandbox
from mogul.store.engine import Database
from tests.conftest import basic

N = 5
KEY = "rate-key-1"
OTHER = "rate-key-2"
LEGACY = "rate-token:rate-secret"
BODY_429 = {"code": 429, "message": "Your request rate has exceeded our rate limit.", "param": None}
MOGUL = str(Path(sys.executable).parent / "mogul")
NODE_DIR = Path(__file__).parents[1] / "contract" / "node"


@pytest.fixture
def limited(fresh_database_url: str) -> Iterator[Sandbox]:
    """A server of its own for each test (its windows start empty), N requests per second."""
    with Sandbox(fresh_database_url, api_keys=[KEY, OTHER, LEGACY], rate_limit=N) as box:
        yield box


def client(box: Sandbox, user: str = KEY, password: str = "") -> httpx.Client:
    return httpx.Client(base_url=box.api_url, headers=basic(user, password), timeout=30)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def access_log() -> Iterator[list[str]]:
    """The lines of the request log (`mogul.server.access`) while the test runs."""
    logger = logging.getLogger("mogul.server.access")
    handler, level = _Lines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def statuses(lines: list[str]) -> list[int]:
    return [int(re.match(r"\S+ \S+ (\d{3}) ", line)[1]) for line in lines]  # type: ignore[index]


def limit_headers(response: httpx.Response) -> dict[str, str]:
    names = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after")
    return {name: response.headers[name] for name in names if name in response.headers}


def test_a_burst_beyond_n_is_answered_429_with_retry_after(limited: Sandbox) -> None:
    with client(limited) as api:
        # every request of the account counts: reads, writes, and a path that is no route
        answers = [
            api.get("/ping"),
            api.post("/data_sources", json={"name": "counted"}),
            api.get("/data_sources"),
            api.get("/no_such_route"),
            api.get("/account"),
        ]
        refused = api.post("/data_sources", json={"name": "refused"})
    assert [a.status_code for a in answers] == [200, 201, 200, 404, 200]
    assert [limit_headers(a) for a in answers] == [
        {"x-ratelimit-limit": "5", "x-ratelimit-remaining": str(left), "x-ratelimit-reset": "1"}
        for left in (4, 3, 2, 1, 0)
    ]
    assert refused.status_code == 429
    assert refused.json() == BODY_429
    assert refused.headers["content-type"] == "application/json"
    assert limit_headers(refused) == {
        "x-ratelimit-limit": "5",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1",
        "retry-after": "1",
    }
    time.sleep(1)
    with client(limited) as api:
        names = [ds["name"] for ds in api.get("/data_sources").json()["data_sources"]]
    assert names == ["counted"]  # the refused create stored nothing


def test_after_waiting_retry_after_the_requests_pass(limited: Sandbox) -> None:
    with client(limited) as api:
        first = [api.get("/ping").status_code for _ in range(N + 3)]
        assert first == [200] * N + [429] * 3
        time.sleep(int(api.get("/ping").headers["retry-after"]))
        # the refused requests were not counted: the whole of N is back
        assert [api.get("/ping").status_code for _ in range(N + 1)] == [200] * N + [429]


def test_another_account_is_not_limited_by_the_first(limited: Sandbox) -> None:
    with (
        client(limited) as first,
        client(limited, OTHER) as second,
        client(limited, *LEGACY.split(":")) as third,
    ):
        assert [first.get("/ping").status_code for _ in range(N + 1)] == [200] * N + [429]
        assert [second.get("/ping").status_code for _ in range(N + 1)] == [200] * N + [429]
        assert [third.get("/ping").status_code for _ in range(N + 1)] == [200] * N + [429]


def test_requests_without_a_valid_key_are_401_and_not_counted(
    limited: Sandbox, access_log: list[str]
) -> None:
    unauthorized = {"code": 401, "message": "No valid API key provided", "param": None}
    with client(limited, "no-such-key") as stranger, client(limited) as api:
        refused = [stranger.get("/ping") for _ in range(N + 1)]
        refused.append(httpx.get(limited.api_url + "/ping"))
        refused.append(api.get("/ping", headers=basic(KEY, "wrong")))  # a key takes no other password
        assert [(r.status_code, r.json(), limit_headers(r)) for r in refused] == [(401, unauthorized, {})] * 8
        assert [api.get("/ping").status_code for _ in range(N + 1)] == [200] * N + [429]
    assert statuses(access_log) == [401] * 8 + [200] * N + [429]
    assert access_log[-1].endswith(f"account={access_log[-2].rpartition('=')[2]}")  # 429s name their account


def test_without_a_limit_there_is_no_layer_and_no_header(api: httpx.Client, fresh_database_url: str) -> None:
    answers = [api.get("/ping") for _ in range(3 * N)]
    assert {(a.status_code, tuple(limit_headers(a))) for a in answers} == {(200, ())}
    db = Database(fresh_database_url)
    try:
        assert [m.cls for m in create_app(db).user_middleware] == [AccessLog]
    finally:
        db.dispose()


def test_mogul_client_gets_through_a_burst_of_3n(limited: Sandbox, access_log: list[str]) -> None:
    with mogul.Client(api_key=KEY, base_url=limited.base_url) as mc, ThreadPoolExecutor(3 * N) as pool:
        answers = list(pool.map(lambda _: mc.api.call("/v1/ping").body, range(3 * N)))
    assert answers == [{"data": "pong!"}] * (3 * N)
    seen = statuses(access_log)
    # Every request got through: those refused on the way (how many depends on when the first answer
    # tells the pacer the limit, see the next test) waited as asked and were answered.
    assert seen.count(200) == 3 * N
    assert set(seen) <= {200, 429}


def test_mogul_client_paces_itself_at_the_advertised_limit(
    fresh_database_url: str, access_log: list[str]
) -> None:
    """One request after another: the first answer's X-RateLimit-Limit (N) is the pace from then on, so
    3N requests meet no 429 and take at least two seconds (a key of its own: pacing is per key). The
    first request opens the connection and is let age out of the window first: the pacer's margin for
    network delay (50 ms) is not meant for a connection's set-up."""
    key = "rate-key-paced"
    box = Sandbox(fresh_database_url, api_keys=[key], rate_limit=N)
    with box, mogul.Client(api_key=key, base_url=box.base_url) as mc:
        mc.api.call("/v1/ping")
        time.sleep(1.1)
        started = time.monotonic()
        answers = [mc.api.call("/v1/ping").body for _ in range(3 * N)]
        elapsed = time.monotonic() - started
    assert answers == [{"data": "pong!"}] * (3 * N)
    assert statuses(access_log) == [200] * (3 * N + 1)
    assert elapsed >= 2.0  # N at once, then N more after each second


def test_the_official_python_client_over_http_raises_the_429(limited: Sandbox) -> None:
    """chartmogul-python mounts its retry adapter for https:// only (reference §1.9): over http:// a
    429 is raised at once, as `APIError` holding the body, from the `requests.HTTPError` of the 429."""
    cfg = chartmogul.Config(KEY)
    cfg.uri = limited.api_url
    for _ in range(N):
        assert chartmogul.Ping.ping(cfg).get().data == "pong!"
    with pytest.raises(chartmogul.APIError) as caught:
        chartmogul.Ping.ping(cfg).get()
    assert caught.value.args == (json.dumps(BODY_429, separators=(",", ":")).encode(),)
    cause = caught.value.__cause__
    assert isinstance(cause, requests.HTTPError)
    assert cause.response.status_code == 429
    assert cause.response.headers["Retry-After"] == "1"


def test_the_official_node_client_retries_through_a_burst_of_3n(
    limited: Sandbox, access_log: list[str]
) -> None:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "chartmogul-node").is_dir():
        pytest.fail("Node.js and tests/contract/node/node_modules are required: run `make test`")
    env = os.environ | {"MOGUL_BASE_URL": limited.base_url, "MOGUL_API_KEY": KEY, "MOGUL_BURST": str(3 * N)}
    done = subprocess.run(
        [node, "ratelimit.js"], cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert json.loads(done.stdout) == {"pongs": 3 * N}
    seen = statuses(access_log)
    assert seen.count(200) == 3 * N
    assert seen.count(429) >= N


@pytest.mark.parametrize("workers", ["1", "2"])
def test_mogul_serve_rate_limit(fresh_database_url: str, workers: str) -> None:
    """The flag reaches the app, in one process and in each worker; the request log has the 429."""
    args = ["--port", "0", "--db", fresh_database_url, "--api-key", KEY, "--rate-limit", "2"]
    proc = subprocess.Popen(
        [MOGUL, "serve", *args, "--workers", workers],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    try:
        url = proc.stdout.readline().strip()
        # one keep-alive connection: one worker answers all three
        with httpx.Client(base_url=url, headers=basic(KEY), timeout=30) as api:
            answers = [api.get("/ping") for _ in range(3)]
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert [(a.status_code, a.headers.get("retry-after")) for a in answers] == [
        (200, None),
        (200, None),
        (429, "1"),
    ]
    assert answers[2].json() == BODY_429
    each = " in each worker" if workers == "2" else ""
    assert f"INFO mogul.server: rate limit: 2 requests per second per account{each}\n" in err
    logged = re.findall(r"INFO mogul\.server\.access: (GET /v1/ping \d+) [\d.]+ms account=acc_", err)
    assert logged == ["GET /v1/ping 200", "GET /v1/ping 200", "GET /v1/ping 429"]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("0", "Input should be greater than or equal to 1"),
        ("-3", "Input should be greater than or equal to 1"),
        ("x", "Input should be a valid integer, unable to parse string as an integer"),
        ("2.5", "Input should be a valid integer, unable to parse string as an integer"),
    ],
)
def test_a_rate_limit_that_is_no_positive_integer_is_a_usage_error(value: str, why: str) -> None:
    done = subprocess.run(
        [MOGUL, "serve", "--port", "0", "--db", "sqlite://", "--rate-limit", value],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"error: Invalid value for '--rate-limit': {why} (see 'mogul serve --help')\n"
