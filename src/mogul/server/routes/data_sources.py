"""Data sources: create, list, retrieve, delete (with everything that belongs to them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select
from starlette.responses import Response

from mogul.server import wire
from mogul.server.domain.base import duplicate_as, find
from mogul.server.domain.fields import Fields, parse_bool
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content
from mogul.store import schema as s

api = Api()

NAME_REQUIRED = "A name is required for each data source."


def serialize(call: Call, row: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "uuid": row.uuid,
        "name": row.name,
        "system": row.system,
        "created_at": wire.fmt_ms(row.created_at),
        "status": row.status,
    }
    if parse_bool(call.param("with_processing_status") or "false"):
        invoices = call.conn.execute(
            select(func.count()).where(s.invoices.c.data_source_id == row.id)
        ).scalar()
        body["processing_status"] = {"processed": invoices, "failed": 0, "pending": 0}
    if parse_bool(call.param("with_auto_churn_subscription_setting") or "false"):
        body["auto_churn_subscription_setting"] = {"enabled": False, "interval": None}
    if parse_bool(call.param("with_invoice_handling_setting") or "false"):
        handling = {
            "create_subscription_when_invoice_is": "open",
            "update_subscription_when_invoice_is": "open",
            "prevent_subscription_for_invoice_voided": False,
            "prevent_subscription_for_invoice_refunded": False,
            "prevent_subscription_for_invoice_written_off": False,
        }
        body["invoice_handling_setting"] = {"manual": handling, "automatic": dict(handling)}
    return body


@api.post("/data_sources")
def create(call: Call) -> Response:
    f = Fields(call.object_body())
    name = f.string("name", required=True, blank=False, max_len=255, message=NAME_REQUIRED)
    system = f.string("system", max_len=64) or "Custom"
    f.check()
    assert name is not None
    with duplicate_as(wire.invalid({"name": wire.DUPLICATE_DATA_SOURCE_NAME})):
        result = call.conn.execute(
            insert(s.data_sources).values(
                account_id=call.account.id,
                uuid=wire.new_uuid("data_source"),
                name=name,
                system=system,
                status="idle",
                created_at=s.utcnow(),
            )
        )
    row = call.conn.execute(
        select(s.data_sources).where(s.data_sources.c.id == result.inserted_primary_key[0])  # type: ignore[index]
    ).one()
    return json_response(serialize(call, row), 201)


@api.get("/data_sources")
def list_(call: Call) -> Response:
    stmt = select(s.data_sources).where(s.data_sources.c.account_id == call.account.id)
    if (name := call.param("name")) is not None:
        stmt = stmt.where(s.data_sources.c.name == name)
    if (system := call.param("system")) is not None:
        stmt = stmt.where(s.data_sources.c.system == system)
    rows = call.conn.execute(stmt.order_by(s.data_sources.c.id)).all()
    # No pagination keys: the official Python client rejects any extra list key here.
    return json_response({"data_sources": [serialize(call, r) for r in rows]})


@api.get("/data_sources/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(serialize(call, find(call.scope, s.data_sources, call.path["uuid"], "Data source")))


@api.delete("/data_sources/{uuid}")
def destroy(call: Call) -> Response:
    row = find(call.scope, s.data_sources, call.path["uuid"], "Data source")
    call.conn.execute(delete(s.data_sources).where(s.data_sources.c.id == row.id))
    return no_content()


@api.delete("/data_sources/{uuid}/all")
def empty(call: Call) -> Response:
    """Delete all data of a source but keep the source itself."""
    row = find(call.scope, s.data_sources, call.path["uuid"], "Data source")
    for table in (s.customers, s.plans):
        call.conn.execute(delete(table).where(table.c.data_source_id == row.id))
    return no_content()
