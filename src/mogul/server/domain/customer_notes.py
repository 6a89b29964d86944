"""Customer notes and call logs (`/customer_notes`): create, list (by customer, type, author), retrieve,
update, delete.

A note's author is the ChartMogul user who wrote it. mogul has no users: the author is the
`author_email` given, or else the account (the owner of the API key, as ChartMogul defaults it).

These are the notes `/notes` serves too (`entity_notes`, which supersedes this endpoint): the same stored
objects, with the same uuids. `/customer_notes` shows only those attached to a customer; a note attached
to a contact is a `/notes` object only (404 here).
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

NOTE = crm.Kind(
    s.customer_notes, "Customer note", "customer_note", only=s.customer_notes.c.contact_id.is_(None)
)
TYPES = ("note", "call")


@dataclass(frozen=True)
class NoteFilters:
    customer_uuid: str | None = None
    type: str | None = None
    author_email: str | None = None


def serialize(scope: Scope, row: Any) -> dict[str, Any]:
    return {"uuid": row.uuid, "customer_uuid": row.customer_uuid, **content(scope, row)}


def content(scope: Scope, row: Any) -> dict[str, Any]:
    """What a note says, and who wrote it when (the keys after the ones naming what it is about)."""
    return {
        "type": row.type,
        "text": row.text,
        "call_duration": row.call_duration,
        "author": row.author_email or scope.account.name,
        "created_at": wire.fmt_ms(row.created_at),
        "updated_at": wire.fmt_ms(row.updated_at),
    }


def note_values(f: Fields, *, only_present: bool) -> dict[str, Any]:
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
    note = new_note(f)
    return _answer(scope, insert(scope, NOTE, {"customer_id": crm.customer(scope, customer_uuid).id}, note))


def new_note(f: Fields) -> dict[str, Any]:
    """The type and content of a note to create (what the body has, checked)."""
    kind = f.enum("type", TYPES, required=True)
    note = {"type": kind, **note_values(f, only_present=False)}
    f.check()
    return note


def insert(scope: Scope, kind: crm.Kind, owner: dict[str, Any], note: dict[str, Any]) -> str:
    """Store a note of `owner` (its customer, and contact); made now unless it says when; its uuid."""
    now = s.utcnow()
    made = note.setdefault("created_at", now)
    return crm.create(scope, kind, {**owner, "updated_at": max(made, now), **note})


def list_notes(scope: Scope, filters: NoteFilters, page: PageRequest) -> dict[str, Any]:
    stmt = select_notes(
        NOTE, filters.type, filters.author_email, crm.equal_to(s.customers.c.uuid, filters.customer_uuid)
    )
    return crm.listing(scope, NOTE, stmt, page, lambda row: serialize(scope, row))


def select_notes(kind: crm.Kind, type: str | None, author_email: str | None, *conditions: Any) -> Any:
    """The notes of a type and an author (when given) that meet `conditions` (400 for an unknown type)."""
    if type and type not in TYPES:
        raise wire.bad_request(f'Parameter "type" must be one of: {", ".join(TYPES)}', "type")
    n = s.customer_notes.c
    return crm.where_all(
        crm.select_of(kind),
        *conditions,
        crm.equal_to(n.type, type),
        crm.equal_to(n.author_email, author_email),
    )


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return _answer(scope, uuid)


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    """Update the text, author, call duration or times present; `updated_at` is now unless given."""
    row = crm.one(scope, NOTE, uuid)
    change(scope, NOTE, row, body)
    return _answer(scope, row.uuid)


def change(scope: Scope, kind: crm.Kind, row: Any, body: Any) -> None:
    f = Fields(object_body(body))
    changed = note_values(f, only_present=True)
    changed["updated_at"] = crm.past_time(f, "updated_at") or s.utcnow()
    f.check()
    crm.change(scope, kind, row, changed)


def destroy(scope: Scope, uuid: str) -> dict[str, Any]:
    return crm.destroy(scope, NOTE, uuid)
