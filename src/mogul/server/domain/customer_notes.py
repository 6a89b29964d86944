"""Customer notes and call logs (`/customer_notes`): create, list (by customer, type, author), retrieve,
update, delete.

A note's author is the ChartMogul user who wrote it. mogul has no users: the author is the
`author_email` given, or else the account (the owner of the API key, as ChartMogul defaults it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mogul.server import wire
from mogul.server.domain import crm
from mogul.server.domain.base import Scope, object_body
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import PageRequest
from mogul.store import schema as s

NOTE = crm.Kind(s.customer_notes, "Customer note", "customer_note")
TYPES = ("note", "call")


@dataclass(frozen=True)
class NoteFilters:
    customer_uuid: str | None = None
    type: str | None = None
    author_email: str | None = None


def serialize(scope: Scope, row: Any) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "customer_uuid": row.customer_uuid,
        "type": row.type,
        "text": row.text,
        "call_duration": row.call_duration,
        "author": row.author_email or scope.account.name,
        "created_at": wire.fmt_ms(row.created_at),
        "updated_at": wire.fmt_ms(row.updated_at),
    }


def _values(f: Fields, *, only_present: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if f.has("text") or not only_present:
        values["text"] = f.string("text") or ""
    if f.has("author_email"):
        values["author_email"] = crm.text(f, "author_email")
    if f.has("call_duration") or not only_present:
        values["call_duration"] = f.integer("call_duration", minimum=0) or 0
    if f.has("created_at"):
        values["created_at"] = crm.past_time(f, "created_at", required=True)
    return values


def _answer(scope: Scope, uuid: str) -> dict[str, Any]:
    return serialize(scope, crm.one(scope, NOTE, uuid))


def create(scope: Scope, body: Any) -> dict[str, Any]:
    f = Fields(object_body(body))
    customer_uuid = f.string("customer_uuid", required=True)
    kind = f.enum("type", TYPES, required=True)
    values = _values(f, only_present=False)
    f.check()
    customer = crm.customer(scope, customer_uuid)
    now = s.utcnow()
    made = values.setdefault("created_at", now)
    uuid = crm.create(
        scope, NOTE, {"customer_id": customer.id, "type": kind, "updated_at": max(made, now), **values}
    )
    return _answer(scope, uuid)


def list_notes(scope: Scope, filters: NoteFilters, page: PageRequest) -> dict[str, Any]:
    if filters.type and filters.type not in TYPES:
        raise wire.bad_request(f'Parameter "type" must be one of: {", ".join(TYPES)}', "type")
    n = s.customer_notes.c
    stmt = crm.where_all(
        crm.select_of(NOTE),
        crm.equal_to(s.customers.c.uuid, filters.customer_uuid),
        crm.equal_to(n.type, filters.type),
        crm.equal_to(n.author_email, filters.author_email),
    )
    return crm.listing(scope, NOTE, stmt, page, lambda row: serialize(scope, row))


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return _answer(scope, uuid)


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    """Update the text, author, call duration or times present; `updated_at` is now unless given."""
    row = crm.one(scope, NOTE, uuid)
    f = Fields(object_body(body))
    values = _values(f, only_present=True)
    values["updated_at"] = crm.past_time(f, "updated_at") or s.utcnow()
    f.check()
    crm.change(scope, NOTE, row, values)
    return _answer(scope, row.uuid)


def destroy(scope: Scope, uuid: str) -> dict[str, Any]:
    return crm.destroy(scope, NOTE, uuid)
