"""Pacing: a burst slows down under 40 requests per second and 20 in flight instead of failing."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

import mogul
from mogul.client.pacing import InFlight, RateWindow, is_chartmogul
from mogul.server.sandbox import Sandbox
from tests.client.faults import AsyncFaulty, Fault, Faulty


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    """Pacing is client-side: one in-memory server is enough (no need to run it per database backend)."""
    with Sandbox() as box:
        yield box


def busiest_second(times: list[float]) -> int:
    """The most requests that started within any one-second window."""
    times = sorted(times)
    best = 0
    start = 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def test_a_burst_of_120_requests_never_exceeds_40_in_any_second(sandbox: Sandbox) -> None:
    faulty = AsyncFaulty()

    async def burst() -> list[Any]:
        async with mogul.AsyncClient(
            api_key=sandbox.api_key,
            base_url=sandbox.base_url,
            transport=faulty,
            max_in_flight=20,
            rate_limit=40,
        ) as c:
            return await asyncio.gather(*(c.api.call("/v1/ping") for _ in range(120)))

    results = asyncio.run(burst())
    assert [r.status for r in results] == [200] * 120
    times = [a.at for a in faulty.log.attempts]
    assert len(times) == 120
    assert busiest_second(times) <= 40
    # 40 go at once, then 40 per second: the last starts two seconds (and a margin) after the first.
    assert max(times) - min(times) >= 2.0
    assert faulty.log.peak_in_flight <= 20


def test_no_more_than_max_in_flight_requests_run_at_once(sandbox: Sandbox) -> None:
    faulty = Faulty(delay=0.05)
    with (
        mogul.Client(
            api_key=sandbox.api_key,
            base_url=sandbox.base_url,
            transport=faulty,
            rate_limit=None,
            max_in_flight=5,
        ) as c,
        ThreadPoolExecutor(max_workers=30) as pool,
    ):
        statuses = list(pool.map(lambda _: c.api.call("/v1/ping").status, range(60)))
    assert statuses == [200] * 60
    assert faulty.log.peak_in_flight == 5


def test_the_rate_window_hands_out_start_times_a_second_apart_for_every_41st_request() -> None:
    now = [100.0]
    window = RateWindow(40, clock=lambda: now[0])
    waits = [window.reserve() for _ in range(81)]
    assert waits[:40] == [0.0] * 40
    assert waits[40:80] == [pytest.approx(1.05)] * 40
    assert waits[80] == pytest.approx(2.10)
    now[0] = 103.0
    assert window.reserve() == 0.0


def test_clients_of_the_same_key_share_one_pacer(sandbox: Sandbox) -> None:
    with (
        mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as a,
        mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as b,
        mogul.Client(api_key="another-key", base_url=sandbox.base_url) as other,
    ):
        assert a.pacer is b.pacer
        assert other.pacer is not a.pacer


def test_in_flight_slots_are_shared_by_threads_and_asyncio_tasks() -> None:
    slots = InFlight(2)
    slots.acquire()

    async def take_two() -> int:
        await slots.acquire_async()
        waiter = asyncio.ensure_future(slots.acquire_async())
        await asyncio.sleep(0.01)
        blocked = not waiter.done()
        slots.release()  # the thread's slot: the waiting task gets it
        await asyncio.wait_for(waiter, 1)
        return int(blocked) + slots.count

    assert asyncio.run(take_two()) == 3


# -- where pacing applies --------------------------------------------------------------------------------

CHARTMOGUL = "https://api.chartmogul.com"


class Hosted:
    """Stands in for a hosted API (ChartMogul's, or another limiting server) in-process: `GET /v1/ping`
    answers 200 unless `script` holds an answer (status, headers) for that request's number."""

    def __init__(self, script: dict[int, tuple[int, dict[str, str]]] | None = None) -> None:
        self.script = script or {}
        self.seen = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen += 1
        status, headers = self.script.get(self.seen, (200, {}))
        body = {"data": "pong!"} if status == 200 else {"code": status, "message": "slow down", "param": None}
        return httpx.Response(status, headers=headers, json=body)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def paced_pings(how: str, n: int, **options: Any) -> tuple[mogul.Client | mogul.AsyncClient, list[int]]:
    """Sends `n` pings; for each, how many of its attempts waited for the rate window (a retry is an
    attempt of the same ping). Gives the client back, closed, to look at its pacing."""
    options.setdefault("retry_backoff", 0.0)
    options.setdefault("api_key", f"key-{uuid.uuid4().hex}")

    def granted(client: mogul.Client | mogul.AsyncClient) -> int:
        window = client.pacer.window
        return window.granted if window is not None else 0

    if how == "sync":
        paced = []
        with mogul.Client(**options) as client:
            for _ in range(n):
                before = granted(client)
                assert client.request("GET", "/ping") == {"data": "pong!"}
                paced.append(granted(client) - before)
        return client, paced

    async def go() -> tuple[mogul.AsyncClient, list[int]]:
        paced = []
        async with mogul.AsyncClient(**options) as client:
            for _ in range(n):
                before = granted(client)
                assert await client.request("GET", "/ping") == {"data": "pong!"}
                paced.append(granted(client) - before)
        return client, paced

    return asyncio.run(go())


BOTH = pytest.mark.parametrize("how", ["sync", "async"])


@BOTH
def test_a_local_server_that_names_no_limit_is_not_paced(sandbox: Sandbox, how: str) -> None:
    # 45 requests: past the 40 a second that pacing would spread over more than a second.
    client, paced = paced_pings(how, 45, api_key=sandbox.api_key, base_url=sandbox.base_url)
    assert paced == [0] * 45
    assert client.pacing.active is False


@BOTH
def test_chartmogul_is_paced_from_the_first_request(how: str) -> None:
    client, paced = paced_pings(how, 5, base_url=CHARTMOGUL, transport=Hosted().transport())
    assert paced == [1] * 5
    assert client.pacing.active is True


@BOTH
@pytest.mark.parametrize(
    "header",
    ["X-RateLimit-Limit", "RateLimit-Limit", "RateLimit-Policy", "RateLimit", "X-Rate-Limit-Limit"],
)
def test_a_server_that_answers_with_rate_limit_headers_is_paced_from_then_on(header: str, how: str) -> None:
    hosted = Hosted({3: (200, {header: "40"})})
    client, paced = paced_pings(how, 6, base_url="https://billing.example.com", transport=hosted.transport())
    assert paced == [0, 0, 0, 1, 1, 1]
    assert client.pacing.active is True


@BOTH
def test_a_local_server_that_answers_429_is_paced_from_the_retry_on(sandbox: Sandbox, how: str) -> None:
    fault = Fault("GET", "/v1/ping", times=1, status=429, headers={"Retry-After": "0"})
    transport = Faulty(fault) if how == "sync" else AsyncFaulty(fault)
    client, paced = paced_pings(
        how, 4, api_key=sandbox.api_key, base_url=sandbox.base_url, transport=transport
    )
    assert [a.outcome for a in transport.log.attempts] == ["answered 429"] + ["forwarded 200"] * 4
    # Five attempts, four paced: the first ping's first attempt went unpaced and met the 429; its retry
    # and every later ping waited their turn in the window.
    assert paced == [1, 1, 1, 1]
    assert client.pacing.active is True


@BOTH
def test_an_explicit_rate_paces_a_local_server(sandbox: Sandbox, how: str) -> None:
    client, paced = paced_pings(how, 5, api_key=sandbox.api_key, base_url=sandbox.base_url, rate_limit=40)
    assert paced == [1] * 5
    assert client.pacing.active is True


@BOTH
def test_rate_limit_none_never_paces_even_chartmogul_answering_429(how: str) -> None:
    hosted = Hosted({1: (429, {"Retry-After": "0", "X-RateLimit-Limit": "40"})})
    client, _ = paced_pings(how, 3, base_url=CHARTMOGUL, transport=hosted.transport(), rate_limit=None)
    assert hosted.seen == 4
    assert client.pacer.window is None
    assert client.pacing.active is False
    assert client.pacing.reserve() == 0.0


@pytest.mark.parametrize(
    ("base_url", "chartmogul"),
    [
        ("https://api.chartmogul.com", True),
        ("https://API.ChartMogul.com/", True),
        ("https://eu.api.chartmogul.com", True),
        ("https://chartmogul.com", True),
        ("http://127.0.0.1:8080", False),
        ("https://chartmogul.com.example.org", False),
        ("https://notchartmogul.com", False),
    ],
)
def test_chartmogul_is_known_by_its_host(base_url: str, chartmogul: bool) -> None:
    assert is_chartmogul(base_url) is chartmogul
    client = mogul.Client(api_key=f"key-{uuid.uuid4().hex}", base_url=base_url)
    assert client.pacing.active is chartmogul
    client.close()


def test_auto_pacing_shares_the_window_of_an_explicit_40(sandbox: Sandbox) -> None:
    key = f"key-{uuid.uuid4().hex}"
    with (
        mogul.Client(api_key=key, base_url=CHARTMOGUL) as auto,
        mogul.Client(api_key=key, base_url=CHARTMOGUL, rate_limit=40) as explicit,
    ):
        assert auto.pacer is explicit.pacer


@pytest.mark.parametrize("bad", ["fast", 2.5, True])
def test_a_rate_limit_that_is_no_rate_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="rate_limit must be requests per second"):
        mogul.Client(api_key="k", base_url=CHARTMOGUL, rate_limit=bad)
