"""`mogul.bulk.import_files`: plans, customers and invoices in one run against a real mogul serve. Exact
content, every input checked before anything is sent, references satisfied by the run's other inputs,
each input's errors file, and a resumed run skipping the inputs an interrupted one finished."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mogul import errors
from mogul.bulk import ImportAborted, Listener, Problem, import_files
from mogul.bulk.sample import generate
from mogul.client import Client
from mogul.server.sandbox import Sandbox
from tests.bulk.content import expected, stored
from tests.conftest import unique


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[Client]:
    # no pacing: the sandbox has no rate limit, and the tests should be quick
    with Client(sandbox.api_key, base_url=sandbox.base_url, rate_limit=None) as c:
        yield c


def ds_uuid(api: httpx.Client, name: str) -> str:
    return api.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]


def held(api: httpx.Client, ds: str) -> dict[str, list[str]]:
    """The external ids of what the data source holds."""
    params: dict[str, str | int] = {"data_source_uuid": ds, "per_page": 200}
    return {
        "plans": [p["external_id"] for p in api.get("/plans", params=params).json()["plans"]],
        "customers": [c["external_id"] for c in api.get("/customers", params=params).json()["entries"]],
        "invoices": [i["external_id"] for i in api.get("/invoices", params=params).json()["invoices"]],
    }


def edit_csv(path: Path, change: Callable[[list[dict[str, str]]], None]) -> list[dict[str, str]]:
    """Rewrite a CSV file with its rows changed in place by `change`; the rows as written."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def first_row(rows: list[dict[str, str]], external_id: str) -> int:
    """The CSV row number (header = 1) of the first row with this external id."""
    return next(n for n, r in enumerate(rows, start=2) if r["external_id"] == external_id)


def test_one_run_imports_plans_customers_and_invoices_exactly_as_in_the_files(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=40, invoices_per_customer=6, seed=21)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    report = import_files(**paths, data_source=name, client=client)
    assert report.ok, report.lines()
    assert report.kinds == ["plans", "customers", "invoices"]
    line_items = sum(len(i["line_items"]) for i in history.invoices)
    transactions = sum(len(i["transactions"]) for i in history.invoices)
    assert report.counts == {
        "plans": {"created": 4, "matched": 0, "failed": 0},
        "customers": {"created": 40, "matched": 0, "failed": 0},
        "invoices": {"created": len(history.invoices), "matched": 0, "failed": 0},
        "line_items": {"created": line_items, "matched": 0, "failed": 0},
        "transactions": {"created": transactions, "matched": 0, "failed": 0},
    }
    ds = ds_uuid(api, name)
    assert {r.data_source for r in report.reports} == {ds}
    assert [r.batches for r in report.reports] == [1, 1, 1]
    assert stored(api, ds) == expected(history)
    # every input's state file is gone once the whole run is done
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.csv", "invoices.csv", "plans.csv"]
    again = import_files(**paths, data_source=name, client=client)
    assert again.counts == {
        "plans": {"created": 0, "matched": 4, "failed": 0},
        "customers": {"created": 0, "matched": 40, "failed": 0},
        "invoices": {"created": 0, "matched": len(history.invoices), "failed": 0},
        "line_items": {"created": 0, "matched": line_items, "failed": 0},
        "transactions": {"created": 0, "matched": transactions, "failed": 0},
    }
    assert stored(api, ds) == expected(history)


def test_problems_of_every_input_are_listed_together_before_anything_is_sent(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=6, invoices_per_customer=3, seed=22)
    paths = history.write_csv(tmp_path)
    customers = edit_csv(paths["customers"], lambda rows: rows[1].update(country="XX"))
    bad_customer = customers[1]["external_id"]
    bad_invoice = next(i for i in history.invoices if i["customer_external_id"] != bad_customer)[
        "external_id"
    ]

    def spoil(rows: list[dict[str, str]]) -> None:
        rows[first_row(rows, bad_invoice) - 2]["line_item.amount_in_cents"] = "12.50"

    invoices = edit_csv(paths["invoices"], spoil)
    name = unique("ds")
    seen: dict[str, Any] = {}

    class Watch(Listener):
        def problems(self, problems: list[Problem]) -> None:
            seen["problems"] = [str(p) for p in problems]
            seen["held"] = held(api, ds_uuid(api, name))

    report = import_files(**paths, data_source=name, client=client, listener=Watch())
    problems = [
        f"{paths['customers']}:3: country: country must be an ISO 3166-1 alpha-2 country code, got 'XX'.",
        f"{paths['invoices']}:{first_row(invoices, bad_invoice)}: line_item.amount_in_cents: "
        "amount_in_cents must be an integer.",
    ]
    assert seen == {"problems": problems, "held": {"plans": [], "customers": [], "invoices": []}}
    assert [str(p) for p in report.problems] == problems
    # the rest was sent; the bad customer's invoices failed at the server, which does not hold it
    orphans = [i["external_id"] for i in history.invoices if i["customer_external_id"] == bad_customer]
    assert report.counts["customers"] == {"created": 5, "matched": 0, "failed": 1}
    assert report.counts["invoices"] == {
        "created": len(history.invoices) - len(orphans) - 1,
        "matched": 0,
        "failed": len(orphans) + 1,
    }
    at_server = {
        f.reasons[0].message
        for f in report["invoices"].failures
        if f.reasons[0].field == "customer_external_id"
    }
    assert at_server == {f"Customer {bad_customer} doesn't exist in this data source."}
    good = [i for i in history.invoices if i["external_id"] not in {*orphans, bad_invoice}]
    content = stored(api, ds_uuid(api, name))
    assert content["invoices"] == expected(history, good)["invoices"]
    assert len(content["customers"]) == 5


def append_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, header, lineterminator="\n").writerows(rows)


def invoice_row(external_id: str, customer: str, plan: str) -> dict[str, str]:
    return {
        "external_id": external_id,
        "customer_external_id": customer,
        "date": "2024-01-01",
        "currency": "USD",
        "line_item.type": "subscription",
        "line_item.plan_external_id": plan,
        "line_item.subscription_external_id": f"sub_{external_id}",
        "line_item.service_period_start": "2024-01-01",
        "line_item.service_period_end": "2024-02-01",
        "line_item.amount_in_cents": "1000",
    }


def test_a_dry_run_counts_the_customers_and_plans_of_the_other_inputs_as_known(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=5, invoices_per_customer=2, seed=23)
    # a history for a data source that does not exist yet: everything it names is in its own inputs
    clean = history.write_csv(tmp_path / "clean")
    notes: list[str] = []

    class Notes(Listener):
        def notice(self, text: str) -> None:
            notes.append(text)

    new = unique("ds")
    report = import_files(**clean, data_source=new, client=client, dry_run=True, listener=Notes())
    assert report.ok and report.problems == []
    assert notes == [f"data source {new!r} does not exist yet; an import creates it"]
    assert api.get("/data_sources", params={"name": new}).json()["data_sources"] == []
    # a data source holding a customer and a plan: those count too, and what is in neither is missing
    ds = api.post("/data_sources", json={"name": unique("ds")}).json()["uuid"]
    made = api.post("/customers", json={"data_source_uuid": ds, "external_id": "cus_legacy", "name": "L"})
    assert made.status_code == 201, made.text
    plan = {"data_source_uuid": ds, "external_id": "plan_legacy", "name": "Legacy", "interval_count": 1}
    assert api.post("/plans", json={**plan, "interval_unit": "month"}).status_code == 201
    paths = history.write_csv(tmp_path / "mixed")
    append_csv(
        paths["invoices"],
        [
            invoice_row("inv_legacy", "cus_legacy", "plan_legacy"),
            invoice_row("inv_mixed", history.customers[0]["external_id"], "plan_legacy"),
            invoice_row("inv_orphan", "cus_nobody", "plan_tin"),
        ],
    )
    with open(paths["invoices"], encoding="utf-8") as fh:
        orphan_row = len(fh.read().splitlines())
    report = import_files(**paths, data_source=ds, client=client, dry_run=True)
    assert [str(p) for p in report.problems] == [
        f"{paths['invoices']}:{orphan_row}: customer_external_id: customer 'cus_nobody' is not in the "
        "data source; import it first (mogul import customers)",
        f"{paths['invoices']}:{orphan_row}: line_item.plan_external_id: plan 'plan_tin' is not in the "
        "data source; import it first (mogul import plans)",
    ]
    assert report.failed == 1
    assert held(api, ds) == {"plans": ["plan_legacy"], "customers": ["cus_legacy"], "invoices": []}
    assert not list((tmp_path / "mixed").glob("*.mogul-state.json"))


def test_failed_rows_of_each_input_go_to_an_errors_file_of_their_own_in_its_format(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=8, invoices_per_customer=2, seed=24)
    paths = history.write_csv(tmp_path)
    plans = history.write_jsonl(tmp_path / "jsonl")["plans"]
    broken_plan = {
        "external_id": "plan_broken",
        "name": "Broken",
        "interval_count": 1,
        "interval_unit": "week",
    }
    with open(plans, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(broken_plan) + "\n")
    append_csv(paths["customers"], [{"external_id": "cus_broken", "name": "Broken", "country": "XX"}])
    bad_invoice = history.invoices[3]["external_id"]

    def spoil(rows: list[dict[str, str]]) -> None:
        rows[first_row(rows, bad_invoice) - 2]["currency"] = "EURO"

    invoices = edit_csv(paths["invoices"], spoil)
    failed = tmp_path / "out" / "failed.csv"
    failed.parent.mkdir()
    report = import_files(
        plans=plans,
        customers=paths["customers"],
        invoices=paths["invoices"],
        data_source=unique("ds"),
        client=client,
        errors_path=failed,
    )
    plans_failed, customers_failed = (
        failed.with_name("failed.plans.jsonl"),
        failed.with_name("failed.customers.csv"),
    )
    assert [r.errors_path for r in report.reports] == [str(plans_failed), str(customers_failed), str(failed)]
    assert report.lines()[-1] == f"failed rows written to {plans_failed}, {customers_failed}, {failed}"
    plan_reason = f"{plans}:5: interval_unit: interval_unit must be one of: day, month, year."
    assert [json.loads(line) for line in plans_failed.read_text().splitlines()] == [
        {**broken_plan, "import_error": plan_reason}
    ]
    customer_row = len(history.customers) + 2
    assert list(csv.reader(io.StringIO(customers_failed.read_text()))) == [
        ["external_id", "name", "email", "company", "country", "state", "city", "zip", "lead_created_at",
         "free_trial_started_at", "owner", "website_url", "status", "tags", "import_error"],
        ["cus_broken", "Broken", "", "", "XX", "", "", "", "", "", "", "", "", "",
         f"{paths['customers']}:{customer_row}: country: country must be an ISO 3166-1 alpha-2 country code, "
         "got 'XX'."],
    ]  # fmt: skip
    with open(failed, encoding="utf-8", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert [{k: v for k, v in r.items() if k != "import_error"} for r in written] == [
        r for r in invoices if r["external_id"] == bad_invoice
    ]
    assert {r["import_error"] for r in written} == {
        f"{paths['invoices']}:{first_row(invoices, bad_invoice)}: currency: "
        "currency must be an ISO 4217 currency code, got 'EURO'."
    }
    assert [r.failed for r in report.reports] == [1, 1, 1]


class Broken(httpx.BaseTransport):
    """The real transport, counting bulk imports; the connection fails before bulk import number
    `fail_at` is sent (none fails with 0)."""

    def __init__(self, fail_at: int = 0) -> None:
        self.inner = httpx.HTTPTransport()
        self.fail_at = fail_at
        self.imports = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/json_imports"):
            self.imports += 1
            if self.imports == self.fail_at:
                raise httpx.ConnectError("connection refused (injected)", request=request)
        return self.inner.handle_request(request)


def test_a_resumed_run_skips_the_inputs_an_interrupted_run_finished(
    api: httpx.Client, sandbox: Sandbox, tmp_path: Path
) -> None:
    history = generate(customers=40, invoices_per_customer=5, seed=25)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    # plans: 1 batch of 20; customers: 2; the invoices' fourth bulk import fails
    broken = Broken(fail_at=1 + 2 + 4)
    with (
        Client(
            sandbox.api_key, base_url=sandbox.base_url, rate_limit=None, max_retries=0, transport=broken
        ) as c,
        pytest.raises(ImportAborted) as caught,
    ):
        import_files(**paths, data_source=name, client=c, batch_size=20)
    match = re.search(
        r"; (\d+) of (\d+) batches of invoices are done; run the same import again to resume$",
        str(caught.value),
    )
    assert match, str(caught.value)
    done, total = int(match[1]), int(match[2])
    # bulk imports go two at a time: the one beside the failed one may be done too
    assert done in (3, 4)

    def state(kind: str) -> list[int]:
        return sorted(json.loads((tmp_path / f"{kind}.csv.mogul-state.json").read_text())["done"])

    # the finished inputs keep their state until the whole run is done
    assert (state("plans"), state("customers"), len(state("invoices"))) == ([0], [0, 1], done)
    counting = Broken()
    with Client(sandbox.api_key, base_url=sandbox.base_url, rate_limit=None, transport=counting) as c:
        report = import_files(**paths, data_source=name, client=c, batch_size=20)
    # only the invoices' remaining batches were sent
    assert counting.imports == total - done
    assert [r.resumed_batches for r in report.reports] == [1, 2, done]
    assert report.lines()[2] == f"resumed: {1 + 2 + done} batches were done by an earlier run"
    # the report covers the whole run, the earlier run's batches included
    assert report.counts["plans"] == {"created": 4, "matched": 0, "failed": 0}
    assert report.counts["customers"] == {"created": 40, "matched": 0, "failed": 0}
    assert report.counts["invoices"] == {"created": len(history.invoices), "matched": 0, "failed": 0}
    assert stored(api, ds_uuid(api, name)) == expected(history)
    assert not list(tmp_path.glob("*.mogul-state.json"))


def test_a_transactions_file_goes_with_the_invoices_of_a_combined_run(
    api: httpx.Client, client: Client, tmp_path: Path
) -> None:
    history = generate(customers=5, invoices_per_customer=3, seed=26)
    paths = history.write_csv(tmp_path, transactions_file=True)
    name = unique("ds")
    report = import_files(**paths, data_source=name, client=client)
    assert report.ok, report.lines()
    assert report.kinds == ["plans", "customers", "invoices"]
    assert stored(api, ds_uuid(api, name)) == expected(history)


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({}, "name an input: plans, customers or invoices"),
        (
            {"customers": "c.csv", "transactions": "t.csv"},
            "transactions: a transactions input goes with invoices only",
        ),
        ({"plans": "x.csv", "invoices": "x.csv"}, "x.csv is given as the plans and the invoices input; "
         "each input is a file of its own"),
        ({"customers": "-", "invoices": "-"}, "standard input (-) is given as the customers and the invoices "
         "input; only one input can come from it"),
    ],
    ids=["none", "transactions-without-invoices", "same-file", "stdin-twice"],
)  # fmt: skip
def test_inputs_that_cannot_go_together_are_refused_before_anything_is_read(
    inputs: dict[str, str], message: str, tmp_path: Path
) -> None:
    with pytest.raises(errors.InputError) as caught:
        import_files(**{k: tmp_path / v if v != "-" else v for k, v in inputs.items()}, dry_run=True)
    assert str(caught.value) == message.replace("x.csv", str(tmp_path / "x.csv"))
