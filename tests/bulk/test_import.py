"""`mogul.bulk.import_file` against a real mogul serve: exact content, matching, bad rows, resuming."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mogul.bulk import ImportAborted, Listener, import_file
from mogul.bulk.sample import History, generate
from mogul.client import Client
from mogul.server.sandbox import Sandbox
from tests.bulk.content import expected, stored
from tests.conftest import unique


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[Client]:
    # no pacing: the sandbox has no rate limit, and the tests should be quick
    with Client(sandbox.api_key, base_url=sandbox.base_url, rate_limit=None) as c:
        yield c


def load(client: Client, paths: dict[str, Path], ds: str, **options: Any) -> dict[str, Any]:
    """Import plans, customers and invoices; returns the three reports."""
    return {
        kind: import_file(kind, paths[kind], data_source=ds, client=client, **options)
        for kind in ("plans", "customers", "invoices")
    }


def ds_uuid(api: httpx.Client, name: str) -> str:
    return api.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]


def test_thousands_of_invoices_arrive_exactly_as_in_the_file(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=120, invoices_per_customer=25, seed=1)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    reports = load(client, paths, name)
    invoices = reports["invoices"]
    assert invoices.ok, invoices.lines()
    assert invoices.counts["invoices"] == {"created": len(history.invoices), "matched": 0, "failed": 0}
    assert invoices.counts["line_items"]["created"] == sum(len(i["line_items"]) for i in history.invoices)
    assert invoices.counts["transactions"]["created"] == sum(len(i["transactions"]) for i in history.invoices)
    # 3,004 invoices in batches of at most 1,000 (the default), each customer's invoices together
    assert invoices.batches == 4
    assert reports["customers"].counts["customers"] == {"created": 120, "matched": 0, "failed": 0}
    assert stored(api, ds_uuid(api, name)) == expected(history)
    # the state file is gone once every batch is done
    assert not (tmp_path / "invoices.csv.mogul-state.json").exists()


def test_the_fallback_path_ends_with_the_same_data(api: httpx.Client, client: Client, tmp_path: Path) -> None:
    history = generate(customers=30, invoices_per_customer=8, seed=2)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    reports = load(client, paths, name, fallback=True, batch_size=50)
    assert all(r.ok and r.mode == "fallback" for r in reports.values())
    assert reports["invoices"].counts["invoices"] == {
        "created": len(history.invoices),
        "matched": 0,
        "failed": 0,
    }
    assert stored(api, ds_uuid(api, name)) == expected(history)


@pytest.mark.parametrize("fallback", [False, True], ids=["bulk", "fallback"])
def test_importing_the_same_files_again_matches_everything(
    api: httpx.Client, client: Client, tmp_path: Path, fallback: bool
) -> None:
    history = generate(customers=10, invoices_per_customer=4, seed=3)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    load(client, paths, name)
    again = load(client, paths, name, fallback=fallback)
    assert again["plans"].counts["plans"] == {"created": 0, "matched": 4, "failed": 0}
    assert again["customers"].counts["customers"] == {"created": 0, "matched": 10, "failed": 0}
    assert again["invoices"].counts["invoices"] == {
        "created": 0,
        "matched": len(history.invoices),
        "failed": 0,
    }
    assert stored(api, ds_uuid(api, name)) == expected(history)


def test_json_lines_and_a_transactions_file_give_the_same_data(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=8, invoices_per_customer=5, seed=4)
    jsonl = history.write_jsonl(tmp_path / "jsonl")
    name = unique("ds")
    assert all(r.ok for r in load(client, jsonl, name).values())
    assert stored(api, ds_uuid(api, name)) == expected(history)
    split = history.write_csv(tmp_path / "csv", transactions_file=True)
    other = unique("ds")
    import_file("plans", split["plans"], data_source=other, client=client)
    import_file("customers", split["customers"], data_source=other, client=client)
    report = import_file(
        "invoices", split["invoices"], transactions=split["transactions"], data_source=other, client=client
    )
    assert report.ok, report.lines()
    assert stored(api, ds_uuid(api, other)) == expected(history)


BAD_ROWS = {
    # row -> (column, value): what each bad row gets
    "amount": ("line_item.amount_in_cents", "12.50"),
    "customer": ("customer_external_id", "cus_nobody"),
    "plan": ("line_item.plan_external_id", "plan_tin"),
    "date": ("date", "yesterday"),
}


def spoil(path: Path, invoice_ids: dict[str, str]) -> list[dict[str, str]]:
    """Rewrite the invoices CSV with one problem on the first row of each chosen invoice."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    for problem, invoice in invoice_ids.items():
        column, value = BAD_ROWS[problem]
        first = next(r for r in rows if r["external_id"] == invoice)
        first[column] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def test_bad_rows_are_reported_and_the_errors_file_can_be_fixed_and_imported(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=20, invoices_per_customer=6, seed=5)
    paths = history.write_csv(tmp_path)
    bad = {
        "amount": "inv_000003_001",
        "customer": "inv_000007_000",
        "plan": "inv_000011_002",
        "date": "inv_000015_003",
    }
    rows = spoil(paths["invoices"], bad)
    name = unique("ds")
    import_file("plans", paths["plans"], data_source=name, client=client)
    import_file("customers", paths["customers"], data_source=name, client=client)
    errors_file = tmp_path / "failed.csv"
    report = import_file(
        "invoices", paths["invoices"], data_source=name, client=client, errors_path=errors_file
    )
    good = [i for i in history.invoices if i["external_id"] not in bad.values()]
    assert report.counts["invoices"] == {"created": len(good), "matched": 0, "failed": 4}
    row_of = {
        inv: next(n for n, r in enumerate(rows, start=2) if r["external_id"] == inv) for inv in bad.values()
    }
    src = str(paths["invoices"])
    reasons = {f.reasons[0].location.row: [str(p) for p in f.reasons] for f in report.failures}
    assert reasons == {
        row_of[bad["amount"]]: [
            f"{src}:{row_of[bad['amount']]}: line_item.amount_in_cents: amount_in_cents must be an integer."
        ],
        # found by the checks before sending
        row_of[bad["date"]]: [f"{src}:{row_of[bad['date']]}: date: date is not a valid ISO 8601 timestamp."],
        # found by the server, located in the file all the same
        row_of[bad["customer"]]: [
            f"{src}:{row_of[bad['customer']]}: customer_external_id: "
            "Customer cus_nobody doesn't exist in this data source."
        ],
        row_of[bad["plan"]]: [
            f"{src}:{row_of[bad['plan']]}: line_item.plan_external_id: "
            "Plan plan_tin doesn't exist in this data source."
        ],
    }
    # the checks found two of them before sending; the server found the other two
    assert sorted(str(p) for p in report.problems) == sorted(
        [*reasons[row_of[bad["amount"]]], *reasons[row_of[bad["date"]]]]
    )
    # the report lists what failed at the server; the checks' problems were listed before sending
    lines = report.lines()
    assert lines[lines.index("4 records failed:") :] == [
        "4 records failed:",
        "  2 with problems in the input (listed above), not sent",
        f"  {reasons[row_of[bad['customer']]][0]}",
        f"  {reasons[row_of[bad['plan']]][0]}",
        f"failed rows written to {errors_file}",
    ]
    # the errors file: every row of each failed invoice, the reasons beside them
    with open(errors_file, encoding="utf-8", newline="") as fh:
        written = list(csv.DictReader(fh))
    failed_rows = [r for r in rows if r["external_id"] in bad.values()]
    assert [{k: v for k, v in r.items() if k != "import_error"} for r in written] == failed_rows
    assert {r["external_id"]: r["import_error"] for r in written}[bad["plan"]] == reasons[
        row_of[bad["plan"]]
    ][0]
    # fix the rows (back to the generated values) and import the errors file
    with open(history.write_csv(tmp_path / "fixed")["invoices"], encoding="utf-8", newline="") as fh:
        clean = list(csv.DictReader(fh))
    by_invoice: dict[str, list[dict[str, str]]] = {}
    for row in clean:
        by_invoice.setdefault(row["external_id"], []).append(row)
    repaired = [
        by_invoice[row["external_id"]].pop(0) | {"import_error": row["import_error"]} for row in written
    ]
    with open(errors_file, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(written[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(repaired)
    again = import_file("invoices", errors_file, data_source=name, client=client)
    assert again.ok, again.lines()
    assert again.counts["invoices"] == {"created": 4, "matched": 0, "failed": 0}
    assert stored(api, ds_uuid(api, name)) == expected(history)


def test_a_dry_run_lists_every_problem_and_sends_nothing(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=6, invoices_per_customer=3, seed=6)
    paths = history.write_csv(tmp_path)
    spoil(
        paths["invoices"],
        {"amount": "inv_000002_001", "customer": "inv_000004_000", "plan": "inv_000005_002"},
    )
    name = unique("ds")
    import_file("plans", paths["plans"], data_source=name, client=client)
    import_file("customers", paths["customers"], data_source=name, client=client)
    report = import_file("invoices", paths["invoices"], data_source=name, client=client, dry_run=True)
    assert report.dry_run
    assert [(p.field, p.message) for p in report.problems] == [
        ("line_item.amount_in_cents", "amount_in_cents must be an integer."),
        (
            "customer_external_id",
            "customer 'cus_nobody' is not in the data source; import it first (mogul import customers)",
        ),
        (
            "line_item.plan_external_id",
            "plan 'plan_tin' is not in the data source; import it first (mogul import plans)",
        ),
    ]
    assert report.failed == 3
    assert api.get("/invoices", params={"data_source_uuid": ds_uuid(api, name)}).json()["invoices"] == []
    assert not (tmp_path / "invoices.csv.mogul-state.json").exists()


def test_a_dry_run_needs_no_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHARTMOGUL_API_KEY", raising=False)
    monkeypatch.setenv("MOGUL_CONFIG", str(tmp_path / "none.toml"))
    path = tmp_path / "plans.jsonl"
    path.write_text(
        json.dumps({"external_id": "p1", "name": "P", "interval_count": 0, "interval_unit": "week"}) + "\n"
    )
    report = import_file("plans", path, dry_run=True)
    assert [str(p) for p in report.problems] == [
        f"{path}:1: interval_count: interval_count must be greater than or equal to 1.",
        f"{path}:1: interval_unit: interval_unit must be one of: day, month, year.",
    ]


class Faults(httpx.BaseTransport):
    """The real transport, with faults: after `fail_after` bulk imports, either the connection fails
    before the next one is sent (`lose="request"`) or its answer is lost after the server applied it."""

    def __init__(self, fail_after: int, lose: str) -> None:
        self.inner = httpx.HTTPTransport()
        self.fail_after = fail_after
        self.lose = lose
        self.imports = 0
        self.tripped = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/json_imports"):
            self.imports += 1
            if self.imports == self.fail_after + 1 and not self.tripped:
                self.tripped = True
                if self.lose == "request":
                    raise httpx.ConnectError("connection refused (injected)", request=request)
                self.inner.handle_request(request).read()
                raise httpx.ReadError("connection reset (injected)", request=request)
        return self.inner.handle_request(request)


def test_an_interrupted_import_resumes_and_skips_the_done_batches(
    api: httpx.Client, sandbox: Sandbox, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=40, invoices_per_customer=5, seed=7)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    import_file("plans", paths["plans"], data_source=name, client=client)
    import_file("customers", paths["customers"], data_source=name, client=client)
    faults = Faults(fail_after=3, lose="request")
    with (
        Client(
            sandbox.api_key, base_url=sandbox.base_url, rate_limit=None, max_retries=0, transport=faults
        ) as broken,
        pytest.raises(ImportAborted) as caught,
    ):
        import_file("invoices", paths["invoices"], data_source=name, client=broken, batch_size=20)
    # the batches before the failed one are done (bulk imports go two at a time: one more may be)
    match = re.search(
        r"; (\d+) of 12 batches are done; run the same import again to resume$", str(caught.value)
    )
    assert match, str(caught.value)
    done = int(match[1])
    state = json.loads((tmp_path / "invoices.csv.mogul-state.json").read_text())
    assert len(state["done"]) == done
    assert {0, 1} <= set(state["done"])
    assert done in (3, 4)
    report = import_file("invoices", paths["invoices"], data_source=name, client=client, batch_size=20)
    assert report.resumed_batches == done
    # the report covers the whole file, the earlier run's batches included
    assert report.counts["invoices"] == {"created": len(history.invoices), "matched": 0, "failed": 0}
    assert stored(api, ds_uuid(api, name)) == expected(history)


def test_a_lost_answer_is_retried_and_the_applied_batch_matched(
    api: httpx.Client, sandbox: Sandbox, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=20, invoices_per_customer=5, seed=8)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    import_file("plans", paths["plans"], data_source=name, client=client)
    import_file("customers", paths["customers"], data_source=name, client=client)
    faults = Faults(fail_after=1, lose="answer")
    with Client(
        sandbox.api_key, base_url=sandbox.base_url, rate_limit=None, retry_backoff=0.01, transport=faults
    ) as flaky:
        report = import_file("invoices", paths["invoices"], data_source=name, client=flaky, batch_size=20)
    assert faults.tripped
    counts = report.counts["invoices"]
    assert counts["failed"] == 0
    assert counts["created"] + counts["matched"] == len(history.invoices)
    assert counts["matched"] > 0
    assert stored(api, ds_uuid(api, name)) == expected(history)


def test_a_state_file_for_another_input_is_ignored(api: httpx.Client, client: Client, tmp_path: Path) -> None:
    history = generate(customers=4, invoices_per_customer=2, seed=9)
    paths = history.write_csv(tmp_path)
    state = tmp_path / "invoices.csv.mogul-state.json"
    state.write_text(json.dumps({"version": 1, "key": "other", "done": [0], "counts": {}, "failures": []}))
    name = unique("ds")
    import_file("plans", paths["plans"], data_source=name, client=client)
    import_file("customers", paths["customers"], data_source=name, client=client)
    notes: list[str] = []

    class Notes(Listener):
        def notice(self, text: str) -> None:
            notes.append(text)

    report = import_file("invoices", paths["invoices"], data_source=name, client=client, listener=Notes())
    assert notes == [f"{state} belongs to another input, target or batch size; starting over"]
    assert report.resumed_batches == 0
    assert stored(api, ds_uuid(api, name)) == expected(history)


def history_has_no_gaps(history: History) -> None:
    """The generator's own promise the tests above rely on: unique external ids."""
    ids = [i["external_id"] for i in history.invoices]
    assert len(ids) == len(set(ids))


def test_the_generated_history_has_unique_ids() -> None:
    history_has_no_gaps(generate(customers=50, invoices_per_customer=12))


class Queued(httpx.BaseTransport):
    """A target that queues bulk imports, as ChartMogul does: the POST answers `queued` (the work is
    done by mogul serve all the same) and the first status check answers `processing`."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.polls = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        path = request.url.path
        if "/json_imports" not in path:
            return response
        body = json.loads(response.read())
        if request.method == "POST":
            body = {**body, "status": "queued", "status_details": {}}
        else:
            self.polls += 1
            if self.polls % 2 == 1:
                body = {**body, "status": "processing", "status_details": {}}
        return httpx.Response(response.status_code, json=body)


def test_a_queued_bulk_import_is_waited_for_and_its_outcome_read(
    api: httpx.Client, sandbox: Sandbox, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=3, invoices_per_customer=2, seed=10)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    import_file("plans", paths["plans"], data_source=name, client=client)
    import_file("customers", paths["customers"], data_source=name, client=client)
    queued = Queued()
    with Client(sandbox.api_key, base_url=sandbox.base_url, rate_limit=None, transport=queued) as slow:
        report = import_file("invoices", paths["invoices"], data_source=name, client=slow)
    assert queued.polls == 2
    assert report.counts["invoices"] == {"created": len(history.invoices), "matched": 0, "failed": 0}
    assert stored(api, ds_uuid(api, name)) == expected(history)
