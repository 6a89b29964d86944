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

from sqlalchemy import ColumnElement, bindparam, delete, insert, select, update

from mogul.server import wire
from mogul.server.domain.base import Scope, duplicate_as, find, object_body
from mogul.server.domain.checks import LEAD_STATUSES, check_profile, lead_status, typed_custom
from mogul.server.domain.derive import status_now
from mogul.server.domain.effects import ACTIVITIES, invalidates
from mogul.server.domain.fields import Fields, country_name, state_name
from mogul.server.domain.paging import Page, PageRequest, Shaped, paginate
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


_SPACES = re.compile(r"\s+")


def _chartmogul_url(r: Any) -> str:
    name = _SPACES.sub("_", r["name"].strip()) if r["name"] else ""
    return f"https://app.chartmogul.com/#/customers/{r['id']}-{name}"


def attributes_of(row: Any) -> dict[str, Any]:
    return _attributes(row._mapping)


def _attributes(r: Any) -> dict[str, Any]:
    return {"tags": r["tags"], "stripe": {}, "clearbit": {}, "custom": r["custom"]}


def summary(row: Any) -> dict[str, Any]:
    """The head of a customer: what the attribute writes by email answer, and the start of `serialize`."""
    return _summary(row._mapping)


# A row's values are read through its mapping: a Row's attribute costs about five times a key.
def _summary(r: Any) -> dict[str, Any]:
    return {
        "id": r["id"],
        "uuid": r["uuid"],
        "external_id": r["external_id"],
        "name": r["name"],
        "email": r["email"],
        "status": status_now(r["status"], r["past_due_from"]),
        "customer-since": wire.fmt_offset(r["customer_since"]),
        "attributes": _attributes(r),
    }


def serialize(scope: Scope, row: Any) -> dict[str, Any]:
    """A customer as ChartMogul shows it; `row` is one of `select_customers()`."""
    currency = scope.account.currency
    r = row._mapping
    return {
        **_summary(r),
        "data_source_uuid": r["ds_uuid"],
        "data_source_uuids": list(dict.fromkeys([r["ds_uuid"], *(m[0] for m in r["merged"] or ())])),
        "external_ids": list(dict.fromkeys([r["external_id"], *(m[1] for m in r["merged"] or ())])),
        "company": r["company"],
        "country": r["country"],
        "state": r["state"],
        "city": r["city"],
        "zip": r["zip"],
        "lead_created_at": wire.fmt_ms(r["lead_created_at"]),
        "free_trial_started_at": wire.fmt_ms(r["free_trial_started_at"]),
        "address": {
            "country": country_name(r["country"]),
            "state": state_name(r["country"], r["state"]),
            "city": r["city"],
            "address_zip": r["zip"],
        },
        "mrr": r["mrr"],
        "arr": r["mrr"] * 12,
        "billing-system-url": None,
        "chartmogul-url": _chartmogul_url(r),
        "billing-system-type": r["ds_system"],
        "currency": currency,
        "currency-sign": wire.currency_sign(currency),
        "owner": r["owner"],
        "website_url": r["website_url"],
    }


def select_customers() -> Any:
    ds = s.data_sources
    # an outer join on a non-null foreign key: the same rows, and PostgreSQL can drop it when counting
    return select(s.customers, ds.c.system.label("ds_system"), ds.c.uuid.label("ds_uuid")).outerjoin(
        ds, ds.c.id == s.customers.c.data_source_id
    )


# Built once: a statement made per request costs SQLAlchemy its cache key every time (about 0.2 ms,
# most of a get's database time); this one's key is computed once and kept.
_BY_UUID = select_customers().where(
    s.customers.c.uuid == bindparam("uuid"), s.customers.c.account_id == bindparam("account")
)


def _one(scope: Scope, uuid: str) -> Any:
    row = scope.conn.execute(_BY_UUID, {"uuid": uuid, "account": scope.account.id}).first()
    if row is None:
        raise wire.not_found("Customer")
    return row


def no_customer_with(email: str) -> wire.ApiError:
    return wire.ApiError(
        404, wire.error_body(404, f'Can\'t find any customers with email: "{email}"', "email")
    )


def status_filter(status: str) -> tuple[str, ColumnElement[bool], dict[str, Any]]:
    """Match the status a customer shows now (Active and Past Due depend on the clock): the filter's
    shape, the filter with bound parameters, and their values."""
    c = s.customers.c
    now = bindparam("now", type_=c.past_due_from.type)
    if status == "Past Due":
        return status, (c.status == "Active") & (c.past_due_from <= now), {"now": datetime.now(UTC)}
    if status == "Active":
        active = (c.status == "Active") & (c.past_due_from.is_(None) | (c.past_due_from > now))
        return status, active, {"now": datetime.now(UTC)}
    statuses = list(_STATUS_ALIASES.get(status, (status,)))
    return "in", c.status.in_(bindparam("statuses", expanding=True)), {"statuses": statuses}


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
    c, ds = s.customers.c, s.data_sources.c
    equal = {
        name: (column, value)
        for name, column, value in (
            ("data_source_uuid", ds.uuid, filters.data_source_uuid),
            ("external_id", c.external_id, filters.external_id),
            ("system", ds.system, filters.system),
        )
        if value is not None
    }
    status = None if filters.status is None else status_filter(lead_status(filters.status))

    def build() -> Any:
        stmt = select_customers().where(c.account_id == bindparam("account"))
        for name, (column, _) in equal.items():
            stmt = stmt.where(column == bindparam(name))
        return stmt if status is None else stmt.where(status[1])

    values = {"account": scope.account.id} | {name: value for name, (_, value) in equal.items()}
    shape = ("customers", *equal, status and status[0])
    found = paginate(scope.conn, page, Shaped(shape, build, values | (status[2] if status else {})), [c.id])
    return _entries(scope, found, found.total_pages)


def search(scope: Scope, email: str, page: PageRequest) -> dict[str, Any]:
    """The customers with this email; none at all is a 404 (a later page may be empty)."""
    c = s.customers.c
    stmt = Shaped(
        "customers by email",
        lambda: select_customers().where(c.account_id == bindparam("account"), c.email == bindparam("email")),
        {"account": scope.account.id, "email": email},
    )
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
