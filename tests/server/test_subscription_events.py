"""Subscription events over HTTP on both backends: every route of `/subscription_events`, its errors,
account isolation, and what each event type does to MRR, activities and metrics.

What the event types do is ChartMogul's (dev.chartmogul.com/docs/adding-subscription-event-for-cmrr,
dev.chartmogul.com/reference/subscription-events, help.chartmogul.com "Understanding subscription
events"): a Started (`subscription_start`) or Updated (`subscription_updated`) event is a change that has
already taken place, at its effective date; Canceled (`subscription_cancelled`) ends the subscription;
Retracted (`subscription_event_retracted`) withdraws the event it names; the scheduled types are future
commitments that count for CMRR only. mogul reads the amount as an invoice line's: `amount_in_cents`
less tax for one plan interval, normalised to a month (mrr-semantics.md §2.1), and classifies the
movements as for invoices (a cancellation is churn when it ends the customer's last subscription,
contraction otherwise: HC-MOVEMENTS). Each expectation below is worked out by hand from those rules.
"""

from __future__ import annotations

import uuid as uuids
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mogul.server.domain.accounts import ensure_keys
from mogul.server.sandbox import Sandbox
from tests.conftest import basic

EVENTS = "/subscription_events"


@pytest.fixture
def account(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """An account of its own (activities and metrics are account-wide)."""
    key = f"events-{uuids.uuid4().hex}"
    ensure_keys(sandbox.db, [key])
    with httpx.Client(base_url=sandbox.api_url, headers=basic(key), timeout=30) as client:
        yield client


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


class World:
    """A data source with a $100 monthly plan `gold` and a yearly plan `annual`, and customers."""

    def __init__(self, api: httpx.Client, name: str = "events") -> None:
        self.api = api
        self.ds = ok(api.post("/data_sources", json={"name": name}), 201)["uuid"]
        for ext, unit in (("gold", "month"), ("annual", "year")):
            plan = {"data_source_uuid": self.ds, "name": ext.title(), "external_id": ext}
            ok(api.post("/plans", json=plan | {"interval_count": 1, "interval_unit": unit}), 201)
        self.customers: dict[str, str] = {}

    def customer(self, ext: str = "c1") -> str:
        if ext not in self.customers:
            body = {"data_source_uuid": self.ds, "external_id": ext, "name": ext}
            self.customers[ext] = ok(self.api.post("/customers", json=body), 201)["uuid"]
        return self.customers[ext]

    def body(self, event_type: str, effective: str, **more: Any) -> dict[str, Any]:
        body = {
            "data_source_uuid": self.ds,
            "customer_external_id": "c1",
            "subscription_external_id": "s1",
            "event_type": event_type,
            "event_date": effective,
            "effective_date": effective,
        }
        if event_type in ("subscription_start", "subscription_updated") or event_type.endswith("_scheduled"):
            if not event_type.startswith("subscription_cancellation"):
                body |= {
                    "plan_external_id": "gold",
                    "currency": "USD",
                    "amount_in_cents": 10000,
                    "quantity": 1,
                }
        return body | more

    def event(self, event_type: str, effective: str, **more: Any) -> dict[str, Any]:
        self.customer(more.get("customer_external_id", "c1"))
        made: dict[str, Any] = ok(
            self.api.post(EVENTS, json={"subscription_event": self.body(event_type, effective, **more)}), 201
        )
        return made

    def activities(self, ext: str = "c1") -> list[tuple[str, str, int, int]]:
        entries = ok(self.api.get(f"/customers/{self.customers[ext]}/activities"))["entries"]
        return [(a["date"][:10], a["type"], a["activity-mrr-movement"], a["activity-mrr"]) for a in entries]

    def mrr(self, ext: str = "c1") -> tuple[int, str]:
        customer = ok(self.api.get(f"/customers/{self.customers[ext]}"))
        return customer["mrr"], customer["status"]


# -- the routes ------------------------------------------------------------------------------------------


def test_create_takes_an_enveloped_or_a_flat_body_and_answers_201_with_the_event(
    account: httpx.Client,
) -> None:
    world = World(account)
    world.customer()
    body = world.body(
        "subscription_start", "2024-01-15", external_id="e1", tax_amount_in_cents=0, event_order=2
    )
    made = ok(account.post(EVENTS, json={"subscription_event": body}), 201)
    assert made == {
        "id": made["id"],
        "data_source_uuid": world.ds,
        "customer_external_id": "c1",
        "subscription_set_external_id": None,
        "subscription_external_id": "s1",
        "plan_external_id": "gold",
        "event_date": "2024-01-15T00:00:00Z",
        "effective_date": "2024-01-15T00:00:00Z",
        "event_type": "subscription_start",
        "external_id": "e1",
        "errors": {},
        "created_at": made["created_at"],
        "updated_at": made["created_at"],
        "quantity": 1,
        "currency": "USD",
        "amount_in_cents": 10000,
        "tax_amount_in_cents": 0,
        "retracted_event_id": None,
        "event_order": 2,
        "disabled": False,
        "disabled_at": None,
        "disabled_by": None,
    }
    assert isinstance(made["id"], int)
    flat = ok(account.post(EVENTS, json=world.body("subscription_cancellation_scheduled", "2024-06-01")), 201)
    assert (flat["event_type"], flat["plan_external_id"], flat["amount_in_cents"]) == (
        "subscription_cancellation_scheduled",
        None,
        None,
    )
    assert flat["id"] > made["id"]


def test_list_filters_pages_and_meta(account: httpx.Client) -> None:
    world = World(account)
    other = World(account, "second")
    empty = ok(account.get(EVENTS))
    assert empty == {
        "subscription_events": [],
        "meta": {"next_key": None, "prev_key": None, "before_key": None, "page": 0, "total_pages": 0},
        "cursor": None,
        "has_more": False,
    }
    a = world.event("subscription_start", "2024-01-01", external_id="a")
    b = world.event(
        "subscription_updated", "2024-02-01T10:00:00Z", external_id="b", plan_external_id="annual"
    )
    c = world.event(
        "subscription_start_scheduled", "2024-03-01", customer_external_id="c2", subscription_external_id="s2"
    )
    other.customer()
    d = other.event("subscription_start", "2024-01-01")
    ids = lambda **q: [e["id"] for e in ok(account.get(EVENTS, params=q))["subscription_events"]]  # noqa: E731
    assert ids() == [a["id"], b["id"], c["id"], d["id"]]
    assert ids(data_source_uuid=world.ds) == [a["id"], b["id"], c["id"]]
    assert ids(external_id="b") == [b["id"]]
    assert ids(customer_external_id="c2") == [c["id"]]
    assert ids(customer_uuid=world.customers["c2"]) == [c["id"]]
    assert ids(subscription_external_id="s1", data_source_uuid=world.ds) == [a["id"], b["id"]]
    assert ids(event_type="subscription_start") == [a["id"], d["id"]]
    assert ids(plan_external_id="annual") == [b["id"]]
    assert ids(event_date="2024-02-01") == [b["id"]]
    assert ids(effective_date="2024-02-01T10:00:00Z") == [b["id"]]
    assert ids(effective_date="2024-02-01T10:00:01Z") == []
    assert ids(include_edit_histories="true") == ids()
    first = ok(account.get(EVENTS, params={"per_page": 3}))
    assert [e["id"] for e in first["subscription_events"]] == [a["id"], b["id"], c["id"]]
    assert first["has_more"] is True
    assert first["meta"] == {
        "next_key": None,
        "prev_key": None,
        "before_key": None,
        "page": 1,
        "total_pages": 2,
    }
    rest = ok(account.get(EVENTS, params={"per_page": 3, "cursor": first["cursor"]}))
    assert [e["id"] for e in rest["subscription_events"]] == [d["id"]]
    assert (rest["has_more"], rest["cursor"], rest["meta"]["page"]) == (False, None, None)
    ok(account.patch(f"{EVENTS}/{a['id']}/disabled_state", json={"disabled": True}))
    assert ids() == [b["id"], c["id"], d["id"]]
    assert ids(with_disabled="true") == [a["id"], b["id"], c["id"], d["id"]]


def test_update_by_id_or_by_external_id(account: httpx.Client) -> None:
    world = World(account)
    made = world.event("subscription_start", "2024-01-01", external_id="e1")
    changed = ok(
        account.patch(EVENTS, json={"subscription_event": {"id": made["id"], "amount_in_cents": 20000}})
    )
    assert (changed["id"], changed["amount_in_cents"], changed["external_id"]) == (made["id"], 20000, "e1")
    by_external_id = {
        "data_source_uuid": world.ds,
        "external_id": "e1",
        "quantity": 3,
        "effective_date": "2024-01-02",
    }
    changed = ok(account.patch(EVENTS, json={"subscription_event": by_external_id}))
    assert (changed["quantity"], changed["effective_date"], changed["amount_in_cents"]) == (
        3,
        "2024-01-02T00:00:00Z",
        20000,
    )
    # flat, as a Python caller may send it; and a new external id given with the id
    changed = ok(account.patch(EVENTS, json={"id": made["id"], "external_id": "e2"}))
    assert changed["external_id"] == "e2"
    assert world.activities() == [("2024-01-02", "new_biz", 20000, 20000)]


def test_delete_by_body_by_query_and_by_external_id_answers_204(account: httpx.Client) -> None:
    world = World(account)
    one = world.event("subscription_start", "2024-01-01")
    two = world.event("subscription_update_scheduled", "2024-02-01", external_id="two")
    three = world.event("subscription_cancellation_scheduled", "2024-03-01")
    response = account.request("DELETE", EVENTS, json={"subscription_event": {"id": one["id"]}})
    assert (response.status_code, response.content) == (204, b"")
    body = {"subscription_event": {"data_source_uuid": world.ds, "external_id": "two"}}
    assert account.request("DELETE", EVENTS, json=body).status_code == 204
    assert account.delete(EVENTS, params={"subscription_event[id]": str(three["id"])}).status_code == 204
    assert ok(account.get(EVENTS, params={"with_disabled": "true"}))["subscription_events"] == []
    again = account.request("DELETE", EVENTS, json={"subscription_event": {"id": two["id"]}})
    assert (again.status_code, again.json()) == (404, {"error": "Subscription event not found"})
    # the subscription went with its last event
    assert ok(account.get(f"/import/customers/{world.customers['c1']}/subscriptions"))["subscriptions"] == []


def test_disable_and_enable_by_id_and_by_external_id(account: httpx.Client) -> None:
    world = World(account)
    made = world.event("subscription_start", "2024-01-01", external_id="e1")
    off = ok(account.patch(f"{EVENTS}/{made['id']}/disabled_state", json={"disabled": True}))
    assert (off["disabled"], off["disabled_at"] is not None, off["disabled_by"]) == (True, True, None)
    named = {"data_source_uuid": world.ds, "external_id": "e1"}
    on = ok(account.patch(f"{EVENTS}/disabled_state", json=named | {"disabled": False}))
    assert (on["id"], on["disabled"], on["disabled_at"]) == (made["id"], False, None)
    off = ok(account.patch(f"{EVENTS}/disabled_state", json={"subscription_event": named, "disabled": True}))
    assert off["disabled"] is True


# -- bad input -------------------------------------------------------------------------------------------


def _refused(response: httpx.Response) -> tuple[int, Any]:
    return response.status_code, response.json()


def test_bad_input_gets_chartmogul_errors(account: httpx.Client) -> None:
    world = World(account)
    world.customer()
    start = world.body("subscription_start", "2024-01-01")
    post = lambda body: _refused(account.post(EVENTS, json=body))  # noqa: E731
    assert post({k: v for k, v in start.items() if k != "customer_external_id"}) == (
        400,
        {
            "code": 400,
            "message": 'Parameter "customer_external_id" is missing',
            "param": "customer_external_id",
        },
    )
    assert post({k: v for k, v in start.items() if k != "data_source_uuid"}) == (
        400,
        {"code": 400, "message": 'Parameter "data_source_uuid" is missing', "param": "data_source_uuid"},
    )
    assert post([start]) == (
        400,
        {"code": 400, "message": "The request body must be a JSON object", "param": None},
    )
    assert post({"subscription_event": "x"}) == (
        400,
        {"code": 400, "message": "subscription_event must be a JSON object", "param": "subscription_event"},
    )
    assert post(start | {"event_type": "subscription_paused"})[0] == 422
    assert post(start | {"event_type": "subscription_paused"})[1]["errors"]["event_type"].startswith(
        "event_type must be one of: subscription_start, subscription_start_scheduled,"
    )
    assert post(start | {"event_date": "yesterday"}) == (
        422,
        {"errors": {"event_date": "event_date is not a valid ISO 8601 timestamp."}},
    )
    unpriced = {k: v for k, v in start.items() if k not in ("plan_external_id", "currency")}
    assert post(unpriced) == (
        422,
        {
            "errors": {
                "plan_external_id": "plan_external_id is required for subscription_start events.",
                "currency": "currency is required for subscription_start events.",
            }
        },
    )
    assert post(world.body("subscription_event_retracted", "2024-01-01")) == (
        422,
        {
            "errors": {
                "retracted_event_id": "retracted_event_id is required for "
                "subscription_event_retracted events."
            }
        },
    )
    assert post(world.body("subscription_event_retracted", "2024-01-01", retracted_event_id=999999)) == (
        422,
        {"errors": {"retracted_event_id": "Subscription event 999999 doesn't exist in this data source."}},
    )
    assert post(start | {"data_source_uuid": "ds_nope"}) == (404, {"error": "Data source not found"})
    assert post(start | {"customer_external_id": "nobody", "plan_external_id": "silver"}) == (
        422,
        {
            "errors": {
                "customer_external_id": "Customer nobody doesn't exist in this data source.",
                "plan_external_id": "Plan silver doesn't exist in this data source.",
            }
        },
    )
    assert post(start | {"amount_in_cents": -1}) == (
        422,
        {"errors": {"amount_in_cents": "amount_in_cents must be greater than or equal to 0."}},
    )
    ok(account.post(EVENTS, json=start | {"external_id": "dup"}), 201)
    assert post(start | {"external_id": "dup"}) == (
        422,
        {
            "errors": {
                "external_id": "The external ID for this subscription event already exists in our system."
            }
        },
    )
    missing = {
        "code": 400,
        "message": 'Parameter "id", or "data_source_uuid" and "external_id", is missing',
        "param": "id",
    }
    assert _refused(account.patch(EVENTS, json={"subscription_event": {"external_id": "dup"}})) == (
        400,
        missing,
    )
    assert _refused(account.request("DELETE", EVENTS)) == (400, missing)
    assert _refused(account.patch(f"{EVENTS}/disabled_state", json={"disabled": True})) == (400, missing)
    not_found = (404, {"error": "Subscription event not found"})
    assert _refused(account.patch(EVENTS, json={"subscription_event": {"id": 2**40}})) == not_found
    assert _refused(account.patch(f"{EVENTS}/abc/disabled_state", json={"disabled": True})) == not_found
    assert _refused(account.patch(f"{EVENTS}/99999999/disabled_state", json={"disabled": True})) == not_found
    made = ok(account.get(EVENTS))["subscription_events"][0]
    assert _refused(account.patch(f"{EVENTS}/{made['id']}/disabled_state", json={})) == (
        400,
        {"code": 400, "message": 'Parameter "disabled" is missing', "param": "disabled"},
    )
    assert _refused(account.patch(EVENTS, json={"id": made["id"], "event_type": "nope"}))[0] == 422
    assert _refused(account.get(EVENTS, params={"event_type": "nope"}))[0] == 400
    assert _refused(account.get(EVENTS, params={"with_disabled": "maybe"})) == (
        400,
        {
            "code": 400,
            "message": "Parameter \"with_disabled\" must be true or false, got 'maybe'",
            "param": "with_disabled",
        },
    )
    assert _refused(account.get(EVENTS, params={"event_date": "soon"}))[0] == 400


def test_another_accounts_events_are_not_found(account: httpx.Client, other_api: httpx.Client) -> None:
    world = World(account)
    made = world.event("subscription_start", "2024-01-01", external_id="mine")
    not_found = (404, {"error": "Subscription event not found"})
    assert (
        _refused(other_api.patch(EVENTS, json={"subscription_event": {"id": made["id"], "quantity": 5}}))
        == not_found
    )
    assert (
        _refused(other_api.request("DELETE", EVENTS, json={"subscription_event": {"id": made["id"]}}))
        == not_found
    )
    assert (
        _refused(other_api.patch(f"{EVENTS}/{made['id']}/disabled_state", json={"disabled": True}))
        == not_found
    )
    named = {"data_source_uuid": world.ds, "external_id": "mine"}
    assert _refused(other_api.patch(f"{EVENTS}/disabled_state", json=named | {"disabled": True})) == (
        404,
        {"error": "Data source not found"},
    )
    assert _refused(other_api.post(EVENTS, json=world.body("subscription_start", "2024-01-01"))) == (
        404,
        {"error": "Data source not found"},
    )
    assert [
        e["id"]
        for e in ok(other_api.get(EVENTS, params={"data_source_uuid": world.ds}))["subscription_events"]
    ] == []
    assert ok(account.get(EVENTS))["subscription_events"][0]["quantity"] == 1


def test_a_data_source_is_fed_by_invoices_or_by_events_not_both(account: httpx.Client) -> None:
    invoiced = World(account, "invoiced")
    customer = invoiced.customer()
    plan = ok(account.get("/plans", params={"data_source_uuid": invoiced.ds, "external_id": "gold"}))[
        "plans"
    ][0]
    line = {
        "type": "subscription",
        "plan_uuid": plan["uuid"],
        "subscription_external_id": "s1",
        "service_period_start": "2024-01-01",
        "service_period_end": "2024-02-01",
        "amount_in_cents": 10000,
    }
    invoice = {"external_id": "i1", "date": "2024-01-01", "currency": "USD", "line_items": [line]}
    ok(account.post(f"/import/customers/{customer}/invoices", json={"invoices": [invoice]}), 201)
    refused = account.post(EVENTS, json=invoiced.body("subscription_start", "2024-03-01"))
    assert _refused(refused) == (
        422,
        {
            "errors": {
                "data_source_uuid": "This data source is fed by invoices: its subscriptions' MRR cannot also "
                "come from subscription events (only scheduled ones are accepted)."
            }
        },
    )
    # a commitment is welcome on any source, and changes nothing
    scheduled = invoiced.event("subscription_update_scheduled", "2024-03-01", amount_in_cents=30000)
    invoiced.event("subscription_event_retracted", "2024-03-02", retracted_event_id=scheduled["id"])
    assert invoiced.activities() == [("2024-01-01", "new_biz", 10000, 10000)]
    # still an invoiced subscription: its period ended unrenewed, so its customer is Past Due
    assert invoiced.mrr() == (10000, "Past Due")

    fed = World(account, "fed")
    fed.event("subscription_start", "2024-01-01")
    answer = account.post(f"/import/customers/{fed.customers['c1']}/invoices", json={"invoices": [invoice]})
    assert _refused(answer) == (
        422,
        {
            "invoices": [
                {
                    "external_id": "i1",
                    "errors": {
                        "data_source_uuid": "This data source is fed by subscription events: its "
                        "subscriptions' MRR cannot also come from invoices.",
                        "line_items[0].plan_uuid": f"Plan {plan['uuid']} doesn't exist in this data source.",
                    },
                }
            ]
        },
    )


# -- the figures -----------------------------------------------------------------------------------------


def test_a_start_sets_mrr_from_its_effective_date_normalised_to_a_month(account: httpx.Client) -> None:
    # Started on the yearly plan for $132 with $12 tax: (13200 - 1200) / 12 = 1000 a month, new business
    # on the effective date. It renews without invoices, so the customer stays Active (not Past Due)
    # long after the first year.
    world = World(account)
    world.event(
        "subscription_start",
        "2024-01-10",
        plan_external_id="annual",
        amount_in_cents=13200,
        tax_amount_in_cents=1200,
        quantity=3,
    )
    assert world.activities() == [("2024-01-10", "new_biz", 1000, 1000)]
    assert world.mrr() == (1000, "Active")
    [sub] = ok(account.get(f"/customers/{world.customers['c1']}/subscriptions"))["entries"]
    assert (sub["external_id"], sub["plan"], sub["mrr"], sub["arr"], sub["quantity"], sub["status"]) == (
        "s1",
        "Annual",
        1000,
        12000,
        3,
        "active",
    )
    assert (sub["billing-cycle"], sub["start-date"], sub["end-date"]) == (
        "year",
        "2024-01-10T00:00:00+00:00",
        "2025-01-10T00:00:00+00:00",
    )
    [activity] = ok(account.get("/activities"))["entries"]
    assert (activity["type"], activity["activity-mrr-movement"], activity["customer-uuid"]) == (
        "new_biz",
        1000,
        world.customers["c1"],
    )


def test_updates_are_expansion_and_contraction_and_metrics_follow(account: httpx.Client) -> None:
    # $100 from Jan 1; updated to $250 (2 seats) on Mar 1: +150 expansion; to $50 on May 1: −200
    # contraction. Month-end MRR: Jan, Feb 100; Mar, Apr 250; May, Jun 50.
    world = World(account)
    world.event("subscription_start", "2024-01-01")
    world.event("subscription_updated", "2024-03-01", amount_in_cents=25000, quantity=2)
    world.event("subscription_updated", "2024-05-01", amount_in_cents=5000)
    assert world.activities() == [
        ("2024-01-01", "new_biz", 10000, 10000),
        ("2024-03-01", "expansion", 15000, 25000),
        ("2024-05-01", "contraction", -20000, 5000),
    ]
    assert world.mrr() == (5000, "Active")
    query = {"start-date": "2024-01-01", "end-date": "2024-06-30", "interval": "month"}
    entries = ok(account.get("/metrics/mrr", params=query))["entries"]
    assert [e["mrr"] for e in entries] == [10000, 10000, 25000, 25000, 5000, 5000]
    assert [e["mrr-expansion"] for e in entries] == [0, 0, 15000, 0, 0, 0]
    assert [e["mrr-contraction"] for e in entries] == [0, 0, 0, 0, -20000, 0]


def test_a_cancellation_is_churn_of_the_last_subscription_and_contraction_otherwise(
    account: httpx.Client,
) -> None:
    # Two subscriptions of $100 from Jan 1 (new business, one activity each, as for invoices):
    # cancelling s2 on Mar 1 leaves s1 (−100 contraction); cancelling s1 on Apr 1 ends the last one
    # (−100 churn, Cancelled, MRR 0).
    world = World(account)
    world.event("subscription_start", "2024-01-01")
    world.event("subscription_start", "2024-01-01", subscription_external_id="s2")
    world.event("subscription_cancelled", "2024-03-01", subscription_external_id="s2")
    world.event("subscription_cancelled", "2024-04-01")
    assert world.activities() == [
        ("2024-01-01", "new_biz", 10000, 10000),
        ("2024-01-01", "new_biz", 10000, 20000),
        ("2024-03-01", "contraction", -10000, 10000),
        ("2024-04-01", "churn", -10000, 0),
    ]
    assert world.mrr() == (0, "Cancelled")
    states = ok(account.get(f"/customers/{world.customers['c1']}/subscriptions"))["entries"]
    assert [(s["external_id"], s["status"], s["mrr"]) for s in states] == [
        ("s1", "inactive", 0),
        ("s2", "inactive", 0),
    ]


def test_a_retraction_withdraws_the_event_it_names(account: httpx.Client) -> None:
    # Started at $100 on Jan 1, cancelled on Mar 1 (churn), the cancellation retracted: no churn, $100 now.
    # Retracting the start too leaves nothing: no activity, MRR 0, a lead again.
    world = World(account)
    start = world.event("subscription_start", "2024-01-01")
    cancel = world.event("subscription_cancelled", "2024-03-01")
    assert world.activities()[-1] == ("2024-03-01", "churn", -10000, 0)
    retraction = world.event("subscription_event_retracted", "2024-03-02", retracted_event_id=cancel["id"])
    assert retraction["retracted_event_id"] == str(cancel["id"])
    assert world.activities() == [("2024-01-01", "new_biz", 10000, 10000)]
    assert world.mrr() == (10000, "Active")
    world.event("subscription_event_retracted", "2024-03-02", retracted_event_id=str(start["id"]))
    assert world.activities() == []
    assert world.mrr() == (0, "New Lead")


def test_scheduled_events_change_no_figure(account: httpx.Client) -> None:
    # Scheduled events count for CMRR only (ChartMogul: "Scheduled subscription events are used to
    # calculate committed monthly recurring revenue"), which mogul does not compute.
    world = World(account)
    world.event("subscription_start_scheduled", "2024-02-01")
    assert (world.activities(), world.mrr()) == ([], (0, "New Lead"))
    world.event("subscription_start", "2024-01-01")
    world.event("subscription_update_scheduled", "2024-03-01", amount_in_cents=50000)
    world.event("subscription_cancellation_scheduled", "2024-04-01")
    assert world.activities() == [("2024-01-01", "new_biz", 10000, 10000)]
    assert world.mrr() == (10000, "Active")


def test_a_disabled_or_deleted_event_counts_for_nothing(account: httpx.Client) -> None:
    # $100 from Jan 1, $300 from Feb 1. Disabling the update takes MRR back to $100 (no expansion);
    # enabling it brings the expansion back; deleting the start leaves the update alone, which starts
    # the subscription at $300 on Feb 1.
    world = World(account)
    start = world.event("subscription_start", "2024-01-01")
    update = world.event("subscription_updated", "2024-02-01", amount_in_cents=30000)
    ok(account.patch(f"{EVENTS}/{update['id']}/disabled_state", json={"disabled": True}))
    assert world.activities() == [("2024-01-01", "new_biz", 10000, 10000)]
    ok(account.patch(f"{EVENTS}/{update['id']}/disabled_state", json={"disabled": False}))
    assert world.activities() == [
        ("2024-01-01", "new_biz", 10000, 10000),
        ("2024-02-01", "expansion", 20000, 30000),
    ]
    assert (
        account.request("DELETE", EVENTS, json={"subscription_event": {"id": start["id"]}}).status_code == 204
    )
    assert world.activities() == [("2024-02-01", "new_biz", 30000, 30000)]
    assert world.mrr() == (30000, "Active")
