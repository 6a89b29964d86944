"""Merge Customers, Unmerge a Customer, Connect and Disconnect Subscriptions against a real server, four
ways each, checked on the server."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import unique
from tests.modules.conftest import Call


def _customer(api: httpx.Client, ds: str, plan: str, sub: str, start: str) -> dict[str, Any]:
    made = api.post("/customers", json={"data_source_uuid": ds, "external_id": unique("cus")}).json()
    line = {
        "type": "subscription",
        "amount_in_cents": 1000,
        "subscription_external_id": sub,
        "plan_uuid": plan,
        "service_period_start": start,
        "service_period_end": "2024-03-01",
    }
    invoice = {"external_id": unique("inv"), "date": start, "currency": "USD", "line_items": [line]}
    response = api.post(f"/import/customers/{made['uuid']}/invoices", json={"invoices": [invoice]})
    assert response.status_code == 201, response.text
    return made  # type: ignore[no-any-return]


def test_merge_connect_disconnect_unmerge(
    call: Call, api: httpx.Client, data_source: dict[str, Any], plan: dict[str, Any]
) -> None:
    ds = data_source["uuid"]
    old = _customer(api, ds, plan["uuid"], "old-sub", "2024-01-01")
    new = _customer(api, ds, plan["uuid"], "new-sub", "2024-02-01")
    # by external id and by uuid
    merged = call("customers.merge", from_customer=old["external_id"], into_customer=new["uuid"])
    assert (merged["uuid"], merged["external_ids"], merged["mrr"]) == (
        new["uuid"],
        [new["external_id"], old["external_id"]],
        2000,
    )
    assert api.get(f"/customers/{old['uuid']}").status_code == 404

    subs = call("subscriptions.connect", customer=new["uuid"], subscriptions=["old-sub", "new-sub"])
    # one history: the old subscription taken over, the new one from the earliest start
    assert sorted((s["external_id"], s["status"], s["start-date"][:10]) for s in subs) == [
        ("new-sub", "active", "2024-01-01"),
        ("old-sub", "inactive", "2024-01-01"),
    ]
    sub_uuids = [
        s["uuid"] for s in api.get(f"/import/customers/{new['uuid']}/subscriptions").json()["subscriptions"]
    ]
    subs = call("subscriptions.disconnect", customer=new["external_id"], subscriptions=sub_uuids)
    assert sorted((s["external_id"], s["status"], s["start-date"][:10]) for s in subs) == [
        ("new-sub", "active", "2024-02-01"),
        ("old-sub", "active", "2024-01-01"),
    ]

    back = call(
        "customers.unmerge",
        customer=new["uuid"],
        data_source=ds,
        external_id=old["external_id"],
        move_to_new_customer=["notes", "tasks"],
    )
    assert (back["external_id"], back["mrr"]) == (old["external_id"], 1000)
    assert back["uuid"] not in (old["uuid"], new["uuid"])
    assert api.get(f"/customers/{new['uuid']}").json()["external_ids"] == [new["external_id"]]
