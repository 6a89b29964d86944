"""The import report as a person reads it: what was read, then per object what was created, what was
already there and what failed, each number with its noun in the right number."""

from __future__ import annotations

from mogul.bulk.records import Location, Problem
from mogul.bulk.report import Failure, HistoryReport, ImportReport, empty_counts

DS = "ds_00000000-0000-0000-0000-000000000001"


def one_invoice() -> ImportReport:
    report = ImportReport("invoices", "bulk", dry_run=False, records=1, data_source=DS, seconds=0.25)
    report.counts = empty_counts("invoices")
    report.counts["invoices"]["created"] = 1
    report.counts["line_items"] |= {"created": 1, "matched": 1}
    report.counts["transactions"]["failed"] = 1
    report.batches = 1
    report.resumed_batches = 1
    return report


def test_one_of_each_is_said_in_the_singular() -> None:
    report = one_invoice()
    reason = Problem(Location("invoices.csv", 3), "transactions[0].date", "date is required.")
    report.failures = [Failure(0, [reason])]
    assert report.lines() == [
        f"read 1 invoice; sent to data source {DS} in 0.2 s (1 batch, bulk)",
        "resumed: 1 batch was done by an earlier run",
        "  invoices:     1 created, 0 already there, 0 failed",
        "  line items:   1 created, 1 already there, 0 failed",
        "  transactions: 0 created, 0 already there, 1 failed",
        "1 record failed:",
        "  invoices.csv:3: transactions[0].date: date is required.",
    ]


def test_many_are_said_in_the_plural_and_read_apart_from_created() -> None:
    plans = ImportReport("plans", "bulk", dry_run=False, records=3, data_source=DS, data_source_created=True)
    plans.counts = {"plans": {"created": 2, "matched": 1, "failed": 0}}
    customers = ImportReport("customers", "bulk", dry_run=False, records=2, data_source=DS)
    customers.counts = {"customers": {"created": 0, "matched": 2, "failed": 0}}
    plans.batches = customers.batches = 1
    plans.resumed_batches = customers.resumed_batches = 1
    run = HistoryReport([plans, customers], seconds=1.0, check_seconds=0.5)
    assert run.lines() == [
        f"read 3 plans, 2 customers; sent to data source {DS} (created) in 1.0 s (2 batches, bulk)",
        "time: 0.5 s reading and checking; sending plans 0.0 s, customers 0.0 s",
        "resumed: 2 batches were done by an earlier run",
        "  plans:        2 created, 1 already there, 0 failed",
        "  customers:    0 created, 2 already there, 0 failed",
    ]


def test_a_dry_run_counts_problems_in_the_right_number() -> None:
    report = ImportReport("customers", "bulk", dry_run=True, records=1)
    report.problems = [Problem(Location("c.csv", 2), "country", "country must be a code.")]
    report.failures = [Failure(0, report.problems)]
    assert report.lines() == ["dry run: 1 customer read, 1 with problems (1 problem); nothing was sent"]
    report.problems = report.problems * 2
    assert report.lines() == ["dry run: 1 customer read, 1 with problems (2 problems); nothing was sent"]
