"""`--fields a,b` on read commands: those fields of each row, in that order, in a table, JSON, JSON lines
and CSV; `a.b` reaches into an object; a name no row has is a usage error that lists the ones there are."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.cli.conftest import Mogul
from tests.conftest import unique


@pytest.fixture
def listed(http: httpx.Client) -> tuple[str, ...]:
    """`customers list` of a new data source with Ada (tagged vip) and Grace, and --fields."""
    ds = http.post("/data_sources", json={"name": unique("ds")}).json()["uuid"]
    for name, tags in (("Ada", ["vip"]), ("Grace", [])):
        body = {"data_source_uuid": ds, "external_id": unique(name), "name": name}
        created = http.post("/customers", json=body).json()
        if tags:
            http.post(f"/customers/{created['uuid']}/attributes/tags", json={"tags": tags})
    return ("customers", "list", "--data-source", ds, "--fields", "name,mrr,attributes.tags")


def test_a_table_has_the_chosen_columns_in_order(mogul: Mogul, listed: tuple[str, ...]) -> None:
    result = mogul(*listed, "-o", "table")
    assert result.code == 0, result.err
    assert [line.rstrip() for line in result.out.splitlines() if line.strip()] == [
        "  name    mrr   attributes.tags",
        " " + "─" * 31,
        "  Ada       0   vip",
        "  Grace     0",
        "             2 rows",
    ]


def test_csv_json_and_json_lines_have_the_chosen_fields(mogul: Mogul, listed: tuple[str, ...]) -> None:
    assert mogul(*listed, "-o", "csv").out == "name,mrr,attributes.tags\nAda,0,vip\nGrace,0,\n"
    assert mogul(*listed, "-o", "jsonl").out == (
        '{"name":"Ada","mrr":0,"attributes.tags":["vip"]}\n{"name":"Grace","mrr":0,"attributes.tags":[]}\n'
    )
    assert mogul(*listed, "-o", "json").json() == [
        {"name": "Ada", "mrr": 0, "attributes.tags": ["vip"]},
        {"name": "Grace", "mrr": 0, "attributes.tags": []},
    ]


def test_one_object_keeps_the_chosen_fields(mogul: Mogul, customer: dict[str, Any]) -> None:
    result = mogul("customers", "get", customer["uuid"], "--fields", "email, uuid", "-o", "json")
    assert result.out == f'{{\n  "email": "{customer["email"]}",\n  "uuid": "{customer["uuid"]}"\n}}\n'


def test_a_metric_keeps_the_chosen_fields_of_its_entries(mogul: Mogul) -> None:
    args = ("metrics", "mrr", "--start-date", "2024-01-01", "--end-date", "2024-03-31", "--interval", "month")
    result = mogul(*args, "--fields", "mrr,date", "-o", "json")
    assert result.code == 0, result.err
    series = result.json()
    assert [list(entry) for entry in series["entries"]] == [["mrr", "date"]] * 3
    assert [entry["date"] for entry in series["entries"]] == ["2024-01-31", "2024-02-29", "2024-03-31"]
    assert set(series["summary"]) == {"current", "previous", "percentage-change"}


def test_a_field_no_row_has_is_a_usage_error_listing_the_fields(
    mogul: Mogul, listed: tuple[str, ...]
) -> None:
    result = mogul(*listed[:-1], "name,colour,attributes.size", "-o", "csv")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(
        "error: --fields: no field 'colour', 'attributes.size' in the answer (its fields: id, uuid, "
        "external_id, name, "
    )
    assert len(result.err.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("customers", "list", "--fields", "name,,mrr"),
            "--fields: give field names separated by commas, e.g. uuid,name (got 'name,,mrr')",
        ),
        (
            (
                "metrics",
                "mrr",
                "--start-date",
                "2024-01-01",
                "--end-date",
                "2024-01-31",
                "--fields",
                "mrr",
                "--chart",
            ),
            "--fields goes with a table, JSON or CSV; --chart draws the series",
        ),
        (
            ("customers", "create", "--fields", "name"),
            "No such option: --fields (see 'mogul customers create --help')",
        ),
    ],
)
def test_fields_misused_is_a_usage_error(mogul: Mogul, args: tuple[str, ...], message: str) -> None:
    result = mogul(*args)
    assert (result.code, result.out, result.err) == (2, "", f"error: {message}\n")
