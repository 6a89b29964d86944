"""An invoice write that makes a customer's whole subscription history (the customer had no subscription
before) hands that history to derive as written (`derive.Fresh`) instead of reading it back. What it
stores must be exactly what reading the stored rows gives: both paths are compared here, on new
customers (written whole) and on customers that get more invoices later (read back)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mogul.bulk.sample import generate
from mogul.server.domain import derive
from mogul.server.http.auth import account_of
from mogul.server.sandbox import Sandbox
from mogul.store import schema as s
from tests.conftest import basic


@pytest.fixture
def box(fresh_database_url: str) -> Iterator[Sandbox]:
    with Sandbox(fresh_database_url) as sandbox:
        yield sandbox


def line(sub: str, plan: str, start: str, end: str, amount: int, **more: Any) -> dict[str, Any]:
    return {
        "type": "subscription",
        "subscription_external_id": sub,
        "plan_external_id": plan,
        "service_period_start": start,
        "service_period_end": end,
        "amount_in_cents": amount,
        **more,
    }


def special_invoices() -> list[dict[str, Any]]:
    """What the generated history lacks: another currency, prorations, event order, subscription
    sets, a mid-period upgrade, a cancellation and a one-time charge."""
    return [
        {
            "external_id": "x1", "customer_external_id": "special", "date": "2024-01-01", "currency": "EUR",
            "line_items": [
                line("sx1", "plan_gold", "2024-01-01", "2024-02-01", 9000, subscription_set_external_id="s"),
                line("sx2", "plan_bronze", "2024-01-01", "2024-02-01", 2500, subscription_set_external_id="s",
                     quantity=3),
                {"type": "one_time", "amount_in_cents": 500, "description": "setup"},
            ],
            "transactions": [{"type": "payment", "date": "2024-01-02", "result": "successful"}],
        },
        {
            "external_id": "x2", "customer_external_id": "special", "date": "2024-01-15", "currency": "EUR",
            "line_items": [
                line("sx1", "plan_platinum", "2024-01-15", "2024-02-01", 6000, prorated=True,
                     proration_type="differential", event_order=2),
                line("sx2", "plan_bronze", "2024-01-15", "2024-02-01", 0, prorated=True,
                     proration_type="full", event_order=1, cancelled_at="2024-01-20 10:11:12"),
            ],
            "transactions": [],
        },
        {
            "external_id": "x3", "customer_external_id": "special", "date": "2024-02-01", "currency": "EUR",
            "line_items": [line("sx1", "plan_platinum", "2024-02-01", "2024-03-01", 18000)],
            "transactions": [],
        },
    ]  # fmt: skip


def post(api: httpx.Client, ds: str, body: dict[str, Any]) -> None:
    answer = api.post(f"/data_sources/{ds}/json_imports", json=body).json()
    assert answer["status"] == "completed" and answer["status_details"]["errors"] == [], answer


def test_what_a_write_derives_for_new_customers_is_what_the_stored_rows_give(box: Sandbox) -> None:
    history = generate(customers=40, invoices_per_customer=8, seed=5)
    api = httpx.Client(base_url=box.api_url, headers=basic(box.api_key), timeout=60)
    ds = api.post("/data_sources", json={"name": "fresh"}).json()["uuid"]
    customers = [*history.customers, {"external_id": "special", "name": "Special"}]
    post(api, ds, {"external_id": "setup", "plans": history.plans, "customers": customers})
    by_customer: dict[str, list[dict[str, Any]]] = {}
    for invoice in history.invoices:
        by_customer.setdefault(invoice["customer_external_id"], []).append(invoice)
    first, later = [], []
    for n, invoices in enumerate(by_customer.values()):
        # half the customers get their invoices in two imports: the second reads the first back
        cut = len(invoices) // 2 if n % 2 else len(invoices)
        first += invoices[:cut]
        later += invoices[cut:]
    special = special_invoices()
    post(api, ds, {"external_id": "first", "invoices": [*first, *special[:2]]})
    post(api, ds, {"external_id": "later", "invoices": [*later, special[2]]})
    api.close()

    account = account_of(box.db, basic(box.api_key)["Authorization"])
    with box.db.read() as conn:
        stored = {
            r.id: r for r in conn.execute(select(s.customers).where(s.customers.c.account_id == account.id))
        }
        activities: dict[int, list[tuple[Any, ...]]] = {}
        for a in conn.execute(select(s.activities).order_by(s.activities.c.customer_id, s.activities.c.seq)):
            activities.setdefault(a.customer_id, []).append((a.date, a.type, a.movement, a.mrr_after, a.seq))
        # the same customers computed from nothing but the stored rows
        results = derive.compute(conn, account, stored, now=datetime.now(UTC))
    assert len(stored) == 41
    assert sum(len(r.activities) for r in results.values()) > 41  # the histories have movements
    for cid, result in results.items():
        row = stored[cid]
        assert (row.mrr, row.customer_since) == (result.mrr, result.customer_since), row.external_id
        computed = [(a.date, a.type, a.movement, a.mrr_after, a.seq) for a in result.activities]
        assert activities.get(cid, []) == computed, row.external_id
    special_row = next(r for r in stored.values() if r.external_id == "special")
    assert special_row.mrr > 0 and len(activities[special_row.id]) >= 3
