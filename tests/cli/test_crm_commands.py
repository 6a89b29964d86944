"""The CRM commands (contacts, customer notes, opportunities, tasks): a create and a list through the
command line, and deletes that name what they delete (a task by its `task_uuid`)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.cli.conftest import Mogul


def test_a_contact_is_created_with_the_customer_s_external_id_and_listed(
    mogul: Mogul, http: httpx.Client, customer: dict[str, Any]
) -> None:
    result = mogul(
        "contacts", "create", "--customer", customer["external_id"], "--email", "c@example.com",
        "--custom", "Integer:seats=3", "-o", "json",
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    made = result.json()
    assert (made["customer_uuid"], made["email"], made["custom"]) == (
        customer["uuid"],
        "c@example.com",
        {"seats": 3},
    )
    listed = mogul("contacts", "customer", customer["uuid"], "--fields", "email,position", "-o", "csv")
    assert (listed.code, listed.out) == (0, "email,position\nc@example.com,1\n")


def test_deletes_say_what_they_deleted(mogul: Mogul, http: httpx.Client, customer: dict[str, Any]) -> None:
    task = http.post(
        "/tasks",
        json={
            "customer_uuid": customer["uuid"],
            "task_details": "t",
            "assignee": "a",
            "due_date": "2025-01-01",
        },
    ).json()
    result = mogul("tasks", "delete", task["task_uuid"], "--yes", "-o", "table")
    assert (result.code, result.out, result.err) == (0, f"deleted task {task['task_uuid']}\n", "")
    deal = http.post(
        "/opportunities",
        json={
            "customer_uuid": customer["uuid"],
            "owner": "o",
            "pipeline": "p",
            "pipeline_stage": "s",
            "estimated_close_date": "2025-01-01",
            "currency": "USD",
            "amount_in_cents": 1,
        },
    ).json()
    result = mogul("opportunities", "delete", deal["uuid"], "--yes", "-o", "table")
    assert (result.code, result.out) == (0, f"deleted opportunity {deal['uuid']}\n")
    contact = http.post(
        f"/customers/{customer['uuid']}/contacts",
        json={
            "data_source_uuid": customer["data_source_uuid"],
            "email": "d@example.com",
            "external_id": "x1",
        },
    ).json()
    result = mogul("contacts", "delete", contact["uuid"], "--yes", "-o", "table")
    assert (result.code, result.out) == (
        0,
        f"deleted contact {contact['uuid']} (external id x1, d@example.com)\n",
    )
    assert http.get(f"/tasks/{task['task_uuid']}").status_code == 404
    assert http.get(f"/opportunities/{deal['uuid']}").status_code == 404
    assert http.get(f"/contacts/{contact['uuid']}").status_code == 404
