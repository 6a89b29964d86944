"""Customers: create, list, search by email, retrieve, update, delete.

Their attributes (tags and typed custom attributes, also by email) are `customer_attributes`. A delete
removes the customer's invoices, subscriptions and activities by cascade, so it invalidates the
metrics' cached activity log itself (no refresh runs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, insert, select, update

from mogul.server import wire
from mogul.server.domain.base import Scope, duplicate_as, find, object_body
from mogul.server.domain.checks import LEAD_STATUSES, check_profile, lead_status, typed_custom
from mogul.server.domain.derive import status_now
from mogul.server.domain.effects import ACTIVITIES, invalidates
from mogul.server.domain.fields import Fields, country_name, state_name
from mogul.server.domain.paging import Page, PageRequest, paginate
from mogul.store import schema as s

_STATUS_ALIASES = {"Lead": LEAD_STATUSES, "Canceled": ("Cancelled",)}


@dataclass(frozen=True)
class CustomerFilters:
    data_source_uuid: str | None = None
    external_id: str | None = None
    # as sent: `New_Lead` reads as `New Lead`, `Lead` as any lead status, `Canceled` as `Cancelled`
    status: str | None = None
    system: str | None = None


# -- reading --------------------------------------------------------------------------------------------


def _chartmogul_url(row: Any) -> str:
    name = re.sub(r"\s+", "_", row.name.strip()) if row.name else ""
    return f"https://app.chartmogul.com/#/customers/{row.id}-{name}"


def attributes_of(row: Any) -> dict[str, Any]:
    return {"tags": row.tags, "stripe": {}, "clearbit": {}, "custom": row.custom}


def summary(row: Any) -> dict[str, Any]:
    """The head of a customer: what the attribute writes by email answer, and the start of `serialize`."""
    return {
        "id": row.id,
        "uuid": row.uuid,
        "external_id": row.external_id,
        "name": row.name,
        "email": row.email,
        "status": status_now(row.status, row.past_due_from),
        "customer-since": wire.fmt_offset(row.customer_since),
        "attributes": attributes_of(row),
    }


def serialize(scope: Scope, row: Any) -> dict[str, Any]:
    """A customer as ChartMogul shows it; `row` is one of `select_customers()`."""
    currency = scope.account.currency
    return {
        **summary(row),
        "data_source_uuid": row.ds_uuid,
        "data_source_uuids": [row.ds_uuid],
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
        "billing-system-type": row.ds_system,
        "currency": currency,
        "currency-sign": wire.currency_sign(currency),
        "owner": row.owner,
        "website_url": row.website_url,
    }


def select_customers() -> Any:
    ds = s.data_sources
    # an outer join on a non-null foreign key: the same rows, and PostgreSQL can drop it when counting
    return select(s.customers, ds.c.system.label("ds_system"), ds.c.uuid.label("ds_uuid")).outerjoin(
        ds, ds.c.id == s.customers.c.data_source_id
    )


def _one(scope: Scope, uuid: str) -> Any:
    row = scope.conn.execute(
        select_customers().where(s.customers.c.uuid == uuid, s.customers.c.account_id == scope.account.id)
    ).first()
    if row is None:
        raise wire.not_found("Customer")
    return row


def no_customer_with(email: str) -> wire.ApiError:
    return wire.ApiError(
        404, wire.error_body(404, f'Can\'t find any customers with email: "{email}"', "email")
    )


def _status_filter(status: str) -> ColumnElement[bool]:
    """Match the status a customer shows now (Active and Past Due depend on the clock)."""
    c = s.customers.c
    now = datetime.now(UTC)
    if status == "Past Due":
        return (c.status == "Active") & (c.past_due_from <= now)
    if status == "Active":
        return (c.status == "Active") & (c.past_due_from.is_(None) | (c.past_due_from > now))
    return c.status.in_(_STATUS_ALIASES.get(status, (status,)))


def _entries(scope: Scope, found: Page, total_pages: int | None) -> dict[str, Any]:
    """The list envelope of `/customers` and its search: `page` and `per_page` on the first page only."""
    body: dict[str, Any] = {"entries": [serialize(scope, r) for r in found.rows]}
    if found.number is not None:
        body |= {
            "current_page": found.number,
            "total_pages": total_pages,
            "per_page": found.per_page,
            "page": found.number,
        }
    return body | {"has_more": found.has_more, "cursor": found.cursor}


def list_customers(scope: Scope, filters: CustomerFilters, page: PageRequest) -> dict[str, Any]:
    c = s.customers.c
    stmt = select_customers().where(c.account_id == scope.account.id)
    if filters.data_source_uuid is not None:
        stmt = stmt.where(s.data_sources.c.uuid == filters.data_source_uuid)
    if filters.external_id is not None:
        stmt = stmt.where(c.external_id == filters.external_id)
    if filters.status is not None:
        stmt = stmt.where(_status_filter(lead_status(filters.status)))
    if filters.system is not None:
        stmt = stmt.where(s.data_sources.c.system == filters.system)
    found = paginate(scope.conn, page, stmt, [c.id])
    return _entries(scope, found, found.total_pages)


def search(scope: Scope, email: str, page: PageRequest) -> dict[str, Any]:
    """The customers with this email; none at all is a 404 (a later page may be empty)."""
    c = s.customers.c
    stmt = select_customers().where(c.account_id == scope.account.id, c.email == email)
    found = paginate(scope.conn, page, stmt, [c.id], count=False)
    if not found.rows and found.first:
        raise no_customer_with(email)
    return _entries(scope, found, None)


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return serialize(scope, _one(scope, uuid))


# -- writing --------------------------------------------------------------------------------------------


def _duplicate() -> wire.ApiError:
    return wire.invalid({"external_id": wire.DUPLICATE_CUSTOMER})


def create(scope: Scope, body: Any) -> dict[str, Any]:
    f = Fields(object_body(body))
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
    ds = find(scope, s.data_sources, ds_uuid, "Data source")
    status = values.pop("lead_status", "New Lead")
    row_values = {"name": "", "email": "", "company": ""} | values
    with duplicate_as(_duplicate()):
        result = scope.conn.execute(
            insert(s.customers).values(
                account_id=scope.account.id,
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
    row = scope.conn.execute(
        select_customers().where(s.customers.c.id == result.inserted_primary_key[0])  # type: ignore[index]
    ).one()
    return serialize(scope, row)


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    """Update the fields present (PATCH and PUT alike); typed custom attributes merge into the stored."""
    row = _one(scope, uuid)
    f = Fields(object_body(body))
    values = check_profile(f)
    if f.has("external_id"):
        values["external_id"] = f.string("external_id", blank=False, max_len=255)
    if f.has("data_source_uuid"):
        ds_uuid = f.string("data_source_uuid")
        values["data_source_id"] = find(scope, s.data_sources, ds_uuid, "Data source").id
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
    # a lead's status is its lead status; a customer's (Active, Cancelled...) follows its subscriptions
    if "lead_status" in values and row.status in LEAD_STATUSES:
        values["status"] = values["lead_status"]
    if values:
        with duplicate_as(_duplicate()):
            scope.conn.execute(update(s.customers).where(s.customers.c.id == row.id).values(**values))
    return serialize(scope, _one(scope, row.uuid))


@invalidates(ACTIVITIES)
def destroy(scope: Scope, uuid: str) -> None:
    """Delete the customer with its invoices, subscriptions and activities (a cascade, no refresh)."""
    row = find(scope, s.customers, uuid, "Customer")
    scope.conn.execute(delete(s.customers).where(s.customers.c.id == row.id))
