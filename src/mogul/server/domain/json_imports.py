"""Bulk JSON imports: customers, plans, invoices (with line items and transactions) in one request.

`POST /data_sources/{uuid}/json_imports` is processed within the request, in one transaction, and
answers with status `completed` and per-object outcomes in `status_details`:

    {"customers": {"created": 2, "matched": 1, "failed": 0}, "plans": {...}, "invoices": {...},
     "line_items": {...}, "transactions": {...},
     "errors": [{"object": "invoice", "index": 3, "external_id": "inv_4", "errors": {"currency": "..."}}]}

Objects are independent: a bad one fails alone and the rest are written. Customers, plans and invoices
whose external id is already stored in the data source are matched (counted, not written again), so
sending the same import twice leaves the same data as sending it once; that is what makes an
interrupted bulk import safe to resume. Rows are written with one bulk statement per table, and
derived state (status, MRR, activities) is recomputed once per customer that got new invoices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select

from mogul.server import wire
from mogul.server.domain import derive
from mogul.server.domain.base import Scope, find, object_body
from mogul.server.domain.checks import CheckedInvoice, check_customer, check_invoice, check_plan
from mogul.server.domain.fields import Fields
from mogul.server.domain.invoice_writes import Batch, review_invoices, write_invoices
from mogul.store import schema as s
from mogul.store.bulk import among, insert_rows

# Per-request limits: one import is one write transaction, and other writers wait for it.
MAX_OBJECTS = {
    "customers": 1000,
    "plans": 1000,
    "invoices": 1000,
    "line_items": 10000,
    "transactions": 10000,
}
KINDS = ("customers", "plans", "invoices", "line_items", "transactions")
OBJECT_NAMES = {
    "customers": "customer",
    "plans": "plan",
    "invoices": "invoice",
    "line_items": "line_item",
    "transactions": "transaction",
}


class _Outcome:
    """Counts per kind of object, and the errors of the failed ones."""

    def __init__(self) -> None:
        self.counts = {kind: {"created": 0, "matched": 0, "failed": 0} for kind in KINDS}
        self.errors: list[dict[str, Any]] = []

    def fail(self, kind: str, index: int, external_id: Any, errors: dict[str, str]) -> None:
        self.counts[kind]["failed"] += 1
        self.errors.append(
            {
                "object": OBJECT_NAMES[kind],
                "index": index,
                "external_id": external_id if isinstance(external_id, str) else None,
                "errors": errors,
            }
        )

    def details(self) -> dict[str, Any]:
        return {**self.counts, "errors": self.errors}


def _arrays(body: dict[str, Any], limited: bool) -> dict[str, list[Any]]:
    arrays: dict[str, list[Any]] = {}
    errors: dict[str, str] = {}
    for kind in KINDS:
        value = body.get(kind)
        if value is None:
            arrays[kind] = []
        elif not isinstance(value, list):
            errors[kind] = f"{kind} must be an array of objects."
        elif limited and len(value) > MAX_OBJECTS[kind]:
            errors[kind] = (
                f"One import takes at most {MAX_OBJECTS[kind]} {kind}, got {len(value)}; "
                "split them over several imports."
            )
        else:
            arrays[kind] = value
    if errors:
        raise wire.invalid(errors)
    return arrays


def _existing(scope: Scope, table: Any, ds_id: int, external_ids: list[str]) -> dict[str, Any]:
    """Stored rows of `table` in the data source by external id: their id, external id and (invoices)
    customer id, which is all an import needs of them."""
    if not external_ids:
        return {}
    columns = [table.c.id, table.c.external_id]
    if "customer_id" in table.c:
        columns.append(table.c.customer_id)
    query = select(*columns).where(
        table.c.data_source_id == ds_id, among(scope.conn, table.c.external_id, external_ids)
    )
    return {r.external_id: r for r in scope.conn.execute(query).all()}


def _check_rows(
    kind: str,
    items: list[Any],
    check: Callable[[Any], tuple[dict[str, Any], dict[str, str]]],
    duplicate: str,
    outcome: _Outcome,
) -> list[dict[str, Any]]:
    """Customers or plans: the values of each that passes its checks (an external id repeated within
    the import fails); the others are failures in `outcome`."""
    checked: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, raw in enumerate(items):
        values, errors = check(raw)
        ext = values.get("external_id")
        if not errors and ext is not None and ext in seen:
            errors = {"external_id": duplicate}
        if errors:
            outcome.fail(kind, index, raw.get("external_id") if isinstance(raw, dict) else None, errors)
            continue
        if ext is not None:
            seen.add(ext)
        checked.append(values)
    return checked


def _import_rows(scope: Scope, ds: Any, kind: str, checked: list[dict[str, Any]], outcome: _Outcome) -> None:
    """Checked customers or plans: match the stored ones, insert the new ones in one statement."""
    table = s.customers if kind == "customers" else s.plans
    stored = _existing(scope, table, ds.id, [v["external_id"] for v in checked if v["external_id"]])
    now = s.utcnow()
    rows = []
    for values in checked:
        if values["external_id"] in stored:
            outcome.counts[kind]["matched"] += 1
            continue
        row = values | {"account_id": scope.account.id, "data_source_id": ds.id, "created_at": now}
        if kind == "customers":
            row["mrr"] = 0
        rows.append(row)
    uuids = wire.new_uuids("customer" if kind == "customers" else "plan", len(rows))
    for row, uuid in zip(rows, uuids, strict=True):
        row["uuid"] = uuid
        if row["external_id"] is None:
            # Without an external id ChartMogul uses the uuid without its `pl_` prefix.
            row["external_id"] = wire.strip_prefix(uuid)
    insert_rows(scope.conn, table, rows)
    outcome.counts[kind]["created"] += len(rows)


def _attach(arrays: dict[str, list[Any]], outcome: _Outcome) -> list[Any]:
    """The invoices with the top-level `line_items` and `transactions` (each naming its invoice by
    `invoice_external_id`) moved inside them."""
    if not arrays["line_items"] and not arrays["transactions"]:
        return arrays["invoices"]
    invoices: list[Any] = [dict(raw) if isinstance(raw, dict) else raw for raw in arrays["invoices"]]
    by_external_id = {
        inv["external_id"]: inv
        for inv in invoices
        if isinstance(inv, dict) and isinstance(inv.get("external_id"), str)
    }
    for kind in ("line_items", "transactions"):
        for index, raw in enumerate(arrays[kind]):
            if not isinstance(raw, dict):
                outcome.fail(kind, index, None, {OBJECT_NAMES[kind]: "Each entry must be an object."})
                continue
            ext = raw.get("invoice_external_id")
            invoice = by_external_id.get(ext) if isinstance(ext, str) else None
            if invoice is None:
                message = f"invoice_external_id {ext!r} is not an invoice of this import."
                outcome.fail(kind, index, raw.get("external_id"), {"invoice_external_id": message})
                continue
            nested = invoice.get(kind)
            invoice[kind] = [*(nested if isinstance(nested, list) else []), raw]
    for inv in invoices:
        if isinstance(inv, dict):
            for kind in ("line_items", "transactions"):
                if isinstance(inv.get(kind), list):
                    inv[kind] = [
                        {k: v for k, v in item.items() if k != "invoice_external_id"}
                        if isinstance(item, dict)
                        else item
                        for item in inv[kind]
                    ]
    return invoices


def _size(invoice: Any, kind: str) -> int:
    value = invoice.get(kind) if isinstance(invoice, dict) else None
    return len(value) if isinstance(value, list) else 0


def _import_invoices(
    scope: Scope,
    ds: Any,
    invoices: list[Any],
    checked: list[tuple[CheckedInvoice, dict[str, str]] | None],
    outcome: _Outcome,
) -> tuple[set[int], dict[int, derive.Fresh]]:
    """Match and write the invoices (`checked`: each one's own checks, None for one that is not an
    object); returns the ids of customers that got new invoices, and the histories the write made
    whole (`write_invoices`)."""
    counts = outcome.counts

    def fail(index: int, raw: Any, errors: dict[str, str]) -> None:
        outcome.fail("invoices", index, raw.get("external_id") if isinstance(raw, dict) else None, errors)
        counts["line_items"]["failed"] += _size(raw, "line_items")
        counts["transactions"]["failed"] += _size(raw, "transactions")

    refs = [inv.get("customer_external_id") for inv in invoices if isinstance(inv, dict)]
    customers = _existing(scope, s.customers, ds.id, [r for r in refs if isinstance(r, str)])
    stored = _existing(
        scope,
        s.invoices,
        ds.id,
        [
            inv["external_id"]
            for inv in invoices
            if isinstance(inv, dict) and isinstance(inv.get("external_id"), str)
        ],
    )
    entries: list[tuple[Any, Any]] = []
    own_checks: list[tuple[CheckedInvoice, dict[str, str]]] = []
    positions: list[int] = []
    for index, (raw, own) in enumerate(zip(invoices, checked, strict=True)):
        if own is None:
            fail(index, raw, {"invoice": "Each invoice must be an object."})
            continue
        ref = raw.get("customer_external_id")
        customer = customers.get(ref) if isinstance(ref, str) else None
        if customer is None:
            message = (
                "customer_external_id is required."
                if ref is None
                else f"Customer {ref} doesn't exist in this data source."
            )
            fail(index, raw, {"customer_external_id": message})
            continue
        ext = raw.get("external_id")
        existing = stored.get(ext) if isinstance(ext, str) else None
        if existing is not None:
            if existing.customer_id == customer.id:
                counts["invoices"]["matched"] += 1
                counts["line_items"]["matched"] += _size(raw, "line_items")
                counts["transactions"]["matched"] += _size(raw, "transactions")
            else:
                fail(index, raw, {"external_id": wire.DUPLICATE_INVOICE})
            continue
        entries.append((customer, raw))
        own_checks.append(own)
        positions.append(index)
    batch, reports = review_invoices(scope, ds, entries, checked=own_checks, stored_invoices_excluded=True)
    for index, (_, raw), report in zip(positions, entries, reports, strict=True):
        if report["errors"]:
            fail(index, raw, report["errors"])
    good = Batch(ds.id, [pending for pending in batch.invoices if pending.passed])
    written = write_invoices(scope, good)
    counts["invoices"]["created"] += len(good.invoices)
    counts["line_items"]["created"] += sum(len(p.invoice.lines) for p in good.invoices)
    counts["transactions"]["created"] += sum(len(p.invoice.transactions) for p in good.invoices)
    return {p.customer_id for p in good.invoices}, written.fresh


def _serialize(row: Any, ds_uuid: str) -> dict[str, Any]:
    return {
        "id": row.uuid,
        "data_source_uuid": ds_uuid,
        "status": row.status,
        "external_id": row.external_id,
        "status_details": row.status_details,
        "created_at": wire.fmt_ms(row.created_at),
        "updated_at": wire.fmt_ms(row.updated_at),
    }


@dataclass
class Prepared:
    """An import's checks that need no database, made before its write turn begins."""

    error: wire.ApiError | None = None
    external_id: str | None = None
    outcome: _Outcome = field(default_factory=_Outcome)
    plans: list[dict[str, Any]] = field(default_factory=list)
    customers: list[dict[str, Any]] = field(default_factory=list)
    invoices: list[Any] = field(default_factory=list)
    checked: list[tuple[CheckedInvoice, dict[str, str]] | None] = field(default_factory=list)


def prepare(body: Any, *, limited: bool = True) -> Prepared:
    """The checks that need no database, run before the write turn (never raising: an error found is
    kept for `create` to raise after its 404s). `limited=False` lifts the per-request limits (a
    sandbox seed, which writes a whole bundle in one transaction, see `domain.bundles`)."""
    prepared = Prepared()
    try:
        f = Fields(object_body(body))
        prepared.external_id = f.string("external_id", max_len=255)
        f.check()
        arrays = _arrays(f.data, limited)
    except wire.ApiError as exc:
        prepared.error = exc
        return prepared
    outcome = prepared.outcome
    prepared.plans = _check_rows("plans", arrays["plans"], check_plan, wire.DUPLICATE_PLAN, outcome)
    prepared.customers = _check_rows(
        "customers", arrays["customers"], check_customer, wire.DUPLICATE_CUSTOMER, outcome
    )
    prepared.invoices = _attach(arrays, outcome)
    prepared.checked = [
        check_invoice(raw, plan_external_ids=True) if isinstance(raw, dict) else None
        for raw in prepared.invoices
    ]
    return prepared


def write(scope: Scope, ds: Any, prepared: Prepared) -> dict[str, Any]:
    """Write a prepared import (without an error) into data source row `ds` and recompute the customers
    that got invoices; returns its `status_details`."""
    outcome = prepared.outcome
    _import_rows(scope, ds, "plans", prepared.plans, outcome)
    _import_rows(scope, ds, "customers", prepared.customers, outcome)
    changed, fresh = _import_invoices(scope, ds, prepared.invoices, prepared.checked, outcome)
    derive.refresh(scope.conn, scope.account, changed, lines_removed=False, fresh=fresh)
    return outcome.details()


def create(scope: Scope, data_source_uuid: str, prepared: Prepared) -> dict[str, Any]:
    """`POST /data_sources/{uuid}/json_imports`, in the request's one write transaction."""
    ds = find(scope, s.data_sources, data_source_uuid, "Data source")
    if prepared.error is not None:
        raise prepared.error
    details = write(scope, ds, prepared)
    now = s.utcnow()
    uuid = wire.new_uuid()
    scope.conn.execute(
        insert(s.json_imports).values(
            account_id=scope.account.id,
            data_source_id=ds.id,
            uuid=uuid,
            external_id=prepared.external_id,
            status="completed",
            status_details=details,
            created_at=now,
            updated_at=now,
        )
    )
    row = scope.conn.execute(select(s.json_imports).where(s.json_imports.c.uuid == uuid)).one()
    return _serialize(row, ds.uuid)


def retrieve(scope: Scope, data_source_uuid: str, import_id: str) -> dict[str, Any]:
    ds = find(scope, s.data_sources, data_source_uuid, "Data source")
    row = scope.conn.execute(
        select(s.json_imports).where(
            s.json_imports.c.data_source_id == ds.id, s.json_imports.c.uuid == import_id
        )
    ).first()
    if row is None:
        raise wire.not_found("Import")
    return _serialize(row, ds.uuid)
