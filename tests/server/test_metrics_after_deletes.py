"""The metrics after a delete that removes activities by cascade: the cached activity log must not
outlive them (a delete of a customer bumps the account's activities version, as a refresh does)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import mogul
from tests.conftest import basic

DAYS = {"start-date": "2024-01-13", "end-date": "2024-01-17", "interval": "day"}


@pytest.fixture
def account(database_factory: Callable[[], str]) -> Iterator[httpx.Client]:
    """A fresh account of its own: metrics are account-wide."""
    with (
        mogul.Sandbox(database_factory()) as box,
        httpx.Client(base_url=box.api_url, headers=basic(box.api_key), timeout=30) as client,
    ):
        yield client


def _customer_paying(client: httpx.Client, ds: str, plan: str, external_id: str, cents: int) -> str:
    """A customer with one invoice: a monthly subscription from 2024-01-15 of `cents` a month."""
    response = client.post("/customers", json={"data_source_uuid": ds, "external_id": external_id})
    assert response.status_code == 201, response.text
    uuid: str = response.json()["uuid"]
    invoice: dict[str, Any] = {
        "external_id": f"inv-{external_id}",
        "date": "2024-01-15",
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "subscription_external_id": f"sub-{external_id}",
                "plan_uuid": plan,
                "service_period_start": "2024-01-15",
                "service_period_end": "2024-02-15",
                "amount_in_cents": cents,
            }
        ],
    }
    response = client.post(f"/import/customers/{uuid}/invoices", json={"invoices": [invoice]})
    assert response.status_code == 201, response.text
    return uuid


def _world(client: httpx.Client) -> tuple[str, str]:
    ds = client.post("/data_sources", json={"name": "s"}).json()["uuid"]
    plan = client.post(
        "/plans",
        json={"data_source_uuid": ds, "name": "Monthly", "interval_count": 1, "interval_unit": "month"},
    ).json()["uuid"]
    return ds, plan


def _mrr(client: httpx.Client) -> list[tuple[str, int]]:
    response = client.get("/metrics/mrr", params=DAYS)
    assert response.status_code == 200, response.text
    return [(e["date"], e["mrr"]) for e in response.json()["entries"]]


def test_deleting_a_customer_removes_its_mrr_from_the_metrics(account: httpx.Client) -> None:
    ds, plan = _world(account)
    customer = _customer_paying(account, ds, plan, "c", 10000)
    assert _mrr(account) == [
        ("2024-01-13", 0),
        ("2024-01-14", 0),
        ("2024-01-15", 10000),
        ("2024-01-16", 10000),
        ("2024-01-17", 10000),
    ]
    assert account.delete(f"/customers/{customer}").status_code == 204
    assert _mrr(account) == [
        ("2024-01-13", 0),
        ("2024-01-14", 0),
        ("2024-01-15", 0),
        ("2024-01-16", 0),
        ("2024-01-17", 0),
    ]


def test_deleting_one_customer_keeps_the_others_mrr(account: httpx.Client) -> None:
    ds, plan = _world(account)
    gone = _customer_paying(account, ds, plan, "gone", 10000)
    _customer_paying(account, ds, plan, "kept", 2500)
    assert _mrr(account)[2:] == [("2024-01-15", 12500), ("2024-01-16", 12500), ("2024-01-17", 12500)]
    assert account.delete(f"/customers/{gone}").status_code == 204
    assert _mrr(account) == [
        ("2024-01-13", 0),
        ("2024-01-14", 0),
        ("2024-01-15", 2500),
        ("2024-01-16", 2500),
        ("2024-01-17", 2500),
    ]


def test_a_failed_delete_keeps_the_metrics(account: httpx.Client) -> None:
    ds, plan = _world(account)
    _customer_paying(account, ds, plan, "c", 10000)
    before = _mrr(account)
    assert account.delete("/customers/cus_00000000-0000-0000-0000-000000000000").status_code == 404
    assert _mrr(account) == before
