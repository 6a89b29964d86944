"""Opportunity modules (not in Make's app): sales opportunities of customers. List, Get, Create, Update,
Delete.

client.opportunities.create(customer="cus_0001", owner="sales@example.com", pipeline="New Business",
                            pipeline_stage="Discovery", estimated_close_date="2024-06-30",
                            amount_in_cents=100000, currency="USD")
"""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import crm, pickers
from mogul.modules.spec import Field, Group, Inputs, Module, choices

OPPORTUNITY_TYPE = choices(("Recurring", "recurring"), ("One-time", "one-time", ("one time", "one_time")))
FORECAST_CATEGORY = choices(
    ("Pipeline", "pipeline"),
    ("Best Case", "best_case"),
    ("Committed", "committed"),
    ("Omitted", "omitted"),
    ("Closed Won", "won", ("won",)),
    ("Closed Lost", "lost", ("lost",)),
)


def _deal(*, creating: bool) -> tuple[Field, ...]:
    return (
        Field(
            "owner",
            "Owner",
            "str",
            "Enter the email of the salesperson responsible for the opportunity.",
            required=creating,
        ),
        Field("pipeline", "Pipeline", "str", "Enter the name of the sales pipeline.", required=creating),
        Field(
            "pipeline_stage",
            "Pipeline Stage",
            "str",
            "Enter the name of the current stage of the deal in the pipeline.",
            required=creating,
        ),
        Field(
            "estimated_close_date",
            "Estimated Close Date",
            "datetime",
            "Enter the date the opportunity is expected to close.",
            required=creating,
        ),
        Field(
            "amount_in_cents",
            "Amount in Cents",
            "int",
            "Enter the expected value of the opportunity in cents.",
            required=creating,
            minimum=0,
        ),
        Field(
            "currency",
            "Currency",
            "str",
            "Enter the 3-letter currency code of the amount.",
            required=creating,
        ),
        Field(
            "type",
            "Type",
            "enum",
            "Select the type of the opportunity (recurring by default).",
            choices=OPPORTUNITY_TYPE,
        ),
        Field(
            "forecast_category",
            "Forecast Category",
            "enum",
            "Select the opportunity's grouping by its likelihood of closing (the stage's by default).",
            choices=FORECAST_CATEGORY,
        ),
        Field(
            "win_likelihood",
            "Win Likelihood",
            "int",
            "Enter the likelihood in percent (0 to 100) that it closes (the stage's by default).",
            minimum=0,
        ),
        crm.custom_field("opportunity"),
    )


NAMES = tuple(f.name for f in _deal(creating=False))


def opportunity_field(help: str) -> Field:
    return crm.object_field("opportunity", "Opportunity", help)


# -- list ------------------------------------------------------------------------------------------------

LIST = crm.list_module(
    "opportunities.list",
    "List Opportunities",
    "Returns the opportunities in your ChartMogul account: of a customer, an owner, a pipeline or stage, "
    "or closing between two dates.",
    "/opportunities",
    "opportunities",
    (
        Field("owner", "Owner", "str", "Enter the email of the owner of the opportunities you want to list."),
        Field("pipeline", "Pipeline", "str", "Enter the pipeline of the opportunities you want to list."),
        Field(
            "pipeline_stage",
            "Pipeline Stage",
            "str",
            "Enter the stage of the opportunities you want to list.",
        ),
        Field(
            "estimated_close_date_on_or_after",
            "Estimated Close Date On or After",
            "datetime",
            "Enter the earliest estimated close date of the opportunities.",
        ),
        Field(
            "estimated_close_date_on_or_before",
            "Estimated Close Date On or Before",
            "datetime",
            "Enter the latest estimated close date of the opportunities.",
        ),
    ),
)

# -- get -------------------------------------------------------------------------------------------------


def _get(ctx: Context, inputs: Inputs) -> Flow[Any]:
    return (yield from ctx.get(f"/opportunities/{inputs['opportunity']}"))


GET = Module(
    "opportunities.get",
    "Get an Opportunity",
    "Retrieves an opportunity object from your ChartMogul account.",
    (opportunity_field("Enter the UUID of the opportunity you want to retrieve."),),
    _get,
    ("GET /opportunities/{uuid}",),
    object_field="opportunity",
    from_seed=False,
)

# -- create ----------------------------------------------------------------------------------------------

CREATE_FIELDS = (crm.customer_field("Select the customer the opportunity is for."), *_deal(creating=True))


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    customer = yield from pickers.customer(ctx, inputs["customer"])
    body = {"customer_uuid": customer, **crm.body(CREATE_FIELDS, inputs, NAMES)}
    recovery = crm.snapshot(
        "/opportunities", customer, body, ("owner", "pipeline", "pipeline_stage", "amount_in_cents")
    )
    return (yield from ctx.call("POST", "/opportunities", json=body, recovery=recovery))


CREATE = Module(
    "opportunities.create",
    "Create an Opportunity",
    "Creates a sales opportunity for a customer.",
    CREATE_FIELDS,
    _create,
    ("POST /opportunities",),
    from_seed=False,
)

# -- update ----------------------------------------------------------------------------------------------

UPDATE_FIELDS = (
    opportunity_field("Enter the UUID of the opportunity you want to update."),
    *_deal(creating=False),
)


def _update(ctx: Context, inputs: Inputs) -> Flow[Any]:
    body = crm.body(UPDATE_FIELDS, inputs, NAMES)
    return (yield from ctx.call("PATCH", f"/opportunities/{inputs['opportunity']}", json=body))


UPDATE = Module(
    "opportunities.update",
    "Update an Opportunity",
    "Updates the fields given of an opportunity; custom attributes are added to the ones it has.",
    UPDATE_FIELDS,
    _update,
    ("PATCH /opportunities/{uuid}",),
    object_field="opportunity",
    from_seed=False,
)

# -- delete ----------------------------------------------------------------------------------------------


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    yield from ctx.call("DELETE", f"/opportunities/{inputs['opportunity']}")


DELETE = Module(
    "opportunities.delete",
    "Delete an Opportunity",
    "Deletes the specified opportunity.",
    (opportunity_field("Enter the UUID of the opportunity you want to delete."),),
    _delete,
    ("DELETE /opportunities/{uuid}",),
    output="none",
    object_field="opportunity",
    from_seed=False,
)

GROUP = Group("opportunities", "Opportunity", 11, (LIST, GET, CREATE, UPDATE, DELETE))
