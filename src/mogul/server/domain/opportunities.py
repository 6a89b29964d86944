"""Sales opportunities of customers: create, list (by customer, owner, pipeline, stage, estimated close
date), retrieve, update, delete.

ChartMogul checks pipelines and stages against the account's sales pipelines; mogul has none set up, so
any names are taken. A stage decides the defaults ChartMogul takes from it: `Closed Won` is forecast
`won` at 100% likelihood, `Closed Lost` `lost` at 0%, any other stage `pipeline` at 0%.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mogul.server import wire
from mogul.server.domain import crm
from mogul.server.domain.base import Scope, object_body
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import PageRequest
from mogul.store import schema as s

OPPORTUNITY = crm.Kind(s.opportunities, "Opportunity")
TYPES = ("recurring", "one-time")
FORECAST_CATEGORIES = ("pipeline", "best_case", "committed", "omitted", "won", "lost")
_STAGE_DEFAULTS = {"Closed Won": ("won", 100), "Closed Lost": ("lost", 0)}
NAMES = ("owner", "pipeline", "pipeline_stage")


@dataclass(frozen=True)
class OpportunityFilters:
    customer_uuid: str | None = None
    owner: str | None = None
    pipeline: str | None = None
    pipeline_stage: str | None = None
    estimated_close_date_on_or_after: str | None = None
    estimated_close_date_on_or_before: str | None = None


def serialize(row: Any) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "customer_uuid": row.customer_uuid,
        "owner": row.owner,
        "pipeline": row.pipeline,
        "pipeline_stage": row.pipeline_stage,
        "estimated_close_date": wire.fmt_date(row.estimated_close_date),
        "currency": row.currency,
        "amount_in_cents": row.amount_in_cents,
        "type": row.type,
        "forecast_category": row.forecast_category,
        "win_likelihood": row.win_likelihood,
        "custom": row.custom,
        "created_at": wire.fmt_ms(row.created_at),
        "updated_at": wire.fmt_ms(row.updated_at),
    }


def _values(f: Fields, *, creating: bool) -> dict[str, Any]:
    """The fields present (all the required ones when `creating`), checked."""
    values: dict[str, Any] = {key: crm.text(f, key, required=True) for key in NAMES if creating or f.has(key)}
    if creating or f.has("estimated_close_date"):
        values["estimated_close_date"] = crm.day(f, "estimated_close_date", required=True)
    if creating or f.has("amount_in_cents"):
        values["amount_in_cents"] = f.cents("amount_in_cents", required=True, minimum=0)
    if creating or f.has("currency"):
        values["currency"] = f.currency("currency", required=True)
    if f.has("type"):
        values["type"] = f.enum("type", TYPES, required=True)
    if f.has("forecast_category"):
        values["forecast_category"] = f.enum("forecast_category", FORECAST_CATEGORIES, required=True)
    if f.has("win_likelihood"):
        likelihood = f.integer("win_likelihood", required=True, minimum=0)
        if likelihood is not None and likelihood > 100:
            f.fail("win_likelihood", "win_likelihood must be less than or equal to 100.")
        values["win_likelihood"] = likelihood
    return values


def _answer(scope: Scope, uuid: str) -> dict[str, Any]:
    return serialize(crm.one(scope, OPPORTUNITY, uuid))


def create(scope: Scope, body: Any) -> dict[str, Any]:
    f = Fields(object_body(body))
    customer_uuid = f.string("customer_uuid", required=True)
    values = _values(f, creating=True)
    attributes = crm.custom(f) or {}
    f.check()
    customer = crm.customer(scope, customer_uuid)
    category, likelihood = _STAGE_DEFAULTS.get(values["pipeline_stage"], ("pipeline", 0))
    now = s.utcnow()
    defaults = {"type": "recurring", "forecast_category": category, "win_likelihood": likelihood}
    uuid = crm.create(
        scope,
        OPPORTUNITY,
        defaults
        | values
        | {"customer_id": customer.id, "custom": attributes, "created_at": now, "updated_at": now},
    )
    return _answer(scope, uuid)


def list_opportunities(scope: Scope, filters: OpportunityFilters, page: PageRequest) -> dict[str, Any]:
    o = s.opportunities.c
    after = crm.query_date(filters.estimated_close_date_on_or_after, "estimated_close_date_on_or_after")
    before = crm.query_date(filters.estimated_close_date_on_or_before, "estimated_close_date_on_or_before")
    stmt = crm.where_all(
        crm.select_of(OPPORTUNITY),
        crm.equal_to(s.customers.c.uuid, filters.customer_uuid),
        crm.equal_to(o.owner, filters.owner),
        crm.equal_to(o.pipeline, filters.pipeline),
        crm.equal_to(o.pipeline_stage, filters.pipeline_stage),
        None if after is None else o.estimated_close_date >= after,
        None if before is None else o.estimated_close_date <= before,
    )
    return crm.listing(scope, OPPORTUNITY, stmt, page, serialize)


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return _answer(scope, uuid)


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    """Update the fields present; custom attributes merge into the stored ones."""
    row = crm.one(scope, OPPORTUNITY, uuid)
    f = Fields(object_body(body))
    values = _values(f, creating=False)
    attributes = crm.custom(f, stored=row.custom)
    f.check()
    if attributes is not None:
        values["custom"] = attributes
    crm.change(scope, OPPORTUNITY, row, {**values, "updated_at": s.utcnow()})
    return _answer(scope, row.uuid)


def destroy(scope: Scope, uuid: str) -> dict[str, Any]:
    return crm.destroy(scope, OPPORTUNITY, uuid)
