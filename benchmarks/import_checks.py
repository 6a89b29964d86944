"""Benchmark: reading and checking an invoices input before `mogul import` sends anything, and the
server's own invoice checks over the same invoices.

Generates the benchmark history (default 2,000 customers, 10 invoices each: 19,996 invoices, 20,662 line
items, 21,000 transactions, 41,662 CSV rows) as CSV, then times, best of N runs:

* client: `load_records` (read the CSV, turn rows into invoice records), `check_fields` (the server's
  field checks per record), `check_unique` (external ids used twice) and `batches` (cutting the records
  into batches of 500), with the cyclic collector paused as `import_file` does;
* server: `check_invoice` over every invoice as the server receives it (the records' bodies through
  JSON, as a bulk import carries them), with line items naming plans by external id.

    .venv/bin/python benchmarks/import_checks.py [--customers 2000] [--invoices 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mogul.bulk import checks
from mogul.bulk.importer import DEFAULT_BATCH_SIZE, batches, load_records
from mogul.bulk.records import Record
from mogul.bulk.sample import generate
from mogul.server.domain.checks import check_invoice


def _best(runs: int, step: Callable[[], Any], *, collector: bool = False) -> tuple[float, Any]:
    """The fastest of `runs` timings of `step` (and its last result)."""
    best = float("inf")
    result = None
    for _ in range(runs):
        gc.collect()
        if not collector:
            gc.disable()
        try:
            started = time.perf_counter()
            result = step()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--invoices", type=int, default=10, help="invoices per customer")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = generate(args.customers, args.invoices).write_csv(Path(tmp))["invoices"]
        rows = path.read_text().count("\n") - 1

        def load() -> list[Record]:
            return load_records("invoices", path)[0]

        t_load, records = _best(args.runs, load)

        def check_fields() -> None:
            for record in fresh:
                record.problems.clear()
            checks.check_fields("invoices", fresh)

        def check_unique() -> None:
            for record in fresh:
                record.problems.clear()
            checks.check_unique("invoices", fresh)

        fresh: list[Record] = load()
        t_fields, _ = _best(args.runs, check_fields)
        t_unique, _ = _best(args.runs, check_unique)
        t_batches, plan = _best(args.runs, lambda: batches("invoices", fresh, DEFAULT_BATCH_SIZE))

        def whole() -> list[Record]:
            loaded = load()
            checks.check_fields("invoices", loaded)
            checks.check_unique("invoices", loaded)
            batches("invoices", loaded, DEFAULT_BATCH_SIZE)
            return loaded

        t_whole, checked = _best(args.runs, whole)

        # the server gets the bodies through JSON, and runs with the collector on
        bodies = json.loads(json.dumps([r.body for r in records]))

        def server() -> int:
            bad = 0
            for body in bodies:
                _, errors = check_invoice(body, plan_external_ids=True)
                bad += bool(errors)
            return bad

        t_server, bad = _best(args.runs, server, collector=True)

    lines = sum(r.count("line_items") for r in records)
    trans = sum(r.count("transactions") for r in records)
    problems = sum(len(r.problems) for r in checked)
    print(
        f"input: {rows:,} CSV rows, {len(records):,} invoices, {lines:,} line items, {trans:,} transactions"
    )
    print(f"best of {args.runs} runs:")
    print(f"  load_records      {t_load * 1000:8.1f} ms")
    print(f"  check_fields      {t_fields * 1000:8.1f} ms")
    print(f"  check_unique      {t_unique * 1000:8.1f} ms")
    print(f"  batches           {t_batches * 1000:8.1f} ms  ({len(plan)} batches)")
    print(f"  client, in a row  {t_whole * 1000:8.1f} ms  (read + check + batches, before sending)")
    print(f"  server check_invoice {t_server * 1000:5.1f} ms  (over {len(bodies):,} JSON bodies)")
    print(f"problems found: {problems} (client), {bad} invoices refused (server)")


if __name__ == "__main__":
    main()
