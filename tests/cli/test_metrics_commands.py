"""`mogul metrics ...` and `mogul activities ...` end to end, on an account no other test writes to."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.cli.conftest import Mogul, Server

WINDOW = ("--start-date", "2025-01-01", "--end-date", "2025-04-30", "--interval", "month")
PARAMS = {"start-date": "2025-01-01", "end-date": "2025-04-30", "interval": "month"}
METRICS = (
    "all",
    "mrr",
    "arr",
    "arpa",
    "asp",
    "customer-count",
    "customer-churn-rate",
    "mrr-churn-rate",
    "ltv",
)


@pytest.fixture(scope="session")
def metrics_api(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url + "/v1", auth=(server.metrics_key, ""), timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def business(metrics_api: httpx.Client) -> dict[str, Any]:
    """Two customers: one on a monthly plan January to March, churning in April; one from February."""
    ds = metrics_api.post("/data_sources", json={"name": "Metrics"}).json()
    plan = metrics_api.post(
        "/plans",
        json={
            "data_source_uuid": ds["uuid"],
            "name": "Monthly",
            "interval_count": 1,
            "interval_unit": "month",
        },
    ).json()
    customers = {}
    for external_id, country, months in (("m-us", "US", (1, 2, 3)), ("m-gb", "GB", (2, 3, 4))):
        customer = metrics_api.post(
            "/customers",
            json={
                "data_source_uuid": ds["uuid"],
                "external_id": external_id,
                "name": external_id,
                "country": country,
            },
        ).json()
        invoices = [
            {
                "external_id": f"{external_id}-{month}",
                "date": f"2025-{month:02d}-01",
                "currency": "USD",
                "line_items": [
                    {
                        "type": "subscription",
                        "subscription_external_id": f"{external_id}-sub",
                        "plan_uuid": plan["uuid"],
                        "service_period_start": f"2025-{month:02d}-01",
                        "service_period_end": f"2025-{month + 1:02d}-01",
                        "amount_in_cents": 10_000 if external_id == "m-us" else 4_000,
                    }
                ],
            }
            for month in months
        ]
        response = metrics_api.post(
            f"/import/customers/{customer['uuid']}/invoices", json={"invoices": invoices}
        )
        assert response.status_code == 201, response.text
        customers[external_id] = customer
    # Without a cancellation ChartMogul keeps a subscription whose invoices stop.
    us = customers["m-us"]["uuid"]
    [subscription] = metrics_api.get(f"/import/customers/{us}/subscriptions").json()["subscriptions"]
    cancel = metrics_api.patch(
        f"/import/subscriptions/{subscription['uuid']}", json={"cancelled_at": "2025-04-01"}
    )
    assert cancel.status_code == 202, cancel.text
    return {"plan": plan, "customers": customers}


@pytest.mark.parametrize("metric", METRICS)
def test_each_metric_command_prints_the_api_series(
    mogul: Mogul, server: Server, metrics_api: httpx.Client, business: Any, metric: str
) -> None:
    result = mogul("metrics", metric, *WINDOW, key=server.metrics_key)
    assert result.code == 0, result.err
    assert result.json() == metrics_api.get(f"/metrics/{metric}", params=PARAMS).json()


def test_mrr_by_month_with_geo_and_plan_filters(
    mogul: Mogul, server: Server, metrics_api: httpx.Client, business: Any
) -> None:
    every = mogul("metrics", "mrr", *WINDOW, key=server.metrics_key).json()
    assert [(e["date"], e["mrr"]) for e in every["entries"]] == [
        ("2025-01-31", 10_000),
        ("2025-02-28", 14_000),
        ("2025-03-31", 14_000),
        ("2025-04-30", 4_000),
    ]
    britain = mogul(
        "metrics", "mrr", *WINDOW, "--geo", "gb", "--plans", "Monthly", key=server.metrics_key
    ).json()
    assert [e["mrr"] for e in britain["entries"]] == [0, 4_000, 4_000, 4_000]
    assert (
        britain == metrics_api.get("/metrics/mrr", params={**PARAMS, "geo": "GB", "plans": "Monthly"}).json()
    )


def test_chart_draws_a_bar_per_entry_scaled_to_the_largest(
    mogul: Mogul, server: Server, business: Any
) -> None:
    result = mogul("metrics", "mrr", *WINDOW, "--chart", key=server.metrics_key)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "mrr"
    bars = lines[1:5]
    assert [line.split()[0] for line in bars] == ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"]
    assert [line.split()[-1] for line in bars] == ["10000", "14000", "14000", "4000"]
    lengths = [len(line.split()[1]) for line in bars]
    assert lengths[1] == lengths[2] == max(lengths)
    assert lengths[0] < lengths[1] and lengths[3] < lengths[0]
    assert lines[5].startswith("summary: current 4000, previous 14000")


def test_chart_in_units(mogul: Mogul, server: Server, business: Any) -> None:
    result = mogul("metrics", "arr", *WINDOW, "--chart", "--money", "units", key=server.metrics_key)
    assert [line.split()[-1] for line in result.out.splitlines()[1:5]] == [
        "1200.00",
        "1680.00",
        "1680.00",
        "480.00",
    ]


def test_metrics_as_csv_are_the_entries(mogul: Mogul, server: Server, business: Any) -> None:
    result = mogul("metrics", "customer-count", *WINDOW, "-o", "csv", key=server.metrics_key)
    assert result.out.splitlines() == [
        "date,customers,percentage-change",
        *[line for line in result.out.splitlines()[1:]],
    ]
    assert [line.split(",")[:2] for line in result.out.splitlines()[1:]] == [
        ["2025-01-31", "1"],
        ["2025-02-28", "2"],
        ["2025-03-31", "2"],
        ["2025-04-30", "1"],
    ]


def test_activities_list_and_a_customers_activities(
    mogul: Mogul, server: Server, metrics_api: httpx.Client, business: Any
) -> None:
    listed = mogul(
        "activities", "list", "--start-date", "2025-01-01", "--end-date", "2025-04-30", key=server.metrics_key
    )
    assert listed.code == 0, listed.err
    assert [(a["customer-external-id"], a["type"]) for a in listed.json()] == [
        ("m-us", "new_biz"),
        ("m-gb", "new_biz"),
        ("m-us", "churn"),
    ]
    churn = mogul("activities", "list", "--type", "churn", "--order", "newest first", key=server.metrics_key)
    assert [a["activity-mrr-movement"] for a in churn.json()] == [-10_000]

    one = mogul("activities", "customer", "m-us", key=server.metrics_key)
    expected = metrics_api.get(f"/customers/{business['customers']['m-us']['uuid']}/activities").json()
    assert one.json() == expected["entries"]
