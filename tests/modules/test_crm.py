"""The CRM modules (contacts, customer notes, opportunities, tasks) against a real server, four ways each,
checked on the server."""

from __future__ import annotations

from typing import Any

import httpx

from tests.modules.conftest import Call


def test_contacts_modules(call: Call, api: httpx.Client, customer: dict[str, Any]) -> None:
    # the customer by its external id, the data source the customer's when none is given
    made = call(
        "contacts.create",
        customer=customer["external_id"],
        first_name="Ada",
        email="ada@example.com",
        custom=["Integer:seats=3", "channel=sales"],
    )
    assert (made["customer_uuid"], made["data_source_uuid"]) == (
        customer["uuid"],
        customer["data_source_uuid"],
    )
    assert (made["position"], made["custom"]) == (1, {"seats": 3, "channel": "sales"})
    added = call(
        "contacts.add", customer=customer["uuid"], data_source=customer["data_source_uuid"], last_name="B"
    )
    assert (added["customer_uuid"], added["position"], added["last_name"]) == (customer["uuid"], 2, "B")
    assert api.get(f"/contacts/{added['uuid']}").json() == added

    assert call("contacts.list", customer=customer["uuid"]) == [made, added]
    assert call("contacts.list", email="ada@example.com", limit=5) == [made]
    assert call("contacts.customer", customer=customer["external_id"], limit=1) == [made]
    assert call("contacts.get", contact=made["uuid"]) == made

    changed = call("contacts.update", contact=made["uuid"], title="CEO", custom={"vip": True})
    assert (changed["title"], changed["custom"]) == ("CEO", {"seats": 3, "channel": "sales", "vip": True})
    merged = call("contacts.merge", into_contact=made["uuid"], from_contact=added["uuid"])
    assert (merged["uuid"], merged["last_name"]) == (made["uuid"], "B")
    assert api.get(f"/contacts/{added['uuid']}").status_code == 404
    assert call("contacts.delete", contact=made["uuid"]) is None
    assert api.get(f"/customers/{customer['uuid']}/contacts").json()["entries"] == []


def test_customer_notes_modules(call: Call, api: httpx.Client, customer: dict[str, Any]) -> None:
    note = call("customer_notes.create", customer=customer["email"], type="Note", text="A note")
    logged = call(
        "customer_notes.create",
        customer=customer["uuid"],
        type="call",
        call_duration=90,
        author_email="me@example.com",
        created_at="2024-01-02T10:00:00Z",
    )
    assert (note["type"], note["text"], logged["type"], logged["author"]) == (
        "note",
        "A note",
        "call",
        "me@example.com",
    )
    assert logged["created_at"] == "2024-01-02T10:00:00.000Z"
    assert call("customer_notes.list", customer=customer["uuid"]) == [note, logged]
    assert call("customer_notes.list", customer=customer["uuid"], type="Call Log") == [logged]
    assert call("customer_notes.get", note=note["uuid"]) == note
    changed = call("customer_notes.update", note=note["uuid"], text="Changed", updated_at="2024-02-01")
    assert (changed["text"], changed["updated_at"]) == ("Changed", "2024-02-01T00:00:00.000Z")
    assert call("customer_notes.delete", note=note["uuid"]) is None
    assert api.get(f"/customer_notes/{note['uuid']}").status_code == 404


def test_opportunities_modules(call: Call, api: httpx.Client, customer: dict[str, Any]) -> None:
    deal = call(
        "opportunities.create",
        customer=customer["uuid"],
        owner="sales@example.com",
        pipeline="New Business",
        pipeline_stage="Discovery",
        estimated_close_date="2024-06-30",
        amount_in_cents=100000,
        currency="USD",
        type="One-time",
        forecast_category="Best Case",
        custom=["Integer:seats=5"],
    )
    assert (deal["estimated_close_date"], deal["type"], deal["forecast_category"]) == (
        "2024-06-30",
        "one-time",
        "best_case",
    )
    assert (deal["win_likelihood"], deal["custom"]) == (0, {"seats": 5})
    assert api.get(f"/opportunities/{deal['uuid']}").json() == deal
    listed = call(
        "opportunities.list",
        customer=customer["uuid"],
        estimated_close_date_on_or_after="2024-06-30",
        estimated_close_date_on_or_before="2024-06-30",
    )
    assert listed == [deal]
    assert call("opportunities.list", customer=customer["uuid"], pipeline_stage="Negotiation") == []
    assert call("opportunities.get", opportunity=deal["uuid"]) == deal
    won = call(
        "opportunities.update", opportunity=deal["uuid"], pipeline_stage="Closed Won", win_likelihood=100
    )
    assert (won["pipeline_stage"], won["win_likelihood"], won["forecast_category"]) == (
        "Closed Won",
        100,
        "best_case",
    )
    assert call("opportunities.delete", opportunity=deal["uuid"]) is None
    assert api.get(f"/opportunities/{deal['uuid']}").status_code == 404


def test_tasks_modules(call: Call, api: httpx.Client, customer: dict[str, Any]) -> None:
    task = call(
        "tasks.create",
        customer=customer["uuid"],
        task_details="Call",
        assignee="a@example.com",
        due_date="2024-06-30",
    )
    assert (task["due_date"], task["completed_at"]) == ("2024-06-30T00:00:00.000Z", None)
    assert api.get(f"/tasks/{task['task_uuid']}").json() == task
    assert call("tasks.list", customer=customer["uuid"], completed=False) == [task]
    assert call("tasks.list", customer=customer["uuid"], due_date_on_or_before="2024-06-29") == []
    assert call("tasks.get", task=task["task_uuid"]) == task
    done = call("tasks.update", task=task["task_uuid"], completed_at="2024-06-29T12:00:00Z")
    assert done["completed_at"] == "2024-06-29T12:00:00.000Z"
    assert call("tasks.list", customer=customer["uuid"], completed=True) == [done]
    assert call("tasks.delete", task=task["task_uuid"]) is None
    assert api.get(f"/tasks/{task['task_uuid']}").status_code == 404
