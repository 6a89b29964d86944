"""What `mogul ... list -o csv` (or `-o json`) writes, `mogul import` takes back: plans and customers
into another data source, invoices into their own; the fields an import gives come back the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from mogul.bulk import load_records
from mogul.server.sandbox import Sandbox
from tests.conftest import unique

MOGUL = str(Path(sys.executable).parent / "mogul")
PROFILE = (
    "external_id", "name", "email", "company", "country", "state", "city", "zip", "lead_created_at",
    "free_trial_started_at", "owner", "website_url",
)  # fmt: skip


def mogul(sandbox: Sandbox, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHARTMOGUL_", "MOGUL_"))}
    env |= {"MOGUL_CONFIG": str(tmp_path / "none.toml"), "COLUMNS": "200"}
    env |= {"CHARTMOGUL_API_KEY": sandbox.api_key, "CHARTMOGUL_BASE_URL": sandbox.base_url}
    return subprocess.run([MOGUL, *args], env=env, capture_output=True, text=True, timeout=120)


def written(sandbox: Sandbox, tmp_path: Path, kind: str, ds: str, fmt: str) -> Path:
    """`mogul KIND list --data-source DS -o FMT` into a file."""
    done = mogul(sandbox, tmp_path, kind, "list", "--data-source", ds, "-o", fmt)
    assert done.returncode == 0, done.stderr
    path = tmp_path / f"{kind}.{fmt}"
    path.write_text(done.stdout, encoding="utf-8")
    return path


@pytest.fixture
def source(api: httpx.Client) -> dict[str, Any]:
    """A data source with a plan, Ada (all she can have, and invoices) and Grace."""
    ds = api.post("/data_sources", json={"name": unique("src")}).json()
    plan = api.post(
        "/plans",
        json={"data_source_uuid": ds["uuid"], "name": "Gold", "interval_count": 3, "interval_unit": "month",
              "external_id": unique("gold")},
    ).json()  # fmt: skip
    ada = api.post(
        "/customers",
        json={
            "data_source_uuid": ds["uuid"], "external_id": unique("ada"), "name": "Ada, Countess", "email":
            "ada@example.com", "company": "Analytical", "country": "GB", "city": "London", "zip": "W1",
            "lead_created_at": "2023-05-01T00:00:00Z", "website_url": "https://ada.example.com",
            "attributes": {
                "tags": ["vip", "engine"],
                "custom": [
                    {"type": "Integer", "key": "seats", "value": 5},
                    {"type": "Boolean", "key": "trial", "value": True},
                    {"type": "Decimal", "key": "score", "value": 9.5},
                    {"type": "Timestamp", "key": "met", "value": "2023-06-01T12:00:00Z"},
                    {"type": "String", "key": "note", "value": 'says "hi", twice'},
                ],
            },
        },
    ).json()  # fmt: skip
    grace = api.post(
        "/customers", json={"data_source_uuid": ds["uuid"], "external_id": unique("grace"), "name": "Grace"}
    ).json()
    invoices = [
        {
            "external_id": unique("inv"), "date": "2024-01-01", "currency": "USD", "due_date": "2024-01-15",
            "line_items": [
                {"type": "subscription", "plan_uuid": plan["uuid"], "subscription_external_id": unique("sub"),
                 "service_period_start": "2024-01-01", "service_period_end": "2024-04-01",
                 "amount_in_cents": 3000, "quantity": 2, "discount_amount_in_cents": 100,
                 "tax_amount_in_cents": 20},
                {"type": "one_time", "amount_in_cents": 500, "description": "Setup, once"},
            ],
            "transactions": [{"type": "payment", "result": "successful", "date": "2024-01-02"}],
        },
        {"external_id": unique("inv"), "date": "2024-02-01", "currency": "USD",
         "line_items": [{"type": "one_time", "amount_in_cents": 700, "description": "Training"}],
         "transactions": []},
    ]  # fmt: skip
    answer = api.post(f"/import/customers/{ada['uuid']}/invoices", json={"invoices": invoices})
    assert answer.status_code == 201, answer.text
    # its paid periods ended: ChartMogul derives Past Due, which an import cannot set
    assert api.get(f"/customers/{ada['uuid']}").json()["status"] == "Past Due"
    return {"ds": ds, "plan": plan, "customers": [ada, grace]}


def customers_of(api: httpx.Client, ds: str) -> list[dict[str, Any]]:
    found = api.get("/customers", params={"data_source_uuid": ds}).json()["entries"]
    return sorted(found, key=lambda c: c["external_id"])


def given(customer: dict[str, Any]) -> dict[str, Any]:
    """What an import gives a customer."""
    return {k: customer[k] for k in PROFILE} | {
        "tags": customer["attributes"]["tags"],
        "custom": customer["attributes"]["custom"],
    }


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_plans_and_customers_go_back_into_another_data_source(
    sandbox: Sandbox, api: httpx.Client, source: dict[str, Any], tmp_path: Path, fmt: str
) -> None:
    src = source["ds"]["uuid"]
    plans, customers = (written(sandbox, tmp_path, kind, src, fmt) for kind in ("plans", "customers"))
    name = unique("dst")
    done = mogul(sandbox, tmp_path, "import", "customers", str(customers), "--plans", str(plans), "-d", name)
    assert done.returncode == 0, done.stderr
    dst = api.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]
    assert done.stdout.splitlines()[2:] == [
        "  plans:        1 created, 0 already there, 0 failed",
        "  customers:    2 created, 0 already there, 0 failed",
    ]
    copied = customers_of(api, dst)
    assert [given(c) for c in copied] == [given(c) for c in customers_of(api, src)]
    assert copied[0]["attributes"]["custom"] == {
        "seats": 5, "trial": True, "score": 9.5, "met": "2023-06-01T12:00:00.000Z",
        "note": 'says "hi", twice',
    }  # fmt: skip
    # Ada's Past Due came from her invoices, which the copy does not have: ChartMogul says what she is
    assert [c["status"] for c in copied] == ["New Lead", "New Lead"]
    (plan,) = api.get("/plans", params={"data_source_uuid": dst}).json()["plans"]
    fields = ("external_id", "name", "interval_count", "interval_unit")
    assert {k: plan[k] for k in fields} == {k: source["plan"][k] for k in fields}


def test_invoices_go_back_into_their_data_source(
    sandbox: Sandbox, api: httpx.Client, source: dict[str, Any], tmp_path: Path
) -> None:
    src = source["ds"]["uuid"]
    path = written(sandbox, tmp_path, "invoices", src, "csv")
    before = api.get("/invoices", params={"data_source_uuid": src}).json()["invoices"]
    (first,) = [invoice for invoice in before if len(invoice["line_items"]) == 2]
    assert api.delete(f"/invoices/{first['uuid']}").status_code == 204
    done = mogul(sandbox, tmp_path, "import", "invoices", str(path), "-d", src)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "  invoices:     1 created, 1 already there, 0 failed",
        "  line items:   2 created, 1 already there, 0 failed",
        "  transactions: 1 created, 0 already there, 0 failed",
    ]
    after = api.get("/invoices", params={"data_source_uuid": src}).json()["invoices"]

    def same(invoice: dict[str, Any]) -> dict[str, Any]:
        def part(item: dict[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in item.items() if k not in ("uuid", "subscription_uuid")}

        return {k: v for k, v in invoice.items() if k != "uuid"} | {
            "line_items": [part(li) for li in invoice["line_items"]],
            "transactions": [part(t) for t in invoice["transactions"]],
        }

    assert sorted(map(same, after), key=str) == sorted(map(same, before), key=str)


def test_json_cells_that_are_not_json_are_problems_of_their_row(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text('external_id,name,attributes\nc1,Ada,"{""tags"": [""vip""]}"\nc2,Grace,{not json\n')
    records, _, _ = load_records("customers", path)
    assert records[0].body == {"external_id": "c1", "name": "Ada", "attributes": {"tags": ["vip"]}}
    assert [(p.location.row, p.field, p.message) for p in records[1].problems] == [
        (3, "attributes", "must be JSON, as mogul writes it")
    ]
    invoices = tmp_path / "invoices.csv"
    invoices.write_text(
        "external_id,customer_external_id,date,currency,line_items\ni1,c1,2024-01-01,USD,{}\n"
    )
    (invoice,), _, _ = load_records("invoices", invoices)
    assert [(p.field, p.message) for p in invoice.problems] == [
        ("line_items", "must be a JSON array, as mogul writes it")
    ]
