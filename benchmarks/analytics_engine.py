"""Benchmark of the analytics engine: 10,000 customers x 36 monthly invoices.

Times compute_customer over every customer, then metric_series (/metrics/all and /metrics/mrr) daily
over three years and monthly, from raw activities and from a prepared ActivityLog.

Run: .venv/bin/python benchmarks/analytics_engine.py [customers]
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from mogul.analytics import (
    CustomerInput,
    CustomerResult,
    LineItem,
    Plan,
    Subscription,
    compute_customer,
    metric_series,
    prepare_activities,
)
from mogul.analytics.valuation import exchange_rate

T = TypeVar("T")

START = datetime(2022, 1, 1, tzinfo=UTC)
MONTHS = 36
NOW = datetime(2025, 1, 15, tzinfo=UTC)
PRICES = {"pl_bronze": 2900, "pl_silver": 4900, "pl_gold": 9900, "pl_platinum": 19900}


def _month(index: int, day: int) -> datetime:
    year, month0 = divmod(START.month - 1 + index, 12)
    return START.replace(year=START.year + year, month=month0 + 1, day=day)


def _line(
    seq: int, sub: str, plan: str, start: datetime, end: datetime, amount: int, currency: str, prorated: bool
) -> LineItem:
    return LineItem(
        seq=seq,
        subscription_uuid=f"sub_{sub}",
        subscription_external_id=sub,
        subscription_set_external_id=None,
        plan_uuid=plan,
        service_period_start=start,
        service_period_end=end,
        amount_in_cents=amount,
        tax_amount_in_cents=0 if prorated else amount // 10,
        currency=currency,
        prorated=prorated,
        proration_type="differential" if prorated else None,
        event_order=None,
        quantity=1,
    )


def generate(customers: int, seed: int = 7) -> tuple[dict[str, Plan], list[CustomerInput]]:
    """36 monthly invoices each, with some upgrades, prorated seats, cancellations, reactivations, EUR."""
    rng = random.Random(seed)
    plans = {uuid: Plan(uuid, uuid[3:], uuid[3:].title(), 1, "month") for uuid in PRICES}
    names = list(plans)
    seq = 0
    result = []
    for number in range(customers):
        plan = rng.choice(names)
        currency = "EUR" if rng.random() < 0.1 else "USD"
        day = rng.randrange(1, 29)  # every customer bills on its own day of the month
        upgrade_at = rng.randrange(1, MONTHS) if rng.random() < 0.2 else None
        seat_at = rng.randrange(1, MONTHS) if rng.random() < 0.1 else None
        cancel_at = rng.randrange(2, MONTHS) if rng.random() < 0.15 else None
        back_at = cancel_at + rng.randrange(1, 4) if cancel_at is not None and rng.random() < 0.3 else None
        sub = f"s{number:05d}"
        lines = []
        amount = PRICES[plan]
        for month in range(MONTHS):
            if cancel_at is not None and cancel_at <= month and (back_at is None or month < back_at):
                continue
            if month == upgrade_at:
                plan = names[min(names.index(plan) + 1, len(names) - 1)]
                amount = PRICES[plan]
            start, end = _month(month, day), _month(month + 1, day)
            seq += 1
            lines.append(_line(seq, sub, plan, start, end, amount, currency, False))
            if month == seat_at:
                seq += 1
                lines.append(
                    _line(seq, sub, plan, start + timedelta(days=15), end, amount // 2, currency, True)
                )
                amount += PRICES[plan]
        cancellations = (_month(cancel_at, day) - timedelta(days=5),) if cancel_at is not None else ()
        result.append(
            CustomerInput(
                uuid=f"cus_{number:05d}",
                external_id=f"ext_{number}",
                name=f"Customer {number}",
                country=rng.choice(["US", "GB", "DE", "FR"]),
                data_source_uuid="ds_1",
                lead_status="New Lead",
                subscriptions=(Subscription(f"sub_{sub}", sub, None, cancellations),),
                line_items=tuple(lines),
            )
        )
    return plans, result


def _timed(label: str, call: Callable[[], T], runs: int = 3) -> T:
    """Best of `runs` wall-clock times."""
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        value = call()
        best = min(best, time.perf_counter() - began)
    print(f"{label:<56} {best * 1000:8.1f} ms")
    return value


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    plans, customers = generate(count)
    print(f"{count} customers, {sum(len(c.line_items) for c in customers)} line items")
    exchange_rate("EUR", "USD", date(2022, 1, 3))  # load the bundled ECB data outside the timings

    def compute_all() -> list[CustomerResult]:
        return [compute_customer(customer, plans, "USD", NOW) for customer in customers]

    results = _timed("compute_customer, all customers", compute_all)
    activities = [activity for result in results for activity in result.activities]
    print(f"{len(activities)} activities")
    start, end = date(2022, 1, 1), date(2024, 12, 31)
    log = _timed("prepare_activities", lambda: prepare_activities(activities))
    _timed(
        "/all daily, 3 years, from raw activities",
        lambda: metric_series(activities, start=start, end=end, interval="day"),
    )
    _timed(
        "/all daily, 3 years, prepared log", lambda: metric_series(log, start=start, end=end, interval="day")
    )
    _timed(
        "/mrr daily, 3 years, prepared log",
        lambda: metric_series(log, start=start, end=end, interval="day", metrics="mrr"),
    )
    _timed(
        "/all monthly, 3 years, prepared log",
        lambda: metric_series(log, start=start, end=end, interval="month"),
    )
    geo = {customer.uuid for customer in customers if customer.country == "US"}
    _timed(
        "/all daily, 3 years, geo filter (1 of 4 countries)",
        lambda: metric_series(log, start=start, end=end, interval="day", customers=geo),
    )
    entries, _ = metric_series(log, start=start, end=end, interval="month")
    print(f"last entry: {entries[-1]['date']} mrr {entries[-1]['mrr']}, customers {entries[-1]['customers']}")


if __name__ == "__main__":
    main()
