"""Module tests run every module four ways: sync and async, typed method and `client.run`."""

from __future__ import annotations

import asyncio
import inspect
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import mogul
from mogul.client.generate import method_name
from mogul.modules import registry
from mogul.server.sandbox import Sandbox
from tests.conftest import unique

Call = Callable[..., Any]


@pytest.fixture(scope="session")
def sandbox(database_factory: Callable[[], str]) -> Iterator[Sandbox]:
    """One server per backend for the module tests, which run every module four ways."""
    keys = [f"key-{uuid.uuid4().hex}", f"other-{uuid.uuid4().hex}"]
    with Sandbox(database_factory(), api_keys=keys) as box:
        yield box


@pytest.fixture(scope="session")
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """A plain HTTP client on this server (overridden with `sandbox`, so both mean the same server)."""
    with httpx.Client(base_url=sandbox.api_url, auth=(sandbox.api_key, ""), timeout=30) as client:
        yield client


def _typed(client: Any, module_id: str) -> Callable[..., Any]:
    module = registry.get(module_id)
    return getattr(getattr(client, module.group), method_name(module))  # type: ignore[no-any-return]


def make_call(sandbox: Sandbox, how: str, **options: Any) -> Call:
    """`call(module_id, **fields)`: runs the module and gives its result (lists as lists)."""
    sync, style = how.split("-")

    def run_sync(module_id: str, **fields: Any) -> Any:
        with mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, **options) as client:
            result = (
                _typed(client, module_id)(**fields) if style == "typed" else client.run(module_id, fields)
            )
            return result.to_list() if isinstance(result, mogul.Pager) else result

    def run_async(module_id: str, **fields: Any) -> Any:
        async def go() -> Any:
            async with mogul.AsyncClient(
                api_key=sandbox.api_key, base_url=sandbox.base_url, **options
            ) as client:
                result = (
                    _typed(client, module_id)(**fields) if style == "typed" else client.run(module_id, fields)
                )
                if isinstance(result, mogul.AsyncPager):
                    return await result.to_list()
                assert inspect.isawaitable(result)
                return await result

        return asyncio.run(go())

    return run_sync if sync == "sync" else run_async


@pytest.fixture(params=["sync-typed", "sync-run", "async-typed", "async-run"])
def call(request: pytest.FixtureRequest, sandbox: Sandbox) -> Call:
    # Pacing is tested in tests/client; at 40 requests a second it would only slow these tests down.
    return make_call(sandbox, request.param, rate_limit=None)


@pytest.fixture
def customer(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    body = {
        "data_source_uuid": data_source["uuid"],
        "external_id": unique("cus"),
        "email": f"{unique('e')}@x.io",
    }
    response = api.post("/customers", json=body)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def plan(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    body = {
        "data_source_uuid": data_source["uuid"],
        "name": unique("Gold"),
        "interval_count": 1,
        "interval_unit": "month",
        "external_id": unique("plan"),
    }
    response = api.post("/plans", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def import_invoice(api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any], **extra: Any) -> Any:
    invoice = {
        "external_id": unique("inv"),
        "date": "2024-01-01",
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "amount_in_cents": 1000,
                "subscription_external_id": unique("sub"),
                "plan_uuid": plan["uuid"],
                "service_period_start": "2024-01-01",
                "service_period_end": "2024-02-01",
            }
        ],
    } | extra
    response = api.post(f"/import/customers/{customer['uuid']}/invoices", json={"invoices": [invoice]})
    assert response.status_code == 201, response.text
    return response.json()["invoices"][0]
