"""The CLI's parts in process: the command tree from the registry, the README table, renderers, the chart,
`--data` merging and the error mapping."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer

from mogul import errors
from mogul.cli import commands, exits
from mogul.cli.chart import bar, bar_chart, series_key
from mogul.cli.docs import module_table, readme_section
from mogul.cli.output import Printer, in_units, table_columns
from mogul.modules import registry

README = Path(__file__).resolve().parents[2] / "README.md"


def _tree() -> Any:
    app = typer.Typer()
    commands.register(app)
    return typer.main.get_command(app)


def test_every_module_is_a_command_named_after_its_group_and_action() -> None:
    root = _tree()
    for group in registry.groups():
        name = group.name.replace("_", "-")
        assert name in root.commands, name
        if len(group.modules) == 1:
            continue
        sub = root.commands[name]
        for module in group.modules:
            assert commands.action_command(module.action) in sub.commands, module.id
    assert set(root.commands["plan-groups"].commands) == {
        "list",
        "plans",
        "get",
        "create",
        "update",
        "delete",
    }
    assert set(root.commands["invoices"].commands) == {
        "list",
        "get",
        "import",
        "delete",
        "import-transaction",
        "update",
        "disable",
        "enable",
        "update-status",
    }


def test_options_are_the_fields_in_kebab_case_and_the_object_is_an_argument() -> None:
    create = _tree().commands["customers"].commands["create"]
    options = {decl for p in create.params for decl in getattr(p, "opts", [])}
    for expected in (
        "--data-source",
        "--external-id",
        "--lead-created-at",
        "--tag",
        "--tags",
        "--custom",
        "--data",
    ):
        assert expected in options
    for connection in (
        "--api-key",
        "--token",
        "--secret",
        "--base-url",
        "--profile",
        "-o",
        "--output",
        "--money",
    ):
        assert connection in options
    get = _tree().commands["customers"].commands["get"]
    assert [p.name for p in get.params if p.param_type_name == "argument"] == ["arg_customer"]
    assert "--data" not in {d for p in get.params for d in getattr(p, "opts", [])}
    api = _tree().commands["api"]
    assert [p.name for p in api.params if p.param_type_name == "argument"] == ["arg_method", "arg_url"]
    assert {"-q", "-H", "--body", "--include"} <= {d for p in api.params for d in getattr(p, "opts", [])}


def test_readme_documents_every_exit_code() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| exit code |") :].split("\n\n", 1)[0]
    codes = [int(line.split("|")[1]) for line in table.splitlines()[2:]]
    constants = [exits.OK, exits.API, exits.USAGE, exits.CONNECTION, exits.INTERNAL, exits.INTERRUPTED]
    assert codes == [*constants, exits.BROKEN_PIPE]


def test_readme_names_every_error_a_caller_catches() -> None:
    text = README.read_text(encoding="utf-8")
    for name in ("InputError", "ConfigError", "ForbiddenError", "MogulError"):
        assert f"`{name}`" in text or f"mogul.errors.{name}`" in text, name
        assert issubclass(getattr(errors, name), errors.MogulError)


def test_readme_module_table_matches_the_registry() -> None:
    assert readme_section(README.read_text(encoding="utf-8")) == module_table()


def test_module_table_has_a_row_per_module() -> None:
    rows = [line for line in module_table().splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == len(registry.modules())
    assert "| Create a Customer | `customers.create` | `mogul customers create` |" in rows
    assert "| Make an API Call | `api.call` | `mogul api METHOD PATH` |" in rows
    assert (
        "| List Plans in a Plan Group * | `plan_groups.list_plans` | `mogul plan-groups plans PLAN_GROUP` |"
        in rows
    )


def test_data_fields_sit_under_explicit_options_and_chartmogul_shapes_are_read() -> None:
    create = registry.get("customers.create")
    merged = commands.merge_data(
        create,
        {"data_source_uuid": "ds_1", "external_id": "from-file", "attributes": {"tags": ["a"]}},
        {"external_id": "explicit"},
    )
    assert merged == {"data_source": "ds_1", "external_id": "explicit", "tags": ["a"]}
    imported = commands.merge_data(registry.get("invoices.import"), {"invoices": [{"external_id": "i1"}]}, {})
    assert imported == {"external_id": "i1"}
    with pytest.raises(exits.UsageProblem, match="imports one invoice; the file holds 2"):
        commands.merge_data(registry.get("invoices.import"), {"invoices": [{}, {}]}, {})


def test_money_in_units_renames_cents_fields_and_converts_metric_amounts() -> None:
    invoice = {"currency": "USD", "line_items": [{"amount_in_cents": 1999, "quantity": 2}]}
    assert in_units(invoice) == {
        "currency": "USD",
        "line_items": [{"amount": Decimal("19.99"), "quantity": 2}],
    }
    yen = {"currency": "JPY", "amount_in_cents": 500}
    assert in_units(yen) == {"currency": "JPY", "amount": Decimal("500")}
    mrr = {
        "entries": [{"date": "2025-01-31", "mrr": 1050, "percentage-change": 5.0}],
        "summary": {"current": 1050},
    }
    assert in_units(mrr) == {
        "entries": [{"date": "2025-01-31", "mrr": Decimal("10.50"), "percentage-change": 5.0}],
        "summary": {"current": Decimal("10.50")},
    }
    customers = {"entries": [{"date": "2025-01-31", "customers": 3}], "summary": {"current": 3}}
    assert in_units(customers) == customers


def test_json_and_csv_printers() -> None:
    out = io.StringIO()
    Printer("json", "units", out).one({"amount_in_cents": 250, "name": "x"})
    assert out.getvalue() == '{\n  "amount": 2.5,\n  "name": "x"\n}\n'
    out = io.StringIO()
    Printer("csv", out=out).many([{"a": 1, "tags": ["x", "y"]}, {"a": 2, "b": {"k": None}}])
    assert out.getvalue() == 'a,tags,b\n1,"x, y",\n2,,"{""k"":null}"\n'
    out = io.StringIO()
    assert Printer("jsonl", out=out).many(iter([{"a": 1}, {"a": 2}])) == 2
    assert out.getvalue() == '{"a":1}\n{"a":2}\n'
    out = io.StringIO()
    Printer("json", out=out).many([])
    assert out.getvalue() == "[]\n"
    out = io.StringIO()
    Printer("table", out=out).many([])
    assert out.getvalue() == "0 rows\n"


def test_table_columns_leave_out_empty_and_busy_fields_first() -> None:
    rows = [{"id": 1, "uuid": "cus_1", "name": "Ada", "owner": None, "attributes": {"tags": []}, "url_x": ""}]
    assert table_columns(rows, 200) == (["id", "uuid", "name", "attributes"], 0)
    assert table_columns(rows, 20) == (["uuid", "name"], 2)


def test_bar_chart_in_eighths_scaled_to_the_largest_value() -> None:
    assert bar(1.0, 4) == "████"
    assert bar(0.5, 3) == "█▌"
    assert bar(0.0, 5) == ""
    entries = [
        {"date": "2025-01-31", "mrr": 100},
        {"date": "2025-02-28", "mrr": 50},
        {"date": "2025-03-31", "mrr": -25},
    ]
    assert series_key(entries) == "mrr"
    assert bar_chart(entries, "mrr", width=30).splitlines() == [
        "mrr",
        "2025-01-31  █████████████  100",
        "2025-02-28  ██████▌         50",
        "2025-03-31  ----           -25",
    ]


@pytest.mark.parametrize(
    ("exc", "code", "message"),
    [
        (errors.InputError("is mandatory (Name)", field="name"), 2, "--name: is mandatory (Name)"),
        (errors.InputError("bad", field="line_items[0].type"), 2, "line_items[0].type: bad"),
        (
            errors.ValidationError("external_id: taken", status=422, errors={"external_id": "taken"}),
            1,
            "422 external_id: taken",
        ),
        (errors.NotFoundError("Customer not found", status=404), 1, "404 Customer not found"),
        (errors.APIConnectionError("cannot reach http://x: refused"), 3, "cannot reach http://x: refused"),
        (
            errors.APITimeoutError("no answer from http://x within 1 s"),
            3,
            "no answer from http://x within 1 s",
        ),
        (errors.ConfigError("No ChartMogul credentials."), 2, "No ChartMogul credentials."),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_each_failure_maps_to_its_exit_code_and_one_line(exc: BaseException, code: int, message: str) -> None:
    assert exits.describe(exc, {"name": "--name"}) == (code, message)


def test_an_unexpected_exception_is_an_internal_error_with_exit_4() -> None:
    code, message = exits.describe(RuntimeError("boom\nsecond line"))
    assert code == 4
    assert message.startswith("internal error: RuntimeError: boom second line (this is a bug in mogul")
    assert "\n" not in message
