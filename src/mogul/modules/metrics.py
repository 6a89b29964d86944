"""Metrics modules (not in Make's app): the Metrics API's key metric series.

    client.metrics.mrr(start_date="2024-01-01", end_date="2024-12-31", interval="month")

A metric module answers `{"entries": [{"date": ..., <metric>: ...}], "summary": {...}}`, money in cents.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mogul.errors import InputError
from mogul.flow import Context, Flow
from mogul.modules.spec import Field, Group, Inputs, Module, choices

INTERVAL = choices(
    ("Day", "day", ("daily",)),
    ("Week", "week", ("weekly",)),
    ("Month", "month", ("monthly",)),
    ("Quarter", "quarter", ("quarterly",)),
    ("Year", "year", ("yearly", "annual")),
)

# Endpoint → (label, what the series is).
METRICS: dict[str, tuple[str, str]] = {
    "all": ("Retrieve All Key Metrics", "all key metrics (MRR, ARR, ARPA, ASP, customers, churn rates, LTV)"),
    "mrr": ("Retrieve MRR", "Monthly Recurring Revenue, with its movements (new business, expansion, ...)"),
    "arr": ("Retrieve ARR", "Annualized Run Rate (MRR × 12)"),
    "arpa": ("Retrieve ARPA", "Average Revenue Per Account"),
    "asp": ("Retrieve ASP", "Average Sale Price of new subscriptions"),
    "customer-count": ("Retrieve Customer Count", "the number of active customers"),
    "customer-churn-rate": ("Retrieve Customer Churn Rate", "the percentage of customers lost per period"),
    "mrr-churn-rate": ("Retrieve MRR Churn Rate", "the net MRR churn rate per period"),
    "ltv": ("Retrieve LTV", "customer lifetime value"),
}


def _date(value: datetime) -> str:
    return value.astimezone(UTC).date().isoformat()


METRIC_FIELDS = (
    Field(
        "start_date",
        "Start Date",
        "datetime",
        "Enter the first day of the series (YYYY-MM-DD).",
        api_name="start-date",
        required=True,
    ),
    Field(
        "end_date",
        "End Date",
        "datetime",
        "Enter the last day of the series (YYYY-MM-DD).",
        api_name="end-date",
        required=True,
    ),
    Field(
        "interval",
        "Interval",
        "enum",
        "Select the period of each entry; without one, MRR, ARR, ARPA and customer count are daily and the "
        "others monthly.",
        choices=INTERVAL,
    ),
    Field("geo", "Geo", "list[str]", "Enter the countries (ISO 3166 alpha-2 codes, e.g. US, GB) to count."),
    Field("plans", "Plans", "list[str]", "Enter the plans (names, uuids or external ids) to count."),
)


def _check_range(inputs: Inputs) -> None:
    if inputs["end_date"] < inputs["start_date"]:
        raise InputError("must not be before the start date", field="end_date")


def _metric_runner(endpoint: str) -> Any:
    def run(ctx: Context, inputs: Inputs) -> Flow[Any]:
        params: dict[str, Any] = {
            "start-date": _date(inputs["start_date"]),
            "end-date": _date(inputs["end_date"]),
            "interval": inputs.get("interval"),
        }
        if inputs.get("geo"):
            params["geo"] = ",".join(code.strip().upper() for code in inputs["geo"])
        if inputs.get("plans"):
            params["plans"] = ",".join(inputs["plans"])
        return (yield from ctx.get(f"/metrics/{endpoint}", params))

    return run


def _metric(endpoint: str) -> Module:
    label, what = METRICS[endpoint]
    return Module(
        f"metrics.{endpoint.replace('-', '_')}",
        label,
        f"Returns {what} as a series of entries between two dates, with a summary.",
        METRIC_FIELDS,
        _metric_runner(endpoint),
        (f"GET /metrics/{endpoint}",),
        check=_check_range,
        from_seed=False,
    )


METRIC_MODULES = tuple(_metric(endpoint) for endpoint in METRICS)

GROUP = Group("metrics", "Metrics", 7, METRIC_MODULES)
