"""Output formats end to end: table, json, jsonl, csv, money in units, and the progress bar on a terminal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli.conftest import MOGUL, Mogul, Server, clean_env
from tests.conftest import unique
from tests.terminal import run_on_terminal


@pytest.fixture
def two_customers(http: httpx.Client, data_source: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for name in ("Ada", "Grace"):
        body = {"data_source_uuid": data_source["uuid"], "external_id": unique(name.lower()), "name": name}
        response = http.post("/customers", json=body)
        assert response.status_code == 201, response.text
        out.append(response.json())
    return out


def test_a_list_as_json_is_one_array(
    mogul: Mogul, two_customers: list[dict[str, Any]], data_source: Any
) -> None:
    result = mogul("customers", "list", "--data-source", data_source["uuid"], "-o", "json")
    assert result.code == 0, result.err
    assert [c["external_id"] for c in result.json()] == [c["external_id"] for c in two_customers]
    assert result.out.startswith("[\n  {")


def test_a_list_as_json_lines_is_one_object_a_line(
    mogul: Mogul, two_customers: list[dict[str, Any]], data_source: Any
) -> None:
    result = mogul("customers", "list", "--data-source", data_source["uuid"], "-o", "jsonl")
    lines = result.out.splitlines()
    assert [json.loads(line)["external_id"] for line in lines] == [c["external_id"] for c in two_customers]


def test_a_list_as_csv_has_a_header_and_a_row_per_object(
    mogul: Mogul, two_customers: list[dict[str, Any]], data_source: Any
) -> None:
    result = mogul("customers", "list", "--data-source", data_source["uuid"], "--output", "csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [r["external_id"] for r in rows] == [c["external_id"] for c in two_customers]
    assert [r["name"] for r in rows] == ["Ada", "Grace"]
    assert result.out.splitlines()[0].startswith("id,uuid,external_id,name,")
    assert json.loads(rows[0]["attributes"])["tags"] == []


def test_a_list_as_a_table_shows_the_main_columns_and_a_count(
    mogul: Mogul, two_customers: list[dict[str, Any]], data_source: Any
) -> None:
    result = mogul("customers", "list", "--data-source", data_source["uuid"], "-o", "table")
    lines = result.out.splitlines()
    header = next(line for line in lines if "uuid" in line)
    assert header.split()[:6] == ["id", "uuid", "external_id", "name", "status", "data_source_uuid"]
    for customer in two_customers:
        assert any(customer["uuid"] in line and customer["external_id"] in line for line in lines)
    assert "2 rows;" in result.out


def test_one_object_in_every_format(mogul: Mogul, customer: dict[str, Any]) -> None:
    as_json = mogul("customers", "get", customer["uuid"], "-o", "json")
    assert as_json.json()["uuid"] == customer["uuid"]
    assert as_json.out.startswith("{\n")

    as_jsonl = mogul("customers", "get", customer["uuid"], "-o", "jsonl")
    assert len(as_jsonl.out.splitlines()) == 1
    assert json.loads(as_jsonl.out)["uuid"] == customer["uuid"]

    as_csv = list(csv.DictReader(io.StringIO(mogul("customers", "get", customer["uuid"], "-o", "csv").out)))
    assert [(r["uuid"], r["email"]) for r in as_csv] == [(customer["uuid"], customer["email"])]

    as_table = mogul("customers", "get", customer["uuid"], "-o", "table").out.splitlines()
    assert ["external_id", customer["external_id"]] in [line.split() for line in as_table]
    assert ["email", customer["email"]] in [line.split() for line in as_table]


def test_output_is_json_when_it_is_not_a_terminal(mogul: Mogul, customer: dict[str, Any]) -> None:
    assert mogul("customers", "get", customer["uuid"]).json()["uuid"] == customer["uuid"]


def test_money_stays_in_cents_unless_units_are_asked_for(
    mogul: Mogul, http: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    invoice = {
        "external_id": unique("INV"),
        "date": "2025-03-01",
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "subscription_external_id": unique("sub"),
                "plan_uuid": plan["uuid"],
                "service_period_start": "2025-03-01",
                "service_period_end": "2025-04-01",
                "amount_in_cents": 12345,
                "tax_amount_in_cents": 45,
            }
        ],
        "transactions": [],
    }
    response = http.post(f"/import/customers/{customer['uuid']}/invoices", json={"invoices": [invoice]})
    assert response.status_code == 201, response.text

    cents = mogul("invoices", "get", invoice["external_id"]).json()["line_items"][0]
    assert (cents["amount_in_cents"], cents["tax_amount_in_cents"]) == (12345, 45)
    units = mogul("invoices", "get", invoice["external_id"], "--money", "units").json()["line_items"][0]
    assert (units["amount"], units["tax_amount"]) == (123.45, 0.45)
    assert "amount_in_cents" not in units

    as_csv = mogul("invoices", "list", "--customer", customer["uuid"], "--money", "units", "-o", "csv").out
    line_items = json.loads(next(csv.DictReader(io.StringIO(as_csv)))["line_items"])
    assert line_items[0]["amount"] == 123.45


def test_a_listing_shows_a_progress_bar_on_a_terminal(
    server: Server, config_file: Path, data_source: Any
) -> None:
    env = clean_env(config_file) | {
        "CHARTMOGUL_API_KEY": server.main_key,
        "CHARTMOGUL_BASE_URL": server.base_url,
    }
    env.pop("NO_COLOR")
    command = [MOGUL, "customers", "list", "--data-source", data_source["uuid"], "--limit", "5", "-o", "json"]
    proc, shown = run_on_terminal(command, env)
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == []
    assert b"List Customers" in shown
