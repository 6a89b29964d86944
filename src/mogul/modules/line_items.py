"""Line item modules (not in Make's app): Import a Line Item onto an invoice, List, Get, Update, Disable,
Enable, Delete. A line item is named by its uuid or its external id (with a data source, one request)."""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import invoice_parts, pickers
from mogul.modules.invoice_parts import LINE_ITEM_FIELDS, invoice_field
from mogul.modules.recovery import ByKey, BySnapshot
from mogul.modules.spec import Group, Inputs, Module, to_body

KIND, COLLECTION = "line_item", "line_items"


# -- import ----------------------------------------------------------------------------------------------

IMPORT_FIELDS = (
    invoice_field("Select the invoice the line item is added to."),
    *LINE_ITEM_FIELDS,
)


def _import(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.invoice(ctx, inputs["invoice"])
    body = to_body(IMPORT_FIELDS, inputs, [f.name for f in LINE_ITEM_FIELDS])
    handle = body.get("plan_uuid")
    if handle and not pickers.is_uuid("plan", handle):
        invoice = yield from ctx.get(f"/invoices/{uuid}", {"with_disabled": "true"})
        body["plan_uuid"] = yield from pickers.plan(
            ctx, handle, field="plan", data_source=invoice.get("data_source_uuid")
        )

    def lines(ctx: Context) -> Flow[list[Any]]:
        invoice = yield from ctx.get(f"/invoices/{uuid}", {"with_disabled": "true"})
        return list(invoice.get("line_items") or [])

    def by_external_id(ctx: Context) -> Flow[Any]:
        found = [li for li in (yield from lines(ctx)) if li.get("external_id") == body["external_id"]]
        return found[0] if found else None

    same = ("type", "amount_in_cents", "subscription_external_id", "service_period_start")
    recovery = (
        ByKey("external_id", by_external_id)
        if "external_id" in body
        else BySnapshot(lines, lambda li: all(li.get(k) == body.get(k) for k in same if k in body))
    )
    path = f"/import/invoices/{uuid}/line_items"
    return (yield from ctx.call("POST", path, json=body, recovery=recovery))


IMPORT = Module(
    "line_items.import",
    "Import a Line Item",
    "Adds a line item to an invoice imported using the import API.",
    IMPORT_FIELDS,
    _import,
    ("POST /import/invoices/{uuid}/line_items",),
    object_field="invoice",
    from_seed=False,
)

# -- list, get, update, disable, enable, delete ----------------------------------------------------------

PARTS = invoice_parts.part_modules(
    KIND,
    "Line Item",
    LINE_ITEM_FIELDS,
    {
        "list": "Returns the line items of your ChartMogul account, oldest first.",
        "get": "Retrieves a line item, a disabled one too.",
        "update": "Updates a line item: the fields given replace the stored ones, and the customer's MRR "
        "follows.",
        "disable": "Disables a line item: it is kept but counts for no MRR, and lists leave it out unless "
        "asked.",
        "enable": "Enables a disabled line item again.",
        "delete": "Deletes a line item; the customer's MRR follows.",
    },
)

GROUP = Group("line_items", "Line Items", 5, (IMPORT, *PARTS))
