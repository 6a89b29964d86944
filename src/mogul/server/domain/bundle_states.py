"""Sandbox bundles: the states of invoices, line items and transactions.

An export marks what is not in its plain state: `"disabled": true` on a disabled invoice, line item or
transaction, and `"status": "voided"` or `"written_off"` on an invoice (docs/behaviour.md, "Invoices
after their import"). Without them a snapshot restored, or an export seeded, would count a disabled or
voided invoice's MRR again.

A bundle's invoices go through the bulk JSON import, which takes neither key, so `split` takes them
off before the import and `apply` sets them after it, on the invoices the seed made (a matched invoice
keeps its own state, as a matched customer keeps its own attributes). A line item or transaction is
named by its place in its invoice, which is the order the import stores them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from mogul.server.domain.base import Scope
from mogul.server.domain.checks import INVOICE_STATUSES, errors_of
from mogul.server.domain.fields import Fields
from mogul.store import schema as s
from mogul.store.bulk import among

PARTS = ("line_items", "transactions")


def of_invoice(row: Any) -> dict[str, Any]:
    """The state keys an exported invoice carries (none in its plain state)."""
    out: dict[str, Any] = {"disabled": True} if row.disabled else {}
    return out | ({"status": row.status} if row.status else {})


def of_part(row: Any) -> dict[str, Any]:
    """The state key an exported line item or transaction carries."""
    return {"disabled": True} if row.disabled else {}


@dataclass(frozen=True)
class InvoiceState:
    external_id: str
    disabled: bool
    status: str | None
    disabled_parts: dict[str, list[int]]  # by part: the places of the disabled ones in the invoice


def _disabled(f: Fields) -> bool:
    return bool(f.boolean("disabled")) if f.has("disabled") else False


def split(invoices: list[Any], prefix: str, errors: dict[str, str]) -> tuple[list[Any], list[InvoiceState]]:
    """The invoices without their state keys (for the import), and the states they gave; a bad state
    value is an error at its place (`data_sources[0].invoices[2].status`)."""
    plain: list[Any] = []
    states: list[InvoiceState] = []
    for n, invoice in enumerate(invoices):
        if not isinstance(invoice, dict):
            plain.append(invoice)  # the import's checks say what is wrong with it
            continue
        f = Fields(invoice, prefix=f"{prefix}invoices[{n}].")
        disabled = _disabled(f)
        status = f.enum("status", INVOICE_STATUSES) if f.has("status") else None
        parts: dict[str, list[int]] = {}
        stripped: dict[str, Any] = {k: v for k, v in invoice.items() if k not in ("disabled", "status")}
        for part in PARTS:
            items = invoice.get(part)
            if not isinstance(items, list):
                continue
            kept = []
            for m, item in enumerate(items):
                if isinstance(item, dict) and "disabled" in item:
                    pf = Fields(item, prefix=f"{f.prefix}{part}[{m}].")
                    if _disabled(pf):
                        parts.setdefault(part, []).append(m)
                    errors.update(errors_of(pf))
                    item = {k: v for k, v in item.items() if k != "disabled"}
                kept.append(item)
            stripped[part] = kept
        errors.update(errors_of(f))
        plain.append(stripped)
        external_id = invoice.get("external_id")
        if (disabled or status or parts) and isinstance(external_id, str):
            states.append(InvoiceState(external_id, disabled, status, parts))
    return plain, states


def stored(scope: Scope, data_source_id: int, states: list[InvoiceState]) -> set[str]:
    """The external ids of these invoices already stored in the data source (before a seed's import)."""
    if not states:
        return set()
    i = s.invoices.c
    query = select(i.external_id).where(
        i.data_source_id == data_source_id, among(scope.conn, i.external_id, [x.external_id for x in states])
    )
    return set(scope.conn.scalars(query))


def apply(scope: Scope, data_source_id: int, states: list[InvoiceState], before: set[str]) -> set[int]:
    """Set the states on the invoices the seed made (those not in `before`); the customers changed."""
    made = [state for state in states if state.external_id not in before]
    if not made:
        return set()
    conn, i = scope.conn, s.invoices
    rows = {
        r.external_id: r
        for r in conn.execute(
            select(i.c.id, i.c.external_id, i.c.customer_id).where(
                i.c.data_source_id == data_source_id,
                among(conn, i.c.external_id, [x.external_id for x in made]),
            )
        )
    }
    now = s.utcnow()
    changed = set()
    for state in made:
        row = rows.get(state.external_id)
        if row is None:  # the import refused it: the seed is a 422
            continue
        if state.disabled or state.status:
            values: dict[str, Any] = {"status": state.status}
            if state.disabled:
                values |= {"disabled": True, "disabled_at": now}
            conn.execute(update(i).where(i.c.id == row.id).values(**values))
        for part, places in state.disabled_parts.items():
            table = s.line_items if part == "line_items" else s.transactions
            ids = list(
                conn.scalars(select(table.c.id).where(table.c.invoice_id == row.id).order_by(table.c.id))
            )
            chosen = [ids[place] for place in places if place < len(ids)]
            conn.execute(
                update(table).where(among(conn, table.c.id, chosen)).values(disabled=True, disabled_at=now)
            )
        changed.add(row.customer_id)
    return changed
