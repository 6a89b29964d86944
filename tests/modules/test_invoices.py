"""Invoice and subscription modules against a real server, checked on the server."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import unique
from tests.modules.conftest import Call, import_invoice


def test_invoices_list_filters_by_customer_data_source_and_external_id(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any], data_source: dict[str, Any]
) -> None:
    first = import_invoice(api, customer, plan, date="2024-01-01")
    second = import_invoice(api, customer, plan, date="2024-02-01")
    by_customer = call("invoices.list", customer=customer["external_id"], data_source=data_source["name"])
    assert sorted(i["uuid"] for i in by_customer) == sorted([first["uuid"], second["uuid"]])
    assert all(i["customer_uuid"] == customer["uuid"] for i in by_customer)
    by_id = call("invoices.list", external_id=second["external_id"])
    assert [i["uuid"] for i in by_id] == [second["uuid"]]
    assert len(call("invoices.list", customer=customer["uuid"], limit=1)) == 1


def test_invoices_get_takes_the_uuid_or_external_id(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    invoice = import_invoice(api, customer, plan)
    stored = api.get(f"/invoices/{invoice['uuid']}").json()
    assert call("invoices.get", invoice=invoice["uuid"]) == stored
    assert call("invoices.get", invoice=invoice["external_id"]) == stored


def test_invoices_import_stores_line_items_and_transactions(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any], data_source: dict[str, Any]
) -> None:
    external_id = unique("inv")
    subscription = unique("sub")
    imported = call(
        "invoices.import",
        customer=customer["email"],
        external_id=external_id,
        date="2024-03-01",
        currency="eur",
        due_date="2024-03-15",
        data_source=data_source["name"],
        customer_external_id=customer["external_id"],
        line_items=[
            {
                "type": "Subscription",
                "amount_in_cents": 5000,
                "subscription_external_id": subscription,
                "subscription_set_external_id": "set-1",
                "plan": plan["name"],
                "service_period_start": "2024-03-01",
                "service_period_end": "2024-04-01",
                "quantity": 2,
                "discount_amount_in_cents": 1000,
                "discount_code": "SPRING",
                "tax_amount_in_cents": 900,
                "transaction_fees_in_cents": 200,
                "external_id": unique("li"),
                "account_code": "4000",
            },
            {"type": "One Time", "amount_in_cents": 2500, "description": "Setup", "prorated": "Yes"},
        ],
        transactions=[
            {"date": "2024-03-02", "type": "Payment", "result": "Successful", "external_id": unique("tr")}
        ],
    )
    stored = api.get(f"/invoices/{imported['uuid']}").json()
    assert stored["customer_uuid"] == customer["uuid"]
    assert (stored["external_id"], stored["currency"]) == (external_id, "EUR")
    assert (stored["date"], stored["due_date"]) == ("2024-03-01T00:00:00.000Z", "2024-03-15T00:00:00.000Z")
    sub_line, one_time = stored["line_items"]
    assert sub_line["plan_uuid"] == plan["uuid"]
    assert sub_line["subscription_external_id"] == subscription
    assert sub_line["subscription_set_external_id"] == "set-1"
    assert (sub_line["amount_in_cents"], sub_line["quantity"], sub_line["discount_code"]) == (
        5000,
        2,
        "SPRING",
    )
    assert (
        sub_line["tax_amount_in_cents"],
        sub_line["transaction_fees_in_cents"],
        sub_line["account_code"],
    ) == (
        900,
        200,
        "4000",
    )
    assert (one_time["type"], one_time["description"], one_time["amount_in_cents"]) == (
        "one_time",
        "Setup",
        2500,
    )
    [transaction] = stored["transactions"]
    assert (transaction["type"], transaction["result"], transaction["date"]) == (
        "payment",
        "successful",
        "2024-03-02T00:00:00.000Z",
    )
    assert imported["uuid"] == stored["uuid"]
    assert imported["line_items"] == stored["line_items"]


def test_invoices_delete_removes_the_invoice(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    invoice = import_invoice(api, customer, plan)
    assert call("invoices.delete", invoice=invoice["external_id"]) is None
    assert api.get(f"/invoices/{invoice['uuid']}").status_code == 404


def test_invoices_import_transaction_adds_a_refund(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    invoice = import_invoice(api, customer, plan)
    external_id = unique("tr")
    created = call(
        "invoices.import_transaction",
        invoice=invoice["uuid"],
        type="refund",
        date="2024-01-10T08:00:00Z",
        result="Failed",
        external_id=external_id,
        amount_in_cents=400,
    )
    [stored] = api.get(f"/invoices/{invoice['uuid']}").json()["transactions"]
    assert stored == created
    assert (stored["type"], stored["result"], stored["external_id"]) == ("refund", "failed", external_id)
    assert (stored["date"], stored["amount_in_cents"]) == ("2024-01-10T08:00:00.000Z", 400)


def test_subscriptions_list_and_cancel(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    import_invoice(api, customer, plan)
    [subscription] = call("subscriptions.list", customer=customer["external_id"])
    stored = api.get(f"/import/customers/{customer['uuid']}/subscriptions").json()["subscriptions"]
    assert [subscription] == stored
    assert subscription["cancellation_dates"] == []

    cancelled = call("subscriptions.cancel", subscription=subscription["uuid"], cancelled_at="2024-01-20")
    assert cancelled["cancellation_dates"] == ["2024-01-20T00:00:00.000Z"]
    stored = api.get(f"/import/customers/{customer['uuid']}/subscriptions").json()["subscriptions"]
    assert stored[0]["cancellation_dates"] == ["2024-01-20T00:00:00.000Z"]

    reset = call("subscriptions.cancel", subscription=subscription["uuid"], cancellation_dates=[])
    assert reset["cancellation_dates"] == []
    stored = api.get(f"/import/customers/{customer['uuid']}/subscriptions").json()["subscriptions"]
    assert stored[0]["cancellation_dates"] == []
