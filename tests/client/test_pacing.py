"""Pacing: a burst slows down under 40 requests per second and 20 in flight instead of failing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import mogul
from mogul.client.pacing import InFlight, RateWindow
from mogul.server.sandbox import Sandbox
from tests.client.faults import AsyncFaulty, Faulty


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
