"""A small account filled through the API: every kind of object the Import API stores, and the GET
paths that answer each of them (what a migration must keep, what the query plans are checked on)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.text}"
    )
    return response.json() if response.content else None


def invoice(
    external_id: str, plan_uuid: str, start: str, end: str, amount: int, subscription: str = "sub-1"
) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    return {
        "external_id": external_id,
        "date": start,
        "currency": "USD",
        "due_date": end,
        "line_items": [
            {
                "type": "subscription",
                "subscription_external_id": subscription,
                "plan_uuid": plan_uuid,
                "service_period_start": start,
                "service_period_end": end,
                "amount_in_cents": amount,
                "quantity": 1,
                "external_id": f"li-{external_id}-{tag}",
            },
            {"type": "one_time", "description": "Setup fee", "amount_in_cents": 2500, "quantity": 1},
        ],
        "transactions": [
            {
                "date": start,
                "type": "payment",
                "result": "successful",
                "external_id": f"tr-{external_id}-{tag}",
            }
        ],
    }


@dataclass
class World:
    data_source: dict[str, Any]
    plans: list[dict[str, Any]]
    plan_group: dict[str, Any]
    customers: list[dict[str, Any]]
    invoices: list[dict[str, Any]] = field(default_factory=list)
    subscriptions: list[dict[str, Any]] = field(default_factory=list)

    def paths(self) -> list[tuple[str, dict[str, str]]]:
        """GET requests that together answer every object (lists with each filter, and each object)."""
        ds = self.data_source["uuid"]
        out: list[tuple[str, dict[str, str]]] = [
            ("/data_sources", {}),
            ("/data_sources", {"name": self.data_source["name"]}),
            ("/data_sources", {"system": "Custom"}),
            (f"/data_sources/{ds}", {}),
            ("/plans", {}),
            ("/plans", {"data_source_uuid": ds}),
            ("/plans", {"external_id": self.plans[0]["external_id"]}),
            ("/plans", {"system": "Custom"}),
            ("/plan_groups", {}),
            (f"/plan_groups/{self.plan_group['uuid']}", {}),
            (f"/plan_groups/{self.plan_group['uuid']}/plans", {}),
            ("/customers", {}),
            ("/customers", {"data_source_uuid": ds}),
            ("/customers", {"external_id": self.customers[0]["external_id"]}),
            ("/customers", {"status": "Active"}),
            ("/customers", {"status": "New_Lead"}),
            ("/customers", {"system": "Custom"}),
            ("/customers/search", {"email": self.customers[0]["email"]}),
            ("/invoices", {}),
            ("/invoices", {"data_source_uuid": ds}),
            ("/invoices", {"customer_uuid": self.customers[0]["uuid"]}),
            ("/invoices", {"external_id": self.invoices[0]["external_id"]}),
            ("/activities", {}),
            ("/activities", {"start-date": "2024-01-01", "end-date": "2024-12-31"}),
            ("/activities", {"type": "new_biz"}),
            ("/activities", {"order": "-date"}),
            ("/metrics/all", {"start-date": "2024-01-01", "end-date": "2024-06-30"}),
            ("/metrics/mrr", {"start-date": "2024-01-01", "end-date": "2024-06-30", "geo": "DE"}),
            (
                "/metrics/mrr",
                {"start-date": "2024-01-01", "end-date": "2024-06-30", "plans": self.plans[0]["uuid"]},
            ),
        ]
        out += [(f"/plans/{p['uuid']}", {}) for p in self.plans]
        for c in self.customers:
            out += [
                (f"/customers/{c['uuid']}", {}),
                (f"/customers/{c['uuid']}/attributes", {}),
                (f"/customers/{c['uuid']}/subscriptions", {}),
                (f"/customers/{c['uuid']}/activities", {}),
                (f"/import/customers/{c['uuid']}/invoices", {}),
                (f"/import/customers/{c['uuid']}/subscriptions", {}),
            ]
        out += [(f"/invoices/{i['uuid']}", {}) for i in self.invoices]
        return out


def fill(api: httpx.Client, customers: int = 3) -> World:
    """Make one of each kind of object (and a few customers with invoices) through the API."""
    tag = uuid.uuid4().hex[:8]
    ds = _ok(api.post("/data_sources", json={"name": f"world-{tag}"}), 201)
    plans = [
        _ok(
            api.post(
                "/plans",
                json={
                    "data_source_uuid": ds["uuid"],
                    "name": f"Plan {n}",
                    "interval_count": 1,
                    "interval_unit": "month",
                    "external_id": f"plan-{n}-{tag}",
                },
            ),
            201,
        )
        for n in range(2)
    ]
    group = _ok(api.post("/plan_groups", json={"name": f"group-{tag}", "plans": [p["uuid"] for p in plans]}))
    world = World(ds, plans, group, [])
    for n in range(customers):
        customer = _ok(
            api.post(
                "/customers",
                json={
                    "data_source_uuid": ds["uuid"],
                    "external_id": f"cus-{n}-{tag}",
                    "name": f"Customer {n}",
                    "email": f"c{n}-{tag}@example.com",
                    "country": "DE",
                    "city": "Berlin",
                    "lead_created_at": "2023-12-01T00:00:00Z",
                    "attributes": {
                        "tags": ["world", f"n{n}"],
                        "custom": [{"type": "Integer", "key": "seats", "value": n + 1}],
                    },
                },
            ),
            201,
        )
        world.customers.append(customer)
        if n == customers - 1:
            continue  # one customer stays a lead, without invoices
        batch = [
            invoice(
                f"inv-{n}-{m}-{tag}", plans[m % 2]["uuid"], f"2024-0{m + 1}-01", f"2024-0{m + 2}-01", 5000
            )
            for m in range(2)
        ]
        imported = _ok(
            api.post(f"/import/customers/{customer['uuid']}/invoices", json={"invoices": batch}), 201
        )
        world.invoices += imported["invoices"]
    first = world.customers[0]
    subs = _ok(api.get(f"/import/customers/{first['uuid']}/subscriptions"))["subscriptions"]
    world.subscriptions = subs
    _ok(
        api.patch(f"/import/subscriptions/{subs[0]['uuid']}", json={"cancelled_at": "2024-06-01T00:00:00Z"}),
        202,
    )
    _ok(
        api.post(
            f"/import/invoices/{world.invoices[0]['uuid']}/transactions",
            json={
                "type": "refund",
                "date": "2024-01-15T00:00:00Z",
                "result": "successful",
                "amount_in_cents": 100,
            },
        ),
        201,
    )
    return world
