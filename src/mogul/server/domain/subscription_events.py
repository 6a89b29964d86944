"""Subscription events (`/subscription_events`): create, list, update, delete, disable or enable; each
event named by its integer `id` or by its external id within a data source.

An event belongs to a subscription (`subscription_external_id`) of a customer of its data source; the
subscription is made with its first event, and goes when its last event and line item are gone
(`derive.refresh`). The enabled immediate events are that subscription's MRR history, read by the one
engine (`analytics.events`): every write that touches one recomputes its customer. Scheduled events
change no figure.

A data source is fed by invoices or by immediate events, not both (ChartMogul's custom sources take one
or the other): an immediate event is refused on a data source with invoices, and an invoice on one with
immediate events (`invoice_writes.review_invoices`). docs/behaviour.md says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, false, insert, select, update

from mogul.analytics import events as ev
from mogul.server import wire
from mogul.server.domain import derive, query, record_states
from mogul.server.domain.base import Scope, duplicate_as, find, object_body
from mogul.server.domain.fields import Fields, parse_integer
from mogul.server.domain.paging import PageRequest, paginate
from mogul.store import schema as s
from mogul.store.bulk import among

WHAT = "Subscription event"
ENVELOPE = "subscription_event"
FED_BY_INVOICES = (
    "This data source is fed by invoices: its subscriptions' MRR cannot also come from subscription "
    "events (only scheduled ones are accepted)."
)
FED_BY_EVENTS = (
    "This data source is fed by subscription events: its subscriptions' MRR cannot also come from invoices."
)
NO_IDENTIFIER = 'Parameter "id", or "data_source_uuid" and "external_id", is missing'
# the fields a body may change, in the order the object shows them
CHANGEABLE = (
    "customer_external_id",
    "subscription_set_external_id",
    "subscription_external_id",
    "plan_external_id",
    "event_date",
    "effective_date",
    "event_type",
    "external_id",
    "quantity",
    "currency",
    "amount_in_cents",
    "tax_amount_in_cents",
    "retracted_event_id",
    "event_order",
)


def _select() -> Any:
    e, ds = s.subscription_events, s.data_sources
    return select(e, ds.c.uuid.label("ds_uuid")).join(ds, ds.c.id == e.c.data_source_id)


def serialize(row: Any) -> dict[str, Any]:
    """An event as ChartMogul shows it; `row` is one of `_select()`. `retracted_event_id` is a string
    (the Python client reads it as one); `disabled_by` is null (mogul has no users)."""
    retracted = row.retracted_event_id
    return {
        "id": row.id,
        "data_source_uuid": row.ds_uuid,
        "customer_external_id": row.customer_external_id,
        "subscription_set_external_id": row.subscription_set_external_id,
        "subscription_external_id": row.subscription_external_id,
        "plan_external_id": row.plan_external_id,
        "event_date": wire.fmt_seconds(row.event_date),
        "effective_date": wire.fmt_seconds(row.effective_date),
        "event_type": row.event_type,
        "external_id": row.external_id,
        "errors": {},
        "created_at": wire.fmt_seconds(row.created_at),
        "updated_at": wire.fmt_seconds(row.updated_at),
        "quantity": row.quantity,
        "currency": row.currency,
        "amount_in_cents": row.amount_in_cents,
        "tax_amount_in_cents": row.tax_amount_in_cents,
        "retracted_event_id": None if retracted is None else str(retracted),
        "event_order": row.event_order,
        "disabled": row.disabled,
        "disabled_at": wire.fmt_seconds(row.disabled_at),
        "disabled_by": None,
    }


def _shown(scope: Scope, event_id: int) -> dict[str, Any]:
    e = s.subscription_events
    return serialize(scope.conn.execute(_select().where(e.c.id == event_id)).one())


def unwrap(body: Any) -> dict[str, Any]:
    """The event of a body: inside `{"subscription_event": {...}}` (Node, Ruby, Python's updates) or the
    body itself (Python's `create` sends it flat)."""
    data = object_body(body)
    inner = data.get(ENVELOPE)
    if ENVELOPE in data and not isinstance(inner, dict):
        raise wire.bad_request(f"{ENVELOPE} must be a JSON object", ENVELOPE)
    return inner if isinstance(inner, dict) else data


def _event_id(value: Any) -> int | None:
    """An event id as given (an integer, or its digits as text); None when it cannot be one."""
    if isinstance(value, str):
        value = parse_integer(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
        return None
    return value


# -- finding one ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRef:
    """What names one event: its `id`, or its `external_id` within a data source."""

    id: Any = None
    data_source_uuid: Any = None
    external_id: Any = None

    @classmethod
    def of(cls, data: dict[str, Any]) -> EventRef:
        return cls(data.get("id"), data.get("data_source_uuid"), data.get("external_id"))

    @property
    def given(self) -> bool:
        return self.id is not None or (bool(self.data_source_uuid) and bool(self.external_id))


def _locate(scope: Scope, ref: EventRef) -> Any:
    """The event `ref` names in the scope's account: 400 without an identifier, 404 when there is none."""
    e = s.subscription_events
    if ref.id is not None:
        event_id = _event_id(ref.id)
        where = e.c.id == event_id
    elif ref.data_source_uuid and ref.external_id:
        if not isinstance(ref.data_source_uuid, str) or not isinstance(ref.external_id, str):
            raise wire.not_found(WHAT)
        ds = find(scope, s.data_sources, ref.data_source_uuid, "Data source")
        event_id, where = 0, (e.c.data_source_id == ds.id) & (e.c.external_id == ref.external_id)
    else:
        raise wire.bad_request(NO_IDENTIFIER, "id")
    if event_id is None:
        raise wire.not_found(WHAT)
    row = scope.conn.execute(select(e).where(where, e.c.account_id == scope.account.id)).first()
    if row is None:
        raise wire.not_found(WHAT)
    return row


# -- checks ------------------------------------------------------------------------------------------------


def _own_fields(f: Fields) -> dict[str, Any]:
    """The event's own fields, checked without the database (ChartMogul's required ones, and the
    fields each type needs)."""
    values: dict[str, Any] = {
        "customer_external_id": f.string("customer_external_id", required=True, max_len=255, blank=False),
        "subscription_external_id": f.string(
            "subscription_external_id", required=True, max_len=255, blank=False
        ),
        "event_type": f.enum("event_type", ev.EVENT_TYPES, required=True),
        "event_date": f.time("event_date", required=True),
        "effective_date": f.time("effective_date", required=True),
        "external_id": f.string("external_id", max_len=255) or None,
        "subscription_set_external_id": f.string("subscription_set_external_id", max_len=255) or None,
        "plan_external_id": f.string("plan_external_id", max_len=255) or None,
        "currency": f.currency("currency"),
        "amount_in_cents": f.cents("amount_in_cents", minimum=0),
        "quantity": f.integer("quantity", minimum=0),
        "tax_amount_in_cents": f.cents("tax_amount_in_cents", minimum=0),
        "event_order": f.integer("event_order"),
        "retracted_event_id": None,
    }
    kind = values["event_type"]
    if kind in ev.PRICED:
        for key in ("plan_external_id", "currency", "amount_in_cents", "quantity"):
            if values[key] is None and f.name(key) not in f.errors:
                f.fail(key, f"{key} is required for {kind} events.")
    if f.data.get("retracted_event_id") is not None:
        retracted = _event_id(f.data["retracted_event_id"])
        if retracted is None:
            f.fail("retracted_event_id", "retracted_event_id must be the id of a subscription event.")
        values["retracted_event_id"] = retracted
    elif kind in ev.RETRACTIONS:
        f.fail("retracted_event_id", f"retracted_event_id is required for {kind} events.")
    return values


def _has(conn: Connection, stmt: Any) -> bool:
    return conn.execute(stmt.limit(1)).first() is not None


def fed_by_events(conn: Connection, data_source_ids: list[int]) -> set[int]:
    """Which of these data sources have immediate subscription events (they take no invoices)."""
    e = s.subscription_events
    rows = conn.execute(
        select(e.c.data_source_id)
        .where(among(conn, e.c.data_source_id, data_source_ids), e.c.event_type.in_(ev.IMMEDIATE))
        .distinct()
    )
    return {r.data_source_id for r in rows}


def _resolved(scope: Scope, ds: Any, values: dict[str, Any], own_id: int | None) -> tuple[Any, int | None]:
    """The event's customer row and plan id in data source `ds`; 422 naming what is not there."""
    conn = scope.conn
    errors: dict[str, str] = {}
    c, pl, e = s.customers, s.plans, s.subscription_events
    ref = values["customer_external_id"]
    customer = conn.execute(select(c).where(c.c.data_source_id == ds.id, c.c.external_id == ref)).first()
    if customer is None:
        errors["customer_external_id"] = f"Customer {ref} doesn't exist in this data source."
    plan_id = None
    if values["plan_external_id"] is not None:
        plan_ref = values["plan_external_id"]
        plan_id = conn.execute(
            select(pl.c.id).where(pl.c.data_source_id == ds.id, pl.c.external_id == plan_ref)
        ).scalar()
        if plan_id is None:
            errors["plan_external_id"] = f"Plan {plan_ref} doesn't exist in this data source."
    retracted = values["retracted_event_id"]
    if retracted is not None and (
        retracted == own_id
        or not _has(conn, select(e.c.id).where(e.c.id == retracted, e.c.data_source_id == ds.id))
    ):
        errors["retracted_event_id"] = f"Subscription event {retracted} doesn't exist in this data source."
    if values["event_type"] in ev.IMMEDIATE and _has(
        conn, select(s.invoices.c.id).where(s.invoices.c.data_source_id == ds.id)
    ):
        errors["data_source_uuid"] = FED_BY_INVOICES
    if errors:
        raise wire.invalid(errors)
    return customer, plan_id


def _subscription_id(scope: Scope, ds: Any, customer: Any, values: dict[str, Any]) -> int:
    """The customer's subscription of this external id, made when it has none (its set id follows the
    event's when given)."""
    sub, conn = s.subscriptions, scope.conn
    ext, set_id = values["subscription_external_id"], values["subscription_set_external_id"]
    row = conn.execute(select(sub).where(sub.c.customer_id == customer.id, sub.c.external_id == ext)).first()
    if row is not None:
        if set_id and set_id != row.subscription_set_external_id:
            conn.execute(update(sub).where(sub.c.id == row.id).values(subscription_set_external_id=set_id))
        return int(row.id)
    made = conn.execute(
        insert(sub).values(
            account_id=scope.account.id,
            data_source_id=ds.id,
            customer_id=customer.id,
            uuid=wire.new_uuid("subscription"),
            metrics_uuid=wire.new_uuid(),
            external_id=ext,
            subscription_set_external_id=set_id,
            cancellation_dates=[],
            created_at=s.utcnow(),
        )
    )
    return int(made.inserted_primary_key[0])  # type: ignore[index]


def _write(scope: Scope, ds: Any, data: dict[str, Any], row: Any = None) -> int:
    """Check `data` (a whole event) and store it: a new event, or `row` changed. Returns its id."""
    f = Fields(data)
    values = _own_fields(f)
    f.check()
    own_id = None if row is None else row.id
    customer, plan_id = _resolved(scope, ds, values, own_id)
    values |= {
        "customer_id": customer.id,
        "plan_id": plan_id,
        "subscription_id": _subscription_id(scope, ds, customer, values),
        "updated_at": s.utcnow(),
    }
    e = s.subscription_events
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_SUBSCRIPTION_EVENT})):
        if row is None:
            base = {
                "account_id": scope.account.id,
                "data_source_id": ds.id,
                "created_at": values["updated_at"],
            }
            made = scope.conn.execute(insert(e).values(**base, **values))
            return int(made.inserted_primary_key[0])  # type: ignore[index]
        scope.conn.execute(update(e).where(e.c.id == row.id).values(**values))
        return int(row.id)


def _recompute(scope: Scope, row: Any) -> None:
    """Recompute the customer of this event when it counts for the figures (a scheduled one does not)."""
    if row.event_type in ev.COUNTED:
        derive.refresh(scope.conn, scope.account, {row.customer_id}, lines_removed=False)


def _row(scope: Scope, event_id: int) -> Any:
    e = s.subscription_events
    return scope.conn.execute(select(e).where(e.c.id == event_id)).one()


# -- the API -----------------------------------------------------------------------------------------------


def create(scope: Scope, body: Any) -> dict[str, Any]:
    """`POST /subscription_events`, enveloped or flat: 201 with the event."""
    data = unwrap(body)
    f = Fields(data)
    ds_uuid = f.string("data_source_uuid", required=True, blank=False)
    f.check()
    ds = find(scope, s.data_sources, ds_uuid, "Data source")
    event_id = _write(scope, ds, data)
    _recompute(scope, _row(scope, event_id))
    return _shown(scope, event_id)


def _stored(row: Any) -> dict[str, Any]:
    """A stored event as the body that would create it, for an update to change."""
    values = {key: getattr(row, key) for key in CHANGEABLE}
    for key in ("event_date", "effective_date"):
        values[key] = wire.fmt_exact(values[key])
    return values


def modify(scope: Scope, body: Any) -> dict[str, Any]:
    """`PATCH /subscription_events`: the event named by `id` (or `data_source_uuid` and `external_id`)
    with the fields given replacing the stored ones, checked as a new one is."""
    data = unwrap(body)
    ref = EventRef.of(data)
    if not ref.given:
        raise wire.bad_request(NO_IDENTIFIER, "id")
    row = _locate(scope, ref)
    ds = scope.conn.execute(select(s.data_sources).where(s.data_sources.c.id == row.data_source_id)).one()
    changes = {k: v for k, v in data.items() if k in CHANGEABLE}
    if ref.id is None:
        changes.pop("external_id", None)  # it names the event here
    _write(scope, ds, _stored(row) | changes, row)
    # the event may have moved to another subscription, which the old one may not outlive
    derive.refresh(scope.conn, scope.account, {row.customer_id, _row(scope, row.id).customer_id})
    return _shown(scope, row.id)


@dataclass(frozen=True)
class DeleteQuery:
    """The identifiers a delete may carry in its query (Ruby's `subscription_event[id]=`)."""

    id: str | None = None
    data_source_uuid: str | None = None
    external_id: str | None = None


def destroy(scope: Scope, body: Any, named: DeleteQuery) -> None:
    """`DELETE /subscription_events`: the event named in the body (enveloped or flat) or the query."""
    data = unwrap(body)
    ref = EventRef.of(data)
    if not ref.given:
        ref = EventRef(named.id, named.data_source_uuid, named.external_id)
    row = _locate(scope, ref)
    scope.conn.execute(delete(s.subscription_events).where(s.subscription_events.c.id == row.id))
    # its subscription goes with its last event and line item
    derive.refresh(scope.conn, scope.account, {row.customer_id})


def set_disabled(scope: Scope, event_id: str | None, body: Any) -> dict[str, Any]:
    """`PATCH /subscription_events/{id}/disabled_state`, or `/subscription_events/disabled_state` with
    `data_source_uuid` and `external_id` in the body: disabled, an event is kept, listed only with
    `with_disabled=true`, and counts for nothing."""
    data = object_body(body) | unwrap(body)  # `disabled` may sit beside the envelope
    if event_id is not None:
        ref = EventRef(id=event_id)
    else:
        ref = EventRef(None, data.get("data_source_uuid"), data.get("external_id"))
    row = _locate(scope, ref)
    disabled = record_states.requested(data)
    e = s.subscription_events
    state = record_states.values(row, disabled) | {"updated_at": s.utcnow()}
    scope.conn.execute(update(e).where(e.c.id == row.id).values(**state))
    _recompute(scope, row)
    return _shown(scope, row.id)


@dataclass(frozen=True)
class EventFilters:
    data_source_uuid: str | None = None
    external_id: str | None = None
    customer_external_id: str | None = None
    customer_uuid: str | None = None
    subscription_external_id: str | None = None
    event_type: str | None = None
    event_date: str | None = None
    effective_date: str | None = None
    plan_external_id: str | None = None
    with_disabled: str | None = None
    include_edit_histories: str | None = None


def _on(column: Any, raw: str | None, name: str) -> Any:
    """`column` at the time given, or within the day a bare date gives."""
    start = query.moment(raw, name)
    end = query.moment(raw, name, end=True)
    return (column >= start) & (column <= end)


def list_events(scope: Scope, filters: EventFilters, page: PageRequest) -> dict[str, Any]:
    """`GET /subscription_events`: the account's events, oldest first, with ChartMogul's `meta` (its
    `page` and `total_pages` on a page reached by number; null on one reached by a cursor).
    `include_edit_histories` is accepted and changes nothing (mogul keeps no edit history)."""
    with_disabled = query.flag(filters.with_disabled, "with_disabled")
    query.flag(filters.include_edit_histories, "include_edit_histories")
    e, ds, c = s.subscription_events, s.data_sources, s.customers
    stmt = _select().where(e.c.account_id == scope.account.id)
    if filters.data_source_uuid:
        stmt = stmt.where(ds.c.uuid == filters.data_source_uuid)
    if filters.customer_uuid:
        stmt = stmt.join(c, c.c.id == e.c.customer_id).where(c.c.uuid == filters.customer_uuid)
    for key in ("external_id", "customer_external_id", "subscription_external_id", "plan_external_id"):
        value = getattr(filters, key)
        if value:
            stmt = stmt.where(e.c[key] == value)
    if filters.event_type:
        if filters.event_type not in ev.EVENT_TYPES:
            message = f'Parameter "event_type" must be one of: {", ".join(ev.EVENT_TYPES)}'
            raise wire.bad_request(message, "event_type")
        stmt = stmt.where(e.c.event_type == filters.event_type)
    for key in ("event_date", "effective_date"):
        if getattr(filters, key):
            stmt = stmt.where(_on(e.c[key], getattr(filters, key), key))
    if not with_disabled:
        stmt = stmt.where(e.c.disabled == false())
    found = paginate(scope.conn, page, stmt, [e.c.id])
    total = found.total or 0
    meta = {
        "next_key": None,
        "prev_key": None,
        "before_key": None,
        "page": None if found.number is None else (found.number if total else 0),
        "total_pages": None if found.number is None else found.total_pages,
    }
    return {
        "subscription_events": [serialize(r) for r in found.rows],
        "meta": meta,
        "cursor": found.cursor,
        "has_more": found.has_more,
    }
