"""The filters that List Activities and Export Activities share: dates, type, order."""

from __future__ import annotations

from datetime import UTC, datetime

from mogul.errors import InputError
from mogul.modules.spec import Field, Inputs, choices, limit_field

ACTIVITY_TYPE = choices(
    ("New Business", "new_biz", ("new", "new business")),
    ("Expansion", "expansion"),
    ("Contraction", "contraction"),
    ("Churn", "churn"),
    ("Reactivation", "reactivation"),
    # mogul's own: an exchange rate's part of an MRR change (ChartMogul's "Exchange Rate Impact")
    ("Exchange Rate Impact", "fx", ("exchange rate",)),
)
ORDER = choices(
    ("Oldest first", "date", ("ascending", "asc")), ("Newest first", "-date", ("descending", "desc"))
)


def moment(value: datetime, *, end: bool) -> str:
    """An activity bound; a bare end date (midnight) is sent as a date, which means the whole day."""
    value = value.astimezone(UTC)
    if end and value.time() == datetime.min.time():
        return value.date().isoformat()
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


ACTIVITY_FIELDS = (
    limit_field("activities"),
    Field(
        "start_date",
        "Start Date",
        "datetime",
        "Enter the earliest date of the activities.",
        api_name="start-date",
    ),
    Field(
        "end_date",
        "End Date",
        "datetime",
        "Enter the latest date of the activities (a date without a time means the whole day).",
        api_name="end-date",
    ),
    Field("type", "Type", "enum", "Select the kind of MRR movement to list.", choices=ACTIVITY_TYPE),
    Field(
        "order",
        "Order",
        "enum",
        "Select the order of the activities (oldest first by default).",
        choices=ORDER,
    ),
)


def check_activities(inputs: Inputs) -> None:
    if "end_date" in inputs and "start_date" not in inputs:
        raise InputError("an end date needs a start date", field="start_date")
    if "end_date" in inputs and inputs["end_date"] < inputs["start_date"]:
        raise InputError("must not be before the start date", field="end_date")
