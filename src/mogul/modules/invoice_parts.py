"""What invoice modules share: the fields of line items and transactions and the choices Make offers
for them, and how a module finds the invoice, line item or transaction it acts on (`target`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from mogul.errors import HandleError
from mogul.flow import Context, Flow
from mogul.modules import pickers
from mogul.modules.spec import Field, Inputs, Module, Runner, choices, limit_field, to_body

LINE_ITEM_TYPE = choices(("Subscription", "subscription"), ("One Time", "one_time"))
PRORATED = choices(("Yes", True), ("No", False), ("Not defined", None, ("Not Defined", "Undefined")))
TRANSACTION_TYPE = choices(("Payment", "payment"), ("Refund", "refund"))
TRANSACTION_RESULT = choices(("Successful", "successful"), ("Failed", "failed"))


# An invoice's own fields (optional here: an import makes date and currency mandatory).
DATE = Field("date", "Date", "datetime", "Enter the date on which the invoice was raised.")
CURRENCY = Field(
    "currency",
    "Currency",
    "str",
    "The 3-letter currency code of the currency in which this invoice is billed. For example, USD, EUR, GBP.",
)
DUE_DATE = Field("due_date", "Due Date", "datetime", "Enter the date by when the invoice must be paid.")


def invoice_field(help: str) -> Field:
    return Field("invoice", "Invoice", "str", help, api_name="invoice_uuid", required=True, picker="invoice")


LINE_ITEM_FIELDS = (
    Field("type", "Type", "enum", "Select the invoice type.", required=True, choices=LINE_ITEM_TYPE),
    Field(
        "amount_in_cents",
        "Amount in Cents",
        "int",
        "Enter the final amount charged for the line item for the specified quantity and service period, "
        "after discounts, taxes, and fees have been applied.",
        required=True,
    ),
    Field(
        "subscription_external_id",
        "Subscription External ID",
        "str",
        "Enter the unique identifier for the subscription in your system. Applicable only for the "
        "subscription items.",
    ),
    Field(
        "subscription_set_external_id",
        "Subscription Set External ID",
        "str",
        "Enter the unique identifier of the subscription set this subscription belongs to. Applicable "
        "only for the subscription items.",
    ),
    Field(
        "plan",
        "Plan UUID",
        "str",
        "Enter the ChartMogul UUID of the plan for which this subscription is being charged. Applicable "
        "only for the subscription items.",
        api_name="plan_uuid",
        picker="plan",
    ),
    Field(
        "service_period_start",
        "Service Period Start",
        "datetime",
        "Enter the start date of the service period for which this subscription is being charged. "
        "Applicable only for the subscription items.",
    ),
    Field(
        "service_period_end",
        "Service Period End",
        "datetime",
        "Enter the end date of the service period for which this subscription is being charged. "
        "Applicable only for the subscription items.",
    ),
    Field(
        "cancelled_at",
        "Canceled At",
        "datetime",
        "Enter the date and time when the subscription has been canceled, if the subscription has canceled.",
        aliases=("canceled_at",),
    ),
    Field(
        "prorated",
        "Prorated",
        "enum",
        "Select whether this item is prorated. Accepted for one-time line items. Ignored for subscription "
        "line items.",
        choices=PRORATED,
    ),
    Field("description", "Description", "str", "Enter the details of the item."),
    Field("quantity", "Quantity", "int", "Enter the quantity of the items. The default quantity is 1."),
    Field(
        "discount_amount_in_cents",
        "Discount Amount In Cents",
        "int",
        "Enter the discount applied to this line item in cents. Defaults to 0. The discount amount does not "
        "impact the calculation of MRR.",
    ),
    Field("discount_code", "Discount Code", "str", "Enter the discount code applicable to the item."),
    Field(
        "tax_amount_in_cents",
        "Tax Amount In Cents",
        "int",
        "Enter the tax applied to this line item in cents. Defaults to 0. If specified, we exclude the tax "
        "amount from MRR.",
    ),
    Field(
        "transaction_fees_in_cents",
        "Transaction Fees In Cents",
        "int",
        "Enter the final total transaction fees paid to the billing provider and/or payment processor for "
        "this line item in cents (or pence for GBP, etc.).",
    ),
    Field(
        "external_id",
        "External ID",
        "str",
        "Enter the unique External ID specified for the line item. Typically an identifier from your "
        "internal system. Accepts alphanumeric characters.",
    ),
    Field(
        "account_code",
        "Account Code",
        "str",
        "Enter the unique account code or the account number of this line item used for the purposes of "
        "accounting and revenue recognition. Accepts a maximum of 30 alphanumeric characters.",
    ),
)


def transaction_fields(
    type_help: str, result_help: str, date_help: str, external_help: str
) -> tuple[Field, ...]:
    return (
        Field("date", "Date", "datetime", date_help, required=True),
        Field("type", "Type", "enum", type_help, required=True, choices=TRANSACTION_TYPE),
        Field("result", "Result", "enum", result_help, required=True, choices=TRANSACTION_RESULT),
        Field("external_id", "External ID", "str", external_help),
        Field(
            "amount_in_cents",
            "Amount in Cents",
            "int",
            "The amount paid or refunded in cents; leave empty for the invoice's full amount.",
        ),
    )


TRANSACTION_FIELDS = transaction_fields(
    "Select the transaction type.",
    "Select the transaction result.",
    "Enter the date of the transaction was made.",
    "Enter the unique External ID of the transaction.",
)


def optional(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The fields with none mandatory (what an update takes)."""
    return tuple(dataclasses.replace(f, required=False) for f in fields)


# -- the object a module acts on ------------------------------------------------------------------------

DATA_SOURCE = Field(
    "data_source",
    "Data Source",
    "str",
    "Select the data source of an object named by its external id (then one request finds it).",
    api_name="data_source_uuid",
    picker="data_source",
)


def part_field(kind: str, label: str, help: str) -> Field:
    """The line item or transaction a module acts on: its uuid or its external id."""
    prefix = pickers.PREFIXES[kind]
    return Field(
        kind,
        label,
        "str",
        f"{help} Give its uuid ({prefix}...) or its external id.",
        api_name=f"{kind}_uuid",
        required=True,
    )


@dataclass(frozen=True)
class Target:
    """Where the object is: `/{collection}/{uuid}`, or `/{collection}` with `data_source_uuid` and
    `external_id` in the query."""

    collection: str
    uuid: str | None
    params: dict[str, str]

    def path(self, suffix: str = "") -> str:
        return f"/{self.collection}/{self.uuid}{suffix}" if self.uuid else f"/{self.collection}{suffix}"


def target(ctx: Context, inputs: Inputs, kind: str, collection: str) -> Flow[Target]:
    """The object of `inputs[kind]`: a uuid as it is; an external id in the given data source by the
    API's external id routes; an external id without one looked up in every data source (disabled
    objects too), one match or a HandleError listing them."""
    handle = inputs[kind]
    if pickers.is_uuid(kind, handle):
        return Target(collection, handle, {})
    if "data_source" in inputs:
        ds = yield from pickers.data_source(ctx, inputs["data_source"])
        return Target(collection, None, {"data_source_uuid": ds, "external_id": handle})
    found = yield from ctx.collect(
        f"/{collection}",
        collection,
        {"external_id": handle, "with_disabled": "true"},
        limit=pickers.SHOWN + 1,
    )
    what = collection.replace("_", " ")
    labels = [f"{x['uuid']} (external id {x.get('external_id')})" for x in found]
    if len(found) != 1:
        many = f"{handle!r} matches {len(found)} {what}; give the data source or the uuid: " + ", ".join(
            labels
        )
        none = f"no {what[:-1]} with external id {handle!r}; give its uuid ({pickers.PREFIXES[kind]}...)"
        raise HandleError(many if found else none, field=kind, candidates=labels)
    return Target(collection, str(found[0]["uuid"]), {})


# -- the flows of a part's modules (line items and transactions) ----------------------------------------


def disabled_state(collection: str, kind: str, disabled: bool) -> Runner:
    """The flow that disables (or enables) the object of `inputs[kind]` in `collection`."""

    def run(ctx: Context, inputs: Inputs) -> Flow[Any]:
        where = yield from target(ctx, inputs, kind, collection)
        path = where.path("/disabled_state")
        return (yield from ctx.call("PATCH", path, params=where.params, json={"disabled": disabled}))

    return run


def get(collection: str, kind: str) -> Runner:
    """The flow that gets one object, a disabled one too (it says `disabled: true`)."""

    def run(ctx: Context, inputs: Inputs) -> Flow[Any]:
        where = yield from target(ctx, inputs, kind, collection)
        body = yield from ctx.get(where.path(), {**where.params, "with_disabled": "true"})
        # by external id the answer is the object holding the list of it alone
        return body[collection][0] if where.uuid is None else body

    return run


def listing(collection: str, fields: tuple[Field, ...]) -> Runner:
    """The flow that lists a collection, filtered by the `fields` given (and `limit`)."""

    def run(ctx: Context, inputs: Inputs) -> Flow[None]:
        params: dict[str, Any] = to_body(fields, inputs, ("external_id", "with_disabled"))
        if "data_source" in inputs:
            params["data_source_uuid"] = yield from pickers.data_source(ctx, inputs["data_source"])
        if "with_disabled" in params:
            params["with_disabled"] = "true" if params["with_disabled"] else "false"
        yield from ctx.paginate(f"/{collection}", collection, params, inputs.get("limit"))

    return run


def update(collection: str, kind: str, fields: tuple[Field, ...]) -> Runner:
    """The flow that updates an object with the `fields` given (a line item's plan may be named as the
    plan picker takes it)."""

    def run(ctx: Context, inputs: Inputs) -> Flow[Any]:
        where = yield from target(ctx, inputs, kind, collection)
        body = to_body(fields, inputs, [f.name for f in fields if f.name not in (kind, "data_source")])
        handle = body.get("plan_uuid")
        if handle and not pickers.is_uuid("plan", handle):
            # a plan's name or external id, in the data source given (else in any: one must match)
            ds = where.params.get("data_source_uuid")
            body["plan_uuid"] = yield from pickers.plan(ctx, handle, field="plan", data_source=ds)
        return (yield from ctx.call("PATCH", where.path(), params=where.params, json=body))

    return run


def delete(collection: str, kind: str) -> Runner:
    def run(ctx: Context, inputs: Inputs) -> Flow[None]:
        where = yield from target(ctx, inputs, kind, collection)
        yield from ctx.call("DELETE", where.path(), params=where.params)

    return run


def part_modules(
    kind: str, label: str, fields: tuple[Field, ...], says: dict[str, str]
) -> tuple[Module, ...]:
    """The List, Get, Update, Disable, Enable and Delete modules of a part of invoices (`line_item`,
    "Line Item"), its import `fields` made optional for the update, each described by `says[action]`."""
    collection = f"{kind}s"
    plural = collection.replace("_", " ")
    one = plural[:-1]

    def named(help: str) -> tuple[Field, Field]:
        return part_field(kind, label, help), DATA_SOURCE

    list_fields = (
        limit_field(plural),
        dataclasses.replace(DATA_SOURCE, help=f"Select the data source whose {plural} you want to list."),
        Field("external_id", "External ID", "str", f"Enter the External ID of the {one} you want to list."),
        Field("with_disabled", "With Disabled", "bool", f"Select whether disabled {plural} are listed too."),
    )
    update_fields = (*named(f"Select the {one} you want to update."), *optional(fields))
    by_uuid, by_external_id = f"/{collection}/{{uuid}}", f"/{collection}"

    def module(
        action: str, title: str, inputs: tuple[Field, ...], run: Runner, *http: str, **more: Any
    ) -> Module:
        return Module(
            f"{collection}.{action}", title, says[action], inputs, run, http, from_seed=False, **more
        )

    def state(action: str, disabled: bool) -> Module:
        return module(
            action,
            f"{action.title()} a {label}",
            named(f"Select the {one} you want to {action}."),
            disabled_state(collection, kind, disabled),
            f"PATCH {by_uuid}/disabled_state",
            f"PATCH {by_external_id}/disabled_state",
            object_field=kind,
        )

    return (
        module(
            "list",
            f"List {label}s",
            list_fields,
            listing(collection, list_fields),
            f"GET {by_external_id}",
            output="list",
        ),
        module(
            "get",
            f"Get a {label}",
            named(f"Select the {one} you want to retrieve."),
            get(collection, kind),
            f"GET {by_uuid}",
            f"GET {by_external_id}",
            object_field=kind,
        ),
        module(
            "update",
            f"Update a {label}",
            update_fields,
            update(collection, kind, update_fields),
            f"PATCH {by_uuid}",
            f"PATCH {by_external_id}",
            object_field=kind,
        ),
        state("disable", True),
        state("enable", False),
        module(
            "delete",
            f"Delete a {label}",
            named(f"Select the {one} you want to delete."),
            delete(collection, kind),
            f"DELETE {by_uuid}",
            f"DELETE {by_external_id}",
            output="none",
            object_field=kind,
        ),
    )
