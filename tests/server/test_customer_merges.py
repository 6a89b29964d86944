"""Customer merges and unmerges, connected subscriptions, over HTTP on both backends.

The expectations are computed by hand from ChartMogul's docs:

- "Merging customers using the API" (dev.chartmogul.com/docs/merging-customers-using-the-api): one
  customer in two data sources (a billing-system switch) is two customers until merged; merged, it is one
  customer "with a single subscription history", with the uuid, email and location of the customer
  merged into, "external IDs, tags, opportunities, tasks, ... and notes from both records" (help centre,
  "Merging customers"). Its movements are the customer-level classification of both customers'
  subscriptions (mrr-semantics.md §3.1): the second subscription starting is an expansion, not a new
  customer.
- "Unmerge Customers" (dev.chartmogul.com/reference/unmerge-customers): the unmerged customer "receives
  a new customer UUID and their own customer record"; tasks, opportunities and notes stay unless
  `move_to_new_customer` names them; both customers keep the primary's company, location and lead
  status; tags and custom attributes go back to the customer they were added to.
- "Connecting subscriptions using the API" and mrr-semantics.md §1.2 "Connecting subscriptions": after
  a merge the old subscription's cancellation is a false churn; connected, the two subscriptions are one
  history, the gap between them "counts as MRR at the cancelled subscription's value", and the switch is
  a plan change; the connected subscription's start-date becomes the earliest start.
"""

from __future__ import annotations

import uuid as uuids
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mogul.server.domain.accounts import ensure_keys
from mogul.server.domain.customer_merges import MOVE_TO_NEW, NOT_MERGED, SELF_MERGE
from mogul.server.domain.subscription_connections import TWICE, TWO_NEEDED
from mogul.server.sandbox import Sandbox
from tests.conftest import basic

MONTHS = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"]
RANGE = {"start-date": "2024-01-01", "end-date": "2024-05-31", "interval": "month"}


@pytest.fixture
def account(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """A fresh account: its metrics hold only what one test makes."""
    key = f"merges-{uuids.uuid4().hex}"
    ensure_keys(sandbox.db, [key])
    with httpx.Client(base_url=sandbox.api_url, headers=basic(key), timeout=30) as client:
        yield client


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


class Source:
    """A data source with one monthly plan."""

    def __init__(self, api: httpx.Client, name: str, plan_name: str) -> None:
        self.api = api
        self.uuid = ok(api.post("/data_sources", json={"name": name}), 201)["uuid"]
        plan = {
            "data_source_uuid": self.uuid,
            "name": plan_name,
            "interval_count": 1,
            "interval_unit": "month",
        }
        self.plan = ok(api.post("/plans", json=plan), 201)["uuid"]

    def customer(self, external_id: str, **profile: Any) -> str:
        body = {"data_source_uuid": self.uuid, "external_id": external_id, **profile}
        uuid: str = ok(self.api.post("/customers", json=body), 201)["uuid"]
        return uuid

    def bill(
        self,
        customer: str,
        sub: str,
        cents: int,
        months: range,
        cancelled_at: str | None = None,
        tag: str = "",
    ) -> None:
        """One invoice per month of `months` (indexes into MONTHS) for subscription `sub`; the last line
        carries `cancelled_at`."""
        invoices = []
        for n in months:
            line: dict[str, Any] = {
                "type": "subscription",
                "plan_uuid": self.plan,
                "subscription_external_id": sub,
                "service_period_start": MONTHS[n],
                "service_period_end": MONTHS[n + 1],
                "amount_in_cents": cents,
            }
            if cancelled_at and n == months[-1]:
                line["cancelled_at"] = cancelled_at
            invoices.append(
                {"external_id": f"{tag}{sub}-{n}", "date": MONTHS[n], "currency": "USD", "line_items": [line]}
            )
        ok(self.api.post(f"/import/customers/{customer}/invoices", json={"invoices": invoices}), 201)


def counts(api: httpx.Client) -> list[tuple[str, int]]:
    entries = ok(api.get("/metrics/customer-count", params=RANGE))["entries"]
    return [(e["date"], e["customers"]) for e in entries]


def mrr(api: httpx.Client) -> list[int]:
    return [e["mrr"] for e in ok(api.get("/metrics/mrr", params=RANGE))["entries"]]


def movements(api: httpx.Client, customer: str) -> list[tuple[str, str, int]]:
    entries = ok(api.get(f"/customers/{customer}/activities"))["entries"]
    return [(e["date"][:10], e["type"], e["activity-mrr-movement"]) for e in entries]


def merge(api: httpx.Client, source: str, into: str) -> httpx.Response:
    return api.post(
        "/customers/merges", json={"from": {"customer_uuid": source}, "into": {"customer_uuid": into}}
    )


# -- merge ----------------------------------------------------------------------------------------------


@pytest.fixture
def switch(account: httpx.Client) -> dict[str, Any]:
    """Adam Smith billed in Stripe from January ($100) and in Recurly from February ($50), two customers
    with CRM objects on the old one."""
    stripe = Source(account, "Stripe", "Old plan")
    recurly = Source(account, "Recurly", "New plan")
    custom = [
        {"type": "Integer", "key": "seats", "value": 3},
        {"type": "String", "key": "tier", "value": "gold"},
    ]
    old = stripe.customer(
        "adam-stripe",
        name="Adam (Stripe)",
        email="adam@old.example",
        company="Old Co",
        attributes={"tags": ["old"], "custom": custom},
    )
    new = recurly.customer(
        "adam-recurly",
        name="Adam Smith",
        email="adam@example.com",
        company="Smith Ltd",
        country="DE",
        attributes={"tags": ["vip"], "custom": [{"type": "String", "key": "tier", "value": "platinum"}]},
    )
    stripe.bill(old, "sx", 10000, range(4))
    recurly.bill(new, "sy", 5000, range(1, 4))
    contact = ok(account.post(f"/customers/{old}/contacts", json={"data_source_uuid": stripe.uuid}), 201)
    note = ok(account.post("/customer_notes", json={"customer_uuid": old, "type": "note", "text": "hi"}), 201)
    task = {
        "customer_uuid": old,
        "task_details": "call",
        "assignee": "a@example.com",
        "due_date": "2024-06-01",
    }
    task_uuid = ok(account.post("/tasks", json=task), 201)["task_uuid"]
    return {
        "stripe": stripe,
        "recurly": recurly,
        "old": old,
        "new": new,
        "contact": contact["uuid"],
        "note": note["uuid"],
        "task": task_uuid,
    }


def test_merging_makes_one_customer_of_two(account: httpx.Client, switch: dict[str, Any]) -> None:
    old, new = switch["old"], switch["new"]
    # two customers: Stripe's from January, Recurly's from February
    assert counts(account) == [
        ("2024-01-31", 1),
        ("2024-02-29", 2),
        ("2024-03-31", 2),
        ("2024-04-30", 2),
        ("2024-05-31", 2),
    ]
    assert movements(account, new) == [("2024-02-01", "new_biz", 5000)]

    assert ok(merge(account, old, new), 202) == {}

    assert account.get(f"/customers/{old}").status_code == 404
    merged = ok(account.get(f"/customers/{new}"))
    # the primary's uuid, name, email, company and location; both identities, both tags; the primary's
    # value of a custom attribute both had
    assert (merged["uuid"], merged["name"], merged["email"], merged["company"], merged["country"]) == (
        new,
        "Adam Smith",
        "adam@example.com",
        "Smith Ltd",
        "DE",
    )
    assert merged["external_ids"] == ["adam-recurly", "adam-stripe"]
    assert merged["data_source_uuids"] == [switch["recurly"].uuid, switch["stripe"].uuid]
    assert merged["attributes"]["tags"] == ["vip", "old"]
    assert merged["attributes"]["custom"] == {"tier": "platinum", "seats": 3}
    # (past due: the invoices stop in 2024, mrr-semantics.md §1.10)
    assert (merged["mrr"], merged["status"]) == (15000, "Past Due")
    # one customer all along; the MRR is the same, now one customer's
    assert counts(account) == [
        ("2024-01-31", 1),
        ("2024-02-29", 1),
        ("2024-03-31", 1),
        ("2024-04-30", 1),
        ("2024-05-31", 1),
    ]
    assert mrr(account) == [10000, 15000, 15000, 15000, 15000]
    # Recurly's subscription starting is an expansion of the one customer, not new business
    assert movements(account, new) == [("2024-01-01", "new_biz", 10000), ("2024-02-01", "expansion", 5000)]
    invoices = ok(account.get(f"/import/customers/{new}/invoices"))["invoices"]
    assert sorted(i["external_id"] for i in invoices) == [
        "sx-0",
        "sx-1",
        "sx-2",
        "sx-3",
        "sy-1",
        "sy-2",
        "sy-3",
    ]
    subs = ok(account.get(f"/customers/{new}/subscriptions"))["entries"]
    assert sorted((s["external_id"], s["mrr"]) for s in subs) == [("sx", 10000), ("sy", 5000)]
    contacts = ok(account.get(f"/customers/{new}/contacts"))["entries"]
    assert [(c["uuid"], c["customer_uuid"]) for c in contacts] == [(switch["contact"], new)]
    notes = ok(account.get("/customer_notes", params={"customer_uuid": new}))["entries"]
    assert [n["uuid"] for n in notes] == [switch["note"]]
    tasks = ok(account.get("/tasks", params={"customer_uuid": new}))["entries"]
    assert [t["task_uuid"] for t in tasks] == [switch["task"]]


def test_merging_by_external_ids(account: httpx.Client, switch: dict[str, Any]) -> None:
    body = {
        "from": {"data_source_uuid": switch["stripe"].uuid, "external_id": "adam-stripe"},
        "into": {"data_source_uuid": switch["recurly"].uuid, "external_id": "adam-recurly"},
        "move_to_new_customer": False,
    }
    assert ok(account.post("/customers/merges", json=body), 202) == {}
    assert account.get(f"/customers/{switch['old']}").status_code == 404
    assert ok(account.get(f"/customers/{switch['new']}"))["mrr"] == 15000
    # the merged identity names the customer it is in now: merging it again is merging into itself
    again = account.post("/customers/merges", json=body)
    assert (again.status_code, again.json()) == (422, {"errors": {"into": SELF_MERGE}})


def test_unmerging_gives_the_customer_back(account: httpx.Client, switch: dict[str, Any]) -> None:
    old, new, stripe = switch["old"], switch["new"], switch["stripe"]
    ok(merge(account, old, new), 202)
    body = {
        "customer_uuid": new,
        "data_source_uuid": stripe.uuid,
        "external_id": "adam-stripe",
        "move_to_new_customer": ["notes"],
    }
    assert ok(account.post("/customers/unmerges", json=body), 202) == {}

    [back] = ok(account.get("/customers", params={"data_source_uuid": stripe.uuid}))["entries"]
    # a new uuid; its own name, email, tags and custom attribute; the primary's company and location
    assert back["uuid"] not in (old, new)
    assert (back["external_ids"], back["name"], back["email"]) == (
        ["adam-stripe"],
        "Adam (Stripe)",
        "adam@old.example",
    )
    assert (back["company"], back["country"]) == ("Smith Ltd", "DE")
    assert back["attributes"]["tags"] == ["old"]
    assert back["attributes"]["custom"] == {"seats": 3}
    assert (back["mrr"], back["status"]) == (10000, "Past Due")
    primary = ok(account.get(f"/customers/{new}"))
    assert (primary["external_ids"], primary["data_source_uuids"]) == (
        ["adam-recurly"],
        [switch["recurly"].uuid],
    )
    assert primary["attributes"]["tags"] == ["vip"]
    assert primary["attributes"]["custom"] == {"tier": "platinum"}
    assert primary["mrr"] == 5000
    # two customers again, with their own movements
    assert [n for _, n in counts(account)] == [1, 2, 2, 2, 2]
    assert movements(account, back["uuid"]) == [("2024-01-01", "new_biz", 10000)]
    assert movements(account, new) == [("2024-02-01", "new_biz", 5000)]
    invoices = ok(account.get(f"/import/customers/{back['uuid']}/invoices"))["invoices"]
    assert sorted(i["external_id"] for i in invoices) == ["sx-0", "sx-1", "sx-2", "sx-3"]
    # the contact goes back with its customer; the notes were asked for, the task was not
    contacts = ok(account.get(f"/customers/{back['uuid']}/contacts"))["entries"]
    assert [c["uuid"] for c in contacts] == [switch["contact"]]
    notes = ok(account.get("/customer_notes", params={"customer_uuid": back["uuid"]}))["entries"]
    assert [n["uuid"] for n in notes] == [switch["note"]]
    tasks = ok(account.get("/tasks", params={"customer_uuid": new}))["entries"]
    assert [t["task_uuid"] for t in tasks] == [switch["task"]]
    # only a merged customer can be unmerged
    again = account.post("/customers/unmerges", json=body)
    assert (again.status_code, again.json()) == (422, {"errors": {"external_id": NOT_MERGED}})


def test_deleting_a_merged_customers_source(account: httpx.Client, switch: dict[str, Any]) -> None:
    ok(merge(account, switch["old"], switch["new"]), 202)
    ok(account.delete(f"/data_sources/{switch['stripe'].uuid}"), 204)
    primary = ok(account.get(f"/customers/{switch['new']}"))
    assert (primary["external_ids"], primary["mrr"]) == (["adam-recurly"], 5000)
    assert [n for _, n in counts(account)] == [0, 1, 1, 1, 1]
    assert movements(account, switch["new"]) == [("2024-02-01", "new_biz", 5000)]


# -- connect --------------------------------------------------------------------------------------------


def _migrated(account: httpx.Client, cancelled_at: str) -> tuple[str, dict[str, Any]]:
    """Stripe's $100 subscription (January to March, cancelled at `cancelled_at`) and Recurly's $120
    one from April, merged into one customer."""
    stripe = Source(account, "Stripe", "Old plan")
    recurly = Source(account, "Recurly", "New plan")
    old, new = stripe.customer("cus-s"), recurly.customer("cus-r")
    stripe.bill(old, "a", 10000, range(3), cancelled_at=cancelled_at)
    recurly.bill(new, "b", 12000, range(3, 5))
    ok(merge(account, old, new), 202)
    subs = {s["external_id"]: s for s in ok(account.get(f"/customers/{new}/subscriptions"))["entries"]}
    return new, {"a": (stripe.uuid, subs["a"]), "b": (recurly.uuid, subs["b"])}


def test_connecting_removes_the_false_churn_of_a_gap(account: httpx.Client) -> None:
    customer, subs = _migrated(account, cancelled_at="2024-03-15")
    # merged but not connected: Stripe's cancellation churns the customer, Recurly's start reactivates it
    churned = [
        ("2024-01-01", "new_biz", 10000),
        ("2024-03-15", "churn", -10000),
        ("2024-04-01", "reactivation", 12000),
    ]
    assert movements(account, customer) == churned
    assert [n for _, n in counts(account)] == [1, 1, 0, 1, 1]
    assert mrr(account) == [10000, 10000, 0, 12000, 12000]

    # the Node client's body: the Metrics API's plain uuids
    body = {"subscriptions": [{"data_source_uuid": ds, "uuid": sub["uuid"]} for ds, sub in subs.values()]}
    assert ok(account.post(f"/customers/{customer}/connect_subscriptions", json=body), 202) == {}
    # one history: the gap counts at the cancelled subscription's $100, the switch is a $20 upgrade
    assert movements(account, customer) == [
        ("2024-01-01", "new_biz", 10000),
        ("2024-04-01", "expansion", 2000),
    ]
    assert [n for _, n in counts(account)] == [1, 1, 1, 1, 1]
    assert mrr(account) == [10000, 10000, 10000, 12000, 12000]
    listed = {s["external_id"]: s for s in ok(account.get(f"/customers/{customer}/subscriptions"))["entries"]}
    assert (listed["b"]["start-date"], listed["b"]["mrr"], listed["b"]["status"]) == (
        "2024-01-01T00:00:00+00:00",
        12000,
        "active",
    )
    assert (listed["a"]["mrr"], listed["a"]["status"]) == (0, "inactive")
    assert ok(account.get(f"/customers/{customer}"))["mrr"] == 12000

    # disconnecting (the Python client's body: external ids) undoes it
    body = {
        "subscriptions": [
            {"data_source_uuid": ds, "external_id": sub["external_id"]} for ds, sub in subs.values()
        ]
    }
    assert ok(account.post(f"/customers/{customer}/disconnect_subscriptions", json=body), 202) == {}
    assert movements(account, customer) == churned
    assert [n for _, n in counts(account)] == [1, 1, 0, 1, 1]


def test_connecting_a_switch_on_one_day_is_a_plan_change(account: httpx.Client) -> None:
    customer, subs = _migrated(account, cancelled_at="2024-04-01")
    # at one instant the new subscription's rise comes first: an expansion and a contraction
    assert movements(account, customer) == [
        ("2024-01-01", "new_biz", 10000),
        ("2024-04-01", "expansion", 12000),
        ("2024-04-01", "contraction", -10000),
    ]
    body = {"subscriptions": [{"data_source_uuid": ds, "uuid": sub["uuid"]} for ds, sub in subs.values()]}
    ok(account.post(f"/customers/{customer}/connect_subscriptions", json=body), 202)
    assert movements(account, customer) == [
        ("2024-01-01", "new_biz", 10000),
        ("2024-04-01", "expansion", 2000),
    ]
    assert mrr(account) == [10000, 10000, 10000, 12000, 12000]


# -- errors ---------------------------------------------------------------------------------------------


def test_merge_errors_change_nothing(
    account: httpx.Client, other_api: httpx.Client, switch: dict[str, Any]
) -> None:
    old, new = switch["old"], switch["new"]
    stranger = Source(other_api, unique_name(), "Plan").customer("stranger")
    cases: list[tuple[Any, int, Any]] = [
        ({}, 400, {"code": 400, "message": 'Parameter "from" is missing', "param": "from"}),
        (
            {"from": {"customer_uuid": old}},
            400,
            {"code": 400, "message": 'Parameter "into" is missing', "param": "into"},
        ),
        (
            {"from": "cus_x", "into": {"customer_uuid": new}},
            400,
            {
                "code": 400,
                "message": "from must be an object with customer_uuid, or data_source_uuid and external_id",
                "param": "from",
            },
        ),
        (
            {"from": {"data_source_uuid": switch["stripe"].uuid}, "into": {"customer_uuid": new}},
            400,
            {"code": 400, "message": 'Parameter "from.external_id" is missing', "param": "from.external_id"},
        ),
        (
            {"from": {"customer_uuid": "cus_nope"}, "into": {"customer_uuid": new}},
            404,
            {"error": "Customer not found"},
        ),
        (
            {"from": {"customer_uuid": old}, "into": {"customer_uuid": stranger}},
            404,
            {"error": "Customer not found"},
        ),
        (
            {"from": {"customer_uuid": stranger}, "into": {"customer_uuid": new}},
            404,
            {"error": "Customer not found"},
        ),
        (
            {"from": {"data_source_uuid": "ds_nope", "external_id": "x"}, "into": {"customer_uuid": new}},
            404,
            {"error": "Data source not found"},
        ),
        (
            {
                "from": {"data_source_uuid": switch["stripe"].uuid, "external_id": "nobody"},
                "into": {"customer_uuid": new},
            },
            404,
            {"error": "Customer not found"},
        ),
        (
            {"from": {"customer_uuid": old}, "into": {"customer_uuid": old}},
            422,
            {"errors": {"into": SELF_MERGE}},
        ),
        (
            {"from": {"customer_uuid": old}, "into": {"customer_uuid": new}, "move_to_new_customer": "maybe"},
            422,
            {"errors": {"move_to_new_customer": "move_to_new_customer must be true or false."}},
        ),
        ([], 400, {"code": 400, "message": "The request body must be a JSON object", "param": None}),
    ]
    for body, status, answer in cases:
        response = account.post("/customers/merges", json=body)
        assert (response.status_code, response.json()) == (status, answer), body
    # the other account cannot merge this one's customers either
    response = other_api.post(
        "/customers/merges", json={"from": {"customer_uuid": old}, "into": {"customer_uuid": stranger}}
    )
    assert (response.status_code, response.json()) == (404, {"error": "Customer not found"})
    assert ok(account.get(f"/customers/{old}"))["mrr"] == 10000
    assert ok(account.get(f"/customers/{new}"))["external_ids"] == ["adam-recurly"]
    assert [n for _, n in counts(account)] == [1, 2, 2, 2, 2]


def test_a_merge_of_two_subscriptions_of_one_id_is_refused(account: httpx.Client) -> None:
    source = Source(account, "Custom", "Plan")
    first, second = source.customer("c1"), source.customer("c2")
    source.bill(first, "s1", 1000, range(1))
    source.bill(second, "s1", 2000, range(1), tag="second-")
    response = merge(account, first, second)
    message = (
        f"Both customers have a subscription with external ID s1 in data source {source.uuid}: "
        "a customer can hold only one."
    )
    assert (response.status_code, response.json()) == (422, {"errors": {"from": message}})
    assert ok(account.get(f"/customers/{first}"))["mrr"] == 1000


def test_unmerge_errors(account: httpx.Client, other_api: httpx.Client, switch: dict[str, Any]) -> None:
    new, ds = switch["new"], switch["stripe"].uuid
    ok(merge(account, switch["old"], new), 202)
    body = {"customer_uuid": new, "data_source_uuid": ds, "external_id": "adam-stripe"}
    cases: list[tuple[Any, int, Any]] = [
        ({}, 400, {"code": 400, "message": 'Parameter "customer_uuid" is missing', "param": "customer_uuid"}),
        (
            {"customer_uuid": new, "data_source_uuid": ds},
            400,
            {"code": 400, "message": 'Parameter "external_id" is missing', "param": "external_id"},
        ),
        (
            body | {"move_to_new_customer": ["contacts"]},
            422,
            {"errors": {"move_to_new_customer": MOVE_TO_NEW}},
        ),
        (body | {"move_to_new_customer": "notes"}, 422, {"errors": {"move_to_new_customer": MOVE_TO_NEW}}),
        (body | {"customer_uuid": "cus_nope"}, 404, {"error": "Customer not found"}),
        (body | {"data_source_uuid": "ds_nope"}, 404, {"error": "Data source not found"}),
        (body | {"external_id": "adam-recurly"}, 422, {"errors": {"external_id": NOT_MERGED}}),
    ]
    for sent, status, answer in cases:
        response = account.post("/customers/unmerges", json=sent)
        assert (response.status_code, response.json()) == (status, answer), sent
    response = other_api.post("/customers/unmerges", json=body)
    assert (response.status_code, response.json()) == (404, {"error": "Customer not found"})
    assert ok(account.get(f"/customers/{new}"))["external_ids"] == ["adam-recurly", "adam-stripe"]


def test_connect_errors_change_nothing(account: httpx.Client, other_api: httpx.Client) -> None:
    customer, subs = _migrated(account, cancelled_at="2024-03-15")
    before = movements(account, customer)
    (ds_a, a), (ds_b, b) = subs["a"], subs["b"]
    url = f"/customers/{customer}/connect_subscriptions"
    cases: list[tuple[str, Any, int, Any]] = [
        (
            url,
            {},
            400,
            {"code": 400, "message": 'Parameter "subscriptions" is missing', "param": "subscriptions"},
        ),
        (
            url,
            {"subscriptions": [{"data_source_uuid": ds_a, "uuid": a["uuid"]}]},
            422,
            {"errors": {"subscriptions": TWO_NEEDED}},
        ),
        (
            url,
            {"subscriptions": [{"uuid": a["uuid"]}, {"uuid": b["uuid"]}]},
            400,
            {
                "code": 400,
                "message": 'Parameter "subscriptions[0].data_source_uuid" is missing',
                "param": "subscriptions[0].data_source_uuid",
            },
        ),
        (
            url,
            {
                "subscriptions": [
                    {"data_source_uuid": ds_a, "uuid": a["uuid"]},
                    {"data_source_uuid": ds_b, "uuid": "nope"},
                ]
            },
            404,
            {"error": "Subscription not found"},
        ),
        (
            url,
            # a subscription of the other data source is not found in this one
            {
                "subscriptions": [
                    {"data_source_uuid": ds_a, "uuid": a["uuid"]},
                    {"data_source_uuid": ds_a, "uuid": b["uuid"]},
                ]
            },
            404,
            {"error": "Subscription not found"},
        ),
        (
            url,
            {
                "subscriptions": [
                    {"data_source_uuid": ds_a, "uuid": a["uuid"]},
                    {"data_source_uuid": ds_a, "external_id": "a"},
                ]
            },
            422,
            {"errors": {"subscriptions": TWICE}},
        ),
        (
            "/customers/cus_nope/connect_subscriptions",
            {
                "subscriptions": [
                    {"data_source_uuid": ds_a, "uuid": a["uuid"]},
                    {"data_source_uuid": ds_b, "uuid": b["uuid"]},
                ]
            },
            404,
            {"error": "Customer not found"},
        ),
    ]
    for path, body, status, answer in cases:
        response = account.post(path, json=body)
        assert (response.status_code, response.json()) == (status, answer), body
    good = {
        "subscriptions": [
            {"data_source_uuid": ds_a, "uuid": a["uuid"]},
            {"data_source_uuid": ds_b, "uuid": b["uuid"]},
        ]
    }
    for path in (url, url.replace("connect", "disconnect")):
        response = other_api.post(path, json=good)
        assert (response.status_code, response.json()) == (404, {"error": "Customer not found"})
    assert movements(account, customer) == before


def test_merges_are_no_longer_taken_for_a_customer_uuid(api: httpx.Client) -> None:
    # `/customers/merges` once fell into `/customers/{uuid}` and answered 405
    response = api.post("/customers/merges", json={})
    assert response.status_code == 400
    assert api.get("/customers/merges").json() == {"error": "Customer not found"}


def unique_name() -> str:
    return f"other-{uuids.uuid4().hex[:8]}"
