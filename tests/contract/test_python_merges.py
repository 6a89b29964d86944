"""The official Python client (`chartmogul` 4.11.0), unchanged, on customer merges and connected
subscriptions of `mogul serve`: `Customer.merge`, `Customer.unmerge`, `Customer.connectSubscriptions`
and `Customer.disconnectSubscriptions`. ChartMogul answers each 202 `{}`, which the client reads as
None; their effects are checked through the client's own parsed objects."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import chartmogul
import pytest

from mogul.server.sandbox import Sandbox
from tests.conftest import unique

UTC = dt.UTC


@pytest.fixture(scope="module")
def cfg(sandbox: Sandbox) -> chartmogul.Config:
    config = chartmogul.Config(sandbox.api_key)
    config.uri = sandbox.api_url
    return config


@pytest.fixture(scope="module")
def other(sandbox: Sandbox) -> chartmogul.Config:
    config = chartmogul.Config(sandbox.api_keys[1])
    config.uri = sandbox.api_url
    return config


def _error(call: Callable[[], Any]) -> tuple[int, Any]:
    with pytest.raises(chartmogul.APIError) as err:
        call()
    return err.value.__cause__.response.status_code, json.loads(err.value.args[0])  # type: ignore[union-attr]


def _billed(cfg: chartmogul.Config, name: str, sub: str, cents: int, months: list[str], **line: Any) -> Any:
    """A customer in a new data source of its own, billed monthly for `sub`."""
    ds = chartmogul.DataSource.create(cfg, data={"name": unique(name)}).get()
    plan = chartmogul.Plan.create(
        cfg, data={"data_source_uuid": ds.uuid, "name": name, "interval_count": 1, "interval_unit": "month"}
    ).get()
    customer = chartmogul.Customer.create(
        cfg, data={"data_source_uuid": ds.uuid, "external_id": unique(name), "name": name}
    ).get()
    invoices = []
    for n, start in enumerate(months[:-1]):
        item = {
            "type": "subscription",
            "plan_uuid": plan.uuid,
            "subscription_external_id": sub,
            "service_period_start": start,
            "service_period_end": months[n + 1],
            "amount_in_cents": cents,
        }
        if n == len(months) - 2:
            item |= line
        invoices.append(
            {"external_id": unique("inv"), "date": start, "currency": "USD", "line_items": [item]}
        )
    chartmogul.Invoice.create(cfg, uuid=customer.uuid, data={"invoices": invoices}).get()
    return customer


def test_merge_and_unmerge(cfg: chartmogul.Config, other: chartmogul.Config) -> None:
    old = _billed(cfg, "Stripe", "sx", 10000, ["2024-01-01", "2024-02-01", "2024-03-01"])
    new = _billed(cfg, "Recurly", "sy", 5000, ["2024-02-01", "2024-03-01"])
    body = {"from": {"customer_uuid": old.uuid}, "into": {"customer_uuid": new.uuid}}
    # across accounts the customers are unknown
    assert _error(lambda: chartmogul.Customer.merge(other, data=body).get()) == (
        404,
        {"error": "Customer not found"},
    )
    assert chartmogul.Customer.merge(cfg, data=body).get() is None
    assert _error(lambda: chartmogul.Customer.retrieve(cfg, uuid=old.uuid).get()) == (
        404,
        {"error": "Customer not found"},
    )
    merged = chartmogul.Customer.retrieve(cfg, uuid=new.uuid).get()
    assert isinstance(merged, chartmogul.Customer)
    assert merged.external_ids == [new.external_id, old.external_id]
    assert merged.data_source_uuids == [new.data_source_uuid, old.data_source_uuid]
    assert merged.mrr == 15000
    subs = chartmogul.Customer.subscriptions(cfg, uuid=new.uuid).get()
    assert sorted((s.external_id, s.mrr) for s in subs.entries) == [("sx", 10000), ("sy", 5000)]
    activities = chartmogul.CustomerActivity.all(cfg, uuid=new.uuid).get()
    assert [(a.date, a.type, a.activity_mrr_movement) for a in activities.entries] == [
        (dt.datetime(2024, 1, 1, tzinfo=UTC), "new_biz", 10000),
        (dt.datetime(2024, 2, 1, tzinfo=UTC), "expansion", 5000),
    ]
    assert _error(
        lambda: chartmogul.Customer.merge(cfg, data={"from": body["into"], "into": body["into"]}).get()
    ) == (
        422,
        {"errors": {"into": "A customer cannot be merged into itself."}},
    )

    unmerge = {
        "customer_uuid": new.uuid,
        "data_source_uuid": old.data_source_uuid,
        "external_id": old.external_id,
        "move_to_new_customer": [],
    }
    assert chartmogul.Customer.unmerge(cfg, data=unmerge).get() is None
    found = chartmogul.Customer.all(
        cfg, data_source_uuid=old.data_source_uuid, external_id=old.external_id
    ).get()
    [back] = found.entries
    assert back.uuid not in (old.uuid, new.uuid)
    assert (back.name, back.mrr, back.external_ids) == ("Stripe", 10000, [old.external_id])
    assert chartmogul.Customer.retrieve(cfg, uuid=new.uuid).get().external_ids == [new.external_id]
    not_merged = "No customer with this data source and external ID was merged into this customer."
    assert _error(lambda: chartmogul.Customer.unmerge(cfg, data=unmerge).get()) == (
        422,
        {"errors": {"external_id": not_merged}},
    )


def test_connect_and_disconnect_subscriptions(cfg: chartmogul.Config, other: chartmogul.Config) -> None:
    # a billing-system switch: Stripe's $100 cancelled mid-March, Recurly's $120 from April
    old = _billed(
        cfg,
        "Stripe",
        "a",
        10000,
        ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"],
        cancelled_at="2024-03-15",
    )
    new = _billed(cfg, "Recurly", "b", 12000, ["2024-04-01", "2024-05-01"])
    chartmogul.Customer.merge(
        cfg, data={"from": {"customer_uuid": old.uuid}, "into": {"customer_uuid": new.uuid}}
    ).get()

    def moves() -> list[tuple[str, int]]:
        entries = chartmogul.CustomerActivity.all(cfg, uuid=new.uuid).get().entries
        return [(a.type, a.activity_mrr_movement) for a in entries]

    assert moves() == [("new_biz", 10000), ("churn", -10000), ("reactivation", 12000)]
    body = {
        "subscriptions": [
            {"data_source_uuid": old.data_source_uuid, "external_id": "a"},
            {"data_source_uuid": new.data_source_uuid, "external_id": "b"},
        ]
    }
    assert _error(
        lambda: chartmogul.Customer.connectSubscriptions(other, uuid=new.uuid, data=body).get()
    ) == (
        404,
        {"error": "Customer not found"},
    )
    assert chartmogul.Customer.connectSubscriptions(cfg, uuid=new.uuid, data=body).get() is None
    # one history: no churn, the switch a $20 upgrade (mrr-semantics.md §1.2, connecting subscriptions)
    assert moves() == [("new_biz", 10000), ("expansion", 2000)]
    subs = {s.external_id: s for s in chartmogul.Customer.subscriptions(cfg, uuid=new.uuid).get().entries}
    assert (subs["b"].start_date, subs["b"].mrr) == (dt.datetime(2024, 1, 1, tzinfo=UTC), 12000)
    assert (subs["a"].status, subs["a"].mrr) == ("inactive", 0)
    assert chartmogul.Customer.disconnectSubscriptions(cfg, uuid=new.uuid, data=body).get() is None
    assert moves() == [("new_biz", 10000), ("churn", -10000), ("reactivation", 12000)]
    missing = {"subscriptions": [{"data_source_uuid": old.data_source_uuid, "external_id": "a"}]}
    assert _error(
        lambda: chartmogul.Customer.connectSubscriptions(cfg, uuid=new.uuid, data=missing).get()
    ) == (
        422,
        {"errors": {"subscriptions": "At least two subscriptions are needed to connect."}},
    )
