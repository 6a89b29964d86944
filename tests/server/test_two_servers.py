"""Two `mogul serve` processes on one database answer the same metrics after every kind of write.

Each process caches an account's activity log in its own memory, keyed on the account's
`activities_version` in the database. Before each write both caches are warmed, and the write goes to
one of the two servers: a write that did not bump the version in its own transaction would leave the
other server (and after a cascade delete the writing one too) answering the old figures. On PostgreSQL,
and on one SQLite file shared by two processes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from tests.conftest import basic
from tests.server.test_serve import serving

DAYS = {"start-date": "2024-01-13", "end-date": "2024-01-17", "interval": "day"}
MONTHLY = {"external_id": "monthly", "name": "Monthly", "interval_count": 1, "interval_unit": "month"}
NONE = [0, 0, 0, 0, 0]


def paid(cents: int) -> list[int]:
    """The daily MRR of `DAYS` with `cents` a month from 2024-01-15."""
    return [0, 0, cents, cents, cents]


@pytest.fixture
def servers(fresh_database_url: str) -> Iterator[list[httpx.Client]]:
    """Two server processes on one fresh database, and a client on the same account for each."""
    key = f"key-{uuid.uuid4().hex}"
    with ExitStack() as stack:
        clients = []
        for _ in range(2):  # one after the other: the first makes the schema and the account
            url, _printed = stack.enter_context(serving("--db", fresh_database_url, "--api-key", key))
            clients.append(stack.enter_context(httpx.Client(base_url=url, headers=basic(key), timeout=30)))
        yield clients


def _mrr(servers: list[httpx.Client]) -> list[int]:
    """The daily MRR of `DAYS`, once both servers are seen to answer every metric alike."""
    answers = []
    for server in servers:
        response = server.get("/metrics/all", params=DAYS)
        assert response.status_code == 200, response.text
        answers.append(response.json())
    assert answers[0] == answers[1]
    return [entry["mrr"] for entry in answers[0]["entries"]]


def _write(servers: list[httpx.Client], writer: int, method: str, path: str, status: int, **send: Any) -> Any:
    """Warm both servers' caches, then send one write through server `writer`; its body, if any."""
    _mrr(servers)
    response = servers[writer].request(method, path, **send)
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def _invoice(name: str, cents: int, plan: dict[str, str], **more: str) -> dict[str, Any]:
    """An invoice of a monthly subscription from 2024-01-15 of `cents` a month on `plan` (its uuid for
    the Import API, its external id for a JSON import)."""
    line = {
        "type": "subscription",
        "subscription_external_id": f"sub-{name}",
        **plan,
        "service_period_start": "2024-01-15",
        "service_period_end": "2024-02-15",
        "amount_in_cents": cents,
    }
    return {
        "external_id": f"inv-{name}",
        "date": "2024-01-15",
        "currency": "USD",
        "line_items": [line],
        **more,
    }


def _source(servers: list[httpx.Client], name: str) -> tuple[str, str]:
    """A data source (through one server) with a monthly plan (through the other): their uuids."""
    ds: str = _write(servers, 0, "POST", "/data_sources", 201, json={"name": name})["uuid"]
    plan: str = _write(servers, 1, "POST", "/plans", 201, json={"data_source_uuid": ds, **MONTHLY})["uuid"]
    assert _mrr(servers) == NONE
    return ds, plan


def _paying(servers: list[httpx.Client], writer: int, source: tuple[str, str], name: str, cents: int) -> str:
    """A customer created through server `writer` (no figure changes), its invoice imported through the
    other."""
    before = _mrr(servers)
    ds, plan = source
    body = {"data_source_uuid": ds, "external_id": name}
    customer: str = _write(servers, writer, "POST", "/customers", 201, json=body)["uuid"]
    assert _mrr(servers) == before
    invoices = {"invoices": [_invoice(name, cents, {"plan_uuid": plan})]}
    _write(servers, 1 - writer, "POST", f"/import/customers/{customer}/invoices", 201, json=invoices)
    return customer


def test_both_servers_answer_the_same_metrics_after_every_write(servers: list[httpx.Client]) -> None:
    one = _source(servers, "one")
    ds = one[0]
    ada = _paying(servers, 0, one, "ada", 10000)
    assert _mrr(servers) == paid(10000)
    _write(servers, 1, "PATCH", f"/customers/{ada}", 200, json={"name": "Ada L."})
    assert _mrr(servers) == paid(10000)

    batch = {
        "external_id": "batch",
        "customers": [{"external_id": "bob", "name": "Bob"}],
        "invoices": [_invoice("bob", 2500, {"plan_external_id": "monthly"}, customer_external_id="bob")],
    }
    imported = _write(servers, 0, "POST", f"/data_sources/{ds}/json_imports", 200, json=batch)
    assert imported["status"] == "completed", imported
    assert _mrr(servers) == paid(12500)

    bob = servers[1].get("/customers", params={"external_id": "bob"}).json()["entries"][0]["uuid"]
    subscription = servers[1].get(f"/import/customers/{bob}/subscriptions").json()["subscriptions"][0]
    cancel = {"cancelled_at": "2024-01-16T00:00:00Z"}
    _write(servers, 1, "PATCH", f"/import/subscriptions/{subscription['uuid']}", 202, json=cancel)
    assert _mrr(servers) == [0, 0, 12500, 10000, 10000]

    # plan groups feed no figure: both servers still agree on the same one
    group = _write(
        servers, 0, "POST", "/plan_groups", 200, json={"name": "g", "plans": [subscription["plan_uuid"]]}
    )
    _write(servers, 1, "PATCH", f"/plan_groups/{group['uuid']}", 200, json={"name": "h"})
    _write(servers, 0, "DELETE", f"/plan_groups/{group['uuid']}", 204)
    assert _mrr(servers) == [0, 0, 12500, 10000, 10000]

    invoice = servers[0].get("/invoices", params={"customer_uuid": bob}).json()["invoices"][0]
    _write(servers, 0, "DELETE", f"/invoices/{invoice['uuid']}", 204)
    assert _mrr(servers) == paid(10000)
    _write(servers, 1, "DELETE", f"/customers/{ada}", 204)
    assert _mrr(servers) == NONE

    _paying(servers, 1, one, "cy", 4000)
    assert _mrr(servers) == paid(4000)
    _write(servers, 0, "DELETE", f"/data_sources/{ds}/all", 204)
    assert _mrr(servers) == NONE

    two = _source(servers, "two")
    _paying(servers, 0, two, "dee", 3000)
    assert _mrr(servers) == paid(3000)
    _write(servers, 1, "DELETE", f"/data_sources/{two[0]}", 204)
    assert _mrr(servers) == NONE
