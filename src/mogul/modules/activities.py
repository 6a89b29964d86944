"""Activities modules (not in Make's app): the MRR activity log of the account and of one customer.

client.activities.list(type="churn", start_date="2024-01-01", limit=100)
client.activities.customer("cus_0001")
"""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import activities_export, pickers
from mogul.modules.activity_filters import ACTIVITY_FIELDS, check_activities, moment
from mogul.modules.customers import customer_field
from mogul.modules.spec import Group, Inputs, Module, limit_field


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    params: dict[str, Any] = {"type": inputs.get("type"), "order": inputs.get("order")}
    if "start_date" in inputs:
        params["start-date"] = moment(inputs["start_date"], end=False)
    if "end_date" in inputs:
        params["end-date"] = moment(inputs["end_date"], end=True)
    yield from ctx.paginate("/activities", "entries", params, inputs.get("limit"))


LIST = Module(
    "activities.list",
    "List Activities",
    "Returns the MRR activities (new business, expansion, contraction, churn, reactivation) of the account.",
    ACTIVITY_FIELDS,
    _list,
    ("GET /activities",),
    output="list",
    check=check_activities,
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

GROUP = Group("activities", "Activities", 8, (LIST, CUSTOMER, *activities_export.MODULES))
