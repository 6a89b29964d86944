"""Pickers: a uuid or a handle a person knows; no match or several is an error listing candidates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import mogul
from mogul.errors import HandleError
from mogul.server.sandbox import Sandbox
from tests.conftest import unique


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[mogul.Client]:
    with mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as c:
        yield c


@pytest.fixture
def own(database_factory: Callable[[], str]) -> Iterator[tuple[mogul.Client, httpx.Client]]:
    """An account of its own (for exact candidate lists): a typed client and a plain HTTP client."""
    with (
        Sandbox(database_factory()) as box,
        mogul.Client(api_key=box.api_key, base_url=box.base_url) as c,
        httpx.Client(base_url=box.api_url, auth=(box.api_key, "")) as raw,
    ):
        yield c, raw


def make_plan(api: httpx.Client, ds: str, name: str, external_id: str | None = None) -> Any:
    body = {"data_source_uuid": ds, "name": name, "interval_count": 1, "interval_unit": "month"}
    return api.post("/plans", json=body | ({"external_id": external_id} if external_id else {})).json()


def test_an_unknown_data_source_name_lists_the_data_sources(own: tuple[mogul.Client, httpx.Client]) -> None:
    client, api = own
    billing = api.post("/data_sources", json={"name": "Billing"}).json()
    stripe = api.post("/data_sources", json={"name": "Stripe EU"}).json()
    with pytest.raises(HandleError) as caught:
        client.data_sources.get("Biling")
    assert str(caught.value) == (
        f"data_source: no data source named 'Biling'; data sources: Billing ({billing['uuid']}), "
        f"Stripe EU ({stripe['uuid']})"
    )
    assert caught.value.candidates == [f"Billing ({billing['uuid']})", f"Stripe EU ({stripe['uuid']})"]
    assert client.data_sources.get("billing").uuid == billing["uuid"]  # case does not matter


def test_a_customer_external_id_in_two_data_sources_is_ambiguous(
    own: tuple[mogul.Client, httpx.Client],
) -> None:
    client, api = own
    one = api.post("/data_sources", json={"name": "One"}).json()["uuid"]
    two = api.post("/data_sources", json={"name": "Two"}).json()["uuid"]
    a = api.post("/customers", json={"data_source_uuid": one, "external_id": "cus_0001"}).json()
    b = api.post("/customers", json={"data_source_uuid": two, "external_id": "cus_0001"}).json()
    with pytest.raises(HandleError) as caught:
        client.customers.get("cus_0001")
    assert caught.value.field == "customer"
    assert caught.value.candidates == [
        f"{a['uuid']} (external id cus_0001, data source {one})",
        f"{b['uuid']} (external id cus_0001, data source {two})",
    ]
    assert str(caught.value).startswith("customer: 'cus_0001' matches 2 customers; customers: ")
    # Naming the data source settles it.
    assert client.invoices.list(customer="cus_0001", data_source="Two").to_list() == []


def test_an_unknown_customer_says_what_to_give(client: mogul.Client) -> None:
    with pytest.raises(HandleError) as caught:
        client.subscriptions.list("nobody@example.com").to_list()
    assert str(caught.value) == (
        "customer: no customer with external id or email 'nobody@example.com'; "
        "give its uuid (cus_...), external id or email"
    )


def test_a_plan_name_in_two_data_sources_is_ambiguous_and_unknown_lists_plans(
    own: tuple[mogul.Client, httpx.Client],
) -> None:
    client, api = own
    one = api.post("/data_sources", json={"name": "One"}).json()["uuid"]
    two = api.post("/data_sources", json={"name": "Two"}).json()["uuid"]
    gold_one = make_plan(api, one, "Gold", "gold-1")
    gold_two = make_plan(api, two, "Gold", "gold-2")
    with pytest.raises(HandleError) as caught:
        client.plans.get("Gold")
    assert caught.value.candidates == [
        f"Gold ({gold_one['uuid']}, external id gold-1)",
        f"Gold ({gold_two['uuid']}, external id gold-2)",
    ]
    assert client.plans.update("Gold", data_source="Two", name="Gold 2").uuid == gold_two["uuid"]
    with pytest.raises(HandleError) as caught:
        client.plans.delete("Silver")
    assert str(caught.value) == (
        "plan: no plan with external id or name 'Silver'; plans: "
        f"Gold ({gold_one['uuid']}, external id gold-1), Gold 2 ({gold_two['uuid']}, external id gold-2)"
    )


def test_an_unknown_plan_group_lists_the_groups(own: tuple[mogul.Client, httpx.Client]) -> None:
    client, api = own
    ds = api.post("/data_sources", json={"name": "One"}).json()["uuid"]
    plan = make_plan(api, ds, "Gold")
    group = api.post("/plan_groups", json={"name": "Premium", "plans": [plan["uuid"]]}).json()
    with pytest.raises(HandleError) as caught:
        client.plan_groups.get("Basic")
    assert (
        str(caught.value)
        == f"plan_group: no plan group named 'Basic'; plan groups: Premium ({group['uuid']})"
    )


def test_a_plan_in_a_plan_group_list_is_named_by_its_place(own: tuple[mogul.Client, httpx.Client]) -> None:
    client, api = own
    ds = api.post("/data_sources", json={"name": "One"}).json()["uuid"]
    make_plan(api, ds, "Gold")
    with pytest.raises(HandleError) as caught:
        client.plan_groups.create(name="G", plans=["Gold", "Platinum"])
    assert caught.value.field == "plans[1]"
    assert api.get("/plan_groups").json()["plan_groups"] == []


def test_an_invoice_is_found_by_its_external_id(client: mogul.Client) -> None:
    with pytest.raises(HandleError) as caught:
        client.invoices.get(unique("inv"))
    assert caught.value.field == "invoice"


def test_a_subscription_is_picked_by_uuid_only(client: mogul.Client) -> None:
    with pytest.raises(HandleError) as caught:
        client.subscriptions.cancel("sub-ext-1", cancelled_at="2024-01-01")
    assert str(caught.value) == (
        "subscription: give the subscription's ChartMogul uuid (sub_...), got 'sub-ext-1'; "
        "`subscriptions list CUSTOMER` shows them"
    )
