"""Notes and call logs of customers and contacts (`/notes`) and tasks of contacts over HTTP: the bodies
the clients send (`customer_uuid`, `associated_object_identifier`), filters and cursor, the errors, 404s
across accounts, that nothing is stored on failure, and that `/notes` and `/customer_notes` are one
store (ChartMogul's notes supersede its customer notes)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from mogul.server.sandbox import Sandbox
from mogul.store import schema as s
from tests.conftest import unique


@pytest.fixture
def customer(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    made = api.post(
        "/customers", json={"data_source_uuid": data_source["uuid"], "external_id": unique("c"), "name": "C"}
    )
    assert made.status_code == 201, made.text
    return made.json()


def _contact(api: httpx.Client, customer: dict[str, Any]) -> dict[str, Any]:
    made = api.post(
        f"/customers/{customer['uuid']}/contacts", json={"data_source_uuid": customer["data_source_uuid"]}
    )
    assert made.status_code == 201, made.text
    return made.json()


def _of(obj: str, uuid: str) -> dict[str, Any]:
    return {"associated_object_identifier": {"associated_object": obj, "method": "uuid", "value": uuid}}


def _count(sandbox: Sandbox, table: Any) -> int:
    with sandbox.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


TASK = {"task_details": "Call back", "assignee": "a@example.com", "due_date": "2025-04-30T00:00:00Z"}


def test_notes_of_customers_and_contacts(api: httpx.Client, customer: dict[str, Any]) -> None:
    contact = _contact(api, customer)
    made = api.post(
        "/notes",
        json={
            "customer_uuid": customer["uuid"],
            "type": "note",
            "text": "This is a note",
            "author_email": "john@example.com",
            "created_at": "2024-01-02T03:04:05Z",
        },
    )
    assert made.status_code == 201, made.text
    note = made.json()
    assert note["uuid"].startswith("note_")
    assert note == {
        "uuid": note["uuid"],
        "customer_uuid": customer["uuid"],
        "associated_object": "customer",
        "associated_object_uuid": customer["uuid"],
        "type": "note",
        "text": "This is a note",
        "call_duration": 0,
        "author": "john@example.com",
        "created_at": "2024-01-02T03:04:05.000Z",
        "updated_at": note["updated_at"],
    }
    call = api.post(
        "/notes", json={**_of("contact", contact["uuid"]), "type": "call", "text": "Hi", "call_duration": 60}
    )
    assert call.status_code == 201, call.text
    logged = call.json()
    assert {k: logged[k] for k in ("customer_uuid", "associated_object", "associated_object_uuid")} == {
        "customer_uuid": None,
        "associated_object": "contact",
        "associated_object_uuid": contact["uuid"],
    }
    assert (logged["type"], logged["call_duration"], logged["author"]) == (
        "call",
        60,
        api.get("/account").json()["name"],
    )
    by_identifier = api.post("/notes", json={**_of("customer", customer["uuid"]), "type": "note"}).json()
    assert by_identifier["associated_object_uuid"] == customer["uuid"]

    def uuids(**query: Any) -> list[str]:
        return [n["uuid"] for n in api.get("/notes", params=query).json()["entries"]]

    # a customer's own notes, a contact's; type and author narrow them
    assert uuids(customer_uuid=customer["uuid"]) == [note["uuid"], by_identifier["uuid"]]
    assert uuids(contact_uuid=contact["uuid"]) == [logged["uuid"]]
    assert uuids(contact_uuid=contact["uuid"], type="note") == []
    assert uuids(customer_uuid=customer["uuid"], author_email="john@example.com") == [note["uuid"]]
    first = api.get("/notes", params={"customer_uuid": customer["uuid"], "per_page": 1}).json()
    assert (len(first["entries"]), first["has_more"]) == (1, True)
    rest = api.get(
        "/notes", params={"customer_uuid": customer["uuid"], "per_page": 1, "cursor": first["cursor"]}
    ).json()
    assert ([n["uuid"] for n in rest["entries"]], rest["has_more"]) == ([by_identifier["uuid"]], False)

    assert api.get(f"/notes/{logged['uuid']}").json() == logged
    patched = api.patch(f"/notes/{logged['uuid']}", json={"text": "changed", "updated_at": "2024-05-01"})
    assert (patched.status_code, patched.json()["text"], patched.json()["updated_at"]) == (
        200,
        "changed",
        "2024-05-01T00:00:00.000Z",
    )
    assert api.put(f"/notes/{note['uuid']}", json={"call_duration": 5}).json()["call_duration"] == 5
    gone = api.delete(f"/notes/{logged['uuid']}")
    assert (gone.status_code, gone.json()) == (202, {"message": "Note has been deleted."})
    assert api.get(f"/notes/{logged['uuid']}").json() == {"error": "Note not found"}


def test_notes_and_customer_notes_are_one_store(api: httpx.Client, customer: dict[str, Any]) -> None:
    """A customer's note is the same object at both paths; a contact's is a `/notes` object only."""
    old = api.post("/customer_notes", json={"customer_uuid": customer["uuid"], "type": "call"}).json()
    new = api.post("/notes", json={"customer_uuid": customer["uuid"], "type": "note", "text": "n"}).json()
    of_contact = api.post("/notes", json={**_of("contact", _contact(api, customer)["uuid"]), "type": "note"})
    contact_note = of_contact.json()["uuid"]
    assert api.get(f"/notes/{old['uuid']}").json()["text"] == ""
    assert api.get(f"/customer_notes/{new['uuid']}").json() == {
        "uuid": new["uuid"],
        "customer_uuid": customer["uuid"],
        "type": "note",
        "text": "n",
        "call_duration": 0,
        "author": new["author"],
        "created_at": new["created_at"],
        "updated_at": new["updated_at"],
    }
    listed = api.get("/customer_notes", params={"customer_uuid": customer["uuid"]}).json()["entries"]
    assert [n["uuid"] for n in listed] == [old["uuid"], new["uuid"]]
    assert [n["uuid"] for n in api.get("/customer_notes").json()["entries"]].count(contact_note) == 0
    assert api.get(f"/customer_notes/{contact_note}").json() == {"error": "Customer note not found"}
    assert api.delete(f"/customer_notes/{contact_note}").status_code == 404
    api.patch(f"/notes/{old['uuid']}", json={"text": "via notes"})
    assert api.get(f"/customer_notes/{old['uuid']}").json()["text"] == "via notes"
    assert api.delete(f"/customer_notes/{new['uuid']}").json() == {}
    assert api.get(f"/notes/{new['uuid']}").status_code == 404


def test_tasks_of_contacts(api: httpx.Client, customer: dict[str, Any]) -> None:
    contact = _contact(api, customer)
    own = api.post("/tasks", json={"customer_uuid": customer["uuid"], **TASK}).json()
    assert (own["customer_uuid"], own["associated_object"], own["associated_object_uuid"]) == (
        customer["uuid"],
        "customer",
        customer["uuid"],
    )
    made = api.post("/tasks", json={**_of("contact", contact["uuid"]), **TASK})
    assert made.status_code == 201, made.text
    task = made.json()
    assert task == {
        "task_uuid": task["task_uuid"],
        "customer_uuid": None,
        "associated_object": "contact",
        "associated_object_uuid": contact["uuid"],
        "task_details": "Call back",
        "assignee": "a@example.com",
        "due_date": "2025-04-30T00:00:00.000Z",
        "completed_at": None,
        "created_at": task["created_at"],
        "updated_at": task["updated_at"],
    }

    def uuids(**query: Any) -> list[str]:
        return [t["task_uuid"] for t in api.get("/tasks", params=query).json()["entries"]]

    assert uuids(contact_uuid=contact["uuid"]) == [task["task_uuid"]]
    assert uuids(customer_uuid=customer["uuid"]) == [own["task_uuid"]]
    assert uuids(contact_uuid=contact["uuid"], completed="true") == []
    done = api.patch(f"/tasks/{task['task_uuid']}", json={"completed_at": "2025-04-01T00:00:00Z"}).json()
    assert (done["associated_object"], done["completed_at"]) == ("contact", "2025-04-01T00:00:00.000Z")
    assert uuids(contact_uuid=contact["uuid"], completed="true") == [task["task_uuid"]]


def test_a_merged_contact_hands_over_its_notes_and_tasks(
    api: httpx.Client, customer: dict[str, Any], data_source: dict[str, Any]
) -> None:
    elsewhere = api.post(
        "/customers", json={"data_source_uuid": data_source["uuid"], "external_id": unique("c"), "name": "D"}
    ).json()
    kept, merged = _contact(api, customer), _contact(api, elsewhere)
    note = api.post("/notes", json={**_of("contact", merged["uuid"]), "type": "note"}).json()
    task = api.post("/tasks", json={**_of("contact", merged["uuid"]), **TASK}).json()
    assert api.post(f"/contacts/{kept['uuid']}/merge/{merged['uuid']}").status_code == 200
    assert api.get(f"/notes/{note['uuid']}").json()["associated_object_uuid"] == kept["uuid"]
    assert api.get(f"/tasks/{task['task_uuid']}").json()["associated_object_uuid"] == kept["uuid"]
    # deleting the contact deletes them
    assert api.delete(f"/contacts/{kept['uuid']}").status_code == 200
    assert api.get(f"/notes/{note['uuid']}").status_code == 404
    assert api.get(f"/tasks/{task['task_uuid']}").status_code == 404


@pytest.mark.parametrize("path", ["/notes", "/tasks"])
def test_bad_targets_are_refused_and_nothing_is_stored(
    sandbox: Sandbox, api: httpx.Client, customer: dict[str, Any], path: str
) -> None:
    table = s.customer_notes if path == "/notes" else s.tasks
    before = _count(sandbox, table)
    rest: dict[str, Any] = {"type": "note"} if path == "/notes" else TASK
    contact = _contact(api, customer)
    answers = [
        api.post(path, json=rest),
        api.post(path, json={**rest, "customer_uuid": customer["uuid"], **_of("contact", contact["uuid"])}),
        api.post(path, json={**rest, "associated_object_identifier": "con_1"}),
        api.post(
            path,
            json={**rest, "associated_object_identifier": {"associated_object": "deal", "method": "email"}},
        ),
        api.post(
            path,
            json={
                **rest,
                "associated_object_identifier": {"associated_object": "deal", "method": "email", "value": ""},
            },
        ),
        api.post(path, json={**rest, **_of("contact", "con_none")}),
        api.post(path, json={**rest, **_of("customer", "cus_none")}),
    ]
    identifier = "associated_object_identifier"
    assert [(a.status_code, a.json()) for a in answers] == [
        (400, {"code": 400, "message": 'Parameter "customer_uuid" is missing', "param": "customer_uuid"}),
        (422, {"errors": {identifier: f"Give either customer_uuid or {identifier}, not both."}}),
        (
            422,
            {
                "errors": {
                    identifier: f"{identifier} must be an object with associated_object, method and value."
                }
            },
        ),
        (
            400,
            {
                "code": 400,
                "message": f'Parameter "{identifier}.value" is missing',
                "param": f"{identifier}.value",
            },
        ),
        (
            422,
            {
                "errors": {
                    f"{identifier}.associated_object": "associated_object must be one of: customer, contact.",
                    f"{identifier}.method": "method must be one of: uuid.",
                    f"{identifier}.value": "value can't be blank.",
                }
            },
        ),
        (404, {"error": "Contact not found"}),
        (404, {"error": "Customer not found"}),
    ]
    assert _count(sandbox, table) == before


def test_bad_note_bodies_and_parameters(
    sandbox: Sandbox, api: httpx.Client, customer: dict[str, Any]
) -> None:
    before = _count(sandbox, s.customer_notes)
    answers = [
        api.post("/notes", json=["type"]),
        api.post("/notes", json={"customer_uuid": customer["uuid"]}),
        api.post(
            "/notes",
            json={
                "customer_uuid": customer["uuid"],
                "type": "memo",
                "call_duration": -1,
                "created_at": "2999-01-01",
            },
        ),
        api.get("/notes", params={"type": "memo"}),
        api.get("/notes", params={"cursor": "bm9wZQ"}),
    ]
    assert [(a.status_code, a.json()) for a in answers] == [
        (400, {"code": 400, "message": "The request body must be a JSON object", "param": None}),
        (400, {"code": 400, "message": 'Parameter "type" is missing', "param": "type"}),
        (
            422,
            {
                "errors": {
                    "type": "type must be one of: note, call.",
                    "call_duration": "call_duration must be greater than or equal to 0.",
                    "created_at": "created_at must be in the past.",
                }
            },
        ),
        (400, {"code": 400, "message": 'Parameter "type" must be one of: note, call', "param": "type"}),
        (400, {"code": 400, "message": "Invalid cursor", "param": "cursor"}),
    ]
    assert _count(sandbox, s.customer_notes) == before
    note = api.post("/notes", json={"customer_uuid": customer["uuid"], "type": "note", "text": "kept"}).json()
    bad = api.patch(f"/notes/{note['uuid']}", json={"text": "lost", "call_duration": "long"})
    assert (bad.status_code, bad.json()) == (
        422,
        {"errors": {"call_duration": "call_duration must be an integer."}},
    )
    assert api.get(f"/notes/{note['uuid']}").json()["text"] == "kept"
    for method in ("GET", "PATCH", "PUT", "DELETE"):
        answer = api.request(method, "/notes/nope", json={} if method in ("PATCH", "PUT") else None)
        assert (answer.status_code, answer.json()) == (404, {"error": "Note not found"}), method
    empty = api.get("/notes", params={"contact_uuid": "con_none"})
    assert (empty.status_code, empty.json()) == (200, {"entries": [], "cursor": None, "has_more": False})


def test_notes_and_contact_tasks_stay_in_their_account(
    api: httpx.Client, other_api: httpx.Client, customer: dict[str, Any]
) -> None:
    contact = _contact(api, customer)
    note = api.post("/notes", json={**_of("contact", contact["uuid"]), "type": "note"}).json()
    task = api.post("/tasks", json={**_of("contact", contact["uuid"]), **TASK}).json()
    for method in ("GET", "PATCH", "DELETE"):
        answer = other_api.request(method, f"/notes/{note['uuid']}", json={} if method == "PATCH" else None)
        assert (answer.status_code, answer.json()) == (404, {"error": "Note not found"}), method
    assert other_api.get(f"/tasks/{task['task_uuid']}").json() == {"error": "Task not found"}
    assert other_api.get("/notes", params={"contact_uuid": contact["uuid"]}).json()["entries"] == []
    assert other_api.get("/tasks", params={"contact_uuid": contact["uuid"]}).json()["entries"] == []
    for path, body in (("/notes", {"type": "note"}), ("/tasks", TASK)):
        answer = other_api.post(path, json={**_of("contact", contact["uuid"]), **body})
        assert (answer.status_code, answer.json()) == (404, {"error": "Contact not found"})
        answer = other_api.post(path, json={"customer_uuid": customer["uuid"], **body})
        assert (answer.status_code, answer.json()) == (404, {"error": "Customer not found"})
    assert api.get(f"/notes/{note['uuid']}").status_code == 200
