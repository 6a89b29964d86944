"""Retries against a real `mogul serve`, with faults injected at the HTTP transport."""

from __future__ import annotations

import asyncio
import socket
import time
from typing import Any

import httpx
import pytest

import mogul
from mogul.server.sandbox import Sandbox
from tests.client.faults import AsyncFaulty, Fault, Faulty
from tests.conftest import unique


def client(sandbox: Sandbox, transport: httpx.BaseTransport, **options: Any) -> mogul.Client:
    options.setdefault("retry_backoff", 0.01)
    return mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, transport=transport, **options)


def test_429_is_retried_after_the_retry_after_wait(sandbox: Sandbox, data_source: dict[str, Any]) -> None:
    faulty = Faulty(Fault("GET", "/v1/data_sources", times=1, status=429, headers={"Retry-After": "1"}))
    with client(sandbox, faulty) as c:
        found = c.data_sources.list(name=data_source["name"]).to_list()
    assert [d.uuid for d in found] == [data_source["uuid"]]
    first, second = faulty.log.attempts
    assert (first.outcome, second.outcome) == ("answered 429", "forwarded 200")
    assert second.at - first.at >= 1.0


def test_503_is_retried_until_it_succeeds(sandbox: Sandbox, data_source: dict[str, Any]) -> None:
    faulty = Faulty(Fault("GET", f"/v1/data_sources/{data_source['uuid']}", times=3, status=503))
    with client(sandbox, faulty) as c:
        got = c.data_sources.get(data_source["uuid"])
    assert got.name == data_source["name"]
    assert [a.outcome for a in faulty.log.attempts] == ["answered 503"] * 3 + ["forwarded 200"]


def test_a_create_answered_429_is_sent_again_and_created_once(sandbox: Sandbox, api: httpx.Client) -> None:
    name = unique("ds")
    faulty = Faulty(Fault("POST", "/v1/data_sources", times=2, status=429, headers={"Retry-After": "0"}))
    with client(sandbox, faulty) as c:
        created = c.data_sources.create(name=name)
    assert created.name == name
    assert [d["uuid"] for d in api.get("/data_sources", params={"name": name}).json()["data_sources"]] == [
        created.uuid
    ]
    assert faulty.log.count("POST", "/v1/data_sources") == 3


def test_when_the_retry_budget_runs_out_the_error_says_so(sandbox: Sandbox) -> None:
    faulty = Faulty(Fault("GET", "/v1/plans", times=10, status=503))
    with client(sandbox, faulty, max_retries=2) as c, pytest.raises(mogul.errors.ServerError) as caught:
        c.plans.list(limit=1).to_list()
    error = caught.value
    assert error.status == 503
    assert error.retries == 2
    assert "gave up after 2 retries (max_retries=2)" in str(error)
    assert str(error).startswith("ChartMogul answered 503 to GET /v1/plans: injected")
    assert "\n" not in str(error)
    assert faulty.log.count("GET", "/v1/plans") == 3


def test_max_retries_zero_turns_retries_off(sandbox: Sandbox) -> None:
    faulty = Faulty(Fault("GET", "/v1/plans", times=1, status=429, headers={"Retry-After": "0"}))
    with client(sandbox, faulty, max_retries=0) as c, pytest.raises(mogul.errors.RateLimitError) as caught:
        c.plans.list(limit=1).to_list()
    assert "retries are off (max_retries=0)" in str(caught.value)
    assert len(faulty.log.attempts) == 1


def test_a_retry_after_longer_than_mogul_waits_is_reported_not_waited_for(sandbox: Sandbox) -> None:
    faulty = Faulty(Fault("GET", "/v1/plans", times=1, status=429, headers={"Retry-After": "3600"}))
    with client(sandbox, faulty) as c, pytest.raises(mogul.errors.RateLimitError) as caught:
        c.plans.list(limit=1).to_list()
    assert "ChartMogul asked to retry after 3600 s" in str(caught.value)
    assert len(faulty.log.attempts) == 1


def test_a_lost_answer_to_a_read_is_retried(sandbox: Sandbox, data_source: dict[str, Any]) -> None:
    faulty = Faulty(Fault("GET", "/v1/data_sources/", times=1, lose=httpx.ReadTimeout))
    with client(sandbox, faulty) as c:
        assert c.data_sources.get(data_source["uuid"]).uuid == data_source["uuid"]
    assert [a.outcome for a in faulty.log.attempts] == ["lost", "forwarded 200"]


def test_a_lost_answer_to_an_api_call_post_is_not_resent(sandbox: Sandbox, api: httpx.Client) -> None:
    name = unique("ds")
    faulty = Faulty(Fault("POST", "/v1/data_sources", times=1, lose=httpx.RemoteProtocolError))
    with client(sandbox, faulty) as c, pytest.raises(mogul.errors.APIConnectionError) as caught:
        c.api.call("/v1/data_sources", method="POST", body={"name": name})
    assert "not retried: the request may already have been applied" in str(caught.value)
    assert faulty.log.count("POST", "/v1/data_sources") == 1
    assert len(api.get("/data_sources", params={"name": name}).json()["data_sources"]) == 1


def test_a_delete_whose_answer_was_lost_succeeds_on_the_404_of_its_retry(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    ds = api.post("/data_sources", json={"name": unique("ds")}).json()
    faulty = Faulty(Fault("DELETE", "/v1/data_sources/", times=1, lose=httpx.ReadTimeout))
    with client(sandbox, faulty) as c:
        assert c.data_sources.delete(ds["uuid"]) is None
    assert [a.outcome for a in faulty.log.attempts] == ["lost", "forwarded 404"]
    assert api.get(f"/data_sources/{ds['uuid']}").status_code == 404


class Counting(httpx.BaseTransport):
    """The real transport, counting the attempts that reach it."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.attempts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def closed_port() -> int:
    """A loopback port that was listening a moment ago and is closed now: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        return int(sock.getsockname()[1])


def test_a_refused_connection_is_tried_once_and_names_the_server() -> None:
    port = closed_port()
    counting = Counting()
    started = time.monotonic()
    with (
        mogul.Client(api_key="k", base_url=f"http://127.0.0.1:{port}", transport=counting) as c,
        pytest.raises(mogul.errors.APIConnectionError) as caught,
    ):
        c.plans.list(limit=1).to_list()
    assert counting.attempts == 1
    assert time.monotonic() - started < 0.5
    assert str(caught.value) == (
        f"GET /v1/plans: cannot reach http://127.0.0.1:{port}: connection refused "
        "(is the server running? check the base URL)"
    )


def test_a_connection_error_that_is_not_a_refusal_is_retried(sandbox: Sandbox) -> None:
    faulty = Faulty(Fault("GET", "/v1/plans", times=2, raise_=httpx.ConnectError))
    with client(sandbox, faulty) as c:
        assert c.plans.list(limit=1).to_list() is not None
    assert [a.outcome for a in faulty.log.attempts] == ["raised", "raised", "forwarded 200"]


def test_no_answer_in_time_is_a_timeout_error(sandbox: Sandbox) -> None:
    faulty = Faulty(Fault("GET", "/v1/plans", times=1, raise_=httpx.ReadTimeout))
    with (
        client(sandbox, faulty, max_retries=0, timeout=7) as c,
        pytest.raises(mogul.errors.APITimeoutError) as caught,
    ):
        c.plans.list(limit=1).to_list()
    assert str(caught.value) == (
        f"GET /v1/plans: no answer from {sandbox.base_url} within 7 s (read timeout); "
        "retries are off (max_retries=0)"
    )


def test_the_async_client_retries_429_after_retry_after(
    sandbox: Sandbox, data_source: dict[str, Any]
) -> None:
    faulty = AsyncFaulty(
        Fault("GET", "/v1/data_sources/", times=2, status=429, headers={"Retry-After": "0.2"})
    )

    async def go() -> Any:
        async with mogul.AsyncClient(
            api_key=sandbox.api_key, base_url=sandbox.base_url, transport=faulty
        ) as c:
            return await c.data_sources.get(data_source["uuid"])

    assert asyncio.run(go()).uuid == data_source["uuid"]
    first, second, third = faulty.log.attempts
    assert [a.outcome for a in (first, second, third)] == ["answered 429", "answered 429", "forwarded 200"]
    assert third.at - first.at >= 0.4


def test_retry_after_is_read_as_seconds_an_http_date_or_milliseconds() -> None:
    from mogul.flow import retry_after

    assert retry_after({"retry-after": "2"}) == 2.0
    assert retry_after({"retry-after": "0.5"}) == 0.5
    assert retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:10 GMT"}, now=1445412480.0) == 10.0
    assert retry_after({"retry-after": "soon"}) is None
    assert retry_after({}) is None
