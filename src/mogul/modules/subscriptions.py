"""Subscription modules: List Customer's Subscriptions, Cancel a Customer's Subscription."""

from __future__ import annotations

from typing import Any

from mogul.errors import InputError
from mogul.flow import Context, Flow
from mogul.modules import customer_merges, pickers
from mogul.modules.customers import customer_field
from mogul.modules.spec import Field, Group, Inputs, Module, limit_field, to_body

# -- list ------------------------------------------------------------------------------------------------


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.customer(ctx, inputs["customer"])
    # The Import API view: its `sub_...` uuids are what cancelling takes.
    yield from ctx.paginate(
        f"/import/customers/{uuid}/subscriptions", "subscriptions", {}, inputs.get("limit")
    )


LIST = Module(
    "subscriptions.list",
    "List Customer's Subscriptions",
    "Returns a list of subscription objects for a given customer.",
    (
        customer_field("Select the customer whose subscriptions you want to list."),
        limit_field("subscriptions"),
    ),
    _list,
    ("GET /import/customers/{uuid}/subscriptions",),
    output="list",
    object_field="customer",
)

# -- cancel ----------------------------------------------------------------------------------------------

CANCEL_FIELDS = (
    Field(
        "subscription",
        "Subscription UUID",
        "str",
        "Enter the ChartMogul UUID of the subscription that needs to be canceled.",
        api_name="subscription_uuid",
        required=True,
        picker="subscription",
    ),
    Field(
        "cancelled_at",
        "Canceled At",
        "datetime",
        "Enter the time at which the subscription was canceled.",
        aliases=("canceled_at",),
    ),
    Field(
        "cancellation_dates",
        "Cancellation Dates",
        "list[datetime]",
        "Add the cancellation dates (they replace the subscription's cancellation dates; an empty list "
        "removes them all).",
    ),
)


def _check_cancel(inputs: Inputs) -> None:
    given = [name for name in ("cancelled_at", "cancellation_dates") if name in inputs]
    if len(given) != 1:
        raise InputError(
            "give either cancelled_at (one cancellation) or cancellation_dates (the full list)",
            field="cancelled_at",
        )


def _cancel(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.subscription(ctx, inputs["subscription"])
    body = to_body(CANCEL_FIELDS, inputs, ("cancelled_at", "cancellation_dates"))
    return (yield from ctx.call("PATCH", f"/import/subscriptions/{uuid}", json=body))


CANCEL = Module(
    "subscriptions.cancel",
    "Cancel a Customer's Subscription",
    "Cancels a list of subscription that was generated from an imported invoice.",
    CANCEL_FIELDS,
    _cancel,
    ("PATCH /import/subscriptions/{uuid}",),
    object_field="subscription",
    check=_check_cancel,
    destructive=True,
)

GROUP = Group("subscriptions", "Subscriptions", 6, (LIST, CANCEL, *customer_merges.SUBSCRIPTION_MODULES))
