"""Errors: one hierarchy, each carrying the status, ChartMogul's message and body, printed as one line."""

from __future__ import annotations

from typing import Any

import pytest

import mogul
from mogul import errors
from mogul.flow import parse_body
from mogul.server.sandbox import Sandbox
from tests.client.faults import Fault, Faulty


@pytest.fixture
def client(sandbox: Sandbox) -> Any:
    with mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0) as c:
        yield c


def test_a_bad_key_is_an_authentication_error_that_says_what_to_do(sandbox: Sandbox) -> None:
    with (
        mogul.Client(api_key="wrong", base_url=sandbox.base_url) as c,
        pytest.raises(errors.AuthenticationError) as caught,
    ):
        c.data_sources.list().to_list()
    assert caught.value.status == 401
    assert caught.value.body == {"code": 401, "message": "No valid API key provided", "param": None}
    assert str(caught.value) == (
        "ChartMogul answered 401 to GET /v1/data_sources: No valid API key provided; check the API key "
        "(ChartMogul: Profile > API keys), or the account token and secret key"
    )


def test_an_unknown_object_is_not_found(client: mogul.Client) -> None:
    with pytest.raises(errors.NotFoundError) as caught:
        client.invoices.get("inv_00000000-0000-0000-0000-000000000000")
    assert str(caught.value) == (
        "ChartMogul answered 404 to GET /v1/invoices/inv_00000000-0000-0000-0000-000000000000: "
        "Invoice not found"
    )
    assert isinstance(caught.value, errors.APIStatusError)


def test_a_422_carries_chartmoguls_per_field_messages(client: mogul.Client) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        client.api.call("/v1/data_sources", method="POST", body={"name": None})
    assert caught.value.status == 422
    assert caught.value.errors == {"name": "A name is required for each data source."}
    assert str(caught.value) == (
        "ChartMogul answered 422 to POST /v1/data_sources: name: A name is required for each data source."
    )


def test_a_400_is_a_validation_error_with_its_param(client: mogul.Client) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        client.api.call("/v1/data_sources", method="POST", body={})
    assert caught.value.status == 400
    assert caught.value.errors == {"name": 'Parameter "name" is missing'}
    assert (
        str(caught.value) == 'ChartMogul answered 400 to POST /v1/data_sources: Parameter "name" is missing'
    )


def test_plan_group_rails_errors_are_read_per_field(client: mogul.Client) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        client.api.call("/v1/plan_groups", method="POST", body={})
    assert caught.value.errors == {"name": "Name can't be blank", "plan_ids": "Plan ids can't be blank"}


def test_a_gateway_500_in_plain_text_is_a_server_error(sandbox: Sandbox) -> None:
    faulty = Faulty(
        Fault(
            "GET",
            "/v1/ping",
            status=500,
            headers={"content-type": "text/plain"},
            body=b"500 Internal Server Error",
        )
    )
    with (
        mogul.Client(
            api_key=sandbox.api_key, base_url=sandbox.base_url, transport=faulty, max_retries=0
        ) as c,
        pytest.raises(errors.ServerError) as caught,
    ):
        c.api.call("/v1/ping")
    assert caught.value.body == "500 Internal Server Error"
    assert str(caught.value).startswith("ChartMogul answered 500 to GET /v1/ping: 500 Internal Server Error")


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.ValidationError),
        (401, errors.AuthenticationError),
        (403, errors.ForbiddenError),
        (404, errors.NotFoundError),
        (422, errors.ValidationError),
        (429, errors.RateLimitError),
        (500, errors.ServerError),
        (503, errors.ServerError),
        (405, errors.APIStatusError),
    ],
)
def test_each_status_has_its_error_class(status: int, cls: type[errors.APIStatusError]) -> None:
    error = errors.status_error(
        status, {"code": status, "message": "m", "param": None}, method="GET", url="/v1/x"
    )
    assert type(error) is cls
    assert error.status == status
    assert isinstance(error, errors.APIError) and isinstance(error, errors.MogulError)


def test_responses_keep_unknown_fields_and_nulls() -> None:
    body = parse_body(
        200,
        {"content-type": "application/json"},
        b'{"uuid":"x","new_field":{"a":null},"customer-since":null}',
    )
    assert body == {"uuid": "x", "new_field": {"a": None}, "customer-since": None}
    assert body.new_field.a is None
    assert body.customer_since is None
    with pytest.raises(AttributeError):
        _ = body.missing


def test_input_errors_are_value_errors_naming_module_and_field(client: mogul.Client) -> None:
    with pytest.raises(ValueError) as caught:
        client.run(
            "plans.create", {"data_source": "x", "name": "Gold", "interval_count": 1, "interval_unit": "week"}
        )
    assert isinstance(caught.value, errors.InputError)
    assert str(caught.value) == "plans.create: interval_unit: must be one of: Day, Month, Year (got 'week')"


def test_timeouts_are_connection_errors_and_not_status_errors() -> None:
    assert issubclass(errors.APITimeoutError, errors.APIConnectionError)
    assert not issubclass(errors.APIConnectionError, errors.APIStatusError)
