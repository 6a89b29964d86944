"""`client.request`: one raw API call with the client's authorization, retries and pacing."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

import mogul
from mogul.server.sandbox import Sandbox
from tests.client.faults import Fault, Faulty


def test_request_returns_the_parsed_answer_and_raises_typed_errors(sandbox: Sandbox) -> None:
    with mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        assert client.request("GET", "/ping") == {"data": "pong!"}
        with pytest.raises(mogul.errors.NotFoundError) as missing:
            client.request("GET", "/customers/cus_nope")
        assert missing.value.status == 404


def test_async_request(sandbox: Sandbox) -> None:
    async def ping() -> object:
        async with mogul.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            return await client.request("GET", "/ping")

    assert asyncio.run(ping()) == {"data": "pong!"}


def test_a_post_is_resent_after_a_lost_answer_only_when_idempotent(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    """A data source name is unique: the resent POST answers 422, which proves it was sent twice."""
    once, twice = f"once-{uuid.uuid4().hex[:8]}", f"twice-{uuid.uuid4().hex[:8]}"
    faulty = Faulty(
        Fault("POST", "/v1/data_sources", lose=httpx.ReadTimeout),
        Fault("POST", "/v1/data_sources", lose=httpx.ReadTimeout),
    )
    with mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, transport=faulty) as client:
        with pytest.raises(mogul.errors.APIError):
            client.request("POST", "/data_sources", json={"name": once})
        assert faulty.log.count("POST", "/v1/data_sources") == 1
        with pytest.raises(mogul.errors.ValidationError):
            client.request("POST", "/data_sources", json={"name": twice}, idempotent=True)
        assert faulty.log.count("POST", "/v1/data_sources") == 3
    names = [d["name"] for d in api.get("/data_sources").json()["data_sources"]]
    assert names.count(once) == 1 and names.count(twice) == 1
