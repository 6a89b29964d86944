"""Customers: CRUD, search by email, and attributes (tags, typed custom attributes)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from starlette.responses import Response

from mogul.server import wire
from mogul.server.domain.base import duplicate_as, find
from mogul.server.domain.checks import LEAD_STATUSES, check_profile, lead_status, typed_custom
from mogul.server.domain.derive import status_now
from mogul.server.domain.fields import Fields, country_name, state_name
from mogul.server.domain.paging import paginate
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content
from mogul.store import schema as s

api = Api()

STATUSES = (*LEAD_STATUSES, "Active", "Past Due", "Cancelled")


def _chartmogul_url(row: Any) -> str:
    name = re.sub(r"\s+", "_", row.name.strip()) if row.name else ""
    return f"https://app.chartmogul.com/#/customers/{row.id}-{name}"


def serialize(call: Call, row: Any, system: str, data_source_uuid: str) -> dict[str, Any]:
    currency = call.account.currency
    return {
        "id": row.id,
        "uuid": row.uuid,
        "external_id": row.external_id,
        "name": row.name,
        "email": row.email,
        "status": status_now(row.status, row.past_due_from),
        "customer-since": wire.fmt_offset(row.customer_since),
        "attributes": {"custom": row.custom, "clearbit": {}, "stripe": {}, "tags": row.tags},
        "data_source_uuid": data_source_uuid,
        "data_source_uuids": [data_source_uuid],
        "external_ids": [row.external_id],
        "company": row.company,
        "country": row.country,
        "state": row.state,
        "city": row.city,
        "zip": row.zip,
        "lead_created_at": wire.fmt_ms(row.lead_created_at),
        "free_trial_started_at": wire.fmt_ms(row.free_trial_started_at),
        "address": {
            "country": country_name(row.country),
            "state": state_name(row.country, row.state),
            "city": row.city,
            "address_zip": row.zip,
        },
        "mrr": row.mrr,
        "arr": row.mrr * 12,
        "billing-system-url": None,
        "chartmogul-url": _chartmogul_url(row),
        "billing-system-type": system,
        "currency": currency,
        "currency-sign": wire.currency_sign(currency),
        "owner": row.owner,
        "website_url": row.website_url,
    }


def _select() -> Any:
    ds = s.data_sources
    # an outer join on a non-null foreign key: the same rows, and PostgreSQL can drop it when counting
    return select(s.customers, ds.c.system.label("ds_system"), ds.c.uuid.label("ds_uuid")).outerjoin(
        ds, ds.c.id == s.customers.c.data_source_id
    )


def _one(call: Call, uuid: str) -> Any:
    row = call.conn.execute(
        _select().where(s.customers.c.uuid == uuid, s.customers.c.account_id == call.account.id)
    ).first()
    if row is None:
        raise wire.not_found("Customer")
    return row


def _out(call: Call, row: Any) -> dict[str, Any]:
    return serialize(call, row, row.ds_system, row.ds_uuid)


@api.post("/customers")
def create(call: Call) -> Response:
    f = Fields(call.object_body())
    ds_uuid = f.string("data_source_uuid", required=True)
    external_id = f.string("external_id", required=True, blank=False, max_len=255)
    values = check_profile(f)
    attributes = f.data.get("attributes") or {}
    tags: list[str] = []
    custom: dict[str, Any] = {}
    if not isinstance(attributes, dict):
        f.fail("attributes", "attributes must be an object.")
    else:
        attrs = Fields(attributes, prefix="attributes.")
        tags = attrs.string_list("tags") or []
        items = attrs.objects("custom") or []
        custom = typed_custom(f, items)
        f.errors.update(attrs.errors)
    f.check()
    ds = find(call.scope, s.data_sources, ds_uuid, "Data source")
    status = values.pop("lead_status", "New Lead")
    row_values = {"name": "", "email": "", "company": ""} | values
    with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_CUSTOMER})):
        result = call.conn.execute(
            insert(s.customers).values(
                account_id=call.account.id,
                data_source_id=ds.id,
                uuid=wire.new_uuid("customer"),
                external_id=external_id,
                tags=list(dict.fromkeys(tags)),
                custom=custom,
                lead_status=status,
                status=status,
                mrr=0,
                created_at=s.utcnow(),
                **row_values,
            )
        )
    row = call.conn.execute(
        _select().where(s.customers.c.id == result.inserted_primary_key[0])  # type: ignore[index]
    ).one()
    return json_response(_out(call, row), 201)


_STATUS_ALIASES = {"Lead": LEAD_STATUSES, "Canceled": ("Cancelled",)}


def _status_filter(status: str) -> Any:
    """Match the status a customer shows now (Active and Past Due depend on the clock)."""
    c = s.customers.c
    now = datetime.now(UTC)
    if status == "Past Due":
        return (c.status == "Active") & (c.past_due_from <= now)
    if status == "Active":
        return (c.status == "Active") & (c.past_due_from.is_(None) | (c.past_due_from > now))
    return c.status.in_(_STATUS_ALIASES.get(status, (status,)))


@api.get("/customers")
def list_(call: Call) -> Response:
    c = s.customers.c
    stmt = _select().where(c.account_id == call.account.id)
    if (ds_uuid := call.param("data_source_uuid")) is not None:
        stmt = stmt.where(s.data_sources.c.uuid == ds_uuid)
    if (external_id := call.param("external_id")) is not None:
        stmt = stmt.where(c.external_id == external_id)
    if (status := call.param("status")) is not None:
        stmt = stmt.where(_status_filter(lead_status(status)))
    if (system := call.param("system")) is not None:
        stmt = stmt.where(s.data_sources.c.system == system)
    page = paginate(call.conn, call.page(), stmt, [c.id])
    body: dict[str, Any] = {"entries": [_out(call, r) for r in page.rows]}
    if page.first:
        body |= {**page.legacy(), "per_page": page.per_page, "page": 1}
    return json_response(body | {"has_more": page.has_more, "cursor": page.cursor})


@api.get("/customers/search")
def search(call: Call) -> Response:
    email = call.param("email")
    if not email:
        raise wire.param_missing("email")
    c = s.customers.c
    stmt = _select().where(c.account_id == call.account.id, c.email == email)
    page = paginate(call.conn, call.page(), stmt, [c.id], count=False)
    if not page.rows and page.first:
        raise _no_customer_with(email)
    body: dict[str, Any] = {"entries": [_out(call, r) for r in page.rows]}
    if page.first:
        body |= {"current_page": 1, "total_pages": None, "per_page": page.per_page, "page": 1}
    return json_response(body | {"has_more": page.has_more, "cursor": page.cursor})


@api.get("/customers/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(_out(call, _one(call, call.path["uuid"])))


@api.patch("/customers/{uuid}")
@api.put("/customers/{uuid}")
def modify(call: Call) -> Response:
    row = _one(call, call.path["uuid"])
    f = Fields(call.object_body())
    values = check_profile(f)
    if f.has("external_id"):
        values["external_id"] = f.string("external_id", blank=False, max_len=255)
    if f.has("data_source_uuid"):
        ds_uuid = f.string("data_source_uuid")
        values["data_source_id"] = find(call.scope, s.data_sources, ds_uuid, "Data source").id
    attributes = f.data.get("attributes")
    if attributes is not None:
        if not isinstance(attributes, dict):
            f.fail("attributes", "attributes must be an object.")
        else:
            attrs = Fields(attributes, prefix="attributes.")
            if attrs.has("tags"):
                values["tags"] = list(dict.fromkeys(attrs.string_list("tags") or []))
            if attrs.has("custom"):
                custom = attributes["custom"]
                if isinstance(custom, list):
                    values["custom"] = row.custom | typed_custom(f, custom)
                elif isinstance(custom, dict):
                    values["custom"] = row.custom | custom
                else:
                    f.fail("attributes.custom", "custom must be an object.")
            f.errors.update(attrs.errors)
    f.check()
    if "lead_status" in values and row.status in LEAD_STATUSES:
        values["status"] = values["lead_status"]
    if values:
        with duplicate_as(wire.invalid({"external_id": wire.DUPLICATE_CUSTOMER})):
            call.conn.execute(update(s.customers).where(s.customers.c.id == row.id).values(**values))
    return json_response(_out(call, _one(call, row.uuid)))


@api.delete("/customers/{uuid}")
def destroy(call: Call) -> Response:
    row = find(call.scope, s.customers, call.path["uuid"], "Customer")
    call.conn.execute(delete(s.customers).where(s.customers.c.id == row.id))
    return no_content()


# -- attributes ------------------------------------------------------------------------------------------


def _attributes(row: Any) -> dict[str, Any]:
    return {"tags": row.tags, "stripe": {}, "clearbit": {}, "custom": row.custom}


@api.get("/customers/{uuid}/attributes")
def attributes(call: Call) -> Response:
    return json_response(_attributes(find(call.scope, s.customers, call.path["uuid"], "Customer")))


def _tags_in(call: Call) -> list[str]:
    f = Fields(call.object_body())
    tags = f.string_list("tags", required=True)
    f.check()
    return tags or []


def _typed_custom_in(call: Call) -> dict[str, Any]:
    """The typed array form of `custom` (add), checked, as the stored map."""
    f = Fields(call.object_body())
    items = f.objects("custom", required=True) or []
    f.check()
    custom = typed_custom(f, items)
    f.check()
    return custom


def _plain_custom_in(call: Call) -> Any:
    """`custom` as sent (a map to update, a list of keys to remove); the caller checks its shape."""
    body = call.object_body()
    if "custom" not in body:
        raise wire.param_missing("custom")
    return body["custom"]


def _set(call: Call, row: Any, **values: Any) -> Any:
    call.conn.execute(update(s.customers).where(s.customers.c.id == row.id).values(**values))
    return call.conn.execute(select(s.customers).where(s.customers.c.id == row.id)).one()


@api.post("/customers/{uuid}/attributes/tags")
def add_tags(call: Call) -> Response:
    row = find(call.scope, s.customers, call.path["uuid"], "Customer")
    row = _set(call, row, tags=list(dict.fromkeys([*row.tags, *_tags_in(call)])))
    return json_response({"tags": row.tags})


@api.delete("/customers/{uuid}/attributes/tags")
def remove_tags(call: Call) -> Response:
    row = find(call.scope, s.customers, call.path["uuid"], "Customer")
    gone = set(_tags_in(call))
    row = _set(call, row, tags=[t for t in row.tags if t not in gone])
    return json_response({"tags": row.tags})


@api.post("/customers/{uuid}/attributes/custom")
def add_custom(call: Call) -> Response:
    row = find(call.scope, s.customers, call.path["uuid"], "Customer")
    custom = _typed_custom_in(call)
    row = _set(call, row, custom=row.custom | custom)
    return json_response({"custom": row.custom})


@api.put("/customers/{uuid}/attributes/custom")
def update_custom(call: Call) -> Response:
    row = find(call.scope, s.customers, call.path["uuid"], "Customer")
    custom = _plain_custom_in(call)
    if not isinstance(custom, dict):
        raise wire.invalid({"custom": "custom must be an object of key: value."})
    row = _set(call, row, custom=row.custom | custom)
    return json_response({"custom": row.custom})


@api.delete("/customers/{uuid}/attributes/custom")
def remove_custom(call: Call) -> Response:
    row = find(call.scope, s.customers, call.path["uuid"], "Customer")
    keys = _plain_custom_in(call)
    if not isinstance(keys, list):
        raise wire.invalid({"custom": "custom must be an array of keys."})
    row = _set(call, row, custom={k: v for k, v in row.custom.items() if k not in set(keys)})
    return json_response({"custom": row.custom})


def _lite(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "uuid": row.uuid,
        "external_id": row.external_id,
        "name": row.name,
        "email": row.email,
        "status": status_now(row.status, row.past_due_from),
        "customer-since": wire.fmt_offset(row.customer_since),
        "attributes": _attributes(row),
    }


def _no_customer_with(email: str) -> wire.ApiError:
    return wire.ApiError(
        404, wire.error_body(404, f'Can\'t find any customers with email: "{email}"', "email")
    )


def _by_email(call: Call) -> list[Any]:
    f = Fields(call.object_body())
    email = f.string("email", required=True, blank=False)
    f.check()
    assert email is not None
    rows = call.conn.execute(
        select(s.customers).where(s.customers.c.account_id == call.account.id, s.customers.c.email == email)
    ).all()
    if not rows:
        raise _no_customer_with(email)
    return list(rows)


@api.post("/customers/attributes/tags")
def add_tags_by_email(call: Call) -> Response:
    rows = _by_email(call)
    tags = _tags_in(call)
    out = [_set(call, r, tags=list(dict.fromkeys([*r.tags, *tags]))) for r in rows]
    return json_response({"entries": [_lite(r) for r in out]})


@api.post("/customers/attributes/custom")
def add_custom_by_email(call: Call) -> Response:
    rows = _by_email(call)
    custom = _typed_custom_in(call)
    out = [_set(call, r, custom=r.custom | custom) for r in rows]
    return json_response({"entries": [_lite(r) for r in out]})
