"""Invoice modules: List, Get, Import an Invoice, Delete, Import an Invoice Transaction (Make), and
Update, Disable, Enable, Update the Status (added, in `invoice_states`)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from mogul.errors import InputError
from mogul.flow import Context, Flow
from mogul.modules import invoice_states, pickers
from mogul.modules.invoice_parts import (
    CURRENCY,
    DATE,
    DUE_DATE,
    LINE_ITEM_FIELDS,
    TRANSACTION_FIELDS,
    invoice_field,
    transaction_fields,
)
from mogul.modules.recovery import ByKey, BySnapshot, InvoiceBatch
from mogul.modules.spec import Field, Group, Inputs, Module, limit_field, to_body

# -- list ------------------------------------------------------------------------------------------------

LIST_FIELDS = (
    limit_field("invoices"),
    Field(
        "data_source",
        "Data Source",
        "str",
        "Select the data source whose invoices you want to list.",
        api_name="data_source_uuid",
        picker="data_source",
    ),
    Field(
        "customer",
        "Customer",
        "str",
        "Select the customer whose invoices you want to list.",
        api_name="customer_uuid",
        picker="customer",
    ),
    Field(
        "external_id", "External ID", "str", "Select the unique External ID of the invoice you want to list."
    ),
)


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    params: dict[str, Any] = to_body(LIST_FIELDS, inputs, ("external_id",))
    ds = None
    if "data_source" in inputs:
        ds = params["data_source_uuid"] = yield from pickers.data_source(ctx, inputs["data_source"])
    if "customer" in inputs:
        params["customer_uuid"] = yield from pickers.customer(ctx, inputs["customer"], data_source=ds)
    yield from ctx.paginate("/invoices", "invoices", params, inputs.get("limit"))


LIST = Module(
    "invoices.list",
    "List Invoices",
    "Returns a list of invoice objects created using the API in your ChartMogul account.",
    LIST_FIELDS,
    _list,
    ("GET /invoices",),
    output="list",
)

# -- get -------------------------------------------------------------------------------------------------


def _get(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.invoice(ctx, inputs["invoice"])
    return (yield from ctx.get(f"/invoices/{uuid}"))


GET = Module(
    "invoices.get",
    "Get an Invoice",
    "Retrieves an invoice object from your ChartMogul account.",
    (invoice_field("Select the invoice whose details you want to retrieve."),),
    _get,
    ("GET /invoices/{uuid}",),
    object_field="invoice",
)

# -- import ----------------------------------------------------------------------------------------------

IMPORT_FIELDS = (
    Field(
        "customer",
        "Customer UUID",
        "str",
        "Select the Customer ID whose invoice you want to import.",
        api_name="customer_uuid",
        required=True,
        picker="customer",
    ),
    Field(
        "external_id",
        "External ID",
        "str",
        "Enter the unique External ID of the invoice. It should be an identifier from your internal system. "
        "Accepts alphanumeric characters.",
        required=True,
    ),
    dataclasses.replace(DATE, required=True),
    dataclasses.replace(CURRENCY, required=True),
    Field(
        "line_items",
        "Line Items",
        "objects",
        "Add the line items of the invoice.",
        required=True,
        fields=LINE_ITEM_FIELDS,
    ),
    Field(
        "data_source",
        "Data Source",
        "str",
        "Enter the ChartMogul UUID of the Data Source to which these invoices should be attributed.",
        api_name="data_source_uuid",
        picker="data_source",
    ),
    Field(
        "customer_external_id",
        "Customer External ID",
        "str",
        "Enter the unique Customer External ID specified by you for the customer. Typically an identifier "
        "from your internal system. Accepts alphanumeric characters.",
    ),
    Field("transactions", "Transactions", "objects", "Add the transactions.", fields=TRANSACTION_FIELDS),
    DUE_DATE,
)
_INVOICE_NAMES = ("external_id", "date", "currency", "customer_external_id", "due_date")
_SUBSCRIPTION_NEEDS = ("subscription_external_id", "plan", "service_period_start", "service_period_end")


def _check_import(inputs: Inputs) -> None:
    currency = inputs["currency"].strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise InputError(
            f"must be a 3-letter currency code such as USD, got {inputs['currency']!r}", field="currency"
        )
    inputs["currency"] = currency
    for n, item in enumerate(inputs["line_items"]):
        if item["type"] == "subscription":
            for name in _SUBSCRIPTION_NEEDS:
                if item.get(name) in (None, ""):
                    raise InputError(
                        "is mandatory for a subscription line item", field=f"line_items[{n}].{name}"
                    )


def _import(ctx: Context, inputs: Inputs) -> Flow[Any]:
    ds = None
    if "data_source" in inputs:
        ds = yield from pickers.data_source(ctx, inputs["data_source"])
    customer = yield from pickers.customer(ctx, inputs["customer"], data_source=ds)
    line_items = []
    for n, item in enumerate(to_body(IMPORT_FIELDS, inputs, ("line_items",))["line_items"]):
        handle = item.get("plan_uuid")
        if handle and not pickers.is_uuid("plan", handle):
            if ds is None:
                # A plan name or external id means a plan of the customer's data source.
                ds = (yield from ctx.get(f"/customers/{customer}")).get("data_source_uuid")
            item["plan_uuid"] = yield from pickers.plan(
                ctx, handle, field=f"line_items[{n}].plan", data_source=ds
            )
        line_items.append(item)
    invoice = to_body(IMPORT_FIELDS, inputs, (*_INVOICE_NAMES, "transactions"))
    invoice["line_items"] = line_items
    if "data_source" in inputs:
        invoice["data_source_uuid"] = ds
    body = yield from ctx.call(
        "POST",
        f"/import/customers/{customer}/invoices",
        json={"invoices": [invoice]},
        recovery=InvoiceBatch(customer, [inputs["external_id"]]),
    )
    return body["invoices"][0]


IMPORT = Module(
    "invoices.import",
    "Import an Invoice",
    "Creates an invoice for a given API customer.",
    IMPORT_FIELDS,
    _import,
    ("POST /import/customers/{uuid}/invoices",),
    object_field="customer",
    check=_check_import,
)

# -- delete ----------------------------------------------------------------------------------------------


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.invoice(ctx, inputs["invoice"])
    yield from ctx.call("DELETE", f"/invoices/{uuid}")


DELETE = Module(
    "invoices.delete",
    "Delete an Invoice",
    "Deletes the specified invoice object and all its associated data.",
    (invoice_field("Select the invoice you want to delete."),),
    _delete,
    ("DELETE /invoices/{uuid}",),
    output="none",
    object_field="invoice",
)

# -- import a transaction --------------------------------------------------------------------------------

IMPORT_TRANSACTION_FIELDS = (
    invoice_field("Select the invoice whose transaction you want to import."),
    *transaction_fields(
        "Select the invoice transaction type.",
        "Select the result of the invoice transaction.",
        "Enter the date of the transaction.",
        "Enter the External ID of the invoice transaction.",
    ),
)


def _import_transaction(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.invoice(ctx, inputs["invoice"])
    body = to_body(
        IMPORT_TRANSACTION_FIELDS, inputs, ("date", "type", "result", "external_id", "amount_in_cents")
    )

    def listing(ctx: Context) -> Flow[list[Any]]:
        invoice = yield from ctx.get(f"/invoices/{uuid}")
        return list(invoice.get("transactions") or [])

    def by_external_id(ctx: Context) -> Flow[Any]:
        found = [t for t in (yield from listing(ctx)) if t.get("external_id") == body["external_id"]]
        return found[0] if found else None

    recovery = (
        ByKey("external_id", by_external_id)
        if "external_id" in body
        else BySnapshot(
            listing,
            lambda t: (
                (t.get("type"), t.get("result"), t.get("date"))
                == (body["type"], body["result"], body["date"])
            ),
        )
    )
    return (
        yield from ctx.call("POST", f"/import/invoices/{uuid}/transactions", json=body, recovery=recovery)
    )


IMPORT_TRANSACTION = Module(
    "invoices.import_transaction",
    "Import an Invoice Transaction",
    "Creates a transaction object for an invoice imported using the import API.",
    IMPORT_TRANSACTION_FIELDS,
    _import_transaction,
    ("POST /import/invoices/{uuid}/transactions",),
    object_field="invoice",
)

GROUP = Group(
    "invoices", "Invoices", 5, (LIST, GET, IMPORT, DELETE, IMPORT_TRANSACTION, *invoice_states.MODULES)
)
