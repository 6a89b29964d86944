"""A small account with every kind of MRR movement, filled through `/v1`: new business, expansion,
contraction, churn and reactivation, on two plans and three countries, from January to June 2024."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

# The dashboard's tests ask for figures as of this day (and ranges ending on it).
END = "2024-06-30"


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.text}"
    )
    return response.json() if response.content else None


def _month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, day.day)


def _invoices(sub: str, plan: str, first: date, count: int, cents: int, tag: str) -> list[dict[str, Any]]:
    out = []
    for k in range(count):
        start, end = _month(first, k), _month(first, k + 1)
        out.append(
            {
                "external_id": f"inv-{tag}-{sub}-{start}",
                "date": f"{start}T00:00:00Z",
                "currency": "USD",
                "line_items": [
                    {
                        "type": "subscription",
                        "subscription_external_id": sub,
                        "plan_uuid": plan,
                        "service_period_start": f"{start}T00:00:00Z",
                        "service_period_end": f"{end}T00:00:00Z",
                        "amount_in_cents": cents,
                        "quantity": 1,
                    }
                ],
            }
        )
    return out


def populate(api: httpx.Client, tag: str = "") -> dict[str, Any]:
    """Fill the account of `api`; answers the uuids made, by name."""
    ds = _ok(api.post("/data_sources", json={"name": f"Billing{tag}"}), 201)["uuid"]

    def plan(name: str) -> str:
        body = {"data_source_uuid": ds, "name": name, "interval_count": 1, "interval_unit": "month"}
        return str(_ok(api.post("/plans", json=body), 201)["uuid"])

    basic, pro = plan("Basic"), plan("Pro")

    def customer(external_id: str, name: str, country: str) -> str:
        body = {
            "data_source_uuid": ds,
            "external_id": external_id,
            "name": name,
            "email": f"{external_id}@example.com",
            "company": f"{name} Inc",
            "country": country,
        }
        return str(_ok(api.post("/customers", json=body), 201)["uuid"])

    acme, beta, gamma = (
        customer("acme", "Acme", "US"),
        customer("beta", "Beta", "DE"),
        customer("gamma", "Gamma", "FR"),
    )
    delta, lead = customer("delta", "Delta", "US"), customer("epsilon", "Epsilon", "DE")

    def bill(who: str, invoices: list[dict[str, Any]]) -> None:
        _ok(api.post(f"/import/customers/{who}/invoices", json={"invoices": invoices}), 201)

    def cancel(who: str, sub: str, at: str) -> None:
        subs = _ok(api.get(f"/import/customers/{who}/subscriptions"))["subscriptions"]
        uuid = next(s["uuid"] for s in subs if s["external_id"] == sub)
        _ok(api.patch(f"/import/subscriptions/{uuid}", json={"cancelled_at": at}), 202)

    # Acme: Basic from January, upgraded to Pro in April (an expansion)
    bill(
        acme,
        _invoices("acme-1", basic, date(2024, 1, 10), 3, 5000, tag)
        + _invoices("acme-1", pro, date(2024, 4, 10), 3, 9000, tag),
    )
    # Beta: Pro from February, cancelled in May (a churn)
    bill(beta, _invoices("beta-1", pro, date(2024, 2, 1), 4, 9000, tag))
    cancel(beta, "beta-1", "2024-05-01T00:00:00Z")
    # Gamma: Basic from January, cheaper from March (a contraction)
    bill(
        gamma,
        _invoices("gamma-1", basic, date(2024, 1, 20), 2, 5000, tag)
        + _invoices("gamma-1", basic, date(2024, 3, 20), 4, 3000, tag),
    )
    # Delta: Basic in March, cancelled in April, back in June (a churn, then a reactivation)
    bill(delta, _invoices("delta-1", basic, date(2024, 3, 5), 1, 5000, tag))
    cancel(delta, "delta-1", "2024-04-05T00:00:00Z")
    bill(delta, _invoices("delta-2", pro, date(2024, 6, 5), 1, 9000, tag))
    return {
        "data_source": ds,
        "plans": {"Basic": basic, "Pro": pro},
        "customers": {"acme": acme, "beta": beta, "gamma": gamma, "delta": delta, "epsilon": lead},
    }
