"""Invoices with their line items and transactions: import, list, retrieve, delete; import a transaction.

An import batch is all or nothing: every invoice is checked first and a batch with any problem answers
422 with each invoice's errors, storing nothing (the review and the write are `invoice_writes`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, false, insert, select

from mogul.server import wire
from mogul.server.domain import derive, line_items, query, record_states, transactions
from mogul.server.domain.base import Scope, duplicate_as, find, object_body
from mogul.server.domain.checks import check_transaction
from mogul.server.domain.fields import Fields
from mogul.server.domain.invoice_writes import check_invoices, write_invoices
from mogul.server.domain.paging import Page, PageRequest, paginate
from mogul.store import schema as s

# -- reading --------------------------------------------------------------------------------------------


def _select_invoices() -> Any:
    i, c, ds = s.invoices, s.customers, s.data_sources
    return (
        select(
            i,
            c.c.uuid.label("customer_uuid"),
            c.c.external_id.label("customer_external_id"),
            ds.c.uuid.label("ds_uuid"),
        )
        # outer joins on non-null foreign keys: the same rows, and PostgreSQL can drop them when counting
        .outerjoin(c, c.c.id == i.c.customer_id)
        .outerjoin(ds, ds.c.id == i.c.data_source_id)
    )


def serialize_invoices(
    scope: Scope, rows: list[Any], *, with_customer: bool, with_disabled: bool = False
) -> list[dict[str, Any]]:
    """Invoices with their line items and transactions (the enabled ones, all `with_disabled`), read
    in two queries for the whole page."""
    ids = [r.id for r in rows]
    items: dict[int, list[Any]] = defaultdict(list)
    trans: dict[int, list[Any]] = defaultdict(list)
    if ids:
        li = s.line_items
        for row in scope.conn.execute(
            line_items.select_lines().where(li.c.invoice_id.in_(ids)).order_by(li.c.id)
        ):
            items[row.invoice_id].append(row)
        for row in scope.conn.execute(
            select(s.transactions).where(s.transactions.c.invoice_id.in_(ids)).order_by(s.transactions.c.id)
        ):
            trans[row.invoice_id].append(row)
    out = []
    for r in rows:
        lines, paid = items[r.id], trans[r.id]
        body: dict[str, Any] = {
            "uuid": r.uuid,
            "external_id": r.external_id,
            "date": wire.fmt_ms(r.date),
            "due_date": wire.fmt_ms(r.due_date),
            "currency": r.currency,
            "collection_method": r.collection_method,
            "line_items": [line_items.serialize(li) for li in lines if with_disabled or not li.disabled],
            "transactions": [transactions.serialize(t) for t in paid if with_disabled or not t.disabled],
            "errors": {},
            "status": transactions.invoice_status(r.status, lines, paid, disabled=r.disabled),
            "disabled": r.disabled,
            "disabled_at": wire.fmt_ms(r.disabled_at),
            "disabled_by": None,
        }
        if with_customer:
            body |= {
                "customer_uuid": r.customer_uuid,
                "customer_external_id": r.customer_external_id,
                "data_source_uuid": r.ds_uuid,
            }
        out.append(body)
    return out


def _invoice_page(scope: Scope, page: PageRequest, stmt: Any) -> Page:
    i = s.invoices
    return paginate(scope.conn, page, stmt, [i.c.date, i.c.id], descending=True)


@dataclass(frozen=True)
class InvoiceFilters:
    customer_uuid: str | None = None
    data_source_uuid: str | None = None
    external_id: str | None = None
    with_disabled: str | None = None


def list_invoices(scope: Scope, filters: InvoiceFilters, page: PageRequest) -> dict[str, Any]:
    i = s.invoices
    with_disabled = query.flag(filters.with_disabled, "with_disabled")
    stmt = _select_invoices().where(i.c.account_id == scope.account.id)
    if not with_disabled:
        stmt = stmt.where(i.c.disabled == false())
    if filters.customer_uuid is not None:
        stmt = stmt.where(s.customers.c.uuid == filters.customer_uuid)
    if filters.data_source_uuid is not None:
        stmt = stmt.where(s.data_sources.c.uuid == filters.data_source_uuid)
    if filters.external_id is not None:
        stmt = stmt.where(i.c.external_id == filters.external_id)
    found = _invoice_page(scope, page, stmt)
    invoices = serialize_invoices(scope, found.rows, with_customer=True, with_disabled=with_disabled)
    return found.listing("invoices", invoices)


def list_for_customer(
    scope: Scope, customer_uuid: str, page: PageRequest, *, with_disabled: bool = False
) -> dict[str, Any]:
    customer = find(scope, s.customers, customer_uuid, "Customer")
    stmt = _select_invoices().where(s.invoices.c.customer_id == customer.id)
    if not with_disabled:
        stmt = stmt.where(s.invoices.c.disabled == false())
    found = _invoice_page(scope, page, stmt)
    invoices = serialize_invoices(scope, found.rows, with_customer=False, with_disabled=with_disabled)
    return {"customer_uuid": customer.uuid, **found.listing("invoices", invoices)}


def _one(scope: Scope, uuid: str) -> Any:
    row = scope.conn.execute(
        _select_invoices().where(s.invoices.c.uuid == uuid, s.invoices.c.account_id == scope.account.id)
    ).first()
    if row is None:
        raise wire.not_found("Invoice")
    return row


def retrieve(scope: Scope, uuid: str, *, with_disabled: bool = False) -> dict[str, Any]:
    row = record_states.shown(_one(scope, uuid), with_disabled, "Invoice")
    return serialize_invoices(scope, [row], with_customer=True, with_disabled=with_disabled)[0]


def _delete_invoices(scope: Scope, where: Any) -> int:
    rows = scope.conn.execute(
        select(s.invoices.c.id, s.invoices.c.customer_id).where(
            s.invoices.c.account_id == scope.account.id, where
        )
    ).all()
    if rows:
        scope.conn.execute(delete(s.invoices).where(s.invoices.c.id.in_([r.id for r in rows])))
        derive.refresh(scope.conn, scope.account, {r.customer_id for r in rows})
    return len(rows)


def destroy(scope: Scope, uuid: str) -> None:
    if not _delete_invoices(scope, s.invoices.c.uuid == uuid):
        raise wire.not_found("Invoice")


def destroy_by_external_id(scope: Scope, data_source_uuid: str | None, external_id: str | None) -> None:
    if not data_source_uuid:
        raise wire.param_missing("data_source_uuid")
    if not external_id:
        raise wire.param_missing("external_id")
    ds = find(scope, s.data_sources, data_source_uuid, "Data source")
    where = (s.invoices.c.data_source_id == ds.id) & (s.invoices.c.external_id == external_id)
    if not _delete_invoices(scope, where):
        raise wire.not_found("Invoice")


def destroy_all(scope: Scope, data_source_uuid: str, customer_uuid: str) -> None:
    """Every invoice of a customer in a data source."""
    ds = find(scope, s.data_sources, data_source_uuid, "Data source")
    customer = find(scope, s.customers, customer_uuid, "Customer")
    i = s.invoices.c
    _delete_invoices(scope, (i.data_source_id == ds.id) & (i.customer_id == customer.id))


# -- importing ------------------------------------------------------------------------------------------


def import_for_customer(scope: Scope, customer_uuid: str, body: Any) -> dict[str, Any]:
    """`POST /import/customers/{uuid}/invoices`: all or nothing, 422 with every invoice's errors."""
    customer = find(scope, s.customers, customer_uuid, "Customer")
    body = object_body(body)
    if "invoices" not in body:
        raise wire.param_missing("invoices")
    if not isinstance(body["invoices"], list):
        raise wire.invalid({"invoices": "invoices must be an array of invoice objects."})
    batch = check_invoices(scope, customer, body["invoices"])
    written = write_invoices(scope, batch)
    derive.refresh(scope.conn, scope.account, {customer.id}, lines_removed=False, fresh=written.fresh)
    rows = scope.conn.execute(
        _select_invoices().where(s.invoices.c.uuid.in_(written.uuids)).order_by(s.invoices.c.id)
    ).all()
    return {"invoices": serialize_invoices(scope, list(rows), with_customer=False)}


def import_transaction(scope: Scope, invoice_uuid: str, body: Any) -> dict[str, Any]:
    invoice = find(scope, s.invoices, invoice_uuid, "Invoice")
    f = Fields(object_body(body))
    values = check_transaction(f)
    f.check()
    uuid = wire.new_uuid("transaction")
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_TRANSACTION})):
        scope.conn.execute(
            insert(s.transactions).values(
                account_id=scope.account.id,
                data_source_id=invoice.data_source_id,
                invoice_id=invoice.id,
                uuid=uuid,
                **values,
            )
        )
    row = scope.conn.execute(select(s.transactions).where(s.transactions.c.uuid == uuid)).one()
    derive.refresh(scope.conn, scope.account, {invoice.customer_id}, lines_removed=False)
    return transactions.serialize(row)
