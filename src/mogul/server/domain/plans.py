"""Plans: create, list, retrieve, update, delete; a plan with invoices cannot be deleted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update

from mogul.server import wire
from mogul.server.domain.base import Scope, duplicate_as, find, object_body
from mogul.server.domain.checks import INTERVAL_UNITS
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import PageRequest, paginate
from mogul.store import schema as s


@dataclass(frozen=True)
class PlanFilters:
    data_source_uuid: str | None = None
    external_id: str | None = None
    system: str | None = None


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


def _one(scope: Scope, uuid: str) -> Any:
    row = scope.conn.execute(
        select_plans().where(s.plans.c.uuid == uuid, s.plans.c.account_id == scope.account.id)
    ).first()
    if row is None:
        raise wire.not_found("Plan")
    return row


def _duplicate() -> wire.ApiError:
    return wire.invalid({"external_id": wire.DUPLICATE_PLAN})


def create(scope: Scope, body: Any) -> dict[str, Any]:
    f = Fields(object_body(body))
    ds_uuid = f.string("data_source_uuid", required=True)
    name = f.string("name", required=True, blank=False, max_len=255)
    count = f.integer("interval_count", required=True, minimum=1)
    unit = f.enum("interval_unit", INTERVAL_UNITS, required=True)
    external_id = f.string("external_id", max_len=255, blank=False)
    f.check()
    ds = find(scope, s.data_sources, ds_uuid, "Data source")
    uuid = wire.new_uuid("plan")
    with duplicate_as(_duplicate()):
        scope.conn.execute(
            insert(s.plans).values(
                account_id=scope.account.id,
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
    return serialize(_one(scope, uuid))


def list_plans(scope: Scope, filters: PlanFilters, page: PageRequest) -> dict[str, Any]:
    p = s.plans.c
    stmt = select_plans().where(p.account_id == scope.account.id)
    if filters.data_source_uuid is not None:
        stmt = stmt.where(s.data_sources.c.uuid == filters.data_source_uuid)
    if filters.external_id is not None:
        stmt = stmt.where(p.external_id == filters.external_id)
    if filters.system is not None:
        stmt = stmt.where(s.data_sources.c.system == filters.system)
    found = paginate(scope.conn, page, stmt, [p.id])
    return found.listing("plans", [serialize(r) for r in found.rows])


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return serialize(_one(scope, uuid))


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    row = _one(scope, uuid)
    f = Fields(object_body(body))
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
            scope.conn.execute(update(s.plans).where(s.plans.c.id == row.id).values(**values))
    return serialize(_one(scope, row.uuid))


def destroy(scope: Scope, uuid: str) -> None:
    row = find(scope, s.plans, uuid, "Plan")
    in_use = scope.conn.execute(
        select(s.line_items.c.id).where(s.line_items.c.plan_id == row.id).limit(1)
    ).first()
    if in_use is not None:
        raise wire.invalid({"plan": "The plan has invoices; delete them first."})
    scope.conn.execute(delete(s.plans).where(s.plans.c.id == row.id))
