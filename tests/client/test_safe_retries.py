"""Safe retries: a create whose answer is lost is sent again without creating a duplicate."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

import mogul
from mogul.server.sandbox import Sandbox
from tests.client.faults import AsyncFaulty, Fault, Faulty
from tests.conftest import unique


def client(sandbox: Sandbox, *faults: Fault) -> tuple[mogul.Client, Faulty]:
    faulty = Faulty(*faults)
    c = mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, transport=faulty, retry_backoff=0.01)
    return c, faulty


@pytest.fixture
def customer(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    body = {"data_source_uuid": data_source["uuid"], "external_id": unique("cus")}
    response = api.post("/customers", json=body)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def plan(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    body = {"data_source_uuid": data_source["uuid"], "name": unique("Gold"), "interval_count": 1}
    response = api.post("/plans", json=body | {"interval_unit": "month"})
    assert response.status_code == 201, response.text
    return response.json()


def invoice_body(plan: dict[str, Any], external_id: str) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "date": "2024-01-01",
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "amount_in_cents": 1000,
                "subscription_external_id": unique("sub"),
                "plan": plan["uuid"],
                "service_period_start": "2024-01-01",
                "service_period_end": "2024-02-01",
            }
        ],
    }


@pytest.mark.parametrize(
    "fault",
    [
        {"lose": httpx.ReadTimeout},
        {"lose": httpx.RemoteProtocolError},
        {"status": 502, "after": True},
    ],
    ids=["read-timeout", "connection-dropped", "502-after-the-work"],
)
def test_lost_customer_create_resolves_to_the_customer_it_created(
    sandbox: Sandbox, api: httpx.Client, data_source: dict[str, Any], fault: dict[str, Any]
) -> None:
    external_id = unique("cus")
    c, faulty = client(sandbox, Fault("POST", "/v1/customers", **fault))
    with c:
        created = c.customers.create(data_source=data_source["uuid"], external_id=external_id, name="Ada")
    stored = api.get("/customers", params={"external_id": external_id}).json()["entries"]
    assert [s["uuid"] for s in stored] == [created.uuid]
    assert created.name == "Ada"
    posts = [a.outcome for a in faulty.log.attempts if a.method == "POST"]
    assert posts == [faulty.log.attempts[0].outcome, "forwarded 422"]


def test_a_duplicate_without_a_lost_answer_is_still_an_error(
    sandbox: Sandbox, customer: dict[str, Any], data_source: dict[str, Any]
) -> None:
    c, _ = client(sandbox)
    with c, pytest.raises(mogul.errors.ValidationError) as caught:
        c.customers.create(data_source=data_source["uuid"], external_id=customer["external_id"])
    assert caught.value.errors == {
        "external_id": "The external ID for this customer already exists in our system."
    }


def test_lost_data_source_create_resolves_by_its_unique_name(sandbox: Sandbox, api: httpx.Client) -> None:
    name = unique("ds")
    c, _ = client(sandbox, Fault("POST", "/v1/data_sources", lose=httpx.ReadTimeout))
    with c:
        created = c.data_sources.create(name=name)
    stored = api.get("/data_sources", params={"name": name}).json()["data_sources"]
    assert [s["uuid"] for s in stored] == [created.uuid]


def test_lost_plan_create_with_external_id_resolves_by_it(
    sandbox: Sandbox, api: httpx.Client, data_source: dict[str, Any]
) -> None:
    external_id = unique("plan")
    c, _ = client(sandbox, Fault("POST", "/v1/plans", lose=httpx.ReadTimeout))
    with c:
        created = c.plans.create(
            data_source=data_source["uuid"],
            name="Gold",
            interval_count=1,
            interval_unit="month",
            external_id=external_id,
        )
    stored = api.get("/plans", params={"external_id": external_id}).json()["plans"]
    assert [s["uuid"] for s in stored] == [created.uuid]


def test_lost_plan_create_without_external_id_finds_the_new_plan(
    sandbox: Sandbox, api: httpx.Client, data_source: dict[str, Any]
) -> None:
    ds = data_source["uuid"]
    api.post(
        "/plans", json={"data_source_uuid": ds, "name": "Gold", "interval_count": 1, "interval_unit": "month"}
    )
    c, faulty = client(sandbox, Fault("POST", "/v1/plans", lose=httpx.ReadTimeout))
    with c:
        created = c.plans.create(data_source=ds, name="Gold", interval_count=1, interval_unit="Month")
    stored = api.get("/plans", params={"data_source_uuid": ds}).json()["plans"]
    assert len(stored) == 2  # the one made before, and exactly one made by the create
    assert created.uuid == stored[1]["uuid"]
    assert faulty.log.count("POST", "/v1/plans") == 1


def test_lost_plan_group_create_finds_the_new_group(sandbox: Sandbox, plan: dict[str, Any]) -> None:
    name = unique("group")
    c, faulty = client(sandbox, Fault("POST", "/v1/plan_groups", lose=httpx.ReadTimeout))
    with c:
        created = c.plan_groups.create(name=name, plans=[plan["uuid"]])
        groups = [g for g in c.plan_groups.list() if g.name == name]
    assert [g.uuid for g in groups] == [created.uuid]
    assert created.plans_count == 1
    assert faulty.log.count("POST", "/v1/plan_groups") == 1


def test_a_plan_group_create_not_applied_is_sent_again(sandbox: Sandbox, plan: dict[str, Any]) -> None:
    name = unique("group")
    c, faulty = client(sandbox, Fault("POST", "/v1/plan_groups", raise_=httpx.ReadTimeout))
    with c:
        created = c.plan_groups.create(name=name, plans=[plan["uuid"]])
        groups = [g for g in c.plan_groups.list() if g.name == name]
    assert [g.uuid for g in groups] == [created.uuid]
    assert faulty.log.count("POST", "/v1/plan_groups") == 2


def test_lost_invoice_import_resolves_to_the_imported_invoice(
    sandbox: Sandbox, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    external_id = unique("inv")
    path = f"/v1/import/customers/{customer['uuid']}/invoices"
    c, faulty = client(sandbox, Fault("POST", path, lose=httpx.ReadTimeout))
    with c:
        invoice = c.invoices.import_(customer["uuid"], **invoice_body(plan, external_id))
    stored = api.get("/invoices", params={"customer_uuid": customer["uuid"]}).json()["invoices"]
    assert [s["uuid"] for s in stored] == [invoice.uuid]
    assert invoice.external_id == external_id
    assert invoice.line_items[0].amount_in_cents == 1000
    assert [a.outcome for a in faulty.log.attempts if a.method == "POST"] == ["lost", "forwarded 422"]


@pytest.mark.parametrize("with_external_id", [True, False], ids=["external-id", "no-external-id"])
def test_lost_transaction_import_creates_one_transaction(
    sandbox: Sandbox,
    api: httpx.Client,
    customer: dict[str, Any],
    plan: dict[str, Any],
    with_external_id: bool,
) -> None:
    imported = api.post(
        f"/import/customers/{customer['uuid']}/invoices",
        json={"invoices": [invoice_body(plan, unique("inv")) | {"line_items": [invoice_line(plan)]}]},
    )
    assert imported.status_code == 201, imported.text
    invoice = imported.json()["invoices"][0]
    fields: dict[str, Any] = {"type": "Payment", "result": "Successful", "date": "2024-01-02"}
    if with_external_id:
        fields["external_id"] = unique("tr")
    c, _ = client(
        sandbox, Fault("POST", f"/v1/import/invoices/{invoice['uuid']}/transactions", lose=httpx.ReadTimeout)
    )
    with c:
        created = c.invoices.import_transaction(invoice["uuid"], **fields)
    stored = api.get(f"/invoices/{invoice['uuid']}").json()["transactions"]
    assert [t["uuid"] for t in stored] == [created.uuid]
    assert created.type == "payment"


def invoice_line(plan: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "subscription",
        "amount_in_cents": 1000,
        "subscription_external_id": unique("sub"),
        "plan_uuid": plan["uuid"],
        "service_period_start": "2024-01-01",
        "service_period_end": "2024-02-01",
    }


def test_the_async_client_resolves_a_lost_create_too(
    sandbox: Sandbox, api: httpx.Client, data_source: dict[str, Any]
) -> None:
    external_id = unique("cus")
    faulty = AsyncFaulty(Fault("POST", "/v1/customers", lose=httpx.ReadTimeout))

    async def go() -> Any:
        async with mogul.AsyncClient(
            api_key=sandbox.api_key, base_url=sandbox.base_url, transport=faulty, retry_backoff=0.01
        ) as c:
            return await c.customers.create(data_source=data_source["name"], external_id=external_id)

    created = asyncio.run(go())
    stored = api.get("/customers", params={"external_id": external_id}).json()["entries"]
    assert [s["uuid"] for s in stored] == [created.uuid]
