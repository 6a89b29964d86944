"""Notes and call logs of customers and contacts (`/notes`, which supersedes `/customer_notes`): create,
list (by customer, contact, type, author), retrieve, update, delete.

A note is the object `/customer_notes` serves (the same row, the same `note_` uuid): created here for a
customer it is a customer note as well; created for a contact (`associated_object_identifier`) it is a
`/notes` object only. Entries say what they are attached to (`associations`). DELETE answers 202
`{"message": "Note has been deleted."}`, as the official Python client's tests of `EntityNote.destroy`
have it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mogul.server.domain import associations, crm, customer_notes
from mogul.server.domain.base import Scope, object_body
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import PageRequest
from mogul.store import schema as s

NOTE = crm.Kind(s.customer_notes, "Note", "customer_note")
DELETED = {"message": "Note has been deleted."}


@dataclass(frozen=True)
class EntityNoteFilters:
    customer_uuid: str | None = None
    contact_uuid: str | None = None
    type: str | None = None
    author_email: str | None = None


def serialize(scope: Scope, row: Any) -> dict[str, Any]:
    return {"uuid": row.uuid, **associations.serialize(row), **customer_notes.content(scope, row)}


def _answer(scope: Scope, uuid: str) -> dict[str, Any]:
    return serialize(scope, crm.one(scope, NOTE, uuid))


def create(scope: Scope, body: Any) -> dict[str, Any]:
    """A note of the customer `customer_uuid`, or of the customer or contact the
    `associated_object_identifier` names."""
    f = Fields(object_body(body))
    target = associations.read(f)
    note = customer_notes.new_note(f)
    owner = associations.resolve(scope, target)
    return _answer(scope, customer_notes.insert(scope, NOTE, owner, note))


def list_notes(scope: Scope, filters: EntityNoteFilters, page: PageRequest) -> dict[str, Any]:
    stmt = customer_notes.select_notes(
        NOTE,
        filters.type,
        filters.author_email,
        *associations.filters(s.customer_notes, filters.customer_uuid, filters.contact_uuid),
    )
    return crm.listing(scope, NOTE, stmt, page, lambda row: serialize(scope, row))


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return _answer(scope, uuid)


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    """Update the text, author, call duration or times present; `updated_at` is now unless given."""
    row = crm.one(scope, NOTE, uuid)
    customer_notes.change(scope, NOTE, row, body)
    return _answer(scope, row.uuid)


def destroy(scope: Scope, uuid: str) -> dict[str, Any]:
    crm.destroy(scope, NOTE, uuid)
    return DELETED
