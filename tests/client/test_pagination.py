"""List modules page through ChartMogul's cursor lazily, up to their Limit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

import httpx
import pytest

import mogul
from mogul.server.sandbox import Sandbox
from tests.client.faults import AsyncFaulty, Faulty

PLANS = 205  # more than one page of 200


@pytest.fixture(scope="module")
def plans(database_factory: Callable[[], str]) -> Iterator[tuple[Sandbox, str, list[str]]]:
    with (
        Sandbox(database_factory()) as box,
        httpx.Client(base_url=box.api_url, auth=(box.api_key, "")) as api,
    ):
        ds = api.post("/data_sources", json={"name": "Billing"}).json()["uuid"]
        uuids = [
            api.post(
                "/plans",
                json={"data_source_uuid": ds, "name": f"P{n}", "interval_count": 1, "interval_unit": "month"},
            ).json()["uuid"]
            for n in range(PLANS)
        ]
        yield box, ds, uuids


def pages(faulty: Faulty | AsyncFaulty) -> list[str]:
    return [a.path for a in faulty.log.attempts if a.path == "/v1/plans"]


def test_a_list_without_limit_follows_the_cursor_to_the_end(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, uuids = plans
    faulty = Faulty()
    with mogul.Client(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
        listed = [p.uuid for p in client.plans.list(data_source=ds)]
    assert listed == uuids
    assert len(pages(faulty)) == 2


def test_a_limit_stops_the_listing_and_sets_the_page_size(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, uuids = plans
    faulty = Faulty()
    with mogul.Client(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
        assert [p.uuid for p in client.plans.list(data_source=ds, limit=7)] == uuids[:7]
        assert [p.uuid for p in client.plans.list(data_source=ds, limit=203)] == uuids[:203]
        assert client.plans.list(data_source=ds, limit=0).to_list() == []
    assert len(pages(faulty)) == 3  # one page of 7, two pages for 203, none for 0


def test_pages_are_fetched_only_as_items_are_read(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, uuids = plans
    faulty = Faulty()
    with mogul.Client(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
        pager = client.plans.list(data_source=ds)
        assert pages(faulty) == []
        assert [p.uuid for p in islice(pager, 3)] == uuids[:3]
        assert len(pages(faulty)) == 1


def test_the_async_pager_iterates_and_awaits(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, uuids = plans
    faulty = AsyncFaulty()

    async def go() -> tuple[list[Any], list[Any]]:
        async with mogul.AsyncClient(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
            streamed = [p.uuid async for p in client.plans.list(data_source=ds)]
            awaited = await client.run("plans.list", {"data_source": ds, "limit": 201})
            return streamed, [p.uuid for p in awaited]

    streamed, awaited = asyncio.run(go())
    assert streamed == uuids
    assert awaited == uuids[:201]
    assert len(pages(faulty)) == 4
