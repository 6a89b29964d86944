"""List modules page through ChartMogul's cursor up to their Limit: the first page at the call, the rest
lazily as iteration reaches them."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

import httpx
import pytest

import mogul
from mogul.flow import Position
from mogul.server.sandbox import Sandbox
from tests.client.faults import AsyncFaulty, Fault, Faulty

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


def test_the_call_fetches_the_first_page_and_iteration_the_rest(
    plans: tuple[Sandbox, str, list[str]],
) -> None:
    box, ds, uuids = plans
    faulty = Faulty()
    with mogul.Client(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
        pager = client.plans.list(data_source=ds)
        assert len(pages(faulty)) == 1
        items = iter(pager)
        assert [p.uuid for p in islice(items, 200)] == uuids[:200]
        assert len(pages(faulty)) == 1  # the first page holds 200: nothing more was needed
        assert next(items).uuid == uuids[200]
        assert len(pages(faulty)) == 2
        assert [p.uuid for p in items] == uuids[201:]
        assert len(pages(faulty)) == 2


def test_every_item_comes_exactly_once_across_pages(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, uuids = plans
    with mogul.Client(api_key=box.api_key, base_url=box.base_url) as client:
        listed = [p.uuid for p in client.run("plans.list", {"data_source": ds})]
    assert len(listed) == len(set(listed)) == PLANS
    assert listed == uuids


def test_iterating_a_pager_again_starts_from_the_first_page(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, uuids = plans
    faulty = Faulty()
    with mogul.Client(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
        pager = client.plans.list(data_source=ds, limit=3)
        assert [p.uuid for p in pager] == uuids[:3]
        assert [p.uuid for p in pager] == uuids[:3]
    assert len(pages(faulty)) == 2


def test_a_list_that_fits_in_its_first_page_is_one_request(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, uuids = plans
    faulty = Faulty()
    with mogul.Client(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
        short = client.plans.list(data_source=ds, limit=7)
        empty = client.plans.list(external_id="no-such-plan")
        assert len(pages(faulty)) == 2
        assert [p.uuid for p in short] == uuids[:7]
        assert empty.to_list() == []
    assert len(pages(faulty)) == 2


def test_a_wrong_key_raises_at_the_list_call_not_at_iteration(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, _ = plans
    with mogul.Client(api_key="not-a-key", base_url=box.base_url) as client:
        with pytest.raises(mogul.errors.AuthenticationError) as typed:
            client.plans.list(data_source=ds)
        with pytest.raises(mogul.errors.AuthenticationError) as run:
            client.run("plans.list", {"limit": 5})
    assert typed.value.status == run.value.status == 401


def test_an_unreachable_server_raises_at_the_list_call() -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        mogul.Client(api_key="k", base_url=f"http://127.0.0.1:{port}", max_retries=0) as client,
        pytest.raises(mogul.errors.APIConnectionError),
    ):
        client.plans.list()


def test_a_429_that_never_ends_raises_at_the_list_call(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, _, _ = plans
    faulty = Faulty(Fault("GET", "/v1/plans", times=3, status=429, headers={"Retry-After": "0"}))
    with (
        mogul.Client(api_key=box.api_key, base_url=box.base_url, transport=faulty, max_retries=2) as client,
        pytest.raises(mogul.errors.RateLimitError),
    ):
        client.plans.list()
    assert [a.outcome for a in faulty.log.attempts] == ["answered 429"] * 3


def test_the_async_pager_fetches_its_first_page_at_the_first_await(
    plans: tuple[Sandbox, str, list[str]],
) -> None:
    box, ds, uuids = plans
    faulty = AsyncFaulty()

    async def go() -> None:
        async with mogul.AsyncClient(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
            pager = client.plans.list(data_source=ds)
            assert pages(faulty) == []  # an async call sends nothing until awaited
            items = aiter(pager)
            assert (await anext(items)).uuid == uuids[0]
            assert len(pages(faulty)) == 1
            rest = [p.uuid async for p in items]
            assert rest == uuids[1:]
            assert len(pages(faulty)) == 2

    asyncio.run(go())


def test_a_wrong_key_raises_at_the_async_lists_first_await(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, _ = plans

    async def go() -> tuple[int, int]:
        async with mogul.AsyncClient(api_key="not-a-key", base_url=box.base_url) as client:
            with pytest.raises(mogul.errors.AuthenticationError) as awaited:
                await client.plans.list(data_source=ds)
            items = aiter(client.run("plans.list", {"limit": 5}))
            with pytest.raises(mogul.errors.AuthenticationError) as stepped:
                await anext(items)
            return awaited.value.status, stepped.value.status

    assert asyncio.run(go()) == (401, 401)


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


def test_page_gives_a_page_and_where_the_list_goes_on(plans: tuple[Sandbox, str, list[str]]) -> None:
    """`client.page`: one API request a page (the page size is the page's), the cursor's position to go
    on, and no position after the last page; pickers before the list do not move it."""
    box, _ds, uuids = plans
    faulty = Faulty()
    with mogul.Client(api_key=box.api_key, base_url=box.base_url, transport=faulty) as client:
        seen: list[str] = []
        after = None
        while True:
            page = client.page("plans.list", {"data_source": "Billing"}, size=50, after=after)
            seen += [p.uuid for p in page.items]
            if not page.more:
                break
            after = page.after
    assert seen == uuids
    assert len(pages(faulty)) == 5  # 50, 50, 50, 50 and the last 5: the data source lookup is not a page


def test_page_of_a_list_the_api_does_not_paginate_goes_on_by_count(
    plans: tuple[Sandbox, str, list[str]],
) -> None:
    box, _ds, _uuids = plans
    with mogul.Client(api_key=box.api_key, base_url=box.base_url) as client:
        for n in range(3):
            client.data_sources.create(name=f"Other {n}")
        first = client.page("data_sources.list", size=3)
        rest = client.page("data_sources.list", size=3, after=first.after)
    assert [d.name for d in first.items] == ["Billing", "Other 0", "Other 1"]
    assert first.after == Position(skip=3, paged=False)
    assert [d.name for d in rest.items] == ["Other 2"]
    assert rest.after is None


def test_the_async_page_matches_the_sync_one(plans: tuple[Sandbox, str, list[str]]) -> None:
    box, ds, uuids = plans

    async def go() -> list[list[str]]:
        async with mogul.AsyncClient(api_key=box.api_key, base_url=box.base_url) as client:
            first = await client.page("plans.list", {"data_source": ds}, size=200)
            second = await client.page("plans.list", {"data_source": ds}, size=200, after=first.after)
            assert second.after is None
            return [[p.uuid for p in first.items], [p.uuid for p in second.items]]

    assert asyncio.run(go()) == [uuids[:200], uuids[200:]]
