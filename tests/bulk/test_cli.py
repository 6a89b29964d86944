"""`mogul import` as a user runs it: the installed executable against a real mogul serve."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from mogul.bulk.sample import generate
from mogul.server.sandbox import Sandbox
from tests.conftest import unique
from tests.terminal import run_on_terminal

MOGUL = str(Path(sys.executable).parent / "mogul")


def mogul(
    *args: str, sandbox: Sandbox | None, tmp_path: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHARTMOGUL_")}
    env["MOGUL_CONFIG"] = str(tmp_path / "no-profiles.toml")
    env["COLUMNS"] = "200"
    if sandbox is not None:
        env |= {"CHARTMOGUL_API_KEY": sandbox.api_key, "CHARTMOGUL_BASE_URL": sandbox.base_url}
    return subprocess.run(
        [MOGUL, "import", *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_an_import_prints_its_report_and_exits_0(sandbox: Sandbox, api: httpx.Client, tmp_path: Path) -> None:
    history = generate(customers=5, invoices_per_customer=3, seed=11)
    paths = history.write_csv(tmp_path)
    invoices = len(history.invoices)
    lines_ = sum(len(i["line_items"]) for i in history.invoices)
    trans = sum(len(i["transactions"]) for i in history.invoices)
    name = unique("ds")
    for kind in ("plans", "customers"):
        assert mogul(kind, str(paths[kind]), "-d", name, sandbox=sandbox, tmp_path=tmp_path).returncode == 0
    done = mogul(
        "invoices", str(paths["invoices"]), "-d", name, "--errors", str(tmp_path / "failed.csv"),
        sandbox=sandbox, tmp_path=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    ds = api.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]
    assert lines[0].startswith(f"read {invoices} invoices; sent to data source {ds} in ")
    assert lines[0].endswith(" s (1 batch, bulk)")
    assert lines[1:] == [
        f"  invoices:     {invoices} created, 0 already there, 0 failed",
        f"  line items:   {lines_} created, 0 already there, 0 failed",
        f"  transactions: {trans} created, 0 already there, 0 failed",
        f"failed rows written to {tmp_path / 'failed.csv'}",
    ]
    # no failures: the errors file holds just the header (with the reasons column)
    with open(tmp_path / "failed.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh))[-1] == "import_error"


def test_a_dry_run_lists_the_problems_on_stderr_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(
        "external_id,country,lead_created_at\nc1,DE,2020-01-01\n,XX,\nc3,FR,soon\n", encoding="utf-8"
    )
    failed = tmp_path / "failed.csv"
    done = mogul(
        "customers", str(path), "--dry-run", "--errors", str(failed), sandbox=None, tmp_path=tmp_path
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "note: no connection: customer and plan references were not checked",
        "3 problems in the input (those records are not sent):",
        f"  {path}:3: country: country must be an ISO 3166-1 alpha-2 country code, got 'XX'.",
        f"  {path}:3: external_id: external_id is required.",
        f"  {path}:4: lead_created_at: lead_created_at is not a valid ISO 8601 timestamp.",
    ]
    assert done.stdout.splitlines() == [
        "dry run: 3 customers read, 2 with problems (3 problems); nothing was sent",
        f"rows with problems written to {failed}",
    ]
    # the rows as they were, each with its problems: fix them there and import that file
    with open(failed, encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh)) == [
            ["external_id", "country", "lead_created_at", "import_error"],
            [
                "",
                "XX",
                "",
                f"{path}:3: country: country must be an ISO 3166-1 alpha-2 country code, got 'XX'.; "
                f"{path}:3: external_id: external_id is required.",
            ],
            [
                "c3",
                "FR",
                "soon",
                f"{path}:4: lead_created_at: lead_created_at is not a valid ISO 8601 timestamp.",
            ],
        ]


def test_a_file_with_an_unknown_column_is_refused_in_one_line_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "plans.csv"
    path.write_text("external_id,name,interval_count,interval_unit,colour\n", encoding="utf-8")
    done = mogul("plans", str(path), "--dry-run", sandbox=None, tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"error: {path}:1: unknown column 'colour' (the plans layout is in docs/import.md)"
    )


def test_one_problem_is_said_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("external_id,country\nc1,Narnia\n")
    done = mogul("customers", str(path), "--dry-run", sandbox=None, tmp_path=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "note: no connection: customer and plan references were not checked",
        "1 problem in the input (those records are not sent):",
        f"  {path}:2: country: country must be an ISO 3166-1 alpha-2 country code, got 'Narnia'.",
    ]
    assert done.stdout == "dry run: 1 customer read, 1 with problems (1 problem); nothing was sent\n"


WHOLE = "is not a whole number from 1 to 1000"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["things", "x.csv"], "'kind': 'things' is not one of 'customers', 'plans', 'invoices'"),
        (["plans", "x.csv", "--batch-size", "0"], f"'--batch-size': '0' {WHOLE}"),
        (["plans", "x.csv", "--batch-size", "1001"], f"'--batch-size': '1001' {WHOLE}"),
        (["plans", "x.csv", "--batch-size", "2.5"], f"'--batch-size': '2.5' {WHOLE}"),
    ],
)
def test_a_wrong_kind_or_batch_size_is_one_line_with_exit_2(
    args: list[str], message: str, tmp_path: Path
) -> None:
    done = mogul(*args, "--dry-run", sandbox=None, tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr == f"error: Invalid value for {message} (see 'mogul import --help')\n"


def test_a_batch_size_is_taken_with_its_value(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "plans.jsonl"
    plan = '{{"external_id": "p{0}", "name": "P{0}", "interval_count": 1, "interval_unit": "month"}}\n'
    path.write_text("".join(plan.format(n) for n in range(5)))
    args = ["plans", str(path), "-d", unique("ds"), "--batch-size", " 2"]
    done = mogul(*args, sandbox=sandbox, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "(3 batches, bulk)" in done.stdout


def test_a_terminal_shows_the_notes_and_a_progress_bar(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "plans.jsonl"
    path.write_text(
        '{"external_id": "p", "name": "P :smile: [b]x[/b]", "interval_count": 1, "interval_unit": "month"}\n'
    )
    name = unique("ds")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHARTMOGUL_") and k != "NO_COLOR"}
    env |= {"CHARTMOGUL_API_KEY": sandbox.api_key, "CHARTMOGUL_BASE_URL": sandbox.base_url}
    env |= {"MOGUL_CONFIG": str(tmp_path / "no-profiles.toml"), "COLUMNS": "200"}
    proc, shown = run_on_terminal([MOGUL, "import", "plans", str(path), "-d", name, "--batch-size", "1"], env)
    assert proc.returncode == 0
    assert f"note: created data source {name!r}".encode() in shown
    assert b"importing plans" in shown
    assert proc.stdout.decode().splitlines()[-1] == "  plans:        1 created, 0 already there, 0 failed"


def test_without_a_data_source_nothing_is_sent_and_it_exits_2(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "plans.jsonl"
    path.write_text('{"external_id": "p", "name": "P", "interval_count": 1, "interval_unit": "month"}\n')
    done = mogul("plans", str(path), sandbox=sandbox, tmp_path=tmp_path)
    assert done.returncode == 2
    assert (
        done.stderr.strip() == "error: --data-source: say which data source to import into (name or ds_ uuid)"
    )


def test_an_unreachable_target_is_one_line_with_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "plans.jsonl"
    path.write_text('{"external_id": "p", "name": "P", "interval_count": 1, "interval_unit": "month"}\n')
    done = mogul(
        "plans", str(path), "-d", "x", "--api-key", "k", "--base-url", "http://127.0.0.1:9",
        sandbox=None, tmp_path=tmp_path,
    )  # fmt: skip
    assert done.returncode == 3
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("error: GET /v1/data_sources: cannot reach http://127.0.0.1:9")


def test_standard_input_is_imported(sandbox: Sandbox, api: httpx.Client, tmp_path: Path) -> None:
    name = unique("ds")
    done = mogul(
        "customers", "-", "-d", name, sandbox=sandbox, tmp_path=tmp_path,
        stdin='{"external_id": "c1", "name": "One"}\n{"external_id": "c2", "name": "Two"}\n',
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "  customers:    2 created, 0 already there, 0 failed" in done.stdout.splitlines()
    ds = api.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]
    assert [c["name"] for c in api.get("/customers", params={"data_source_uuid": ds}).json()["entries"]] == [
        "One",
        "Two",
    ]


def test_help_names_the_kinds_and_the_layout_documentation() -> None:
    done = subprocess.run(
        [MOGUL, "import", "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}
    )
    assert done.returncode == 0
    assert "docs/import.md" in done.stdout
    assert "customers|plans|invoices" in done.stdout


def test_a_combined_import_prints_one_report_for_every_input_and_exits_0(
    sandbox: Sandbox, api: httpx.Client, tmp_path: Path
) -> None:
    history = generate(customers=5, invoices_per_customer=3, seed=12)
    paths = history.write_csv(tmp_path)
    lines_ = sum(len(i["line_items"]) for i in history.invoices)
    trans = sum(len(i["transactions"]) for i in history.invoices)
    name = unique("ds")
    failed = tmp_path / "failed.csv"
    done = mogul(
        "invoices", str(paths["invoices"]), "--plans", str(paths["plans"]), "--customers",
        str(paths["customers"]), "-d", name, "--errors", str(failed), sandbox=sandbox, tmp_path=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    ds = api.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]
    assert done.stderr.splitlines() == [f"note: created data source {name!r} ({ds})"]
    lines = done.stdout.splitlines()
    assert re.fullmatch(
        rf"read 4 plans, 5 customers, {len(history.invoices)} invoices; sent to data source {ds} \(created\) "
        r"in \d+\.\d s \(3 batches, bulk\)",
        lines[0],
    ), lines[0]
    assert re.fullmatch(
        r"time: \d+\.\d s reading and checking; "
        r"sending plans \d+\.\d s, customers \d+\.\d s, invoices \d+\.\d s",
        lines[1],
    ), lines[1]
    errors_files = [tmp_path / "failed.plans.csv", tmp_path / "failed.customers.csv", failed]
    assert lines[2:] == [
        "  plans:        4 created, 0 already there, 0 failed",
        "  customers:    5 created, 0 already there, 0 failed",
        f"  invoices:     {len(history.invoices)} created, 0 already there, 0 failed",
        f"  line items:   {lines_} created, 0 already there, 0 failed",
        f"  transactions: {trans} created, 0 already there, 0 failed",
        f"failed rows written to {', '.join(map(str, errors_files))}",
    ]
    # nothing failed: each errors file holds just its input's header (with the reasons column)
    inputs = [paths["plans"], paths["customers"], paths["invoices"]]
    assert [p.read_text().splitlines() for p in errors_files] == [
        [p.read_text().splitlines()[0] + ",import_error"] for p in inputs
    ]


def test_a_combined_dry_run_lists_the_problems_of_every_input_at_once_and_sends_nothing(
    sandbox: Sandbox, api: httpx.Client, tmp_path: Path
) -> None:
    history = generate(customers=3, invoices_per_customer=2, seed=13)
    paths = history.write_csv(tmp_path)
    plans = paths["plans"].read_text().splitlines()
    paths["plans"].write_text("\n".join([*plans, "plan_weekly,Weekly,1,week"]) + "\n", encoding="utf-8")
    invoices = paths["invoices"].read_text().splitlines()
    invoices[1] = invoices[1].replace(",USD,", ",EURO,", 1)
    paths["invoices"].write_text("\n".join(invoices) + "\n", encoding="utf-8")
    name = unique("ds")
    done = mogul(
        "invoices", str(paths["invoices"]), "--plans", str(paths["plans"]), "--customers",
        str(paths["customers"]), "-d", name, "--dry-run", sandbox=sandbox, tmp_path=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1
    # the invoices name customers and plans of the other inputs: none is missing
    assert done.stderr.splitlines() == [
        f"note: data source {name!r} does not exist yet; an import creates it",
        "2 problems in the inputs (those records are not sent):",
        f"  {paths['plans']}:6: interval_unit: interval_unit must be one of: day, month, year.",
        f"  {paths['invoices']}:2: currency: currency must be an ISO 4217 currency code, got 'EURO'.",
    ]
    assert done.stdout.splitlines() == [
        f"dry run: 5 plans, 3 customers, {len(history.invoices)} invoices read, "
        "2 with problems (2 problems); nothing was sent"
    ]
    assert api.get("/data_sources", params={"name": name}).json()["data_sources"] == []
    assert not list(tmp_path.glob("*.mogul-state.json"))


def test_an_unreadable_extra_input_stops_the_run_before_anything_is_sent_with_exit_2(
    sandbox: Sandbox, api: httpx.Client, tmp_path: Path
) -> None:
    paths = generate(customers=2, invoices_per_customer=1, seed=14).write_csv(tmp_path)
    paths["customers"].write_text("external_id,nickname\nc1,Bob\n", encoding="utf-8")
    name = unique("ds")
    done = mogul(
        "invoices", str(paths["invoices"]), "--plans", str(paths["plans"]), "--customers",
        str(paths["customers"]), "-d", name, sandbox=sandbox, tmp_path=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {paths['customers']}:1: unknown column 'nickname' "
        "(the customers layout is in docs/import.md)"
    ]
    assert api.get("/data_sources", params={"name": name}).json()["data_sources"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["customers", "customers.csv", "--customers", "more.csv"],
            "--customers: goes with invoices only; import a customers file as `mogul import customers FILE`",
        ),
        (
            ["plans", "plans.csv", "--customers", "customers.csv"],
            "--customers: goes with invoices only; import a customers file as `mogul import customers FILE`",
        ),
        (
            ["plans", "plans.csv", "--plans", "more.csv"],
            "--plans: goes with customers or invoices only; import a plans file as `mogul import plans FILE`",
        ),
        (
            ["customers", "customers.csv", "--plans", "plans.csv", "--transactions", "t.csv"],
            "--transactions: a transactions input goes with invoices only",
        ),
        (
            ["invoices", "-", "--customers", "-"],
            "standard input (-) is given as the customers and the invoices input; only one input can come "
            "from it",
        ),
    ],
    ids=[
        "customers-with-customers",
        "customers-with-plans",
        "plans-with-plans",
        "transactions",
        "stdin-twice",
    ],
)
def test_inputs_that_cannot_go_together_are_one_line_with_exit_2(
    sandbox: Sandbox, api: httpx.Client, tmp_path: Path, args: list[str], message: str
) -> None:
    name = unique("ds")
    done = mogul(*args, "-d", name, sandbox=sandbox, tmp_path=tmp_path, stdin="")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"error: {message}"]
    assert done.stdout == ""
    assert api.get("/data_sources", params={"name": name}).json()["data_sources"] == []
