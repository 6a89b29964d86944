"""Invoices with their line items and transactions: import, list, retrieve, delete; import a transaction.

An import batch is all or nothing: every invoice is checked first and a batch with any problem answers
422 with each invoice's errors, storing nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select
from starlette.responses import Response

from mogul.server import wire
from mogul.server.domain import derive
from mogul.server.domain.base import duplicate_as, find
from mogul.server.domain.checks import check_invoice, check_transaction
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import paginate
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content
from mogul.store import schema as s
from mogul.store.bulk import among, insert_rows

api = Api()

# -- reading --------------------------------------------------------------------------------------------


def _serialize_line_item(li: Any) -> dict[str, Any]:
    common = {
        "uuid": li.uuid,
        "external_id": li.external_id,
        "type": li.type,
        "amount_in_cents": li.amount_in_cents,
        "quantity": li.quantity,
        "discount_code": li.discount_code,
        "discount_amount_in_cents": li.discount_amount_in_cents,
        "tax_amount_in_cents": li.tax_amount_in_cents,
        "transaction_fees_in_cents": li.transaction_fees_in_cents,
        "account_code": li.account_code,
        "transaction_fees_currency": li.transaction_fees_currency,
        "discount_description": li.discount_description,
        "event_order": li.event_order,
    }
    if li.type == "one_time":
        return common | {"description": li.description, "plan_uuid": li.plan_uuid, "balance_transfer": None}
    out = common | {
        "subscription_uuid": li.subscription_uuid,
        "subscription_external_id": li.subscription_external_id,
        "prorated": li.prorated,
        "proration_type": li.proration_type,
        "service_period_start": wire.fmt_ms(li.service_period_start),
        "service_period_end": wire.fmt_ms(li.service_period_end),
        "plan_uuid": li.plan_uuid,
    }
    if li.subscription_set_external_id is not None:
        out["subscription_set_external_id"] = li.subscription_set_external_id
    return out


def serialize_transaction(tr: Any) -> dict[str, Any]:
    return {
        "uuid": tr.uuid,
        "external_id": tr.external_id,
        "type": tr.type,
        "date": wire.fmt_ms(tr.date),
        "result": tr.result,
        "amount_in_cents": tr.amount_in_cents,
        "transaction_fees_in_cents": tr.transaction_fees_in_cents,
        "transaction_fees_currency": tr.transaction_fees_currency,
    }


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


def serialize_invoices(call: Call, rows: list[Any], *, with_customer: bool) -> list[dict[str, Any]]:
    """Invoices with their line items and transactions, read in two queries for the whole page."""
    ids = [r.id for r in rows]
    items: dict[int, list[Any]] = defaultdict(list)
    trans: dict[int, list[Any]] = defaultdict(list)
    if ids:
        li, sub, pl = s.line_items, s.subscriptions, s.plans
        for row in call.conn.execute(
            select(
                li,
                sub.c.uuid.label("subscription_uuid"),
                sub.c.external_id.label("subscription_external_id"),
                sub.c.subscription_set_external_id.label("set_external_id"),
                pl.c.uuid.label("plan_uuid"),
            )
            .outerjoin(sub, sub.c.id == li.c.subscription_id)
            .outerjoin(pl, pl.c.id == li.c.plan_id)
            .where(li.c.invoice_id.in_(ids))
            .order_by(li.c.id)
        ):
            items[row.invoice_id].append(_LineItemView(row))
        for row in call.conn.execute(
            select(s.transactions).where(s.transactions.c.invoice_id.in_(ids)).order_by(s.transactions.c.id)
        ):
            trans[row.invoice_id].append(row)
    out = []
    for r in rows:
        body: dict[str, Any] = {
            "uuid": r.uuid,
            "external_id": r.external_id,
            "date": wire.fmt_ms(r.date),
            "due_date": wire.fmt_ms(r.due_date),
            "currency": r.currency,
            "collection_method": r.collection_method,
            "line_items": [_serialize_line_item(li) for li in items[r.id]],
            "transactions": [serialize_transaction(t) for t in trans[r.id]],
            "errors": {},
        }
        if with_customer:
            body |= {
                "customer_uuid": r.customer_uuid,
                "customer_external_id": r.customer_external_id,
                "data_source_uuid": r.ds_uuid,
            }
        out.append(body)
    return out


class _LineItemView:
    """A line-item row with its subscription's set id (stored on the subscription, shown on the line)."""

    def __init__(self, row: Any) -> None:
        self._row = row
        self.subscription_set_external_id = row.set_external_id if row.type == "subscription" else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


def _invoice_page(call: Call, stmt: Any) -> Any:
    i = s.invoices
    return paginate(call.conn, call.page(), stmt, [i.c.date, i.c.id], descending=True)


@api.get("/invoices")
def list_(call: Call) -> Response:
    i = s.invoices
    stmt = _select_invoices().where(i.c.account_id == call.account.id)
    if (customer := call.param("customer_uuid")) is not None:
        stmt = stmt.where(s.customers.c.uuid == customer)
    if (ds := call.param("data_source_uuid")) is not None:
        stmt = stmt.where(s.data_sources.c.uuid == ds)
    if (external_id := call.param("external_id")) is not None:
        stmt = stmt.where(i.c.external_id == external_id)
    page = _invoice_page(call, stmt)
    return json_response(
        {
            "invoices": serialize_invoices(call, page.rows, with_customer=True),
            **page.legacy(),
            "cursor": page.cursor,
            "has_more": page.has_more,
        }
    )


@api.get("/import/customers/{uuid}/invoices")
def list_for_customer(call: Call) -> Response:
    customer = find(call.scope, s.customers, call.path["uuid"], "Customer")
    page = _invoice_page(call, _select_invoices().where(s.invoices.c.customer_id == customer.id))
    return json_response(
        {
            "customer_uuid": customer.uuid,
            "invoices": serialize_invoices(call, page.rows, with_customer=False),
            **page.legacy(),
            "cursor": page.cursor,
            "has_more": page.has_more,
        }
    )


def _one(call: Call, uuid: str) -> Any:
    row = call.conn.execute(
        _select_invoices().where(s.invoices.c.uuid == uuid, s.invoices.c.account_id == call.account.id)
    ).first()
    if row is None:
        raise wire.not_found("Invoice")
    return row


@api.get("/invoices/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(serialize_invoices(call, [_one(call, call.path["uuid"])], with_customer=True)[0])


def _delete_invoices(call: Call, where: Any) -> int:
    rows = call.conn.execute(
        select(s.invoices.c.id, s.invoices.c.customer_id).where(
            s.invoices.c.account_id == call.account.id, where
        )
    ).all()
    if rows:
        call.conn.execute(delete(s.invoices).where(s.invoices.c.id.in_([r.id for r in rows])))
        derive.refresh(call.conn, call.account, {r.customer_id for r in rows})
    return len(rows)


@api.delete("/invoices/{uuid}")
def destroy(call: Call) -> Response:
    if not _delete_invoices(call, s.invoices.c.uuid == call.path["uuid"]):
        raise wire.not_found("Invoice")
    return no_content()


@api.delete("/invoices")
def destroy_by_external_id(call: Call) -> Response:
    ds_uuid, external_id = call.param("data_source_uuid"), call.param("external_id")
    if not ds_uuid:
        raise wire.param_missing("data_source_uuid")
    if not external_id:
        raise wire.param_missing("external_id")
    ds = find(call.scope, s.data_sources, ds_uuid, "Data source")
    where = (s.invoices.c.data_source_id == ds.id) & (s.invoices.c.external_id == external_id)
    if not _delete_invoices(call, where):
        raise wire.not_found("Invoice")
    return no_content()


@api.delete("/data_sources/{ds}/customers/{customer}/invoices")
def destroy_all(call: Call) -> Response:
    ds = find(call.scope, s.data_sources, call.path["ds"], "Data source")
    customer = find(call.scope, s.customers, call.path["customer"], "Customer")
    _delete_invoices(call, (s.invoices.c.data_source_id == ds.id) & (s.invoices.c.customer_id == customer.id))
    return no_content()


# -- importing ------------------------------------------------------------------------------------------


@dataclass
class Batch:
    """What one import will write into one data source, after every check has passed: invoice values
    (each with its `customer_id`), each with its checked line items under `_lines` and transactions
    under `_trans`."""

    data_source_id: int
    invoices: list[dict[str, Any]] = field(default_factory=list)


def _taken(call: Call, table: Any, ds_id: int, external_ids: list[str]) -> set[str]:
    if not external_ids:
        return set()
    rows = call.conn.execute(
        select(table.c.external_id).where(
            table.c.data_source_id == ds_id, among(call.conn, table.c.external_id, external_ids)
        )
    )
    return {r.external_id for r in rows}


def review_invoices(
    call: Call,
    ds: Any,
    entries: list[tuple[Any, Any]],
    *,
    checked: list[tuple[dict[str, Any], dict[str, str]]] | None = None,
    stored_invoices_excluded: bool = False,
) -> tuple[Batch, list[dict[str, Any]]]:
    """Check invoices bound for data source `ds`, each given with its customer row, without raising.

    `checked`, when given, holds each entry's own checks already made (`check_invoice`; a bulk import
    makes them before its write turn, naming plans by external id too). `stored_invoices_excluded` says
    the caller already set aside the invoices whose external id is stored (a bulk import matches them),
    so they are not looked up again. Returns the batch (every
    well-formed invoice, each with its report under `_report`) and one report `{"external_id",
    "errors"}` per entry; an entry passed when its `errors` is empty."""
    plans_by: dict[str, dict[str, int]] = {"plan_uuid": {}, "plan_external_id": {}}
    for r in call.conn.execute(
        select(s.plans.c.uuid, s.plans.c.external_id, s.plans.c.id).where(s.plans.c.data_source_id == ds.id)
    ):
        plans_by["plan_uuid"][r.uuid] = r.id
        plans_by["plan_external_id"][r.external_id] = r.id
    batch = Batch(ds.id)
    reports: list[dict[str, Any]] = []
    # external ids of the batch so far: a later invoice may not use them again
    seen_invoices: set[str] = set()
    seen_lines: set[str] = set()
    seen_transactions: set[str] = set()
    for position, (customer, raw) in enumerate(entries):
        if not isinstance(raw, dict):
            reports.append({"external_id": None, "errors": {"invoice": "Each invoice must be an object."}})
            continue
        invoice, errors = checked[position] if checked is not None else check_invoice(raw)
        external_id = invoice["external_id"]
        if raw.get("data_source_uuid") not in (None, ds.uuid):
            errors.setdefault(
                "data_source_uuid", "The invoice's data source is not the customer's data source."
            )
        if raw.get("customer_external_id") not in (None, customer.external_id):
            errors.setdefault(
                "customer_external_id", "The customer external ID does not match this customer."
            )
        lines, transactions = invoice["_lines"], invoice["_trans"]
        for n, line in enumerate(lines):
            reference = line.pop("_plan")
            plan_id = None
            if reference is not None:
                key, value = reference
                plan_id = plans_by[key].get(value)
                if plan_id is None:
                    errors.setdefault(
                        f"line_items[{n}].{key}", f"Plan {value} doesn't exist in this data source."
                    )
            line["plan_id"] = plan_id
        if external_id in seen_invoices:
            errors["external_id"] = wire.DUPLICATE_INVOICE
        line_ids = [v["external_id"] for v in lines if v["external_id"]]
        tran_ids = [v["external_id"] for v in transactions if v["external_id"]]
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
        # (the checked values are this call's own: completed in place)
        invoice["customer_id"] = customer.id
        invoice["_report"] = report
        batch.invoices.append(invoice)
    # Duplicates against what is already stored, checked in three queries for the whole batch.
    invoice_ids = (
        [] if stored_invoices_excluded else [i["external_id"] for i in batch.invoices if i["external_id"]]
    )
    taken = {
        "external_id": (_taken(call, s.invoices, ds.id, invoice_ids), wire.DUPLICATE_INVOICE),
        "line_items.external_id": (
            _taken(call, s.line_items, ds.id, list(seen_lines)),
            wire.DUPLICATE_LINE_ITEM,
        ),
        "transactions.external_id": (
            _taken(call, s.transactions, ds.id, list(seen_transactions)),
            wire.DUPLICATE_TRANSACTION,
        ),
    }
    if any(t for t, _ in taken.values()):
        for invoice in batch.invoices:
            ids = {
                "external_id": {invoice["external_id"]},
                "line_items.external_id": {v["external_id"] for v in invoice["_lines"]},
                "transactions.external_id": {v["external_id"] for v in invoice["_trans"]},
            }
            for key, (existing, message) in taken.items():
                if ids[key] & existing:
                    invoice["_report"]["errors"][key] = message
    return batch, reports


def check_invoices(call: Call, customer: Any, invoices: list[Any]) -> Batch:
    """Check a batch for `customer`; raise 422 with every invoice's errors if anything is wrong."""
    ds = call.conn.execute(select(s.data_sources).where(s.data_sources.c.id == customer.data_source_id)).one()
    batch, reports = review_invoices(call, ds, [(customer, raw) for raw in invoices])
    if any(r["errors"] for r in reports):
        raise wire.ApiError(422, {"invoices": reports})
    return batch


@dataclass
class Written:
    """What `write_invoices` stored: the new invoices' uuids in batch order, and the whole subscription
    history of each customer that had no subscription before (derive then need not read it back)."""

    uuids: list[str] = field(default_factory=list)
    fresh: dict[int, derive.Fresh] = field(default_factory=dict)


def write_invoices(call: Call, batch: Batch) -> Written:
    """Insert a checked batch (any number of customers) with bulk statements."""
    if not batch.invoices:
        return Written()
    now = s.utcnow()
    base = {"account_id": call.account.id, "data_source_id": batch.data_source_id}
    subs, fresh = _subscriptions_for(call, batch)
    uuids = wire.new_uuids("invoice", len(batch.invoices))
    # The checked values (this call's own) become the rows in place: a bulk import writes tens of
    # thousands, and insert_rows ignores the keys that are not columns.
    for uuid, inv in zip(uuids, batch.invoices, strict=True):
        inv.update(base, uuid=uuid, created_at=now)
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_INVOICE})):
        insert_rows(call.conn, s.invoices, batch.invoices)
    ids = dict(
        call.conn.execute(
            select(s.invoices.c.uuid, s.invoices.c.id).where(among(call.conn, s.invoices.c.uuid, uuids))
        ).all()
    )
    line_rows, tran_rows = [], []
    line_uuids = iter(wire.new_uuids("line_item", sum(len(inv["_lines"]) for inv in batch.invoices)))
    tran_uuids = iter(wire.new_uuids("transaction", sum(len(inv["_trans"]) for inv in batch.invoices)))
    for uuid, inv in zip(uuids, batch.invoices, strict=True):
        customer_id, invoice_id = inv["customer_id"], ids[uuid]
        history = fresh.get(customer_id)
        for line in inv["_lines"]:
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
                history.add_line(sub_ext, line, inv["currency"])
        for tran in inv["_trans"]:
            tran.update(base, invoice_id=invoice_id, uuid=next(tran_uuids))
            tran_rows.append(tran)
    with duplicate_as(wire.invalid({"line_items.external_id": wire.DUPLICATE_LINE_ITEM})):
        insert_rows(call.conn, s.line_items, line_rows)
    with duplicate_as(wire.invalid({"transactions.external_id": wire.DUPLICATE_TRANSACTION})):
        insert_rows(call.conn, s.transactions, tran_rows)
    return Written(uuids, fresh)


def _subscriptions_for(
    call: Call, batch: Batch
) -> tuple[dict[tuple[int, str], int], dict[int, derive.Fresh]]:
    """Subscription ids by (customer id, external id) for every subscription line of the batch, creating
    new ones; and the subscriptions of the batch's customers that had none before (all new, then)."""
    wanted: dict[tuple[int, str], tuple[str | None, list[Any]]] = {}
    for inv in batch.invoices:
        for line in inv["_lines"]:
            ext = line.get("subscription_external_id")
            if not ext:
                continue
            key = (inv["customer_id"], ext)
            set_id, cancels = wanted.get(key, (None, []))
            if line.get("cancelled_at"):
                cancels.append(line["cancelled_at"])
            wanted[key] = (line.get("subscription_set_external_id") or set_id, cancels)
    sub = s.subscriptions
    customer_ids = list({inv["customer_id"] for inv in batch.invoices})
    stored = call.conn.execute(select(sub).where(among(call.conn, sub.c.customer_id, customer_ids))).all()
    fresh = {cid: derive.Fresh() for cid in set(customer_ids) - {r.customer_id for r in stored}}
    existing = {(r.customer_id, r.external_id): r for r in stored if (r.customer_id, r.external_id) in wanted}
    missing = [(key, made) for key, made in wanted.items() if key not in existing]
    now = s.utcnow()
    new_rows = [
        {
            "account_id": call.account.id,
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
    insert_rows(call.conn, sub, new_rows)
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
            call.conn.execute(sub.update().where(sub.c.id == row.id).values(**values))
    made: dict[Any, int] = {}  # new subscriptions: id by uuid
    if new_rows:
        new_uuids = [r["uuid"] for r in new_rows]
        made = dict(
            call.conn.execute(
                select(sub.c.uuid, sub.c.id).where(among(call.conn, sub.c.uuid, new_uuids))
            ).all()
        )
    ids = {key: row.id for key, row in existing.items()}
    for r in new_rows:
        ids[r["customer_id"], r["external_id"]] = made[r["uuid"]]
        if r["customer_id"] in fresh:
            fresh[r["customer_id"]].add_subscription(made[r["uuid"]], r)
    return ids, fresh


@api.post("/import/customers/{uuid}/invoices")
def import_(call: Call) -> Response:
    customer = find(call.scope, s.customers, call.path["uuid"], "Customer")
    body = call.object_body()
    if "invoices" not in body:
        raise wire.param_missing("invoices")
    if not isinstance(body["invoices"], list):
        raise wire.invalid({"invoices": "invoices must be an array of invoice objects."})
    batch = check_invoices(call, customer, body["invoices"])
    written = write_invoices(call, batch)
    derive.refresh(call.conn, call.account, {customer.id}, lines_removed=False, fresh=written.fresh)
    rows = call.conn.execute(
        _select_invoices().where(s.invoices.c.uuid.in_(written.uuids)).order_by(s.invoices.c.id)
    ).all()
    return json_response({"invoices": serialize_invoices(call, list(rows), with_customer=False)}, 201)


@api.post("/import/invoices/{uuid}/transactions")
def import_transaction(call: Call) -> Response:
    invoice = find(call.scope, s.invoices, call.path["uuid"], "Invoice")
    f = Fields(call.object_body())
    values = check_transaction(f)
    f.check()
    uuid = wire.new_uuid("transaction")
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_TRANSACTION})):
        call.conn.execute(
            insert(s.transactions).values(
                account_id=call.account.id,
                data_source_id=invoice.data_source_id,
                invoice_id=invoice.id,
                uuid=uuid,
                **values,
            )
        )
    row = call.conn.execute(select(s.transactions).where(s.transactions.c.uuid == uuid)).one()
    return json_response(serialize_transaction(row), 201)
