"""Reading CSV inputs into rows: cells by column position, the rows skipped or refused, row numbers, and
the rows kept for the errors file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mogul.bulk import Location, load_records
from mogul.bulk.readers import read_table
from mogul.bulk.report import Failure, write_errors


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_keeps_a_cell_for_each_column_and_writes_back_its_filled_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "plans.csv", "external_id,name,interval_count,interval_unit\np1,,1, \np2,Gold\n")
    table = read_table(path, "plans")
    assert table.header == ["external_id", "name", "interval_count", "interval_unit"]
    # a short row's missing cells are empty ones
    assert [(row.location, row.data) for row in table.rows] == [
        (Location(str(path), 2), ["p1", "", "1", " "]),
        (Location(str(path), 3), ["p2", "Gold", "", ""]),
    ]
    # the errors file gets the non-empty cells by column, as they were written
    assert [row.values for row in table.rows] == [
        {"external_id": "p1", "interval_count": "1", "interval_unit": " "},
        {"external_id": "p2", "name": "Gold"},
    ]
    records, _, _ = load_records("plans", path)
    assert [r.body for r in records] == [
        {"external_id": "p1", "interval_count": 1},
        {"external_id": "p2", "name": "Gold"},
    ]


def test_blank_rows_are_skipped_and_later_rows_keep_their_numbers(tmp_path: Path) -> None:
    text = (
        "\ufeffexternal_id,name,interval_count,interval_unit\n"
        "\n"
        ",,,\n"
        " ,\t, ,\u00a0\n"
        'p1,"Gold\nand more",1,month\n'
        "p2,Silver,1,month\n"
        ",Bronze,1,month\n"
    )
    path = write(tmp_path, "plans.csv", text)
    table = read_table(path, "plans")
    # the byte order mark is not part of the first column's name
    assert table.header[0] == "external_id"
    # rows are counted as a spreadsheet counts them: a quoted cell over two lines is one row
    assert [row.location.row for row in table.rows] == [5, 6, 7]
    assert table.rows[0].data[1] == "Gold\nand more"
    assert table.problems == []


def test_a_row_with_more_cells_than_columns_is_a_problem_unless_its_columns_are_blank(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "plans.csv",
        "external_id,name,interval_count,interval_unit\n"
        "p1,Gold,1,month,extra\n"
        " , ,,,extra\n"
        "p2,Silver,1,month\n",
    )
    table = read_table(path, "plans")
    assert [str(p) for p in table.problems] == [
        f"{path}:2: the row has 5 cells but the header names 4 columns"
    ]
    # (row 3 has nothing under the header's columns: it is blank, whatever follows)
    assert [row.location.row for row in table.rows] == [4]
    records, _, _ = load_records("plans", path)
    assert [(str(r.location), r.complete, [str(p) for p in r.problems]) for r in records] == [
        (f"{path}:2", False, [f"{path}:2: the row has 5 cells but the header names 4 columns"]),
        (f"{path}:4", True, []),
    ]


def test_the_errors_files_column_is_read_back_but_not_imported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "invoices.csv",
        "external_id,import_error,customer_external_id,date,currency,line_item.type,line_item.amount_in_cents\n"
        "inv1,bad currency,c1,2024-01-01,USD,one_time,500\n"
        "inv1,,,,,one_time,700\n",
    )
    records, table, _ = load_records("invoices", path)
    assert records[0].body == {
        "external_id": "inv1",
        "customer_external_id": "c1",
        "date": "2024-01-01",
        "currency": "USD",
        "line_items": [
            {"type": "one_time", "amount_in_cents": 500},
            {"type": "one_time", "amount_in_cents": 700},
        ],
    }
    assert records[0].locate("line_items[1].amount_in_cents") == (
        Location(str(path), 3),
        "line_item.amount_in_cents",
    )
    # written again, the failed rows keep their cells and get the new reason
    errors = tmp_path / "failed.csv"
    reason = [records[0].at("currency", "still bad")]
    write_errors(errors, table.format, table.header, records, [Failure(0, reason)])
    assert list(csv.reader(io.StringIO(errors.read_text(encoding="utf-8")))) == [
        [
            "external_id",
            "customer_external_id",
            "date",
            "currency",
            "line_item.type",
            "line_item.amount_in_cents",
            "import_error",
        ],
        ["inv1", "c1", "2024-01-01", "USD", "one_time", "500", f"{path}:2: currency: still bad"],
        ["inv1", "", "", "", "one_time", "700", f"{path}:2: currency: still bad"],
    ]


def test_a_conflict_names_the_row_that_first_gave_the_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "invoices.csv",
        "external_id,customer_external_id,date,currency,line_item.type,line_item.amount_in_cents\n"
        "inv1,c1,2024-01-01, ,one_time,500\n"
        "inv1,,,USD,one_time,600\n"
        "inv1,,,USD,one_time,700\n"
        "inv1,, 2024-01-01 ,EUR,one_time,800\n",
    )
    records, _, _ = load_records("invoices", path)
    assert records[0].body["currency"] == "USD"
    # the first row's currency cell is blank: the value came from row 3
    assert [str(p) for p in records[0].problems] == [
        f"{path}:5: currency: 'EUR' differs from 'USD' on row 3 of the same invoice"
    ]
