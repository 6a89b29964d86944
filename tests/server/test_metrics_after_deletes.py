"""The metrics after a delete that removes activities by cascade: the cached activity log must not
outlive them (a delete of a customer, of a data source or of all a data source holds bumps the account's
activities version, as a refresh does)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import mogul
from tests.conftest import basic

DAYS = {"start-date": "2024-01-13", "end-date": "2024-01-17", "interval": "day"}
ZERO = [("2024-01-13", 0), ("2024-01-14", 0), ("2024-01-15", 0), ("2024-01-16", 0), ("2024-01-17", 0)]


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


def _plan(client: httpx.Client, ds: str) -> str:
    plan = {"data_source_uuid": ds, "name": "Monthly", "interval_count": 1, "interval_unit": "month"}
    uuid: str = client.post("/plans", json=plan).json()["uuid"]
    return uuid


def _world(client: httpx.Client, name: str = "s") -> tuple[str, str]:
    ds = client.post("/data_sources", json={"name": name}).json()["uuid"]
    return ds, _plan(client, ds)


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


@pytest.mark.parametrize("suffix", ["", "/all"], ids=["source", "all"])
def test_deleting_a_data_source_or_all_it_holds_removes_its_mrr_from_the_metrics(
    account: httpx.Client, suffix: str
) -> None:
    ds, plan = _world(account)
    _customer_paying(account, ds, plan, "c", 10000)
    assert _mrr(account)[2:] == [("2024-01-15", 10000), ("2024-01-16", 10000), ("2024-01-17", 10000)]
    assert account.delete(f"/data_sources/{ds}{suffix}").status_code == 204
    assert _mrr(account) == ZERO


def test_a_data_source_emptied_counts_what_is_imported_into_it_again(account: httpx.Client) -> None:
    ds, plan = _world(account)
    _customer_paying(account, ds, plan, "c", 10000)
    assert _mrr(account)[2] == ("2024-01-15", 10000)
    assert account.delete(f"/data_sources/{ds}/all").status_code == 204
    assert account.get(f"/data_sources/{ds}").status_code == 200
    _customer_paying(account, ds, _plan(account, ds), "again", 700)
    assert _mrr(account)[2:] == [("2024-01-15", 700), ("2024-01-16", 700), ("2024-01-17", 700)]


def test_deleting_one_data_source_keeps_the_others_mrr(account: httpx.Client) -> None:
    gone_ds, gone_plan = _world(account, "gone")
    kept_ds, kept_plan = _world(account, "kept")
    _customer_paying(account, gone_ds, gone_plan, "gone", 10000)
    _customer_paying(account, kept_ds, kept_plan, "kept", 2500)
    assert _mrr(account)[2:] == [("2024-01-15", 12500), ("2024-01-16", 12500), ("2024-01-17", 12500)]
    assert account.delete(f"/data_sources/{gone_ds}/all").status_code == 204
    assert _mrr(account)[2:] == [("2024-01-15", 2500), ("2024-01-16", 2500), ("2024-01-17", 2500)]
    assert account.delete(f"/data_sources/{kept_ds}").status_code == 204
    assert _mrr(account) == ZERO


def test_a_failed_data_source_delete_keeps_the_metrics(account: httpx.Client) -> None:
    ds, plan = _world(account)
    _customer_paying(account, ds, plan, "c", 10000)
    before = _mrr(account)
    unknown = "ds_00000000-0000-0000-0000-000000000000"
    for path in (f"/data_sources/{unknown}", f"/data_sources/{unknown}/all"):
        response = account.delete(path)
        assert response.status_code == 404
        assert response.json() == {"error": "Data source not found"}
    assert _mrr(account) == before
