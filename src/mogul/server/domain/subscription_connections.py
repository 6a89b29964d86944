"""Connecting and disconnecting a customer's subscriptions (`POST /customers/{uuid}/connect_subscriptions`
and `.../disconnect_subscriptions`).

Connected subscriptions share a `connection` key and the analytics engine counts them as one history
(`analytics.subscriptions.connected_history`): moving from one to the next is a plan change, not a churn
and a new subscription, and a gap between them is smoothed over (mrr-semantics.md §1.2, "Connecting
subscriptions"). Disconnecting takes subscriptions out of their connection; a connection left with one
subscription is no connection. Either write recomputes the customer (`derive.refresh`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from mogul.server import wire
from mogul.server.domain import derive
from mogul.server.domain.base import Scope, find, object_body
from mogul.server.domain.fields import Fields
from mogul.store import schema as s
from mogul.store.bulk import among

TWO_NEEDED = "At least two subscriptions are needed to connect."
ONE_NEEDED = "At least one subscription is needed to disconnect."
TWICE = "The same subscription is given twice."


def _subscriptions(scope: Scope, customer: Any, body: Any, least: int, message: str) -> list[Any]:
    """The customer's subscriptions the body names, each by `data_source_uuid` with the Metrics API's
    `uuid` (the Import API's `sub_` uuid also works) or with its `external_id`."""
    f = Fields(object_body(body))
    items = f.objects("subscriptions", required=True)
    f.check()
    assert items is not None
    if len(items) < least:
        raise wire.invalid({"subscriptions": message})
    refs = []
    for n, item in enumerate(items):
        sf = Fields(item, prefix=f"subscriptions[{n}].")
        ds_uuid = sf.string("data_source_uuid", required=True)
        uuid = sf.string("uuid")
        external_id = None if uuid is not None else sf.string("external_id", required=True)
        sf.check()
        refs.append((ds_uuid, uuid, external_id))
    sub = s.subscriptions
    rows = []
    for ds_uuid, uuid, external_id in refs:
        ds = find(scope, s.data_sources, ds_uuid, "Data source")
        where = [sub.c.customer_id == customer.id, sub.c.data_source_id == ds.id]
        if uuid is not None:
            where.append((sub.c.metrics_uuid == uuid) | (sub.c.uuid == uuid))
        else:
            where.append(sub.c.external_id == external_id)
        row = scope.conn.execute(select(sub).where(*where)).first()
        if row is None:
            raise wire.not_found("Subscription")
        rows.append(row)
    if len({row.id for row in rows}) < len(rows):
        raise wire.invalid({"subscriptions": TWICE})
    return rows


def connect(scope: Scope, customer_uuid: str, body: Any) -> dict[str, Any]:
    """Connect the subscriptions into one history (with those already connected to any of them)."""
    customer = find(scope, s.customers, customer_uuid, "Customer")
    rows = _subscriptions(scope, customer, body, 2, TWO_NEEDED)
    existing = sorted({row.connection for row in rows if row.connection is not None})
    key = existing[0] if existing else wire.new_uuid(None)
    sub, conn = s.subscriptions, scope.conn
    conn.execute(update(sub).where(among(conn, sub.c.id, [row.id for row in rows])).values(connection=key))
    if existing[1:]:
        conn.execute(update(sub).where(among(conn, sub.c.connection, existing[1:])).values(connection=key))
    derive.refresh(conn, scope.account, {customer.id}, lines_removed=False)
    return {}


def disconnect(scope: Scope, customer_uuid: str, body: Any) -> dict[str, Any]:
    """Take the subscriptions out of their connections (one not connected is left as it is)."""
    customer = find(scope, s.customers, customer_uuid, "Customer")
    rows = _subscriptions(scope, customer, body, 1, ONE_NEEDED)
    keys = {row.connection for row in rows if row.connection is not None}
    sub, conn = s.subscriptions, scope.conn
    conn.execute(update(sub).where(among(conn, sub.c.id, [row.id for row in rows])).values(connection=None))
    if keys:
        alone = conn.execute(
            select(sub.c.connection)
            .where(among(conn, sub.c.connection, keys))
            .group_by(sub.c.connection)
            .having(func.count() < 2)
        ).scalars()
        conn.execute(update(sub).where(among(conn, sub.c.connection, list(alone))).values(connection=None))
    derive.refresh(conn, scope.account, {customer.id}, lines_removed=False)
    return {}
