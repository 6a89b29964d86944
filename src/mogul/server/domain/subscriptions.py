"""Subscriptions: the Import API view (list a customer's, cancel one) and the Metrics API view of a
customer's (with the state the analytics engine computes: MRR, quantity, status).

A cancellation changes the customer's activities, so it goes through `derive.refresh`, which recomputes
them and invalidates the metrics' cached activity log in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from mogul.server import wire
from mogul.server.domain import derive
from mogul.server.domain.base import Scope, find, object_body
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import PageRequest, paginate
from mogul.store import schema as s


def _select() -> Any:
    sub, ds, pl, c = s.subscriptions, s.data_sources, s.plans, s.customers
    return (
        select(sub, ds.c.uuid.label("ds_uuid"), pl.c.uuid.label("plan_uuid"), c.c.uuid.label("customer_uuid"))
        .join(ds, ds.c.id == sub.c.data_source_id)
        .join(c, c.c.id == sub.c.customer_id)
        .outerjoin(pl, pl.c.id == sub.c.plan_id)
    )


def serialize(row: Any) -> dict[str, Any]:
    """A subscription as the Import API shows it; `row` is one of `_select()`."""
    return {
        "uuid": row.uuid,
        "external_id": row.external_id,
        "subscription_set_external_id": row.subscription_set_external_id,
        "plan_uuid": row.plan_uuid,
        "customer_uuid": row.customer_uuid,
        "data_source_uuid": row.ds_uuid,
        "cancellation_dates": row.cancellation_dates,
    }


def list_imported(scope: Scope, customer_uuid: str, page: PageRequest) -> dict[str, Any]:
    customer = find(scope, s.customers, customer_uuid, "Customer")
    sub = s.subscriptions.c
    found = paginate(scope.conn, page, _select().where(sub.customer_id == customer.id), [sub.id])
    return {
        "customer_uuid": customer.uuid,
        "subscriptions": [serialize(r) for r in found.rows],
        # the legacy Python client reads these two on every page
        "current_page": 1,
        "total_pages": found.total_pages if found.first else 1,
        "cursor": found.cursor,
        "has_more": found.has_more,
    }


def _cancellation_dates(f: Fields, row: Any) -> list[str]:
    """The stored cancellation dates after the body: `cancellation_dates` replaces them all,
    `cancelled_at` adds one (in the past)."""
    if f.has("cancellation_dates"):
        raw = f.data["cancellation_dates"]
        if not isinstance(raw, list):
            raise wire.invalid({"cancellation_dates": "cancellation_dates must be an array of timestamps."})
        dates: list[datetime] = []
        for n, value in enumerate(raw):
            try:
                dates.append(wire.parse_time(value))
            except ValueError:
                f.fail(f"cancellation_dates[{n}]", "cancellation_dates must hold ISO 8601 timestamps.")
        f.check()
        return sorted({wire.fmt_ms(d) for d in dates})
    if f.has("cancelled_at"):
        at = f.time("cancelled_at", required=True, past=True)
        f.check()
        assert at is not None
        return sorted({*row.cancellation_dates, wire.fmt_ms(at)})
    raise wire.param_missing("cancelled_at")


def cancel(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    """Set or add cancellation dates; the customer's figures are recomputed with them."""
    row = find(scope, s.subscriptions, uuid, "Subscription")
    stored = _cancellation_dates(Fields(object_body(body)), row)
    sub = s.subscriptions
    scope.conn.execute(update(sub).where(sub.c.id == row.id).values(cancellation_dates=stored))
    derive.refresh(scope.conn, scope.account, {row.customer_id}, lines_removed=False)
    return serialize(scope.conn.execute(_select().where(sub.c.id == row.id)).one())


def list_for_customer(scope: Scope, customer_uuid: str, page: PageRequest) -> dict[str, Any]:
    """A customer's subscriptions as the Metrics API shows them, with their computed state."""
    customer = find(scope, s.customers, customer_uuid, "Customer")
    result = derive.compute(scope.conn, scope.account, [customer.id])[customer.id]
    states = {st.uuid: st for st in result.subscriptions}
    sub = s.subscriptions
    found = paginate(
        scope.conn, page, _select().where(sub.c.customer_id == customer.id), [sub.c.id], count=False
    )
    plans = {
        r.uuid: r
        for r in scope.conn.execute(
            select(s.plans).where(
                s.plans.c.uuid.in_([st.plan_uuid for st in states.values() if st.plan_uuid])
            )
        )
    }
    currency = scope.account.currency
    entries = []
    for row in found.rows:
        st = states.get(row.uuid)
        if st is None:
            continue
        plan = plans.get(st.plan_uuid) if st.plan_uuid else None
        entries.append(
            {
                "id": row.id,
                "uuid": row.metrics_uuid,
                "external_id": row.external_id,
                "subscription_set_external_id": row.subscription_set_external_id or row.external_id,
                "plan": plan.name if plan else "",
                "quantity": st.quantity,
                "mrr": st.mrr,
                "arr": st.mrr * 12,
                "status": st.status,
                "billing-cycle": plan.interval_unit if plan else "month",
                "billing-cycle-count": plan.interval_count if plan else 1,
                "start-date": wire.fmt_offset(st.start),
                "end-date": wire.fmt_offset(st.end),
                "currency": currency,
                "currency-sign": wire.currency_sign(currency),
            }
        )
    return found.entries(entries)
