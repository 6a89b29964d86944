"""Plans: create, list, retrieve, update (202), delete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from starlette.responses import Response

from mogul.server import wire
from mogul.server.app import Api, Call, duplicate_as
from mogul.server.lookup import find
from mogul.server.objects import INTERVAL_UNITS
from mogul.server.paging import paginate
from mogul.server.validate import Fields
from mogul.store import schema as s

api = Api()


def select_plans() -> Any:
    ds = s.data_sources
    # an outer join on a non-null foreign key: the same rows, and PostgreSQL can drop it when counting
    return select(s.plans, ds.c.uuid.label("ds_uuid"), ds.c.system.label("ds_system")).outerjoin(
        ds, ds.c.id == s.plans.c.data_source_id
    )


def serialize(row: Any) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "data_source_uuid": row.ds_uuid,
        "name": row.name,
        "interval_count": row.interval_count,
        "interval_unit": row.interval_unit,
        "external_id": row.external_id,
    }


def _one(call: Call, uuid: str) -> Any:
    row = call.conn.execute(
        select_plans().where(s.plans.c.uuid == uuid, s.plans.c.account_id == call.account.id)
    ).first()
    if row is None:
        raise wire.not_found("Plan")
    return row


def _duplicate() -> wire.ApiError:
    return wire.invalid({"external_id": wire.DUPLICATE_PLAN})


@api.post("/plans")
def create(call: Call) -> Response:
    f = Fields(call.object_body())
    ds_uuid = f.string("data_source_uuid", required=True)
    name = f.string("name", required=True, blank=False, max_len=255)
    count = f.integer("interval_count", required=True, minimum=1)
    unit = f.enum("interval_unit", INTERVAL_UNITS, required=True)
    external_id = f.string("external_id", max_len=255, blank=False)
    f.check()
    ds = find(call, s.data_sources, ds_uuid, "Data source")
    uuid = wire.new_uuid("plan")
    with duplicate_as(_duplicate()):
        call.conn.execute(
            insert(s.plans).values(
                account_id=call.account.id,
                data_source_id=ds.id,
                uuid=uuid,
                # Without an external id ChartMogul uses the uuid without its `pl_` prefix.
                external_id=external_id or wire.strip_prefix(uuid),
                name=name,
                interval_count=count,
                interval_unit=unit,
                created_at=s.utcnow(),
            )
        )
    return wire.json_response(serialize(_one(call, uuid)), 201)


@api.get("/plans")
def list_(call: Call) -> Response:
    p = s.plans.c
    stmt = select_plans().where(p.account_id == call.account.id)
    if (ds_uuid := call.param("data_source_uuid")) is not None:
        stmt = stmt.where(s.data_sources.c.uuid == ds_uuid)
    if (external_id := call.param("external_id")) is not None:
        stmt = stmt.where(p.external_id == external_id)
    if (system := call.param("system")) is not None:
        stmt = stmt.where(s.data_sources.c.system == system)
    page = paginate(call, stmt, [p.id])
    return wire.json_response(
        {
            "plans": [serialize(r) for r in page.rows],
            **page.legacy(),
            "cursor": page.cursor,
            "has_more": page.has_more,
        }
    )


@api.get("/plans/{uuid}")
def retrieve(call: Call) -> Response:
    return wire.json_response(serialize(_one(call, call.path["uuid"])))


@api.patch("/plans/{uuid}")
def modify(call: Call) -> Response:
    row = _one(call, call.path["uuid"])
    f = Fields(call.object_body())
    values: dict[str, Any] = {}
    if f.has("name"):
        values["name"] = f.string("name", required=True, blank=False, max_len=255)
    if f.has("interval_count"):
        values["interval_count"] = f.integer("interval_count", required=True, minimum=1)
    if f.has("interval_unit"):
        values["interval_unit"] = f.enum("interval_unit", INTERVAL_UNITS, required=True)
    if f.has("external_id"):
        values["external_id"] = f.string("external_id", required=True, blank=False, max_len=255)
    if f.has("data_source_uuid") and f.data["data_source_uuid"] != row.ds_uuid:
        f.fail("data_source_uuid", "A plan cannot move to another data source.")
    f.check()
    if values:
        with duplicate_as(_duplicate()):
            call.conn.execute(update(s.plans).where(s.plans.c.id == row.id).values(**values))
    return wire.json_response(serialize(_one(call, row.uuid)), 202)


@api.delete("/plans/{uuid}")
def destroy(call: Call) -> Response:
    row = find(call, s.plans, call.path["uuid"], "Plan")
    in_use = call.conn.execute(
        select(s.line_items.c.id).where(s.line_items.c.plan_id == row.id).limit(1)
    ).first()
    if in_use is not None:
        raise wire.invalid({"plan": "The plan has invoices; delete them first."})
    call.conn.execute(delete(s.plans).where(s.plans.c.id == row.id))
    return wire.no_content()
