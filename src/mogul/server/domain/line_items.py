"""Line items on their own: import one onto an invoice, retrieve, list, update, disable or enable, delete,
by uuid or by external id within a data source.

Each write changes its customer's subscriptions and MRR, so it goes through `derive.refresh`, which
recomputes the customer and invalidates the metrics' cached activity log in the same transaction. The
subscription a line item names is found or made as an invoice import does (`invoice_writes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from mogul.server import wire
from mogul.server.domain import derive, query, record_states
from mogul.server.domain.base import ExternalRef, Ref, Scope, duplicate_as, find, locate, object_body
from mogul.server.domain.checks import CheckedInvoice, CheckedLine, check_line_item
from mogul.server.domain.fields import Fields
from mogul.server.domain.invoice_writes import Batch, PendingInvoice, subscriptions_for
from mogul.server.domain.paging import PageRequest, paginate
from mogul.store import schema as s
from mogul.store.bulk import insert_rows

WHAT = "Line item"
# the subscription columns a one-time line item leaves empty
_SUBSCRIPTION_COLUMNS = ("service_period_start", "service_period_end", "cancelled_at")


def select_lines() -> Any:
    """Line items with their subscription's uuid, external id and set, and their plan's uuid."""
    li, sub, pl = s.line_items, s.subscriptions, s.plans
    return (
        select(
            li,
            sub.c.uuid.label("subscription_uuid"),
            sub.c.external_id.label("subscription_external_id"),
            sub.c.subscription_set_external_id.label("set_external_id"),
            pl.c.uuid.label("plan_uuid"),
        )
        .outerjoin(sub, sub.c.id == li.c.subscription_id)
        .outerjoin(pl, pl.c.id == li.c.plan_id)
    )


def serialize(li: Any) -> dict[str, Any]:
    """A line item (a row of `select_lines`) as ChartMogul shows it; `disabled_by` is always null
    (mogul has no users)."""
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
    state = {"disabled": li.disabled, "disabled_at": wire.fmt_ms(li.disabled_at), "disabled_by": None}
    if li.type == "one_time":
        return (
            common
            | {"description": li.description, "plan_uuid": li.plan_uuid, "balance_transfer": None}
            | state
        )
    out = common | {
        "subscription_uuid": li.subscription_uuid,
        "subscription_external_id": li.subscription_external_id,
        "prorated": li.prorated,
        "proration_type": li.proration_type,
        "service_period_start": wire.fmt_ms(li.service_period_start),
        "service_period_end": wire.fmt_ms(li.service_period_end),
        "plan_uuid": li.plan_uuid,
    }
    if li.set_external_id is not None:
        out["subscription_set_external_id"] = li.set_external_id
    return out | state


def _one(scope: Scope, line_id: int) -> dict[str, Any]:
    return serialize(scope.conn.execute(select_lines().where(s.line_items.c.id == line_id)).one())


def retrieve(scope: Scope, ref: Ref, *, with_disabled: bool = False) -> dict[str, Any]:
    row = record_states.shown(locate(scope, s.line_items, ref, WHAT), with_disabled, WHAT)
    return _one(scope, row.id)


@dataclass(frozen=True)
class LineItemFilters:
    data_source_uuid: str | None = None
    external_id: str | None = None
    with_disabled: str | None = None


def list_line_items(scope: Scope, filters: LineItemFilters, page: PageRequest) -> dict[str, Any]:
    """`GET /line_items`: the account's line items, oldest first. Given both a data source and an
    external id it names one line item (`record_states.one_of_list`)."""
    with_disabled = query.flag(filters.with_disabled, "with_disabled")
    if filters.data_source_uuid and filters.external_id:
        ref = ExternalRef(filters.data_source_uuid, filters.external_id)
        return record_states.one_of_list("line_items", retrieve(scope, ref, with_disabled=with_disabled))
    li = s.line_items
    stmt = select_lines().where(li.c.account_id == scope.account.id)
    stmt = record_states.filtered(stmt, li, filters.data_source_uuid, filters.external_id, with_disabled)
    found = paginate(scope.conn, page, stmt, [li.c.id])
    return found.listing("line_items", [serialize(r) for r in found.rows])


# -- writing --------------------------------------------------------------------------------------------


def _checked(scope: Scope, invoice: Any, raw: dict[str, Any]) -> tuple[CheckedLine, int | None]:
    """A line item body's own checks and its plan in the invoice's data source: 400 or 422 otherwise."""
    f = Fields(raw)
    line = check_line_item(f, plan_external_ids=False)
    f.check()
    plan_id = None
    if line.plan is not None:
        key, value = line.plan
        plan_id = scope.conn.execute(
            select(s.plans.c.id).where(
                s.plans.c.data_source_id == invoice.data_source_id, s.plans.c.uuid == value
            )
        ).scalar()
        if plan_id is None:
            raise wire.invalid({key: f"Plan {value} doesn't exist in this data source."})
    return line, plan_id


def _subscription_id(scope: Scope, invoice: Any, line: CheckedLine, cancels: bool) -> int | None:
    """The subscription of `invoice`'s customer the line names, made if new, as an invoice import does
    (its set and, when `cancels`, the line's `cancelled_at` go to the subscription)."""
    values = line.values
    external_id = values.get("subscription_external_id")
    if values["type"] != "subscription" or not external_id:
        return None
    named = dict(values) if cancels else {**values, "cancelled_at": None}
    invoice_of_one = CheckedInvoice({}, [CheckedLine(named, line.plan)], [])
    pending = PendingInvoice(invoice.customer_id, invoice_of_one, {"external_id": None, "errors": {}})
    ids, _fresh = subscriptions_for(scope, Batch(invoice.data_source_id, [pending]))
    return ids[invoice.customer_id, external_id]


def _columns(line: CheckedLine, plan_id: int | None, subscription_id: int | None) -> dict[str, Any]:
    values = {k: v for k, v in line.values.items() if k in s.line_items.c}
    if values["type"] != "subscription":
        values |= dict.fromkeys(_SUBSCRIPTION_COLUMNS)
    return values | {"plan_id": plan_id, "subscription_id": subscription_id}


def import_line_item(scope: Scope, invoice_uuid: str, body: Any) -> dict[str, Any]:
    """`POST /import/invoices/{uuid}/line_items`: one line item more on an invoice (201)."""
    invoice = find(scope, s.invoices, invoice_uuid, "Invoice")
    line, plan_id = _checked(scope, invoice, object_body(body))
    subscription_id = _subscription_id(scope, invoice, line, cancels=True)
    uuid = wire.new_uuid("line_item")
    row = _columns(line, plan_id, subscription_id) | {
        "account_id": scope.account.id,
        "data_source_id": invoice.data_source_id,
        "invoice_id": invoice.id,
        "customer_id": invoice.customer_id,
        "uuid": uuid,
    }
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_LINE_ITEM})):
        insert_rows(scope.conn, s.line_items, [row])
    derive.refresh(scope.conn, scope.account, {invoice.customer_id}, lines_removed=False)
    line_id = scope.conn.execute(select(s.line_items.c.id).where(s.line_items.c.uuid == uuid)).scalar_one()
    return _one(scope, line_id)


def _stored(row: Any) -> dict[str, Any]:
    """A stored line item (a row of `select_lines`) as the body that would import it."""
    body = {
        key: row._mapping[key]
        for key in (
            "type",
            "amount_in_cents",
            "quantity",
            "discount_code",
            "discount_amount_in_cents",
            "discount_description",
            "tax_amount_in_cents",
            "transaction_fees_in_cents",
            "transaction_fees_currency",
            "external_id",
            "account_code",
            "event_order",
            "description",
            "prorated",
            "proration_type",
            "plan_uuid",
        )
    }
    if row.type == "subscription":
        body |= {
            "subscription_external_id": row.subscription_external_id,
            "subscription_set_external_id": row.set_external_id,
        }
        for key in _SUBSCRIPTION_COLUMNS:
            moment = row._mapping[key]
            body[key] = None if moment is None else wire.fmt_exact(moment)
    return body


def modify(scope: Scope, ref: Ref, body: Any) -> dict[str, Any]:
    """`PATCH`: the fields given replace the stored ones, checked as an import checks them (so a type,
    plan or subscription may change too; a subscription left without line items goes, as on a delete)."""
    found = locate(scope, s.line_items, ref, WHAT)
    changes = object_body(body)
    row = scope.conn.execute(select_lines().where(s.line_items.c.id == found.id)).one()
    invoice = scope.conn.execute(select(s.invoices).where(s.invoices.c.id == row.invoice_id)).one()
    line, plan_id = _checked(scope, invoice, _stored(row) | changes)
    subscription_id = _subscription_id(scope, invoice, line, cancels="cancelled_at" in changes)
    li = s.line_items
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_LINE_ITEM})):
        scope.conn.execute(
            update(li).where(li.c.id == row.id).values(**_columns(line, plan_id, subscription_id))
        )
    derive.refresh(scope.conn, scope.account, {row.customer_id})
    return _one(scope, row.id)


def set_disabled(scope: Scope, ref: Ref, body: Any) -> dict[str, Any]:
    """`PATCH .../disabled_state`: a disabled line item counts for no MRR and is left out of reads."""
    row = locate(scope, s.line_items, ref, WHAT)
    disabled = record_states.requested(body)
    li = s.line_items
    scope.conn.execute(update(li).where(li.c.id == row.id).values(**record_states.values(row, disabled)))
    derive.refresh(scope.conn, scope.account, {row.customer_id}, lines_removed=False)
    return _one(scope, row.id)


def destroy(scope: Scope, ref: Ref) -> None:
    row = locate(scope, s.line_items, ref, WHAT)
    scope.conn.execute(delete(s.line_items).where(s.line_items.c.id == row.id))
    derive.refresh(scope.conn, scope.account, {row.customer_id})
