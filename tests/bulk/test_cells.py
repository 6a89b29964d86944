"""Invoice CSV cells typed by their column, and external ids of line items and transactions used twice."""

from __future__ import annotations

from pathlib import Path

from mogul.bulk import load_records
from mogul.bulk.checks import check_fields, check_unique
from mogul.server.wire import DUPLICATE_LINE_ITEM

HEADER = (
    "external_id,customer_external_id,date,currency,line_item.type,line_item.external_id,"
    "line_item.amount_in_cents,line_item.quantity,line_item.prorated,line_item.description,"
    "transaction.type,transaction.date,transaction.result,transaction.external_id,transaction.amount_in_cents\n"
)


def test_cells_are_typed_by_column_and_what_does_not_fit_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "invoices.csv"
    path.write_text(
        HEADER
        + "inv1,c1,2024-01-01,USD,one_time,li1, 1000 ,+2,yes, Setup ,,,,,\n"
        + "inv1,,,,one_time,li2,-5,\u0661\u0662,F,,,,,,\n"
        + "inv1,,,,one_time,li3,5.00, ,maybe,,payment,2024-01-02,successful,tr1,0\n",
        encoding="utf-8",
    )
    records, _, _ = load_records("invoices", path)
    lines = records[0].body["line_items"]
    assert lines == [
        {
            "type": "one_time",
            "external_id": "li1",
            "amount_in_cents": 1000,
            "quantity": 2,
            "prorated": True,
            "description": "Setup",
        },
        {"type": "one_time", "external_id": "li2", "amount_in_cents": -5, "quantity": 12, "prorated": False},
        {"type": "one_time", "external_id": "li3", "amount_in_cents": "5.00", "prorated": "maybe"},
    ]
    assert records[0].body["transactions"] == [
        {
            "type": "payment",
            "date": "2024-01-02",
            "result": "successful",
            "external_id": "tr1",
            "amount_in_cents": 0,
        }
    ]
    check_fields("invoices", records)
    assert [str(p) for p in records[0].problems] == [
        f"{path}:4: line_item.amount_in_cents: amount_in_cents must be an integer.",
        f"{path}:4: line_item.prorated: prorated must be true or false.",
    ]


def test_line_item_and_transaction_ids_used_twice_are_problems_where_they_are_used(tmp_path: Path) -> None:
    path = tmp_path / "invoices.csv"
    path.write_text(
        HEADER
        + "inv1,c1,2024-01-01,USD,one_time,li1,100,,,,payment,2024-01-02,successful,tr1,100\n"
        + "inv2,c1,2024-02-01,USD,one_time,li2,100,,,,payment,2024-02-02,successful,tr2,100\n"
        + "inv2,,,,one_time,li2,100,,,,payment,2024-02-02,successful,tr2,100\n"
        + "inv3,c2,2024-03-01,USD,one_time,li1,100,,,,payment,2024-03-02,successful,tr1,100\n"
        + "inv1,,,,,,,,,,,,,,\n",
        encoding="utf-8",
    )
    records, _, _ = load_records("invoices", path)
    check_fields("invoices", records)
    check_unique("invoices", records)
    problems = {r.external_id: [str(p) for p in r.problems] for r in records}
    assert problems == {
        "inv1": [],
        # twice within one invoice: the invoice's own check, on its first line item's row
        "inv2": [
            f"{path}:3: line_item.external_id: {DUPLICATE_LINE_ITEM}",
            f"{path}:3: transaction.external_id: has already been taken",
        ],
        # used by an earlier invoice: a problem of the later use
        "inv3": [
            f"{path}:5: line_item.external_id: external_id 'li1' is already used at {path}:2",
            f"{path}:5: transaction.external_id: external_id 'tr1' is already used at {path}:2",
        ],
    }
