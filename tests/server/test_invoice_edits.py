"""Invoices, line items and transactions after their import, over HTTP: update, disable and enable,
void and write off, line items imported onto an invoice, retrieve, list and delete by uuid and by
external id; what each does to MRR, the metrics and the activities (at once, hand-computed), the 4xx
answers to bad input, and another account's objects as unknown as made-up ones."""

from __future__ import annotations

import uuid as uuids
from typing import Any

import httpx
import pytest

from mogul.server import wire

MONTHS = {"start-date": "2024-01-01", "end-date": "2024-03-31", "interval": "month"}


class World:
    """A data source with a monthly plan and a customer, made through the API."""

    def __init__(self, api: httpx.Client) -> None:
        self.api = api
        self.ds = self.ok(api.post("/data_sources", json={"name": f"ds-{uuids.uuid4().hex[:8]}"}))["uuid"]
        plan = {"data_source_uuid": self.ds, "name": "Monthly", "interval_count": 1, "interval_unit": "month"}
        self.plan = self.ok(api.post("/plans", json=plan))["uuid"]
        customer = {"data_source_uuid": self.ds, "external_id": "c1", "name": "Ada"}
        self.customer = self.ok(api.post("/customers", json=customer))["uuid"]

    @staticmethod
    def ok(response: httpx.Response, status: int | None = None) -> Any:
        assert response.status_code == (status or response.status_code) < 400, response.text
        return response.json() if response.content else None

    def line(self, sub: str, start: str, end: str, cents: int, external_id: str) -> dict[str, Any]:
        return {
            "type": "subscription",
            "plan_uuid": self.plan,
            "subscription_external_id": sub,
            "service_period_start": start,
            "service_period_end": end,
            "amount_in_cents": cents,
            "external_id": external_id,
        }

    def invoice(self, external_id: str, date: str, *lines: dict[str, Any], **more: Any) -> dict[str, Any]:
        body = {
            "external_id": external_id,
            "date": date,
            "currency": "USD",
            "line_items": list(lines),
            **more,
        }
        made = self.api.post(f"/import/customers/{self.customer}/invoices", json={"invoices": [body]})
        invoice: dict[str, Any] = self.ok(made, 201)["invoices"][0]
        return invoice

    def renewals(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """$100 a month from 2024-01-15, renewed at $150 from 2024-02-15 (one subscription)."""
        first = self.invoice("i1", "2024-01-15", self.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"))
        second = self.invoice("i2", "2024-02-15", self.line("s1", "2024-02-15", "2024-03-15", 15000, "l2"))
        return first, second

    def mrr(self) -> list[tuple[str, int]]:
        entries = self.ok(self.api.get("/metrics/mrr", params=MONTHS))["entries"]
        return [(e["date"], e["mrr"]) for e in entries]

    def activities(self) -> list[tuple[str, str, int]]:
        entries = self.ok(self.api.get(f"/customers/{self.customer}/activities"))["entries"]
        return [(e["date"][:10], e["type"], e["activity-mrr-movement"]) for e in entries]

    def customer_mrr(self) -> tuple[int, str]:
        found = self.ok(self.api.get(f"/customers/{self.customer}"))
        return found["mrr"], found["status"]


@pytest.fixture
def world(account: httpx.Client) -> World:
    return World(account)


# Two subscriptions beginning together are two activities, one for each subscription's movement.
BOTH = [("2024-01-15", "new_biz", 10000), ("2024-01-15", "new_biz", 3000)]

# Hand-computed: a monthly plan's MRR is the line's amount (DEV-PRORATE: amount less tax, times 1 for a
# one-month plan); an unrenewed subscription keeps its MRR (DEV-PAUSED), so the last entries hold it.
RENEWED = [("2024-01-31", 10000), ("2024-02-29", 15000), ("2024-03-31", 15000)]
RENEWED_ACTIVITIES = [("2024-01-15", "new_biz", 10000), ("2024-02-15", "expansion", 5000)]
FIRST_ONLY = [("2024-01-31", 10000), ("2024-02-29", 10000), ("2024-03-31", 10000)]


# -- invoices: disable, enable, void, write off, update -------------------------------------------------


def test_a_disabled_invoice_leaves_the_metrics_and_activities_at_once(world: World) -> None:
    # ChartMogul: "Disables or enables an invoice (and corresponding line items and transactions)";
    # a disabled record is kept but no longer counts (dev.chartmogul.com/reference/invoices/disable).
    _first, second = world.renewals()
    assert (world.mrr(), world.activities()) == (RENEWED, RENEWED_ACTIVITIES)
    answer = world.api.patch(f"/invoices/{second['uuid']}/disabled_state", json={"disabled": True})
    disabled = world.ok(answer, 200)
    # its status is still that of its parts (disabled with it): no payment, so open
    assert (disabled["disabled"], disabled["disabled_by"], disabled["status"]) == (True, None, "open")
    assert wire.parse_time(disabled["disabled_at"])
    assert [(li["external_id"], li["disabled"]) for li in disabled["line_items"]] == [("l2", True)]
    # without the $150 renewal the $100 subscription goes on (it is not cancelled)
    assert world.mrr() == FIRST_ONLY
    assert world.activities() == [("2024-01-15", "new_biz", 10000)]
    assert world.customer_mrr()[0] == 10000
    enabled = world.ok(
        world.api.patch(f"/invoices/{second['uuid']}/disabled_state", json={"disabled": False})
    )
    assert (enabled["disabled"], enabled["disabled_at"], enabled["line_items"][0]["disabled"]) == (
        False,
        None,
        False,
    )
    assert (world.mrr(), world.activities()) == (RENEWED, RENEWED_ACTIVITIES)


def test_disabling_the_first_invoice_moves_the_new_business_to_the_renewal(world: World) -> None:
    world.renewals()
    query = {"data_source_uuid": world.ds, "external_id": "i1"}
    world.ok(world.api.patch("/invoices/disabled_state", params=query, json={"disabled": True}))
    assert world.mrr() == [("2024-01-31", 0), ("2024-02-29", 15000), ("2024-03-31", 15000)]
    assert world.activities() == [("2024-02-15", "new_biz", 15000)]


def test_disabled_invoices_are_left_out_of_reads_unless_asked_for(world: World) -> None:
    first, second = world.renewals()
    api = world.api
    world.ok(api.patch(f"/invoices/{first['uuid']}/disabled_state", json={"disabled": True}))
    assert [
        i["uuid"]
        for i in world.ok(api.get("/invoices", params={"customer_uuid": world.customer}))["invoices"]
    ] == [second["uuid"]]
    both = api.get("/invoices", params={"customer_uuid": world.customer, "with_disabled": "true"})
    assert [i["uuid"] for i in world.ok(both)["invoices"]] == [second["uuid"], first["uuid"]]
    mine = world.ok(api.get(f"/import/customers/{world.customer}/invoices"))["invoices"]
    assert [i["uuid"] for i in mine] == [second["uuid"]]
    assert api.get(f"/invoices/{first['uuid']}").json() == {"error": "Invoice not found"}
    shown = world.ok(api.get(f"/invoices/{first['uuid']}", params={"with_disabled": "1"}))
    assert (shown["disabled"], [li["disabled"] for li in shown["line_items"]]) == (True, [True])
    # its line item is disabled with it
    assert api.get(f"/line_items/{first['line_items'][0]['uuid']}").status_code == 404


@pytest.mark.parametrize("status", ["voided", "written_off"])
def test_a_voided_or_written_off_invoice_counts_for_no_mrr(world: World, status: str) -> None:
    # ChartMogul's invoice handling can exclude written-off and voided invoices from MRR
    # (help.chartmogul.com/article/243-invoice-handling); a data source shows that setting on here
    # (prevent_subscription_for_invoice_voided/written_off: true, as the clients' recorded answers have).
    _first, second = world.renewals()
    answer = world.api.put(f"/data_sources/{world.ds}/invoices/i2/status", json={"status": status})
    body = world.ok(answer, 200)
    assert (body["message"], body["uuid"], body["status"], body["disabled"]) == (
        "Invoice updated",
        second["uuid"],
        status,
        False,
    )
    assert world.mrr() == FIRST_ONLY
    assert world.activities() == [("2024-01-15", "new_biz", 10000)]
    # still listed, with its status
    listed = world.ok(world.api.get("/invoices", params={"customer_uuid": world.customer}))["invoices"]
    assert [(i["external_id"], i["status"]) for i in listed] == [("i2", status), ("i1", "open")]
    setting = world.ok(
        world.api.get(f"/data_sources/{world.ds}", params={"with_invoice_handling_setting": "1"})
    )
    assert setting["invoice_handling_setting"]["manual"] == {
        "create_subscription_when_invoice_is": "open",
        "update_subscription_when_invoice_is": "open",
        "prevent_subscription_for_invoice_voided": True,
        "prevent_subscription_for_invoice_refunded": False,
        "prevent_subscription_for_invoice_written_off": True,
    }


def test_an_invoice_status_comes_from_its_transactions_until_one_is_set(world: World) -> None:
    payment = {"date": "2024-01-15", "type": "payment", "result": "successful", "external_id": "t1"}
    line = world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1")
    invoice = world.invoice("i1", "2024-01-15", line, transactions=[payment])
    assert invoice["status"] == "paid"
    api = world.api

    def status() -> str:
        found: str = world.ok(api.get(f"/invoices/{invoice['uuid']}"))["status"]
        return found

    refund = {"date": "2024-01-20", "type": "refund", "result": "successful", "amount_in_cents": 4000}
    made = world.ok(api.post(f"/import/invoices/{invoice['uuid']}/transactions", json=refund), 201)
    assert status() == "paid"  # partly refunded
    world.ok(api.patch(f"/transactions/{made['uuid']}", json={"amount_in_cents": 10000}))
    assert status() == "refunded"
    world.ok(api.patch(f"/transactions/{made['uuid']}/disabled_state", json={"disabled": True}))
    assert status() == "paid"
    world.ok(
        api.patch(
            "/transactions",
            params={"data_source_uuid": world.ds, "external_id": "t1"},
            json={"result": "failed"},
        )
    )
    assert status() == "open"
    world.ok(api.put(f"/data_sources/{world.ds}/invoices/i1/status", json={"status": "written_off"}))
    assert status() == "written_off"
    # refunds and failed payments never changed the MRR (DEV-REFUNDS); writing the invoice off did
    assert world.customer_mrr()[0] == 0


def test_an_invoice_update_changes_its_dates_and_currency_and_the_mrr_follows(world: World) -> None:
    invoice = world.invoice("i1", "2024-01-15", world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"))
    change = {"due_date": "2024-02-01T00:00:00Z", "collection_method": "manual", "currency": "EUR"}
    changed = world.ok(world.api.patch(f"/invoices/{invoice['uuid']}", json=change), 200)
    assert (changed["due_date"], changed["collection_method"], changed["currency"]) == (
        "2024-02-01T00:00:00.000Z",
        "manual",
        "EUR",
    )
    # 100 EUR, valued in USD at the service period's start: no longer 10000
    assert world.customer_mrr()[0] not in (0, 10000)
    query = {"data_source_uuid": world.ds, "external_id": "i1"}
    back = world.ok(
        world.api.patch("/invoices", params=query, json={"currency": "USD", "date": "2024-01-16"})
    )
    assert (back["currency"], back["date"]) == ("USD", "2024-01-16T00:00:00.000Z")
    assert world.customer_mrr()[0] == 10000


# -- line items ---------------------------------------------------------------------------------------


def test_a_line_item_imported_onto_an_invoice_adds_its_mrr(world: World) -> None:
    invoice = world.invoice("i1", "2024-01-15", world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"))
    extra = world.line("s2", "2024-01-15", "2024-02-15", 3000, "l2") | {"subscription_set_external_id": "set"}
    made = world.ok(world.api.post(f"/import/invoices/{invoice['uuid']}/line_items", json=extra), 201)
    assert (made["external_id"], made["amount_in_cents"], made["subscription_external_id"]) == (
        "l2",
        3000,
        "s2",
    )
    assert (made["subscription_set_external_id"], made["plan_uuid"], made["disabled"]) == (
        "set",
        world.plan,
        False,
    )
    assert made["uuid"].startswith("li_") and made["subscription_uuid"].startswith("sub_")
    assert world.customer_mrr() == (13000, "Past Due")  # its period ended long ago, unrenewed
    assert world.activities() == BOTH
    stored = world.ok(world.api.get(f"/invoices/{invoice['uuid']}"))
    assert [li["external_id"] for li in stored["line_items"]] == ["l1", "l2"]
    subscriptions = world.ok(world.api.get(f"/import/customers/{world.customer}/subscriptions"))
    assert sorted(s["external_id"] for s in subscriptions["subscriptions"]) == ["s1", "s2"]


def test_a_disabled_line_item_counts_for_no_mrr(world: World) -> None:
    world.invoice(
        "i1",
        "2024-01-15",
        world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"),
        world.line("s2", "2024-01-15", "2024-02-15", 3000, "l2"),
    )
    assert world.activities() == BOTH
    query = {"data_source_uuid": world.ds, "external_id": "l2"}
    disabled = world.ok(world.api.patch("/line_items/disabled_state", params=query, json={"disabled": True}))
    assert (disabled["external_id"], disabled["disabled"]) == ("l2", True)
    assert world.activities() == [("2024-01-15", "new_biz", 10000)]
    assert world.mrr() == FIRST_ONLY
    again = world.ok(world.api.patch("/line_items/disabled_state", params=query, json={"disabled": True}))
    assert again["disabled_at"] == disabled["disabled_at"]  # disabled again, still since then
    world.ok(world.api.patch(f"/line_items/{disabled['uuid']}/disabled_state", json={"disabled": False}))
    assert world.activities() == BOTH


def test_a_line_item_update_changes_what_it_counts(world: World) -> None:
    invoice = world.invoice("i1", "2024-01-15", world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"))
    line = invoice["line_items"][0]
    changed = world.ok(world.api.patch(f"/line_items/{line['uuid']}", json={"amount_in_cents": 12000}))
    assert (changed["amount_in_cents"], changed["service_period_start"], changed["external_id"]) == (
        12000,
        "2024-01-15T00:00:00.000Z",
        "l1",
    )
    assert world.activities() == [("2024-01-15", "new_biz", 12000)]
    # a tax is taken out of MRR (DEV-PRORATE): 12000 - 2000
    query = {"data_source_uuid": world.ds, "external_id": "l1"}
    taxed = world.ok(world.api.patch("/line_items", params=query, json={"tax_amount_in_cents": 2000}))
    assert (taxed["amount_in_cents"], taxed["tax_amount_in_cents"]) == (12000, 2000)
    assert world.customer_mrr()[0] == 10000
    # a one-time item counts for no MRR (HC-MRR-METRIC); its subscription, left without lines, goes
    one_time = world.ok(world.api.patch(f"/line_items/{line['uuid']}", json={"type": "one_time"}))
    assert (one_time["type"], "subscription_uuid" in one_time, one_time["plan_uuid"]) == (
        "one_time",
        False,
        world.plan,
    )
    assert world.customer_mrr() == (0, "New Lead")
    assert world.ok(world.api.get(f"/import/customers/{world.customer}/subscriptions"))["subscriptions"] == []


def test_deleting_a_line_item_takes_its_mrr_and_its_empty_subscription(world: World) -> None:
    invoice = world.invoice(
        "i1",
        "2024-01-15",
        world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"),
        world.line("s2", "2024-01-15", "2024-02-15", 3000, "l2"),
    )
    gone = world.api.delete("/line_items", params={"data_source_uuid": world.ds, "external_id": "l2"})
    assert (gone.status_code, gone.content) == (204, b"")
    assert world.activities() == [("2024-01-15", "new_biz", 10000)]
    subscriptions = world.ok(world.api.get(f"/import/customers/{world.customer}/subscriptions"))
    assert [s["external_id"] for s in subscriptions["subscriptions"]] == ["s1"]
    first = invoice["line_items"][0]["uuid"]
    assert world.api.delete(f"/line_items/{first}").status_code == 204
    assert world.api.get(f"/line_items/{first}").json() == {"error": "Line item not found"}
    assert world.customer_mrr()[0] == 0
    assert world.ok(world.api.get(f"/invoices/{invoice['uuid']}"))["line_items"] == []


def test_line_items_by_uuid_by_external_id_and_in_lists(world: World) -> None:
    invoice = world.invoice(
        "i1",
        "2024-01-15",
        world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"),
        {"type": "one_time", "amount_in_cents": 500, "description": "Setup", "external_id": "l2"},
    )
    api = world.api
    first, second = invoice["line_items"]
    assert world.ok(api.get(f"/line_items/{first['uuid']}")) == first
    # one named by its external id: the object, holding the list of it alone
    named = world.ok(api.get("/line_items", params={"data_source_uuid": world.ds, "external_id": "l2"}))
    assert named == {**second, "line_items": [second], "cursor": None, "has_more": False}
    listed = world.ok(api.get("/line_items", params={"data_source_uuid": world.ds, "per_page": 1}))
    assert (listed["line_items"], listed["has_more"]) == ([first], True)
    rest = world.ok(api.get("/line_items", params={"data_source_uuid": world.ds, "cursor": listed["cursor"]}))
    assert (rest["line_items"], rest["has_more"]) == ([second], False)
    assert world.ok(api.get("/line_items", params={"external_id": "l1"}))["line_items"] == [first]
    world.ok(api.patch(f"/line_items/{second['uuid']}/disabled_state", json={"disabled": True}))
    assert world.ok(api.get("/line_items", params={"data_source_uuid": world.ds}))["line_items"] == [first]
    every = world.ok(api.get("/line_items", params={"data_source_uuid": world.ds, "with_disabled": "true"}))
    assert [li["uuid"] for li in every["line_items"]] == [first["uuid"], second["uuid"]]
    ref = {"data_source_uuid": world.ds, "external_id": "l2"}
    assert api.get("/line_items", params=ref).json() == {"error": "Line item not found"}
    assert world.ok(api.get("/line_items", params={**ref, "with_disabled": "true"}))["disabled"] is True
    assert world.ok(api.get(f"/invoices/{invoice['uuid']}"))["line_items"] == [first]


# -- transactions ----------------------------------------------------------------------------------------


def test_transactions_by_uuid_by_external_id_and_in_lists(world: World) -> None:
    payments = [
        {"date": "2024-01-15", "type": "payment", "result": "failed", "external_id": "t1"},
        {"date": "2024-01-16 10:00:00", "type": "payment", "result": "successful", "external_id": "t2"},
    ]
    line = world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1")
    invoice = world.invoice("i1", "2024-01-15", line, transactions=payments)
    api = world.api
    first, second = invoice["transactions"]
    assert world.ok(api.get(f"/transactions/{first['uuid']}")) == first
    ref = {"data_source_uuid": world.ds, "external_id": "t2"}
    assert world.ok(api.get("/transactions", params=ref)) == {
        **second,
        "transactions": [second],
        "cursor": None,
        "has_more": False,
    }
    assert world.ok(api.get("/transactions", params={"data_source_uuid": world.ds}))["transactions"] == [
        first,
        second,
    ]
    changed = world.ok(
        api.patch(f"/transactions/{first['uuid']}", json={"result": "successful", "amount_in_cents": 10})
    )
    assert (changed["result"], changed["amount_in_cents"], changed["date"]) == (
        "successful",
        10,
        "2024-01-15T00:00:00.000Z",
    )
    by_external = world.ok(api.patch("/transactions/disabled_state", params=ref, json={"disabled": True}))
    assert (by_external["uuid"], by_external["disabled"]) == (second["uuid"], True)
    assert api.get(f"/transactions/{second['uuid']}").json() == {"error": "Transaction not found"}
    assert world.ok(api.get(f"/transactions/{second['uuid']}", params={"with_disabled": "true"}))["disabled"]
    assert [t["uuid"] for t in world.ok(api.get(f"/invoices/{invoice['uuid']}"))["transactions"]] == [
        first["uuid"]
    ]
    assert api.delete("/transactions", params=ref).status_code == 204
    assert api.delete(f"/transactions/{first['uuid']}").status_code == 204
    assert (
        world.ok(api.get(f"/invoices/{invoice['uuid']}", params={"with_disabled": "true"}))["transactions"]
        == []
    )
    # transactions count for no MRR
    assert world.customer_mrr()[0] == 10000


# -- bad input ---------------------------------------------------------------------------------------------


def test_bad_input_answers_chartmogul_4xx_and_changes_nothing(world: World) -> None:
    api = world.api
    invoice = world.invoice(
        "i1",
        "2024-01-15",
        world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"),
        {"type": "one_time", "amount_in_cents": 500, "external_id": "l2"},
        transactions=[{"date": "2024-01-15", "type": "payment", "result": "successful", "external_id": "t1"}],
    )
    line, one_time = (li["uuid"] for li in invoice["line_items"])
    tran = invoice["transactions"][0]["uuid"]
    cases: list[tuple[httpx.Response, int, Any]] = [
        (
            api.post(f"/import/invoices/{invoice['uuid']}/line_items", json={}),
            400,
            wire.param_missing("type").body,
        ),
        (
            api.post(
                f"/import/invoices/{invoice['uuid']}/line_items",
                json=world.line("s9", "2024-01-15", "2024-02-15", 1, "l1"),
            ),
            422,
            {"errors": {"external_id": wire.DUPLICATE_LINE_ITEM}},
        ),
        (
            api.post(
                f"/import/invoices/{invoice['uuid']}/line_items",
                json={**world.line("s9", "2024-01-15", "2024-02-15", 1, "l9"), "plan_uuid": "pl_nope"},
            ),
            422,
            {"errors": {"plan_uuid": "Plan pl_nope doesn't exist in this data source."}},
        ),
        (
            api.patch(f"/line_items/{line}", json={"amount_in_cents": "ten", "quantity": 1.5}),
            422,
            {
                "errors": {
                    "amount_in_cents": "amount_in_cents must be an integer.",
                    "quantity": "quantity must be an integer.",
                }
            },
        ),
        (
            api.patch(f"/line_items/{one_time}", json={"type": "subscription"}),
            400,
            wire.param_missing("subscription_external_id").body,
        ),
        (
            api.patch(f"/line_items/{line}", json={"service_period_end": "2023-01-01"}),
            422,
            {"errors": {"service_period_end": "service_period_end must not be before service_period_start."}},
        ),
        (
            api.patch(f"/line_items/{one_time}", json={"external_id": "l1"}),
            422,
            {"errors": {"external_id": wire.DUPLICATE_LINE_ITEM}},
        ),
        (
            api.patch(f"/line_items/{line}", json=[1]),
            400,
            wire.bad_request("The request body must be a JSON object").body,
        ),
        (
            api.patch(f"/transactions/{tran}", json={"type": "gift", "date": None}),
            422,
            {"errors": {"type": "type must be one of: payment, refund.", "date": "date is required."}},
        ),
        (api.patch(f"/line_items/{line}/disabled_state", json={}), 400, wire.param_missing("disabled").body),
        (
            api.patch(f"/transactions/{tran}/disabled_state", json={"disabled": "maybe"}),
            422,
            {"errors": {"disabled": "disabled must be true or false."}},
        ),
        (
            api.patch(f"/invoices/{invoice['uuid']}", json={"currency": "usd", "date": None}),
            422,
            {
                "errors": {
                    "currency": "currency must be an ISO 4217 currency code, got 'usd'.",
                    "date": "date is required.",
                }
            },
        ),
        (
            api.patch(f"/invoices/{invoice['uuid']}", json={"currency": "AED"}),
            422,
            {"errors": {"currency": "no exchange rate for currency 'AED': MRR cannot be converted to USD."}},
        ),
        (
            api.put(f"/data_sources/{world.ds}/invoices/i1/status", json={"status": "paid"}),
            422,
            {"errors": {"status": "status must be one of: voided, written_off."}},
        ),
        (
            api.put(f"/data_sources/{world.ds}/invoices/i1/status", json={}),
            400,
            wire.param_missing("status").body,
        ),
        (
            api.put(f"/data_sources/{world.ds}/invoices/nope/status", json={"status": "voided"}),
            404,
            {"error": "Invoice not found"},
        ),
        (
            api.patch("/invoices/disabled_state", params={"external_id": "i1"}, json={"disabled": True}),
            400,
            wire.param_missing("data_source_uuid").body,
        ),
        (
            api.delete("/line_items", params={"data_source_uuid": world.ds}),
            400,
            wire.param_missing("external_id").body,
        ),
        (
            api.patch("/transactions", params={"data_source_uuid": "ds_nope", "external_id": "t1"}, json={}),
            404,
            {"error": "Data source not found"},
        ),
        (
            api.get("/line_items", params={"with_disabled": "maybe"}),
            400,
            wire.bad_request(
                "Parameter \"with_disabled\" must be true or false, got 'maybe'", "with_disabled"
            ).body,
        ),
        (
            api.get(f"/invoices/{invoice['uuid']}", params={"with_disabled": "2"}),
            400,
            wire.bad_request(
                "Parameter \"with_disabled\" must be true or false, got '2'", "with_disabled"
            ).body,
        ),
    ]
    for response, status, body in cases:
        assert (response.status_code, response.json()) == (status, body), response.request.url
    stored = world.ok(api.get(f"/invoices/{invoice['uuid']}"))
    assert [(li["external_id"], li["amount_in_cents"], li["type"]) for li in stored["line_items"]] == [
        ("l1", 10000, "subscription"),
        ("l2", 500, "one_time"),
    ]
    assert (stored["currency"], stored["status"], stored["transactions"][0]["type"]) == (
        "USD",
        "paid",
        "payment",
    )
    assert world.customer_mrr()[0] == 10000


def test_another_accounts_objects_are_not_found(world: World, other_api: httpx.Client) -> None:
    invoice = world.invoice(
        "i1",
        "2024-01-15",
        world.line("s1", "2024-01-15", "2024-02-15", 10000, "l1"),
        transactions=[{"date": "2024-01-15", "type": "payment", "result": "successful", "external_id": "t1"}],
    )
    line, tran = invoice["line_items"][0]["uuid"], invoice["transactions"][0]["uuid"]
    ds = world.ds
    invoice_404, line_404, tran_404 = (
        {"error": "Invoice not found"},
        {"error": "Line item not found"},
        {"error": "Transaction not found"},
    )
    ds_404 = {"error": "Data source not found"}
    state = {"disabled": True}
    ref = lambda external_id: {"data_source_uuid": ds, "external_id": external_id}  # noqa: E731
    cases = [
        (other_api.patch(f"/invoices/{invoice['uuid']}", json={"due_date": "2024-02-01"}), invoice_404),
        (other_api.patch(f"/invoices/{invoice['uuid']}/disabled_state", json=state), invoice_404),
        (other_api.patch("/invoices", params=ref("i1"), json={}), ds_404),
        (other_api.patch("/invoices/disabled_state", params=ref("i1"), json=state), ds_404),
        (other_api.put(f"/data_sources/{ds}/invoices/i1/status", json={"status": "voided"}), ds_404),
        (
            other_api.post(
                f"/import/invoices/{invoice['uuid']}/line_items",
                json={"type": "one_time", "amount_in_cents": 1},
            ),
            invoice_404,
        ),
        (other_api.get(f"/line_items/{line}"), line_404),
        (other_api.patch(f"/line_items/{line}", json={"amount_in_cents": 1}), line_404),
        (other_api.patch(f"/line_items/{line}/disabled_state", json=state), line_404),
        (other_api.delete(f"/line_items/{line}"), line_404),
        (other_api.get("/line_items", params=ref("l1")), ds_404),
        (other_api.patch("/line_items", params=ref("l1"), json={}), ds_404),
        (other_api.patch("/line_items/disabled_state", params=ref("l1"), json=state), ds_404),
        (other_api.delete("/line_items", params=ref("l1")), ds_404),
        (other_api.get(f"/transactions/{tran}"), tran_404),
        (other_api.patch(f"/transactions/{tran}", json={"result": "failed"}), tran_404),
        (other_api.patch(f"/transactions/{tran}/disabled_state", json=state), tran_404),
        (other_api.delete(f"/transactions/{tran}"), tran_404),
        (other_api.get("/transactions", params=ref("t1")), ds_404),
        (other_api.patch("/transactions", params=ref("t1"), json={}), ds_404),
        (other_api.patch("/transactions/disabled_state", params=ref("t1"), json=state), ds_404),
        (other_api.delete("/transactions", params=ref("t1")), ds_404),
    ]
    for response, body in cases:
        assert (response.status_code, response.json()) == (404, body), response.request.url
    assert other_api.get("/line_items", params={"external_id": "l1"}).json()["line_items"] == []
    assert other_api.get("/transactions", params={"external_id": "t1"}).json()["transactions"] == []
    stored = world.ok(world.api.get(f"/invoices/{invoice['uuid']}"))
    assert (stored["line_items"], stored["transactions"]) == (invoice["line_items"], invoice["transactions"])
    assert (stored["disabled"], stored["status"], world.customer_mrr()[0]) == (False, "paid", 10000)
