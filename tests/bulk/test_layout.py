"""Reading inputs into records: the documented layouts, located problems, and refused headers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from mogul.bulk import InputFileError, Location, load_records
from mogul.bulk.checks import check_fields, check_unique
from mogul.bulk.layout import (
    CUSTOMER_COLUMNS,
    INVOICE_COLUMNS,
    LINE_ITEM_FIELDS,
    PLAN_COLUMNS,
    TRANSACTION_FIELDS,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import.md"

INVOICES_CSV = """\
external_id,customer_external_id,date,currency,line_item.type,line_item.external_id,line_item.plan_external_id,line_item.subscription_external_id,line_item.service_period_start,line_item.service_period_end,line_item.amount_in_cents,line_item.quantity,line_item.prorated,line_item.description,transaction.type,transaction.result,transaction.date,transaction.external_id,transaction.amount_in_cents
inv1,c1,2024-01-01,USD,subscription,li1,gold,sub1,2024-01-01,2024-02-01,1000,2,true,,,,,,
inv1,,,,one_time,li2,,,,,500,,,Setup,,,,,
inv1,,,,,,,,,,,,,,payment,successful,2024-01-02,tr1,1500
inv2,c2,2024-01-05,EUR,subscription,li3,gold,sub2,2024-01-05,2024-02-05,2000,,,,payment,failed,2024-01-05,tr2,
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_invoice_spans_its_rows_with_line_items_and_transactions(tmp_path: Path) -> None:
    records, _, _ = load_records("invoices", write(tmp_path, "invoices.csv", INVOICES_CSV))
    assert [r.external_id for r in records] == ["inv1", "inv2"]
    first = records[0]
    assert first.body == {
        "external_id": "inv1",
        "customer_external_id": "c1",
        "date": "2024-01-01",
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "external_id": "li1",
                "plan_external_id": "gold",
                "subscription_external_id": "sub1",
                "service_period_start": "2024-01-01",
                "service_period_end": "2024-02-01",
                "amount_in_cents": 1000,
                "quantity": 2,
                "prorated": True,
            },
            {"type": "one_time", "external_id": "li2", "amount_in_cents": 500, "description": "Setup"},
        ],
        "transactions": [
            {
                "type": "payment",
                "result": "successful",
                "date": "2024-01-02",
                "external_id": "tr1",
                "amount_in_cents": 1500,
            }
        ],
    }
    assert [row.location.row for row in first.rows] == [2, 3, 4]
    # a row may carry a line item and a transaction together
    assert records[1].count("line_items") == 1
    assert records[1].count("transactions") == 1


def test_transactions_from_a_second_file_join_their_invoices(tmp_path: Path) -> None:
    invoices = write(tmp_path, "invoices.csv", INVOICES_CSV)
    transactions = write(
        tmp_path,
        "transactions.csv",
        "invoice_external_id,type,result,date,external_id\ninv2,payment,successful,2024-01-07,tr3\nnope,refund,successful,2024-01-08,tr4\n",
    )
    records, _, _ = load_records("invoices", invoices, transactions=transactions)
    by_id = {r.external_id: r for r in records}
    assert [t["external_id"] for t in by_id["inv2"].body["transactions"]] == ["tr2", "tr3"]
    assert by_id["inv2"].locate("transactions[1].date") == (Location(str(transactions), 2), "date")
    orphan = by_id["nope"]
    assert [str(p) for p in orphan.problems] == [
        f"{transactions}:3: invoice_external_id: invoice 'nope' is not in the invoices input"
    ]


def test_field_problems_point_at_the_row_and_column(tmp_path: Path) -> None:
    text = INVOICES_CSV.replace("500,,,Setup", "5.00,,,Setup").replace("2024-01-02,tr1", "Jan 2nd,tr1")
    records, _, _ = load_records("invoices", write(tmp_path, "invoices.csv", text))
    check_fields("invoices", records)
    assert [str(p) for p in records[0].problems] == [
        f"{tmp_path / 'invoices.csv'}:3: line_item.amount_in_cents: amount_in_cents must be an integer.",
        f"{tmp_path / 'invoices.csv'}:4: transaction.date: date is not a valid ISO 8601 timestamp.",
    ]
    assert records[1].problems == []


def test_conflicting_invoice_values_across_rows_are_problems(tmp_path: Path) -> None:
    text = INVOICES_CSV.replace("inv1,,,,one_time", "inv1,c1,,EUR,one_time")
    records, _, _ = load_records("invoices", write(tmp_path, "invoices.csv", text))
    assert [str(p) for p in records[0].problems] == [
        f"{tmp_path / 'invoices.csv'}:3: currency: 'EUR' differs from 'USD' on row 2 of the same invoice"
    ]


def test_external_ids_used_twice_are_problems_of_the_later_use(tmp_path: Path) -> None:
    path = write(
        tmp_path, "customers.jsonl", '{"external_id": "c1"}\n{"external_id": "c2"}\n{"external_id": "c1"}\n'
    )
    records, _, _ = load_records("customers", path)
    check_unique("customers", records)
    assert [str(p) for r in records for p in r.problems] == [
        f"{path}:3: external_id: external_id 'c1' is already used at {path}:1"
    ]


def test_unknown_and_missing_columns_refuse_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "plans.csv", "external_id,nmae,interval_count,interval_unit\np1,Gold,1,month\n")
    with pytest.raises(InputFileError) as caught:
        load_records("plans", path)
    assert str(caught.value) == (
        f"{path}:1: unknown column 'nmae'; missing column 'name' (the plans layout is in docs/import.md)"
    )


def test_json_lines_with_a_broken_line_keep_the_rest(tmp_path: Path) -> None:
    path = write(tmp_path, "plans.jsonl", '{"external_id": "p1"}\n{"external_id": \n{"external_id": "p3"}\n')
    records, _, _ = load_records("plans", path)
    assert [r.external_id for r in records] == ["p1", None, "p3"]
    assert str(records[1].problems[0]).startswith(f"{path}:2: not valid JSON:")


def test_json_accepts_an_array_or_an_object_holding_one(tmp_path: Path) -> None:
    a = write(tmp_path, "a.json", '[{"external_id": "p1"}]')
    b = write(tmp_path, "b.json", '{"plans": [{"external_id": "p1"}]}')
    assert load_records("plans", a)[0][0].body == load_records("plans", b)[0][0].body == {"external_id": "p1"}
    c = write(tmp_path, "c.json", '{"customers": []}')
    with pytest.raises(InputFileError, match="a JSON input is an array of plans"):
        load_records("plans", c)


def test_standard_input_is_read_and_its_format_sniffed() -> None:
    records, table, _ = load_records(
        "customers", "-", stdin=io.StringIO('{"external_id": "c1", "name": "A"}\n')
    )
    assert table.format == "jsonl"
    assert records[0].location == Location("<stdin>", 1)
    records, table, _ = load_records("customers", "-", stdin=io.StringIO("external_id,tags\nc1,a; b ;\n"))
    assert table.format == "csv"
    assert records[0].body == {"external_id": "c1", "attributes": {"tags": ["a", "b"]}}


def test_customer_custom_columns_become_string_attributes(tmp_path: Path) -> None:
    path = write(tmp_path, "customers.csv", "external_id,custom.segment,custom.empty\nc1,SMB,\n")
    records, _, _ = load_records("customers", path)
    assert records[0].body == {
        "external_id": "c1",
        "attributes": {"custom": [{"type": "String", "key": "segment", "value": "SMB"}]},
    }


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as caught:
        load_records("plans", tmp_path / "nope.csv")
    assert str(caught.value) == f"{tmp_path / 'nope.csv'}: no such file"


def test_every_column_is_documented() -> None:
    documented = set(re.findall(r"`([a-z_.]+)`", DOCS.read_text(encoding="utf-8")))
    columns = (
        set(CUSTOMER_COLUMNS)
        | set(PLAN_COLUMNS)
        | set(INVOICE_COLUMNS)
        | {f"line_item.{f}" for f in LINE_ITEM_FIELDS}
        | {f"transaction.{f}" for f in TRANSACTION_FIELDS}
        | {"invoice_external_id", "import_error"}
    )
    assert columns - documented == set()
