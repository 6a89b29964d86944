"""The Metrics API: key metric series and activities, computed from the stored MRR movements.

Movements (activities) are kept current by `derive.refresh` on every write, so a series is a sweep over
them. The sorted, indexed activity log of an account is cached in the process, keyed on the account's
`activities_version`, which every refresh bumps in the same transaction: a cached log is never stale,
whichever process wrote.
"""

from __future__ import annotations

import threading
import weakref
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select
from starlette.responses import Response

from mogul.analytics.metrics import INTERVALS, METRICS, ActivityLog, metric_series, prepare_activities
from mogul.analytics.model import Activity
from mogul.server import wire
from mogul.server.domain import derive
from mogul.server.domain.base import find
from mogul.server.domain.paging import paginate
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response
from mogul.store import schema as s
from mogul.store.engine import Database

api = Api()

ACTIVITY_TYPES = ("new_biz", "expansion", "contraction", "churn", "reactivation")
# With no `interval`, ChartMogul answers these daily and the others by month (api-reference.md §2.12).
DAILY_BY_DEFAULT = frozenset({"mrr", "arr", "arpa", "customer-count"})

# per database (one process may serve several, e.g. sandboxes), then per account: (version, log)
_cache: weakref.WeakKeyDictionary[Database, dict[int, tuple[int, ActivityLog]]] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def _activity_log(call: Call) -> ActivityLog:
    a = s.activities
    version = call.conn.execute(
        select(s.accounts.c.activities_version).where(s.accounts.c.id == call.account.id)
    ).scalar_one()
    with _cache_lock:
        logs = _cache.setdefault(call.db, {})
        cached = logs.get(call.account.id)
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = call.conn.execute(
        select(s.customers.c.uuid, a.c.date, a.c.type, a.c.movement, a.c.mrr_after, a.c.seq)
        .join(s.customers, s.customers.c.id == a.c.customer_id)
        .where(a.c.account_id == call.account.id)
    )
    log = prepare_activities(
        Activity(r.uuid, r.date, r.type, r.movement, r.mrr_after, "", "", None, None, "", r.seq) for r in rows
    )
    with _cache_lock:
        logs[call.account.id] = (version, log)
    return log


def _required_date(call: Call, *names: str) -> date:
    raw = call.param(*names)
    if not raw:
        raise wire.param_missing(names[0])
    try:
        return wire.parse_date(raw)
    except ValueError as exc:
        raise wire.bad_request(
            f'Parameter "{names[0]}" must be a date (YYYY-MM-DD), got {raw!r}', names[0]
        ) from exc


def _split(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def _plan_filtered_log(call: Call, tokens: list[str]) -> ActivityLog:
    """Activities counting only subscriptions while on the named plans (names, uuids or external ids)."""
    p = s.plans.c
    plans = call.conn.execute(
        select(p.id, p.uuid).where(
            p.account_id == call.account.id,
            or_(p.uuid.in_(tokens), p.external_id.in_(tokens), p.name.in_(tokens)),
        )
    ).all()
    if not plans:
        return prepare_activities([])
    customer_ids = {
        r.customer_id
        for r in call.conn.execute(
            select(s.line_items.c.customer_id)
            .where(s.line_items.c.plan_id.in_([r.id for r in plans]))
            .distinct()
        )
    }
    results = derive.compute(call.conn, call.account, customer_ids, plan_uuids={r.uuid for r in plans})
    return prepare_activities(a for result in results.values() for a in result.activities)


@api.get("/metrics/{name}")
def metrics(call: Call) -> Response:
    name = call.path["name"]
    if name != "all" and name not in METRICS:
        raise wire.ApiError(404, wire.error_body(404, f"No route matches /v1/metrics/{name}"))
    start = _required_date(call, "start-date", "start_date")
    end = _required_date(call, "end-date", "end_date")
    if end < start:
        raise wire.bad_request('Parameter "end-date" must not be before "start-date"', "end-date")
    interval = call.param("interval") or ("day" if name in DAILY_BY_DEFAULT else "month")
    if interval not in INTERVALS:
        raise wire.bad_request(f'Parameter "interval" must be one of: {", ".join(INTERVALS)}', "interval")
    plans = _split(call.param("plans"))
    log = _plan_filtered_log(call, plans) if plans else _activity_log(call)
    customers = None
    if geo := _split(call.param("geo")):
        c = s.customers.c
        customers = {
            r.uuid
            for r in call.conn.execute(
                select(c.uuid).where(c.account_id == call.account.id, c.country.in_([g.upper() for g in geo]))
            )
        }
    entries, summary = metric_series(
        log,
        start=start,
        end=end,
        interval=interval,
        week_start=call.account.week_start_on,
        metrics=name,
        customers=customers,
    )
    return json_response({"entries": entries, "summary": summary})


# -- activities -----------------------------------------------------------------------------------------


def _activity_select() -> Any:
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


def _activity(call: Call, row: Any) -> dict[str, Any]:
    return {
        "description": row.description,
        "activity-mrr-movement": row.movement,
        "activity-mrr": row.mrr_after,
        "activity-arr": row.mrr_after * 12,
        "date": wire.fmt_offset(row.date),
        "type": row.type,
        "currency": call.account.currency,
        "subscription-external-id": row.subscription_external_id,
        "subscription-set-external-id": row.subscription_set_external_id,
        "plan-external-id": row.plan_external_id or "",
        "customer-name": row.customer_name,
        "customer-uuid": row.customer_uuid,
        "customer-external-id": row.customer_external_id,
        "billing-connector-uuid": row.ds_uuid,
        "uuid": row.uuid,
    }


def _moment(call: Call, *names: str, end: bool = False) -> datetime | None:
    raw = call.param(*names)
    if not raw:
        return None
    try:
        moment = wire.parse_time(raw)
    except ValueError as exc:
        raise wire.bad_request(
            f'Parameter "{names[0]}" must be an ISO 8601 timestamp, got {raw!r}', names[0]
        ) from exc
    # A bare end date means the whole of that day.
    if end and len(raw.strip()) == 10:
        moment = datetime.combine(moment.date() + timedelta(days=1), time(), moment.tzinfo) - timedelta(
            microseconds=1
        )
    return moment


@api.get("/activities")
def activities(call: Call) -> Response:
    a = s.activities.c
    stmt = _activity_select().where(a.account_id == call.account.id)
    if (start := _moment(call, "start-date", "start_date")) is not None:
        stmt = stmt.where(a.date >= start)
    if (end := _moment(call, "end-date", "end_date", end=True)) is not None:
        stmt = stmt.where(a.date <= end)
    if (kind := call.param("type")) is not None:
        if kind not in ACTIVITY_TYPES:
            raise wire.bad_request(f'Parameter "type" must be one of: {", ".join(ACTIVITY_TYPES)}', "type")
        stmt = stmt.where(a.type == kind)
    order = call.param("order") or "date"
    if order not in ("date", "-date"):
        raise wire.bad_request('Parameter "order" must be "date" or "-date"', "order")
    descending = order == "-date"
    if (after := call.param("start-after", "start_after")) is not None:
        anchor = call.conn.execute(
            select(a.date, a.id).where(a.uuid == after, a.account_id == call.account.id)
        ).first()
        if anchor is None:
            raise wire.bad_request(f"No activity {after!r} to start after", "start-after")
        stmt = stmt.where(
            (a.date < anchor.date) | ((a.date == anchor.date) & (a.id < anchor.id))
            if descending
            else (a.date > anchor.date) | ((a.date == anchor.date) & (a.id > anchor.id))
        )
    page = paginate(call.conn, call.page(), stmt, [a.date, a.id], descending=descending, count=False)
    return json_response(
        {
            "entries": [_activity(call, r) for r in page.rows],
            "has_more": page.has_more,
            "per_page": page.per_page,
            "cursor": page.cursor,
        }
    )


@api.get("/customers/{uuid}/activities")
def customer_activities(call: Call) -> Response:
    customer = find(call.scope, s.customers, call.path["uuid"], "Customer")
    a = s.activities.c
    page = paginate(
        call.conn,
        call.page(),
        _activity_select().where(a.customer_id == customer.id),
        [a.date, a.id],
        count=False,
    )
    currency = call.account.currency
    entries = [
        {
            "id": r.id,
            "description": r.description,
            "activity-mrr-movement": r.movement,
            "activity-mrr": r.mrr_after,
            "activity-arr": r.mrr_after * 12,
            "date": wire.fmt_offset(r.date),
            "type": r.type,
            "currency": currency,
            "currency-sign": wire.currency_sign(currency),
            "subscription-external-id": r.subscription_external_id,
        }
        for r in page.rows
    ]
    body: dict[str, Any] = {"entries": entries, "has_more": page.has_more, "cursor": page.cursor}
    if page.first:
        body |= {"per_page": page.per_page, "page": 1}
    return json_response(body)
