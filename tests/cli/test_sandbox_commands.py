"""`mogul sandbox ...` end to end: the installed executable against `mogul serve` started with
MOGUL_SANDBOX_CONTROL=1 (and against one without it), with the exact lines each command prints."""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.cli.conftest import MOGUL, Mogul, Result, Server, clean_env, run_mogul
from tests.server.sandbox_world import figures, populate

WORLD = "data_sources 2, plans 3, customers 4, invoices 4, plan_groups 3"
CREATED = (
    "data_sources 2, plans 3, customers 4, invoices 4, line_items 5, transactions 2, plan_groups 3, "
    "contacts 1, customer_notes 1, opportunities 1, tasks 1"
)
CRM_NONE = "contacts 0, customer_notes 0, opportunities 0, tasks 0"
BILLING_NONE = "data_sources 0, plans 0, customers 0, invoices 0, line_items 0, transactions 0, plan_groups 0"
NONE = f"{BILLING_NONE}, {CRM_NONE}"


@pytest.fixture(scope="module")
def control(database_factory: Callable[[], str]) -> Iterator[Server]:
    """`mogul serve` with the control API switched on by its environment variable."""
    keys = (f"ctl-{uuid.uuid4().hex}", f"other-{uuid.uuid4().hex}")
    args = [MOGUL, "serve", "--port", "0", "--db", database_factory(), "--log-level", "warning"]
    for key in keys:
        args += ["--api-key", key]
    env = {**os.environ, "MOGUL_SANDBOX_CONTROL": "1"}
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        url = next(line.strip() for line in proc.stdout if line.startswith("http://"))
        warning = proc.stderr.readline()
        assert warning.endswith(
            "WARNING mogul.server: the sandbox control API is on: "
            "any key can reset its account (/v1/_sandbox)\n"
        ), warning
        yield Server(url.removesuffix("/v1"), *keys)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def sandbox(control: Server, config_file: Path) -> Callable[..., Result]:
    """`sandbox(*args, input=None)`: `mogul sandbox ARGS` on the control server's first account."""

    def run(*args: str, input: str | None = None, key: str | None = None) -> Result:
        env = clean_env(config_file)
        env["CHARTMOGUL_API_KEY"] = key or control.main_key
        env["CHARTMOGUL_BASE_URL"] = control.base_url
        result = run_mogul(("sandbox", *args), env, input)
        assert "Traceback" not in result.err, result.err
        return result

    return run


@pytest.fixture
def account(control: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=control.base_url + "/v1", auth=(control.main_key, ""), timeout=60) as client:
        assert client.post("/_sandbox/reset").status_code == 200
        yield client


def _ok(result: Result, out: str) -> None:
    assert (result.code, result.err, result.out) == (0, "", out)


def _failed(result: Result, code: int, line: str) -> None:
    assert (result.code, result.out, result.err) == (code, "", f"error: {line}\n")


def test_export_snapshot_reset_seed_restore_and_delete(
    sandbox: Callable[..., Result], account: httpx.Client, tmp_path: Path
) -> None:
    populate(account)
    before = figures(account)
    exported = tmp_path / "bundle.json"
    _ok(sandbox("export", "-o", str(exported)), f"wrote {exported}\n")
    bundle = json.loads(exported.read_text())
    assert bundle == account.get("/_sandbox/export").json()
    _ok(sandbox("snapshot", "base"), f"saved snapshot base\nobjects: {WORLD}\n")
    listed = sandbox("snapshots")
    assert (listed.code, listed.err) == (0, "")
    assert re.fullmatch(r"base\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\n", listed.out), listed.out
    _ok(sandbox("reset"), f"deleted: {WORLD}\n")
    assert account.get("/_sandbox/export").json() == {
        "mogul_bundle": 1,
        "data_sources": [],
        "plan_groups": [],
    }
    _ok(sandbox("seed", str(exported)), f"created: {CREATED}\nmatched: {NONE}\nupdated: subscriptions 1\n")
    assert figures(account) == before
    # seeding again (from standard input) matches everything and writes nothing
    _ok(sandbox("seed", "-", input=exported.read_text()), f"created: {NONE}\nmatched: {CREATED}\n")
    customer = account.get("/customers", params={"external_id": "zoe"}).json()["entries"][0]["uuid"]
    assert account.delete(f"/customers/{customer}").status_code == 204
    _ok(
        sandbox("restore", "base"),
        "restored snapshot base\n"
        "deleted: data_sources 2, plans 3, customers 3, invoices 3, plan_groups 3\n"
        f"created: {CREATED}\nmatched: {NONE}\nupdated: subscriptions 1\n",
    )
    printed = sandbox("export")
    assert (printed.code, printed.err) == (0, "")
    assert printed.out == exported.read_text()
    assert figures(account) == before
    _ok(sandbox("delete-snapshot", "base"), "deleted snapshot base\n")
    _ok(sandbox("snapshots"), "no snapshots\n")


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)


CSV_INPUTS = {
    "plans.csv": "external_id,name,interval_count,interval_unit\ngold,Gold,1,month\n",
    "customers.csv": "external_id,name,email,country,tags,custom.channel\n"
    "c1,Ada,ada@example.com,GB,vip;early,Facebook\nc2,Bob,,US,,\n",
    "invoices.csv": "external_id,customer_external_id,date,currency,line_item.type,line_item.amount_in_cents,"
    "line_item.plan_external_id,line_item.subscription_external_id,line_item.service_period_start,"
    "line_item.service_period_end\n"
    "i1,c1,2024-01-01,USD,subscription,1000,gold,s1,2024-01-01,2024-02-01\n"
    "i2,c2,2024-01-05,USD,subscription,2500,gold,s2,2024-01-05,2024-02-05\n",
    "transactions.csv": "invoice_external_id,type,date,result\ni1,payment,2024-01-02,successful\n",
}


def test_seed_from_a_folder_of_csv_inputs(
    sandbox: Callable[..., Result], account: httpx.Client, tmp_path: Path
) -> None:
    _write(tmp_path / "billing", CSV_INPUTS)
    _ok(
        sandbox("seed", str(tmp_path / "billing"), "--data-source", "Stripe"),
        "created: data_sources 1, plans 1, customers 2, invoices 2, line_items 2, transactions 1, "
        f"plan_groups 0, {CRM_NONE}\nmatched: {NONE}\n",
    )
    (source,) = account.get("/_sandbox/export").json()["data_sources"]
    assert source["name"] == "Stripe"
    assert source["customers"][0] == {
        "external_id": "c1",
        "name": "Ada",
        "email": "ada@example.com",
        "country": "GB",
        "attributes": {"tags": ["vip", "early"], "custom": {"channel": "Facebook"}},
    }
    assert source["invoices"][0]["transactions"] == [
        {"type": "payment", "date": "2024-01-02T00:00:00.000Z", "result": "successful"}
    ]
    mrr = account.get("/metrics/mrr", params={"start-date": "2024-01-10", "end-date": "2024-01-10"}).json()
    assert mrr["entries"][0]["mrr"] == 3500
    # a folder of folders: a data source each, named after its folder
    _write(tmp_path / "all" / "books", {"plans.csv": CSV_INPUTS["plans.csv"]})
    _write(tmp_path / "all" / "Stripe", CSV_INPUTS)
    _ok(
        sandbox("seed", str(tmp_path / "all")),
        "created: data_sources 1, plans 1, customers 0, invoices 0, line_items 0, transactions 0, "
        f"plan_groups 0, {CRM_NONE}\n"
        "matched: data_sources 1, plans 1, customers 2, invoices 2, line_items 2, transactions 1, "
        f"plan_groups 0, {CRM_NONE}\n",
    )
    names = [s["name"] for s in account.get("/_sandbox/export").json()["data_sources"]]
    assert names == ["Stripe", "books"]


def test_a_folder_that_cannot_be_read_is_a_usage_error_and_sends_nothing(
    sandbox: Callable[..., Result], account: httpx.Client, tmp_path: Path
) -> None:
    _write(
        tmp_path / "typo", {"plans.csv": "external_id,nme,interval_count,interval_unit\ngold,Gold,1,month\n"}
    )
    _failed(
        sandbox("seed", str(tmp_path / "typo")),
        2,
        f"{tmp_path / 'typo' / 'plans.csv'}:1: unknown column 'nme'; missing column 'name' "
        "(the plans layout is in docs/import.md)",
    )
    _write(tmp_path / "rows", {"customers.csv": "external_id,name\nc1,Ada,extra\nc2,Bob\nc3,Cy,,\n"})
    rows = tmp_path / "rows" / "customers.csv"
    _failed(
        sandbox("seed", str(tmp_path / "rows")),
        2,
        f"2 problem(s) in the inputs: {rows}:2: the row has 3 cells but the header names 2 columns; "
        f"{rows}:4: the row has 4 cells but the header names 2 columns",
    )
    _failed(sandbox("seed", str(tmp_path / "nothing")), 2, f"{tmp_path / 'nothing'}: no such file")
    (tmp_path / "empty").mkdir()
    _failed(
        sandbox("seed", str(tmp_path / "empty")),
        2,
        f"{tmp_path / 'empty'}: no plans, customers, invoices files (.csv, .jsonl or .json), "
        "here or in its folders",
    )
    (tmp_path / "b.json").write_text("{}")
    _failed(
        sandbox("seed", str(tmp_path / "b.json"), "-d", "X"),
        2,
        f"{tmp_path / 'b.json'}: a data source name goes with a folder of inputs, not a JSON bundle",
    )
    assert account.get("/data_sources").json() == {"data_sources": []}


def test_what_the_server_refuses_is_one_line_and_exit_1(
    sandbox: Callable[..., Result], account: httpx.Client, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"data_sources": [{"name": "S", "plans": [{"name": "P"}]}]}))
    _failed(
        sandbox("seed", str(bad)),
        1,
        "422 data_sources[0].plans[0].interval_count: interval_count is required.; "
        "data_sources[0].plans[0].interval_unit: interval_unit is required.",
    )
    _failed(sandbox("restore", "never"), 1, "404 Snapshot not found")
    _failed(
        sandbox("snapshot", "a b"),
        1,
        "422 name: A snapshot name is 1 to 100 letters, digits, '.', '_' or '-', "
        "the first a letter or digit.",
    )
    _failed(
        sandbox("restore", "a/b"), 2, "NAME: 'a/b' is not a snapshot name (letters, digits, '.', '_' and '-')"
    )
    _failed(
        sandbox("delete-snapshot", ".."),
        2,
        "NAME: '..' is not a snapshot name (letters, digits, '.', '_' and '-')",
    )
    assert account.get("/data_sources").json() == {"data_sources": []}


def test_a_server_without_the_control_api_and_chartmogul_itself_are_refused(
    mogul: Mogul, server: Server
) -> None:
    _failed(
        mogul("sandbox", "reset"),
        1,
        "the server does not serve the sandbox control API: start mogul serve with --sandbox-control "
        "(mogul.Sandbox serves it unless sandbox_control=False)",
    )
    _failed(
        mogul("sandbox", "reset", "--base-url", "https://api.chartmogul.com"),
        2,
        "https://api.chartmogul.com is ChartMogul itself; mogul sandbox controls a mogul serve or "
        "mogul.Sandbox (give its --base-url)",
    )
    result = mogul("sandbox", "export", connect=False)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("error: No ChartMogul credentials: "), result.err


def test_the_commands_act_on_the_key_s_account(
    sandbox: Callable[..., Result], account: httpx.Client, control: Server
) -> None:
    populate(account)
    empty = "deleted: data_sources 0, plans 0, customers 0, invoices 0, plan_groups 0\n"
    _ok(sandbox("reset", key=control.metrics_key), empty)
    _ok(sandbox("reset", "--api-key", control.metrics_key), empty)
    assert len(account.get("/data_sources").json()["data_sources"]) == 2


@pytest.mark.parametrize(
    ("flag", "env", "served"),
    [
        ("--sandbox-control", "0", True),
        ("--no-sandbox-control", "1", False),
        (None, "1", True),
        (None, "", False),
    ],
)
def test_the_serve_flag_switches_the_control_api_over_the_environment(
    flag: str | None, env: str, served: bool
) -> None:
    key = f"flag-{uuid.uuid4().hex}"
    args = [MOGUL, "serve", "--port", "0", "--db", "sqlite://", "--log-level", "warning", "--api-key", key]
    proc = subprocess.Popen(
        args + ([flag] if flag else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "MOGUL_SANDBOX_CONTROL": env},
    )
    assert proc.stdout is not None
    try:
        url = next(line.strip() for line in proc.stdout if line.startswith("http://"))
        answer = httpx.get(f"{url}/_sandbox/export", auth=(key, ""))
        assert answer.status_code == (200 if served else 404), answer.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
