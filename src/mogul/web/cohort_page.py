"""The cohorts page: customer and MRR retention by the month customers started, as tables shaded like
a heat map (a class per tenth, no inline style), with the range, plan and country filters."""

from __future__ import annotations

from typing import Any

from mogul.server.domain import dashboard, metrics
from mogul.web.app import Page, View
from mogul.web.pages import common, page_range


def shade(value: float | None) -> str:
    """The heat-map class of a retention: h0 (none) to h10 (100% or more)."""
    if value is None:
        return "h0"
    return f"h{max(0, min(10, int(value // 10)))}"


def cohort_list(view: View) -> Page:
    start, end = page_range(view)
    request = metrics.MetricsRequest(
        "all", start.isoformat(), end.isoformat(), "month", view.filters.plans, view.filters.geo
    )
    found = dashboard.cohort_table(view.scope, request)
    data: dict[str, Any] = {
        "start-date": start.isoformat(),
        "end-date": end.isoformat(),
        "cohorts": [
            {
                "month": c.month.isoformat()[:7],
                "customers": c.size,
                "customers-by-month": list(c.customers),
                "mrr-by-month": list(c.mrr),
                "customer-retention": c.customer_retention,
                "mrr-retention": c.mrr_retention,
            }
            for c in found
        ],
    }
    width = max((len(c.customers) for c in found), default=0)
    table: list[list[Any]] = [["cohort", "customers", "measure", *[f"month {k}" for k in range(width)]]]
    for c in data["cohorts"]:
        table.append([c["month"], c["customers"], "customer-retention", *c["customer-retention"]])
        table.append([c["month"], c["customers"], "mrr-retention", *c["mrr-retention"]])
    return Page(
        "cohorts.html",
        {
            "title": "Cohorts",
            "cohorts": data["cohorts"],
            "width": width,
            "shade": shade,
            "start": start.isoformat(),
            "end": end.isoformat(),
            **common(view),
        },
        data,
        table,
    )
