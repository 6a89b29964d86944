"""An invoice's own checks (`check_invoice`): the quick pass for well-formed invoices reads them exactly as
the field-by-field checks do, and leaves every invoice it is unsure of to those checks."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from mogul.server import wire
from mogul.server.domain import checks as objects


def _full(body: dict[str, Any], plan_external_ids: bool) -> tuple[objects.CheckedInvoice, dict[str, str]]:
    """`check_invoice` without its quick pass."""
    values, errors = objects._full_invoice(copy.deepcopy(body), plan_external_ids)
    for parts, key, message in (
        ([line.values for line in values.lines], "line_items.external_id", wire.DUPLICATE_LINE_ITEM),
        (values.transactions, "transactions.external_id", wire.DUPLICATE_TRANSACTION),
    ):
        ids = [v["external_id"] for v in parts if v["external_id"]]
        if len(set(ids)) < len(ids):
            errors[key] = message
    return values, errors


def _subscription(**change: Any) -> dict[str, Any]:
    return {
        "type": "subscription",
        "external_id": "li1",
        "amount_in_cents": 19900,
        "quantity": 1,
        "plan_external_id": "plan_gold",
        "subscription_external_id": "sub1",
        "service_period_start": "2021-05-01 00:00:00",
        "service_period_end": "2021-06-01 00:00:00",
        "tax_amount_in_cents": 3980,
    } | change


def _invoice(*lines: dict[str, Any], **change: Any) -> dict[str, Any]:
    return {
        "external_id": "inv1",
        "customer_external_id": "c1",
        "date": "2021-05-01 00:00:00",
        "due_date": "2021-05-08",
        "currency": "USD",
        "line_items": list(lines) or [_subscription()],
        "transactions": [
            {"type": "payment", "date": "2021-05-02T10:00:00Z", "result": "successful", "external_id": "tr1"}
        ],
    } | change


EVERY_FIELD = _subscription(
    discount_code="SPRING",
    discount_amount_in_cents=500,
    discount_description="Spring sale",
    transaction_fees_in_cents=30,
    transaction_fees_currency="EUR",
    account_code="4000",
    event_order=2,
    description="Gold plan",
    prorated=True,
    proration_type="differential",
    subscription_set_external_id="set1",
    cancelled_at="2021-05-20",
    plan_uuid="pl_1",
)

WELL_FORMED = [
    _invoice(),
    _invoice(EVERY_FIELD, collection_method="manual"),
    _invoice(_subscription(), {"type": "one_time", "amount_in_cents": -100, "external_id": "li2"}),
    _invoice({"type": "one_time", "amount_in_cents": 0}, transactions=[], due_date=None),
    _invoice(_subscription(plan_external_id=None, plan_uuid="", quantity=None, prorated=False)),
    _invoice(line_items=[]),
    # a line item or transaction named twice is the invoice's problem, found after the quick pass
    _invoice(_subscription(), _subscription(amount_in_cents=1)),
    {"external_id": "inv2", "date": "2021-05-01", "currency": "JPY", "line_items": [_subscription()]},
]


@pytest.mark.parametrize("body", WELL_FORMED)
@pytest.mark.parametrize("plan_external_ids", [True, False])
def test_a_well_formed_invoice_is_read_as_the_field_checks_read_it(
    body: dict[str, Any], plan_external_ids: bool
) -> None:
    # without plan external ids a subscription must name its plan by uuid
    names_plans = plan_external_ids or all(
        item["type"] != "subscription" or item.get("plan_uuid") is not None for item in body["line_items"]
    )
    assert (objects._quick_invoice(body, plan_external_ids) is not None) == names_plans
    assert objects.check_invoice(body, plan_external_ids=plan_external_ids) == _full(body, plan_external_ids)


# One field each, set to what the quick pass must not accept on its own: wrong types (including the
# text numbers and booleans the field checks convert), out of range, too long, blank, unknown values.
FAULTS: list[tuple[str, str, Any]] = [
    ("invoice", "external_id", 12),
    ("invoice", "external_id", "  "),
    ("invoice", "external_id", "x" * 256),
    ("invoice", "external_id", None),
    ("invoice", "date", "2021-02-30"),
    ("invoice", "date", None),
    ("invoice", "due_date", 20210501),
    ("invoice", "currency", "usd"),
    ("invoice", "collection_method", "cash"),
    ("invoice", "line_items", None),
    ("invoice", "line_items", {"type": "one_time"}),
    ("invoice", "line_items", ["li"]),
    ("invoice", "transactions", "tr1"),
    ("line", "type", "recurring"),
    ("line", "amount_in_cents", "19900"),
    ("line", "amount_in_cents", 2**63),
    ("line", "amount_in_cents", 199.0),
    ("line", "amount_in_cents", True),
    ("line", "quantity", 2**31),
    ("line", "quantity", "2"),
    ("line", "discount_code", "x" * 256),
    ("line", "discount_amount_in_cents", -(2**63) - 1),
    ("line", "discount_description", 5),
    ("line", "tax_amount_in_cents", "ten"),
    ("line", "transaction_fees_in_cents", 1.5),
    ("line", "transaction_fees_currency", "XYZ"),
    ("line", "external_id", 7),
    ("line", "account_code", "x" * 31),
    ("line", "event_order", -(2**31) - 1),
    ("line", "description", ["d"]),
    ("line", "prorated", "yes"),
    ("line", "prorated", 1),
    ("line", "proration_type", "half"),
    ("line", "plan_external_id", " "),
    ("line", "plan_external_id", None),
    ("line", "plan_uuid", 5),
    ("line", "subscription_external_id", ""),
    ("line", "subscription_external_id", "x" * 256),
    ("line", "subscription_set_external_id", "x" * 256),
    ("line", "service_period_start", "2021-06-02"),
    ("line", "service_period_end", None),
    ("line", "cancelled_at", "soon"),
    ("transaction", "type", "gift"),
    ("transaction", "date", "yesterday"),
    ("transaction", "result", None),
    ("transaction", "external_id", "x" * 256),
    ("transaction", "amount_in_cents", -1),
    ("transaction", "transaction_fees_in_cents", "3"),
    ("transaction", "transaction_fees_currency", 978),
]


@pytest.mark.parametrize(("part", "key", "value"), FAULTS)
def test_an_invoice_the_quick_pass_is_unsure_of_gets_the_field_checks(
    part: str, key: str, value: Any
) -> None:
    body = _invoice()
    target = {"invoice": body, "line": body["line_items"][0], "transaction": body["transactions"][0]}[part]
    target[key] = value
    assert objects._quick_invoice(body, True) is None
    assert objects.check_invoice(body, plan_external_ids=True) == _full(body, True)


def test_a_subscription_without_a_plan_is_left_to_the_field_checks() -> None:
    body = _invoice(_subscription(plan_external_id=None))
    values, errors = objects.check_invoice(body)
    assert errors == {"line_items[0].plan_uuid": "plan_uuid is required."}
    assert (values, errors) == _full(body, False)


def test_a_body_that_is_not_an_object_is_400() -> None:
    body: Any = ["inv1"]
    with pytest.raises(wire.ApiError) as raised:
        objects.check_invoice(body)
    assert raised.value.status == 400
    assert raised.value.body == {
        "code": 400,
        "message": "The request body must be a JSON object",
        "param": None,
    }
