"""Sandbox bundles keep the states of invoices, line items and transactions (disabled, voided) and the
CRM objects of customers: an export holds them, a reset and a seed of it (a snapshot's restore) gives
the same export and the same figures, and a bad state or CRM entry is a 422 at its place that stores
nothing. Without the states a restored account would count a disabled or voided invoice's MRR again."""

from __future__ import annotations

import copy
from typing import Any

import httpx

from tests.server.sandbox_world import figures, populate


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def _uuid(api: httpx.Client, path: str, external_id: str) -> str:
    found = ok(api.get(path, params={"external_id": external_id, "with_disabled": "true"}))
    return str(found["uuid"])


def _set_states(api: httpx.Client) -> None:
    """Ada's second invoice disabled, her setup fee and first payment disabled, Bob's invoice voided."""
    stripe = ok(api.get("/data_sources", params={"name": "Stripe"}))["data_sources"][0]["uuid"]
    where = {"data_source_uuid": stripe}
    second = ok(api.get("/invoices", params={**where, "external_id": "inv-ada-2"}))["invoices"][0]
    ok(api.patch(f"/invoices/{second['uuid']}/disabled_state", json={"disabled": True}))
    for path, external_id in (("/line_items", "li-ada-setup"), ("/transactions", "tr-1")):
        answer = ok(api.get(path, params={**where, "external_id": external_id}))
        ok(api.patch(f"{path}/{answer['uuid']}/disabled_state", json={"disabled": True}))
    ok(api.put(f"/data_sources/{stripe}/invoices/inv-bob-1/status", json={"status": "voided"}))


def test_states_survive_an_export_reset_and_seed(account: httpx.Client) -> None:
    populate(account)
    plain = figures(account)
    _set_states(account)
    before = figures(account)
    assert before != plain  # the states change the figures, so losing them would show
    bundle = ok(account.get("/_sandbox/export"))
    stripe = bundle["data_sources"][0]
    first, second = stripe["invoices"][0], stripe["invoices"][1]
    assert "disabled" not in first and "status" not in first
    assert [item.get("disabled") for item in first["line_items"]] == [None, True]
    assert [item.get("disabled") for item in first["transactions"]] == [True]
    # disabling an invoice disables its line items and transactions with it
    assert second["disabled"] is True
    assert [item["disabled"] for item in second["line_items"] + second["transactions"]] == [True, True]
    bob = next(invoice for invoice in stripe["invoices"] if invoice["external_id"] == "inv-bob-1")
    assert (bob["status"], "disabled" in bob) == ("voided", False)

    ok(account.post("/_sandbox/reset"))
    ok(account.post("/_sandbox/seed", json=bundle))
    assert ok(account.get("/_sandbox/export")) == bundle
    assert figures(account) == before
    # seeding it again matches every invoice and leaves their states as they are
    ok(account.post("/_sandbox/seed", json=bundle))
    assert ok(account.get("/_sandbox/export")) == bundle


def test_a_bad_state_is_a_422_at_its_place_and_stores_nothing(account: httpx.Client) -> None:
    populate(account)
    bundle = ok(account.get("/_sandbox/export"))
    ok(account.post("/_sandbox/reset"))
    bad = copy.deepcopy(bundle)
    invoice = bad["data_sources"][0]["invoices"][0]
    invoice["status"] = "paid"
    invoice["line_items"][0]["disabled"] = "maybe"
    answer = account.post("/_sandbox/seed", json=bad)
    assert (answer.status_code, answer.json()) == (
        422,
        {
            "errors": {
                "data_sources[0].invoices[0].status": "status must be one of: voided, written_off.",
                "data_sources[0].invoices[0].line_items[0].disabled": "disabled must be true or false.",
            }
        },
    )
    assert ok(account.get("/_sandbox/export"))["data_sources"] == []


def test_crm_objects_round_trip_and_a_bad_one_is_a_422_at_its_place(account: httpx.Client) -> None:
    populate(account)
    bundle = ok(account.get("/_sandbox/export"))
    stripe = bundle["data_sources"][0]
    assert stripe["customer_notes"] == [
        {
            "customer_external_id": "ada",
            "type": "call",
            "text": "Renewal",
            "call_duration": 90,
            "created_at": "2024-02-01T10:00:00.000123Z",
            "updated_at": stripe["customer_notes"][0]["updated_at"],
        }
    ]
    assert stripe["tasks"][0]["completed_at"] == "2024-02-28T12:00:00.000Z"
    assert (stripe["opportunities"][0]["custom"], stripe["contacts"][0]["custom"]) == (
        {"source": "event"},
        {"seats": 3},
    )
    ok(account.post("/_sandbox/reset"))
    bad = copy.deepcopy(bundle)
    bad["data_sources"][0]["tasks"] = [
        {"customer_external_id": "nobody", "task_details": "x", "assignee": "a", "due_date": "2024-01-01"},
        {"customer_external_id": "ada", "assignee": "a", "due_date": "2024-01-01"},
        {"customer_external_id": ["ada"], "task_details": "x", "assignee": "a", "due_date": "2024-01-01"},
    ]
    answer = account.post("/_sandbox/seed", json=bad)
    assert (answer.status_code, answer.json()) == (
        422,
        {
            "errors": {
                "data_sources[0].tasks[0].customer_external_id": "No customer 'nobody' in this data source.",
                "data_sources[0].tasks[1].task_details": 'Parameter "task_details" is missing',
                "data_sources[0].tasks[2].customer_external_id": "No customer ['ada'] in this data source.",
            }
        },
    )
    assert ok(account.get("/_sandbox/export"))["data_sources"] == []
