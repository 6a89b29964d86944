"""The OpenAPI document `mogul serve` publishes, and schemathesis over it: no input makes a 5xx.

Each operation is fuzzed with a bounded number of examples (MOGUL_FUZZ_EXAMPLES, 25 by default;
MOGUL_FUZZ_REPORT=1 with `pytest -s` prints the statuses each operation got) on
both backends, in a fresh account of its own. Half of the generated cases have their path and body
identifiers replaced by objects that exist (a data source, customer, plan, invoice made for the
operation), so the fuzzer reaches the checks and writes behind the 404s.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mogul.server.domain.accounts import ensure_keys
from mogul.server.http import openapi
from mogul.server.routes import all_apis
from mogul.server.sandbox import Sandbox
from tests.conftest import basic

EXAMPLES = int(os.environ.get("MOGUL_FUZZ_EXAMPLES", "25"))
DOCUMENT = openapi.document(endpoint for api in all_apis() for endpoint in api.routes)
OPERATIONS = [result.ok() for result in schemathesis.openapi.from_dict(DOCUMENT).get_all_operations()]


def test_the_document_is_served_without_a_key_and_lists_every_route(sandbox: Sandbox) -> None:
    answer = httpx.get(sandbox.base_url + "/openapi.json")
    assert answer.status_code == 200
    served = answer.json()
    assert served == DOCUMENT
    assert served["openapi"] == "3.1.0"
    routed = {(e.method.lower(), "/v1" + e.path) for api in all_apis() for e in api.routes}
    documented = {(method, path) for path, ops in served["paths"].items() for method in ops}
    assert documented == routed
    customers = served["paths"]["/v1/customers"]
    assert [p["name"] for p in customers["get"]["parameters"]] == [
        "data_source_uuid",
        "external_id",
        "status",
        "system",
        "per_page",
        "cursor",
        "page",
    ]
    assert customers["post"]["requestBody"]["content"]["application/json"]["schema"]["required"] == [
        "data_source_uuid",
        "external_id",
        "name",
    ]
    assert served["paths"]["/v1/customers/{uuid}"]["delete"]["parameters"] == [
        {"name": "uuid", "in": "path", "required": True, "schema": {"type": "string"}}
    ]


def test_every_route_of_a_list_has_the_paging_parameters() -> None:
    for path, ops in DOCUMENT["paths"].items():
        names = [p["name"] for p in ops.get("get", {}).get("parameters", [])]
        if "cursor" in names:
            assert names[-3:] == ["per_page", "cursor", "page"], path


@pytest.fixture(scope="module")
def account(sandbox: Sandbox) -> dict[str, str]:
    """A fresh account of the session's server for the fuzzer, so it disturbs no other test."""
    key = f"fuzz-{uuid.uuid4().hex}"
    ensure_keys(sandbox.db, [key])
    return basic(key)


def _objects(sandbox: Sandbox, headers: dict[str, str]) -> dict[str, str]:
    """A data source with a customer, a plan (in a group) and an invoice (so a subscription, a line item
    and a transaction): the ids that fuzzed cases may use."""
    with httpx.Client(base_url=sandbox.api_url, headers=headers, timeout=30) as api:
        ds = api.post("/data_sources", json={"name": f"fuzz-{uuid.uuid4().hex[:8]}"}).json()["uuid"]
        customer = api.post(
            "/customers", json={"data_source_uuid": ds, "external_id": "c1", "name": "Fuzz"}
        ).json()
        plan = api.post(
            "/plans",
            json={"data_source_uuid": ds, "name": "P", "interval_count": 1, "interval_unit": "month"},
        ).json()["uuid"]
        line = {
            "type": "subscription",
            "plan_uuid": plan,
            "subscription_external_id": "s1",
            "service_period_start": "2024-01-01",
            "service_period_end": "2024-02-01",
            "amount_in_cents": 1000,
        }
        payment = {"date": "2024-01-01", "type": "payment", "result": "successful", "external_id": "t1"}
        invoice = {
            "external_id": "i1",
            "date": "2024-01-01",
            "currency": "USD",
            "line_items": [{**line, "external_id": "l1"}],
            "transactions": [payment],
        }
        made = api.post(f"/import/customers/{customer['uuid']}/invoices", json={"invoices": [invoice]})
        assert made.status_code == 201, made.text
        group = api.post("/plan_groups", json={"name": "G", "plans": [plan]}).json()["uuid"]
        subscriptions = api.get(f"/import/customers/{customer['uuid']}/subscriptions").json()
        crm = _crm_objects(api, ds, customer["uuid"])
    return {
        **crm,
        "plan_group_uuid": group,
        "subscription_uuid": subscriptions["subscriptions"][0]["uuid"],
        "data_source_uuid": ds,
        "customer_uuid": customer["uuid"],
        "plan_uuid": plan,
        "invoice_uuid": made.json()["invoices"][0]["uuid"],
        "line_item_uuid": made.json()["invoices"][0]["line_items"][0]["uuid"],
        "transaction_uuid": made.json()["invoices"][0]["transactions"][0]["uuid"],
        "email": "fuzz@example.com",
    }


def _crm_objects(api: httpx.Client, ds: str, customer: str) -> dict[str, str]:
    """A contact, a customer note, an opportunity and a task of the customer."""
    contact = api.post(f"/customers/{customer}/contacts", json={"data_source_uuid": ds})
    note = api.post("/customer_notes", json={"customer_uuid": customer, "type": "note"})
    opportunity = api.post(
        "/opportunities",
        json={
            "customer_uuid": customer,
            "owner": "o@example.com",
            "pipeline": "New Business",
            "pipeline_stage": "Discovery",
            "estimated_close_date": "2024-06-01",
            "currency": "USD",
            "amount_in_cents": 100,
        },
    )
    task = api.post(
        "/tasks",
        json={"customer_uuid": customer, "task_details": "t", "assignee": "a", "due_date": "2024-06-01"},
    )
    return {
        "contact_uuid": contact.json()["uuid"],
        "customer_note_uuid": note.json()["uuid"],
        "opportunity_uuid": opportunity.json()["uuid"],
        "task_uuid": task.json()["task_uuid"],
    }


def _path_id(path: str, name: str, ids: dict[str, str]) -> str | None:
    """The id of an existing object for the path parameter `name` of `path` (named by the segment
    before it: `/data_sources/{ds}/customers/{customer}` takes a data source's and a customer's)."""
    before = path.split("{" + name + "}")[0].rstrip("/").rsplit("/", 1)[-1]
    kind = {
        "customers": "customer_uuid",
        "data_sources": "data_source_uuid",
        "plans": "plan_uuid",
        "invoices": "invoice_uuid",
        "plan_groups": "plan_group_uuid",
        "subscriptions": "subscription_uuid",
        "contacts": "contact_uuid",
        "merge": "contact_uuid",
        "customer_notes": "customer_note_uuid",
        "opportunities": "opportunity_uuid",
        "tasks": "task_uuid",
        "line_items": "line_item_uuid",
        "transactions": "transaction_uuid",
    }.get(before)
    return ids.get(kind) if kind else None


def _known(case: Any, ids: dict[str, str]) -> None:
    for name in list(case.path_parameters or {}):
        found = _path_id(case.operation.path, name, ids)
        if found is not None:
            case.path_parameters[name] = found
    if isinstance(case.body, dict):
        for key in ("data_source_uuid", "plan_uuid", "email", "customer_uuid"):
            if key in case.body:
                case.body[key] = ids[key]
        if isinstance(case.body.get("plans"), list):
            case.body["plans"] = [ids["plan_uuid"]]
    if case.query:  # a range the metrics serve (most generated dates are out of bounds)
        for key, value in (("start-date", "2024-01-01"), ("end-date", "2024-06-30"), ("geo", "US")):
            if key in case.query:
                case.query[key] = value


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_no_generated_request_gets_a_5xx(operation: Any, sandbox: Sandbox, account: dict[str, str]) -> None:
    ids = _objects(sandbox, account)
    seen: list[int] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), use_known=st.booleans())
    def fuzz(case: Any, use_known: bool) -> None:
        if use_known:
            _known(case, ids)
        answer = case.call(base_url=sandbox.base_url, headers=account, timeout=30)
        seen.append(answer.status_code)
        assert answer.status_code < 500, f"{case.as_curl_command()}\n-> {answer.status_code} {answer.text}"

    fuzz()
    assert seen, "the fuzzer sent nothing"
    if os.environ.get("MOGUL_FUZZ_REPORT"):  # the statuses each operation got, with `pytest -s`
        print(operation.label, sorted(Counter(seen).items()))
