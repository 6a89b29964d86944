"""The checks of one object of a request body that need no database: customers (profile, custom
attributes), plans, invoices with their line items and transactions.

The routes use them, and so does `mogul import`, whose whole-file validation runs the server's own checks
(this module imports no database or web framework, so the command starts quickly).
"""

from __future__ import annotations

import re
from typing import Any

from mogul.server import wire
from mogul.server.validate import Fields, parse_bool

INTERVAL_UNITS = ("day", "month", "year")
LEAD_STATUSES = ("New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead")
CUSTOM_TYPES = ("String", "Integer", "Decimal", "Timestamp", "Boolean")
_CUSTOM_KEY = re.compile(r"^[A-Za-z0-9_]+$")

_PROFILE_STRINGS = {"name": 255, "email": 255, "company": 255, "city": 255, "zip": 32, "owner": 255}

LINE_ITEM_TYPES = ("subscription", "one_time")
PRORATION_TYPES = ("differential", "differential_mrr", "full")
TRANSACTION_TYPES = ("payment", "refund")
TRANSACTION_RESULTS = ("successful", "failed")
COLLECTION_METHODS = ("automatic", "manual")

_CUSTOMER_DEFAULTS: dict[str, Any] = {
    "name": "",
    "email": "",
    "company": "",
    "country": None,
    "state": None,
    "city": None,
    "zip": None,
    "lead_created_at": None,
    "free_trial_started_at": None,
    "owner": None,
    "website_url": None,
}


def lead_status(value: str) -> str:
    return value.replace("_", " ")


def custom_value(f: Fields, key: str, kind: str, value: Any) -> Any:
    """Check and normalise one typed custom attribute value."""
    label = f"custom.{key}"
    if kind == "String":
        if not isinstance(value, str) or len(value) > 255:
            f.fail(label, "String values must be text of at most 255 characters.")
        return value
    if kind == "Integer":
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            f.fail(label, "Integer values must be whole numbers.")
        return value
    if kind == "Decimal":
        try:
            if isinstance(value, bool):
                raise TypeError
            return float(value)
        except (TypeError, ValueError):
            f.fail(label, "Decimal values must be numbers.")
            return value
    if kind == "Timestamp":
        try:
            return wire.fmt_ms(wire.parse_time(value))
        except ValueError:
            f.fail(label, "Timestamp values must be ISO 8601 timestamps.")
            return value
    parsed = parse_bool(value)
    if parsed is None:
        f.fail(label, "Boolean values must be true or false.")
    return parsed


def typed_custom(f: Fields, items: list[dict[str, Any]]) -> dict[str, Any]:
    """The typed array form (`[{type, key, value, source}]`) as the stored map."""
    out: dict[str, Any] = {}
    for item in items:
        key, kind = item.get("key"), item.get("type", "String")
        if not isinstance(key, str) or not _CUSTOM_KEY.match(key):
            f.fail("custom", f"Custom attribute keys must be letters, digits and underscores, got {key!r}.")
            continue
        if kind not in CUSTOM_TYPES:
            f.fail(f"custom.{key}", f"type must be one of: {', '.join(CUSTOM_TYPES)}.")
            continue
        out[key] = custom_value(f, key, kind, item.get("value"))
    return out


def check_profile(f: Fields) -> dict[str, Any]:
    """The profile fields present in the body, checked."""
    values: dict[str, Any] = {}
    for key, limit in _PROFILE_STRINGS.items():
        if f.has(key):
            value = f.string(key, max_len=limit)
            values[key] = value if value is not None or key in ("city", "zip", "owner") else ""
    if f.has("website_url"):
        values["website_url"] = f.string("website_url", max_len=1024)
    if f.has("country"):
        values["country"] = f.country("country")
    if f.has("state"):
        values["state"] = f.string("state", max_len=64) or None
    for key in ("lead_created_at", "free_trial_started_at"):
        if f.has(key):
            values[key] = f.time(key, past=True)
    if f.has("status"):
        status = f.data["status"]
        status = lead_status(status) if isinstance(status, str) else status
        if status not in LEAD_STATUSES:
            f.fail("status", f"status must be one of: {', '.join(LEAD_STATUSES)}.")
        else:
            values["lead_status"] = status
    return values


def _check_line_item(f: Fields, *, plan_external_ids: bool) -> dict[str, Any]:
    kind = f.enum("type", LINE_ITEM_TYPES, required=True)
    values: dict[str, Any] = {
        "type": kind,
        "amount_in_cents": f.cents("amount_in_cents", required=True),
        "quantity": f.integer("quantity") if f.has("quantity") else 1,
        "discount_code": f.string("discount_code", max_len=255) or "",
        "discount_amount_in_cents": f.cents("discount_amount_in_cents") or 0,
        "discount_description": f.string("discount_description"),
        "tax_amount_in_cents": f.cents("tax_amount_in_cents") or 0,
        "transaction_fees_in_cents": f.cents("transaction_fees_in_cents") or 0,
        "transaction_fees_currency": f.currency("transaction_fees_currency"),
        "external_id": f.string("external_id", max_len=255),
        "account_code": f.string("account_code", max_len=30) or "",
        "event_order": f.integer("event_order"),
        "description": f.string("description"),
        "prorated": bool(f.boolean("prorated")),
        "proration_type": f.enum("proration_type", PRORATION_TYPES),
    }
    if values["quantity"] is None:
        values["quantity"] = 1
    # The plan is named by uuid (bulk imports may name it by external id); `review_invoices` finds it.
    plan_external_id = f.string("plan_external_id", blank=False) if plan_external_ids else None
    plan_uuid = f.string("plan_uuid", required=kind == "subscription" and plan_external_id is None)
    values["_plan"] = (
        ("plan_uuid", plan_uuid)
        if plan_uuid is not None
        else ("plan_external_id", plan_external_id)
        if plan_external_id is not None
        else None
    )
    if kind == "subscription":
        values["subscription_external_id"] = f.string(
            "subscription_external_id", required=True, blank=False, max_len=255
        )
        values["subscription_set_external_id"] = f.string("subscription_set_external_id", max_len=255)
        start = f.time("service_period_start", required=True)
        end = f.time("service_period_end", required=True)
        if start and end and end < start:
            f.fail("service_period_end", "service_period_end must not be before service_period_start.")
        values |= {
            "service_period_start": start,
            "service_period_end": end,
            "cancelled_at": f.time("cancelled_at"),
        }
    return values


def check_transaction(f: Fields) -> dict[str, Any]:
    return {
        "type": f.enum("type", TRANSACTION_TYPES, required=True),
        "date": f.time("date", required=True),
        "result": f.enum("result", TRANSACTION_RESULTS, required=True),
        "external_id": f.string("external_id", max_len=255),
        "amount_in_cents": f.cents("amount_in_cents", minimum=0),
        "transaction_fees_in_cents": f.cents("transaction_fees_in_cents"),
        "transaction_fees_currency": f.currency("transaction_fees_currency"),
    }


def _errors_of(f: Fields) -> dict[str, str]:
    out = dict(f.errors)
    for name in f.missing:
        out.setdefault(name, f"{name.rsplit('.', 1)[-1]} is required.")
    return out


def check_invoice(
    raw: dict[str, Any], *, plan_external_ids: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """One invoice's own checks, which need no database: its values (line items under `_lines`, each
    with its plan reference under `_plan`; transactions under `_trans`) and its problems by field.

    `plan_external_ids` lets line items name their plan by `plan_external_id` (bulk imports)."""
    f = Fields(raw)
    invoice = {
        "external_id": f.string("external_id", required=True, blank=False, max_len=255),
        "date": f.time("date", required=True),
        "due_date": f.time("due_date"),
        "currency": f.currency("currency", required=True),
        "collection_method": f.enum("collection_method", COLLECTION_METHODS),
    }
    items = f.objects("line_items", required=True) or []
    trans = f.objects("transactions") or []
    line_values = []
    for n, item in enumerate(items):
        lf = Fields(item, prefix=f"line_items[{n}].")
        line_values.append(_check_line_item(lf, plan_external_ids=plan_external_ids))
        f.errors.update(_errors_of(lf))
    tran_values = []
    for n, tran in enumerate(trans):
        tf = Fields(tran, prefix=f"transactions[{n}].")
        tran_values.append(check_transaction(tf))
        f.errors.update(_errors_of(tf))
    errors = _errors_of(f)
    line_ids = [v["external_id"] for v in line_values if v["external_id"]]
    tran_ids = [v["external_id"] for v in tran_values if v["external_id"]]
    if len(set(line_ids)) < len(line_ids):
        errors["line_items.external_id"] = wire.DUPLICATE_LINE_ITEM
    if len(set(tran_ids)) < len(tran_ids):
        errors["transactions.external_id"] = wire.DUPLICATE_TRANSACTION
    return invoice | {"_lines": line_values, "_trans": tran_values}, errors


def check_customer(raw: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """A customer of a bulk import, as POST /customers checks it: its row values and problems by field."""
    if not isinstance(raw, dict):
        return {}, {"customer": "Each customer must be an object."}
    f = Fields(raw)
    external_id = f.string("external_id", required=True, blank=False, max_len=255)
    profile = check_profile(f)
    status = profile.pop("lead_status", "New Lead")
    tags: list[str] = []
    custom: dict[str, Any] = {}
    attributes = raw.get("attributes") or {}
    if not isinstance(attributes, dict):
        f.fail("attributes", "attributes must be an object.")
    else:
        attrs = Fields(attributes, prefix="attributes.")
        tags = attrs.string_list("tags") or []
        custom = typed_custom(f, attrs.objects("custom") or [])
        f.errors.update(attrs.errors)
    values = (
        _CUSTOMER_DEFAULTS
        | profile
        | {
            "external_id": external_id,
            "tags": list(dict.fromkeys(tags)),
            "custom": custom,
            "lead_status": status,
            "status": status,
        }
    )
    return values, _errors_of(f)


def check_plan(raw: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """A plan of a bulk import, as POST /plans checks it: its row values and problems by field."""
    if not isinstance(raw, dict):
        return {}, {"plan": "Each plan must be an object."}
    f = Fields(raw)
    values = {
        "name": f.string("name", required=True, blank=False, max_len=255),
        "interval_count": f.integer("interval_count", required=True, minimum=1),
        "interval_unit": f.enum("interval_unit", INTERVAL_UNITS, required=True),
        "external_id": f.string("external_id", max_len=255, blank=False),
    }
    return values, _errors_of(f)
