"""What the dashboard (`mogul.web`) reads beyond the `/v1` answers it shows: the operands of each figure,
the period's movement counts, MRR by plan, the customer list with search and MRR order, and what the
filters offer. Everything else it shows is the answer of the same domain function as `/v1`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date
from typing import Any

from sqlalchemy import func, or_, select

from mogul.analytics.cohorts import Cohort, cohorts
from mogul.analytics.metrics import explained_rows
from mogul.server import wire
from mogul.server.domain import activities, metrics
from mogul.server.domain.base import Scope
from mogul.server.domain.customers import select_customers, serialize, status_filter
from mogul.store import schema as s

RATES = ("customer-churn-rate", "mrr-churn-rate")
CUSTOMER_TABS = ("all", "Active", "Past Due", "Cancelled", "Lead")
CUSTOMER_SORTS = ("-mrr", "mrr", "name")
CUSTOMERS_PER_PAGE = 50


def explained(scope: Scope, request: metrics.MetricsRequest) -> list[dict[str, Any]]:
    """Each bucket of the request's series with every figure and its operands (rates as floats with 2
    decimals, as `/v1/metrics` shows them)."""
    query = metrics.checked(scope, request)
    rows = explained_rows(
        query.log,
        start=query.start,
        end=query.end,
        interval=query.interval,
        week_start=query.week_start,
        customers=query.customers,
    )
    for row in rows:
        for key in RATES:
            row[key] = row[key] / 100
    return rows


def cohort_table(scope: Scope, request: metrics.MetricsRequest) -> list[Cohort]:
    """The cohorts that started within the request's range, on its plans and in its countries (the
    request is checked as `/v1/metrics` checks it; its interval is taken as month)."""
    query = metrics.checked(scope, request)
    return cohorts(query.log, start=query.start, end=query.end, customers=query.customers)


def movement_counts(scope: Scope, start: date, end: date) -> dict[str, dict[str, int]]:
    """`{type: {"count": n, "mrr": sum of movements}}` of the activities dated from `start` to `end`
    (whole days, UTC): the same activities `/v1/activities?start-date=&end-date=&type=` lists."""
    stmt = activities.filtered(
        scope, activities.ActivityFilters(start.isoformat(), end.isoformat())
    ).subquery()
    rows = scope.conn.execute(
        select(stmt.c.type, func.count(), func.coalesce(func.sum(stmt.c.movement), 0)).group_by(stmt.c.type)
    )
    counts = {kind: {"count": 0, "mrr": 0} for kind in activities.ACTIVITY_TYPES}
    for kind, count, total in rows:
        counts[kind] = {"count": int(count), "mrr": int(total)}
    return counts


def plans_in_use(scope: Scope) -> list[dict[str, str]]:
    """The account's plans that some line item is on (what the plan filter offers), by name."""
    p = s.plans.c
    used = select(s.line_items.c.plan_id).where(s.line_items.c.account_id == scope.account.id).distinct()
    rows = scope.conn.execute(
        select(p.uuid, p.name).where(p.account_id == scope.account.id, p.id.in_(used)).order_by(p.name, p.id)
    )
    return [{"uuid": r.uuid, "name": r.name} for r in rows]


def countries_in_use(scope: Scope) -> list[str]:
    c = s.customers.c
    rows = scope.conn.execute(
        select(c.country).where(c.account_id == scope.account.id, c.country.is_not(None)).distinct()
    )
    return sorted(r.country for r in rows)


def mrr_by_plan(scope: Scope, on: date) -> list[dict[str, Any]]:
    """Each plan in use with its MRR at the end of `on`, largest first: for each, the figure
    `/v1/metrics/mrr?start-date=<on>&end-date=<on>&plans=<uuid>` answers. Plans at 0 are left out."""
    out = []
    day = on.isoformat()
    for plan in plans_in_use(scope):
        answer = metrics.series(scope, metrics.MetricsRequest("mrr", day, day, "day", plan["uuid"]))
        mrr = answer["entries"][-1]["mrr"] if answer["entries"] else 0
        if mrr:
            out.append({**plan, "mrr": mrr})
    return sorted(out, key=lambda plan: (-plan["mrr"], plan["name"]))


def first_activity_date(scope: Scope) -> date | None:
    a = s.activities.c
    first = scope.conn.execute(select(func.min(a.date)).where(a.account_id == scope.account.id)).scalar()
    if first is None:
        return None
    return (first.astimezone(UTC) if first.tzinfo else first).date()


@dataclass(frozen=True)
class CustomerQuery:
    """The customer list's tab (a status, or "all"), search text, order and page number (1-based)."""

    tab: str = "all"
    search: str = ""
    sort: str = "-mrr"
    page: int = 1


def customer_list(scope: Scope, query: CustomerQuery) -> dict[str, Any]:
    """One page of the account's customers as `/v1/customers` shows each: on a status tab, matching the
    search in name, email, company or external id (any case), by MRR (largest first) or name."""
    if query.tab not in CUSTOMER_TABS:
        raise wire.bad_request(f'Parameter "status" must be one of: {", ".join(CUSTOMER_TABS)}', "status")
    if query.sort not in CUSTOMER_SORTS:
        raise wire.bad_request(f'Parameter "sort" must be one of: {", ".join(CUSTOMER_SORTS)}', "sort")
    c = s.customers.c
    stmt = select_customers().where(c.account_id == scope.account.id)
    values: dict[str, Any] = {}
    if query.tab != "all":
        _, condition, values = status_filter(query.tab)
        stmt = stmt.where(condition)
    if text := query.search.strip():
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for column in (c.name, c.email, c.company, c.external_id)
                )
            )
        )
    total = scope.conn.execute(select(func.count()).select_from(stmt.subquery()), values).scalar_one()
    order = {"-mrr": (c.mrr.desc(), c.id), "mrr": (c.mrr.asc(), c.id), "name": (c.name, c.id)}[query.sort]
    page = max(query.page, 1)
    rows = scope.conn.execute(
        stmt.order_by(*order).limit(CUSTOMERS_PER_PAGE).offset((page - 1) * CUSTOMERS_PER_PAGE), values
    ).all()
    return {
        "entries": [serialize(scope, row) for row in rows],
        "page": page,
        "per_page": CUSTOMERS_PER_PAGE,
        "total": total,
        "total_pages": max(1, -(-total // CUSTOMERS_PER_PAGE)),
    }
