"""Customer merges and unmerges (`POST /customers/merges`, `POST /customers/unmerges`).

A merge moves everything of the `from` customer to the `into` customer: invoices with their line items
and transactions, subscriptions, contacts, notes and call logs, opportunities and tasks; `into` keeps its
own uuid and profile, gains `from`'s tags and the custom attributes it lacks, and lists `from`'s
identity (data source and external id) in its `data_source_uuids` and `external_ids`. `from` is
deleted. The analytics follow in the same transaction (`derive.refresh` of `into`): one customer, whose
MRR history is both customers' subscriptions.

An unmerge splits one merged identity back out into a new customer (a new uuid) with what it brought:
its invoices and subscriptions, its contacts, and its notes, opportunities and tasks when
`move_to_new_customer` names them. What it needs is kept at the merge, in `customer_merges`. See
docs/behaviour.md, "Customer merges and connected subscriptions".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from mogul.server import wire
from mogul.server.domain import derive
from mogul.server.domain.base import Scope, duplicate_as, find, object_body
from mogul.server.domain.fields import Fields
from mogul.store import schema as s
from mogul.store.bulk import among

# what a merged customer brings, by table name: the rows that carry its customer id
MOVED = {
    "invoices": s.invoices,
    "subscriptions": s.subscriptions,
    "contacts": s.contacts,
    "customer_notes": s.customer_notes,
    "opportunities": s.opportunities,
    "tasks": s.tasks,
}
# what an unmerge's `move_to_new_customer` may name, and the table each moves
MOVABLE = {"tasks": "tasks", "opportunities": "opportunities", "notes": "customer_notes"}
# the customer's own fields an unmerged customer gets back from the merge; the rest (company, location,
# owner, website, lead dates and status) it takes from the customer it leaves, as ChartMogul says
OWN = ("name", "email")
SHARED = (
    "company",
    "country",
    "state",
    "city",
    "zip",
    "owner",
    "website_url",
    "lead_created_at",
    "free_trial_started_at",
    "lead_status",
)

SELF_MERGE = "A customer cannot be merged into itself."
SHARED_SUBSCRIPTION = (
    "Both customers have a subscription with external ID {external_id} in data source {ds}: "
    "a customer can hold only one."
)
NOT_MERGED = "No customer with this data source and external ID was merged into this customer."
MOVE_TO_NEW = "move_to_new_customer must be an array holding some of: tasks, opportunities, notes."


# -- finding ---------------------------------------------------------------------------------------------


def _customer(scope: Scope, body: dict[str, Any], side: str) -> Any:
    """The customer one side of a merge names: by `customer_uuid`, or by `data_source_uuid` and
    `external_id` (also an identity merged into a customer earlier, which names that customer)."""
    if side not in body:
        raise wire.param_missing(side)
    ref = body[side]
    if not isinstance(ref, dict):
        raise wire.bad_request(
            f"{side} must be an object with customer_uuid, or data_source_uuid and external_id", side
        )
    f = Fields(ref, prefix=f"{side}.")
    uuid = f.string("customer_uuid")
    if uuid is None:
        ds_uuid = f.string("data_source_uuid", required=True)
        external_id = f.string("external_id", required=True)
    f.check()
    if uuid is not None:
        return find(scope, s.customers, uuid, "Customer")
    ds = find(scope, s.data_sources, ds_uuid, "Data source")
    c, m = s.customers, s.customer_merges
    row = scope.conn.execute(
        select(c).where(c.c.data_source_id == ds.id, c.c.external_id == external_id)
    ).first()
    if row is None:
        row = scope.conn.execute(
            select(c)
            .join(m, m.c.customer_id == c.c.id)
            .where(m.c.data_source_id == ds.id, m.c.external_id == external_id)
        ).first()
    if row is None:
        raise wire.not_found("Customer")
    return row


def _ids(scope: Scope, table: Any, customer_id: int) -> list[int]:
    return list(scope.conn.execute(select(table.c.id).where(table.c.customer_id == customer_id)).scalars())


# -- merge -----------------------------------------------------------------------------------------------


def _profile(row: Any, into: Any) -> dict[str, Any]:
    """What an unmerge gives back of `row`: its own fields, and the tags and custom attributes it brings
    (those `into` already has stay `into`'s, as ChartMogul keeps the primary's)."""
    values = {key: row._mapping[key] for key in (*OWN, *SHARED)}
    for key, value in values.items():
        if isinstance(value, datetime):
            values[key] = wire.fmt_ms(value)
    values["uuid"] = row.uuid
    values["tags"] = [tag for tag in row.tags if tag not in into.tags]
    values["custom"] = sorted(key for key in row.custom if key not in into.custom)
    return values


def _check_subscriptions(scope: Scope, source: Any, into: Any) -> None:
    """422 when both customers hold a subscription of one external id in one data source."""
    sub, ds = s.subscriptions, s.data_sources
    theirs = {
        (r.data_source_id, r.external_id)
        for r in scope.conn.execute(
            select(sub.c.data_source_id, sub.c.external_id).where(sub.c.customer_id == into.id)
        )
    }
    for r in scope.conn.execute(
        select(sub.c.data_source_id, sub.c.external_id, ds.c.uuid)
        .join(ds, ds.c.id == sub.c.data_source_id)
        .where(sub.c.customer_id == source.id)
        .order_by(sub.c.id)
    ):
        if (r.data_source_id, r.external_id) in theirs:
            message = SHARED_SUBSCRIPTION.format(external_id=r.external_id, ds=r.uuid)
            raise wire.invalid({"from": message})


def merge(scope: Scope, body: Any) -> dict[str, Any]:
    """Merge `from` into `into` (see the module docstring); ChartMogul answers 202 `{}`."""
    data = object_body(body)
    f = Fields(data)
    f.boolean("move_to_new_customer")
    f.check()
    source = _customer(scope, data, "from")
    into = _customer(scope, data, "into")
    if source.id == into.id:
        raise wire.invalid({"into": SELF_MERGE})
    _check_subscriptions(scope, source, into)
    conn, m = scope.conn, s.customer_merges
    # the identities merged into `from` earlier go with it, and keep what they brought
    inherited = conn.execute(select(m).where(m.c.customer_id == source.id)).all()
    brought: dict[str, set[int]] = {name: set() for name in MOVED}
    for record in inherited:
        for name, ids in record.moved.items():
            brought[name].update(ids)
    moved = {
        name: [i for i in _ids(scope, table, source.id) if i not in brought[name]]
        for name, table in MOVED.items()
    }
    ds_uuid = conn.execute(
        select(s.data_sources.c.uuid).where(s.data_sources.c.id == source.data_source_id)
    ).scalar_one()
    conn.execute(update(m).where(m.c.customer_id == source.id).values(customer_id=into.id))
    conn.execute(
        insert(m).values(
            account_id=scope.account.id,
            customer_id=into.id,
            data_source_id=source.data_source_id,
            external_id=source.external_id,
            profile=_profile(source, into),
            moved=moved,
            created_at=s.utcnow(),
        )
    )
    for table in (*MOVED.values(), s.line_items):
        conn.execute(update(table).where(table.c.customer_id == source.id).values(customer_id=into.id))
    c = s.customers
    conn.execute(
        update(c)
        .where(c.c.id == into.id)
        .values(
            tags=[*into.tags, *(tag for tag in source.tags if tag not in into.tags)],
            custom=source.custom | into.custom,
            merged=[*(into.merged or ()), [ds_uuid, source.external_id], *(source.merged or ())],
        )
    )
    conn.execute(delete(c).where(c.c.id == source.id))
    derive.refresh(conn, scope.account, {into.id}, lines_removed=False)
    return {}


# -- unmerge ---------------------------------------------------------------------------------------------


def _movable(f: Fields) -> set[str]:
    if not f.has("move_to_new_customer") or f.data["move_to_new_customer"] is None:
        return set()
    value = f.data["move_to_new_customer"]
    if not isinstance(value, list) or not all(isinstance(v, str) and v in MOVABLE for v in value):
        f.fail("move_to_new_customer", MOVE_TO_NEW)
        return set()
    return {MOVABLE[v] for v in value}


def unmerge(scope: Scope, body: Any) -> dict[str, Any]:
    """Split the identity (`data_source_uuid`, `external_id`) merged into `customer_uuid` back out into
    a new customer with what it brought; ChartMogul answers 202 `{}`."""
    f = Fields(object_body(body))
    customer_uuid = f.string("customer_uuid", required=True)
    ds_uuid = f.string("data_source_uuid", required=True)
    external_id = f.string("external_id", required=True)
    movable = _movable(f)
    f.check()
    customer = find(scope, s.customers, customer_uuid, "Customer")
    ds = find(scope, s.data_sources, ds_uuid, "Data source")
    conn, m, c = scope.conn, s.customer_merges, s.customers
    record = conn.execute(
        select(m).where(
            m.c.customer_id == customer.id, m.c.data_source_id == ds.id, m.c.external_id == external_id
        )
    ).first()
    if record is None:
        raise wire.invalid({"external_id": NOT_MERGED})
    profile = record.profile
    values: dict[str, Any] = {key: profile[key] for key in OWN}
    values |= {key: customer._mapping[key] for key in SHARED}
    tags = [tag for tag in profile["tags"] if tag in customer.tags]
    custom = {key: customer.custom[key] for key in profile["custom"] if key in customer.custom}
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_CUSTOMER})):
        result = conn.execute(
            insert(c).values(
                account_id=scope.account.id,
                data_source_id=ds.id,
                uuid=wire.new_uuid("customer"),
                external_id=external_id,
                tags=tags,
                custom=custom,
                status=values["lead_status"],
                mrr=0,
                created_at=s.utcnow(),
                **values,
            )
        )
    new_id = result.inserted_primary_key[0]  # type: ignore[index]
    for name, table in MOVED.items():
        if name in ("customer_notes", "opportunities", "tasks") and name not in movable:
            continue
        ids = record.moved.get(name, [])
        if ids:
            conn.execute(
                update(table)
                .where(among(conn, table.c.id, ids), table.c.customer_id == customer.id)
                .values(customer_id=new_id)
            )
    li = s.line_items
    conn.execute(
        update(li)
        .where(
            among(conn, li.c.invoice_id, record.moved.get("invoices", [])), li.c.customer_id == customer.id
        )
        .values(customer_id=new_id)
    )
    _disconnect_split(scope, new_id)
    conn.execute(
        update(c)
        .where(c.c.id == customer.id)
        .values(
            tags=[tag for tag in customer.tags if tag not in tags],
            custom={key: value for key, value in customer.custom.items() if key not in custom},
            merged=[pair for pair in customer.merged or () if pair != [ds.uuid, external_id]] or None,
        )
    )
    conn.execute(delete(m).where(m.c.id == record.id))
    derive.refresh(conn, scope.account, {customer.id, new_id})
    return {}


def _disconnect_split(scope: Scope, new_id: int) -> None:
    """An unmerge disconnects every connection its subscriptions were in: one customer's subscriptions
    cannot be one history with another's."""
    sub = s.subscriptions
    keys = list(
        scope.conn.execute(
            select(sub.c.connection).where(sub.c.customer_id == new_id, sub.c.connection.is_not(None))
        ).scalars()
    )
    if keys:
        scope.conn.execute(
            update(sub).where(among(scope.conn, sub.c.connection, keys)).values(connection=None)
        )


# -- deleting a data source --------------------------------------------------------------------------------


@contextmanager
def leaving_data_source(scope: Scope, ds_id: int) -> Iterator[None]:
    """Around a data source's delete: the customers of other sources that held its customers (merged
    into them) forget those identities, and their figures are recomputed without its invoices."""
    conn, m, c, sub = scope.conn, s.customer_merges, s.customers, s.subscriptions
    holders = set(conn.execute(select(m.c.customer_id).where(m.c.data_source_id == ds_id)).scalars())
    holders |= set(
        conn.execute(
            select(sub.c.customer_id)
            .join(c, c.c.id == sub.c.customer_id)
            .where(sub.c.data_source_id == ds_id, c.c.data_source_id != ds_id)
        ).scalars()
    )
    ds_uuid = conn.execute(select(s.data_sources.c.uuid).where(s.data_sources.c.id == ds_id)).scalar_one()
    yield
    if not holders:
        return
    left = conn.execute(select(c.c.id, c.c.merged).where(among(conn, c.c.id, holders))).all()
    for row in left:
        kept = [pair for pair in row.merged or () if pair[0] != ds_uuid]
        if kept != (row.merged or []):
            conn.execute(update(c).where(c.c.id == row.id).values(merged=kept or None))
    derive.refresh(conn, scope.account, {row.id for row in left})
