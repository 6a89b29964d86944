"""Keeping derived data current: after any write that touches a customer's invoices or subscriptions,
the analytics engine recomputes that customer and its stored status, MRR and activities are replaced.

This is the bridge between the store (rows) and the analytics engine (plain data); the engine itself
knows nothing of SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, false, select

from mogul.analytics import events as ev
from mogul.analytics.model import (
    CustomerInput,
    CustomerResult,
    LineItem,
    Plan,
    Subscription,
    SubscriptionState,
)
from mogul.server import wire
from mogul.server.domain import effects, past_due, record_states
from mogul.server.domain.accounts import Account
from mogul.store import schema as s
from mogul.store.bulk import among, insert_rows, update_rows

CHUNK = 500
LINE_FIELDS = len(LineItem._fields)
PLAN = LineItem._fields.index("plan_uuid")
LEAD_STATUSES = ("New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead")


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(ids)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


@dataclass(frozen=True)
class Loaded:
    """The engine's inputs for some customers, every plan their line items use, and the row ids that
    storing the results needs."""

    inputs: dict[int, CustomerInput]
    plans: dict[str, Plan]
    data_source_ids: dict[int, int]  # by customer id
    subscription_ids: dict[str, int]  # by subscription uuid


class Fresh:
    """The whole subscription history of a customer that had no subscription before a write, as the
    write stored it: its subscriptions and subscription line items in the order they were stored. What
    `load` would read back, so it is not read back (a bulk import's customers are mostly new)."""

    def __init__(self) -> None:
        self.subscriptions: list[Subscription] = []
        self.subscription_ids: dict[str, int] = {}  # by uuid
        self._by_external_id: dict[str, Subscription] = {}
        # a LineItem's fields after `seq`, with the plan's row id in place of its uuid
        self.lines: list[tuple[Any, ...]] = []

    def add_subscription(self, row_id: int, row: dict[str, Any]) -> None:
        """A subscription as `insert_rows` stored it (its row values) under `row_id`."""
        subscription = _subscription(
            row["uuid"], row["external_id"], row["subscription_set_external_id"], row["cancellation_dates"]
        )
        self.subscriptions.append(subscription)
        self.subscription_ids[subscription.uuid] = row_id
        self._by_external_id[subscription.external_id] = subscription

    def add_line(self, subscription_external_id: str, line: dict[str, Any], currency: str) -> None:
        """A subscription line item as stored (its checked values), after its subscription was added."""
        sub = self._by_external_id[subscription_external_id]
        self.lines.append(
            (
                sub.uuid,
                sub.external_id,
                sub.subscription_set_external_id,
                line["plan_id"],
                line["service_period_start"],
                line["service_period_end"],
                line["amount_in_cents"],
                line["tax_amount_in_cents"],
                currency,
                line["prorated"],
                line["proration_type"],
                line["event_order"],
                line["quantity"],
            )
        )


def _subscription(
    uuid: str, external_id: str, set_id: str | None, cancellations: list[str], connection: str | None = None
) -> Subscription:
    # cancellation dates are stored as text (to the millisecond) and read as stored
    dates = tuple(wire.parse_time(d) for d in cancellations)
    return Subscription(uuid, external_id, set_id, dates, connection)


def load(conn: Connection, customer_ids: Iterable[int], fresh: Mapping[int, Fresh] | None = None) -> Loaded:
    """What the engine needs to compute these customers (`fresh`: the histories of some of them, as
    written just now, which are not read back)."""
    fresh = fresh or {}
    customers: dict[int, Any] = {}
    subs: dict[int, list[Subscription]] = defaultdict(list)
    subscription_ids: dict[str, int] = {}
    lines: dict[int, list[Any]] = defaultdict(list)  # LineItem fields, the plan as its row id
    events: dict[int, list[Any]] = defaultdict(list)  # subscription event rows (`_events`)
    c, sub, li, inv, ds = s.customers, s.subscriptions, s.line_items, s.invoices, s.data_sources
    for chunk in _chunks(customer_ids):
        for row in conn.execute(
            select(
                c.c.id,
                c.c.uuid,
                c.c.external_id,
                c.c.name,
                c.c.country,
                c.c.lead_status,
                c.c.data_source_id,
                ds.c.uuid.label("ds_uuid"),
            )
            .join(ds, ds.c.id == c.c.data_source_id)
            .where(among(conn, c.c.id, chunk))
        ):
            customers[row.id] = row
        stored = [cid for cid in chunk if cid not in fresh]
        if not stored:
            continue
        for r in conn.execute(
            select(
                sub.c.id,
                sub.c.customer_id,
                sub.c.uuid,
                sub.c.external_id,
                sub.c.subscription_set_external_id,
                sub.c.cancellation_dates,
                sub.c.connection,
            )
            .where(among(conn, sub.c.customer_id, stored))
            .order_by(sub.c.id)
        ):
            subs[r.customer_id].append(
                _subscription(
                    r.uuid, r.external_id, r.subscription_set_external_id, r.cancellation_dates, r.connection
                )
            )
            subscription_ids[r.uuid] = r.id
        # the engine's LineItem fields in their order (the plan as its row id), then the customer
        for line in conn.execute(
            select(
                li.c.id,
                sub.c.uuid,
                sub.c.external_id,
                sub.c.subscription_set_external_id,
                li.c.plan_id,
                li.c.service_period_start,
                li.c.service_period_end,
                li.c.amount_in_cents,
                li.c.tax_amount_in_cents,
                inv.c.currency,
                li.c.prorated,
                li.c.proration_type,
                li.c.event_order,
                li.c.quantity,
                li.c.customer_id,
            )
            .join(inv, inv.c.id == li.c.invoice_id)
            .join(sub, sub.c.id == li.c.subscription_id)
            .where(
                among(conn, li.c.customer_id, stored), li.c.type == "subscription", record_states.counted()
            )
            .order_by(li.c.id)
        ).all():
            lines[line[LINE_FIELDS]].append(line[:LINE_FIELDS])
        for event in _events(conn, stored):
            events[event.customer_id].append(event)
    for cid, history in fresh.items():
        if cid in customers:
            subs[cid] = history.subscriptions
            subscription_ids.update(history.subscription_ids)
            # a new line's place among the customer's lines is its place in the write
            lines[cid] = [(seq, *fields) for seq, fields in enumerate(history.lines)]
    plan_ids = {line[PLAN] for rows in lines.values() for line in rows if line[PLAN] is not None}
    plan_ids |= {e.plan_id for rows in events.values() for e in rows if e.plan_id is not None}
    plans: dict[str, Plan] = {}
    plan_uuids: dict[int, str] = {}
    for chunk in _chunks(plan_ids):
        for row in conn.execute(select(s.plans).where(among(conn, s.plans.c.id, chunk))):
            plans[row.uuid] = Plan(row.uuid, row.external_id, row.name, row.interval_count, row.interval_unit)
            plan_uuids[row.id] = row.uuid
    inputs = {}
    data_source_ids = {}
    for cid, row in customers.items():
        data_source_ids[cid] = row.data_source_id
        line_items = [
            LineItem._make((*line[:PLAN], plan_uuids.get(line[PLAN]), *line[PLAN + 1 :]))
            for line in lines[cid]
        ]
        subscriptions = subs[cid]
        if events[cid]:
            subscriptions = _fed_by_events(subscriptions, events[cid], plans, plan_uuids, line_items)
        inputs[cid] = CustomerInput(
            uuid=row.uuid,
            external_id=row.external_id,
            name=row.name,
            country=row.country,
            data_source_uuid=row.ds_uuid,
            lead_status=row.lead_status,
            subscriptions=tuple(subscriptions),
            line_items=tuple(line_items),
        )
    return Loaded(inputs, plans, data_source_ids, subscription_ids)


def _events(conn: Connection, customer_ids: list[int]) -> list[Any]:
    """The enabled subscription events of these customers that count for the figures."""
    e, sub = s.subscription_events, s.subscriptions
    return list(
        conn.execute(
            select(
                e.c.id,
                e.c.customer_id,
                e.c.event_type,
                e.c.plan_id,
                e.c.effective_date,
                e.c.amount_in_cents,
                e.c.tax_amount_in_cents,
                e.c.currency,
                e.c.quantity,
                e.c.retracted_event_id,
                e.c.event_order,
                sub.c.uuid.label("subscription_uuid"),
                sub.c.external_id.label("subscription_external_id"),
                sub.c.subscription_set_external_id,
            )
            .join(sub, sub.c.id == e.c.subscription_id)
            .where(
                among(conn, e.c.customer_id, customer_ids),
                e.c.disabled == false(),
                e.c.event_type.in_(ev.COUNTED),
            )
            .order_by(e.c.id)
        ).all()
    )


def _fed_by_events(
    subscriptions: list[Subscription],
    rows: list[Any],
    plans: Mapping[str, Plan],
    plan_uuids: Mapping[int, str],
    line_items: list[LineItem],
) -> list[Subscription]:
    """A customer's subscriptions with what its subscription events make of them: their lines added to
    `line_items`, their cancellations to the subscriptions', which are then open-ended (they renew
    without invoices: never past due)."""
    events = [
        ev.Event(
            r.id,
            r.event_type,
            r.subscription_uuid,
            r.subscription_external_id,
            r.subscription_set_external_id,
            plan_uuids.get(r.plan_id) if r.plan_id is not None else None,
            r.effective_date,
            r.amount_in_cents,
            r.tax_amount_in_cents,
            r.currency,
            r.quantity,
            r.retracted_event_id,
            r.event_order,
        )
        for r in rows
    ]
    lines, cancellations = ev.lines_and_cancellations(events, plans)
    line_items.extend(lines)
    fed = {r.subscription_external_id for r in rows if r.event_type in ev.IMMEDIATE}
    return [
        replace(
            sub,
            cancellation_dates=tuple(
                sorted({*sub.cancellation_dates, *cancellations.get(sub.external_id, ())})
            ),
            open_ended=True,
        )
        if sub.external_id in fed
        else sub
        for sub in subscriptions
    ]


def compute(
    conn: Connection,
    account: Account,
    customer_ids: Iterable[int],
    now: datetime | None = None,
    *,
    plan_uuids: set[str] | None = None,
) -> dict[int, CustomerResult]:
    """The engine's view of these customers now (with `plan_uuids`: counting only those plans)."""
    return _results(load(conn, customer_ids), account, now or datetime.now(UTC), plan_uuids)


def _results(
    loaded: Loaded, account: Account, now: datetime, plan_uuids: set[str] | None = None
) -> dict[int, CustomerResult]:
    # imported here: the engine loads exchange rates, which the server should not pay for at start-up
    from mogul.analytics.movements import compute_customer
    from mogul.analytics.valuation import UnsupportedCurrencyError

    try:
        return {
            cid: compute_customer(ci, loaded.plans, account.currency, now, plan_uuids=plan_uuids)
            for cid, ci in loaded.inputs.items()
        }
    except UnsupportedCurrencyError as exc:
        # A currency ISO 4217 knows but the bundled ECB rates do not: the MRR cannot be valued.
        raise wire.invalid({"currency": f"{exc}: MRR cannot be converted to {account.currency}."}) from exc


def refresh(
    conn: Connection,
    account: Account,
    customer_ids: Iterable[int],
    *,
    lines_removed: bool = True,
    fresh: Mapping[int, Fresh] | None = None,
) -> None:
    """Recompute these customers and store their status, MRR, subscriptions' plans and activities.

    `lines_removed=False` says the write only added line items (an import, a cancellation), so no
    subscription can have lost its last one; `fresh` gives the histories the write made whole (see
    `Fresh`)."""
    ids = set(customer_ids)
    if not ids:
        return
    sub, li = s.subscriptions, s.line_items
    # A subscription whose line items and events are all gone (deleted invoices) is gone too.
    events = s.subscription_events
    for chunk in _chunks(ids) if lines_removed else ():
        conn.execute(
            delete(sub).where(
                among(conn, sub.c.customer_id, chunk),
                ~select(li.c.id).where(li.c.subscription_id == sub.c.id).exists(),
                ~select(events.c.id).where(events.c.subscription_id == sub.c.id).exists(),
            )
        )
    loaded = load(conn, ids, fresh)
    results = _results(loaded, account, datetime.now(UTC))
    plan_ids = _plan_ids(conn, results)
    sub_ids, customer_ds = loaded.subscription_ids, loaded.data_source_ids
    activity_rows: list[dict[str, Any]] = []
    customer_rows: list[dict[str, Any]] = []
    sub_rows: list[dict[str, Any]] = []
    # open-ended subscriptions (fed by events) renew without invoices: they never make one Past Due
    open_ended = {sub.uuid for ci in loaded.inputs.values() for sub in ci.subscriptions if sub.open_ended}
    current = {cid: _current(result, sub_ids, open_ended) for cid, result in results.items()}
    failed = past_due.failed_since(conn, (sub_ids[st.uuid] for c in current.values() for st in c))
    for cid, result in results.items():
        status = result.status
        past_due_from = None
        if status in ("Active", "Past Due"):
            # a period that ended unrenewed, or a failed payment in the latest one (past_due.py)
            dates = [st.end for st in current[cid] if st.end]
            dates += [failed[sub_ids[st.uuid]] for st in current[cid] if sub_ids[st.uuid] in failed]
            past_due_from = min(dates) if dates else None
            status = "Active"
        customer_rows.append(
            {
                "_id": cid,
                "status": status,
                "mrr": result.mrr,
                "customer_since": result.customer_since,
                "past_due_from": past_due_from,
            }
        )
        for st in result.subscriptions:
            if st.uuid in sub_ids:
                sub_rows.append({"_id": sub_ids[st.uuid], "plan_id": plan_ids.get(st.plan_uuid)})
        for a in result.activities:
            activity_rows.append(
                {
                    "account_id": account.id,
                    "data_source_id": customer_ds[cid],
                    "customer_id": cid,
                    "date": a.date,
                    "type": a.type,
                    "movement": a.movement,
                    "mrr_after": a.mrr_after,
                    "subscription_external_id": a.subscription_external_id or "",
                    # ChartMogul shows a subscription without a set as its own set
                    "subscription_set_external_id": a.subscription_set_external_id
                    or a.subscription_external_id,
                    "plan_id": plan_ids.get(a.plan_uuid),
                    "description": a.description,
                    "seq": a.seq,
                }
            )
    # one executemany per table: a bulk import refreshes hundreds of customers at once
    update_rows(conn, s.customers, ("status", "mrr", "customer_since", "past_due_from"), customer_rows)
    update_rows(conn, sub, ("plan_id",), sub_rows)
    for chunk in _chunks(ids):
        conn.execute(delete(s.activities).where(among(conn, s.activities.c.customer_id, chunk)))
    for row, uuid in zip(activity_rows, wire.new_uuids(None, len(activity_rows)), strict=True):
        row["uuid"] = uuid
    insert_rows(conn, s.activities, activity_rows)
    effects.invalidate(conn, account.id, effects.ACTIVITIES)


def _current(
    result: CustomerResult, sub_ids: Mapping[str, int], open_ended: set[str]
) -> list[SubscriptionState]:
    """The subscriptions that can make an Active customer Past Due: stored, not cancelled, with MRR,
    invoiced (not open-ended)."""
    if result.status not in ("Active", "Past Due"):
        return []
    return [
        st
        for st in result.subscriptions
        if not st.cancelled and st.mrr > 0 and st.uuid in sub_ids and st.uuid not in open_ended
    ]


def _plan_ids(conn: Connection, results: dict[int, CustomerResult]) -> dict[str | None, int]:
    uuids = {st.plan_uuid for r in results.values() for st in r.subscriptions if st.plan_uuid}
    if not uuids:
        return {}
    return dict(
        conn.execute(select(s.plans.c.uuid, s.plans.c.id).where(among(conn, s.plans.c.uuid, uuids))).all()
    )


def status_now(status: str, past_due_from: datetime | None, now: datetime | None = None) -> str:
    """A stored status read against the clock: Active turns Past Due once a paid period ends unrenewed."""
    if status == "Active" and past_due_from is not None and past_due_from <= (now or datetime.now(UTC)):
        return "Past Due"
    return status
