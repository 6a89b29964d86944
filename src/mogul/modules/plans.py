"""Plan modules: List, Get, Create, Update, Delete."""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import pickers
from mogul.modules.customers import SYSTEM
from mogul.modules.recovery import ByKey, BySnapshot
from mogul.modules.spec import Field, Group, Inputs, Module, choices, limit_field, to_body

INTERVAL_UNIT = choices(("Day", "day"), ("Month", "month"), ("Year", "year"))
PLAN_NAMES = ("name", "interval_count", "interval_unit", "external_id")


def plan_field(help: str) -> Field:
    return Field("plan", "Plan", "str", help, api_name="plan_uuid", required=True, picker="plan")


def _definition(data_source_help: str, *, creating: bool) -> tuple[Field, ...]:
    return (
        Field(
            "data_source",
            "Data Source UUID",
            "str",
            data_source_help,
            api_name="data_source_uuid",
            required=creating,
            picker="data_source",
        ),
        Field(
            "name",
            "Plan Name",
            "str",
            "Enter a name for the plan. Accepts alphanumeric characters.",
            required=creating,
        ),
        Field(
            "interval_count",
            "Interval Count",
            "int",
            "Enter the frequency of the billing for the plan. For example, 6 for a half-yearly plan.",
            required=creating,
        ),
        Field(
            "interval_unit",
            "Interval Unit",
            "enum",
            "Select the unit for billing interval. For example, month for the above half-yearly plan.",
            required=creating,
            choices=INTERVAL_UNIT,
        ),
        Field(
            "external_id",
            "External ID",
            "str",
            "Enter the unique External ID for the plan. It should be an identifier from your internal "
            "system. Accepts alphanumeric characters.",
        ),
    )


# -- list ------------------------------------------------------------------------------------------------

LIST_FIELDS = (
    limit_field("plans"),
    Field(
        "data_source",
        "Data Source",
        "str",
        "Select the data source whose plans you want to list.",
        api_name="data_source_uuid",
        picker="data_source",
    ),
    Field(
        "system", "System", "enum", "Select the billing system of the plans you want to list.", choices=SYSTEM
    ),
    Field("external_id", "External ID", "str", "Enter the external ID of the plan you want to list."),
)


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    params = to_body(LIST_FIELDS, inputs, ("system", "external_id"))
    if "data_source" in inputs:
        params["data_source_uuid"] = yield from pickers.data_source(ctx, inputs["data_source"])
    yield from ctx.paginate("/plans", "plans", params, inputs.get("limit"))


LIST = Module(
    "plans.list",
    "List Plans",
    "Returns a list of plan objects in your ChartMogul account.",
    LIST_FIELDS,
    _list,
    ("GET /plans",),
    output="list",
)

# -- get -------------------------------------------------------------------------------------------------


def _get(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.plan(ctx, inputs["plan"])
    return (yield from ctx.get(f"/plans/{uuid}"))


GET = Module(
    "plans.get",
    "Get a Plan",
    "Retrieves a plan object from your ChartMogul account.",
    (plan_field("Select the plan whose details you want to retrieve."),),
    _get,
    ("GET /plans/{uuid}",),
    object_field="plan",
)

# -- create ----------------------------------------------------------------------------------------------

CREATE_FIELDS = _definition(
    "Select the Data Source ID for which you want to create the subscription plan.", creating=True
)


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    ds = yield from pickers.data_source(ctx, inputs["data_source"])
    body = {"data_source_uuid": ds, **to_body(CREATE_FIELDS, inputs, PLAN_NAMES)}

    def listing(ctx: Context) -> Flow[list[Any]]:
        params = {"data_source_uuid": ds}
        if "external_id" in inputs:
            params["external_id"] = inputs["external_id"]
        return (yield from ctx.collect("/plans", "plans", params))

    def first(ctx: Context) -> Flow[Any]:
        found = yield from listing(ctx)
        return found[0] if found else None

    recovery = (
        ByKey("external_id", first)
        if "external_id" in inputs
        else BySnapshot(
            listing,
            lambda p: (
                (p.get("name"), p.get("interval_count"), p.get("interval_unit"))
                == (body["name"], body["interval_count"], body["interval_unit"])
            ),
        )
    )
    return (yield from ctx.call("POST", "/plans", json=body, recovery=recovery))


CREATE = Module(
    "plans.create",
    "Create a Plan",
    "Creates a plan object in ChartMogul under the specified source.",
    CREATE_FIELDS,
    _create,
    ("POST /plans",),
)

# -- update ----------------------------------------------------------------------------------------------

UPDATE_FIELDS = (
    plan_field("Select the plan whose details you want to update."),
    *_definition("Select the Data Source ID the plan belongs to.", creating=False),
)


def _update(ctx: Context, inputs: Inputs) -> Flow[Any]:
    ds = None
    if "data_source" in inputs:
        # The data source narrows down which plan a name or external id means.
        ds = yield from pickers.data_source(ctx, inputs["data_source"])
    uuid = yield from pickers.plan(ctx, inputs["plan"], data_source=ds)
    return (yield from ctx.call("PATCH", f"/plans/{uuid}", json=to_body(UPDATE_FIELDS, inputs, PLAN_NAMES)))


UPDATE = Module(
    "plans.update",
    "Update a Plan",
    "Updates a plan object in your ChartMogul account.",
    UPDATE_FIELDS,
    _update,
    ("PATCH /plans/{uuid}",),
    object_field="plan",
)

# -- delete ----------------------------------------------------------------------------------------------


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.plan(ctx, inputs["plan"])
    yield from ctx.call("DELETE", f"/plans/{uuid}")


DELETE = Module(
    "plans.delete",
    "Delete a Plan",
    "Deletes the specified plan object in your ChartMogul account.",
    (plan_field("Select the plan you want to delete."),),
    _delete,
    ("DELETE /plans/{uuid}",),
    output="none",
    object_field="plan",
)

GROUP = Group("plans", "Plan", 2, (LIST, GET, CREATE, UPDATE, DELETE))
