"""Sandbox bundles: the CRM objects of a data source's customers (contacts, customer notes,
opportunities, tasks).

Each is one entry of the data source's list of that name, holding what its create takes, its customer
named by `customer_external_id` (in that data source), and its times to the microsecond:

    "contacts": [{"customer_external_id": "ada", "email": "ada@example.com", "position": 1, ...}],
    "customer_notes": [{"customer_external_id": "ada", "type": "note", "text": "...", ...}]

A seed makes each through the resource's own create (its checks, its defaults), then sets the times
the entry gives. An object that the data source already holds, field for field, is matched and not
made again, so seeding a bundle twice is seeding it once. A problem is an error at the entry's place
(`data_sources[0].tasks[1].due_date`), and the caller's 422 stores nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, select, update

from mogul.server import wire
from mogul.server.domain import contacts, customer_notes, opportunities, tasks
from mogul.server.domain.base import Scope
from mogul.store import schema as s

TIMES = ("created_at", "updated_at")


@dataclass(frozen=True)
class CrmKind:
    table: Table
    fields: tuple[str, ...]  # what the export writes, besides the customer and the times
    create: Callable[[Scope, dict[str, Any]], dict[str, Any]]
    uuid_key: str = "uuid"  # where the create's answer gives the new object's uuid


KINDS: dict[str, CrmKind] = {
    "contacts": CrmKind(
        s.contacts,
        ("external_id", "position", *contacts.PROFILE, "notes", "custom"),
        contacts.create,
    ),
    "customer_notes": CrmKind(
        s.customer_notes, ("type", "text", "author_email", "call_duration"), customer_notes.create
    ),
    "opportunities": CrmKind(
        s.opportunities,
        (
            "owner",
            "pipeline",
            "pipeline_stage",
            "estimated_close_date",
            "currency",
            "amount_in_cents",
            "type",
            "forecast_category",
            "win_likelihood",
            "custom",
        ),
        opportunities.create,
    ),
    "tasks": CrmKind(
        s.tasks, ("task_details", "assignee", "due_date", "completed_at"), tasks.create, "task_uuid"
    ),
}


def _shown(value: Any) -> Any:
    if hasattr(value, "hour"):
        return wire.fmt_exact(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _entry(kind: CrmKind, row: Any, customer_external_id: str) -> dict[str, Any]:
    out = {"customer_external_id": customer_external_id}
    for key in (*kind.fields, *TIMES):
        if key in kind.table.c:
            value = getattr(row, key)
            if value is not None and value != {}:
                out[key] = _shown(value)
    return out


def export(scope: Scope, data_source_id: int) -> dict[str, list[dict[str, Any]]]:
    """The CRM objects of the data source's customers, by kind, each list in creation order."""
    c = s.customers.c
    out: dict[str, list[dict[str, Any]]] = {}
    for name, kind in KINDS.items():
        t = kind.table
        rows = scope.conn.execute(
            select(t, c.external_id.label("customer_external_id"))
            .join(s.customers, c.id == t.c.customer_id)
            .where(t.c.account_id == scope.account.id, c.data_source_id == data_source_id)
            .order_by(t.c.id)
        )
        entries = [_entry(kind, row, row.customer_external_id) for row in rows]
        if entries:
            out[name] = entries
    return out


def _canonical(entry: dict[str, Any]) -> str:
    return json.dumps(entry, sort_keys=True, default=str)


def _errors_of(exc: wire.ApiError, where: str) -> dict[str, str]:
    body = exc.body if isinstance(exc.body, dict) else {}
    if isinstance(body.get("errors"), dict):
        return {f"{where}.{key}": str(message) for key, message in body["errors"].items()}
    message = body.get("message") or body.get("error") or str(exc)
    param = body.get("param")
    return {f"{where}.{param}" if param else where: str(message)}


def seed(
    scope: Scope,
    ds: Any,
    index: int,
    arrays: dict[str, list[dict[str, Any]]],
    counts: dict[str, dict[str, int]],
) -> dict[str, str]:
    """Make the data source's CRM objects the bundle gives (`arrays` by kind); the errors by place.
    `counts` gains what was created and matched, by kind."""
    if not any(arrays.get(name) for name in KINDS):
        return {}
    c = s.customers.c
    found = scope.conn.execute(select(c.external_id, c.uuid).where(c.data_source_id == ds.id))
    customers = {external_id: uuid for external_id, uuid in found}
    stored = {name: Counter(_canonical(e) for e in entries) for name, entries in export(scope, ds.id).items()}
    errors: dict[str, str] = {}
    for name, kind in KINDS.items():
        have = stored.get(name, Counter())
        for n, entry in enumerate(arrays.get(name) or []):
            where = f"data_sources[{index}].{name}[{n}]"
            external_id = entry.get("customer_external_id")
            if not isinstance(external_id, str) or external_id not in customers:
                errors[f"{where}.customer_external_id"] = f"No customer {external_id!r} in this data source."
                continue
            customer_uuid = customers[external_id]
            body = {k: v for k, v in entry.items() if k not in ("customer_external_id", *TIMES)}
            body |= {"customer_uuid": customer_uuid} | (
                {"data_source_uuid": ds.uuid} if name == "contacts" else {}
            )
            times = {}
            for key in TIMES:
                if key in entry and key in kind.table.c:
                    try:
                        times[key] = wire.parse_time(entry[key])
                    except (TypeError, ValueError):
                        errors[f"{where}.{key}"] = f"{key} is not a valid ISO 8601 timestamp."
            try:
                made = kind.create(scope, body)
            except wire.ApiError as exc:
                errors.update(_errors_of(exc, where))
                continue
            t = kind.table
            row_id = scope.conn.execute(select(t.c.id).where(t.c.uuid == made[kind.uuid_key])).scalar_one()
            if times:
                scope.conn.execute(update(t).where(t.c.id == row_id).values(**times))
            row = scope.conn.execute(select(t).where(t.c.id == row_id)).one()
            key = _canonical(_entry(kind, row, external_id))
            if have[key] > 0:  # the data source holds it already: keep that one
                have[key] -= 1
                scope.conn.execute(delete(t).where(t.c.id == row_id))
                counts["matched"][name] += 1
            else:
                counts["created"][name] += 1
    return errors
