"""Safe retries of the CRM creates: a lost answer finds the object the first attempt made (CRM objects
have no natural key: by snapshot of the customer's, a task by its `task_uuid`)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mogul.server.sandbox import Sandbox
from tests.client.faults import Fault
from tests.client.test_safe_retries import client
from tests.conftest import unique


@pytest.fixture
def customer(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    body = {"data_source_uuid": data_source["uuid"], "external_id": unique("cus")}
    response = api.post("/customers", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_lost_task_create_finds_the_new_task(
    sandbox: Sandbox, api: httpx.Client, customer: dict[str, Any]
) -> None:
    same = {"task_details": "Call", "assignee": "a@example.com", "due_date": "2025-01-01"}
    api.post("/tasks", json={"customer_uuid": customer["uuid"], **same})  # one like it before
    c, faulty = client(sandbox, Fault("POST", "/v1/tasks", lose=httpx.ReadTimeout))
    with c:
        created = c.tasks.create(customer=customer["uuid"], **same)
    stored = api.get("/tasks", params={"customer_uuid": customer["uuid"]}).json()["entries"]
    assert [t["task_uuid"] for t in stored][1:] == [created.task_uuid]
    assert faulty.log.count("POST", "/v1/tasks") == 1


def test_lost_contact_create_finds_the_new_contact(
    sandbox: Sandbox, api: httpx.Client, customer: dict[str, Any]
) -> None:
    c, faulty = client(
        sandbox, Fault("POST", f"/v1/customers/{customer['uuid']}/contacts", status=502, after=True)
    )
    with c:
        created = c.contacts.add(customer["uuid"], email="c@example.com")
    stored = api.get(f"/customers/{customer['uuid']}/contacts").json()["entries"]
    assert [s["uuid"] for s in stored] == [created.uuid]
    assert faulty.log.count("POST", f"/v1/customers/{customer['uuid']}/contacts") == 1
