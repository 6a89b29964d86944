"""The analyses against hand-computed figures and against what `/v1` answers; the resources and the
prompt.

February 2024 of the seeded account (amounts in dollars): MRR 450 at the end of January; Ada expands
Basic 100 → Pro 250 (+150), Cy starts on Pro (+250), Bob's Basic is cancelled (−100), Eve comes back on
Basic (+100; she churned in January), Dee moves Pro 250 → Lite 50 (−200): MRR 650 at the end of February.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx
import pytest

from tests.mcp.conftest import Business, mcp_session


@pytest.fixture(scope="module")
def api(business: Business) -> Any:
    with httpx.Client(base_url=business.box.api_url, auth=(business.box.api_key, "")) as client:
        yield client


def _bridge(business: Business, **arguments: Any) -> Any:
    async def go() -> Any:
        async with mcp_session(business.box) as tools:
            return await tools.ok("mrr_bridge", arguments)

    return anyio.run(go)


def test_the_mrr_bridge_of_february(business: Business, api: httpx.Client) -> None:
    bridge = _bridge(business, start_date="2024-01-31", end_date="2024-02-29", top=3)
    c = business.customers

    def movement(kind: str, label: str, amount: float, who: str, name: str) -> dict[str, Any]:
        largest = [
            {"customer_uuid": c[who], "name": name, "external_id": who, "amount": amount, "activities": 1}
        ]
        return {
            "type": kind,
            "label": label,
            "amount": amount,
            "count": 1,
            "customers": 1,
            "largest": largest,
        }

    assert bridge == {
        "start_date": "2024-01-31",
        "end_date": "2024-02-29",
        "currency": "USD",
        "start_mrr": 450.0,
        "end_mrr": 650.0,
        "movements": [
            movement("new_biz", "New business", 250.0, "c3", "Cy Young"),
            movement("expansion", "Expansion", 150.0, "c1", "Ada Lovelace"),
            movement("reactivation", "Reactivation", 100.0, "c5", "Eve Online"),
            movement("contraction", "Contraction", -200.0, "c4", "Dee Dee"),
            movement("churn", "Churn", -100.0, "c2", "Bob Builder"),
        ],
        "net_movement": 200.0,
        "check": {"start_plus_movements": 650.0, "end_mrr": 650.0, "difference": 0.0, "balanced": True},
        "activities": {"counted": 5, "complete": True, "amounts_match": True},
    }
    # The same figures as /v1's, in cents.
    month = api.get(
        "/metrics/mrr", params={"start-date": "2024-02-01", "end-date": "2024-02-29", "interval": "month"}
    ).json()["entries"]
    [entry] = month
    before = api.get("/metrics/mrr", params={"start-date": "2024-01-31", "end-date": "2024-01-31"}).json()
    assert bridge["start_mrr"] * 100 == before["entries"][0]["mrr"]
    assert bridge["end_mrr"] * 100 == entry["mrr"]
    keys = ["mrr-new-business", "mrr-expansion", "mrr-reactivation", "mrr-contraction", "mrr-churn"]
    assert [m["amount"] * 100 for m in bridge["movements"]] == [entry[k] for k in keys]
    activities = api.get("/activities", params={"start-date": "2024-02-01", "end-date": "2024-02-29"}).json()
    assert sorted(a["type"] for a in activities["entries"]) == sorted(m["type"] for m in bridge["movements"])


def test_the_bridge_over_two_months_ranks_the_customers(business: Business) -> None:
    bridge = _bridge(business, start_date="2023-12-31", end_date="2024-02-29", top=2)
    new = bridge["movements"][0]
    assert (bridge["start_mrr"], bridge["end_mrr"], bridge["check"]["balanced"]) == (0.0, 650.0, True)
    assert (new["amount"], new["count"], new["customers"]) == (800.0, 5, 5)
    assert [(x["external_id"], x["amount"]) for x in new["largest"]] == [("c3", 250.0), ("c4", 250.0)]
    churn = bridge["movements"][4]
    assert (churn["amount"], churn["count"], [x["external_id"] for x in churn["largest"]]) == (
        -200.0,
        2,
        ["c2", "c5"],
    )


def test_the_bridge_refuses_dates_the_wrong_way_round(business: Business) -> None:
    async def go() -> tuple[str, dict[str, Any]]:
        async with mcp_session(business.box) as tools:
            return await tools.error("mrr_bridge", {"start_date": "2024-02-29", "end_date": "2024-01-31"})

    text, error = anyio.run(go)
    assert text == "Nothing was sent: end_date: must be after the start date"
    assert error["field"] == "end_date"


EXPLAINED = {
    "mrr": (
        {
            "mrr_at_start": 450.0,
            "new_biz": 250.0,
            "expansion": 150.0,
            "reactivation": 100.0,
            "contraction": -200.0,
            "churn": -100.0,
        },
        650.0,
    ),
    "arr": ({"mrr": 650.0}, 7800.0),
    "arpa": ({"mrr": 650.0, "customers": 4}, 162.5),
    "asp": ({"new_business": 250.0, "new_customers": 1}, 250.0),
    "customer-count": (
        {"customers_at_start": 3, "new_customers": 1, "reactivated_customers": 1, "churned_customers": 1},
        4,
    ),
    "customer-churn-rate": ({"customers_at_start": 3, "customers_lost": 1}, 33.33),
    "mrr-churn-rate": (
        {
            "mrr_at_start": 450.0,
            "churn": 100.0,
            "contraction": 200.0,
            "expansion": 150.0,
            "reactivation": 100.0,
        },
        11.11,
    ),
    "ltv": ({"arpa": 162.5, "customer_churn_rate": 33.33}, 487.55),
}


@pytest.mark.parametrize("metric", list(EXPLAINED))
def test_a_metric_explained_by_its_operands(business: Business, api: httpx.Client, metric: str) -> None:
    async def go() -> Any:
        async with mcp_session(business.box) as tools:
            return await tools.ok("explain_metric", {"metric": metric, "date": "2024-02-29"})

    explained = anyio.run(go)
    operands, value = EXPLAINED[metric]
    assert explained["operands"] == operands
    assert (explained["value"], explained["computed"], explained["matches"]) == (value, value, True)
    assert explained["period"] == {"start": "2024-02-01", "end": "2024-02-29"}
    assert explained["formula"]
    [entry] = api.get(
        "/metrics/all", params={"start-date": "2024-02-01", "end-date": "2024-02-29", "interval": "month"}
    ).json()["entries"]
    key = "customers" if metric == "customer-count" else metric
    in_cents = metric in ("mrr", "arr", "arpa", "asp", "ltv")
    assert (round(value * 100) if in_cents else value) == entry[key]
    assert explained["currency"] == ("USD" if in_cents else None)


def test_the_resources_and_the_prompt(business: Business) -> None:
    async def go() -> tuple[Any, ...]:
        async with mcp_session(business.box) as tools:
            client = tools.client
            listed = await client.list_resources()
            account = await client.read_resource("mogul://account")
            modules = await client.read_resource("mogul://modules")
            prompts = await client.list_prompts()
            prompt = await client.get_prompt("monthly_revenue_review", {"month": "2024-02"})
            return listed, account, modules, prompts, prompt

    listed, account, modules, prompts, prompt = anyio.run(go)
    assert [str(r.uri) for r in listed.resources] == ["mogul://account", "mogul://modules"]
    overview = json.loads(account.contents[0].text)
    assert overview["account"]["currency"] == "USD"
    assert [s["name"] for s in overview["data_sources"]] == ["Billing", "Bulk", "Twins"]
    assert overview["today"]["mrr"] == 650.0 and overview["today"]["currency"] == "USD"
    listing = json.loads(modules.contents[0].text)
    delete = next(m for m in listing if m["module"] == "customers.delete")
    assert delete == {
        "module": "customers.delete",
        "tool": "customers_delete",
        "label": "Delete a Customer",
        "effect": "destroy",
        "offered": False,
        "http": ["DELETE /customers/{uuid}"],
    }
    [review] = prompts.prompts
    assert review.name == "monthly_revenue_review" and review.arguments[0].required
    text = prompt.messages[0].content.text
    assert "mrr_bridge with start_date 2024-01-31 and end_date 2024-02-29" in text
    assert "explain_metric for mrr-churn-rate and for customer-churn-rate on 2024-02-29" in text
