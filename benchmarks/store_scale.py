"""Benchmark: lists and lookups over a million customers and a million invoices, on SQLite or PostgreSQL.

Fills one account directly in SQL (one INSERT ... SELECT over a generated series per table: N customers
over four data sources, one invoice with one line item each), then serves it with a Sandbox and times
every list with each filter the API offers, a page deep behind a cursor, and lookups by uuid and email:
the median of 20 answers each. It prints the plan of the two main list queries at that size.

    .venv/bin/python benchmarks/store_scale.py --db sqlite:////tmp/scale.db [--customers 1000000]
    .venv/bin/python benchmarks/store_scale.py --db postgresql://user@host:5432/scale
    .venv/bin/python benchmarks/store_scale.py --throwaway-postgresql   # a cluster as the tests start one

Prints the figures recorded in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Connection, text

from mogul.server.domain.accounts import ensure_keys
from mogul.server.sandbox import Sandbox
from mogul.store.engine import Database
from mogul.store.migrate import ensure_schema

KEY = "scale-key"
SOURCES = 4
RUNS = 20


def _series(db: Database, n: int) -> tuple[str, str]:
    """A FROM clause yielding `n` rows numbered 1..n, and a timestamp expression for row n."""
    if db.is_sqlite:
        return (
            f"(WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {n}) "
            "SELECT n FROM seq) AS s",
            "strftime('%Y-%m-%d %H:%M:%f000', '2020-01-01', '+' || s.n || ' minutes')",
        )
    return f"generate_series(1, {n}) AS s(n)", "timestamp '2020-01-01' + s.n * interval '1 minute'"


def fill(db: Database, customers: int) -> None:
    ensure_schema(db)
    ensure_keys(db, [KEY])
    rows, at = _series(db, customers)
    with db.write() as conn:
        account = conn.execute(text("SELECT id FROM accounts ORDER BY id LIMIT 1")).scalar_one()
        for k in range(SOURCES):
            conn.execute(
                text(
                    "INSERT INTO data_sources (account_id, uuid, name, system, status, created_at) "
                    "VALUES (:a, :u, :n, 'Custom', 'idle', :t)"
                ),
                {"a": account, "u": f"ds_scale-{k}", "n": f"scale {k}", "t": "2020-01-01 00:00:00"},
            )
        first_ds = conn.execute(text("SELECT min(id) FROM data_sources")).scalar_one()
        base = f"{account}, {first_ds} + s.n % {SOURCES}"
        steps = {
            "customers": f"""
                INSERT INTO customers (account_id, data_source_id, uuid, external_id, name, email, company,
                    lead_status, tags, custom, status, mrr, created_at)
                SELECT {base}, 'cus_' || s.n, 'cus-' || s.n, 'Customer ' || s.n,
                    'c' || s.n || '@example.com', '', 'New Lead', '[]', '{{}}',
                    CASE WHEN s.n % 3 = 0 THEN 'Active' ELSE 'New Lead' END,
                    CASE WHEN s.n % 3 = 0 THEN 5000 ELSE 0 END, {at}
                FROM {rows}""",
            "invoices": f"""
                INSERT INTO invoices (account_id, data_source_id, customer_id, uuid, external_id, date,
                    currency, created_at)
                SELECT {base}, s.n, 'inv_' || s.n, 'inv-' || s.n, {at}, 'USD', {at}
                FROM {rows}""",
            "line_items": f"""
                INSERT INTO line_items (account_id, data_source_id, invoice_id, customer_id, uuid, type,
                    amount_in_cents, quantity, prorated, discount_code, discount_amount_in_cents,
                    tax_amount_in_cents, transaction_fees_in_cents, account_code)
                SELECT {base}, s.n, s.n, 'li_' || s.n, 'one_time', 5000, 1, false, '', 0, 0, 0, ''
                FROM {rows}""",
        }
        for table, sql in steps.items():
            started = time.perf_counter()
            conn.execute(text(sql))
            print(f"  {table}: {customers:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
    if not db.is_sqlite:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


def _client(box: Sandbox) -> httpx.Client:
    return httpx.Client(base_url=box.api_url, auth=(KEY, ""), timeout=120)


def _median_ms(api: httpx.Client, path: str, params: dict[str, Any]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = api.get(path, params=params)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, params, response.text)
    return statistics.median(times) * 1000


def _cursor(api: httpx.Client, path: str, hops: int) -> str:
    params: dict[str, Any] = {"per_page": 200}
    for _ in range(hops):
        params["cursor"] = api.get(path, params=params).json()["cursor"]
    return str(params["cursor"])


def _plan(conn: Connection, db: Database, sql: str) -> str:
    prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "
    return "\n".join(f"    {row[-1] if db.is_sqlite else row[0]}" for row in conn.execute(text(prefix + sql)))


def measure(db: Database, customers: int) -> None:
    mid = customers // 2
    with Sandbox(db.url, api_keys=[KEY]) as box, _client(box) as api:
        cases = [
            ("customers, first page (with total count)", "/customers", {}),
            ("customers, page 51 (cursor)", "/customers", {"cursor": _cursor(api, "/customers", 50)}),
            ("customers by data source", "/customers", {"data_source_uuid": "ds_scale-1"}),
            ("customers by external id", "/customers", {"external_id": f"cus-{mid}"}),
            ("customers by status Active", "/customers", {"status": "Active"}),
            ("customers search by email", "/customers/search", {"email": f"c{mid}@example.com"}),
            ("customer by uuid", f"/customers/cus_{mid}", {}),
            ("invoices, first page (with total count)", "/invoices", {}),
            ("invoices, page 51 (cursor)", "/invoices", {"cursor": _cursor(api, "/invoices", 50)}),
            ("invoices of a customer", "/invoices", {"customer_uuid": f"cus_{mid}"}),
            ("invoices by data source", "/invoices", {"data_source_uuid": "ds_scale-2"}),
            ("invoices by external id", "/invoices", {"external_id": f"inv-{mid}"}),
            ("invoice by uuid", f"/invoices/inv_{mid}", {}),
        ]
        print(f"\n| request ({customers:,} customers, {customers:,} invoices) | median of {RUNS} |")
        print("|---|---|")
        for label, path, params in cases:
            print(f"| {label} | {_median_ms(api, path, {'per_page': 200, **params}):.1f} ms |", flush=True)
    with db.engine.connect() as conn:
        print("\nplan of the customer list (account, in id order):")
        print(_plan(conn, db, "SELECT * FROM customers WHERE account_id = 1 ORDER BY id LIMIT 201"))
        print("plan of the invoice list (account, newest first):")
        print(
            _plan(
                conn, db, "SELECT * FROM invoices WHERE account_id = 1 ORDER BY date DESC, id DESC LIMIT 201"
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty database (sqlite:///... or postgresql://...)")
    parser.add_argument("--throwaway-postgresql", action="store_true", help="start a cluster as the tests do")
    parser.add_argument("--customers", type=int, default=1_000_000)
    args = parser.parse_args()
    cluster = None
    if args.throwaway_postgresql:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.pg_cluster import PgCluster

        cluster = PgCluster.start()
        args.db = cluster.create_database()
    if not args.db:
        parser.error("give --db URL or --throwaway-postgresql")
    db = Database(args.db)
    try:
        print(f"filling {db.url.split('://')[0]} with {args.customers:,} customers", flush=True)
        fill(db, args.customers)
        measure(db, args.customers)
    finally:
        db.dispose()
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
