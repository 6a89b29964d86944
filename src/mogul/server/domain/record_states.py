"""What a record's state leaves out, in one place.

Invoices, line items and transactions can be disabled (`PATCH .../disabled_state`): a disabled record is
kept, but left out of every read that does not ask `with_disabled=true` (a list skips it, a retrieve
answers 404, an invoice shows only its enabled line items and transactions) and out of the figures. An
invoice can also be voided or written off (`PUT .../status`), which leaves its line items out of the
figures but not out of reads. docs/behaviour.md says why.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, Table, and_, false, or_

from mogul.server import wire
from mogul.server.domain.base import object_body
from mogul.server.domain.checks import INVOICE_STATUSES
from mogul.server.domain.fields import Fields
from mogul.store import schema as s


def counted() -> ColumnElement[bool]:
    """The line items that count for MRR (in a query joining `line_items` and `invoices`): enabled, on
    an enabled invoice that is neither voided nor written off."""
    li, inv = s.line_items, s.invoices
    return and_(
        li.c.disabled == false(),
        inv.c.disabled == false(),
        or_(inv.c.status.is_(None), inv.c.status.not_in(INVOICE_STATUSES)),
    )


def shown(row: Any, with_disabled: bool, what: str) -> Any:
    """`row` for a read, unless it is disabled and the read did not ask `with_disabled` (then 404)."""
    if row.disabled and not with_disabled:
        raise wire.not_found(what)
    return row


def requested(body: Any) -> bool:
    """The state a `PATCH .../disabled_state` asks for: its body `{"disabled": true|false}`."""
    f = Fields(object_body(body))
    disabled = f.boolean("disabled", required=True)
    f.check()
    return bool(disabled)


def values(row: Any, disabled: bool) -> dict[str, Any]:
    """The columns that put `row` in this state (disabled again, it keeps when it was first disabled)."""
    if not disabled:
        return {"disabled": False, "disabled_at": None}
    return {"disabled": True, "disabled_at": row.disabled_at if row.disabled else s.utcnow()}


def one_of_list(key: str, item: dict[str, Any]) -> dict[str, Any]:
    """The answer to a list query that names one object by its external id and data source: the object
    itself (the Python client reads it as a retrieve) holding the list envelope of it alone (the Node
    client reads it as a list)."""
    return {**item, key: [item], "cursor": None, "has_more": False}


def filtered(
    stmt: Select[Any],
    table: Table,
    data_source_uuid: str | None,
    external_id: str | None,
    with_disabled: bool,
) -> Select[Any]:
    """A list's query of `table` (line items, transactions) narrowed to a data source, an external id,
    and (unless `with_disabled`) the enabled records."""
    if data_source_uuid:
        ds = s.data_sources
        stmt = stmt.join(ds, ds.c.id == table.c.data_source_id).where(ds.c.uuid == data_source_uuid)
    if external_id:
        stmt = stmt.where(table.c.external_id == external_id)
    if not with_disabled:
        stmt = stmt.where(table.c.disabled == false())
    return stmt
