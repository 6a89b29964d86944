"""Past Due from payments, over HTTP on both backends.

ChartMogul's help centre, "Customer and subscription statuses": a subscription is Past Due when it "has a
past-due payment in its most recent billing period", and a customer with a past-due subscription is
Past Due, over Active; its MRR still counts. Each case below is one customer on a $100 monthly plan whose
current period (ten days ago to twenty days ahead) has not ended, so only its payments can make it Past
Due: the expected status is read off those payments by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

NOW = datetime.now(UTC).replace(microsecond=0)


def day(offset: int) -> str:
    return (NOW + timedelta(days=offset)).strftime("%Y-%m-%dT%H:%M:%SZ")


def ok(response: httpx.Response) -> Any:
    assert response.status_code < 400, response.text
    return response.json() if response.content else None


class Customer:
    """A customer on a $100 monthly plan, with invoices and payments made through the API."""

    def __init__(self, api: httpx.Client) -> None:
        self.api = api
        ds = ok(api.post("/data_sources", json={"name": "billing"}))["uuid"]
        plan = {"data_source_uuid": ds, "name": "Monthly", "interval_count": 1, "interval_unit": "month"}
        self.plan = ok(api.post("/plans", json=plan))["uuid"]
        self.uuid = ok(api.post("/customers", json={"data_source_uuid": ds, "external_id": "c1"}))["uuid"]

    def invoice(self, ext: str, start: int, end: int, *payments: tuple[str, int]) -> dict[str, Any]:
        """An invoice for the period from `start` to `end` days from now, with payments (result, day)."""
        body = {
            "external_id": ext,
            "date": day(start),
            "currency": "USD",
            "line_items": [
                {
                    "type": "subscription",
                    "plan_uuid": self.plan,
                    "subscription_external_id": "s1",
                    "service_period_start": day(start),
                    "service_period_end": day(end),
                    "amount_in_cents": 10000,
                }
            ],
            "transactions": [
                {"type": "payment", "result": result, "date": day(when), "external_id": f"{ext}-{n}"}
                for n, (result, when) in enumerate(payments)
            ],
        }
        answer = self.api.post(f"/import/customers/{self.uuid}/invoices", json={"invoices": [body]})
        invoice: dict[str, Any] = ok(answer)["invoices"][0]
        return invoice

    def pay(self, invoice: dict[str, Any], result: str, when: int, ext: str) -> dict[str, Any]:
        body = {"type": "payment", "result": result, "date": day(when), "external_id": ext}
        url = f"/import/invoices/{invoice['uuid']}/transactions"
        made: dict[str, Any] = ok(self.api.post(url, json=body))
        return made

    def state(self) -> tuple[str, int]:
        customer = ok(self.api.get(f"/customers/{self.uuid}"))
        return customer["status"], customer["mrr"]

    def listed_as(self, status: str) -> bool:
        entries = ok(self.api.get("/customers", params={"status": status}))["entries"]
        return [c["uuid"] for c in entries] == [self.uuid]


def test_a_failed_payment_in_the_current_period_makes_the_customer_past_due(account: httpx.Client) -> None:
    c = Customer(account)
    c.invoice("i1", -10, 20, ("failed", -9))
    # past due at once, no due date needed; the MRR still counts
    assert c.state() == ("Past Due", 10000)
    assert c.listed_as("Past Due") and not c.listed_as("Active")
    mrr = ok(account.get("/metrics/all", params={"start-date": day(0)[:10], "end-date": day(0)[:10]}))
    assert (mrr["entries"][-1]["mrr"], mrr["entries"][-1]["customers"]) == (10000, 1)


def test_a_later_successful_payment_makes_it_active_again(account: httpx.Client) -> None:
    c = Customer(account)
    invoice = c.invoice("i1", -10, 20, ("failed", -9), ("failed", -8))
    assert c.state() == ("Past Due", 10000)
    c.pay(invoice, "successful", -7, "retry")
    assert c.state() == ("Active", 10000)
    assert c.listed_as("Active")
    # a failure after the success makes it Past Due again
    c.pay(invoice, "failed", -1, "again")
    assert c.state() == ("Past Due", 10000)


def test_only_the_most_recent_billing_period_counts(account: httpx.Client) -> None:
    c = Customer(account)
    c.invoice("i0", -40, -10, ("failed", -39))  # last month's payment failed and was never recovered
    assert c.state() == ("Past Due", 10000)
    c.invoice("i1", -10, 20, ("successful", -10))  # this month's went through
    assert c.state() == ("Active", 10000)


def test_disabling_or_deleting_the_failed_payment_undoes_it(account: httpx.Client) -> None:
    c = Customer(account)
    invoice = c.invoice("i1", -10, 20)
    failed = c.pay(invoice, "failed", -9, "f1")
    assert c.state() == ("Past Due", 10000)
    ok(account.patch(f"/transactions/{failed['uuid']}/disabled_state", json={"disabled": True}))
    assert c.state() == ("Active", 10000)
    ok(account.patch(f"/transactions/{failed['uuid']}/disabled_state", json={"disabled": False}))
    assert c.state() == ("Past Due", 10000)
    ok(account.patch(f"/transactions/{failed['uuid']}", json={"result": "successful"}))
    assert c.state() == ("Active", 10000)
    ok(account.patch(f"/transactions/{failed['uuid']}", json={"result": "failed"}))
    assert c.state() == ("Past Due", 10000)
    assert account.delete(f"/transactions/{failed['uuid']}").status_code == 204
    assert c.state() == ("Active", 10000)


def test_refunds_and_cancelled_subscriptions(account: httpx.Client) -> None:
    c = Customer(account)
    invoice = c.invoice("i1", -10, 20, ("successful", -10))
    refund = {"type": "refund", "result": "failed", "date": day(-5), "external_id": "r1"}
    ok(account.post(f"/import/invoices/{invoice['uuid']}/transactions", json=refund))
    assert c.state() == ("Active", 10000)  # a refund, even a failed one, is no payment
    c.pay(invoice, "failed", -4, "f1")
    assert c.state() == ("Past Due", 10000)
    [sub] = ok(account.get(f"/import/customers/{c.uuid}/subscriptions"))["subscriptions"]
    ok(account.patch(f"/import/subscriptions/{sub['uuid']}", json={"cancelled_at": day(-2)}))
    assert c.state() == ("Cancelled", 0)  # a cancelled subscription is not past due
