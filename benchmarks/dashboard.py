"""Benchmark: the dashboard's overview and MRR page, warm, over generated customers.

Starts `mogul serve` as its own process on a SQLite file, loads the history of `benchmarks/metrics.py`
(customers with up to three years of monthly invoices, through the Import API), logs in to the
dashboard with the key, and times each page: the first answer, then the median of 5 warm answers, as
seen by the client on loopback (the server's time plus well under a millisecond).

    .venv/bin/python benchmarks/dashboard.py [--customers 10000] [--keep DIR]

Prints the figures recorded in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from metrics import KEY, load, start_server  # benchmarks/metrics.py, beside this file

PAGES = [
    ("overview", "/dashboard/", {"end-date": "2025-12-31"}),
    ("MRR page, 3 years by month", "/dashboard/mrr", {"start-date": "2023-01-01", "end-date": "2025-12-31"}),
    (
        "MRR page, 3 years by day (1,096 points)",
        "/dashboard/mrr",
        {"start-date": "2023-01-01", "end-date": "2025-12-31", "interval": "day"},
    ),
    (
        "MRR page as JSON, by day",
        "/dashboard/mrr.json",
        {"start-date": "2023-01-01", "end-date": "2025-12-31", "interval": "day"},
    ),
    ("cohorts, 3 years", "/dashboard/cohorts", {"start-date": "2023-01-01", "end-date": "2025-12-31"}),
    ("customer list, by MRR", "/dashboard/customers", {}),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="reuse (or create) the database in this directory")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="mogul-dashboard-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    db = directory / "bench.db"
    fresh = not db.exists()
    proc, api_url = start_server(db)  # the server prints its /v1 URL
    base = api_url.removesuffix("/v1")
    try:
        with httpx.Client(base_url=base + "/v1", auth=(KEY, ""), timeout=600) as api:
            if fresh:
                t0 = time.perf_counter()
                invoices = load(api, args.customers)
                took = time.perf_counter() - t0
                print(f"loaded {args.customers:,} customers, {invoices:,} invoices in {took:.1f} s")
        with httpx.Client(base_url=base, timeout=600) as web:
            login = web.post("/dashboard/login", data={"api_key": KEY})
            assert login.status_code == 303, login.text
            print("| page | first | warm (median of 5) |")
            print("|---|---|---|")
            for label, path, params in PAGES:
                times = []
                for _ in range(6):
                    t0 = time.perf_counter()
                    response = web.get(path, params=params)
                    times.append(time.perf_counter() - t0)
                    assert response.status_code == 200, (path, response.status_code, response.text[:300])
                warm = statistics.median(times[1:])
                print(f"| {label} | {times[0] * 1000:.0f} ms | {warm * 1000:.0f} ms |")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
