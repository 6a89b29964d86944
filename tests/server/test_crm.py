"""The CRM resources over HTTP (contacts, customer notes, opportunities, tasks): what the official clients'
tests (tests/contract) do not reach. Bodies and parameters that are wrong in other ways, the cascade of
deletes, and that none of it touches the analytics."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mogul.server.domain.accounts import ensure_keys
from mogul.server.sandbox import Sandbox
from mogul.store import schema as s
from tests.conftest import basic, unique


@pytest.fixture
def customer(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    made = api.post(
        "/customers", json={"data_source_uuid": data_source["uuid"], "external_id": unique("c"), "name": "C"}
    )
    assert made.status_code == 201, made.text
    return made.json()


def _contact(api: httpx.Client, customer: dict[str, Any], **fields: Any) -> dict[str, Any]:
    made = api.post(
        f"/customers/{customer['uuid']}/contacts",
        json={"data_source_uuid": customer["data_source_uuid"], **fields},
    )
    assert made.status_code == 201, made.text
    return made.json()


def _task(api: httpx.Client, customer: dict[str, Any]) -> dict[str, Any]:
    made = api.post(
        "/tasks",
        json={
            "customer_uuid": customer["uuid"],
            "task_details": "t",
            "assignee": "a",
            "due_date": "2025-01-01",
        },
    )
    assert made.status_code == 201, made.text
    return made.json()


@pytest.mark.parametrize("path", ["/contacts", "/customer_notes", "/opportunities", "/tasks"])
def test_a_body_that_is_not_an_object_is_a_400(api: httpx.Client, path: str) -> None:
    answer = api.post(path, json=["customer_uuid"])
    assert answer.status_code == 400
    assert answer.json() == {"code": 400, "message": "The request body must be a JSON object", "param": None}


@pytest.mark.parametrize("path", ["/contacts", "/customer_notes", "/opportunities", "/tasks"])
def test_lists_refuse_a_forged_cursor_and_answer_both_envelope_keys(api: httpx.Client, path: str) -> None:
    answer = api.get(path, params={"cursor": "bm9wZQ"})
    assert answer.status_code == 400
    assert answer.json() == {"code": 400, "message": "Invalid cursor", "param": "cursor"}
    empty = api.get(path, params={"customer_uuid": "cus_none"})
    assert (empty.status_code, empty.json()) == (200, {"entries": [], "cursor": None, "has_more": False})


def test_bad_list_parameters_are_400s(api: httpx.Client) -> None:
    answers = {
        "/customer_notes": api.get("/customer_notes", params={"type": "memo"}),
        "/tasks": api.get("/tasks", params={"due_date_on_or_after": "later"}),
        "/opportunities": api.get(
            "/opportunities", params={"estimated_close_date_on_or_before": "3000-01-01"}
        ),
    }
    assert {path: (a.status_code, a.json()) for path, a in answers.items()} == {
        "/customer_notes": (
            400,
            {"code": 400, "message": 'Parameter "type" must be one of: note, call', "param": "type"},
        ),
        "/tasks": (
            400,
            {
                "code": 400,
                "message": "Parameter \"due_date_on_or_after\" must be an ISO 8601 timestamp, got 'later'",
                "param": "due_date_on_or_after",
            },
        ),
        "/opportunities": (
            400,
            {
                "code": 400,
                "message": "estimated_close_date_on_or_before must be between 1900-01-01 and 2999-12-31.",
                "param": "estimated_close_date_on_or_before",
            },
        ),
    }


def test_contact_fields_are_bounded_and_custom_values_are_scalars(
    api: httpx.Client, customer: dict[str, Any]
) -> None:
    answer = api.post(
        f"/customers/{customer['uuid']}/contacts",
        json={
            "data_source_uuid": customer["data_source_uuid"],
            "first_name": "x" * 256,
            "notes": "n" * 5000,
            "custom": {"nested": {"a": 1}, "ok": 1.5},
        },
    )
    assert answer.status_code == 422
    assert answer.json() == {
        "errors": {
            "first_name": "first_name is too long (maximum is 255 characters).",
            "custom.nested": "Custom attribute values must be text of at most 255 characters, numbers, true, "
            "false or null.",
        }
    }
    answer = api.post(
        f"/customers/{customer['uuid']}/contacts",
        json={"data_source_uuid": customer["data_source_uuid"], "custom": "seats=3"},
    )
    assert (answer.status_code, answer.json()) == (
        422,
        {"errors": {"custom": "custom must be an array of objects with key and value."}},
    )
    # the map form is taken too (as some clients send it), and a contact stays with its customer
    contact = _contact(api, customer, custom={"seats": 3, "vip": True})
    assert contact["custom"] == {"seats": 3, "vip": True}
    moved = api.patch(
        f"/contacts/{contact['uuid']}", json={"customer_uuid": "cus_elsewhere", "position": None}
    )
    assert moved.status_code == 200
    assert (moved.json()["customer_uuid"], moved.json()["position"]) == (
        customer["uuid"],
        contact["position"],
    )


def test_unknown_customers_and_data_sources_are_404s(api: httpx.Client, customer: dict[str, Any]) -> None:
    assert api.post(
        "/contacts", json={"customer_uuid": customer["uuid"], "data_source_uuid": "ds_none"}
    ).json() == {"error": "Data source not found"}
    answer = api.post("/customers/cus_none/contacts", json={})
    assert (answer.status_code, answer.json()) == (404, {"error": "Customer not found"})
    answer = api.post("/customer_notes", json={"customer_uuid": "cus_none", "type": "note"})
    assert (answer.status_code, answer.json()) == (404, {"error": "Customer not found"})
    for path, what in (
        ("/contacts", "Contact"),
        ("/customer_notes", "Customer note"),
        ("/opportunities", "Opportunity"),
        ("/tasks", "Task"),
    ):
        for method in ("GET", "PATCH", "PUT", "DELETE"):
            answer = api.request(method, f"{path}/nope", json={} if method in ("PATCH", "PUT") else None)
            assert (answer.status_code, answer.json()) == (404, {"error": f"{what} not found"}), (
                method,
                path,
            )


def test_merging_takes_contacts_of_other_customers(
    api: httpx.Client, customer: dict[str, Any], data_source: dict[str, Any]
) -> None:
    elsewhere = api.post(
        "/customers", json={"data_source_uuid": data_source["uuid"], "external_id": unique("c"), "name": "D"}
    ).json()
    kept = _contact(api, customer, email="kept@example.com", custom={"a": 1})
    merged = _contact(api, elsewhere, email="merged@example.com", title="CFO", custom={"a": 2, "b": 3})
    answer = api.post(f"/contacts/{kept['uuid']}/merge/{merged['uuid']}")
    assert answer.status_code == 200
    assert {k: answer.json()[k] for k in ("uuid", "customer_uuid", "email", "title", "custom")} == {
        "uuid": kept["uuid"],
        "customer_uuid": customer["uuid"],
        "email": "kept@example.com",
        "title": "CFO",
        "custom": {"a": 1, "b": 3},
    }
    assert api.get(f"/customers/{elsewhere['uuid']}/contacts").json()["entries"] == []


def test_deleting_a_data_source_deletes_its_customers_crm_objects(sandbox: Sandbox) -> None:
    key = f"crm-{unique('k')}"
    ensure_keys(sandbox.db, [key])
    with httpx.Client(base_url=sandbox.api_url, headers=basic(key), timeout=30) as mine:
        ds = mine.post("/data_sources", json={"name": "d"}).json()
        owner = mine.post(
            "/customers", json={"data_source_uuid": ds["uuid"], "external_id": "c", "name": "C"}
        )
        contact = _contact(mine, owner.json())
        task = _task(mine, owner.json())
        assert mine.delete(f"/data_sources/{ds['uuid']}").status_code == 204
        assert mine.get(f"/contacts/{contact['uuid']}").status_code == 404
        assert mine.get(f"/tasks/{task['task_uuid']}").status_code == 404
        assert mine.get("/contacts").json()["entries"] == []


def test_crm_writes_leave_the_analytics_alone(
    sandbox: Sandbox, api: httpx.Client, customer: dict[str, Any]
) -> None:
    """No CRM write invalidates the metrics' cached activity log (nor changes the customer)."""

    def version() -> int:
        with sandbox.db.read() as conn:
            return conn.execute(
                select(s.accounts.c.activities_version).where(
                    s.accounts.c.uuid == api.get("/account").json()["id"]
                )
            ).scalar_one()

    before, profile = version(), api.get(f"/customers/{customer['uuid']}").json()
    contact = _contact(api, customer)
    task = _task(api, customer)
    assert (
        api.post("/customer_notes", json={"customer_uuid": customer["uuid"], "type": "note"}).status_code
        == 201
    )
    assert api.patch(f"/contacts/{contact['uuid']}", json={"email": "e@example.com"}).status_code == 200
    assert api.delete(f"/tasks/{task['task_uuid']}").json() == {}
    assert version() == before
    assert api.get(f"/customers/{customer['uuid']}").json() == profile
