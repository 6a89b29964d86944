"""The Metrics API over HTTP: parameters, errors, and answers that follow every write (no stale cache)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from mogul.server.sandbox import Sandbox
from tests.conftest import basic


@pytest.fixture
def account(database_factory: Callable[[], str]) -> Iterator[httpx.Client]:
    """A fresh account of its own: metrics are account-wide."""
    with (
        Sandbox(database_factory()) as box,
        httpx.Client(base_url=box.api_url, headers=basic(box.api_key)) as client,
    ):
        yield client


def _setup(client: httpx.Client) -> dict[str, Any]:
    ds = client.post("/data_sources", json={"name": "s"}).json()["uuid"]
    plan = client.post(
        "/plans",
        json={"data_source_uuid": ds, "name": "Annual", "interval_count": 1, "interval_unit": "year"},
    ).json()["uuid"]
    customer = client.post("/customers", json={"data_source_uuid": ds, "external_id": "c"}).json()["uuid"]
    return {"ds": ds, "plan": plan, "customer": customer}


def _annual(world: dict[str, Any], ext: str, start: str, end: str, amount: int) -> dict[str, Any]:
    return {
        "external_id": ext,
        "date": start,
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "subscription_external_id": "sub",
                "plan_uuid": world["plan"],
                "service_period_start": start,
                "service_period_end": end,
                "amount_in_cents": amount,
            }
        ],
    }


def _mrr(client: httpx.Client, **params: str) -> list[tuple[str, int]]:
    query = {"start-date": "2024-01-01", "end-date": "2024-03-31", "interval": "month"} | params
    body = client.get("/metrics/mrr", params=query).json()
    return [(e["date"], e["mrr"]) for e in body["entries"]]


def test_metrics_follow_new_invoices_and_cancellations(account: httpx.Client) -> None:
    world = _setup(account)
    assert _mrr(account) == [("2024-01-31", 0), ("2024-02-29", 0), ("2024-03-31", 0)]
    url = f"/import/customers/{world['customer']}/invoices"
    account.post(url, json={"invoices": [_annual(world, "i1", "2024-02-10", "2025-02-10", 120000)]})
    assert _mrr(account) == [("2024-01-31", 0), ("2024-02-29", 10000), ("2024-03-31", 10000)]
    sub = account.get(f"/import/customers/{world['customer']}/subscriptions").json()["subscriptions"][0]
    account.patch(f"/import/subscriptions/{sub['uuid']}", json={"cancelled_at": "2024-03-05"})
    assert _mrr(account) == [("2024-01-31", 0), ("2024-02-29", 10000), ("2024-03-31", 0)]
    invoice = account.get("/invoices").json()["invoices"][0]["uuid"]
    assert account.delete(f"/invoices/{invoice}").status_code == 204
    assert _mrr(account) == [("2024-01-31", 0), ("2024-02-29", 0), ("2024-03-31", 0)]


def test_metrics_follow_a_moved_cancellation_with_as_many_activities(account: httpx.Client) -> None:
    """Moving a cancellation re-creates the same number of activities with other dates: still seen."""
    world = _setup(account)
    url = f"/import/customers/{world['customer']}/invoices"
    account.post(url, json={"invoices": [_annual(world, "i1", "2024-01-10", "2025-01-10", 120000)]})
    sub = account.get(f"/import/customers/{world['customer']}/subscriptions").json()["subscriptions"][0]
    account.patch(f"/import/subscriptions/{sub['uuid']}", json={"cancellation_dates": ["2024-03-05"]})
    assert _mrr(account) == [("2024-01-31", 10000), ("2024-02-29", 10000), ("2024-03-31", 0)]
    account.patch(f"/import/subscriptions/{sub['uuid']}", json={"cancellation_dates": ["2024-02-20"]})
    assert _mrr(account) == [("2024-01-31", 10000), ("2024-02-29", 0), ("2024-03-31", 0)]


def test_out_of_range_numbers_are_422(account: httpx.Client) -> None:
    world = _setup(account)
    big_quantity = _annual(world, "q", "2024-01-10", "2025-01-10", 100) | {}
    big_quantity["line_items"][0]["quantity"] = 2**31
    response = account.post(
        f"/import/customers/{world['customer']}/invoices", json={"invoices": [big_quantity]}
    )
    assert response.status_code == 422
    assert response.json()["invoices"][0]["errors"] == {
        "line_items[0].quantity": "quantity is out of range (at most 2147483647 in absolute value)."
    }
    huge_amount = _annual(world, "a", "2024-01-10", "2025-01-10", 2**63)
    response = account.post(
        f"/import/customers/{world['customer']}/invoices", json={"invoices": [huge_amount]}
    )
    assert list(response.json()["invoices"][0]["errors"]) == ["line_items[0].amount_in_cents"]
    plan = account.post(
        "/plans",
        json={"data_source_uuid": world["ds"], "name": "x", "interval_count": 2**40, "interval_unit": "day"},
    )
    assert plan.status_code == 422


def test_default_interval_is_daily_for_mrr_and_monthly_for_ltv(account: httpx.Client) -> None:
    query = {"start-date": "2024-01-30", "end-date": "2024-02-02"}
    mrr = account.get("/metrics/mrr", params=query).json()["entries"]
    assert [e["date"] for e in mrr] == ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02"]
    ltv = account.get("/metrics/ltv", params=query).json()["entries"]
    assert [e["date"] for e in ltv] == ["2024-01-31", "2024-02-02"]


def test_customer_count_uses_the_customers_key_and_underscore_aliases(account: httpx.Client) -> None:
    body = account.get(
        "/metrics/customer-count", params={"start_date": "2024-01-01", "end_date": "2024-01-01"}
    ).json()
    assert body == {
        "entries": [{"date": "2024-01-01", "customers": 0, "percentage-change": 0.0}],
        "summary": {"current": 0, "previous": 0, "percentage-change": 0.0},
    }


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"end-date": "2024-01-01"}, "start-date"),
        ({"start-date": "2024-01-01"}, "end-date"),
        ({"start-date": "2024-02-01", "end-date": "2024-01-01"}, "end-date"),
        ({"start-date": "someday", "end-date": "2024-01-01"}, "start-date"),
        ({"start-date": "2024-01-01", "end-date": "2024-01-02", "interval": "fortnight"}, "interval"),
    ],
)
def test_bad_metric_parameters_are_400(account: httpx.Client, params: dict[str, str], param: str) -> None:
    response = account.get("/metrics/all", params=params)
    assert response.status_code == 400
    assert response.json()["param"] == param


def test_unknown_metric_is_404(account: httpx.Client) -> None:
    assert account.get("/metrics/happiness", params={"start-date": "2024-01-01"}).status_code == 404


def test_plan_filter_counts_only_that_plan(account: httpx.Client) -> None:
    world = _setup(account)
    monthly = account.post(
        "/plans",
        json={
            "data_source_uuid": world["ds"],
            "name": "Monthly",
            "interval_count": 1,
            "interval_unit": "month",
            "external_id": "monthly",
        },
    ).json()["uuid"]
    invoices = [
        _annual(world, "i1", "2024-01-10", "2025-01-10", 120000),
        {
            **_annual(world, "i2", "2024-01-10", "2024-02-10", 3000),
            "line_items": [
                {
                    "type": "subscription",
                    "subscription_external_id": "addon",
                    "plan_uuid": monthly,
                    "service_period_start": "2024-01-10",
                    "service_period_end": "2024-02-10",
                    "amount_in_cents": 3000,
                }
            ],
        },
    ]
    assert (
        account.post(
            f"/import/customers/{world['customer']}/invoices", json={"invoices": invoices}
        ).status_code
        == 201
    )
    assert _mrr(account, **{"end-date": "2024-01-31"}) == [("2024-01-31", 13000)]
    assert _mrr(account, **{"end-date": "2024-01-31", "plans": "monthly"}) == [("2024-01-31", 3000)]
    assert _mrr(account, **{"end-date": "2024-01-31", "plans": "Annual,Monthly"}) == [("2024-01-31", 13000)]
    assert _mrr(account, **{"end-date": "2024-01-31", "plans": "nothing"}) == [("2024-01-31", 0)]


def test_activities_filters_order_and_cursor(account: httpx.Client) -> None:
    world = _setup(account)
    url = f"/import/customers/{world['customer']}/invoices"
    account.post(
        url,
        json={
            "invoices": [
                _annual(world, "i1", "2024-01-10", "2025-01-10", 120000),
                _annual(world, "i2", "2025-01-10", "2026-01-10", 240000),
            ]
        },
    )
    everything = account.get("/activities").json()
    assert [(e["type"], e["activity-mrr-movement"]) for e in everything["entries"]] == [
        ("new_biz", 10000),
        ("expansion", 10000),
    ]
    newest_first = account.get("/activities", params={"order": "-date", "per_page": 1}).json()
    assert [e["type"] for e in newest_first["entries"]] == ["expansion"]
    assert newest_first["has_more"] is True
    rest = account.get(
        "/activities", params={"order": "-date", "per_page": 1, "cursor": newest_first["cursor"]}
    ).json()
    assert ([e["type"] for e in rest["entries"]], rest["has_more"]) == (["new_biz"], False)
    in_2025 = account.get("/activities", params={"start-date": "2025-01-01", "end-date": "2025-12-31"}).json()
    assert [e["type"] for e in in_2025["entries"]] == ["expansion"]
    assert account.get("/activities", params={"type": "sideways"}).status_code == 400


def test_activities_start_after_an_activity(account: httpx.Client) -> None:
    """The legacy anchor (ruby and go clients page with `start-after` = the last activity's uuid)."""
    world = _setup(account)
    account.post(
        f"/import/customers/{world['customer']}/invoices",
        json={
            "invoices": [
                _annual(world, "i1", "2024-01-10", "2025-01-10", 120000),
                _annual(world, "i2", "2025-01-10", "2026-01-10", 240000),
            ]
        },
    )
    first, second = account.get("/activities").json()["entries"]
    after = account.get("/activities", params={"start-after": first["uuid"], "per-page": 1}).json()
    assert [e["uuid"] for e in after["entries"]] == [second["uuid"]]
    before = account.get("/activities", params={"start-after": second["uuid"], "order": "-date"}).json()
    assert [e["uuid"] for e in before["entries"]] == [first["uuid"]]
    unknown = account.get("/activities", params={"start-after": "nope"})
    assert (unknown.status_code, unknown.json()["param"]) == (400, "start-after")
