"""An invoice's details and states: update it, disable or enable it, and void it or write it off, by uuid
or by external id within its data source.

Disabling an invoice disables its line items and transactions with it (enabling enables them all
again), as ChartMogul does; a disabled invoice is left out of the reads and counts for no MRR. A voided or
written-off invoice counts for no MRR either (`record_states.counted`). Each write recomputes the
customer (`derive.refresh`), which invalidates the metrics' cached activity log in the same transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from mogul.server.domain import derive, invoices, record_states
from mogul.server.domain.base import ExternalRef, Ref, Scope, locate, object_body
from mogul.server.domain.checks import COLLECTION_METHODS, INVOICE_STATUSES
from mogul.server.domain.fields import Fields
from mogul.store import schema as s

WHAT = "Invoice"


def _answer(scope: Scope, invoice: Any) -> dict[str, Any]:
    """The invoice as a retrieve shows it, whatever its state (a write answers what it wrote)."""
    return invoices.retrieve(scope, invoice.uuid, with_disabled=invoice.disabled)


def _reread(scope: Scope, invoice_id: int) -> Any:
    return scope.conn.execute(select(s.invoices).where(s.invoices.c.id == invoice_id)).one()


def modify(scope: Scope, ref: Ref, body: Any) -> dict[str, Any]:
    """`PATCH /invoices/{uuid}` (or by external id): its `date`, `due_date`, `currency` and
    `collection_method`, checked as an import checks them. Its line items and transactions change
    through their own routes."""
    invoice = locate(scope, s.invoices, ref, WHAT)
    f = Fields(object_body(body))
    values: dict[str, Any] = {}
    if f.has("date"):
        values["date"] = f.time("date", required=True)
    if f.has("due_date"):
        values["due_date"] = f.time("due_date")
    if f.has("currency"):
        values["currency"] = f.currency("currency", required=True)
    if f.has("collection_method"):
        values["collection_method"] = f.enum("collection_method", COLLECTION_METHODS)
    f.check()
    if values:
        i = s.invoices
        scope.conn.execute(update(i).where(i.c.id == invoice.id).values(**values))
        # the currency values the MRR (a currency without exchange rates is a 422 from here)
        derive.refresh(scope.conn, scope.account, {invoice.customer_id}, lines_removed=False)
    return _answer(scope, _reread(scope, invoice.id))


def set_disabled(scope: Scope, ref: Ref, body: Any) -> dict[str, Any]:
    """`PATCH /invoices/{uuid}/disabled_state` (or by external id): the invoice, its line items and its
    transactions all take the state asked for."""
    invoice = locate(scope, s.invoices, ref, WHAT)
    disabled = record_states.requested(body)
    state = record_states.values(invoice, disabled)
    for table in (s.invoices, s.line_items, s.transactions):
        key = table.c.id if table is s.invoices else table.c.invoice_id
        scope.conn.execute(update(table).where(key == invoice.id).values(**state))
    derive.refresh(scope.conn, scope.account, {invoice.customer_id}, lines_removed=False)
    return _answer(scope, _reread(scope, invoice.id))


def set_status(scope: Scope, data_source_uuid: str, external_id: str, body: Any) -> dict[str, Any]:
    """`PUT /data_sources/{ds}/invoices/{external_id}/status` with `{"status": "voided"|"written_off"}`.

    Answers ChartMogul's `{"message": "Invoice updated"}` with the invoice's fields beside it (what the
    official clients read; see docs/behaviour.md)."""
    invoice = locate(scope, s.invoices, ExternalRef(data_source_uuid, external_id), WHAT)
    f = Fields(object_body(body))
    status = f.enum("status", INVOICE_STATUSES, required=True)
    f.check()
    i = s.invoices
    scope.conn.execute(update(i).where(i.c.id == invoice.id).values(status=status))
    derive.refresh(scope.conn, scope.account, {invoice.customer_id}, lines_removed=False)
    return {"message": "Invoice updated", **_answer(scope, _reread(scope, invoice.id))}
