"""The commands of the modules that follow an invoice's import, from the executable: an invoice
disabled and voided by its external id, a transaction updated, a line item deleted after asking."""

from __future__ import annotations

from typing import Any

import httpx

from tests.cli.conftest import Mogul
from tests.conftest import unique


def _invoice(http: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    ids = unique("x")
    line = {
        "type": "subscription",
        "amount_in_cents": 1000,
        "subscription_external_id": f"sub-{ids}",
        "plan_uuid": plan["uuid"],
        "service_period_start": "2024-01-01",
        "service_period_end": "2024-02-01",
        "external_id": f"li-{ids}",
    }
    payment = {"date": "2024-01-01", "type": "payment", "result": "successful", "external_id": f"tr-{ids}"}
    body = {"external_id": f"inv-{ids}", "date": "2024-01-01", "currency": "USD", "line_items": [line]}
    made = http.post(
        f"/import/customers/{customer['uuid']}/invoices",
        json={"invoices": [body | {"transactions": [payment]}]},
    )
    assert made.status_code == 201, made.text
    return made.json()["invoices"][0]  # type: ignore[no-any-return]


def test_invoice_transaction_and_line_item_commands(
    mogul: Mogul, http: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    invoice = _invoice(http, customer, plan)
    disabled = mogul("invoices", "disable", invoice["external_id"], "-o", "json")
    assert (disabled.code, disabled.err, disabled.json()["disabled"]) == (0, "", True)
    assert http.get(f"/customers/{customer['uuid']}").json()["mrr"] == 0
    enabled = mogul("invoices", "enable", invoice["external_id"], "-o", "json")
    assert (enabled.code, enabled.json()["disabled"]) == (0, False)
    [payment] = invoice["transactions"]
    failed = mogul("transactions", "update", payment["external_id"], "--result", "failed", "-o", "json")
    assert (failed.code, failed.err, failed.json()["result"]) == (0, "", "failed")
    [line] = invoice["line_items"]
    gone = mogul("line-items", "delete", line["external_id"], "--yes", "-o", "table")
    assert (gone.code, gone.err) == (0, "")
    assert gone.out == f"deleted line item {line['uuid']} (external id {line['external_id']})\n"
    assert http.get(f"/line_items/{line['uuid']}").status_code == 404
    voided = mogul("invoices", "update-status", invoice["external_id"], "--status", "Voided", "-o", "json")
    assert (voided.code, voided.err, voided.json()["status"]) == (0, "", "voided")
    assert http.get(f"/invoices/{invoice['uuid']}").json()["status"] == "voided"
