"""Activities modules (not in Make's app): the MRR activity log of the account and of one customer.

client.activities.list(type="churn", start_date="2024-01-01", limit=100)
client.activities.customer("cus_0001")
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mogul.errors import InputError
from mogul.flow import Context, Flow
from mogul.modules import pickers
from mogul.modules.customers import customer_field
from mogul.modules.spec import Field, Group, Inputs, Module, choices, limit_field

ACTIVITY_TYPE = choices(
    ("New Business", "new_biz", ("new", "new business")),
    ("Expansion", "expansion"),
    ("Contraction", "contraction"),
    ("Churn", "churn"),
    ("Reactivation", "reactivation"),
)
ORDER = choices(
    ("Oldest first", "date", ("ascending", "asc")), ("Newest first", "-date", ("descending", "desc"))
)


def _moment(value: datetime, *, end: bool) -> str:
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


def _check_activities(inputs: Inputs) -> None:
    if "end_date" in inputs and "start_date" not in inputs:
        raise InputError("an end date needs a start date", field="start_date")
    if "end_date" in inputs and inputs["end_date"] < inputs["start_date"]:
        raise InputError("must not be before the start date", field="end_date")


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    params: dict[str, Any] = {"type": inputs.get("type"), "order": inputs.get("order")}
    if "start_date" in inputs:
        params["start-date"] = _moment(inputs["start_date"], end=False)
    if "end_date" in inputs:
        params["end-date"] = _moment(inputs["end_date"], end=True)
    yield from ctx.paginate("/activities", "entries", params, inputs.get("limit"))


LIST = Module(
    "activities.list",
    "List Activities",
    "Returns the MRR activities (new business, expansion, contraction, churn, reactivation) of the account.",
    ACTIVITY_FIELDS,
    _list,
    ("GET /activities",),
    output="list",
    check=_check_activities,
    from_seed=False,
)


def _customer(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.customer(ctx, inputs["customer"])
    yield from ctx.paginate(f"/customers/{uuid}/activities", "entries", {}, inputs.get("limit"))


CUSTOMER = Module(
    "activities.customer",
    "List a Customer's Activities",
    "Returns the MRR activities of one customer, oldest first.",
    (customer_field("Select the customer whose activities you want to list."), limit_field("activities")),
    _customer,
    ("GET /customers/{uuid}/activities",),
    output="list",
    object_field="customer",
    from_seed=False,
)

GROUP = Group("activities", "Activities", 8, (LIST, CUSTOMER))
