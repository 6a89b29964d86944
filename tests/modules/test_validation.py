"""Input is checked before anything is sent: a bad input is an error naming the field, and no request."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

import mogul
from mogul.errors import InputError
from mogul.modules import registry
from mogul.server.sandbox import Sandbox


class Refusing(httpx.BaseTransport):
    """Counts requests and answers none: any request reaching it is a test failure."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        raise AssertionError(f"nothing should be sent, but {request.method} {request.url} was")


def rejected(module_id: str, fields: dict[str, Any]) -> InputError:
    transport = Refusing()
    with (
        mogul.Client(api_key="k", base_url="http://127.0.0.1:9", transport=transport) as client,
        pytest.raises(InputError) as caught,
    ):
        result = client.run(module_id, fields)
        if isinstance(result, mogul.Pager):
            result.to_list()
    assert transport.requests == []
    return caught.value


def test_a_missing_mandatory_field_is_named_and_nothing_is_sent() -> None:
    error = rejected("customers.create", {"data_source": "Billing"})
    assert (error.module, error.field) == ("customers.create", "external_id")
    assert str(error) == "customers.create: external_id: is mandatory (External ID)"


@pytest.mark.parametrize("limit", [-5, "-1", " -20 "])
def test_a_negative_limit_is_refused_and_nothing_is_sent(limit: Any) -> None:
    error = rejected("customers.list", {"limit": limit})
    assert (error.field, error.message) == ("limit", f"must be a whole number of at least 0, got {limit!r}")


def test_a_bad_enum_value_lists_the_allowed_ones() -> None:
    error = rejected("customers.list", {"status": "Churned"})
    assert error.field == "status"
    assert str(error) == (
        "customers.list: status: must be one of: Lead, New Lead, Working Lead, Qualified Lead, "
        "Unqualified Lead, Active, Past Due, Canceled (got 'Churned')"
    )


def test_a_bad_value_inside_a_line_item_names_its_place() -> None:
    line = {"type": "Subscription", "amount_in_cents": "ten"}
    error = rejected(
        "invoices.import",
        {"customer": "c", "external_id": "i", "date": "2024-01-01", "currency": "USD", "line_items": [line]},
    )
    assert error.field == "line_items[0].amount_in_cents"


def test_a_subscription_line_item_needs_its_plan_and_service_period() -> None:
    line = {"type": "subscription", "amount_in_cents": 100, "subscription_external_id": "s"}
    error = rejected(
        "invoices.import",
        {"customer": "c", "external_id": "i", "date": "2024-01-01", "currency": "USD", "line_items": [line]},
    )
    assert (error.field, error.message) == ("line_items[0].plan", "is mandatory for a subscription line item")


def test_a_currency_must_be_three_letters() -> None:
    line = {"type": "one_time", "amount_in_cents": 100}
    error = rejected(
        "invoices.import",
        {
            "customer": "c",
            "external_id": "i",
            "date": "2024-01-01",
            "currency": "dollars",
            "line_items": [line],
        },
    )
    assert error.field == "currency"


def test_an_unknown_field_lists_the_module_fields() -> None:
    error = rejected("data_sources.create", {"name": "x", "colour": "red"})
    assert str(error) == "data_sources.create: colour: unknown field (fields: name)"


def test_an_unknown_module_lists_the_group_modules() -> None:
    with pytest.raises(InputError) as caught:
        registry.get("plans.archive")
    assert str(caught.value) == (
        "no module 'plans.archive'; modules: plans.list, plans.get, plans.create, plans.update, plans.delete"
    )


def test_cancelling_takes_a_date_or_the_list_of_dates_but_not_both() -> None:
    sub = "sub_0259d4d5-a63d-4a8c-b901-4f93f95b74b0"
    assert rejected("subscriptions.cancel", {"subscription": sub}).field == "cancelled_at"
    both = {"subscription": sub, "cancelled_at": "2024-01-01", "cancellation_dates": ["2024-01-01"]}
    assert rejected("subscriptions.cancel", both).field == "cancelled_at"


def test_an_unknown_handle_fails_before_anything_is_written(sandbox: Sandbox, api: httpx.Client) -> None:
    external_id = "never-created"
    with (
        mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client,
        pytest.raises(mogul.errors.HandleError) as caught,
    ):
        client.customers.create(data_source="No Such Source", external_id=external_id)
    assert caught.value.field == "data_source"
    assert api.get("/customers", params={"external_id": external_id}).json()["entries"] == []


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("Past Due", "Past_Due"),
        ("past_due", "Past_Due"),
        ("PAST-DUE", "Past_Due"),
        ("Canceled", "Cancelled"),
        ("cancelled", "Cancelled"),
        ("working lead", "Working_Lead"),
        ("Lead", "Lead"),
    ],
)
def test_enums_take_make_names_and_api_values_in_any_case(given: str, sent: str) -> None:
    assert registry.get("customers.list").validate({"status": given})["status"] == sent


def test_line_item_enums_and_yes_no_fields() -> None:
    module = registry.get("invoices.import")
    base = {"customer": "c", "external_id": "i", "date": "2024-01-01", "currency": "usd"}
    inputs = module.validate(
        base
        | {
            "line_items": [
                {"type": "One Time", "amount_in_cents": "250", "prorated": "yes"},
                {"type": "one_time", "amount_in_cents": 1, "prorated": "Not defined"},
                {"Type": "ONE TIME", "Amount in Cents": 2, "prorated": False},
            ],
            "transactions": {"date": "2024-01-02", "type": "Refund", "result": "FAILED"},
        }
    )
    assert [(li["type"], li["amount_in_cents"], li["prorated"]) for li in inputs["line_items"]] == [
        ("one_time", 250, True),
        ("one_time", 1, None),
        ("one_time", 2, False),
    ]
    assert inputs["currency"] == "USD"
    assert inputs["transactions"][0]["type"] == "refund"
    assert inputs["transactions"][0]["result"] == "failed"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-01-31", datetime(2024, 1, 31, tzinfo=UTC)),
        ("2024-01-31 12:00:00", datetime(2024, 1, 31, 12, tzinfo=UTC)),
        ("2024-01-31 12:00:00 UTC", datetime(2024, 1, 31, 12, tzinfo=UTC)),
        ("2024-01-31T12:00:00Z", datetime(2024, 1, 31, 12, tzinfo=UTC)),
        ("2024-01-31T12:00:00.250+02:00", datetime(2024, 1, 31, 10, 0, 0, 250000, tzinfo=UTC)),
        (date(2024, 1, 31), datetime(2024, 1, 31, tzinfo=UTC)),
        (datetime(2024, 1, 31, 12), datetime(2024, 1, 31, 12, tzinfo=UTC)),
        (
            datetime(2024, 1, 31, 12, tzinfo=timezone(timedelta(hours=-5))),
            datetime(2024, 1, 31, 17, tzinfo=UTC),
        ),
    ],
)
def test_times_are_read_as_chartmogul_reads_them(given: Any, expected: datetime) -> None:
    inputs = registry.get("customers.update").validate({"customer": "c", "lead_created_at": given})
    assert inputs["lead_created_at"] == expected


def test_a_bad_time_says_what_is_expected() -> None:
    error = rejected("customers.update", {"customer": "c", "lead_created_at": "last tuesday"})
    assert error.field == "lead_created_at"
    assert "must be an ISO 8601 date or time such as 2024-01-31" in error.message


@pytest.mark.parametrize(
    "given",
    [
        [
            {"type": "Integer", "key": "seats", "value": "5"},
            {"type": "string", "key": "tier", "value": "gold"},
        ],
        {"seats": 5, "tier": "gold"},
        ["Integer:seats=5", "tier=gold"],
    ],
    ids=["make-list", "map", "cli-texts"],
)
def test_custom_attributes_take_makes_list_a_map_or_texts(given: Any) -> None:
    inputs = registry.get("customers.create").validate(
        {"data_source": "d", "external_id": "e", "custom": given}
    )
    assert inputs["custom"] == [
        {"type": "Integer", "key": "seats", "value": 5},
        {"type": "String", "key": "tier", "value": "gold"},
    ]


def test_a_custom_attribute_value_must_fit_its_type() -> None:
    error = rejected(
        "customers.create", {"data_source": "d", "external_id": "e", "custom": ["Integer:seats=many"]}
    )
    assert error.field == "custom.seats"


def test_tags_take_a_list_or_a_comma_separated_text() -> None:
    module = registry.get("customers.update")
    assert module.validate({"customer": "c", "tags": "a, b,c"})["tags"] == ["a", "b", "c"]
    assert module.validate({"customer": "c", "tags": ["a"]})["tags"] == ["a"]


def test_fields_are_found_by_name_api_name_or_make_label() -> None:
    module = registry.get("plans.create")
    inputs = module.validate(
        {"Data Source UUID": "ds", "Plan Name": "Gold", "interval_count": 1, "interval-unit": "Day"}
    )
    assert inputs == {"data_source": "ds", "name": "Gold", "interval_count": 1, "interval_unit": "day"}
    with pytest.raises(InputError):
        module.validate({"data_source": "a", "data_source_uuid": "b", "name": "x", "interval_count": 1})
