"""Transactions on their own: retrieve, list, update, disable or enable, delete, by uuid or by external id
within a data source; and the status an invoice's transactions give it.

Transactions count for no MRR (refunds and failed payments leave it as it is: see docs/behaviour.md).
They change the invoice's `status` (`open`, `paid`, `refunded`), which is read from the transactions
whenever an invoice is shown, and a failed payment in a subscription's latest period makes its
customer Past Due (past_due.py), so every write here recomputes the invoice's customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from mogul.server import wire
from mogul.server.domain import derive, query, record_states
from mogul.server.domain.base import ExternalRef, Ref, Scope, duplicate_as, locate, object_body
from mogul.server.domain.checks import check_transaction
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import PageRequest, paginate
from mogul.store import schema as s

WHAT = "Transaction"


def serialize(tr: Any) -> dict[str, Any]:
    """A transaction as ChartMogul shows it (`disabled_by` is always null: mogul has no users)."""
    return {
        "uuid": tr.uuid,
        "external_id": tr.external_id,
        "type": tr.type,
        "date": wire.fmt_ms(tr.date),
        "result": tr.result,
        "amount_in_cents": tr.amount_in_cents,
        "transaction_fees_in_cents": tr.transaction_fees_in_cents,
        "transaction_fees_currency": tr.transaction_fees_currency,
        "disabled": tr.disabled,
        "disabled_at": wire.fmt_ms(tr.disabled_at),
        "disabled_by": None,
    }


def invoice_status(
    set_status: str | None, lines: list[Any], transactions: list[Any], *, disabled: bool = False
) -> str:
    """An invoice's status: the one it was given (`voided`, `written_off`), else what its enabled
    transactions say of its enabled line items' total: `refunded` when successful refunds cover what
    was paid, `paid` when successful payments cover the total (a transaction without an amount is for the
    whole invoice; an invoice of $0 or less is paid), `open` otherwise. A `disabled` invoice's status
    is that of all its parts (they were disabled with it)."""
    if set_status:
        return set_status
    total = sum(li.amount_in_cents for li in lines if disabled or not li.disabled)
    paid = refunded = 0
    for t in transactions:
        if (t.disabled and not disabled) or t.result != "successful":
            continue
        amount = total if t.amount_in_cents is None else t.amount_in_cents
        if t.type == "payment":
            paid += amount
        else:
            refunded += amount
    if paid > 0 and refunded >= paid:
        return "refunded"
    return "paid" if paid >= total else "open"


def retrieve(scope: Scope, ref: Ref, *, with_disabled: bool = False) -> dict[str, Any]:
    return serialize(record_states.shown(locate(scope, s.transactions, ref, WHAT), with_disabled, WHAT))


@dataclass(frozen=True)
class TransactionFilters:
    data_source_uuid: str | None = None
    external_id: str | None = None
    with_disabled: str | None = None


def list_transactions(scope: Scope, filters: TransactionFilters, page: PageRequest) -> dict[str, Any]:
    """`GET /transactions`: the account's transactions, oldest first. Given both a data source and an
    external id it names one transaction (`record_states.one_of_list`)."""
    with_disabled = query.flag(filters.with_disabled, "with_disabled")
    if filters.data_source_uuid and filters.external_id:
        ref = ExternalRef(filters.data_source_uuid, filters.external_id)
        return record_states.one_of_list("transactions", retrieve(scope, ref, with_disabled=with_disabled))
    t = s.transactions
    stmt = select(t).where(t.c.account_id == scope.account.id)
    stmt = record_states.filtered(stmt, t, filters.data_source_uuid, filters.external_id, with_disabled)
    found = paginate(scope.conn, page, stmt, [t.c.id])
    return found.listing("transactions", [serialize(r) for r in found.rows])


def _stored(row: Any) -> dict[str, Any]:
    """A stored transaction as the body that would import it, for an update to change."""
    return {
        "type": row.type,
        "date": wire.fmt_exact(row.date),
        "result": row.result,
        "external_id": row.external_id,
        "amount_in_cents": row.amount_in_cents,
        "transaction_fees_in_cents": row.transaction_fees_in_cents,
        "transaction_fees_currency": row.transaction_fees_currency,
    }


def payments_changed(scope: Scope, invoice_id: int) -> None:
    """Recompute the customer of an invoice whose transactions changed (its status may be Past Due)."""
    customer_id = scope.conn.execute(
        select(s.invoices.c.customer_id).where(s.invoices.c.id == invoice_id)
    ).scalar_one()
    derive.refresh(scope.conn, scope.account, {customer_id}, lines_removed=False)


def modify(scope: Scope, ref: Ref, body: Any) -> dict[str, Any]:
    """`PATCH`: the fields given replace the stored ones, checked as an import checks them."""
    row = locate(scope, s.transactions, ref, WHAT)
    f = Fields(_stored(row) | object_body(body))
    values = check_transaction(f)
    f.check()
    t = s.transactions
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_TRANSACTION})):
        scope.conn.execute(update(t).where(t.c.id == row.id).values(**values))
    payments_changed(scope, row.invoice_id)
    return serialize(scope.conn.execute(select(t).where(t.c.id == row.id)).one())


def set_disabled(scope: Scope, ref: Ref, body: Any) -> dict[str, Any]:
    """`PATCH .../disabled_state`: disable (kept, left out of reads) or enable again."""
    row = locate(scope, s.transactions, ref, WHAT)
    disabled = record_states.requested(body)
    t = s.transactions
    scope.conn.execute(update(t).where(t.c.id == row.id).values(**record_states.values(row, disabled)))
    payments_changed(scope, row.invoice_id)
    return serialize(scope.conn.execute(select(t).where(t.c.id == row.id)).one())


def destroy(scope: Scope, ref: Ref) -> None:
    row = locate(scope, s.transactions, ref, WHAT)
    scope.conn.execute(delete(s.transactions).where(s.transactions.c.id == row.id))
    payments_changed(scope, row.invoice_id)
