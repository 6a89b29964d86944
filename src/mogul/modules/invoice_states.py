"""Invoice modules not in Make's app: Update an Invoice, Disable and Enable an Invoice, Update an
Invoice's Status (void it, write it off). They are in the invoices group (`invoices.GROUP`).

Each names the invoice by its uuid or its external id; with a data source an external id goes to the
API's external id routes in one request.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from mogul.flow import Context, Flow
from mogul.modules.invoice_parts import (
    CURRENCY,
    DATA_SOURCE,
    DATE,
    DUE_DATE,
    disabled_state,
    invoice_field,
    target,
)
from mogul.modules.spec import Field, Inputs, Module, choices, to_body

COLLECTION_METHOD = choices(("Automatic", "automatic"), ("Manual", "manual"))
STATUS = choices(("Voided", "voided"), ("Written Off", "written_off"))


def _invoice(help: str) -> tuple[Field, Field]:
    return (
        invoice_field(help),
        DATA_SOURCE,
    )


# -- update ----------------------------------------------------------------------------------------------

UPDATE_FIELDS = (
    *_invoice("Select the invoice you want to update."),
    DATE,
    DUE_DATE,
    CURRENCY,
    Field(
        "collection_method",
        "Collection Method",
        "enum",
        "Select whether the invoice is paid automatically or manually.",
        choices=COLLECTION_METHOD,
    ),
)


def _update(ctx: Context, inputs: Inputs) -> Flow[Any]:
    where = yield from target(ctx, inputs, "invoice", "invoices")
    body = to_body(UPDATE_FIELDS, inputs, ("date", "due_date", "currency", "collection_method"))
    return (yield from ctx.call("PATCH", where.path(), params=where.params, json=body))


UPDATE = Module(
    "invoices.update",
    "Update an Invoice",
    "Updates the date, due date, currency or collection method of an invoice.",
    UPDATE_FIELDS,
    _update,
    ("PATCH /invoices/{uuid}", "PATCH /invoices"),
    object_field="invoice",
    from_seed=False,
)

# -- disable and enable ----------------------------------------------------------------------------------


DISABLE = Module(
    "invoices.disable",
    "Disable an Invoice",
    "Disables an invoice with its line items and transactions: it is kept, counts for no MRR, and is "
    "left out of lists unless they ask for disabled ones.",
    _invoice("Select the invoice you want to disable."),
    disabled_state("invoices", "invoice", True),
    ("PATCH /invoices/{uuid}/disabled_state", "PATCH /invoices/disabled_state"),
    object_field="invoice",
    from_seed=False,
)

ENABLE = Module(
    "invoices.enable",
    "Enable an Invoice",
    "Enables a disabled invoice with its line items and transactions again.",
    _invoice("Select the invoice you want to enable."),
    disabled_state("invoices", "invoice", False),
    ("PATCH /invoices/{uuid}/disabled_state", "PATCH /invoices/disabled_state"),
    object_field="invoice",
    from_seed=False,
)

# -- update the status -----------------------------------------------------------------------------------

STATUS_FIELDS = (
    *_invoice("Select the invoice whose status you want to set."),
    Field(
        "status",
        "Status",
        "enum",
        "Select the invoice's new status: a voided or written-off invoice counts for no MRR.",
        required=True,
        choices=STATUS,
    ),
)


def _update_status(ctx: Context, inputs: Inputs) -> Flow[Any]:
    where = yield from target(ctx, inputs, "invoice", "invoices")
    if where.uuid is None:
        ds, external_id = where.params["data_source_uuid"], where.params["external_id"]
    else:
        invoice = yield from ctx.get(f"/invoices/{where.uuid}", {"with_disabled": "true"})
        ds, external_id = invoice["data_source_uuid"], invoice["external_id"]
    path = f"/data_sources/{ds}/invoices/{quote(external_id, safe='')}/status"
    return (yield from ctx.call("PUT", path, json={"status": inputs["status"]}))


UPDATE_STATUS = Module(
    "invoices.update_status",
    "Update an Invoice's Status",
    "Voids an invoice or writes it off (its other statuses, open, paid and refunded, come from its "
    "transactions). There is no way back: a voided or written-off invoice stays so.",
    STATUS_FIELDS,
    _update_status,
    ("PUT /data_sources/{ds}/invoices/{external_id}/status",),
    object_field="invoice",
    from_seed=False,
    destructive=True,
)

MODULES = (UPDATE, DISABLE, ENABLE, UPDATE_STATUS)
