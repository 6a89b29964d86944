"""Exchange-rate drift over HTTP, on both backends: each foreign period is valued at its own start's
rate, the drift is the Exchange Rate Impact (activities of type `fx`) and never a movement.

ChartMogul's help centre, "How does ChartMogul handle multiple currencies?" (HC-FX, mrr-semantics.md
§2.4): MRR is converted at the rate of the service period's start, "may fluctuate as new invoices are
issued", and the drift is reported apart from the movements. The expectations are the ECB rates of the
four period starts (the rates mogul bundles), applied by hand.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import httpx

from mogul.analytics.valuation import exchange_rate

STARTS = [date(2022, 3, 15), date(2022, 4, 15), date(2022, 5, 15), date(2022, 6, 15)]


def usd(cents: int, day: date) -> int:
    return math.floor(cents * exchange_rate("EUR", "USD", day) + 0.5)


def ok(response: httpx.Response) -> Any:
    assert response.status_code < 400, response.text
    return response.json()


def test_renewals_at_one_euro_price_drift_outside_the_movements(account: httpx.Client) -> None:
    ds = ok(account.post("/data_sources", json={"name": "billing"}))["uuid"]
    plan = {"data_source_uuid": ds, "name": "Monthly", "interval_count": 1, "interval_unit": "month"}
    plan_uuid = ok(account.post("/plans", json=plan))["uuid"]
    customer = ok(account.post("/customers", json={"data_source_uuid": ds, "external_id": "eu"}))["uuid"]
    # EUR 100.00 a month for three months, then EUR 200.00 from June 15
    invoices = [
        {
            "external_id": f"i{n}",
            "date": start.isoformat(),
            "currency": "EUR",
            "line_items": [
                {
                    "type": "subscription",
                    "plan_uuid": plan_uuid,
                    "subscription_external_id": "s1",
                    "service_period_start": start.isoformat(),
                    "service_period_end": date(start.year, start.month + 1, 15).isoformat(),
                    "amount_in_cents": 20000 if n == 3 else 10000,
                }
            ],
        }
        for n, start in enumerate(STARTS)
    ]
    ok(account.post(f"/import/customers/{customer}/invoices", json={"invoices": invoices}))
    march, april, may, old_in_june = (usd(10000, day) for day in STARTS)
    june = usd(20000, STARTS[3])

    months = {"start-date": "2022-03-01", "end-date": "2022-06-30", "interval": "month"}
    entries = ok(account.get("/metrics/mrr", params=months))["entries"]
    assert [(e["date"], e["mrr"]) for e in entries] == [
        ("2022-03-31", march),
        ("2022-04-30", april),
        ("2022-05-31", may),
        ("2022-06-30", june),
    ]
    moved = [(e["mrr-new-business"], e["mrr-expansion"], e["mrr-contraction"]) for e in entries]
    assert moved == [(march, 0, 0), (0, 0, 0), (0, 0, 0), (0, june - old_in_june, 0)]

    listed = ok(account.get("/activities"))["entries"]
    assert [(a["type"], a["activity-mrr-movement"], a["activity-mrr"]) for a in listed] == [
        ("new_biz", march, march),
        ("expansion", june - old_in_june, june),
    ]
    mine = ok(account.get(f"/customers/{customer}/activities"))["entries"]
    assert [a["type"] for a in mine] == ["new_biz", "expansion"]
    impact = ok(account.get("/activities", params={"type": "fx"}))["entries"]
    assert [(a["date"][:10], a["activity-mrr-movement"], a["activity-mrr"]) for a in impact] == [
        ("2022-04-15", april - march, april),
        ("2022-05-15", may - april, may),
        ("2022-06-15", old_in_june - may, old_in_june),
    ]
    assert impact[0]["description"] == "exchange rate change on the Monthly plan"
    assert ok(account.get(f"/customers/{customer}"))["mrr"] == june
