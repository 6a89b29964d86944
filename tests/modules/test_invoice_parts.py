"""The modules added for what follows an invoice's import (invoice states, line items, transactions)
against a real server, checked on the server: each object named by uuid, by external id alone, or by
external id in a data source."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mogul.errors import HandleError
from tests.conftest import unique
from tests.modules.conftest import Call, import_invoice


def _payment(external_id: str) -> dict[str, Any]:
    return {"date": "2024-01-01", "type": "payment", "result": "successful", "external_id": external_id}


def test_invoice_update_disable_enable_and_status(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any], data_source: dict[str, Any]
) -> None:
    invoice = import_invoice(api, customer, plan)
    external_id = invoice["external_id"]
    changed = call("invoices.update", invoice=external_id, due_date="2024-01-20", collection_method="Manual")
    assert (changed["due_date"], changed["collection_method"]) == ("2024-01-20T00:00:00.000Z", "manual")
    disabled = call("invoices.disable", invoice=invoice["uuid"])
    assert disabled["disabled"] is True
    assert api.get(f"/invoices/{invoice['uuid']}").status_code == 404
    # a disabled invoice is found by its external id too
    assert call("invoices.enable", invoice=external_id)["disabled"] is False
    call("invoices.disable", invoice=external_id, data_source=data_source["name"])
    assert call("invoices.enable", invoice=external_id, data_source=data_source["uuid"])["disabled"] is False
    assert api.get(f"/customers/{customer['uuid']}").json()["mrr"] == 1000
    voided = call("invoices.update_status", invoice=invoice["uuid"], status="Voided")
    assert (voided["status"], voided["message"]) == ("voided", "Invoice updated")
    written_off = call(
        "invoices.update_status", invoice=external_id, data_source=data_source["name"], status="written_off"
    )
    assert written_off["status"] == "written_off"
    assert api.get(f"/invoices/{invoice['uuid']}").json()["status"] == "written_off"
    assert api.get(f"/customers/{customer['uuid']}").json()["mrr"] == 0


def test_line_items_import_get_list_update_disable_enable_delete(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any], data_source: dict[str, Any]
) -> None:
    invoice = import_invoice(api, customer, plan)
    external_id = unique("li")
    line = {
        "type": "Subscription",
        "amount_in_cents": 2000,
        "plan": plan["name"],
        "subscription_external_id": unique("sub"),
        "service_period_start": "2024-01-01",
        "service_period_end": "2024-02-01",
        "external_id": external_id,
    }
    made = call("line_items.import", invoice=invoice["external_id"], **line)
    assert (made["plan_uuid"], made["amount_in_cents"], made["external_id"]) == (
        plan["uuid"],
        2000,
        external_id,
    )
    assert api.get(f"/customers/{customer['uuid']}").json()["mrr"] == 3000
    assert call("line_items.get", line_item=external_id) == api.get(f"/line_items/{made['uuid']}").json()
    assert (
        call("line_items.get", line_item=external_id, data_source=data_source["name"])["uuid"] == made["uuid"]
    )
    listed = call("line_items.list", data_source=data_source["name"])
    assert [li["uuid"] for li in listed] == [invoice["line_items"][0]["uuid"], made["uuid"]]
    assert [li["uuid"] for li in call("line_items.list", external_id=external_id)] == [made["uuid"]]
    changed = call(
        "line_items.update", line_item=made["uuid"], amount_in_cents=2500, plan=plan["external_id"]
    )
    assert changed["amount_in_cents"] == 2500
    assert call("line_items.disable", line_item=external_id)["disabled"] is True
    assert api.get(f"/customers/{customer['uuid']}").json()["mrr"] == 1000
    assert call("line_items.list", data_source=data_source["uuid"], with_disabled=False) == listed[:1]
    assert len(call("line_items.list", data_source=data_source["uuid"], with_disabled=True)) == 2
    # a disabled line item is got too, as it is
    assert call("line_items.get", line_item=made["uuid"])["disabled"] is True
    assert (
        call("line_items.enable", line_item=external_id, data_source=data_source["name"])["disabled"] is False
    )
    assert call("line_items.delete", line_item=external_id) is None
    assert api.get(f"/line_items/{made['uuid']}").status_code == 404
    assert api.get(f"/customers/{customer['uuid']}").json()["mrr"] == 1000


def test_transactions_get_list_update_disable_enable_delete(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any], data_source: dict[str, Any]
) -> None:
    external_id = unique("tr")
    invoice = import_invoice(api, customer, plan, transactions=[_payment(external_id)])
    [payment] = invoice["transactions"]
    assert (
        call("transactions.get", transaction=external_id)
        == api.get(f"/transactions/{payment['uuid']}").json()
    )
    assert [t["uuid"] for t in call("transactions.list", data_source=data_source["name"])] == [
        payment["uuid"]
    ]
    failed = call("transactions.update", transaction=payment["uuid"], result="Failed", amount_in_cents=500)
    assert (failed["result"], failed["amount_in_cents"]) == ("failed", 500)
    assert api.get(f"/invoices/{invoice['uuid']}").json()["status"] == "open"
    assert call("transactions.disable", transaction=external_id, data_source=data_source["uuid"])["disabled"]
    assert call("transactions.list", data_source=data_source["name"]) == []
    assert call("transactions.enable", transaction=external_id)["disabled"] is False
    assert call("transactions.delete", transaction=external_id) is None
    assert api.get(f"/invoices/{invoice['uuid']}").json()["transactions"] == []


def test_an_external_id_in_two_data_sources_needs_its_data_source(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    external_id = unique("tr")
    import_invoice(api, customer, plan, transactions=[_payment(external_id)])
    ds = api.post("/data_sources", json={"name": unique("ds")}).json()
    twin = api.post("/customers", json={"data_source_uuid": ds["uuid"], "external_id": unique("c")}).json()
    body = {"data_source_uuid": ds["uuid"], "name": "P", "interval_count": 1, "interval_unit": "month"}
    other_plan = api.post("/plans", json=body).json()
    import_invoice(api, twin, other_plan, transactions=[_payment(external_id)])
    with pytest.raises(HandleError, match=f"'{external_id}' matches 2 transactions; give the data source"):
        call("transactions.get", transaction=external_id)
    assert (
        call("transactions.get", transaction=external_id, data_source=ds["name"])["external_id"]
        == external_id
    )
    with pytest.raises(HandleError, match=r"no line item with external id 'nope'; give its uuid \(li_...\)"):
        call("line_items.get", line_item="nope")
