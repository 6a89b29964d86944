"""Benchmark: the Metrics API over 10,000 customers with three years of monthly invoices.

Starts `mogul serve` as its own process on a SQLite file, loads the history through the Import API
(customers, then each customer's invoices in one batch), and times `/v1/metrics/all` over the full three
years by month and by day: the first answer after a write (the activity log is rebuilt) and the warm
answers after it (median of 5). It then imports one more invoice and cancels a subscription, and checks
that the series moved (no stale cache), timing the rebuild.

    .venv/bin/python benchmarks/metrics.py [--customers 10000] [--keep DIR]

Prints the figures recorded in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import httpx

KEY = "bench-key"
START = date(2023, 1, 1)
MONTHS = 36


def _month(offset: int) -> str:
    year, month = divmod(START.month - 1 + offset, 12)
    return f"{START.year + year}-{month + 1:02d}-01"


def start_server(db: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "mogul"),
            "serve",
            "--port",
            "0",
            "--db",
            f"sqlite:///{db}",
            "--api-key",
            KEY,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("http://"):
            return proc, line.strip()
    raise RuntimeError("mogul serve did not start")


def customer_history(rng: random.Random, n: int, plans: list[str]) -> list[dict[str, Any]]:
    """36 monthly invoices, with an upgrade or downgrade now and then and a 10% chance to cancel."""
    amount = rng.choice([2900, 4900, 9900, 19900])
    first = rng.randrange(0, 24)
    invoices = []
    for m in range(first, MONTHS):
        if rng.random() < 0.05:
            amount = max(900, amount + rng.choice([-2000, 3000, 5000]))
        invoices.append(
            {
                "external_id": f"inv-{n}-{m}",
                "date": _month(m),
                "currency": "USD",
                "line_items": [
                    {
                        "type": "subscription",
                        "subscription_external_id": f"sub-{n}",
                        "plan_uuid": plans[0],
                        "service_period_start": _month(m),
                        "service_period_end": _month(m + 1),
                        "amount_in_cents": amount,
                        "tax_amount_in_cents": amount // 10,
                    }
                ],
            }
        )
    if rng.random() < 0.1:
        # the subscription is cancelled in the middle of its last service period
        last = invoices[-1]["line_items"][0]
        last["cancelled_at"] = last["service_period_start"][:8] + "15"
    return invoices


def load(client: httpx.Client, customers: int) -> int:
    ds = client.post("/data_sources", json={"name": "bench"}).json()["uuid"]
    plan = client.post(
        "/plans", json={"data_source_uuid": ds, "name": "Pro", "interval_count": 1, "interval_unit": "month"}
    ).json()["uuid"]
    rng = random.Random(7)
    countries = ["US", "GB", "DE", "FR", "NL"]
    histories = [customer_history(rng, n, [plan]) for n in range(customers)]

    def one(n: int) -> int:
        cus = client.post(
            "/customers",
            json={
                "data_source_uuid": ds,
                "external_id": f"c{n}",
                "name": f"C {n}",
                "country": countries[n % 5],
            },
        ).json()["uuid"]
        response = client.post(f"/import/customers/{cus}/invoices", json={"invoices": histories[n]})
        response.raise_for_status()
        return len(histories[n])

    with ThreadPoolExecutor(8) as pool:
        return sum(pool.map(one, range(customers)))


def timed(client: httpx.Client, path: str, params: dict[str, str]) -> tuple[float, dict[str, Any]]:
    t0 = time.perf_counter()
    response = client.get(path, params=params)
    elapsed = time.perf_counter() - t0
    response.raise_for_status()
    return elapsed, response.json()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="reuse (or create) the database in this directory")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="mogul-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "metrics.db"
    fresh = not db.exists()
    proc, url = start_server(db)
    auth = {"Authorization": "Basic " + base64.b64encode(f"{KEY}:".encode()).decode()}
    try:
        with httpx.Client(base_url=url, headers=auth, timeout=600) as client:
            if fresh:
                t0 = time.perf_counter()
                invoices = load(client, args.customers)
                took = time.perf_counter() - t0
                print(f"loaded {args.customers} customers, {invoices} invoices in {took:.1f} s")
            activities = client.get("/activities", params={"per_page": 1}).json()
            assert activities["entries"], "no activities: the load failed"
            three_years = {"start-date": "2023-01-01", "end-date": "2025-12-31"}
            for interval in ("month", "day"):
                params = three_years | {"interval": interval}
                cold, body = timed(client, "/metrics/all", params)
                warm = statistics.median(timed(client, "/metrics/all", params)[0] for _ in range(5))
                print(
                    f"/metrics/all interval={interval}: {len(body['entries'])} entries, "
                    f"first {cold * 1000:.0f} ms, warm median {warm * 1000:.0f} ms"
                )
            mrr_before = timed(client, "/metrics/mrr", three_years | {"interval": "month"})[1]["entries"][-1][
                "mrr"
            ]
            # a customer still paying at the end (its invoices stopped, so it shows as Past Due today)
            customer = client.get("/customers", params={"status": "Past_Due", "per_page": 1}).json()
            customer = customer["entries"][0]["uuid"]
            sub = client.get(f"/import/customers/{customer}/subscriptions").json()["subscriptions"][0]["uuid"]
            client.patch(
                f"/import/subscriptions/{sub}", json={"cancelled_at": "2025-12-20"}
            ).raise_for_status()
            after, body = timed(client, "/metrics/mrr", three_years | {"interval": "month"})
            mrr_after = body["entries"][-1]["mrr"]
            assert mrr_after < mrr_before, (mrr_before, mrr_after)
            print(
                f"after a cancellation: MRR {mrr_before} -> {mrr_after}, "
                f"first /metrics/mrr by month {after * 1000:.0f} ms (log rebuilt)"
            )
    finally:
        proc.terminate()
        proc.wait()
    print(f"database: {db} ({os.path.getsize(db) / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
