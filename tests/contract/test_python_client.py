"""The official Python client (`chartmogul` 4.11.0), unchanged, against `mogul serve` on loopback.

Every Import API endpoint the server offers is driven through the client's own calls; the client parses
each answer with its strict schemas, so a wrong key, type or envelope fails here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import chartmogul
import pytest

from mogul.server.sandbox import Sandbox
from tests.conftest import unique


@pytest.fixture(scope="module")
def cfg(sandbox: Sandbox) -> chartmogul.Config:
    config = chartmogul.Config(sandbox.api_key)
    config.uri = sandbox.api_url
    return config


@pytest.fixture
def world(cfg: chartmogul.Config) -> Iterator[dict[str, Any]]:
    """A data source with a plan and a customer, made through the client itself."""
    ds = chartmogul.DataSource.create(cfg, data={"name": unique("py")}).get()
    plan = chartmogul.Plan.create(
        cfg,
        data={
            "data_source_uuid": ds.uuid,
            "name": "Gold monthly",
            "interval_count": 1,
            "interval_unit": "month",
            "external_id": unique("plan"),
        },
    ).get()
    customer = chartmogul.Customer.create(
        cfg,
        data={
            "data_source_uuid": ds.uuid,
            "external_id": unique("cus"),
            "name": "Adam Smith",
            "email": f"{unique('adam')}@example.com",
            "country": "US",
            "city": "New York",
            "lead_created_at": "2015-10-14T00:00:00Z",
            "attributes": {
                "tags": ["important", "vip"],
                "custom": [
                    {"type": "String", "key": "channel", "value": "Facebook"},
                    {"type": "Integer", "key": "age", "value": 18},
                ],
            },
        },
    ).get()
    yield {"ds": ds, "plan": plan, "customer": customer}


def _invoice(world: dict[str, Any], external_id: str, start: str, end: str, amount: int) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "date": start,
        "currency": "USD",
        "due_date": end,
        "customer_external_id": world["customer"].external_id,
        "data_source_uuid": world["ds"].uuid,
        "line_items": [
            {
                "type": "subscription",
                "subscription_external_id": "sub-1",
                "plan_uuid": world["plan"].uuid,
                "service_period_start": start,
                "service_period_end": end,
                "amount_in_cents": amount,
                "quantity": 1,
                "discount_code": "PSO86",
                "discount_amount_in_cents": 1000,
                "tax_amount_in_cents": 900,
                "transaction_fees_in_cents": 200,
                "transaction_fees_currency": "USD",
                "external_id": unique("li"),
            },
            {
                "type": "one_time",
                "description": "Setup fee",
                "amount_in_cents": 2500,
                "quantity": 1,
                "tax_amount_in_cents": 450,
            },
        ],
        "transactions": [
            {"date": start, "type": "payment", "result": "successful", "external_id": unique("tr")}
        ],
    }


def test_ping_and_account(cfg: chartmogul.Config) -> None:
    assert chartmogul.Ping.ping(cfg).get().data == "pong!"
    account = chartmogul.Account.retrieve(cfg, include="churn_recognition").get()
    assert account.currency == "USD"
    assert account.churn_recognition == "churn_at_time_of_cancelation"


def test_data_sources_round_trip(cfg: chartmogul.Config) -> None:
    name = unique("ds")
    created = chartmogul.DataSource.create(cfg, data={"name": name}).get()
    assert created.name == name
    assert created.uuid.startswith("ds_")
    assert isinstance(created.created_at, dt.datetime)
    listed = chartmogul.DataSource.all(cfg, name=name).get()
    assert [d.uuid for d in listed.data_sources] == [created.uuid]
    assert chartmogul.DataSource.retrieve(cfg, uuid=created.uuid).get().name == name
    assert chartmogul.DataSource.destroy(cfg, uuid=created.uuid).get() is None
    assert chartmogul.DataSource.all(cfg, name=name).get().data_sources == []


def test_customers_round_trip(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    customer = world["customer"]
    assert customer.status == "New Lead"
    assert customer.attributes.tags == ["important", "vip"]
    assert customer.attributes.custom == {"channel": "Facebook", "age": 18}
    assert customer.address.country == "United States"
    page = chartmogul.Customer.all(cfg, data_source_uuid=world["ds"].uuid, per_page=10).get()
    assert [c.uuid for c in page.entries] == [customer.uuid]
    assert page.has_more is False
    found = chartmogul.Customer.search(cfg, email=customer.email).get()
    assert [c.uuid for c in found.entries] == [customer.uuid]
    changed = chartmogul.Customer.modify(
        cfg, uuid=customer.uuid, data={"name": "Adam S.", "attributes": {"tags": ["renamed"]}}
    ).get()
    assert (changed.name, changed.attributes.tags) == ("Adam S.", ["renamed"])
    assert chartmogul.Customer.retrieve(cfg, uuid=customer.uuid).get().name == "Adam S."


def test_customer_pages_follow_the_cursor(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    ds = world["ds"].uuid
    for n in range(4):
        chartmogul.Customer.create(
            cfg, data={"data_source_uuid": ds, "external_id": f"page-{n}", "name": f"P{n}"}
        ).get()
    seen: list[str] = []
    cursor = None
    while True:
        query: dict[str, Any] = {"data_source_uuid": ds, "per_page": 2}
        if cursor:
            query["cursor"] = cursor
        page = chartmogul.Customer.all(cfg, **query).get()
        seen += [c.external_id for c in page.entries]
        if not page.has_more:
            break
        cursor = page.cursor
    assert seen == [world["customer"].external_id, "page-0", "page-1", "page-2", "page-3"]


def test_customer_attributes_tags_and_custom(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    uuid = world["customer"].uuid
    assert chartmogul.Attributes.retrieve(cfg, uuid=uuid).get().tags == ["important", "vip"]
    tags = chartmogul.Tags.add(cfg, uuid=uuid, data={"tags": ["new", "vip"]}).get()
    assert tags.tags == ["important", "vip", "new"]
    tags = chartmogul.Tags.remove(cfg, uuid=uuid, data={"tags": ["important"]}).get()
    assert tags.tags == ["vip", "new"]
    custom = chartmogul.CustomAttributes.add(
        cfg,
        uuid=uuid,
        data={
            "custom": [
                {"type": "Timestamp", "key": "signed", "value": "2016-01-31 00:00:00 UTC"},
                {"type": "Boolean", "key": "paid", "value": "t"},
            ]
        },
    ).get()
    assert custom.custom == {
        "channel": "Facebook",
        "age": 18,
        "signed": "2016-01-31T00:00:00.000Z",
        "paid": True,
    }
    custom = chartmogul.CustomAttributes.update(cfg, uuid=uuid, data={"custom": {"age": 19}}).get()
    assert custom.custom["age"] == 19
    custom = chartmogul.CustomAttributes.remove(cfg, uuid=uuid, data={"custom": ["paid", "signed"]}).get()
    assert custom.custom == {"channel": "Facebook", "age": 19}


def test_customer_delete(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    uuid = world["customer"].uuid
    assert chartmogul.Customer.destroy(cfg, uuid=uuid).get() is None
    with pytest.raises(chartmogul.APIError) as err:
        chartmogul.Customer.retrieve(cfg, uuid=uuid).get()
    assert err.value.__cause__.response.status_code == 404  # type: ignore[union-attr]


def test_plans_round_trip(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    plan = world["plan"]
    assert plan.uuid.startswith("pl_")
    generated = chartmogul.Plan.create(
        cfg,
        data={
            "data_source_uuid": world["ds"].uuid,
            "name": "Annual",
            "interval_count": 1,
            "interval_unit": "year",
        },
    ).get()
    assert generated.external_id == generated.uuid.removeprefix("pl_")
    page = chartmogul.Plan.all(cfg, data_source_uuid=world["ds"].uuid).get()
    assert [p.uuid for p in page.plans] == [plan.uuid, generated.uuid]
    assert chartmogul.Plan.all(cfg, external_id=plan.external_id).get().plans[0].uuid == plan.uuid
    # PATCH answers 202, for which the client returns None; the change is visible on retrieve.
    assert chartmogul.Plan.modify(cfg, uuid=plan.uuid, data={"name": "Gold"}).get() is None
    assert chartmogul.Plan.retrieve(cfg, uuid=plan.uuid).get().name == "Gold"
    assert chartmogul.Plan.destroy(cfg, uuid=generated.uuid).get() is None


def test_plan_groups_round_trip(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    other = chartmogul.Plan.create(
        cfg,
        data={
            "data_source_uuid": world["ds"].uuid,
            "name": "Silver",
            "interval_count": 3,
            "interval_unit": "month",
        },
    ).get()
    group = chartmogul.PlanGroup.create(cfg, data={"name": "Gold plans", "plans": [world["plan"].uuid]}).get()
    assert (group.name, group.plans_count) == ("Gold plans", 1)
    assert group.uuid in [g.uuid for g in chartmogul.PlanGroup.all(cfg).get().plan_groups]
    assert chartmogul.PlanGroup.retrieve(cfg, uuid=group.uuid).get().name == "Gold plans"
    changed = chartmogul.PlanGroup.modify(
        cfg, uuid=group.uuid, data={"name": "All", "plans": [world["plan"].uuid, other.uuid]}
    ).get()
    assert (changed.name, changed.plans_count) == ("All", 2)
    plans = chartmogul.PlanGroup.all(cfg, uuid=group.uuid).get()
    assert [p.uuid for p in plans.plans] == [world["plan"].uuid, other.uuid]
    assert chartmogul.PlanGroup.destroy(cfg, uuid=group.uuid).get() is None


def test_invoices_import_list_retrieve_delete(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    customer = world["customer"]
    first = _invoice(world, unique("inv"), "2022-11-01T00:00:00Z", "2022-12-01T00:00:00Z", 5000)
    second = _invoice(world, unique("inv"), "2022-12-01T00:00:00Z", "2023-01-01T00:00:00Z", 5000)
    created = chartmogul.Invoice.create(cfg, uuid=customer.uuid, data={"invoices": [first, second]}).get()
    assert [i.external_id for i in created.invoices] == [first["external_id"], second["external_id"]]
    line = created.invoices[0].line_items[0]
    assert (line.amount_in_cents, line.tax_amount_in_cents, line.discount_code) == (5000, 900, "PSO86")
    assert line.subscription_uuid.startswith("sub_")
    assert created.invoices[0].transactions[0].result == "successful"
    mine = chartmogul.Invoice.all(cfg, uuid=customer.uuid).get()
    assert [i.external_id for i in mine.invoices] == [second["external_id"], first["external_id"]]
    everything = chartmogul.Invoice.all(cfg, customer_uuid=customer.uuid).get()
    assert len(everything.invoices) == 2
    by_external = chartmogul.Invoice.all(
        cfg, data_source_uuid=world["ds"].uuid, external_id=first["external_id"]
    ).get()
    assert [i.uuid for i in by_external.invoices] == [created.invoices[0].uuid]
    assert (
        chartmogul.Invoice.retrieve(cfg, uuid=created.invoices[1].uuid).get().external_id
        == second["external_id"]
    )
    assert chartmogul.Invoice.destroy(cfg, uuid=created.invoices[1].uuid).get() is None
    assert len(chartmogul.Invoice.all(cfg, uuid=customer.uuid).get().invoices) == 1
    assert (
        chartmogul.Invoice.destroy_all(
            cfg, data_source_uuid=world["ds"].uuid, customer_uuid=customer.uuid
        ).get()
        is None
    )
    assert chartmogul.Invoice.all(cfg, uuid=customer.uuid).get().invoices == []


def test_transaction_import(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    invoice = _invoice(world, unique("inv"), "2022-11-01T00:00:00Z", "2022-12-01T00:00:00Z", 5000)
    created = chartmogul.Invoice.create(cfg, uuid=world["customer"].uuid, data={"invoices": [invoice]}).get()
    refund = chartmogul.Transaction.create(
        cfg,
        uuid=created.invoices[0].uuid,
        data={
            "type": "refund",
            "date": "2022-11-05T00:00:00Z",
            "result": "successful",
            "amount_in_cents": 500,
        },
    ).get()
    assert (refund.type, refund.amount_in_cents) == ("refund", 500)
    assert refund.uuid.startswith("tr_")
    stored = chartmogul.Invoice.retrieve(cfg, uuid=created.invoices[0].uuid).get()
    assert [t.type for t in stored.transactions] == ["payment", "refund"]


@pytest.mark.filterwarnings("ignore:CustomerSubscription.list_imported:DeprecationWarning")
def test_subscriptions_list_cancel_and_metrics_view(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    customer = world["customer"]
    invoice = _invoice(world, unique("inv"), "2022-11-01T00:00:00Z", "2022-12-01T00:00:00Z", 5900)
    chartmogul.Invoice.create(cfg, uuid=customer.uuid, data={"invoices": [invoice]}).get()
    imported = chartmogul.CustomerSubscription.list_imported(cfg, uuid=customer.uuid).get()
    assert [s.external_id for s in imported.subscriptions] == ["sub-1"]
    sub = imported.subscriptions[0]
    assert sub.plan_uuid == world["plan"].uuid
    view = chartmogul.CustomerSubscription.all(cfg, uuid=customer.uuid).get()
    entry = view.entries[0]
    assert (entry.plan, entry.mrr, entry.arr, entry.status) == ("Gold monthly", 5000, 60000, "active")
    assert (entry.billing_cycle, entry.billing_cycle_count) == ("month", 1)
    # PATCH answers 202: the client returns None; the cancellation shows on the next read.
    assert (
        chartmogul.CustomerSubscription.cancel(
            cfg, uuid=sub.uuid, data={"cancelled_at": "2022-11-15T00:00:00Z"}
        ).get()
        is None
    )
    after = chartmogul.CustomerSubscription.list_imported(cfg, uuid=customer.uuid).get().subscriptions[0]
    assert after.cancellation_dates == [dt.datetime(2022, 11, 15, tzinfo=dt.UTC)]
    entry = chartmogul.CustomerSubscription.all(cfg, uuid=customer.uuid).get().entries[0]
    assert (entry.mrr, entry.status) == (0, "inactive")
    assert chartmogul.Customer.retrieve(cfg, uuid=customer.uuid).get().status == "Cancelled"
    chartmogul.CustomerSubscription.modify(cfg, uuid=sub.uuid, data={"cancellation_dates": []}).get()
    entry = chartmogul.CustomerSubscription.all(cfg, uuid=customer.uuid).get().entries[0]
    assert (entry.mrr, entry.status) == (5000, "active")


def test_errors_surface_as_api_errors(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    with pytest.raises(chartmogul.APIError) as err:
        chartmogul.Customer.create(
            cfg, data={"data_source_uuid": world["ds"].uuid, "external_id": world["customer"].external_id}
        ).get()
    assert b"The external ID for this customer already exists in our system." in err.value.args[0]
    bad = chartmogul.Config("not-a-key")
    bad.uri = cfg.uri
    with pytest.raises(chartmogul.APIError) as err:
        chartmogul.Ping.ping(bad).get()
    assert b"No valid API key provided" in err.value.args[0]
