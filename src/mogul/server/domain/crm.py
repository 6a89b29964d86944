"""What the CRM resources share (contacts, customer notes, opportunities, tasks): each object belongs to
an account and a customer, goes with the customer when it is deleted, and has no part in the analytics.

A `Kind` names a resource's table and how ChartMogul calls it in a 404; the functions here find one
object of the scope's account, page a list in creation order (ChartMogul's CRM envelope: `entries`,
`cursor`, `has_more`, both keys always there), insert, update and delete. Custom attributes of CRM
objects are untyped: `[{"key": ..., "value": ...}]` in, a `{key: value}` map out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, delete, insert, select, update

from mogul.server import wire
from mogul.server.domain import query
from mogul.server.domain.base import Scope, find
from mogul.server.domain.fields import Fields, parse_bool
from mogul.server.domain.paging import PageRequest, paginate
from mogul.store import schema as s

# what DELETE answers for a CRM object: 200 with an empty object
DELETED: dict[str, Any] = {}
_CUSTOM_KEY = re.compile(r"^[A-Za-z0-9_]{1,255}$")


@dataclass(frozen=True)
class Kind:
    """One CRM resource: its table, what a 404 calls it, and the id prefix of its uuids (None: plain)."""

    table: Table
    what: str
    prefix: str | None = None
    # the rows of the table this resource shows (None: all of them)
    only: ColumnElement[bool] | None = None


def select_of(kind: Kind, *columns: Any) -> Any:
    """The resource's rows with their customer's uuid (and `columns` of the customer or more); with the
    uuid of their contact too (`contact_uuid`, None for a customer's) when they can belong to one."""
    c = s.customers.c
    t = kind.table
    stmt = select(t, c.uuid.label("customer_uuid"), *columns).join(s.customers, c.id == t.c.customer_id)
    if "contact_id" in t.c:
        stmt = stmt.add_columns(s.contacts.c.uuid.label("contact_uuid")).outerjoin(
            s.contacts, s.contacts.c.id == t.c.contact_id
        )
    return stmt


def one(scope: Scope, kind: Kind, uuid: str, stmt: Any = None) -> Any:
    """The object with this uuid in the scope's account, or 404 `{"error": "<what> not found"}`."""
    t = kind.table
    stmt = select_of(kind) if stmt is None else stmt
    stmt = where_all(stmt, kind.only)
    row = scope.conn.execute(stmt.where(t.c.uuid == uuid, t.c.account_id == scope.account.id)).first()
    if row is None:
        raise wire.not_found(kind.what)
    return row


def customer(scope: Scope, uuid: str | None) -> Any:
    """The customer of the scope's account an object is for (404 when there is none)."""
    return find(scope, s.customers, uuid, "Customer")


def listing(
    scope: Scope,
    kind: Kind,
    stmt: Any,
    page: PageRequest,
    serialize: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """One page of `stmt` (already filtered) in the order the objects were made."""
    t = kind.table
    stmt = where_all(stmt, kind.only).where(t.c.account_id == scope.account.id)
    found = paginate(scope.conn, page, stmt, [t.c.id], count=False)
    return {"entries": [serialize(r) for r in found.rows], "cursor": found.cursor, "has_more": found.has_more}


def equal_to(column: ColumnElement[Any], value: str | None) -> ColumnElement[bool] | None:
    """A filter on `column` for a query parameter given (None when it is absent or empty)."""
    return None if not value else column == value


def where_all(stmt: Any, *conditions: ColumnElement[bool] | None) -> Any:
    for condition in conditions:
        if condition is not None:
            stmt = stmt.where(condition)
    return stmt


def query_date(raw: str | None, name: str) -> date | None:
    """An optional date parameter (`YYYY-MM-DD`, or a timestamp cut to its UTC date)."""
    return query.required_date(raw, name) if raw else None


def query_bool(raw: str | None, name: str) -> bool | None:
    if not raw:
        return None
    value = parse_bool(raw)
    if value is None:
        raise wire.bad_request(f'Parameter "{name}" must be true or false, got {raw!r}', name)
    return value


def create(scope: Scope, kind: Kind, values: dict[str, Any]) -> str:
    """Insert an object of the scope's account; answers its new uuid."""
    uuid = wire.new_uuid(kind.prefix)
    scope.conn.execute(insert(kind.table).values(account_id=scope.account.id, uuid=uuid, **values))
    return uuid


def change(scope: Scope, kind: Kind, row: Any, values: dict[str, Any]) -> None:
    if values:
        scope.conn.execute(update(kind.table).where(kind.table.c.id == row.id).values(**values))


def destroy(scope: Scope, kind: Kind, uuid: str) -> dict[str, Any]:
    row = one(scope, kind, uuid, select(kind.table.c.id))
    scope.conn.execute(delete(kind.table).where(kind.table.c.id == row.id))
    return DELETED


def text(f: Fields, key: str, *, required: bool = False, max_len: int | None = 255) -> str | None:
    """A text field; required ones may not be null or blank."""
    return f.string(key, required=required, blank=not required, max_len=max_len)


def texts(f: Fields, keys: tuple[str, ...], *, only_present: bool) -> dict[str, Any]:
    """Optional text fields of at most 255 characters (null clears them); with `only_present`, just those
    in the body (an update)."""
    return {key: text(f, key) for key in keys if f.has(key) or not only_present}


def custom(f: Fields, *, stored: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """`custom` as CRM objects take it: ChartMogul's `[{"key", "value"}]`, or a `{key: value}` map;
    merged into the `stored` attributes (an update). None when the body has none."""
    if not f.has("custom"):
        return None
    raw = f.data["custom"]
    pairs: list[tuple[Any, Any]] = []
    if isinstance(raw, dict):
        pairs = list(raw.items())
    elif isinstance(raw, list) and all(isinstance(i, dict) and "key" in i for i in raw):
        pairs = [(i["key"], i.get("value")) for i in raw]
    elif raw is not None:
        f.fail("custom", "custom must be an array of objects with key and value.")
        return None
    out = dict(stored or {})
    for key, value in pairs:
        if not isinstance(key, str) or not _CUSTOM_KEY.fullmatch(key):
            f.fail("custom", f"Custom attribute keys must be letters, digits and underscores, got {key!r}.")
        elif not _custom_value(value):
            f.fail(
                f"custom.{key}",
                "Custom attribute values must be text of at most 255 characters, numbers, true, false "
                "or null.",
            )
        else:
            out[key] = value
    return out


def _custom_value(value: Any) -> bool:
    if isinstance(value, str):
        return len(value) <= 255 and "\x00" not in value
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return True
    return isinstance(value, int) and -(2**63) <= value < 2**63


def past_time(f: Fields, key: str, *, required: bool = False) -> datetime | None:
    return f.time(key, required=required, past=True)


def day(f: Fields, key: str, *, required: bool = False) -> date | None:
    """A calendar date field (`YYYY-MM-DD`; a timestamp is cut to its UTC date)."""
    moment = f.time(key, required=required)
    return moment.date() if moment is not None else None
