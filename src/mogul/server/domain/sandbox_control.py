"""The sandbox control API: reset the calling account, export it as a bundle, seed it from one, and
keep named snapshots of it to restore.

Everything acts on the scope's account only, and keeps the account itself and its API keys. A reset
deletes every data source (with all that is in it: customers, plans, invoices, subscriptions,
activities, imports) and every plan group, and invalidates the metrics. Bundles are `domain.bundles`.
A snapshot is the account's export, stored under a name in the database (so every server on it, and a
restarted one, has it); restoring one is a reset and a seed of that export, in one transaction.
Snapshots are kept by a reset: they are the sandbox's, not the account's data.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, func, insert, select

from mogul.server import wire
from mogul.server.domain import bundles
from mogul.server.domain.base import Scope
from mogul.server.domain.effects import ACTIVITIES, invalidates
from mogul.store import schema as s

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
_NAME = re.compile(NAME_PATTERN)
NAME_RULE = "A snapshot name is 1 to 100 letters, digits, '.', '_' or '-', the first a letter or digit."
_COUNTED = {
    "data_sources": s.data_sources,
    "plans": s.plans,
    "customers": s.customers,
    "invoices": s.invoices,
    "plan_groups": s.plan_groups,
}

prepare_seed = bundles.prepare


@invalidates(ACTIVITIES)
def reset(scope: Scope) -> dict[str, Any]:
    """Delete all of the account's data; answers how many objects of each kind went."""
    conn, account_id = scope.conn, scope.account.id
    counts = {
        kind: conn.execute(select(func.count()).where(table.c.account_id == account_id)).scalar_one()
        for kind, table in _COUNTED.items()
    }
    for table in (s.plan_groups, s.data_sources):
        conn.execute(delete(table).where(table.c.account_id == account_id))
    return {"deleted": counts}


def export(scope: Scope) -> dict[str, Any]:
    return bundles.export(scope)


def seed(scope: Scope, prepared: bundles.Seed) -> dict[str, Any]:
    """Seed the account with a bundle read by `prepare_seed` (see `bundles.write`)."""
    return bundles.write(scope, prepared)


# -- snapshots ------------------------------------------------------------------------------------------


def _snapshot(scope: Scope, name: str) -> Any:
    t = s.sandbox_snapshots
    row = scope.conn.execute(select(t).where(t.c.account_id == scope.account.id, t.c.name == name)).first()
    if row is None:
        raise wire.not_found("Snapshot")
    return row


def _head(row: Any) -> dict[str, Any]:
    return {"name": row.name, "created_at": wire.fmt_ms(row.created_at)}


def snapshot(scope: Scope, name: str) -> dict[str, Any]:
    """Store the account's export as snapshot `name`, replacing one of that name."""
    if not _NAME.fullmatch(name):
        raise wire.invalid({"name": NAME_RULE})
    bundle = bundles.export(scope)
    t = s.sandbox_snapshots
    scope.conn.execute(delete(t).where(t.c.account_id == scope.account.id, t.c.name == name))
    now = s.utcnow()
    scope.conn.execute(
        insert(t).values(account_id=scope.account.id, name=name, bundle=bundle, created_at=now)
    )
    return {"name": name, "created_at": wire.fmt_ms(now), "objects": bundles.count(bundle)}


def list_snapshots(scope: Scope) -> dict[str, Any]:
    t = s.sandbox_snapshots
    rows = scope.conn.execute(
        select(t.c.name, t.c.created_at).where(t.c.account_id == scope.account.id).order_by(t.c.name)
    )
    return {"snapshots": [_head(r) for r in rows]}


def retrieve_snapshot(scope: Scope, name: str) -> dict[str, Any]:
    row = _snapshot(scope, name)
    return _head(row) | {"objects": bundles.count(row.bundle), "bundle": row.bundle}


def restore(scope: Scope, name: str) -> dict[str, Any]:
    """Make the account what it was when snapshot `name` was taken: a reset, then a seed of the
    snapshot's bundle (the objects are the same, their uuids new)."""
    row = _snapshot(scope, name)
    deleted = reset(scope)
    return {"name": row.name, **deleted, **bundles.write(scope, bundles.prepare(row.bundle))}


def delete_snapshot(scope: Scope, name: str) -> None:
    t = s.sandbox_snapshots
    scope.conn.execute(delete(t).where(t.c.id == _snapshot(scope, name).id))
