"""Activities (the MRR movements `derive.refresh` stores): the account's, filtered and ordered, and one
customer's.

The exchange-rate changes stored beside them (type "fx", analytics/movements.py) are no movement, so
the lists leave them out, as ChartMogul's do; `type=fx` (mogul's own) lists only them, the Exchange
Rate Impact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from mogul.server import wire
from mogul.server.domain.base import Scope, find
from mogul.server.domain.paging import PageRequest, after, paginate
from mogul.server.domain.query import check_order, moment
from mogul.store import schema as s

ACTIVITY_TYPES = ("new_biz", "expansion", "contraction", "churn", "reactivation")
EXCHANGE_RATE = "fx"
LISTED_TYPES = (*ACTIVITY_TYPES, EXCHANGE_RATE)
ORDERS = ("date", "-date")


@dataclass(frozen=True)
class ActivityFilters:
    """The query of `GET /activities` as sent (`list_activities` checks it)."""

    start_date: str | None = None
    end_date: str | None = None
    type: str | None = None
    order: str | None = None  # "date" (the default) or "-date"
    start_after: str | None = None  # the legacy anchor: the uuid of the activity to start after


def _select() -> Any:
    a, c, ds, pl = s.activities, s.customers, s.data_sources, s.plans
    return (
        select(
            a,
            c.c.uuid.label("customer_uuid"),
            c.c.name.label("customer_name"),
            c.c.external_id.label("customer_external_id"),
            ds.c.uuid.label("ds_uuid"),
            pl.c.external_id.label("plan_external_id"),
        )
        .join(c, c.c.id == a.c.customer_id)
        .join(ds, ds.c.id == a.c.data_source_id)
        .outerjoin(pl, pl.c.id == a.c.plan_id)
    )


def _movement(scope: Scope, row: Any) -> dict[str, Any]:
    """The fields an activity shows in both lists."""
    return {
        "description": row.description,
        "activity-mrr-movement": row.movement,
        "activity-mrr": row.mrr_after,
        "activity-arr": row.mrr_after * 12,
        "date": wire.fmt_offset(row.date),
        "type": row.type,
        "currency": scope.account.currency,
    }


def serialize(scope: Scope, row: Any) -> dict[str, Any]:
    """An activity of the account's list; `row` is one of `_select()`."""
    return {
        **_movement(scope, row),
        "subscription-external-id": row.subscription_external_id,
        "subscription-set-external-id": row.subscription_set_external_id,
        "plan-external-id": row.plan_external_id or "",
        "customer-name": row.customer_name,
        "customer-uuid": row.customer_uuid,
        "customer-external-id": row.customer_external_id,
        "billing-connector-uuid": row.ds_uuid,
        "uuid": row.uuid,
    }


def filtered(scope: Scope, filters: ActivityFilters) -> Any:
    """The account's activities within the filters' dates and of their type (400 on a bad one), in
    no order: the query of `GET /activities` and of an activities export."""
    a = s.activities.c
    stmt = _select().where(a.account_id == scope.account.id)
    start = moment(filters.start_date, "start-date")
    end = moment(filters.end_date, "end-date", end=True)
    check_order(start, end)
    if start is not None:
        stmt = stmt.where(a.date >= start)
    if end is not None:
        stmt = stmt.where(a.date <= end)
    kind = filters.type
    if kind is not None and kind not in LISTED_TYPES:
        raise wire.bad_request(f'Parameter "type" must be one of: {", ".join(LISTED_TYPES)}', "type")
    return stmt.where(a.type == kind if kind is not None else a.type != EXCHANGE_RATE)


def list_activities(scope: Scope, filters: ActivityFilters, page: PageRequest) -> dict[str, Any]:
    a = s.activities.c
    stmt = filtered(scope, filters)
    order = filters.order or "date"
    if order not in ORDERS:
        raise wire.bad_request('Parameter "order" must be "date" or "-date"', "order")
    descending = order == "-date"
    if (anchor_uuid := filters.start_after) is not None:
        anchor = scope.conn.execute(
            select(a.date, a.id).where(a.uuid == anchor_uuid, a.account_id == scope.account.id)
        ).first()
        if anchor is None:
            raise wire.bad_request(f"No activity {anchor_uuid!r} to start after", "start-after")
        stmt = stmt.where(after([a.date, a.id], [anchor.date, anchor.id], descending))
    found = paginate(scope.conn, page, stmt, [a.date, a.id], descending=descending, count=False)
    return {
        "entries": [serialize(scope, r) for r in found.rows],
        "has_more": found.has_more,
        "per_page": found.per_page,
        "cursor": found.cursor,
    }


def list_for_customer(scope: Scope, customer_uuid: str, page: PageRequest) -> dict[str, Any]:
    """A customer's activities, oldest first (the Metrics API's customer view)."""
    customer = find(scope, s.customers, customer_uuid, "Customer")
    a = s.activities.c
    stmt = _select().where(a.customer_id == customer.id, a.type != EXCHANGE_RATE)
    found = paginate(scope.conn, page, stmt, [a.date, a.id], count=False)
    currency = scope.account.currency
    entries = [
        {
            "id": r.id,
            **_movement(scope, r),
            "currency-sign": wire.currency_sign(currency),
            "subscription-external-id": r.subscription_external_id,
        }
        for r in found.rows
    ]
    return found.entries(entries)
