"""Contacts: the people of a customer, each associated with one of the customer's data sources.

Create (`POST /contacts`, or `POST /customers/{uuid}/contacts`), list (filtered, or a customer's),
retrieve, update, delete, and merge one contact into another (the merged contact is deleted; the one
kept gains what it lacked, and the merged one's notes and tasks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from mogul.server import wire
from mogul.server.domain import associations, crm
from mogul.server.domain.base import Scope, find, object_body
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import PageRequest
from mogul.store import schema as s

CONTACT = crm.Kind(s.contacts, "Contact", "contact")
PROFILE = ("first_name", "last_name", "title", "email", "phone", "linked_in", "twitter")
# what a merge copies from the merged contact when the one kept has none
MERGED = (*PROFILE, "notes", "external_id")


@dataclass(frozen=True)
class ContactFilters:
    customer_uuid: str | None = None
    data_source_uuid: str | None = None
    email: str | None = None
    external_id: str | None = None
    customer_external_id: str | None = None


def _select() -> Any:
    ds = s.data_sources
    return crm.select_of(
        CONTACT, s.customers.c.external_id.label("customer_external_id"), ds.c.uuid.label("ds_uuid")
    ).join(ds, ds.c.id == s.contacts.c.data_source_id)


def serialize(row: Any) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "customer_uuid": row.customer_uuid,
        "customer_external_id": row.customer_external_id,
        "data_source_uuid": row.ds_uuid,
        "external_id": row.external_id,
        "position": row.position,
        **{key: getattr(row, key) for key in PROFILE},
        "notes": row.notes,
        "custom": row.custom,
    }


def _one(scope: Scope, uuid: str) -> Any:
    return crm.one(scope, CONTACT, uuid, _select())


def _values(f: Fields, *, only_present: bool) -> dict[str, Any]:
    values = crm.texts(f, (*PROFILE, "external_id"), only_present=only_present)
    if f.has("notes") or not only_present:
        values["notes"] = f.string("notes")
    position = f.integer("position", minimum=1)
    if position is not None:
        values["position"] = position
    return values


def create(scope: Scope, body: Any, customer_uuid: str | None = None) -> dict[str, Any]:
    """A contact of the customer named in the body, or of `customer_uuid` (the customer's own route,
    which answers 404 for an unknown customer before it reads the body)."""
    customer = crm.customer(scope, customer_uuid) if customer_uuid is not None else None
    f = Fields(object_body(body))
    named = f.string("customer_uuid", required=True) if customer is None else None
    ds_uuid = f.string("data_source_uuid", required=True)
    values = _values(f, only_present=False)
    attributes = crm.custom(f) or {}
    f.check()
    customer = customer or crm.customer(scope, named)
    ds = find(scope, s.data_sources, ds_uuid, "Data source")
    if ds.id != customer.data_source_id:
        raise wire.invalid({"data_source_uuid": "The data source must be one of the customer's."})
    if "position" not in values:
        last = scope.conn.execute(
            select(func.max(s.contacts.c.position)).where(s.contacts.c.customer_id == customer.id)
        ).scalar()
        values["position"] = (last or 0) + 1
    uuid = crm.create(
        scope,
        CONTACT,
        {
            "customer_id": customer.id,
            "data_source_id": ds.id,
            "custom": attributes,
            "created_at": s.utcnow(),
            **values,
        },
    )
    return serialize(_one(scope, uuid))


def list_contacts(scope: Scope, filters: ContactFilters, page: PageRequest) -> dict[str, Any]:
    c, cus = s.contacts.c, s.customers.c
    stmt = crm.where_all(
        _select(),
        crm.equal_to(cus.uuid, filters.customer_uuid),
        crm.equal_to(s.data_sources.c.uuid, filters.data_source_uuid),
        crm.equal_to(c.email, filters.email),
        crm.equal_to(c.external_id, filters.external_id),
        crm.equal_to(cus.external_id, filters.customer_external_id),
    )
    return crm.listing(scope, CONTACT, stmt, page, serialize)


def list_for_customer(scope: Scope, customer_uuid: str, page: PageRequest) -> dict[str, Any]:
    customer = crm.customer(scope, customer_uuid)
    stmt = _select().where(s.contacts.c.customer_id == customer.id)
    return crm.listing(scope, CONTACT, stmt, page, serialize)


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return serialize(_one(scope, uuid))


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    """Update the fields present; custom attributes merge into the stored ones. A contact stays with its
    customer and data source."""
    row = _one(scope, uuid)
    f = Fields(object_body(body))
    values = _values(f, only_present=True)
    attributes = crm.custom(f, stored=row.custom)
    f.check()
    if attributes is not None:
        values["custom"] = attributes
    crm.change(scope, CONTACT, row, values)
    return serialize(_one(scope, row.uuid))


def destroy(scope: Scope, uuid: str) -> dict[str, Any]:
    return crm.destroy(scope, CONTACT, uuid)


def merge(scope: Scope, into_uuid: str, from_uuid: str) -> dict[str, Any]:
    """Merge the contact `from_uuid` into `into_uuid`: the kept contact takes the merged one's fields it
    has none of and its custom attributes it lacks; the merged contact is deleted."""
    into = _one(scope, into_uuid)
    merged = _one(scope, from_uuid)
    if into.id == merged.id:
        raise wire.invalid({"from_uuid": "A contact cannot be merged into itself."})
    values = {
        key: getattr(merged, key)
        for key in MERGED
        if getattr(into, key) is None and getattr(merged, key) is not None
    }
    crm.change(scope, CONTACT, into, {**values, "custom": merged.custom | into.custom})
    associations.move(scope, merged, into)
    crm.destroy(scope, CONTACT, merged.uuid)
    return serialize(_one(scope, into.uuid))
