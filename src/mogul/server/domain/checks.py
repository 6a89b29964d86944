"""The checks of one object of a request body that need no database: customers (profile, custom
attributes), plans, invoices with their line items and transactions.

The domain uses them, and so does `mogul import`, whose whole-file validation runs the server's own checks
(this module imports no database or web framework, so the command starts quickly).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from mogul.server import wire
from mogul.server.domain.fields import Fields, is_currency, parse_bool, parse_integer

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
# the statuses an invoice is given (PUT .../status); its others come from its transactions. An invoice
# with one counts for no MRR (the data source's invoice handling prevents subscriptions for them).
INVOICE_STATUSES = ("voided", "written_off")

PlanReference = tuple[str, str]  # ("plan_uuid" or "plan_external_id", its value)


@dataclass(slots=True)
class CheckedLine:
    """A line item that passed its own checks: its column values, and the plan it names (None for a
    one-time item without one), which the review of the invoice finds in the data source."""

    values: dict[str, Any]
    plan: PlanReference | None


@dataclass(slots=True)
class CheckedInvoice:
    """An invoice that passed its own checks: its column values, its line items and its transactions'
    column values (the checked values are the caller's own, so a write completes them into rows)."""

    values: dict[str, Any]
    lines: list[CheckedLine]
    transactions: list[dict[str, Any]]

    @property
    def external_id(self) -> Any:
        return self.values["external_id"]


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
        if not isinstance(value, str) or len(value) > 255 or "\x00" in value:
            f.fail(label, "String values must be text of at most 255 characters.")
        return value
    if kind == "Integer":
        if isinstance(value, str):
            value = parse_integer(value)
        if not isinstance(value, int) or isinstance(value, bool):
            f.fail(label, "Integer values must be whole numbers.")
        elif not -(2**63) <= value < 2**63:
            f.fail(label, "Integer values must be between -2^63 and 2^63 - 1.")
        return value
    if kind == "Decimal":
        number = None
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            try:
                number = float(value)
            except (ValueError, OverflowError):
                number = None
        if number is None or not math.isfinite(number):
            f.fail(label, "Decimal values must be finite numbers.")
            return value
        return number
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
        if not isinstance(item, dict):
            f.fail("custom", "Each custom attribute must be an object with type, key and value.")
            continue
        key, kind = item.get("key"), item.get("type", "String")
        if not isinstance(key, str) or not _CUSTOM_KEY.fullmatch(key):
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


def check_line_item(f: Fields, *, plan_external_ids: bool) -> CheckedLine:
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
    plan = _plan_reference(plan_uuid, plan_external_id)
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
    return CheckedLine(values, plan)


def _plan_reference(plan_uuid: str | None, plan_external_id: str | None) -> PlanReference | None:
    if plan_uuid is not None:
        return ("plan_uuid", plan_uuid)
    if plan_external_id is not None:
        return ("plan_external_id", plan_external_id)
    return None


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


def errors_of(f: Fields) -> dict[str, str]:
    """Every problem `f` collected, by field: a missing required key reads `<key> is required.`"""
    out = dict(f.errors)
    for name in f.missing:
        out.setdefault(name, f"{name.rsplit('.', 1)[-1]} is required.")
    return out


def check_invoice(
    raw: dict[str, Any], *, plan_external_ids: bool = False
) -> tuple[CheckedInvoice, dict[str, str]]:
    """One invoice's own checks, which need no database: its checked values and its problems by field.

    `plan_external_ids` lets line items name their plan by `plan_external_id` (bulk imports)."""
    # Nearly every invoice of an import is well-formed: the quick pass accepts those; anything it is
    # unsure of goes through `Fields`, which names every problem.
    invoice = _quick_invoice(raw, plan_external_ids)
    if invoice is None:
        invoice, errors = _full_invoice(raw, plan_external_ids)
    else:
        errors = {}
    # (most invoices have one line item and one transaction: nothing to compare)
    if len(invoice.lines) > 1:
        line_ids = [v.values["external_id"] for v in invoice.lines if v.values["external_id"]]
        if len(set(line_ids)) < len(line_ids):
            errors["line_items.external_id"] = wire.DUPLICATE_LINE_ITEM
    if len(invoice.transactions) > 1:
        tran_ids = [v["external_id"] for v in invoice.transactions if v["external_id"]]
        if len(set(tran_ids)) < len(tran_ids):
            errors["transactions.external_id"] = wire.DUPLICATE_TRANSACTION
    return invoice, errors


def _full_invoice(raw: Any, plan_external_ids: bool) -> tuple[CheckedInvoice, dict[str, str]]:
    """An invoice's values and field problems, checked field by field."""
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
        line_values.append(check_line_item(lf, plan_external_ids=plan_external_ids))
        f.errors.update(errors_of(lf))
    tran_values = []
    for n, tran in enumerate(trans):
        tf = Fields(tran, prefix=f"transactions[{n}].")
        tran_values.append(check_transaction(tf))
        f.errors.update(errors_of(tf))
    return CheckedInvoice(invoice, line_values, tran_values), errors_of(f)


# The quick pass: the values of an invoice whose every field already has its type and fits (what a JSON
# client and a typed CSV row send), exactly as `Fields` would read them, or None at the first field that
# does not, without saying what is wrong. It converts nothing (no numbers from text), so what it accepts
# the full checks accept unchanged. It is written out field by field: a call per field would cost as
# much as the full checks.
_INT32 = 2**31
_INT64 = 2**63


def _quick_invoice(raw: Any, plan_external_ids: bool) -> CheckedInvoice | None:
    if type(raw) is not dict:
        return None
    get = raw.get
    external_id = get("external_id")
    date = get("date")
    due_date = get("due_date")
    currency = get("currency")
    method = get("collection_method")
    items = get("line_items")
    trans = get("transactions")
    if (
        type(external_id) is not str
        or len(external_id) > 255
        or not external_id.strip()
        or type(date) is not str
        or (due_date is not None and type(due_date) is not str)
        or type(currency) is not str
        or not is_currency(currency)
        or (method is not None and (type(method) is not str or method not in COLLECTION_METHODS))
        or type(items) is not list
        or (trans is not None and type(trans) is not list)
    ):
        return None
    try:
        date = wire.parse_time(date)
        if due_date is not None:
            due_date = wire.parse_time(due_date)
    except ValueError:
        return None
    lines = []
    for item in items:
        line = _quick_line_item(item, plan_external_ids)
        if line is None:
            return None
        lines.append(line)
    transactions = []
    for tran in trans or ():
        checked = _quick_transaction(tran)
        if checked is None:
            return None
        transactions.append(checked)
    values = {
        "external_id": external_id,
        "date": date,
        "due_date": due_date,
        "currency": currency,
        "collection_method": method,
    }
    return CheckedInvoice(values, lines, transactions)


def _quick_line_item(item: Any, plan_external_ids: bool) -> CheckedLine | None:
    if type(item) is not dict:
        return None
    get = item.get
    kind = get("type")
    amount = get("amount_in_cents")
    quantity = get("quantity")
    discount_code = get("discount_code")
    discount_amount = get("discount_amount_in_cents")
    discount_description = get("discount_description")
    tax = get("tax_amount_in_cents")
    fees = get("transaction_fees_in_cents")
    fees_currency = get("transaction_fees_currency")
    external_id = get("external_id")
    account_code = get("account_code")
    event_order = get("event_order")
    description = get("description")
    prorated = get("prorated")
    proration_type = get("proration_type")
    plan_external_id = get("plan_external_id") if plan_external_ids else None
    plan_uuid = get("plan_uuid")
    if (
        type(kind) is not str
        or kind not in LINE_ITEM_TYPES
        or type(amount) is not int
        or not -_INT64 <= amount < _INT64
        or (quantity is not None and (type(quantity) is not int or not -_INT32 <= quantity < _INT32))
        or (discount_code is not None and (type(discount_code) is not str or len(discount_code) > 255))
        or (
            discount_amount is not None
            and (type(discount_amount) is not int or not -_INT64 <= discount_amount < _INT64)
        )
        or (discount_description is not None and type(discount_description) is not str)
        or (tax is not None and (type(tax) is not int or not -_INT64 <= tax < _INT64))
        or (fees is not None and (type(fees) is not int or not -_INT64 <= fees < _INT64))
        or (fees_currency is not None and (type(fees_currency) is not str or not is_currency(fees_currency)))
        or (external_id is not None and (type(external_id) is not str or len(external_id) > 255))
        or (account_code is not None and (type(account_code) is not str or len(account_code) > 30))
        or (event_order is not None and (type(event_order) is not int or not -_INT32 <= event_order < _INT32))
        or (description is not None and type(description) is not str)
        or (prorated is not None and prorated is not True and prorated is not False)
        or (
            proration_type is not None
            and (type(proration_type) is not str or proration_type not in PRORATION_TYPES)
        )
        or (
            plan_external_id is not None
            and (type(plan_external_id) is not str or not plan_external_id.strip())
        )
        # a subscription names its plan
        or (plan_uuid is None and kind == "subscription" and plan_external_id is None)
        or (plan_uuid is not None and type(plan_uuid) is not str)
    ):
        return None
    values: dict[str, Any] = {
        "type": kind,
        "amount_in_cents": amount,
        "quantity": 1 if quantity is None else quantity,
        "discount_code": discount_code or "",
        "discount_amount_in_cents": discount_amount or 0,
        "discount_description": discount_description,
        "tax_amount_in_cents": tax or 0,
        "transaction_fees_in_cents": fees or 0,
        "transaction_fees_currency": fees_currency,
        "external_id": external_id,
        "account_code": account_code or "",
        "event_order": event_order,
        "description": description,
        "prorated": bool(prorated),
        "proration_type": proration_type,
    }
    if kind == "subscription":
        subscription = get("subscription_external_id")
        subscription_set = get("subscription_set_external_id")
        start = get("service_period_start")
        end = get("service_period_end")
        cancelled_at = get("cancelled_at")
        if (
            type(subscription) is not str
            or len(subscription) > 255
            or not subscription.strip()
            or (
                subscription_set is not None
                and (type(subscription_set) is not str or len(subscription_set) > 255)
            )
            or type(start) is not str
            or type(end) is not str
            or (cancelled_at is not None and type(cancelled_at) is not str)
        ):
            return None
        try:
            start = wire.parse_time(start)
            end = wire.parse_time(end)
            if cancelled_at is not None:
                cancelled_at = wire.parse_time(cancelled_at)
        except ValueError:
            return None
        if end < start:
            return None
        values["subscription_external_id"] = subscription
        values["subscription_set_external_id"] = subscription_set
        values["service_period_start"] = start
        values["service_period_end"] = end
        values["cancelled_at"] = cancelled_at
    return CheckedLine(values, _plan_reference(plan_uuid, plan_external_id))


def _quick_transaction(tran: Any) -> dict[str, Any] | None:
    if type(tran) is not dict:
        return None
    get = tran.get
    kind = get("type")
    date = get("date")
    result = get("result")
    external_id = get("external_id")
    amount = get("amount_in_cents")
    fees = get("transaction_fees_in_cents")
    fees_currency = get("transaction_fees_currency")
    if (
        type(kind) is not str
        or kind not in TRANSACTION_TYPES
        or type(date) is not str
        or type(result) is not str
        or result not in TRANSACTION_RESULTS
        or (external_id is not None and (type(external_id) is not str or len(external_id) > 255))
        or (amount is not None and (type(amount) is not int or not 0 <= amount < _INT64))
        or (fees is not None and (type(fees) is not int or not -_INT64 <= fees < _INT64))
        or (fees_currency is not None and (type(fees_currency) is not str or not is_currency(fees_currency)))
    ):
        return None
    try:
        date = wire.parse_time(date)
    except ValueError:
        return None
    return {
        "type": kind,
        "date": date,
        "result": result,
        "external_id": external_id,
        "amount_in_cents": amount,
        "transaction_fees_in_cents": fees,
        "transaction_fees_currency": fees_currency,
    }


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
    return values, errors_of(f)


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
    return values, errors_of(f)
