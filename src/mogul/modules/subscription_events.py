"""Subscription event modules (not in Make's app): List, Create, Update, Disable, Enable, Delete. An event
is named by its integer id, or by its external id with its data source.

client.subscription_events.create(data_source="Billing", customer_external_id="c1",
                                  subscription_external_id="s1", event_type="subscription_start",
                                  event_date="2024-01-01", effective_date="2024-01-01",
                                  plan_external_id="gold", currency="USD", amount_in_cents=10000, quantity=1)
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mogul.errors import HandleError
from mogul.flow import Context, Flow
from mogul.modules import pickers
from mogul.modules.invoice_parts import DATA_SOURCE
from mogul.modules.recovery import ByKey, BySnapshot
from mogul.modules.spec import Field, Group, Inputs, Module, choices, limit_field, to_body

PATH = "/subscription_events"
EVENT_TYPE = choices(
    ("Started", "subscription_start"),
    ("Start (Scheduled)", "subscription_start_scheduled"),
    ("Start (Retracted)", "scheduled_subscription_start_retracted"),
    ("Canceled", "subscription_cancelled"),
    ("Cancellation (Scheduled)", "subscription_cancellation_scheduled"),
    ("Cancellation (Retracted)", "scheduled_subscription_cancellation_retracted"),
    ("Updated", "subscription_updated"),
    ("Update (Scheduled)", "subscription_update_scheduled"),
    ("Update (Retracted)", "scheduled_subscription_update_retracted"),
    ("Retracted", "subscription_event_retracted"),
)


def _event_fields(*, creating: bool) -> tuple[Field, ...]:
    return (
        Field(
            "customer_external_id",
            "Customer External ID",
            "str",
            "Enter the external ID of the customer (in the data source) the event belongs to.",
            required=creating,
        ),
        Field(
            "subscription_external_id",
            "Subscription External ID",
            "str",
            "Enter the external ID of the subscription the event changes.",
            required=creating,
        ),
        Field(
            "event_type",
            "Event Type",
            "enum",
            "Select the event type: Started, Updated and Canceled change MRR at the effective date; the "
            "scheduled ones are commitments; Retracted withdraws the event it names.",
            required=creating,
            choices=EVENT_TYPE,
        ),
        Field("event_date", "Event Date", "datetime", "Enter when the event was raised.", required=creating),
        Field(
            "effective_date",
            "Effective Date",
            "datetime",
            "Enter when the change takes effect.",
            required=creating,
        ),
        Field(
            "plan_external_id",
            "Plan External ID",
            "str",
            "Enter the external ID of the plan (required for start and update events).",
        ),
        Field(
            "currency",
            "Currency",
            "str",
            "The 3-letter currency code of the amount (required for start and update events).",
        ),
        Field(
            "amount_in_cents",
            "Amount in Cents",
            "int",
            "Enter the amount charged for one plan interval, in cents (required for start and update "
            "events).",
        ),
        Field(
            "quantity",
            "Quantity",
            "int",
            "Enter the quantity of the subscription (required for start and update events).",
        ),
        Field(
            "tax_amount_in_cents",
            "Tax Amount in Cents",
            "int",
            "Enter the tax included in the amount, in cents; it is left out of MRR.",
        ),
        Field(
            "subscription_set_external_id",
            "Subscription Set External ID",
            "str",
            "Enter the external ID of the subscription set the subscription belongs to.",
        ),
        Field(
            "external_id", "External ID", "str", "Enter the event's unique external ID in the data source."
        ),
        Field(
            "retracted_event_id",
            "Retracted Event ID",
            "int",
            "Enter the ID of the event a retraction withdraws (required for retraction events).",
        ),
        Field(
            "event_order",
            "Event Order",
            "int",
            "Enter the order of events that take effect at the same time (lower first).",
        ),
    )


CREATE_FIELDS = (
    dataclasses.replace(DATA_SOURCE, help="Select the data source of the event.", required=True),
    *_event_fields(creating=True),
)
NAMES = [f.name for f in CREATE_FIELDS if f.name != "data_source"]


def _event_field(help: str) -> Field:
    return Field(
        "subscription_event",
        "Subscription Event",
        "str",
        f"{help} Give its ID, or its external ID with the data source.",
        api_name="id",
        required=True,
    )


def _named(help: str) -> tuple[Field, Field]:
    return _event_field(help), DATA_SOURCE


def _identity(ctx: Context, inputs: Inputs) -> Flow[dict[str, Any]]:
    """What names the event of `inputs`: its id, or its external id in the data source given."""
    handle = str(inputs["subscription_event"])
    if "data_source" in inputs:
        ds = yield from pickers.data_source(ctx, inputs["data_source"])
        return {"data_source_uuid": ds, "external_id": handle}
    if not handle.strip().isdecimal():
        raise HandleError(
            f"{handle!r} is not an event id; give the data source to name an event by its external id",
            field="subscription_event",
        )
    return {"id": int(handle)}


# -- list ------------------------------------------------------------------------------------------------

LIST_FIELDS = (
    limit_field("subscription events"),
    dataclasses.replace(DATA_SOURCE, help="Select the data source whose events you want to list."),
    Field("customer_external_id", "Customer External ID", "str", "Enter the external ID of a customer."),
    Field(
        "subscription_external_id",
        "Subscription External ID",
        "str",
        "Enter the external ID of a subscription.",
    ),
    Field("event_type", "Event Type", "enum", "Select the type of the events.", choices=EVENT_TYPE),
    Field("plan_external_id", "Plan External ID", "str", "Enter the external ID of a plan."),
    Field("event_date", "Event Date", "datetime", "Enter the event date (a date alone means that day)."),
    Field(
        "effective_date",
        "Effective Date",
        "datetime",
        "Enter the effective date (a date alone means that day).",
    ),
    Field("external_id", "External ID", "str", "Enter the external ID of the event."),
    Field("with_disabled", "With Disabled", "bool", "Select whether disabled events are listed too."),
)


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    params: dict[str, Any] = to_body(LIST_FIELDS, inputs, [f.name for f in LIST_FIELDS[2:]])
    if "data_source" in inputs:
        params["data_source_uuid"] = yield from pickers.data_source(ctx, inputs["data_source"])
    if "with_disabled" in params:
        params["with_disabled"] = "true" if params["with_disabled"] else "false"
    yield from ctx.paginate(PATH, "subscription_events", params, inputs.get("limit"))


LIST = Module(
    "subscription_events.list",
    "List Subscription Events",
    "Returns the subscription events of your ChartMogul account, oldest first.",
    LIST_FIELDS,
    _list,
    (f"GET {PATH}",),
    output="list",
    from_seed=False,
)

# -- create ----------------------------------------------------------------------------------------------


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    ds = yield from pickers.data_source(ctx, inputs["data_source"])
    body = {"data_source_uuid": ds, **to_body(CREATE_FIELDS, inputs, NAMES)}

    def events(ctx: Context) -> Flow[list[Any]]:
        query = {"data_source_uuid": ds, "customer_external_id": body["customer_external_id"]}
        return list((yield from ctx.collect(PATH, "subscription_events", query | {"with_disabled": "true"})))

    def by_external_id(ctx: Context) -> Flow[Any]:
        found = [e for e in (yield from events(ctx)) if e.get("external_id") == body["external_id"]]
        return found[0] if found else None

    same = ("subscription_external_id", "event_type")
    recovery = (
        ByKey("external_id", by_external_id)
        if "external_id" in body
        else BySnapshot(events, lambda e: all(e.get(k) == body.get(k) for k in same))
    )
    return (yield from ctx.call("POST", PATH, json={"subscription_event": body}, recovery=recovery))


CREATE = Module(
    "subscription_events.create",
    "Create a Subscription Event",
    "Creates a subscription event: a start, update or cancellation changes the subscription's MRR at its "
    "effective date; a scheduled one is a commitment that changes no MRR.",
    CREATE_FIELDS,
    _create,
    (f"POST {PATH}",),
    from_seed=False,
)

# -- update ----------------------------------------------------------------------------------------------

UPDATE_FIELDS = (*_named("Select the event you want to update."), *_event_fields(creating=False))


def _update(ctx: Context, inputs: Inputs) -> Flow[Any]:
    named = yield from _identity(ctx, inputs)
    changes = to_body(UPDATE_FIELDS, inputs, [f.name for f in UPDATE_FIELDS[2:]])
    return (yield from ctx.call("PATCH", PATH, json={"subscription_event": changes | named}))


UPDATE = Module(
    "subscription_events.update",
    "Update a Subscription Event",
    "Updates a subscription event: the fields given replace the stored ones, and the customer's MRR follows.",
    UPDATE_FIELDS,
    _update,
    (f"PATCH {PATH}",),
    object_field="subscription_event",
    from_seed=False,
)

# -- disable, enable -------------------------------------------------------------------------------------


def _state(disabled: bool) -> Any:
    def run(ctx: Context, inputs: Inputs) -> Flow[Any]:
        named = yield from _identity(ctx, inputs)
        if "id" in named:
            path = f"{PATH}/{named['id']}/disabled_state"
            return (yield from ctx.call("PATCH", path, json={"disabled": disabled}))
        return (yield from ctx.call("PATCH", f"{PATH}/disabled_state", json=named | {"disabled": disabled}))

    return run


def _state_module(action: str, disabled: bool, says: str) -> Module:
    return Module(
        f"subscription_events.{action}",
        f"{action.title()} a Subscription Event",
        says,
        _named(f"Select the event you want to {action}."),
        _state(disabled),
        (f"PATCH {PATH}/{{id}}/disabled_state", f"PATCH {PATH}/disabled_state"),
        object_field="subscription_event",
        from_seed=False,
    )


DISABLE = _state_module(
    "disable",
    True,
    "Disables a subscription event: it is kept, but counts for no MRR and lists leave it out.",
)
ENABLE = _state_module("enable", False, "Enables a disabled subscription event again.")

# -- delete ----------------------------------------------------------------------------------------------


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    named = yield from _identity(ctx, inputs)
    yield from ctx.call("DELETE", PATH, json={"subscription_event": named})


DELETE = Module(
    "subscription_events.delete",
    "Delete a Subscription Event",
    "Deletes a subscription event; the customer's MRR follows.",
    _named("Select the event you want to delete."),
    _delete,
    (f"DELETE {PATH}",),
    output="none",
    object_field="subscription_event",
    from_seed=False,
)

GROUP = Group(
    "subscription_events", "Subscription Events", 6, (LIST, CREATE, UPDATE, DISABLE, ENABLE, DELETE)
)
