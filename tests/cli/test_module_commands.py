"""Every module command, end to end: the `mogul` executable against `mogul serve`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from tests.cli.conftest import Mogul
from tests.conftest import unique


def test_data_sources_create_get_by_name_list_and_delete(mogul: Mogul, http: httpx.Client) -> None:
    name = unique("Billing")
    created = mogul("data-sources", "create", "--name", name)
    assert created.code == 0, created.err
    uuid = created.json()["uuid"]
    assert created.json()["name"] == name

    got = mogul("data-sources", "get", name)
    assert got.json()["uuid"] == uuid
    listed = mogul("data-sources", "list", "--name", name)
    assert [d["uuid"] for d in listed.json()] == [uuid]

    deleted = mogul("data-sources", "delete", name, "--yes", "-o", "table")
    assert (deleted.code, deleted.out) == (0, f"deleted data source {uuid} ({name})\n")
    assert http.get(f"/data_sources/{uuid}").status_code == 404


def test_plans_create_get_update_list_and_delete(mogul: Mogul, data_source: dict[str, Any]) -> None:
    external_id = unique("quarterly")
    created = mogul(
        "plans",
        "create",
        "--data-source",
        data_source["name"],
        "--name",
        "Quarterly",
        "--interval-count",
        "3",
        "--interval-unit",
        "Month",
        "--external-id",
        external_id,
    )
    assert created.code == 0, created.err
    plan = created.json()
    assert (plan["name"], plan["interval_count"], plan["interval_unit"]) == ("Quarterly", 3, "month")

    assert mogul("plans", "get", external_id).json()["uuid"] == plan["uuid"]
    updated = mogul("plans", "update", external_id, "--name", "Quarterly (new)")
    assert updated.json()["name"] == "Quarterly (new)"
    listed = mogul("plans", "list", "--data-source", data_source["uuid"])
    assert [p["name"] for p in listed.json()] == ["Quarterly (new)"]
    assert mogul("plans", "delete", plan["uuid"], "--yes").code == 0
    assert mogul("plans", "list", "--data-source", data_source["uuid"]).json() == []


def test_plan_groups_create_plans_get_update_list_and_delete(
    mogul: Mogul, http: httpx.Client, plan: dict[str, Any], data_source: dict[str, Any]
) -> None:
    other = http.post(
        "/plans",
        json={
            "data_source_uuid": data_source["uuid"],
            "name": "Annual",
            "interval_count": 1,
            "interval_unit": "year",
        },
    ).json()
    name = unique("Group")
    created = mogul(
        "plan-groups", "create", "--name", name, "--plan", plan["external_id"], "--plan", other["uuid"]
    )
    assert created.code == 0, created.err
    group = created.json()
    assert group["plans_count"] == 2

    plans = mogul("plan-groups", "plans", name)
    assert sorted(p["uuid"] for p in plans.json()) == sorted([plan["uuid"], other["uuid"]])
    assert mogul("plan-groups", "get", name).json()["uuid"] == group["uuid"]
    updated = mogul("plan-groups", "update", group["uuid"], "--name", name + "-2", "--plans", plan["uuid"])
    assert (updated.json()["name"], updated.json()["plans_count"]) == (name + "-2", 1)
    assert group["uuid"] in [g["uuid"] for g in mogul("plan-groups", "list").json()]
    assert mogul("plan-groups", "delete", name + "-2", "--yes").code == 0
    assert http.get(f"/plan_groups/{group['uuid']}").status_code == 404


def test_customers_create_with_tags_and_typed_custom_attributes(
    mogul: Mogul, data_source: dict[str, Any]
) -> None:
    external_id = unique("cus")
    created = mogul(
        "customers",
        "create",
        "--data-source",
        data_source["name"],
        "--external-id",
        external_id,
        "--name",
        "Grace Hopper",
        "--email",
        "grace@example.com",
        "--company",
        "Navy",
        "--country",
        "US",
        "--state",
        "VA",
        "--city",
        "Arlington",
        "--zip",
        "22201",
        "--lead-created-at",
        "2024-01-02",
        "--free-trial-started-at",
        "2024-01-05T10:00:00Z",
        "--tag",
        "vip",
        "--tag",
        "navy",
        "--custom",
        "Integer:seats=5",
        "--custom",
        "channel=sales",
    )
    assert created.code == 0, created.err
    customer = created.json()
    assert customer["external_id"] == external_id
    assert (
        customer["company"],
        customer["country"],
        customer["state"],
        customer["city"],
        customer["zip"],
    ) == (
        "Navy",
        "US",
        "VA",
        "Arlington",
        "22201",
    )
    assert customer["lead_created_at"].startswith("2024-01-02T00:00:00")
    assert customer["free_trial_started_at"].startswith("2024-01-05T10:00:00")
    assert customer["attributes"]["tags"] == ["vip", "navy"]
    assert customer["attributes"]["custom"] == {"seats": 5, "channel": "sales"}


def test_customers_get_update_list_search_and_delete(
    mogul: Mogul, customer: dict[str, Any], data_source: dict[str, Any]
) -> None:
    assert mogul("customers", "get", customer["external_id"]).json()["uuid"] == customer["uuid"]
    assert mogul("customers", "get", customer["email"]).json()["uuid"] == customer["uuid"]

    updated = mogul("customers", "update", customer["external_id"], "--name", "Ada King", "--city", "London")
    assert (updated.json()["name"], updated.json()["city"]) == ("Ada King", "London")

    listed = mogul("customers", "list", "--data-source", data_source["name"], "--status", "New Lead")
    assert [c["uuid"] for c in listed.json()] == [customer["uuid"]]
    assert mogul("customers", "list", "--data-source", data_source["name"], "--status", "Active").json() == []
    found = mogul("customers", "search", customer["email"])
    assert [c["uuid"] for c in found.json()] == [customer["uuid"]]

    assert mogul("customers", "delete", customer["uuid"], "--yes").code == 0
    gone = mogul("customers", "get", customer["uuid"])
    assert gone.code == 1
    assert gone.err.startswith("error: 404 ")


def _invoice(external_id: str, plan: dict[str, Any]) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "date": "2025-01-01T00:00:00Z",
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "subscription_external_id": unique("sub"),
                "plan_uuid": plan["uuid"],
                "service_period_start": "2025-01-01",
                "service_period_end": "2025-02-01",
                "amount_in_cents": 5000,
                "discount_amount_in_cents": 1000,
                "tax_amount_in_cents": 500,
            },
            {"type": "one_time", "description": "Setup", "amount_in_cents": 2500},
        ],
        "transactions": [{"date": "2025-01-02", "type": "payment", "result": "failed"}],
    }


def test_invoice_import_from_a_data_file_then_list_get_transaction_and_delete(
    mogul: Mogul, tmp_path: Path, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    external_id = unique("INV")
    data = tmp_path / "invoice.json"
    data.write_text(json.dumps(_invoice(external_id, plan)))

    imported = mogul("invoices", "import", customer["external_id"], "--data", str(data))
    assert imported.code == 0, imported.err
    invoice = imported.json()
    assert invoice["external_id"] == external_id
    assert [(i["type"], i["amount_in_cents"]) for i in invoice["line_items"]] == [
        ("subscription", 5000),
        ("one_time", 2500),
    ]
    assert invoice["line_items"][0]["discount_amount_in_cents"] == 1000
    assert [(t["type"], t["result"]) for t in invoice["transactions"]] == [("payment", "failed")]

    listed = mogul("invoices", "list", "--customer", customer["external_id"])
    assert [i["uuid"] for i in listed.json()] == [invoice["uuid"]]
    assert mogul("invoices", "get", external_id).json()["uuid"] == invoice["uuid"]

    paid = mogul(
        "invoices",
        "import-transaction",
        external_id,
        "--type",
        "Payment",
        "--result",
        "Successful",
        "--date",
        "2025-01-05",
        "--external-id",
        unique("tr"),
    )
    assert paid.code == 0, paid.err
    assert (paid.json()["type"], paid.json()["result"]) == ("payment", "successful")
    results = [t["result"] for t in mogul("invoices", "get", invoice["uuid"]).json()["transactions"]]
    assert results == ["failed", "successful"]

    assert mogul("invoices", "delete", external_id, "--yes").code == 0
    assert mogul("invoices", "list", "--customer", customer["uuid"]).json() == []


def test_data_from_standard_input_in_chartmogul_shape_and_options_win(
    mogul: Mogul, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    body = {"invoices": [_invoice("from-file", plan)]}
    explicit = unique("INV")
    imported = mogul(
        "invoices",
        "import",
        customer["uuid"],
        "--data",
        "-",
        "--external-id",
        explicit,
        input=json.dumps(body),
    )
    assert imported.code == 0, imported.err
    assert imported.json()["external_id"] == explicit


def test_subscriptions_list_and_cancel(
    mogul: Mogul, http: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    response = http.post(
        f"/import/customers/{customer['uuid']}/invoices", json={"invoices": [_invoice(unique("INV"), plan)]}
    )
    assert response.status_code == 201, response.text
    listed = mogul("subscriptions", "list", customer["external_id"])
    assert listed.code == 0, listed.err
    [subscription] = listed.json()
    assert subscription["plan_uuid"] == plan["uuid"]

    cancelled = mogul("subscriptions", "cancel", subscription["uuid"], "--cancelled-at", "2025-01-20")
    assert cancelled.code == 0, cancelled.err
    assert cancelled.json()["cancellation_dates"] == ["2025-01-20T00:00:00.000Z"]


def test_api_call_prints_the_body_and_include_adds_status_and_headers(
    mogul: Mogul, data_source: dict[str, Any]
) -> None:
    body = mogul("api", "GET", "/v1/data_sources", "-q", f"name={data_source['name']}")
    assert body.code == 0, body.err
    assert body.json() == {"data_sources": [data_source]}

    included = mogul("api", "GET", "/data_sources", "-q", f"name={data_source['name']}", "--include")
    reply = included.json()
    assert reply["status"] == 200
    assert reply["headers"]["content-type"].startswith("application/json")
    assert reply["body"] == {"data_sources": [data_source]}


def test_api_call_sends_a_body_from_a_file_with_headers(
    mogul: Mogul, tmp_path: Path, http: httpx.Client
) -> None:
    name = unique("via-api")
    (tmp_path / "body.json").write_text(json.dumps({"name": name}))
    created = mogul(
        "api", "POST", "/v1/data_sources", "--body", f"@{tmp_path / 'body.json'}", "-H", "X-Trace: 1"
    )
    assert created.code == 0, created.err
    assert created.json()["name"] == name
    assert (
        http.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]
        == created.json()["uuid"]
    )

    deleted = mogul("api", "DELETE", f"/v1/data_sources/{created.json()['uuid']}")
    assert (deleted.code, deleted.out) == (0, "")
