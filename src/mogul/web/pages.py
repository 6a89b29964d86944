"""The dashboard's figure pages: the overview, the MRR page, one page per metric of `/v1/metrics`, and
the activities a cell of the MRR table drills down to.

Each figure is the answer of the domain function `/v1` calls with the same parameters; what a page adds
(the operands of each figure, the MRR bridge) comes from `domain.dashboard`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from mogul.analytics.metrics import METRICS, buckets
from mogul.server import wire
from mogul.server.domain import activities, dashboard, metrics
from mogul.server.domain.paging import PageRequest
from mogul.web import format as fmt
from mogul.web.app import PREFIX, Page, View
from mogul.web.charts import chart, epoch, summary
from mogul.web.filters import PRESETS, months_before

LABELS = {
    "mrr": "MRR",
    "arr": "ARR",
    "arpa": "ARPA",
    "asp": "ASP",
    "customers": "Customers",
    "customer-churn-rate": "Customer churn rate",
    "mrr-churn-rate": "Net MRR churn rate",
    "ltv": "LTV",
}
# The endpoint of each entry key (`customers` is `/v1/metrics/customer-count`).
ENDPOINTS = {key: name for name, key in METRICS.items()}
LEVELS = ("mrr", "arr", "arpa", "customers")  # values at the end of a day
FLOWS = ("asp", "customer-churn-rate", "mrr-churn-rate", "ltv")  # figures of a period (a month here)
MOVEMENTS = (
    ("new_biz", "mrr-new-business", "New business"),
    ("expansion", "mrr-expansion", "Expansion"),
    ("reactivation", "mrr-reactivation", "Reactivation"),
    ("contraction", "mrr-contraction", "Contraction"),
    ("churn", "mrr-churn", "Churn"),
)
MOVEMENT_LABELS = {kind: label for kind, _, label in MOVEMENTS}
# The operands each metric's page shows beside it, by entry key.
OPERANDS = {
    "mrr": (
        "mrr-start",
        "mrr-new-business",
        "mrr-expansion",
        "mrr-reactivation",
        "mrr-contraction",
        "mrr-churn",
    ),
    "arr": ("mrr",),
    "arpa": ("mrr", "customers"),
    "asp": ("mrr-new-business", "new-customers"),
    "customers": ("customers-start", "customers"),
    "customer-churn-rate": ("churned-customers", "customers-start"),
    "mrr-churn-rate": ("mrr-churn", "mrr-contraction", "mrr-expansion", "mrr-reactivation", "mrr-start"),
    "ltv": ("arpa", "customer-churn-rate"),
}
OPERAND_LABELS = {
    **LABELS,
    "mrr-start": "MRR at start",
    "mrr-new-business": "New business",
    "mrr-expansion": "Expansion",
    "mrr-reactivation": "Reactivation",
    "mrr-contraction": "Contraction",
    "mrr-churn": "Churn",
    "new-customers": "New customers",
    "customers-start": "Customers at start",
    "churned-customers": "Churned customers",
}
FORMULAS = {
    "mrr": "MRR = MRR at start + new business + expansion + reactivation + contraction + churn",
    "arr": "ARR = 12 × MRR",
    "arpa": "ARPA = MRR / customers",
    "asp": "ASP = new-business MRR / new customers",
    "customers": "Customers: from their first new business or reactivation until they churn",
    "customer-churn-rate": "Customer churn rate = churned customers / customers at start × 100",
    "mrr-churn-rate": (
        "Net MRR churn rate = (|churn| + |contraction| − expansion − reactivation) / MRR at start × 100"
    ),
    "ltv": "LTV = ARPA / (customer churn rate / 100)",
}


def shown(key: str, sign: str) -> Any:
    return lambda value: fmt.figure(value, key, sign)


def operands(key: str, row: dict[str, Any], sign: str) -> str:
    """The right-hand side of a figure's formula with its own values."""
    f = {name: fmt.figure(row[name], name, sign) for name in OPERAND_LABELS if name in row}
    if key == "mrr":
        parts = " + ".join(f[name] for name in OPERANDS["mrr"][1:])
        return f"{f['mrr-start']} + {parts}".replace("+ −", "− ")
    if key == "arr":
        return f"12 × {f['mrr']}"
    if key == "arpa":
        return f"{f['mrr']} / {f['customers']}"
    if key == "asp":
        return f"{f['mrr-new-business']} / {f['new-customers']}"
    if key == "customers":
        return f"{f['customers']} at the end, {f['customers-start']} at the start"
    if key == "customer-churn-rate":
        return f"{f['churned-customers']} / {f['customers-start']} × 100"
    if key == "mrr-churn-rate":
        churn = fmt.money(abs(row["mrr-churn"]), sign)
        contraction = fmt.money(abs(row["mrr-contraction"]), sign)
        return (
            f"({churn} + {contraction} − {f['mrr-expansion']} − {f['mrr-reactivation']})"
            f" / {f['mrr-start']} × 100"
        )
    return f"{f['arpa']} / ({f['customer-churn-rate']} / 100)"


def _sign(view: View) -> str:
    return wire.currency_sign(view.scope.account.currency)


def page_range(view: View) -> tuple[date, date]:
    return view.filters.range(lambda: dashboard.first_activity_date(view.scope))


def common(view: View) -> dict[str, Any]:
    """What every filtered page offers: the presets, intervals, plans and countries."""
    return {
        "presets": PRESETS,
        "intervals": ("day", "week", "month", "quarter", "year"),
        "plans": dashboard.plans_in_use(view.scope),
        "countries": dashboard.countries_in_use(view.scope),
        "sign": _sign(view),
    }


# -- the overview ----------------------------------------------------------------------------------------


def overview(view: View) -> Page:
    """Each key figure on the end date (default today) with its change against 30 and 365 days before
    (the figures of a period, against the month and the year before), the last 30 days' movements, MRR
    by plan and the latest activities."""
    scope, sign = view.scope, _sign(view)
    end = view.filters.end()
    day = end.isoformat()
    daily = metrics.series(
        scope, metrics.MetricsRequest("all", (end - timedelta(days=365)).isoformat(), day, "day")
    )
    month_request = metrics.MetricsRequest(
        "all", months_before(end.replace(day=1), 12).isoformat(), day, "month"
    )
    monthly = metrics.series(scope, month_request)
    month_rows = dashboard.explained(scope, month_request)
    period_start = end - timedelta(days=29)
    movements = dashboard.movement_counts(scope, period_start, end)
    days, months = daily["entries"], monthly["entries"]
    cards = []
    for key in (*LEVELS[:3], "asp", "customers", *FLOWS[1:]):
        entries, compared = (days, ("30 days", "365 days")) if key in LEVELS else (months, ("month", "year"))
        current = entries[-1][key]
        before = (entries[-31] if key in LEVELS else entries[-2])[key]
        year_before = entries[0][key]
        if key in LEVELS:
            row = {
                **month_rows[-1],
                **days[-1],
                "customers-start": days[-31]["customers"],
                "mrr-start": before,
            }
        else:
            row = month_rows[-1]
        cards.append(
            {
                "key": key,
                "label": LABELS[key],
                "endpoint": ENDPOINTS[key],
                "value": current,
                "shown": fmt.figure(current, key, sign),
                "against": [
                    (compared[0], fmt.figure(before, key, sign), fmt.percentage_change(current, before)),
                    (
                        compared[1],
                        fmt.figure(year_before, key, sign),
                        fmt.percentage_change(current, year_before),
                    ),
                ],
                "spark": fmt.sparkline([entry[key] for entry in entries]),
                "formula": FORMULAS[key],
                "operands": _overview_operands(key, row, movements, sign),
                "period": "on " + day if key in LEVELS else f"in {end:%B %Y} to {day}",
            }
        )
    bridge_total = sum(m["mrr"] for m in movements.values())
    mrr_then = days[-31]["mrr"]
    by_plan = dashboard.mrr_by_plan(scope, end)
    latest = activities.list_activities(
        scope, activities.ActivityFilters(end_date=day, order="-date"), PageRequest(10)
    )
    movement_rows = [
        {
            "kind": kind,
            "label": label,
            "count": movements[kind]["count"],
            "mrr": movements[kind]["mrr"],
            "link": f"{PREFIX}/activities?start-date={period_start}&end-date={day}&type={kind}",
        }
        for kind, _, label in MOVEMENTS
    ]
    data = {
        "date": day,
        "daily": daily,
        "monthly": monthly,
        "movements": {"start-date": period_start.isoformat(), "end-date": day, "types": movements},
        "mrr-by-plan": by_plan,
        "activities": latest,
    }
    table: list[list[Any]] = [["figure", "value", "compared with", "then", "change %"]]
    for card in cards:
        for label, then, change in card["against"]:
            table.append([card["key"], card["value"], label, then, "" if change is None else change])
    return Page(
        "overview.html",
        {
            "title": "Overview",
            "day": day,
            "cards": cards,
            "movements": movement_rows,
            "period_start": period_start.isoformat(),
            "bridge": {
                "start": mrr_then,
                "movements": bridge_total,
                "end": days[-1]["mrr"],
                "holds": mrr_then + bridge_total == days[-1]["mrr"],
            },
            "by_plan": by_plan,
            "latest": latest["entries"],
            "sign": sign,
        },
        data,
        table,
    )


def _overview_operands(key: str, row: dict[str, Any], movements: dict[str, dict[str, int]], sign: str) -> str:
    if key == "mrr":
        net = sum(m["mrr"] for m in movements.values())
        return (
            f"{fmt.money(row['mrr-start'], sign)} 30 days before + {fmt.money(net, sign)} of movements since"
        )
    if key == "customers":
        joined = movements["new_biz"]["count"] + movements["reactivation"]["count"]
        return (
            f"{fmt.number(row['customers-start'])} 30 days before; since then {joined} new or reactivated,"
            f" {movements['churn']['count']} churn activities"
        )
    return operands(key, row, sign)


# -- the MRR page ------------------------------------------------------------------------------------------


def mrr(view: View) -> Page:
    """The MRR series with its movements per interval: each period's bridge (MRR at its start + its
    movements = MRR at its end, flagged where it does not hold) and drill-downs to its activities."""
    scope, sign = view.scope, _sign(view)
    start, end = page_range(view)
    interval = view.filters.check_interval()
    request = metrics.MetricsRequest(
        "mrr", start.isoformat(), end.isoformat(), interval, view.filters.plans, view.filters.geo
    )
    answer = metrics.series(scope, request)
    rows = dashboard.explained(scope, request)
    periods = buckets(start, end, interval, scope.account.week_start_on)
    table_rows = []
    for entry, row, (first, last) in zip(answer["entries"], rows, periods, strict=True):
        moved = sum(entry[key] for _, key, _ in MOVEMENTS)
        table_rows.append(
            {
                "date": entry["date"],
                "first": first.isoformat(),
                "start": row["mrr-start"],
                "mrr": entry["mrr"],
                "change": entry["percentage-change"],
                "cells": [
                    {
                        "kind": kind,
                        "key": key,
                        "value": entry[key],
                        "link": f"{PREFIX}/activities?start-date={first}&end-date={last}&type={kind}",
                    }
                    for kind, key, _ in MOVEMENTS
                ],
                "moved": moved,
                "holds": row["mrr-start"] + moved == entry["mrr"],
            }
        )
    dates = [entry["date"] for entry in answer["entries"]]
    mrr_values: list[int | float] = [entry["mrr"] for entry in answer["entries"]]
    series = [{"label": "MRR", "key": "mrr", "values": mrr_values}]
    series += [
        {"label": label, "key": key, "values": [entry[key] for entry in answer["entries"]]}
        for _, key, label in MOVEMENTS
    ]
    table: list[list[Any]] = [
        ["date", "mrr-start", *[key for _, key, _ in MOVEMENTS], "mrr", "percentage-change", "bridge-holds"]
    ]
    for r in table_rows:
        table.append(
            [r["date"], r["start"], *[c["value"] for c in r["cells"]], r["mrr"], r["change"], r["holds"]]
        )
    return Page(
        "mrr.html",
        {
            "title": "MRR",
            "rows": table_rows,
            "movements": MOVEMENTS,
            "summary": answer["summary"],
            "chart": chart("mrr", [epoch(d) for d in dates], series, money=sign),
            "chart_summary": summary("MRR", mrr_values, dates, shown("mrr", sign)),
            "start": start.isoformat(),
            "end": end.isoformat(),
            "broken": sum(1 for r in table_rows if not r["holds"]),
            **common(view),
        },
        answer,
        table,
    )


# -- one page per metric -------------------------------------------------------------------------------


def metric(view: View) -> Page:
    """One metric of `/v1/metrics/{name}` over the page's range, each entry with its formula's operands."""
    scope, sign = view.scope, _sign(view)
    name = view.request.path_params["name"]
    if name not in METRICS:
        raise wire.ApiError(404, wire.error_body(404, f"No metric {name!r}: one of {', '.join(METRICS)}"))
    key = METRICS[name]
    start, end = page_range(view)
    interval = view.filters.check_interval()
    request = metrics.MetricsRequest(
        name, start.isoformat(), end.isoformat(), interval, view.filters.plans, view.filters.geo
    )
    answer = metrics.series(scope, request)
    rows = dashboard.explained(scope, request)
    names = OPERANDS[key]
    entries = [
        {
            "date": entry["date"],
            "value": entry[key],
            "change": entry["percentage-change"],
            "operands": [row[operand] for operand in names],
            "explained": operands(key, row, sign),
        }
        for entry, row in zip(answer["entries"], rows, strict=True)
    ]
    dates = [entry["date"] for entry in entries]
    values = [entry["value"] for entry in entries]
    unit = "money" if key in fmt.MONEY else "percent" if key in fmt.RATES else "count"
    table: list[list[Any]] = [["date", key, "percentage-change", *names]]
    table += [[e["date"], e["value"], e["change"], *e["operands"]] for e in entries]
    return Page(
        "metric.html",
        {
            "title": LABELS[key],
            "name": name,
            "key": key,
            "formula": FORMULAS[key],
            "operand_names": [(operand, OPERAND_LABELS[operand]) for operand in names],
            "entries": entries,
            "summary": answer["summary"],
            "chart": chart(
                "line",
                [epoch(d) for d in dates],
                [{"label": LABELS[key], "key": key, "values": values, "unit": unit}],
                money=sign,
            ),
            "chart_summary": summary(LABELS[key], values, dates, shown(key, sign)),
            "start": start.isoformat(),
            "end": end.isoformat(),
            **common(view),
        },
        answer,
        table,
    )


# -- activities (the drill-down) ------------------------------------------------------------------------


def activity_list(view: View) -> Page:
    """The account's activities within a period and of a type, oldest first, 200 a page: what
    `/v1/activities` answers for the same query."""
    f = view.filters
    kind = f.get("type") or None
    filters = activities.ActivityFilters(f.get("start-date") or None, f.get("end-date") or None, kind)
    answer = activities.list_activities(view.scope, filters, PageRequest(cursor=f.get("cursor") or None))
    table: list[list[Any]] = [
        [
            "date",
            "type",
            "customer-uuid",
            "customer-name",
            "activity-mrr-movement",
            "activity-mrr",
            "description",
        ]
    ]
    table += [
        [
            a["date"],
            a["type"],
            a["customer-uuid"],
            a["customer-name"],
            a["activity-mrr-movement"],
            a["activity-mrr"],
            a["description"],
        ]
        for a in answer["entries"]
    ]
    more = None
    if answer["has_more"]:
        query = {"start-date": f.get("start-date"), "end-date": f.get("end-date"), "type": kind or ""}
        query["cursor"] = answer["cursor"]
        more = view.path + "?" + urlencode({k: v for k, v in query.items() if v})
    return Page(
        "activities.html",
        {
            "title": f"{MOVEMENT_LABELS.get(kind or '', 'All')} activities",
            "kind": kind,
            "start": f.get("start-date"),
            "end": f.get("end-date"),
            "entries": answer["entries"],
            "more": more,
            "sign": _sign(view),
        },
        answer,
        table,
    )
