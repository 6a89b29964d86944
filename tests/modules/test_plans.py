"""Plan and plan group modules against a real server, checked on the server."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import unique
from tests.modules.conftest import Call


def test_plans_list_filters_by_data_source_and_external_id(
    call: Call, api: httpx.Client, data_source: dict[str, Any]
) -> None:
    made = [
        api.post(
            "/plans",
            json={
                "data_source_uuid": data_source["uuid"],
                "name": f"P{n}",
                "interval_count": 1,
                "interval_unit": "month",
            },
        ).json()
        for n in range(3)
    ]
    listed = call("plans.list", data_source=data_source["name"])
    assert [p["uuid"] for p in listed] == [p["uuid"] for p in made]
    assert [p["uuid"] for p in call("plans.list", data_source=data_source["uuid"], limit=1)] == [
        made[0]["uuid"]
    ]
    assert [p["uuid"] for p in call("plans.list", external_id=made[2]["external_id"])] == [made[2]["uuid"]]
    assert len(call("plans.list", data_source=data_source["uuid"], system="Custom")) == 3


def test_plans_get_takes_the_uuid_external_id_or_name(call: Call, plan: dict[str, Any]) -> None:
    for handle in (plan["uuid"], plan["external_id"], plan["name"]):
        assert call("plans.get", plan=handle) == plan


def test_plans_create_stores_the_plan(call: Call, api: httpx.Client, data_source: dict[str, Any]) -> None:
    created = call(
        "plans.create",
        data_source=data_source["name"],
        name="Gold Annual",
        interval_count=1,
        interval_unit="Year",
        external_id=unique("gold"),
    )
    stored = api.get(f"/plans/{created['uuid']}").json()
    assert stored == created
    assert (stored["name"], stored["interval_count"], stored["interval_unit"]) == ("Gold Annual", 1, "year")
    assert stored["data_source_uuid"] == data_source["uuid"]


def test_plans_update_changes_name_and_interval(call: Call, api: httpx.Client, plan: dict[str, Any]) -> None:
    updated = call(
        "plans.update", plan=plan["name"], name="Gold Half-Yearly", interval_count=6, interval_unit="month"
    )
    stored = api.get(f"/plans/{plan['uuid']}").json()
    assert (stored["name"], stored["interval_count"], stored["interval_unit"]) == (
        "Gold Half-Yearly",
        6,
        "month",
    )
    assert updated == stored


def test_plans_delete_removes_the_plan(call: Call, api: httpx.Client, plan: dict[str, Any]) -> None:
    assert call("plans.delete", plan=plan["external_id"]) is None
    assert api.get(f"/plans/{plan['uuid']}").status_code == 404


def test_plan_groups_create_get_update_and_delete(
    call: Call, api: httpx.Client, data_source: dict[str, Any]
) -> None:
    plans = [
        api.post(
            "/plans",
            json={
                "data_source_uuid": data_source["uuid"],
                "name": unique("P"),
                "interval_count": 1,
                "interval_unit": "day",
            },
        ).json()
        for _ in range(3)
    ]
    name = unique("group")
    created = call("plan_groups.create", name=name, plans=[plans[0]["name"], plans[1]["external_id"]])
    assert (created["name"], created["plans_count"]) == (name, 2)
    members = api.get(f"/plan_groups/{created['uuid']}/plans").json()["plans"]
    assert [p["uuid"] for p in members] == [plans[0]["uuid"], plans[1]["uuid"]]

    assert call("plan_groups.get", plan_group=name) == api.get(f"/plan_groups/{created['uuid']}").json()

    renamed = unique("renamed")
    updated = call("plan_groups.update", plan_group=created["uuid"], name=renamed, plans=[plans[2]["uuid"]])
    assert (updated["name"], updated["plans_count"]) == (renamed, 1)
    members = api.get(f"/plan_groups/{created['uuid']}/plans").json()["plans"]
    assert [p["uuid"] for p in members] == [plans[2]["uuid"]]

    assert call("plan_groups.delete", plan_group=renamed) is None
    assert api.get(f"/plan_groups/{created['uuid']}").status_code == 404


def test_plan_groups_list_and_list_plans(call: Call, api: httpx.Client, plan: dict[str, Any]) -> None:
    group = api.post("/plan_groups", json={"name": unique("group"), "plans": [plan["uuid"]]}).json()
    listed = call("plan_groups.list")
    assert group in listed
    first_page = api.get("/plan_groups").json()["plan_groups"]
    assert listed[: len(first_page)] == first_page
    assert len(call("plan_groups.list", limit=1)) == 1
    assert call("plan_groups.list_plans", plan_group=group["name"]) == [plan]
