"""The Metrics API: key metric series computed from the stored MRR movements.

Movements (activities) are kept current by `derive.refresh` on every write, so a series is a sweep over
them. The sorted, indexed activity log of an account is cached in the process, keyed on the account's
`activities_version`, which every refresh bumps in the same transaction (and a write that removes
activities without a refresh declares `@invalidates(ACTIVITIES)`, see `effects`): a cached log is never
stale, whichever process wrote. The log of a `plans` filter, computed again from the line items, is
kept the same way, per account and set of plans.

What one request may ask for is bounded (docs/bounds-metrics.md), and checked before anything is read
or computed: dates between 1900-01-01 and 2999-12-31, at most MAX_POINTS entries in the series, at
most MAX_PLANS plans in the `plans` filter, and only ISO 3166-1 alpha-2 codes in `geo`.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from mogul.analytics.metrics import (
    INTERVALS,
    METRICS,
    ActivityLog,
    bucket_count,
    metric_series,
    prepare_activities,
)
from mogul.analytics.model import Activity
from mogul.server import wire
from mogul.server.domain import derive
from mogul.server.domain.base import Scope
from mogul.server.domain.fields import country_name
from mogul.server.domain.query import check_order, required_date, split
from mogul.store import schema as s
from mogul.store.engine import Database

# With no `interval`, ChartMogul answers these daily and the others by month (api-reference.md §2.12).
DAILY_BY_DEFAULT = frozenset({"mrr", "arr", "arpa", "customer-count"})

# A daily series over 27 years (10,000 days), a weekly one over 191, a monthly one over 833; quarterly
# and yearly series over the whole date range (4,400 and 1,100 points) always fit. Such an answer takes
# a few MB and well under a second; the whole range by day (401,767 points) took 10 s and 400 MB.
MAX_POINTS = 10_000
# Three bound values per plan in the filter's query (uuid, external id, name): 3,000 at most, below
# SQLite's 32,766 and PostgreSQL's 65,535. A filter names a few plans; a plan group, some dozens.
MAX_PLANS = 1_000
_UNITS = {"day": "days", "week": "weeks", "month": "months", "quarter": "quarters", "year": "years"}

# per database (one process may serve several, e.g. sandboxes), then per account: (version, log)
_cache: weakref.WeakKeyDictionary[Database, dict[int, tuple[int, ActivityLog]]] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()
# The `plans` filter's logs, computed again from the line items (a few seconds at 10,000 customers), kept
# the same way per account: (activities_version, the plans' uuids) → log, at most MAX_PLAN_LOGS of them.
MAX_PLAN_LOGS = 32
_plan_cache: weakref.WeakKeyDictionary[Database, dict[int, dict[tuple[int, frozenset[str]], ActivityLog]]] = (
    weakref.WeakKeyDictionary()
)


@dataclass(frozen=True)
class MetricsRequest:
    """One request of a metric series, its query values as sent (`series` checks them)."""

    name: str  # "all" or one of analytics.metrics.METRICS
    start_date: str | None
    end_date: str | None
    interval: str | None = None
    plans: str | None = None  # comma-separated plan names, uuids or external ids
    geo: str | None = None  # comma-separated country codes


def _version(scope: Scope) -> int:
    return int(
        scope.conn.execute(
            select(s.accounts.c.activities_version).where(s.accounts.c.id == scope.account.id)
        ).scalar_one()
    )


def activity_log(scope: Scope) -> ActivityLog:
    """The account's whole activity log, sorted and indexed once per `activities_version`."""
    a = s.activities
    account_id = scope.account.id
    version = _version(scope)
    with _cache_lock:
        logs = _cache.setdefault(scope.db, {})
        cached = logs.get(account_id)
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = scope.conn.execute(
        select(s.customers.c.uuid, a.c.date, a.c.type, a.c.movement, a.c.mrr_after, a.c.seq)
        .join(s.customers, s.customers.c.id == a.c.customer_id)
        .where(a.c.account_id == account_id)
    )
    log = prepare_activities(
        Activity(r.uuid, r.date, r.type, r.movement, r.mrr_after, "", "", None, None, "", r.seq) for r in rows
    )
    with _cache_lock:
        logs[account_id] = (version, log)
    return log


def _plans(raw: str | None) -> list[str]:
    plans = split(raw)
    if len(plans) > MAX_PLANS:
        raise wire.bad_request(
            f'Parameter "plans" names {len(plans):,} plans; a request may name at most {MAX_PLANS:,}.',
            "plans",
        )
    return plans


def _countries(raw: str | None) -> list[str]:
    codes = split(raw)
    for code in codes:
        if country_name(code.upper()) is None:
            raise wire.bad_request(
                f'Parameter "geo" must list ISO 3166-1 alpha-2 country codes, got {code!r}', "geo"
            )
    return list(dict.fromkeys(code.upper() for code in codes))


def _plan_filtered_log(scope: Scope, tokens: list[str]) -> ActivityLog:
    """Activities counting only subscriptions while on the named plans (names, uuids or external ids)."""
    conn, account = scope.conn, scope.account
    p = s.plans.c
    plans = conn.execute(
        select(p.id, p.uuid).where(
            p.account_id == account.id,
            or_(p.uuid.in_(tokens), p.external_id.in_(tokens), p.name.in_(tokens)),
        )
    ).all()
    if not plans:
        return prepare_activities([])
    version = _version(scope)
    key = (version, frozenset(r.uuid for r in plans))
    with _cache_lock:
        kept = _plan_cache.setdefault(scope.db, {}).setdefault(account.id, {})
        cached = kept.get(key)
    if cached is not None:
        return cached
    customer_ids = {
        r.customer_id
        for r in conn.execute(
            select(s.line_items.c.customer_id)
            .where(s.line_items.c.plan_id.in_([r.id for r in plans]))
            .distinct()
        )
    }
    results = derive.compute(conn, account, customer_ids, plan_uuids={r.uuid for r in plans})
    log = prepare_activities(a for result in results.values() for a in result.activities)
    with _cache_lock:
        for stale in [k for k in kept if k[0] != version]:
            del kept[stale]
        if len(kept) >= MAX_PLAN_LOGS:
            kept.clear()
        kept[key] = log
    return log


def _customers_in(scope: Scope, countries: list[str]) -> set[str]:
    c = s.customers.c
    return {
        r.uuid
        for r in scope.conn.execute(
            select(c.uuid).where(c.account_id == scope.account.id, c.country.in_(countries))
        )
    }


@dataclass(frozen=True)
class MetricsQuery:
    """A request checked: its dates, interval, the activity log its `plans` filter selects, and the
    customers its `geo` filter keeps (None: all)."""

    start: date
    end: date
    interval: str
    week_start: str
    log: ActivityLog
    customers: set[str] | None


def checked(scope: Scope, request: MetricsRequest) -> MetricsQuery:
    """Check a request (400 on a bad date, interval, range, plan list or country) and read what its
    series is computed from."""
    name = request.name
    if name != "all" and name not in METRICS:
        raise wire.ApiError(404, wire.error_body(404, f"No route matches /v1/metrics/{name}"))
    start = required_date(request.start_date, "start-date")
    end = required_date(request.end_date, "end-date")
    check_order(start, end)
    interval = request.interval or ("day" if name in DAILY_BY_DEFAULT else "month")
    if interval not in INTERVALS:
        raise wire.bad_request(f'Parameter "interval" must be one of: {", ".join(INTERVALS)}', "interval")
    week_start = scope.account.week_start_on
    points = bucket_count(start, end, interval, week_start)
    if points > MAX_POINTS:
        raise wire.bad_request(
            f"The range from start-date to end-date holds {points:,} {_UNITS[interval]}; a request may ask"
            f" for at most {MAX_POINTS:,} points (use a longer interval or a shorter range)."
        )
    plans = _plans(request.plans)
    countries = _countries(request.geo)
    log = _plan_filtered_log(scope, plans) if plans else activity_log(scope)
    customers = _customers_in(scope, countries) if countries else None
    return MetricsQuery(start, end, interval, week_start, log, customers)


def series(scope: Scope, request: MetricsRequest) -> dict[str, Any]:
    """`{"entries": [...], "summary": {...}}` of one metric (or of all) over the request's range."""
    query = checked(scope, request)
    entries, summary = metric_series(
        query.log,
        start=query.start,
        end=query.end,
        interval=query.interval,
        week_start=query.week_start,
        metrics=request.name,
        customers=query.customers,
    )
    return {"entries": entries, "summary": summary}
