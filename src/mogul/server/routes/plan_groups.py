"""Plan groups: create (200), list, list a group's plans, retrieve, update, delete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, update
from starlette.responses import Response

from mogul.server import wire
from mogul.server.domain.base import find
from mogul.server.domain.paging import paginate
from mogul.server.domain.plans import select_plans
from mogul.server.domain.plans import serialize as serialize_plan
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content
from mogul.store import schema as s

api = Api()


def serialize(call: Call, row: Any) -> dict[str, Any]:
    count = call.conn.execute(
        select(func.count()).where(s.plan_group_plans.c.plan_group_id == row.id)
    ).scalar()
    return {"name": row.name, "uuid": row.uuid, "plans_count": count}


def _body(call: Call, *, creating: bool) -> tuple[str | None, list[int] | None]:
    """Name and plan ids from the body, with the Rails-style errors plan groups answer."""
    body = call.object_body()
    errors: dict[str, tuple[str, str]] = {}
    name = body.get("name")
    plans = body.get("plans")
    if creating or "name" in body:
        if not isinstance(name, str) or not name.strip():
            errors["name"] = ("blank", "Name can't be blank")
    if creating or "plans" in body:
        if not isinstance(plans, list) or not plans or not all(isinstance(p, str) for p in plans):
            errors["plan_ids"] = ("blank", "Plan ids can't be blank")
    if errors:
        raise wire.rails_invalid(errors)
    ids = None
    if isinstance(plans, list):
        rows = call.conn.execute(
            select(s.plans.c.id, s.plans.c.uuid).where(
                s.plans.c.uuid.in_(plans), s.plans.c.account_id == call.account.id
            )
        ).all()
        found = {r.uuid: r.id for r in rows}
        unknown = [p for p in plans if p not in found]
        if unknown:
            raise wire.rails_invalid({"plan_ids": ("invalid", f"Plan not found: {', '.join(unknown)}")})
        ids = list(dict.fromkeys(found[p] for p in plans))
    return name, ids


def _set_plans(call: Call, group_id: int, plan_ids: list[int]) -> None:
    call.conn.execute(delete(s.plan_group_plans).where(s.plan_group_plans.c.plan_group_id == group_id))
    call.conn.execute(
        insert(s.plan_group_plans), [{"plan_group_id": group_id, "plan_id": p} for p in plan_ids]
    )


@api.post("/plan_groups")
def create(call: Call) -> Response:
    name, plan_ids = _body(call, creating=True)
    uuid = wire.new_uuid("plan_group")
    result = call.conn.execute(
        insert(s.plan_groups).values(account_id=call.account.id, uuid=uuid, name=name, created_at=s.utcnow())
    )
    _set_plans(call, result.inserted_primary_key[0], plan_ids or [])  # type: ignore[index]
    return json_response(serialize(call, find(call.scope, s.plan_groups, uuid, "Plan group")), 200)


@api.get("/plan_groups")
def list_(call: Call) -> Response:
    g = s.plan_groups
    page = paginate(call.conn, call.page(), select(g).where(g.c.account_id == call.account.id), [g.c.id])
    return json_response(
        {
            "plan_groups": [serialize(call, r) for r in page.rows],
            **page.legacy(),
            "cursor": page.cursor,
            "has_more": page.has_more,
        }
    )


@api.get("/plan_groups/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(serialize(call, find(call.scope, s.plan_groups, call.path["uuid"], "Plan group")))


@api.get("/plan_groups/{uuid}/plans")
def plans(call: Call) -> Response:
    group = find(call.scope, s.plan_groups, call.path["uuid"], "Plan group")
    link = s.plan_group_plans
    stmt = select_plans().join(link, link.c.plan_id == s.plans.c.id).where(link.c.plan_group_id == group.id)
    page = paginate(call.conn, call.page(), stmt, [s.plans.c.id])
    return json_response(
        {
            "plans": [serialize_plan(r) for r in page.rows],
            **page.legacy(),
            "cursor": page.cursor,
            "has_more": page.has_more,
        }
    )


@api.patch("/plan_groups/{uuid}")
def modify(call: Call) -> Response:
    group = find(call.scope, s.plan_groups, call.path["uuid"], "Plan group")
    name, plan_ids = _body(call, creating=False)
    if name is not None:
        call.conn.execute(update(s.plan_groups).where(s.plan_groups.c.id == group.id).values(name=name))
    if plan_ids is not None:
        _set_plans(call, group.id, plan_ids)
    return json_response(serialize(call, find(call.scope, s.plan_groups, group.uuid, "Plan group")))


@api.delete("/plan_groups/{uuid}")
def destroy(call: Call) -> Response:
    group = find(call.scope, s.plan_groups, call.path["uuid"], "Plan group")
    call.conn.execute(delete(s.plan_groups).where(s.plan_groups.c.id == group.id))
    return no_content()
