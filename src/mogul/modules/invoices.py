"""Invoice modules: List, Get, Import an Invoice, Delete, Import an Invoice Transaction."""

from __future__ import annotations

import re
from typing import Any

from mogul.errors import InputError
from mogul.flow import Context, Flow
from mogul.modules import pickers
from mogul.modules.recovery import ByKey, BySnapshot, InvoiceBatch
from mogul.modules.spec import Field, Group, Inputs, Module, choices, limit_field, to_body

LINE_ITEM_TYPE = choices(("Subscription", "subscription"), ("One Time", "one_time"))
PRORATED = choices(("Yes", True), ("No", False), ("Not defined", None, ("Not Defined", "Undefined")))
TRANSACTION_TYPE = choices(("Payment", "payment"), ("Refund", "refund"))
TRANSACTION_RESULT = choices(("Successful", "successful"), ("Failed", "failed"))


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


def _transaction_fields(
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


TRANSACTION_FIELDS = _transaction_fields(
    "Select the transaction type.",
    "Select the transaction result.",
    "Enter the date of the transaction was made.",
    "Enter the unique External ID of the transaction.",
)

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
    Field("date", "Date", "datetime", "Enter the date on which the invoice was raised.", required=True),
    Field(
        "currency",
        "Currency",
        "str",
        "The 3-letter currency code of the currency in which this invoice is billed. "
        "For example, USD, EUR, GBP.",
        required=True,
    ),
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
    Field("due_date", "Due Date", "datetime", "Enter the date by when the invoice must be paid."),
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
    *_transaction_fields(
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

GROUP = Group("invoices", "Invoices", 5, (LIST, GET, IMPORT, DELETE, IMPORT_TRANSACTION))
