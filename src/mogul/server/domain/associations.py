"""What a note or a task is attached to (`associated_object`): a customer, or one of its contacts.

A create names it by `customer_uuid`, or by ChartMogul's `associated_object_identifier`
(`{"associated_object": "customer" | "contact", "method": "uuid", "value": ...}`, what the Python client's
`Contact.createTask` / `createEntityNote` send). An object attached to a contact is stored with the
contact's customer as well (it goes with the customer, and with the contact, when either is deleted), and
answers `customer_uuid: null`, `associated_object: "contact"`, `associated_object_uuid: "con_..."`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, update

from mogul.server.domain import crm
from mogul.server.domain.base import Scope, find
from mogul.server.domain.fields import Fields
from mogul.store import schema as s

IDENTIFIER = "associated_object_identifier"
OBJECTS = ("customer", "contact")
METHODS = ("uuid",)
# the tables whose rows can be attached to a contact
ATTACHED = (s.customer_notes, s.tasks)


@dataclass(frozen=True)
class Target:
    """What an object is created for, as read from the body (resolved by `resolve`)."""

    object: str
    uuid: str | None


def read(f: Fields) -> Target:
    """The target a create body names: its `customer_uuid`, else its `associated_object_identifier`
    (a 400 naming `customer_uuid` when it has neither)."""
    if not f.has(IDENTIFIER):
        return Target("customer", f.string("customer_uuid", required=True))
    if f.has("customer_uuid"):
        f.fail(IDENTIFIER, f"Give either customer_uuid or {IDENTIFIER}, not both.")
        return Target("customer", None)
    raw = f.data[IDENTIFIER]
    if not isinstance(raw, dict):
        f.fail(IDENTIFIER, f"{IDENTIFIER} must be an object with associated_object, method and value.")
        return Target("customer", None)
    inner = Fields(raw, prefix=f"{IDENTIFIER}.")
    kind = inner.enum("associated_object", OBJECTS, required=True)
    inner.enum("method", METHODS, required=True)
    uuid = crm.text(inner, "value", required=True)
    inner.check()
    return Target(kind or "customer", uuid)


def resolve(scope: Scope, target: Target) -> dict[str, Any]:
    """The `customer_id` and `contact_id` of the target in the scope's account (404 when it is not
    there: `Customer not found`, `Contact not found`)."""
    if target.object == "contact":
        contact = find(scope, s.contacts, target.uuid, "Contact")
        return {"customer_id": contact.customer_id, "contact_id": contact.id}
    return {"customer_id": crm.customer(scope, target.uuid).id, "contact_id": None}


def serialize(row: Any) -> dict[str, Any]:
    """The keys that say what a row (of `crm.select_of`) is attached to."""
    if row.contact_id is not None:
        return {
            "customer_uuid": None,
            "associated_object": "contact",
            "associated_object_uuid": row.contact_uuid,
        }
    return {
        "customer_uuid": row.customer_uuid,
        "associated_object": "customer",
        "associated_object_uuid": row.customer_uuid,
    }


def filters(table: Table, customer_uuid: str | None, contact_uuid: str | None) -> list[Any]:
    """List conditions: `customer_uuid` keeps the customer's own objects (not its contacts'),
    `contact_uuid` a contact's."""
    own: ColumnElement[bool] | None = None
    if customer_uuid:
        own = (s.customers.c.uuid == customer_uuid) & table.c.contact_id.is_(None)
    return [own, crm.equal_to(s.contacts.c.uuid, contact_uuid)]


def move(scope: Scope, merged: Any, into: Any) -> None:
    """A merged contact's notes and tasks go to the contact it is merged into (and its customer)."""
    for table in ATTACHED:
        scope.conn.execute(
            update(table)
            .where(table.c.contact_id == merged.id)
            .values(contact_id=into.id, customer_id=into.customer_id)
        )
