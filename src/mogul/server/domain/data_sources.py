"""Data sources: create, list, retrieve, delete, and delete all their data but the source itself.

Both deletes remove customers (and with them their invoices, subscriptions and activities) by cascade,
with no refresh, so they invalidate the metrics' cached activity log themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select

from mogul.server import wire
from mogul.server.domain import customer_merges
from mogul.server.domain.base import Scope, duplicate_as, find, object_body
from mogul.server.domain.effects import ACTIVITIES, invalidates
from mogul.server.domain.fields import Fields
from mogul.store import schema as s

NAME_REQUIRED = "A name is required for each data source."

# What mogul does: every invoice counts from when it is issued (open), refunds change no MRR, and a
# voided or written-off invoice counts for none (domain.record_states.counted).
_INVOICE_HANDLING = {
    "create_subscription_when_invoice_is": "open",
    "update_subscription_when_invoice_is": "open",
    "prevent_subscription_for_invoice_voided": True,
    "prevent_subscription_for_invoice_refunded": False,
    "prevent_subscription_for_invoice_written_off": True,
}


@dataclass(frozen=True)
class DataSourceOptions:
    """The optional blocks of a data source (the `with_*` query flags)."""

    processing_status: bool = False
    auto_churn_subscription_setting: bool = False
    invoice_handling_setting: bool = False


@dataclass(frozen=True)
class DataSourceFilters:
    name: str | None = None
    system: str | None = None


def serialize(scope: Scope, row: Any, options: DataSourceOptions) -> dict[str, Any]:
    body: dict[str, Any] = {
        "uuid": row.uuid,
        "name": row.name,
        "system": row.system,
        "created_at": wire.fmt_ms(row.created_at),
        "status": row.status,
    }
    if options.processing_status:
        invoices = scope.conn.execute(
            select(func.count()).where(s.invoices.c.data_source_id == row.id)
        ).scalar()
        body["processing_status"] = {"processed": invoices, "failed": 0, "pending": 0}
    if options.auto_churn_subscription_setting:
        body["auto_churn_subscription_setting"] = {"enabled": False, "interval": None}
    if options.invoice_handling_setting:
        body["invoice_handling_setting"] = {
            "manual": dict(_INVOICE_HANDLING),
            "automatic": dict(_INVOICE_HANDLING),
        }
    return body


def _find(scope: Scope, uuid: str) -> Any:
    return find(scope, s.data_sources, uuid, "Data source")


def create(scope: Scope, body: Any, options: DataSourceOptions) -> dict[str, Any]:
    f = Fields(object_body(body))
    name = f.string("name", required=True, blank=False, max_len=255, message=NAME_REQUIRED)
    system = f.string("system", max_len=64) or "Custom"
    f.check()
    with duplicate_as(wire.invalid({"name": wire.DUPLICATE_DATA_SOURCE_NAME})):
        result = scope.conn.execute(
            insert(s.data_sources).values(
                account_id=scope.account.id,
                uuid=wire.new_uuid("data_source"),
                name=name,
                system=system,
                status="idle",
                created_at=s.utcnow(),
            )
        )
    row = scope.conn.execute(
        select(s.data_sources).where(s.data_sources.c.id == result.inserted_primary_key[0])  # type: ignore[index]
    ).one()
    return serialize(scope, row, options)


def list_data_sources(scope: Scope, filters: DataSourceFilters, options: DataSourceOptions) -> dict[str, Any]:
    ds = s.data_sources
    stmt = select(ds).where(ds.c.account_id == scope.account.id)
    if filters.name is not None:
        stmt = stmt.where(ds.c.name == filters.name)
    if filters.system is not None:
        stmt = stmt.where(ds.c.system == filters.system)
    rows = scope.conn.execute(stmt.order_by(ds.c.id)).all()
    # No pagination keys: the official Python client rejects any extra list key here.
    return {"data_sources": [serialize(scope, r, options) for r in rows]}


def retrieve(scope: Scope, uuid: str, options: DataSourceOptions) -> dict[str, Any]:
    return serialize(scope, _find(scope, uuid), options)


@invalidates(ACTIVITIES)
def destroy(scope: Scope, uuid: str) -> None:
    """Delete the source with everything in it (a cascade, no refresh)."""
    row = _find(scope, uuid)
    with customer_merges.leaving_data_source(scope, row.id):
        scope.conn.execute(delete(s.data_sources).where(s.data_sources.c.id == row.id))


@invalidates(ACTIVITIES)
def empty(scope: Scope, uuid: str) -> None:
    """Delete the source's customers and plans with all that hangs on them, but keep the source."""
    row = _find(scope, uuid)
    for table in (s.customers, s.plans):
        scope.conn.execute(delete(table).where(table.c.data_source_id == row.id))
