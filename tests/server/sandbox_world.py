"""An account's worth of everything the API stores, made through the API itself (not through a seed), for
the sandbox control tests: two data sources, plans (one without an external id), customers with tags
and typed and plain custom attributes, leads, invoices with subscription and one-time line items (sets,
discounts, taxes, proration, a cancellation), transactions (one added later), a bulk JSON import, a
subscription cancelled through its endpoint, plan groups across data sources and one left empty."""

from __future__ import annotations

from typing import Any

import httpx

METRICS = {"start-date": "2023-12-01", "end-date": "2024-06-30", "interval": "month"}


def _ok(response: httpx.Response, status: int) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def _line(plan: str, subscription: str, start: str, end: str, cents: int, **more: Any) -> dict[str, Any]:
    return {
        "type": "subscription",
        "plan_uuid": plan,
        "subscription_external_id": subscription,
        "service_period_start": start,
        "service_period_end": end,
        "amount_in_cents": cents,
        **more,
    }


def _plan(api: httpx.Client, ds: str, name: str, count: int, unit: str, **more: Any) -> str:
    plan = {"data_source_uuid": ds, "name": name, "interval_count": count, "interval_unit": unit, **more}
    uuid: str = _ok(api.post("/plans", json=plan), 201)["uuid"]
    return uuid


def populate(api: httpx.Client, tag: str = "") -> None:
    """Fill the account of `api` (its names may carry `tag`, so two accounts can differ)."""
    stripe = _ok(api.post("/data_sources", json={"name": f"Stripe{tag}", "system": "Stripe"}), 201)["uuid"]
    books = _ok(api.post("/data_sources", json={"name": f"Books{tag}"}), 201)["uuid"]
    gold = _plan(api, stripe, "Gold", 1, "month", external_id="gold")
    yearly = _plan(api, stripe, "Yearly", 1, "year")  # its external id is made from its uuid
    spare = _plan(api, books, "Spare", 3, "day")
    ada = _ok(
        api.post(
            "/customers",
            json={
                "data_source_uuid": stripe,
                "external_id": "ada",
                "name": "Ada Lovelace",
                "email": "ada@example.com",
                "company": "Engines",
                "country": "GB",
                "city": "London",
                "zip": "N1",
                "lead_created_at": "2023-05-01T10:00:00.123456Z",
                "free_trial_started_at": "2023-05-02T00:00:00Z",
                "website_url": "https://example.com/ada",
                "attributes": {
                    "tags": ["vip", "early"],
                    "custom": [
                        {"type": "Integer", "key": "seats", "value": 3},
                        {"type": "Timestamp", "key": "signed", "value": "2023-06-01"},
                        {"type": "Boolean", "key": "pilot", "value": True},
                    ],
                },
            },
        ),
        201,
    )["uuid"]
    # a plain custom map, as PUT .../attributes/custom stores it (no typed array could say this)
    _ok(api.put(f"/customers/{ada}/attributes/custom", json={"custom": {"notes": {"plan": ["a", 1]}}}), 200)
    bob = _ok(
        api.post(
            "/customers",
            json={
                "data_source_uuid": stripe,
                "external_id": "bob",
                "name": "Bob",
                "country": "US",
                "state": "CA",
            },
        ),
        201,
    )["uuid"]
    _ok(
        api.post(
            "/customers",
            json={"data_source_uuid": books, "external_id": "lead", "name": "Lead", "status": "Working_Lead"},
        ),
        201,
    )
    invoices = [
        {
            "external_id": "inv-ada-1",
            "date": "2024-01-01T00:00:00Z",
            "due_date": "2024-01-15T00:00:00Z",
            "currency": "USD",
            "collection_method": "automatic",
            "line_items": [
                _line(
                    gold,
                    "sub-ada",
                    "2024-01-01",
                    "2024-02-01",
                    5000,
                    quantity=2,
                    discount_code="SAVE",
                    discount_amount_in_cents=500,
                    discount_description="launch",
                    tax_amount_in_cents=950,
                    subscription_set_external_id="set-ada",
                    external_id="li-ada-1",
                    account_code="SALES",
                    event_order=1,
                ),
                {
                    "type": "one_time",
                    "amount_in_cents": 2500,
                    "description": "Setup",
                    "external_id": "li-ada-setup",
                    "transaction_fees_in_cents": 30,
                    "transaction_fees_currency": "USD",
                },
            ],
            "transactions": [
                {
                    "type": "payment",
                    "date": "2024-01-02T00:00:00Z",
                    "result": "successful",
                    "external_id": "tr-1",
                }
            ],
        },
        {
            "external_id": "inv-ada-2",
            "date": "2024-02-01T00:00:00Z",
            "currency": "USD",
            "line_items": [
                _line(
                    gold,
                    "sub-ada",
                    "2024-02-01",
                    "2024-03-01",
                    7000,
                    prorated=True,
                    proration_type="differential",
                ),
            ],
        },
    ]
    made = _ok(api.post(f"/import/customers/{ada}/invoices", json={"invoices": invoices}), 201)
    refund = {
        "type": "refund",
        "date": "2024-02-10T00:00:00Z",
        "result": "successful",
        "amount_in_cents": 100,
    }
    _ok(api.post(f"/import/invoices/{made['invoices'][1]['uuid']}/transactions", json=refund), 201)
    bob_invoice = {
        "external_id": "inv-bob-1",
        "date": "2024-01-10T00:00:00Z",
        "currency": "EUR",
        "line_items": [
            _line(yearly, "sub-bob", "2024-01-10", "2025-01-10", 120000, cancelled_at="2024-04-10")
        ],
    }
    _ok(api.post(f"/import/customers/{bob}/invoices", json={"invoices": [bob_invoice]}), 201)
    subscription = _ok(api.get(f"/import/customers/{bob}/subscriptions"), 200)["subscriptions"][0]["uuid"]
    # the cancel endpoint replaces the dates the line item gave
    _ok(api.patch(f"/import/subscriptions/{subscription}", json={"cancellation_dates": ["2024-05-10"]}), 202)
    imported = {
        "customers": [{"external_id": "zoe", "name": "Zoe", "email": "zoe@example.com"}],
        "plans": [{"external_id": "bronze", "name": "Bronze", "interval_count": 1, "interval_unit": "month"}],
        "invoices": [
            {
                "external_id": "inv-zoe-1",
                "customer_external_id": "zoe",
                "date": "2024-03-05T00:00:00.000250Z",
                "currency": "USD",
                "line_items": [
                    {
                        "type": "subscription",
                        "plan_external_id": "bronze",
                        "subscription_external_id": "sub-zoe",
                        "service_period_start": "2024-03-05",
                        "service_period_end": "2024-04-05",
                        "amount_in_cents": 900,
                    }
                ],
            }
        ],
    }
    _ok(api.post(f"/data_sources/{books}/json_imports", json=imported), 200)
    # CRM objects of Ada: a contact with custom attributes, a call logged in the past, a deal, a task done
    contact = {"data_source_uuid": stripe, "email": "ops@ada.example", "custom": {"seats": 3}}
    _ok(api.post(f"/customers/{ada}/contacts", json=contact), 201)
    call = {"customer_uuid": ada, "type": "call", "text": "Renewal", "call_duration": 90}
    _ok(api.post("/customer_notes", json={**call, "created_at": "2024-02-01T10:00:00.000123Z"}), 201)
    deal = {
        "customer_uuid": ada,
        "owner": "sam@example.com",
        "pipeline": "New Business",
        "pipeline_stage": "Discovery",
        "estimated_close_date": "2024-06-30",
        "currency": "USD",
        "amount_in_cents": 50000,
        "custom": [{"key": "source", "value": "event"}],
    }
    _ok(api.post("/opportunities", json=deal), 201)
    task = {"customer_uuid": ada, "task_details": "Call back", "assignee": "sam@example.com"}
    task |= {"due_date": "2024-03-01T09:00:00Z", "completed_at": "2024-02-28T12:00:00Z"}
    _ok(api.post("/tasks", json=task), 201)
    _ok(api.post("/plan_groups", json={"name": "Paid", "plans": [gold, yearly]}), 200)
    # a group whose only plan is gone: an empty group
    _ok(api.post("/plan_groups", json={"name": "Old", "plans": [spare]}), 200)
    _ok(api.delete(f"/plans/{spare}"), 204)
    _ok(api.post("/plan_groups", json={"name": "Paid", "plans": [yearly]}), 200)


def metrics(api: httpx.Client) -> Any:
    return _ok(api.get("/metrics/all", params=METRICS), 200)


def figures(api: httpx.Client) -> dict[str, Any]:
    """What the analytics made of the account, by external id (uuids differ after a seed): each
    customer's status and MRR, the activities, and every metric."""
    customers = _ok(api.get("/customers", params={"per_page": 200}), 200)["entries"]
    activities = _ok(api.get("/activities", params={"per_page": 200}), 200)["entries"]
    return {
        "customers": sorted(
            (c["external_id"], c["status"], c["mrr"], c["customer-since"]) for c in customers
        ),
        "activities": [
            (
                a["date"],
                a["type"],
                a["activity-mrr-movement"],
                a["activity-mrr"],
                a["subscription-external-id"],
            )
            for a in activities
        ],
        "metrics": metrics(api),
    }
