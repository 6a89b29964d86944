"""A generated billing history (plans, customers, monthly invoices with payments) in the import layouts.

For trying `mogul import` against a sandbox, and for the tests and benchmarks: deterministic for a seed.

    history = generate(customers=100, invoices_per_customer=12)
    history.write_csv(Path("out"))   # plans.csv, customers.csv, invoices.csv
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mogul.bulk.layout import (
    CUSTOMER_COLUMNS,
    INVOICE_COLUMNS,
    LINE_ITEM_FIELDS,
    LINE_ITEM_PREFIX,
    PLAN_COLUMNS,
    TRANSACTION_FIELDS,
    TRANSACTION_PREFIX,
)

PLANS = [
    {"external_id": "plan_bronze", "name": "Bronze", "interval_count": 1, "interval_unit": "month"},
    {"external_id": "plan_silver", "name": "Silver", "interval_count": 1, "interval_unit": "month"},
    {"external_id": "plan_gold", "name": "Gold", "interval_count": 1, "interval_unit": "month"},
    {"external_id": "plan_platinum", "name": "Platinum", "interval_count": 1, "interval_unit": "month"},
]
PRICES = {"plan_bronze": 2900, "plan_silver": 4900, "plan_gold": 9900, "plan_platinum": 19900}
COUNTRIES = ["US", "DE", "FR", "GB", "NL", "ES", "IT", "CA", "AU", "JP"]
START = datetime(2021, 1, 1, tzinfo=UTC)


def _month(index: int, day: int = 1) -> str:
    year, month0 = divmod(START.month - 1 + index, 12)
    return f"{START.year + year:04d}-{month0 + 1:02d}-{day:02d} 00:00:00"


@dataclass
class History:
    plans: list[dict[str, Any]] = field(default_factory=list)
    customers: list[dict[str, Any]] = field(default_factory=list)
    # invoices in the bulk-import shape (nested line items and transactions, plans by external id)
    invoices: list[dict[str, Any]] = field(default_factory=list)

    def invoices_of(self) -> dict[str, list[dict[str, Any]]]:
        """Invoices grouped by customer external id, in order."""
        out: dict[str, list[dict[str, Any]]] = {}
        for invoice in self.invoices:
            out.setdefault(invoice["customer_external_id"], []).append(invoice)
        return out

    def write_csv(self, directory: Path, *, transactions_file: bool = False) -> dict[str, Path]:
        """plans.csv, customers.csv, invoices.csv (and transactions.csv when `transactions_file`)."""
        directory.mkdir(parents=True, exist_ok=True)
        paths = {
            "plans": directory / "plans.csv",
            "customers": directory / "customers.csv",
            "invoices": directory / "invoices.csv",
        }
        _write_csv(paths["plans"], list(PLAN_COLUMNS), self.plans)
        _write_csv(paths["customers"], list(CUSTOMER_COLUMNS), self.customers)
        line_columns = [LINE_ITEM_PREFIX + k for k in LINE_ITEM_FIELDS]
        tran_columns = [TRANSACTION_PREFIX + k for k in TRANSACTION_FIELDS]
        rows: list[dict[str, Any]] = []
        tran_rows: list[dict[str, Any]] = []
        for invoice in self.invoices:
            head = {k: invoice.get(k) for k in INVOICE_COLUMNS}
            for n, line in enumerate(invoice["line_items"]):
                # the invoice's own columns on its first row only (later rows may leave them empty)
                rows.append(
                    (head if n == 0 else {"external_id": invoice["external_id"]})
                    | _prefixed(line, LINE_ITEM_PREFIX)
                )
            for tran in invoice["transactions"]:
                if transactions_file:
                    tran_rows.append({"invoice_external_id": invoice["external_id"], **tran})
                else:
                    rows.append({"external_id": invoice["external_id"]} | _prefixed(tran, TRANSACTION_PREFIX))
        _write_csv(
            paths["invoices"],
            [*INVOICE_COLUMNS, *line_columns, *([] if transactions_file else tran_columns)],
            rows,
        )
        if transactions_file:
            paths["transactions"] = directory / "transactions.csv"
            _write_csv(paths["transactions"], ["invoice_external_id", *TRANSACTION_FIELDS], tran_rows)
        return paths

    def write_jsonl(self, directory: Path) -> dict[str, Path]:
        """plans.jsonl, customers.jsonl, invoices.jsonl."""
        directory.mkdir(parents=True, exist_ok=True)
        paths = {}
        for kind in ("plans", "customers", "invoices"):
            paths[kind] = directory / f"{kind}.jsonl"
            with open(paths[kind], "w", encoding="utf-8") as fh:
                for item in getattr(self, kind):
                    fh.write(json.dumps(item) + "\n")
        return paths


def _prefixed(values: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {prefix + k: v for k, v in values.items()}


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


def generate(customers: int = 100, invoices_per_customer: int = 10, *, seed: int = 7) -> History:
    """`customers` customers with `invoices_per_customer` monthly invoices each (on average), starting in
    different months; some change plan, some add a one-time setup fee, some pay after a failed attempt,
    and some cancel at the end."""
    rng = random.Random(seed)
    history = History(plans=[dict(p) for p in PLANS])
    names = list(PRICES)
    for c in range(1, customers + 1):
        cid = f"cus_{c:06d}"
        history.customers.append(
            {
                "external_id": cid,
                "name": f"Customer {c}",
                "email": f"billing+{c}@example.com",
                "company": f"Company {c} Ltd",
                "country": rng.choice(COUNTRIES),
                "city": "Springfield",
                "tags": ["imported"] + (["enterprise"] if c % 10 == 0 else []),
            }
        )
        start = rng.randrange(0, 24)
        plan = rng.choice(names)
        quantity = rng.choice([1, 1, 1, 2, 5])
        # invoice counts vary a little around the average
        count = max(1, invoices_per_customer + rng.choice([-1, 0, 0, 1])) if invoices_per_customer > 1 else 1
        cancel = rng.random() < 0.1
        for m in range(count):
            if m and rng.random() < 0.08:
                plan = rng.choice(names)
            month = start + m
            iid = f"inv_{c:06d}_{m:03d}"
            line: dict[str, Any] = {
                "type": "subscription",
                "external_id": f"li_{c:06d}_{m:03d}",
                "subscription_external_id": f"sub_{c:06d}",
                "plan_external_id": plan,
                "service_period_start": _month(month),
                "service_period_end": _month(month + 1),
                "amount_in_cents": PRICES[plan] * quantity,
                "quantity": quantity,
                "tax_amount_in_cents": PRICES[plan] * quantity // 5,
            }
            if cancel and m == count - 1:
                line["cancelled_at"] = _month(month, 15)
            lines = [line]
            if m == 0 and c % 3 == 0:
                lines.append(
                    {
                        "type": "one_time",
                        "external_id": f"li_{c:06d}_{m:03d}_setup",
                        "description": "Setup fee",
                        "amount_in_cents": 5000,
                        "quantity": 1,
                    }
                )
            trans = []
            if rng.random() < 0.05:
                trans.append(
                    {
                        "type": "payment",
                        "date": _month(month, 1),
                        "result": "failed",
                        "external_id": f"tr_{c:06d}_{m:03d}_f",
                    }
                )
            trans.append(
                {
                    "type": "payment",
                    "date": _month(month, 2),
                    "result": "successful",
                    "external_id": f"tr_{c:06d}_{m:03d}",
                }
            )
            history.invoices.append(
                {
                    "external_id": iid,
                    "customer_external_id": cid,
                    "date": _month(month),
                    "due_date": _month(month, 8),
                    "currency": "USD",
                    "line_items": lines,
                    "transactions": trans,
                }
            )
    return history
