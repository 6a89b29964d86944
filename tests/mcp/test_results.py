"""What tools answer: exact structured results for seeded data (amounts in units with their currency,
ISO times), lists in pages with a cursor, and every kind of failure as a tool error that names it."""

from __future__ import annotations

import socket
from types import SimpleNamespace
from typing import Any

import anyio
import pytest

from mogul import errors
from mogul.mcp.present import error_content, error_text
from tests.mcp.conftest import EVERYTHING, PLANS, READS, Business, mcp_session


def test_a_read_tool_answers_the_object_in_units_and_iso_times(business: Business) -> None:
    async def go() -> tuple[Any, Any, Any]:
        async with mcp_session(business.box) as tools:
            plan = await tools.ok("plans_get", {"plan": "Basic"})
            invoice = await tools.ok("invoices_get", {"invoice": "inv-5"})
            mrr = await tools.ok(
                "metrics_mrr", {"start_date": "2024-01-31", "end_date": "2024-02-29", "interval": "month"}
            )
            return plan, invoice, mrr

    plan, invoice, mrr = anyio.run(go)
    assert plan == {
        "uuid": business.plans["basic"],
        "data_source_uuid": business.data_source,
        "name": "Basic",
        "interval_count": 1,
        "interval_unit": "month",
        "external_id": "basic",
    }
    [line] = invoice["line_items"]
    [payment] = invoice["transactions"]
    assert {k: v for k, v in invoice.items() if k not in ("line_items", "transactions")} == {
        "uuid": business.invoices["inv-5"],
        "external_id": "inv-5",
        "date": "2024-02-01T00:00:00Z",
        "due_date": None,
        "currency": "USD",
        "collection_method": None,
        "errors": {},
        "status": "paid",
        "disabled": False,
        "disabled_at": None,
        "disabled_by": None,
        "customer_uuid": business.customers["c1"],
        "customer_external_id": "c1",
        "data_source_uuid": business.data_source,
    }
    assert {
        k: line[k] for k in ("type", "amount", "quantity", "discount_amount", "tax_amount", "plan_uuid")
    } == {
        "type": "subscription",
        "amount": 250.0,
        "quantity": 1,
        "discount_amount": 0.0,
        "tax_amount": 0.0,
        "plan_uuid": business.plans["pro"],
    }
    assert "amount_in_cents" not in line
    assert (line["service_period_start"], line["service_period_end"]) == (
        "2024-02-01T00:00:00Z",
        "2024-03-01T00:00:00Z",
    )
    assert (payment["type"], payment["date"], payment["result"]) == (
        "payment",
        "2024-02-01T00:00:00Z",
        "successful",
    )
    # A metric series has no currency of its own: the account's is added.
    assert mrr == {
        "entries": [
            {
                "date": "2024-01-31",
                "mrr": 450.0,
                "percentage-change": 0.0,
                "mrr-new-business": 0.0,
                "mrr-expansion": 0.0,
                "mrr-contraction": 0.0,
                "mrr-churn": 0.0,
                "mrr-reactivation": 0.0,
            },
            {
                "date": "2024-02-29",
                "mrr": 650.0,
                "percentage-change": 44.44,
                "mrr-new-business": 250.0,
                "mrr-expansion": 150.0,
                "mrr-contraction": -200.0,
                "mrr-churn": -100.0,
                "mrr-reactivation": 100.0,
            },
        ],
        "summary": {"current": 650.0, "previous": 450.0, "percentage-change": 44.44},
        "currency": "USD",
    }


def test_lists_answer_25_items_with_a_cursor_to_go_on(business: Business) -> None:
    async def go() -> list[Any]:
        async with mcp_session(business.box) as tools:
            first = await tools.ok("customers_list", {"data_source": "Bulk"})
            rest = await tools.ok("customers_list", {"data_source": "Bulk", "cursor": first["cursor"]})
            small = await tools.ok("customers_list", {"data_source": "Bulk", "limit": 7})
            again = await tools.ok(
                "customers_list", {"data_source": "Bulk", "limit": 7, "cursor": small["cursor"]}
            )
            sources = await tools.ok("data_sources_list", {"limit": 1})
            other = await tools.error("customers_list", {"data_source": "Billing", "cursor": first["cursor"]})
            forged = await tools.error("customers_list", {"data_source": "Bulk", "cursor": "not-a-cursor"})
            too_many = await tools.error("customers_list", {"limit": 101})
            return [first, rest, small, again, sources, other, forged, too_many]

    first, rest, small, again, sources, other, forged, too_many = anyio.run(go)
    ids = [f"bulk-{n:02d}" for n in range(30)]
    assert [c["external_id"] for c in first["items"]] == ids[:25]
    assert (first["count"], first["truncated"], isinstance(first["cursor"], str)) == (25, True, True)
    assert [c["external_id"] for c in rest["items"]] == ids[25:]
    assert (rest["count"], rest["truncated"], rest["cursor"]) == (5, False, None)
    assert [c["external_id"] for c in small["items"] + again["items"]] == ids[:14]
    assert again["truncated"] is True
    assert [s["name"] for s in sources["items"]] == ["Billing"]
    assert sources["truncated"] is True and sources["cursor"]
    assert other == (
        "Nothing was sent: cursor: belongs to a call with other arguments: go on with the same arguments, or "
        "start without a cursor",
        {
            "kind": "invalid_input",
            "message": "belongs to a call with other arguments: go on with the same arguments, or start "
            "without a cursor",
            "field": "cursor",
            "sent": False,
        },
    )
    assert (
        forged[1]["field"] == "cursor"
        and forged[1]["message"] == "is not a cursor this tool gave (copy it whole)"
    )
    assert too_many[1] == {
        "kind": "invalid_input",
        "message": "must be a whole number from 1 to 100, got 101",
        "field": "limit",
        "sent": False,
    }


def test_every_failure_is_a_tool_error_that_names_it(business: Business) -> None:
    async def go() -> dict[str, tuple[str, dict[str, Any]]]:
        async with mcp_session(business.box, EVERYTHING) as tools:
            return {
                "missing": await tools.error("customers_create", {"data_source": "Billing"}),
                "unknown field": await tools.error("plans_get", {"plan": "Basic", "colour": "red"}),
                "no match": await tools.error("plans_get", {"plan": "Platinum"}),
                "several": await tools.error("customers_get", {"customer": "shared@example.com"}),
                "duplicate": await tools.error(
                    "customers_create", {"data_source": "Billing", "external_id": "c1"}
                ),
                "not found": await tools.error(
                    "customers_get", {"customer": "cus_00000000-0000-0000-0000-000000000000"}
                ),
                "bad date": await tools.error(
                    "metrics_mrr", {"start_date": "yesterday", "end_date": "2024-01-01"}
                ),
                "api 400": await tools.error(
                    "api_call", {"url": "/v1/metrics/mrr", "query": {"start-date": "x"}}
                ),
            }

    failures = anyio.run(go)
    assert failures["missing"] == (
        "Nothing was sent: external_id: is mandatory (External ID)",
        {
            "kind": "invalid_input",
            "message": "is mandatory (External ID)",
            "field": "external_id",
            "sent": False,
        },
    )
    assert failures["unknown field"][1]["field"] == "colour"
    assert failures["unknown field"][1]["message"] == "unknown field (fields: plan)"
    text, no_match = failures["no match"]
    assert no_match["kind"] == "no_match" and no_match["field"] == "plan"
    assert no_match["candidates"] == [
        f"{name} ({business.plans[key]}, external id {key})" for key, (name, _cents) in PLANS.items()
    ]
    assert text.startswith(
        "Nothing was sent: plan: no plan with external id or name 'Platinum'; plans: Basic ("
    )
    several = failures["several"][1]
    assert several["kind"] == "no_match" and len(several["candidates"]) == 2
    assert several["message"].startswith("'shared@example.com' matches 2 customers; customers: ")
    assert failures["duplicate"] == (
        "ChartMogul answered 422 to POST /v1/customers: external_id: The external ID for this customer "
        "already exists in our system.",
        {
            "kind": "api_error",
            "message": "external_id: The external ID for this customer already exists in our system.",
            "status": 422,
            "errors": {"external_id": "The external ID for this customer already exists in our system."},
            "field": "external_id",
            "request": "POST /v1/customers",
        },
    )
    text, not_found = failures["not found"]
    assert not_found["status"] == 404 and not_found["kind"] == "api_error"
    assert (
        text
        == "ChartMogul answered 404 to GET /v1/customers/cus_00000000-0000-0000-0000-000000000000: "
        + not_found["message"]
    )
    assert failures["bad date"][1]["field"] == "start_date"
    assert failures["bad date"][1]["message"].startswith("must be an ISO 8601 date or time")
    assert failures["api 400"][1]["status"] == 400
    assert failures["api 400"][1]["request"] == "GET /v1/metrics/mrr"


def test_a_refused_key_and_an_unreachable_server_are_tool_errors(business: Business) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]

    async def go() -> tuple[Any, Any]:
        async with mcp_session(business.box, api_key="not-a-key") as tools:
            refused = await tools.error("plans_list")
        nobody = SimpleNamespace(api_key="key", base_url=f"http://127.0.0.1:{closed_port}")
        async with mcp_session(nobody) as tools:
            unreachable = await tools.error("plans_list")
        return refused, unreachable

    (text, refused), (unreachable_text, unreachable) = anyio.run(go)
    assert refused["status"] == 401 and refused["kind"] == "api_error"
    assert text.startswith("ChartMogul answered 401 to GET /v1/plans: ")
    assert "check the API key" in refused["message"]
    assert unreachable["kind"] == "unreachable"
    assert unreachable_text.startswith(
        f"No answer from ChartMogul: cannot reach http://127.0.0.1:{closed_port}"
    )
    # a refused connection is not retried (nobody is listening), so the error has no note on retries
    assert unreachable == {
        "kind": "unreachable",
        "message": f"cannot reach http://127.0.0.1:{closed_port}: connection refused "
        "(is the server running? check the base URL)",
        "request": "GET /v1/plans",
    }


def test_writes_are_refused_without_their_flag(business: Business) -> None:
    async def go() -> list[Any]:
        async with mcp_session(business.box, READS) as tools:
            return [
                await tools.error("customers_create", {"data_source": "Billing", "external_id": "never"}),
                await tools.error("customers_delete", {"customer": "c1"}),
                await tools.error("api_call", {"url": "/v1/customers", "method": "POST", "body": {}}),
                await tools.ok("customers_get", {"customer": "c1"}),
            ]

    create, delete, post, still_there = anyio.run(go)
    assert create == (
        "customers_create (Create a Customer) changes the account: this mogul mcp was started without "
        "--allow-writes, so it does not offer it. Nothing was sent.",
        {
            "kind": "refused",
            "message": "customers_create (Create a Customer) changes the account: this mogul mcp was started "
            "without --allow-writes, so it does not offer it. Nothing was sent.",
        },
    )
    assert delete[1]["kind"] == "refused" and "--allow-destructive" in delete[0]
    assert post[0] == (
        "POST changes the account: this mogul mcp was started without --allow-writes, so Make an API Call "
        "takes GET only. Nothing was sent."
    )
    assert still_there["external_id"] == "c1"


@pytest.mark.parametrize(
    ("status", "kind", "start"),
    [
        (
            403,
            "ForbiddenError",
            "ChartMogul answered 403 to GET /v1/plans: Forbidden; the key may be read-only",
        ),
        (429, "RateLimitError", "ChartMogul answered 429 to GET /v1/plans: Slow down"),
        (500, "ServerError", "ChartMogul answered 500 to GET /v1/plans: Broken"),
    ],
)
def test_statuses_a_sandbox_does_not_answer_read_the_same(status: int, kind: str, start: str) -> None:
    """ChartMogul's own errors (a read-only key, the rate limit, an outage) as the client raises them."""
    message = {403: "Forbidden", 429: "Slow down", 500: "Broken"}[status]
    exc = errors.status_error(status, {"message": message}, method="GET", url="/v1/plans", retries=5)
    exc.note = "gave up after 5 retries (max_retries=5)"
    content = error_content(exc)
    assert type(exc).__name__ == kind
    assert (content["kind"], content["status"], content["request"]) == ("api_error", status, "GET /v1/plans")
    assert error_text(content).startswith(start)
    assert error_text(content).endswith("(gave up after 5 retries (max_retries=5))")
