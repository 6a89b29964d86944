"""Customer modules against a real server, checked on the server."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import unique
from tests.modules.conftest import Call


def test_customers_list_filters_by_data_source_external_id_status_and_system(
    call: Call, api: httpx.Client, data_source: dict[str, Any]
) -> None:
    made = [
        api.post(
            "/customers", json={"data_source_uuid": data_source["uuid"], "external_id": unique("c")}
        ).json()
        for _ in range(3)
    ]
    uuids = [c["uuid"] for c in made]
    assert [c["uuid"] for c in call("customers.list", data_source=data_source["name"])] == uuids
    assert [c["uuid"] for c in call("customers.list", data_source=data_source["uuid"], limit=2)] == uuids[:2]
    one = call("customers.list", external_id=made[1]["external_id"])
    assert [c["uuid"] for c in one] == [uuids[1]]
    assert [
        c["uuid"] for c in call("customers.list", data_source=data_source["uuid"], status="Lead")
    ] == uuids
    assert [
        c["uuid"] for c in call("customers.list", data_source=data_source["uuid"], status="new_lead")
    ] == uuids
    assert call("customers.list", data_source=data_source["uuid"], status="Canceled") == []
    assert call("customers.list", data_source=data_source["uuid"], status="Past Due") == []
    assert [
        c["uuid"] for c in call("customers.list", data_source=data_source["uuid"], system="custom")
    ] == uuids
    assert call("customers.list", data_source=data_source["uuid"], system="Stripe") == []


def test_customers_get_takes_the_uuid_external_id_or_email(call: Call, customer: dict[str, Any]) -> None:
    for handle in (customer["uuid"], customer["external_id"], customer["email"]):
        got = call("customers.get", customer=handle)
        assert got["uuid"] == customer["uuid"]
        assert got.external_id == customer["external_id"]


def test_customers_create_stores_every_field(
    call: Call, api: httpx.Client, data_source: dict[str, Any]
) -> None:
    external_id = unique("cus")
    created = call(
        "customers.create",
        data_source=data_source["name"],
        external_id=external_id,
        name="Ada Lovelace",
        email="ada@example.com",
        company="Analytical Engines",
        country="US",
        state="CA",
        city="San Francisco",
        zip="94107",
        lead_created_at="2024-01-02",
        free_trial_started_at="2024-01-05 10:30:00",
        tags=["vip", "beta"],
        custom=[
            {"type": "Integer", "key": "seats", "value": "12"},
            {"type": "String", "key": "tier", "value": "gold"},
            {"type": "Boolean", "key": "trial", "value": "yes"},
            {"type": "Timestamp", "key": "renews", "value": "2024-06-01"},
        ],
    )
    stored = api.get(f"/customers/{created['uuid']}").json()
    assert stored["external_id"] == external_id
    assert stored["data_source_uuid"] == data_source["uuid"]
    assert (stored["name"], stored["email"], stored["company"]) == (
        "Ada Lovelace",
        "ada@example.com",
        "Analytical Engines",
    )
    assert (stored["country"], stored["state"], stored["city"], stored["zip"]) == (
        "US",
        "CA",
        "San Francisco",
        "94107",
    )
    assert stored["lead_created_at"] == "2024-01-02T00:00:00.000Z"
    assert stored["free_trial_started_at"] == "2024-01-05T10:30:00.000Z"
    assert stored["attributes"]["tags"] == ["vip", "beta"]
    assert stored["attributes"]["custom"] == {
        "seats": 12,
        "tier": "gold",
        "trial": True,
        "renews": "2024-06-01T00:00:00.000Z",
    }
    assert created == stored


def test_customers_update_changes_the_profile_and_replaces_tags(
    call: Call, api: httpx.Client, customer: dict[str, Any]
) -> None:
    api.post(f"/customers/{customer['uuid']}/attributes/tags", json={"tags": ["old"]})
    updated = call(
        "customers.update",
        customer=customer["external_id"],
        name="Grace Hopper",
        city="Arlington",
        tags="navy,cobol",
        custom={"rank": "Rear Admiral"},
    )
    stored = api.get(f"/customers/{customer['uuid']}").json()
    assert (stored["name"], stored["city"]) == ("Grace Hopper", "Arlington")
    assert stored["attributes"]["tags"] == ["navy", "cobol"]
    assert stored["attributes"]["custom"] == {"rank": "Rear Admiral"}
    assert stored["email"] == customer["email"]
    assert updated == stored


def test_customers_delete_removes_the_customer(
    call: Call, api: httpx.Client, customer: dict[str, Any]
) -> None:
    assert call("customers.delete", customer=customer["email"]) is None
    assert api.get(f"/customers/{customer['uuid']}").status_code == 404


def test_customers_search_finds_by_email_and_nothing_is_an_empty_list(
    call: Call, customer: dict[str, Any]
) -> None:
    assert [c["uuid"] for c in call("customers.search", email=customer["email"])] == [customer["uuid"]]
    assert call("customers.search", email=f"{unique('nobody')}@example.com") == []
