"""Error paths: every kind of bad input gets ChartMogul's 4xx shape naming the field, and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from mogul.server.sandbox import Sandbox
from tests.conftest import basic, unique


@pytest.fixture
def world(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    ds = data_source["uuid"]
    plan = api.post(
        "/plans", json={"data_source_uuid": ds, "name": "Gold", "interval_count": 1, "interval_unit": "month"}
    ).json()
    customer = api.post("/customers", json={"data_source_uuid": ds, "external_id": unique("c")}).json()
    return {"ds": ds, "plan": plan, "customer": customer}


def _invoice(world: dict[str, Any], **line: Any) -> dict[str, Any]:
    item = {
        "type": "subscription",
        "subscription_external_id": "s1",
        "plan_uuid": world["plan"]["uuid"],
        "service_period_start": "2023-01-01",
        "service_period_end": "2023-02-01",
        "amount_in_cents": 1000,
    } | line
    return {"external_id": unique("inv"), "date": "2023-01-01", "currency": "USD", "line_items": [item]}


def _import(api: httpx.Client, world: dict[str, Any], *invoices: dict[str, Any]) -> httpx.Response:
    return api.post(
        f"/import/customers/{world['customer']['uuid']}/invoices", json={"invoices": list(invoices)}
    )


def _invoice_count(api: httpx.Client, world: dict[str, Any]) -> int:
    return len(api.get(f"/import/customers/{world['customer']['uuid']}/invoices").json()["invoices"])


# -- authentication --------------------------------------------------------------------------------------

UNAUTHORIZED = {"code": 401, "message": "No valid API key provided", "param": None}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        basic("no-such-key"),
        {"Authorization": "Bearer something"},
        {"Authorization": "Basic !!!not-base64"},
    ],
    ids=["no header", "unknown key", "not basic", "garbled"],
)
def test_requests_without_a_valid_key_are_401(sandbox: Sandbox, headers: dict[str, str]) -> None:
    response = httpx.get(sandbox.api_url + "/ping", headers=headers)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert response.headers["content-type"] == "application/json"


def test_key_with_a_wrong_password_is_401(sandbox: Sandbox) -> None:
    response = httpx.get(sandbox.api_url + "/ping", headers=basic(sandbox.api_key, "wrong"))
    assert (response.status_code, response.json()) == (401, UNAUTHORIZED)


def test_key_as_user_and_password_is_accepted(sandbox: Sandbox) -> None:
    response = httpx.get(sandbox.api_url + "/ping", headers=basic(sandbox.api_key, sandbox.api_key))
    assert (response.status_code, response.json()) == (200, {"data": "pong!"})


def test_legacy_token_and_secret_pair(sandbox: Sandbox) -> None:
    token, _, secret = sandbox.api_keys[2].partition(":")
    assert httpx.get(sandbox.api_url + "/ping", headers=basic(token, secret)).status_code == 200
    assert httpx.get(sandbox.api_url + "/ping", headers=basic(token, "other-secret")).status_code == 401


# -- accounts never see each other ---------------------------------------------------------------------


def test_another_accounts_objects_answer_404(
    api: httpx.Client, other_api: httpx.Client, world: dict[str, Any]
) -> None:
    customer = world["customer"]["uuid"]
    invoice = _import(api, world, _invoice(world)).json()["invoices"][0]["uuid"]
    for path, error in [
        (f"/data_sources/{world['ds']}", "Data source not found"),
        (f"/customers/{customer}", "Customer not found"),
        (f"/plans/{world['plan']['uuid']}", "Plan not found"),
        (f"/invoices/{invoice}", "Invoice not found"),
        (f"/import/customers/{customer}/subscriptions", "Customer not found"),
    ]:
        response = other_api.get(path)
        assert (response.status_code, response.json()) == (404, {"error": error}), path
    assert other_api.delete(f"/customers/{customer}").status_code == 404
    assert other_api.post(
        "/customers", json={"data_source_uuid": world["ds"], "external_id": "x"}
    ).json() == {"error": "Data source not found"}
    # and lists stay separate
    assert world["ds"] not in [d["uuid"] for d in other_api.get("/data_sources").json()["data_sources"]]
    assert customer not in [c["uuid"] for c in other_api.get("/customers").json()["entries"]]
    assert api.get(f"/customers/{customer}").status_code == 200


# -- missing fields, wrong types, enums ----------------------------------------------------------------


def test_missing_required_field_is_400_naming_it(api: httpx.Client, world: dict[str, Any]) -> None:
    response = api.post("/customers", json={"data_source_uuid": world["ds"]})
    assert response.status_code == 400
    assert response.json() == {
        "code": 400,
        "message": 'Parameter "external_id" is missing',
        "param": "external_id",
    }
    response = api.post("/plans", json={"data_source_uuid": world["ds"], "name": "x", "interval_count": 1})
    assert response.json()["param"] == "interval_unit"


def test_blank_data_source_name_is_422_with_chartmogul_message(api: httpx.Client) -> None:
    response = api.post("/data_sources", json={"name": None})
    assert response.status_code == 422
    assert response.json() == {"errors": {"name": "A name is required for each data source."}}


def test_wrong_type_is_422_naming_the_field(api: httpx.Client, world: dict[str, Any]) -> None:
    response = api.post(
        "/plans",
        json={
            "data_source_uuid": world["ds"],
            "name": "x",
            "interval_count": "often",
            "interval_unit": "month",
        },
    )
    assert response.status_code == 422
    assert response.json() == {"errors": {"interval_count": "interval_count must be an integer."}}


def test_unknown_plan_interval_unit_is_422(api: httpx.Client, world: dict[str, Any]) -> None:
    response = api.post(
        "/plans",
        json={"data_source_uuid": world["ds"], "name": "x", "interval_count": 1, "interval_unit": "week"},
    )
    assert response.status_code == 422
    assert response.json() == {"errors": {"interval_unit": "interval_unit must be one of: day, month, year."}}


def test_unknown_lead_status_is_422(api: httpx.Client, world: dict[str, Any]) -> None:
    response = api.patch(f"/customers/{world['customer']['uuid']}", json={"status": "Active"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["status"]
    ok = api.patch(f"/customers/{world['customer']['uuid']}", json={"status": "Working_Lead"})
    assert ok.json()["status"] == "Working Lead"


def test_invalid_country_is_422(api: httpx.Client, world: dict[str, Any]) -> None:
    response = api.post(
        "/customers", json={"data_source_uuid": world["ds"], "external_id": unique("c"), "country": "XX"}
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["country"]


def test_unparseable_date_is_422(api: httpx.Client, world: dict[str, Any]) -> None:
    response = api.post(
        "/customers",
        json={"data_source_uuid": world["ds"], "external_id": unique("c"), "lead_created_at": "yesterday"},
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": {"lead_created_at": "lead_created_at is not a valid ISO 8601 timestamp."}
    }


def test_a_time_beyond_the_calendar_after_its_offset_is_422(api: httpx.Client, world: dict[str, Any]) -> None:
    """0001-01-01T00:00+01:00 is before year 1 in UTC: refused as outside the supported range, not a 500."""
    response = api.post(
        "/customers",
        json={
            "data_source_uuid": world["ds"],
            "external_id": unique("c"),
            "lead_created_at": "0001-01-01T00:00:00+01:00",
        },
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": {"lead_created_at": "lead_created_at must be between 1900-01-01 and 2999-12-31."}
    }


def test_digits_that_are_not_decimal_are_refused_not_a_500(api: httpx.Client, world: dict[str, Any]) -> None:
    """ "²" is a Unicode digit but not a number: an integer field says so, per_page says so."""
    response = _import(api, world, _invoice(world, amount_in_cents="²"))
    assert response.status_code == 422
    assert response.json()["invoices"][0]["errors"] == {
        "line_items[0].amount_in_cents": "amount_in_cents must be an integer."
    }
    listing = api.get("/customers", params={"per_page": "²"})
    assert listing.status_code == 400
    assert listing.json()["param"] == "per_page"
    custom = [{"type": "Integer", "key": "seats", "value": "²"}]
    customer = api.post(
        "/customers",
        json={"data_source_uuid": world["ds"], "external_id": unique("c"), "attributes": {"custom": custom}},
    )
    assert customer.status_code == 422
    assert customer.json() == {"errors": {"custom.seats": "Integer values must be whole numbers."}}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "recurring"}, "line_items[0].type"),
        ({"account_code": "x" * 31}, "line_items[0].account_code"),
        ({"service_period_start": "2023-13-45"}, "line_items[0].service_period_start"),
        ({"plan_uuid": "pl_00000000-0000-0000-0000-000000000000"}, "line_items[0].plan_uuid"),
        ({"amount_in_cents": "ten"}, "line_items[0].amount_in_cents"),
        ({"transaction_fees_currency": "XYZ"}, "line_items[0].transaction_fees_currency"),
    ],
)
def test_bad_line_item_is_422_and_stores_nothing(
    api: httpx.Client, world: dict[str, Any], change: dict[str, Any], field: str
) -> None:
    good = _invoice(world)
    response = _import(api, world, good, _invoice(world, **change))
    assert response.status_code == 422
    reports = response.json()["invoices"]
    assert reports[0]["errors"] == {}
    assert list(reports[1]["errors"]) == [field]
    assert _invoice_count(api, world) == 0


def test_bad_invoice_currency_and_transaction_enums_are_422(api: httpx.Client, world: dict[str, Any]) -> None:
    invoice = _invoice(world) | {
        "currency": "DOLLARS",
        "transactions": [{"date": "2023-01-01", "type": "gift", "result": "maybe"}],
    }
    response = _import(api, world, invoice)
    assert response.status_code == 422
    assert sorted(response.json()["invoices"][0]["errors"]) == [
        "currency",
        "transactions[0].result",
        "transactions[0].type",
    ]
    assert _invoice_count(api, world) == 0


def test_invoices_key_missing_is_400(api: httpx.Client, world: dict[str, Any]) -> None:
    response = api.post(f"/import/customers/{world['customer']['uuid']}/invoices", json={})
    assert response.json() == {"code": 400, "message": 'Parameter "invoices" is missing', "param": "invoices"}


# -- references -----------------------------------------------------------------------------------------


def test_references_to_missing_objects_are_404(api: httpx.Client, world: dict[str, Any]) -> None:
    missing_ds = api.post("/customers", json={"data_source_uuid": "ds_nope", "external_id": "x"})
    assert (missing_ds.status_code, missing_ds.json()) == (404, {"error": "Data source not found"})
    missing_customer = api.post("/import/customers/cus_nope/invoices", json={"invoices": []})
    assert (missing_customer.status_code, missing_customer.json()) == (404, {"error": "Customer not found"})
    missing_invoice = api.post(
        "/import/invoices/inv_nope/transactions",
        json={"type": "payment", "date": "2023-01-01", "result": "successful"},
    )
    assert (missing_invoice.status_code, missing_invoice.json()) == (404, {"error": "Invoice not found"})
    missing_plan = api.post("/plan_groups", json={"name": "g", "plans": ["pl_nope"]})
    assert missing_plan.status_code == 422
    assert missing_plan.json()["error_details"][0]["param"] == "plan_ids"


# -- duplicates -----------------------------------------------------------------------------------------


def test_duplicate_external_ids_use_chartmogul_messages(api: httpx.Client, world: dict[str, Any]) -> None:
    customer = api.post(
        "/customers", json={"data_source_uuid": world["ds"], "external_id": world["customer"]["external_id"]}
    )
    assert (customer.status_code, customer.json()) == (
        422,
        {"errors": {"external_id": "The external ID for this customer already exists in our system."}},
    )
    plan = api.post(
        "/plans",
        json={
            "data_source_uuid": world["ds"],
            "name": "again",
            "interval_count": 1,
            "interval_unit": "month",
            "external_id": world["plan"]["external_id"],
        },
    )
    assert plan.json() == {
        "errors": {"external_id": "A plan with this identifier already exists in our system."}
    }
    invoice = _invoice(world, external_id="li-1")
    invoice["transactions"] = [
        {"date": "2023-01-01", "type": "payment", "result": "successful", "external_id": "t-1"}
    ]
    assert _import(api, world, invoice).status_code == 201
    again = _import(api, world, invoice)
    assert again.status_code == 422
    assert again.json() == {
        "invoices": [
            {
                "external_id": invoice["external_id"],
                "errors": {
                    "external_id": "The external ID for this invoice already exists in our system.",
                    "line_items.external_id": (
                        "The external ID for this line item already exists in our system."
                    ),
                    "transactions.external_id": "has already been taken",
                },
            }
        ]
    }
    stored = api.get("/invoices", params={"external_id": invoice["external_id"]}).json()["invoices"][0]
    tr = api.post(
        f"/import/invoices/{stored['uuid']}/transactions",
        json={"type": "refund", "date": "2023-01-02", "result": "successful", "external_id": "t-1"},
    )
    assert tr.json() == {"errors": {"external_id": "has already been taken"}}
    name = api.post("/data_sources", json={"name": api.get(f"/data_sources/{world['ds']}").json()["name"]})
    assert name.json() == {"errors": {"name": "Has already been taken."}}
    assert _invoice_count(api, world) == 1


# -- bodies ---------------------------------------------------------------------------------------------


def test_malformed_json_is_400(api: httpx.Client) -> None:
    response = api.post("/data_sources", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["code"] == 400
    assert response.json()["message"].startswith("The request body is not valid JSON")


@pytest.mark.parametrize("digits", [2**64, 10**30])
def test_integers_beyond_64_bits_are_read_exactly_and_422_out_of_range(
    api: httpx.Client, world: dict[str, Any], digits: int
) -> None:
    """The body is parsed without rounding a huge integer to a float: the field is out of range."""
    response = _import(api, world, _invoice(world, amount_in_cents=digits))
    assert response.status_code == 422
    errors = response.json()["invoices"][0]["errors"]
    assert list(errors) == ["line_items[0].amount_in_cents"]
    assert "out of range" in errors["line_items[0].amount_in_cents"]


@pytest.mark.parametrize(
    "body",
    [b'{"name": NaN}', b'{"name": Infinity}', b'{"name": "\\ud800"}', b'{"name": "\xff"}'],
    ids=["NaN", "Infinity", "unpaired surrogate", "not UTF-8"],
)
def test_bodies_that_are_not_strict_json_are_400(api: httpx.Client, body: bytes) -> None:
    before = api.get("/data_sources").json()["data_sources"]
    response = api.post("/data_sources", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("The request body is not valid JSON: ")
    assert api.get("/data_sources").json()["data_sources"] == before


def test_non_object_body_is_400(api: httpx.Client) -> None:
    response = api.post("/data_sources", json=["a"])
    assert response.json() == {
        "code": 400,
        "message": "The request body must be a JSON object",
        "param": None,
    }


def test_oversized_body_is_413(database_factory: Callable[[], str]) -> None:
    with Sandbox(database_factory(), max_body_bytes=1024) as small:
        client = httpx.Client(base_url=small.api_url, headers=basic(small.api_key))
        response = client.post("/data_sources", json={"name": "x" * 2000})
        assert response.status_code == 413
        assert response.json() == {
            "code": 413,
            "message": "Request body is larger than 1024 bytes",
            "param": None,
        }
        assert client.get("/data_sources").json() == {"data_sources": []}


def test_unknown_route_is_404_json(api: httpx.Client) -> None:
    response = api.get("/nothing/here")
    assert response.status_code == 404
    assert response.json() == {"code": 404, "message": "No route matches /v1/nothing/here", "param": None}


def test_bad_cursor_and_per_page_are_400(api: httpx.Client) -> None:
    assert api.get("/customers", params={"cursor": "%%%"}).json()["param"] == "cursor"
    assert api.get("/customers", params={"per_page": "lots"}).json()["param"] == "per_page"


def test_subscription_in_a_currency_without_exchange_rates_is_422(
    api: httpx.Client, world: dict[str, Any]
) -> None:
    response = _import(api, world, _invoice(world) | {"currency": "AED"})
    assert response.status_code == 422
    assert response.json() == {
        "errors": {"currency": "no exchange rate for currency 'AED': MRR cannot be converted to USD."}
    }
    assert _invoice_count(api, world) == 0
    one_time = _invoice(world, type="one_time") | {"currency": "AED"}
    assert _import(api, world, one_time).status_code == 201
