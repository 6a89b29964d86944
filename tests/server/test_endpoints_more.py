"""The less travelled endpoints: attributes by email, data source flags and emptying, deletes by external
id, the legacy activities anchor, and the cancel endpoint's errors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import unique


@pytest.fixture
def world(api: httpx.Client, data_source: dict[str, Any]) -> dict[str, Any]:
    ds = data_source["uuid"]
    plan = api.post(
        "/plans", json={"data_source_uuid": ds, "name": "Gold", "interval_count": 1, "interval_unit": "month"}
    ).json()
    email = f"{unique('shared')}@example.com"
    customers = [
        api.post(
            "/customers", json={"data_source_uuid": ds, "external_id": unique("c"), "email": email, "name": n}
        ).json()
        for n in ("One", "Two")
    ]
    return {"ds": ds, "plan": plan, "customers": customers, "email": email}


def _invoice(world: dict[str, Any], external_id: str, start: str, end: str, amount: int) -> dict[str, Any]:
    return {
        "external_id": external_id,
        "date": start,
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "subscription_external_id": "s1",
                "plan_uuid": world["plan"]["uuid"],
                "service_period_start": start,
                "service_period_end": end,
                "amount_in_cents": amount,
            }
        ],
    }


def test_tags_and_custom_attributes_by_email_reach_every_customer_with_it(
    api: httpx.Client, world: dict[str, Any]
) -> None:
    tagged = api.post("/customers/attributes/tags", json={"email": world["email"], "tags": ["vip", "vip"]})
    assert tagged.status_code == 200
    entries = tagged.json()["entries"]
    assert sorted(e["name"] for e in entries) == ["One", "Two"]
    assert all(e["attributes"]["tags"] == ["vip"] for e in entries)
    custom = api.post(
        "/customers/attributes/custom",
        json={"email": world["email"], "custom": [{"type": "Decimal", "key": "score", "value": "4.5"}]},
    )
    assert [e["attributes"]["custom"] for e in custom.json()["entries"]] == [{"score": 4.5}, {"score": 4.5}]
    for customer in world["customers"]:
        assert api.get(f"/customers/{customer['uuid']}/attributes").json() == {
            "tags": ["vip"],
            "stripe": {},
            "clearbit": {},
            "custom": {"score": 4.5},
        }
    nobody = api.post("/customers/attributes/tags", json={"email": "nobody@example.com", "tags": ["x"]})
    assert (nobody.status_code, nobody.json()) == (
        404,
        {
            "code": 404,
            "message": 'Can\'t find any customers with email: "nobody@example.com"',
            "param": "email",
        },
    )


def test_custom_attribute_type_errors_are_422_and_change_nothing(
    api: httpx.Client, world: dict[str, Any]
) -> None:
    uuid = world["customers"][0]["uuid"]
    response = api.post(
        f"/customers/{uuid}/attributes/custom",
        json={"custom": [{"type": "Integer", "key": "seats", "value": "many"}]},
    )
    assert (response.status_code, response.json()) == (
        422,
        {"errors": {"custom.seats": "Integer values must be whole numbers."}},
    )
    assert api.put(f"/customers/{uuid}/attributes/custom", json={"custom": ["x"]}).status_code == 422
    removed = api.request("DELETE", f"/customers/{uuid}/attributes/custom", json={"custom": {"x": 1}})
    assert removed.status_code == 422
    assert api.get(f"/customers/{uuid}/attributes").json()["custom"] == {}


def test_data_source_flags_add_their_blocks(api: httpx.Client, world: dict[str, Any]) -> None:
    api.post(
        f"/import/customers/{world['customers'][0]['uuid']}/invoices",
        json={"invoices": [_invoice(world, "i1", "2024-01-01", "2024-02-01", 1000)]},
    )
    plain = api.get(f"/data_sources/{world['ds']}").json()
    assert set(plain) == {"uuid", "name", "system", "created_at", "status"}
    flagged = api.get(
        f"/data_sources/{world['ds']}",
        params={
            "with_processing_status": "true",
            "with_auto_churn_subscription_setting": "True",
            "with_invoice_handling_setting": "1",
        },
    ).json()
    assert flagged["processing_status"] == {"processed": 1, "failed": 0, "pending": 0}
    assert flagged["auto_churn_subscription_setting"] == {"enabled": False, "interval": None}
    assert set(flagged["invoice_handling_setting"]) == {"manual", "automatic"}
    assert flagged["invoice_handling_setting"]["manual"]["create_subscription_when_invoice_is"] == "open"


def test_emptying_a_data_source_keeps_it_and_removes_its_data(
    api: httpx.Client, world: dict[str, Any]
) -> None:
    assert api.delete(f"/data_sources/{world['ds']}/all").status_code == 204
    assert api.get(f"/data_sources/{world['ds']}").status_code == 200
    assert api.get("/customers", params={"data_source_uuid": world["ds"]}).json()["entries"] == []
    assert api.get("/plans", params={"data_source_uuid": world["ds"]}).json()["plans"] == []


def test_delete_an_invoice_by_data_source_and_external_id(api: httpx.Client, world: dict[str, Any]) -> None:
    customer = world["customers"][0]["uuid"]
    api.post(
        f"/import/customers/{customer}/invoices",
        json={"invoices": [_invoice(world, "gone", "2024-01-01", "2024-02-01", 1000)]},
    )
    query = {"data_source_uuid": world["ds"], "external_id": "gone"}
    assert api.delete("/invoices", params={"data_source_uuid": world["ds"]}).json()["param"] == "external_id"
    assert api.delete("/invoices", params=query).status_code == 204
    assert api.get("/invoices", params=query).json()["invoices"] == []
    assert api.delete("/invoices", params=query).json() == {"error": "Invoice not found"}
    # its subscription went with its only line item, and the customer is a lead again
    assert api.get(f"/import/customers/{customer}/subscriptions").json()["subscriptions"] == []
    assert api.get(f"/customers/{customer}").json()["status"] == "New Lead"


def test_a_plan_that_invoices_use_cannot_be_deleted(api: httpx.Client, world: dict[str, Any]) -> None:
    api.post(
        f"/import/customers/{world['customers'][0]['uuid']}/invoices",
        json={"invoices": [_invoice(world, "uses", "2024-01-01", "2024-02-01", 1000)]},
    )
    response = api.delete(f"/plans/{world['plan']['uuid']}")
    assert (response.status_code, response.json()) == (
        422,
        {"errors": {"plan": "The plan has invoices; delete them first."}},
    )
    assert api.get(f"/plans/{world['plan']['uuid']}").status_code == 200


def test_cancel_errors_are_4xx_and_change_nothing(api: httpx.Client, world: dict[str, Any]) -> None:
    customer = world["customers"][0]["uuid"]
    api.post(
        f"/import/customers/{customer}/invoices",
        json={"invoices": [_invoice(world, "c1", "2024-01-01", "2024-02-01", 1000)]},
    )
    sub = api.get(f"/import/customers/{customer}/subscriptions").json()["subscriptions"][0]["uuid"]
    url = f"/import/subscriptions/{sub}"
    assert api.patch(url, json={}).json() == {
        "code": 400,
        "message": 'Parameter "cancelled_at" is missing',
        "param": "cancelled_at",
    }
    assert api.patch(url, json={"cancellation_dates": "2024-01-15"}).json() == {
        "errors": {"cancellation_dates": "cancellation_dates must be an array of timestamps."}
    }
    assert api.patch(url, json={"cancellation_dates": ["2024-01-15", "soon"]}).json() == {
        "errors": {"cancellation_dates[1]": "cancellation_dates must hold ISO 8601 timestamps."}
    }
    assert api.patch(url, json={"cancelled_at": "2999-01-01"}).json() == {
        "errors": {"cancelled_at": "cancelled_at must be in the past."}
    }
    assert (
        api.get(f"/import/customers/{customer}/subscriptions").json()["subscriptions"][0][
            "cancellation_dates"
        ]
        == []
    )
    assert api.patch("/import/subscriptions/sub_nope", json={"cancelled_at": "2024-01-15"}).json() == {
        "error": "Subscription not found"
    }
