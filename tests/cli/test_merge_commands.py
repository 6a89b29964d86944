"""The merge and connection commands: `mogul customers merge`, `mogul customers unmerge`,
`mogul subscriptions connect` and `disconnect`, checked on the server."""

from __future__ import annotations

from typing import Any

import httpx

from tests.cli.conftest import Mogul
from tests.conftest import unique


def test_customers_are_merged_connected_and_unmerged_from_the_command_line(
    mogul: Mogul, http: httpx.Client, data_source: dict[str, Any], plan: dict[str, Any]
) -> None:
    made = []
    for sub, start in (("old-sub", "2024-01-01"), ("new-sub", "2024-02-01")):
        customer = http.post(
            "/customers", json={"data_source_uuid": data_source["uuid"], "external_id": unique("cus")}
        ).json()
        line = {
            "type": "subscription",
            "amount_in_cents": 1000,
            "subscription_external_id": sub,
            "plan_uuid": plan["uuid"],
            "service_period_start": start,
            "service_period_end": "2024-03-01",
        }
        invoice = {"external_id": unique("inv"), "date": start, "currency": "USD", "line_items": [line]}
        http.post(f"/import/customers/{customer['uuid']}/invoices", json={"invoices": [invoice]})
        made.append(customer)
    old, new = made
    # a merge deletes the customer merged from: confirmed with --yes
    result = mogul(
        "customers", "merge", new["uuid"], "--from-customer", old["external_id"], "-o", "json"
    )  # fmt: skip
    assert (result.code, result.err) == (0, ""), result.err
    assert result.json()["external_ids"] == [new["external_id"], old["external_id"]]
    assert http.get(f"/customers/{old['uuid']}").status_code == 404

    result = mogul(
        "subscriptions", "connect", new["uuid"], "--subscriptions", "old-sub", "--subscriptions", "new-sub",
        "-o", "json",
    )  # fmt: skip
    assert (result.code, result.err) == (0, ""), result.err
    assert [(s["external_id"], s["status"]) for s in result.json()] == [
        ("old-sub", "inactive"),
        ("new-sub", "active"),
    ]
    result = mogul(
        "subscriptions", "disconnect", new["uuid"], "--subscriptions", "old-sub",
        "--subscriptions", "new-sub", "-o", "json",
    )  # fmt: skip
    assert (result.code, result.err) == (0, ""), result.err
    assert [(s["external_id"], s["status"]) for s in result.json()] == [
        ("old-sub", "active"),
        ("new-sub", "active"),
    ]

    result = mogul(
        "customers", "unmerge", new["uuid"], "--data-source", data_source["uuid"],
        "--external-id", old["external_id"], "-o", "json",
    )  # fmt: skip
    assert (result.code, result.err) == (0, ""), result.err
    assert (result.json()["external_id"], result.json()["mrr"]) == (old["external_id"], 1000)
