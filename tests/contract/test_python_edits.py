"""The official Python client (`chartmogul` 4.11.0), unchanged, on what follows an invoice's import:
invoice states (disable, enable, status), line items and transactions by uuid and by external id.

The client parses each answer with its strict schemas; the values it parsed are checked, and the MRR
the server derives after each write.
"""

from __future__ import annotations

import datetime as dt
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


@pytest.fixture(scope="module")
def other(sandbox: Sandbox) -> chartmogul.Config:
    config = chartmogul.Config(sandbox.api_keys[1])
    config.uri = sandbox.api_url
    return config


@pytest.fixture
def world(cfg: chartmogul.Config) -> dict[str, Any]:
    """A data source, a monthly plan, a customer and its invoice: a $100 subscription line and a
    $25 one-time line, paid, every part with an external id."""
    ds = chartmogul.DataSource.create(cfg, data={"name": unique("py-edits")}).get()
    plan = chartmogul.Plan.create(
        cfg,
        data={"data_source_uuid": ds.uuid, "name": "Monthly", "interval_count": 1, "interval_unit": "month"},
    ).get()
    customer = chartmogul.Customer.create(
        cfg, data={"data_source_uuid": ds.uuid, "external_id": unique("cus"), "name": "Grace"}
    ).get()
    invoice = {
        "external_id": "inv-1",
        "date": "2024-01-15T00:00:00Z",
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "subscription_external_id": "sub-1",
                "plan_uuid": plan.uuid,
                "service_period_start": "2024-01-15T00:00:00Z",
                "service_period_end": "2024-02-15T00:00:00Z",
                "amount_in_cents": 10000,
                "external_id": "li-1",
            },
            {"type": "one_time", "description": "Setup", "amount_in_cents": 2500, "external_id": "li-2"},
        ],
        "transactions": [
            {"date": "2024-01-15T00:00:00Z", "type": "payment", "result": "successful", "external_id": "tr-1"}
        ],
    }
    made = chartmogul.Invoice.create(cfg, uuid=customer.uuid, data={"invoices": [invoice]}).get()
    return {"ds": ds, "plan": plan, "customer": customer, "invoice": made.invoices[0]}


def _mrr(cfg: chartmogul.Config, world: dict[str, Any]) -> int:
    mrr: int = chartmogul.Customer.retrieve(cfg, uuid=world["customer"].uuid).get().mrr
    return mrr


def test_invoices_disable_enable_and_status(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    invoice, ds = world["invoice"], world["ds"].uuid
    assert (invoice.status, invoice.disabled, invoice.disabled_at) == ("paid", False, None)
    assert _mrr(cfg, world) == 10000
    disabled = chartmogul.Invoice.disable(cfg, uuid=invoice.uuid, data={"disabled": True}).get()
    assert (disabled.uuid, disabled.disabled, disabled.disabled_by) == (invoice.uuid, True, None)
    assert isinstance(disabled.disabled_at, dt.datetime)
    assert [(li.external_id, li.disabled) for li in disabled.line_items] == [("li-1", True), ("li-2", True)]
    assert [t.disabled for t in disabled.transactions] == [True]
    assert _mrr(cfg, world) == 0
    # reads leave it out unless they ask for disabled records
    assert chartmogul.Invoice.retrieve(cfg, data_source_uuid=ds, external_id="inv-1").get() is None
    shown = chartmogul.Invoice.retrieve(cfg, uuid=invoice.uuid, with_disabled=True).get()
    assert (shown.external_id, shown.disabled, shown.status) == ("inv-1", True, "paid")
    with pytest.raises(chartmogul.APIError) as err:
        chartmogul.Invoice.retrieve(cfg, uuid=invoice.uuid).get()
    assert err.value.args[0] == b'{"error":"Invoice not found"}'
    enabled = chartmogul.Invoice.disable(
        cfg, data_source_uuid=ds, external_id="inv-1", data={"disabled": False}
    ).get()
    assert (enabled.uuid, enabled.disabled, enabled.disabled_at) == (invoice.uuid, False, None)
    assert _mrr(cfg, world) == 10000
    voided = chartmogul.Invoice.update_status(
        cfg, data_source_uuid=ds, external_id="inv-1", data={"status": "voided"}
    ).get()
    assert (voided.uuid, voided.external_id, voided.status) == (invoice.uuid, "inv-1", "voided")
    assert _mrr(cfg, world) == 0
    found = chartmogul.Invoice.retrieve(cfg, data_source_uuid=ds, external_id="inv-1").get()
    assert (found.uuid, found.status, found.currency) == (invoice.uuid, "voided", "USD")
    written_off = chartmogul.Invoice.update_status(
        cfg,
        data_source_uuid=ds,
        external_id="inv-1",
        handle_as_user_edit=True,
        data={"status": "written_off"},
    ).get()
    assert written_off.status == "written_off"
    with pytest.raises(chartmogul.APIError) as err:
        chartmogul.Invoice.update_status(
            cfg, data_source_uuid=ds, external_id="inv-1", data={"status": "open"}
        ).get()
    assert err.value.args[0] == b'{"errors":{"status":"status must be one of: voided, written_off."}}'


def test_line_items_by_uuid_and_by_external_id(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    invoice, ds = world["invoice"], world["ds"].uuid
    added = chartmogul.LineItem.create(
        cfg,
        uuid=invoice.uuid,
        data={
            "type": "subscription",
            "subscription_external_id": "sub-2",
            "plan_uuid": world["plan"].uuid,
            "service_period_start": "2024-01-15T00:00:00Z",
            "service_period_end": "2024-02-15T00:00:00Z",
            "amount_in_cents": 3000,
            "tax_amount_in_cents": 500,
            "external_id": "li-3",
        },
    ).get()
    assert isinstance(added, chartmogul.LineItem)
    assert (added.external_id, added.amount_in_cents, added.tax_amount_in_cents) == ("li-3", 3000, 500)
    assert (added.subscription_external_id, added.plan_uuid) == ("sub-2", world["plan"].uuid)
    assert added.service_period_start == dt.datetime(2024, 1, 15, tzinfo=dt.UTC)
    assert _mrr(cfg, world) == 12500  # 10000 + (3000 - 500 tax)
    one = chartmogul.LineItem.retrieve(cfg, uuid=added.uuid).get()
    assert (one.uuid, one.disabled) == (added.uuid, False)
    named = chartmogul.LineItem.retrieve(cfg, data_source_uuid=ds, external_id="li-2").get()
    assert (named.type, named.description, named.amount_in_cents) == ("one_time", "Setup", 2500)
    changed = chartmogul.LineItem.modify(cfg, uuid=added.uuid, data={"amount_in_cents": 5500}).get()
    assert changed.amount_in_cents == 5500
    assert _mrr(cfg, world) == 15000
    by_external = chartmogul.LineItem.modify(
        cfg, data_source_uuid=ds, external_id="li-3", handle_as_user_edit=True, data={"quantity": 2}
    ).get()
    assert (by_external.uuid, by_external.quantity, by_external.amount_in_cents) == (added.uuid, 2, 5500)
    disabled = chartmogul.LineItem.disable(cfg, uuid=added.uuid, data={"disabled": True}).get()
    assert (disabled.disabled, isinstance(disabled.disabled_at, dt.datetime)) == (True, True)
    assert _mrr(cfg, world) == 10000
    with pytest.raises(chartmogul.APIError) as err:
        chartmogul.LineItem.retrieve(cfg, data_source_uuid=ds, external_id="li-3").get()
    assert err.value.args[0] == b'{"error":"Line item not found"}'
    hidden = chartmogul.LineItem.retrieve(
        cfg, data_source_uuid=ds, external_id="li-3", with_disabled=True
    ).get()
    assert (hidden.uuid, hidden.disabled) == (added.uuid, True)
    enabled = chartmogul.LineItem.disable(
        cfg, data_source_uuid=ds, external_id="li-3", data={"disabled": False}
    ).get()
    assert (enabled.disabled, enabled.disabled_at) == (False, None)
    assert _mrr(cfg, world) == 15000
    assert chartmogul.LineItem.destroy(cfg, data_source_uuid=ds, external_id="li-3").get() is None
    assert _mrr(cfg, world) == 10000
    assert chartmogul.LineItem.destroy(cfg, uuid=named.uuid).get() is None
    stored = chartmogul.Invoice.retrieve(cfg, uuid=invoice.uuid).get()
    assert [li.external_id for li in stored.line_items] == ["li-1"]
    with pytest.raises(chartmogul.APIError):
        chartmogul.LineItem.retrieve(cfg, uuid=named.uuid).get()


def test_transactions_by_uuid_and_by_external_id(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    invoice, ds = world["invoice"], world["ds"].uuid
    payment = invoice.transactions[0]
    one = chartmogul.Transaction.retrieve(cfg, uuid=payment.uuid).get()
    assert (one.external_id, one.type, one.result, one.disabled) == ("tr-1", "payment", "successful", False)
    assert one.date == dt.datetime(2024, 1, 15, tzinfo=dt.UTC)
    named = chartmogul.Transaction.retrieve(cfg, data_source_uuid=ds, external_id="tr-1").get()
    assert isinstance(named, chartmogul.Transaction)
    assert named.uuid == payment.uuid
    failed = chartmogul.Transaction.modify(cfg, uuid=payment.uuid, data={"result": "failed"}).get()
    assert failed.result == "failed"
    assert chartmogul.Invoice.retrieve(cfg, uuid=invoice.uuid).get().status == "open"
    partial = chartmogul.Transaction.modify(
        cfg,
        data_source_uuid=ds,
        external_id="tr-1",
        handle_as_user_edit=True,
        data={"result": "successful", "amount_in_cents": 12500},
    ).get()
    assert (partial.result, partial.amount_in_cents) == ("successful", 12500)
    disabled = chartmogul.Transaction.disable(
        cfg, data_source_uuid=ds, external_id="tr-1", data={"disabled": True}
    ).get()
    assert (disabled.uuid, disabled.disabled) == (payment.uuid, True)
    enabled = chartmogul.Transaction.disable(cfg, uuid=payment.uuid, data={"disabled": False}).get()
    assert enabled.disabled is False
    assert chartmogul.Transaction.destroy(cfg, data_source_uuid=ds, external_id="tr-1").get() is None
    with pytest.raises(chartmogul.APIError) as err:
        chartmogul.Transaction.destroy(cfg, uuid=payment.uuid).get()
    assert err.value.args[0] == b'{"error":"Transaction not found"}'
    assert chartmogul.Invoice.retrieve(cfg, uuid=invoice.uuid).get().transactions == []
    assert _mrr(cfg, world) == 10000  # transactions count for no MRR


def test_another_accounts_parts_are_not_found(
    cfg: chartmogul.Config, other: chartmogul.Config, world: dict[str, Any]
) -> None:
    invoice, ds = world["invoice"], world["ds"].uuid
    line, payment = invoice.line_items[0], invoice.transactions[0]
    calls = [
        lambda: chartmogul.Invoice.disable(other, uuid=invoice.uuid, data={"disabled": True}),
        lambda: chartmogul.Invoice.update_status(
            other, data_source_uuid=ds, external_id="inv-1", data={"status": "voided"}
        ),
        lambda: chartmogul.LineItem.create(
            other, uuid=invoice.uuid, data={"type": "one_time", "amount_in_cents": 1}
        ),
        lambda: chartmogul.LineItem.retrieve(other, uuid=line.uuid),
        lambda: chartmogul.LineItem.modify(
            other, data_source_uuid=ds, external_id="li-1", data={"quantity": 3}
        ),
        lambda: chartmogul.LineItem.disable(other, uuid=line.uuid, data={"disabled": True}),
        lambda: chartmogul.LineItem.destroy(other, uuid=line.uuid),
        lambda: chartmogul.Transaction.retrieve(other, data_source_uuid=ds, external_id="tr-1"),
        lambda: chartmogul.Transaction.modify(other, uuid=payment.uuid, data={"result": "failed"}),
        lambda: chartmogul.Transaction.destroy(other, uuid=payment.uuid),
    ]
    for call in calls:
        with pytest.raises(chartmogul.APIError) as err:
            call().get()
        assert err.value.__cause__.response.status_code == 404
    stored = chartmogul.Invoice.retrieve(cfg, uuid=invoice.uuid).get()
    assert (stored.disabled, stored.status, len(stored.line_items), len(stored.transactions)) == (
        False,
        "paid",
        2,
        1,
    )
    assert _mrr(cfg, world) == 10000
