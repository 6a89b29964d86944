"""Writing invoices: the review of a batch against the data source, the bulk write, and the
subscription bookkeeping that follows it.

A batch goes through three typed steps: `check_invoice` (its own fields, no database: a
`CheckedInvoice`), `review_invoices` (plans resolved and external ids checked against the batch and the
store: a `Batch` of `PendingInvoice`s, each with its report), and `write_invoices` (bulk inserts; the
subscriptions the lines name are found or created: `Written`). The derived figures follow with
`derive.refresh`, which the caller runs once for every customer of its request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from mogul.server import wire
from mogul.server.domain import derive, subscription_events
from mogul.server.domain.base import Scope, duplicate_as
from mogul.server.domain.checks import CheckedInvoice, check_invoice
from mogul.store import schema as s
from mogul.store.bulk import among, insert_rows

# One invoice's outcome of a review, in the wire shape of a 422's `invoices` list.
Report = dict[str, Any]  # {"external_id": ..., "errors": {field: message}}


@dataclass(slots=True)
class PendingInvoice:
    """A well-formed invoice of a reviewed batch: for whom, its checked values, its report (passed
    when the report's `errors` stay empty)."""

    customer_id: int
    invoice: CheckedInvoice
    report: Report

    @property
    def passed(self) -> bool:
        return not self.report["errors"]


@dataclass
class Batch:
    """What one import will write into one data source."""

    data_source_id: int
    invoices: list[PendingInvoice] = field(default_factory=list)


@dataclass
class Written:
    """What `write_invoices` stored: the new invoices' uuids in batch order, and the whole subscription
    history of each customer that had no subscription before (derive then need not read it back)."""

    uuids: list[str] = field(default_factory=list)
    fresh: dict[int, derive.Fresh] = field(default_factory=dict)


def _taken(scope: Scope, table: Any, ds_id: int, external_ids: list[str]) -> set[str]:
    if not external_ids:
        return set()
    conn = scope.conn
    rows = conn.execute(
        select(table.c.external_id).where(
            table.c.data_source_id == ds_id, among(conn, table.c.external_id, external_ids)
        )
    )
    return {r.external_id for r in rows}


def review_invoices(
    scope: Scope,
    ds: Any,
    entries: list[tuple[Any, Any]],
    *,
    checked: list[tuple[CheckedInvoice, dict[str, str]]] | None = None,
    stored_invoices_excluded: bool = False,
) -> tuple[Batch, list[Report]]:
    """Check invoices bound for data source `ds`, each given with its customer row, without raising.

    `checked`, when given, holds each entry's own checks already made (`check_invoice`; a bulk import
    makes them before its write turn, naming plans by external id too). `stored_invoices_excluded` says
    the caller already set aside the invoices whose external id is stored (a bulk import matches them),
    so they are not looked up again. Returns the batch (every well-formed invoice with its report) and
    one report per entry; an entry passed when its `errors` is empty."""
    plans_by: dict[str, dict[str, int]] = {"plan_uuid": {}, "plan_external_id": {}}
    for r in scope.conn.execute(
        select(s.plans.c.uuid, s.plans.c.external_id, s.plans.c.id).where(s.plans.c.data_source_id == ds.id)
    ):
        plans_by["plan_uuid"][r.uuid] = r.id
        plans_by["plan_external_id"][r.external_id] = r.id
    batch = Batch(ds.id)
    reports: list[Report] = []
    # a data source fed by subscription events takes no invoices (subscription_events.py)
    fed_by_events = bool(subscription_events.fed_by_events(scope.conn, [ds.id]))
    # external ids of the batch so far: a later invoice may not use them again
    seen_invoices: set[str] = set()
    seen_lines: set[str] = set()
    seen_transactions: set[str] = set()
    for position, (customer, raw) in enumerate(entries):
        if not isinstance(raw, dict):
            reports.append({"external_id": None, "errors": {"invoice": "Each invoice must be an object."}})
            continue
        invoice, errors = checked[position] if checked is not None else check_invoice(raw)
        external_id = invoice.external_id
        if raw.get("data_source_uuid") not in (None, ds.uuid):
            errors.setdefault(
                "data_source_uuid", "The invoice's data source is not the customer's data source."
            )
        if fed_by_events:
            errors.setdefault("data_source_uuid", subscription_events.FED_BY_EVENTS)
        if raw.get("customer_external_id") not in (None, customer.external_id):
            errors.setdefault(
                "customer_external_id", "The customer external ID does not match this customer."
            )
        for n, line in enumerate(invoice.lines):
            plan_id = None
            if line.plan is not None:
                key, value = line.plan
                plan_id = plans_by[key].get(value)
                if plan_id is None:
                    errors.setdefault(
                        f"line_items[{n}].{key}", f"Plan {value} doesn't exist in this data source."
                    )
            line.values["plan_id"] = plan_id
        if external_id in seen_invoices:
            errors["external_id"] = wire.DUPLICATE_INVOICE
        line_ids = [v.values["external_id"] for v in invoice.lines if v.values["external_id"]]
        tran_ids = [v["external_id"] for v in invoice.transactions if v["external_id"]]
        if not seen_lines.isdisjoint(line_ids):
            errors["line_items.external_id"] = wire.DUPLICATE_LINE_ITEM
        if not seen_transactions.isdisjoint(tran_ids):
            errors["transactions.external_id"] = wire.DUPLICATE_TRANSACTION
        if external_id:
            seen_invoices.add(external_id)
        seen_lines.update(line_ids)
        seen_transactions.update(tran_ids)
        report = {"external_id": external_id, "errors": errors}
        reports.append(report)
        batch.invoices.append(PendingInvoice(customer.id, invoice, report))
    # Duplicates against what is already stored, checked in three queries for the whole batch.
    invoice_ids = (
        []
        if stored_invoices_excluded
        else [p.invoice.external_id for p in batch.invoices if p.invoice.external_id]
    )
    taken = {
        "external_id": (_taken(scope, s.invoices, ds.id, invoice_ids), wire.DUPLICATE_INVOICE),
        "line_items.external_id": (
            _taken(scope, s.line_items, ds.id, list(seen_lines)),
            wire.DUPLICATE_LINE_ITEM,
        ),
        "transactions.external_id": (
            _taken(scope, s.transactions, ds.id, list(seen_transactions)),
            wire.DUPLICATE_TRANSACTION,
        ),
    }
    if any(t for t, _ in taken.values()):
        for pending in batch.invoices:
            invoice = pending.invoice
            ids = {
                "external_id": {invoice.external_id},
                "line_items.external_id": {v.values["external_id"] for v in invoice.lines},
                "transactions.external_id": {v["external_id"] for v in invoice.transactions},
            }
            for key, (existing, message) in taken.items():
                if ids[key] & existing:
                    pending.report["errors"][key] = message
    return batch, reports


def check_invoices(scope: Scope, customer: Any, invoices: list[Any]) -> Batch:
    """Check a batch for `customer`; raise 422 with every invoice's errors if anything is wrong."""
    ds = scope.conn.execute(
        select(s.data_sources).where(s.data_sources.c.id == customer.data_source_id)
    ).one()
    batch, reports = review_invoices(scope, ds, [(customer, raw) for raw in invoices])
    if any(r["errors"] for r in reports):
        raise wire.ApiError(422, {"invoices": reports})
    return batch


def write_invoices(scope: Scope, batch: Batch) -> Written:
    """Insert a checked batch (any number of customers) with bulk statements."""
    if not batch.invoices:
        return Written()
    conn = scope.conn
    now = s.utcnow()
    base = {"account_id": scope.account.id, "data_source_id": batch.data_source_id}
    subs, fresh = subscriptions_for(scope, batch)
    uuids = wire.new_uuids("invoice", len(batch.invoices))
    # The checked values (this call's own) become the rows in place: a bulk import writes tens of
    # thousands, and insert_rows ignores the keys that are not columns.
    rows = []
    for uuid, pending in zip(uuids, batch.invoices, strict=True):
        row = pending.invoice.values
        row.update(base, uuid=uuid, customer_id=pending.customer_id, created_at=now)
        rows.append(row)
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_INVOICE})):
        insert_rows(conn, s.invoices, rows)
    ids = dict(
        conn.execute(
            select(s.invoices.c.uuid, s.invoices.c.id).where(among(conn, s.invoices.c.uuid, uuids))
        ).all()
    )
    invoices = [p.invoice for p in batch.invoices]
    line_rows, tran_rows = [], []
    line_uuids = iter(wire.new_uuids("line_item", sum(len(inv.lines) for inv in invoices)))
    tran_uuids = iter(wire.new_uuids("transaction", sum(len(inv.transactions) for inv in invoices)))
    for uuid, pending in zip(uuids, batch.invoices, strict=True):
        customer_id, invoice_id, invoice = pending.customer_id, ids[uuid], pending.invoice
        history = fresh.get(customer_id)
        for checked_line in invoice.lines:
            line = checked_line.values
            sub_ext = line.get("subscription_external_id")
            line.update(
                base,
                invoice_id=invoice_id,
                uuid=next(line_uuids),
                customer_id=customer_id,
                subscription_id=subs[customer_id, sub_ext] if sub_ext else None,
            )
            line_rows.append(line)
            if history is not None and line["type"] == "subscription":
                history.add_line(line["subscription_external_id"], line, invoice.values["currency"])
        for tran in invoice.transactions:
            tran.update(base, invoice_id=invoice_id, uuid=next(tran_uuids))
            tran_rows.append(tran)
    with duplicate_as(wire.invalid({"line_items.external_id": wire.DUPLICATE_LINE_ITEM})):
        insert_rows(conn, s.line_items, line_rows)
    with duplicate_as(wire.invalid({"transactions.external_id": wire.DUPLICATE_TRANSACTION})):
        insert_rows(conn, s.transactions, tran_rows)
    return Written(uuids, fresh)


def subscriptions_for(
    scope: Scope, batch: Batch
) -> tuple[dict[tuple[int, str], int], dict[int, derive.Fresh]]:
    """Subscription ids by (customer id, external id) for every subscription line of the batch, creating
    new ones; and the subscriptions of the batch's customers that had none before (all new, then)."""
    conn = scope.conn
    wanted: dict[tuple[int, str], tuple[str | None, list[Any]]] = {}
    for pending in batch.invoices:
        for checked_line in pending.invoice.lines:
            line = checked_line.values
            ext = line.get("subscription_external_id")
            if not ext:
                continue
            key = (pending.customer_id, ext)
            set_id, cancels = wanted.get(key, (None, []))
            if line.get("cancelled_at"):
                cancels.append(line["cancelled_at"])
            wanted[key] = (line.get("subscription_set_external_id") or set_id, cancels)
    sub = s.subscriptions
    customer_ids = list({p.customer_id for p in batch.invoices})
    stored = conn.execute(select(sub).where(among(conn, sub.c.customer_id, customer_ids))).all()
    fresh = {cid: derive.Fresh() for cid in set(customer_ids) - {r.customer_id for r in stored}}
    # a merged customer may hold another data source's subscription of the same external id
    existing = {
        (r.customer_id, r.external_id): r
        for r in stored
        if (r.customer_id, r.external_id) in wanted and r.data_source_id == batch.data_source_id
    }
    missing = [(key, made) for key, made in wanted.items() if key not in existing]
    now = s.utcnow()
    new_rows: list[dict[str, Any]] = [
        {
            "account_id": scope.account.id,
            "data_source_id": batch.data_source_id,
            "customer_id": cid,
            "uuid": uuid,
            "metrics_uuid": metrics_uuid,
            "external_id": ext,
            "subscription_set_external_id": set_id,
            "cancellation_dates": sorted(wire.fmt_ms(c) for c in cancels),
            "created_at": now,
        }
        for ((cid, ext), (set_id, cancels)), uuid, metrics_uuid in zip(
            missing,
            wire.new_uuids("subscription", len(missing)),
            wire.new_uuids(None, len(missing)),
            strict=True,
        )
    ]
    insert_rows(conn, sub, new_rows)
    for key, (set_id, cancels) in wanted.items():
        row = existing.get(key)
        if row is None:
            continue
        values: dict[str, Any] = {}
        if set_id and set_id != row.subscription_set_external_id:
            values["subscription_set_external_id"] = set_id
        if cancels:
            values["cancellation_dates"] = sorted(
                {*row.cancellation_dates, *(wire.fmt_ms(c) for c in cancels)}
            )
        if values:
            conn.execute(sub.update().where(sub.c.id == row.id).values(**values))
    made: dict[Any, int] = {}  # new subscriptions: id by uuid
    if new_rows:
        new_uuids = [r["uuid"] for r in new_rows]
        made = dict(
            conn.execute(select(sub.c.uuid, sub.c.id).where(among(conn, sub.c.uuid, new_uuids))).all()
        )
    ids = {key: row.id for key, row in existing.items()}
    for r in new_rows:
        ids[r["customer_id"], r["external_id"]] = made[r["uuid"]]
        if r["customer_id"] in fresh:
            fresh[r["customer_id"]].add_subscription(made[r["uuid"]], r)
    return ids, fresh
