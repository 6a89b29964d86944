"""Plan groups: create, list, list a group's plans, retrieve, update, delete.

A group only names a set of plans: no derived figure depends on it, so its writes invalidate nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from mogul.server import wire
from mogul.server.domain.base import Scope, find, object_body
from mogul.server.domain.paging import PageRequest, paginate
from mogul.server.domain.plans import select_plans
from mogul.server.domain.plans import serialize as serialize_plan
from mogul.store import schema as s


@dataclass(frozen=True)
class GroupInput:
    """What a body asks for: a new name, and the ids of the group's plans (None: not given)."""

    name: str | None
    plan_ids: list[int] | None


def serialize(scope: Scope, row: Any) -> dict[str, Any]:
    count = scope.conn.execute(
        select(func.count()).where(s.plan_group_plans.c.plan_group_id == row.id)
    ).scalar()
    return {"name": row.name, "uuid": row.uuid, "plans_count": count}


def _find(scope: Scope, uuid: str) -> Any:
    return find(scope, s.plan_groups, uuid, "Plan group")


def _check(scope: Scope, body: Any, *, creating: bool) -> GroupInput:
    """Name and plan ids from the body, with the Rails-style errors plan groups answer."""
    body = object_body(body)
    errors: dict[str, tuple[str, str]] = {}
    name = body.get("name")
    plans = body.get("plans")
    if creating or "name" in body:
        if not isinstance(name, str) or not name.strip():
            errors["name"] = ("blank", "Name can't be blank")
        elif len(name) > 255:
            errors["name"] = ("too_long", "Name is too long (maximum is 255 characters)")
    if creating or "plans" in body:
        if not isinstance(plans, list) or not plans or not all(isinstance(p, str) for p in plans):
            errors["plan_ids"] = ("blank", "Plan ids can't be blank")
    if errors:
        raise wire.rails_invalid(errors)
    ids = None
    if isinstance(plans, list):
        rows = scope.conn.execute(
            select(s.plans.c.id, s.plans.c.uuid).where(
                s.plans.c.uuid.in_(plans), s.plans.c.account_id == scope.account.id
            )
        ).all()
        found = {r.uuid: r.id for r in rows}
        unknown = [p for p in plans if p not in found]
        if unknown:
            raise wire.rails_invalid({"plan_ids": ("invalid", f"Plan not found: {', '.join(unknown)}")})
        ids = list(dict.fromkeys(found[p] for p in plans))
    return GroupInput(name, ids)


def _set_plans(scope: Scope, group_id: int, plan_ids: list[int]) -> None:
    link = s.plan_group_plans
    scope.conn.execute(delete(link).where(link.c.plan_group_id == group_id))
    if plan_ids:
        scope.conn.execute(insert(link), [{"plan_group_id": group_id, "plan_id": p} for p in plan_ids])


def store(scope: Scope, name: str, plan_ids: list[int]) -> str:
    """Store a checked group of these plans (row ids of the account's plans); returns its uuid."""
    uuid = wire.new_uuid("plan_group")
    result = scope.conn.execute(
        insert(s.plan_groups).values(account_id=scope.account.id, uuid=uuid, name=name, created_at=s.utcnow())
    )
    _set_plans(scope, result.inserted_primary_key[0], plan_ids)  # type: ignore[index]
    return uuid


def create(scope: Scope, body: Any) -> dict[str, Any]:
    given = _check(scope, body, creating=True)
    assert given.name is not None
    return serialize(scope, _find(scope, store(scope, given.name, given.plan_ids or [])))


def list_groups(scope: Scope, page: PageRequest) -> dict[str, Any]:
    g = s.plan_groups
    found = paginate(scope.conn, page, select(g).where(g.c.account_id == scope.account.id), [g.c.id])
    return found.listing("plan_groups", [serialize(scope, r) for r in found.rows])


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return serialize(scope, _find(scope, uuid))


def list_plans(scope: Scope, uuid: str, page: PageRequest) -> dict[str, Any]:
    group = _find(scope, uuid)
    link = s.plan_group_plans
    stmt = select_plans().join(link, link.c.plan_id == s.plans.c.id).where(link.c.plan_group_id == group.id)
    found = paginate(scope.conn, page, stmt, [s.plans.c.id])
    return found.listing("plans", [serialize_plan(r) for r in found.rows])


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    group = _find(scope, uuid)
    given = _check(scope, body, creating=False)
    if given.name is not None:
        scope.conn.execute(
            update(s.plan_groups).where(s.plan_groups.c.id == group.id).values(name=given.name)
        )
    if given.plan_ids is not None:
        _set_plans(scope, group.id, given.plan_ids)
    return serialize(scope, _find(scope, group.uuid))


def destroy(scope: Scope, uuid: str) -> None:
    group = _find(scope, uuid)
    scope.conn.execute(delete(s.plan_groups).where(s.plan_groups.c.id == group.id))
