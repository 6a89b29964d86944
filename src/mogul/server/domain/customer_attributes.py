"""A customer's attributes: tags and custom attributes (added in the typed array form, updated as a map,
removed by key), of one customer by uuid or of every customer with an email."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from mogul.server import wire
from mogul.server.domain.base import Scope, find, object_body
from mogul.server.domain.checks import typed_custom
from mogul.server.domain.customers import attributes_of, no_customer_with, summary
from mogul.server.domain.fields import Fields
from mogul.store import schema as s

# -- reading --------------------------------------------------------------------------------------------


def _customer(scope: Scope, uuid: str) -> Any:
    return find(scope, s.customers, uuid, "Customer")


def _by_email(scope: Scope, body: Any) -> list[Any]:
    """The customers with the body's `email`; none at all is a 404."""
    f = Fields(object_body(body))
    email = f.string("email", required=True, blank=False)
    f.check()
    assert email is not None
    rows = scope.conn.execute(
        select(s.customers).where(s.customers.c.account_id == scope.account.id, s.customers.c.email == email)
    ).all()
    if not rows:
        raise no_customer_with(email)
    return list(rows)


def attributes(scope: Scope, uuid: str) -> dict[str, Any]:
    return attributes_of(_customer(scope, uuid))


# -- what the bodies hold -------------------------------------------------------------------------------


def _tags_in(body: Any) -> list[str]:
    f = Fields(object_body(body))
    tags = f.string_list("tags", required=True)
    f.check()
    return tags or []


def _typed_custom_in(body: Any) -> dict[str, Any]:
    """The typed array form of `custom` (add), checked, as the stored map."""
    f = Fields(object_body(body))
    items = f.objects("custom", required=True) or []
    f.check()
    custom = typed_custom(f, items)
    f.check()
    return custom


def _plain_custom_in(body: Any) -> Any:
    """`custom` as sent (a map to update, a list of keys to remove); the caller checks its shape."""
    data = object_body(body)
    if "custom" not in data:
        raise wire.param_missing("custom")
    return data["custom"]


# -- writing --------------------------------------------------------------------------------------------


def _set(scope: Scope, row: Any, **values: Any) -> Any:
    scope.conn.execute(update(s.customers).where(s.customers.c.id == row.id).values(**values))
    return scope.conn.execute(select(s.customers).where(s.customers.c.id == row.id)).one()


def add_tags(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    row = _customer(scope, uuid)
    row = _set(scope, row, tags=list(dict.fromkeys([*row.tags, *_tags_in(body)])))
    return {"tags": row.tags}


def remove_tags(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    row = _customer(scope, uuid)
    gone = set(_tags_in(body))
    row = _set(scope, row, tags=[t for t in row.tags if t not in gone])
    return {"tags": row.tags}


def add_custom(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    row = _customer(scope, uuid)
    custom = _typed_custom_in(body)
    row = _set(scope, row, custom=row.custom | custom)
    return {"custom": row.custom}


def update_custom(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    row = _customer(scope, uuid)
    custom = _plain_custom_in(body)
    if not isinstance(custom, dict):
        raise wire.invalid({"custom": "custom must be an object of key: value."})
    row = _set(scope, row, custom=row.custom | custom)
    return {"custom": row.custom}


def remove_custom(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    row = _customer(scope, uuid)
    keys = _plain_custom_in(body)
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise wire.invalid({"custom": "custom must be an array of keys."})
    gone = set(keys)
    row = _set(scope, row, custom={k: v for k, v in row.custom.items() if k not in gone})
    return {"custom": row.custom}


def add_tags_by_email(scope: Scope, body: Any) -> dict[str, Any]:
    rows = _by_email(scope, body)
    tags = _tags_in(body)
    out = [_set(scope, r, tags=list(dict.fromkeys([*r.tags, *tags]))) for r in rows]
    return {"entries": [summary(r) for r in out]}


def add_custom_by_email(scope: Scope, body: Any) -> dict[str, Any]:
    rows = _by_email(scope, body)
    custom = _typed_custom_in(body)
    out = [_set(scope, r, custom=r.custom | custom) for r in rows]
    return {"entries": [summary(r) for r in out]}
