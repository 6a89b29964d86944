"""Deletes and cancellations are confirmed by the user: asked through the client where it can ask (on a
2025 connection by a request to the client, on a 2026-07-28 one by answering the question first), else
by a preview and a short-lived token. Accepted, declined and unavailable, on both kinds of connection."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import mcp_types as types
import pytest
from mcp import MCPError

import mogul
from mogul.mcp.tokens import Confirmations
from mogul.server.sandbox import Sandbox
from tests.mcp.conftest import EVERYTHING, mcp_session

ERAS = ["legacy", "auto"]  # the initialize handshake (2025-11-25); the per-request envelope (2026-07-28)


@pytest.fixture
def box() -> Iterator[Sandbox]:
    with Sandbox() as sandbox, mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        source = client.data_sources.create(name="Billing")
        for n in (1, 2):
            client.customers.create(data_source=source.uuid, external_id=f"c{n}", name=f"Customer {n}")
        yield sandbox


def _exists(box: Sandbox, external_id: str) -> bool:
    with httpx.Client(base_url=box.api_url, auth=(box.api_key, "")) as api:
        return bool(api.get("/customers", params={"external_id": external_id}).json()["entries"])


class User:
    """An elicitation callback: answers as a user would, and keeps the questions it was asked."""

    def __init__(self, action: str, confirm: bool = True) -> None:
        self.action, self.confirm = action, confirm
        self.asked: list[types.ElicitRequestFormParams] = []

    async def __call__(self, ctx: Any, params: Any) -> types.ElicitResult:
        self.asked.append(params)
        content = {"confirm": self.confirm} if self.action == "accept" else None
        return types.ElicitResult(action=self.action, content=content)


@pytest.mark.parametrize("mode", ERAS)
def test_an_accepted_confirmation_deletes(box: Sandbox, mode: str) -> None:
    user = User("accept")

    async def go() -> Any:
        async with mcp_session(box, EVERYTHING, mode=mode, elicitation=user) as tools:
            return await tools.ok("customers_delete", {"customer": "c1"})

    done = anyio.run(go)
    [question] = user.asked
    assert question.message.startswith("Delete a Customer: cus_")
    assert question.message.endswith("(Customer 1, external id c1). This cannot be undone. Go ahead?")
    assert question.requested_schema["required"] == ["confirm"]
    assert done["done"] is True and done["target"]["external_id"] == "c1"
    assert done["message"].startswith("Delete a Customer: done (cus_")
    assert not _exists(box, "c1") and _exists(box, "c2")


@pytest.mark.parametrize("mode", ERAS)
@pytest.mark.parametrize(
    ("action", "confirm", "said"),
    [
        ("decline", True, "declined"),
        ("cancel", True, "dismissed the question"),
        ("accept", False, "declined"),
    ],
)
def test_a_declined_confirmation_deletes_nothing(
    box: Sandbox, mode: str, action: str, confirm: bool, said: str
) -> None:
    user = User(action, confirm)

    async def go() -> tuple[str, dict[str, Any]]:
        async with mcp_session(box, EVERYTHING, mode=mode, elicitation=user) as tools:
            return await tools.error("customers_delete", {"customer": "c1"})

    text, error = anyio.run(go)
    assert len(user.asked) == 1
    assert error["kind"] == "declined"
    assert text.startswith(f"The user {said}: nothing was done (Delete a Customer: cus_")
    assert _exists(box, "c1")


@pytest.mark.parametrize("mode", ERAS)
def test_without_elicitation_a_preview_and_a_token_confirm(box: Sandbox, mode: str) -> None:
    async def go() -> list[Any]:
        async with mcp_session(box, EVERYTHING, mode=mode) as tools:
            preview = await tools.call("customers_delete", {"customer": "c1"})
            still = _exists(box, "c1")
            token = preview.structured_content["confirmation"]
            other = await tools.error("customers_delete", {"customer": "c2", "confirmation": token})
            done = await tools.ok("customers_delete", {"customer": "c1", "confirmation": token})
            again = await tools.error("customers_delete", {"customer": "c1", "confirmation": token})
            return [preview, still, other, done, again]

    preview, still, other, done, again = anyio.run(go)
    content = preview.structured_content
    assert not preview.is_error and still
    assert (content["done"], content["confirmation_required"]) == (False, True)
    assert content["preview"]["action"] == "Delete a Customer"
    assert content["preview"]["target"]["external_id"] == "c1"
    assert content["expires_at"].endswith("Z")
    [text] = preview.content
    assert isinstance(text, types.TextContent)
    assert text.text.startswith("Nothing was done yet. Delete a Customer: cus_")
    assert (
        f"call customers_delete again with the same arguments and confirmation {content['confirmation']!r}"
        in text.text
    )
    assert other[1] == {
        "kind": "invalid_input",
        "message": "is not the token of a preview of this call with these arguments: call without it to "
        "get a preview and a token",
        "field": "confirmation",
        "sent": False,
    }
    assert done["done"] is True
    assert not _exists(box, "c1") and _exists(box, "c2")
    # Used once: the customer is gone, and the token with it (its preview would be a 404 anyway).
    assert again[1]["field"] == "confirmation" and again[1]["message"].startswith("was used already")


def test_a_confirmation_token_expires() -> None:
    now = [1_000.0]
    tokens = Confirmations(seconds=60, clock=lambda: now[0])
    token, expires = tokens.issue("customers_delete", {"customer": "c1"})
    assert expires == 1_060.0
    now[0] = 1_060.0
    with pytest.raises(mogul.errors.InputError, match="has expired"):
        tokens.redeem(token, "customers_delete", {"customer": "c1"})
    fresh, _ = tokens.issue("customers_delete", {"customer": "c1"})
    tokens.redeem(fresh, "customers_delete", {"customer": "c1"})
    with pytest.raises(mogul.errors.InputError, match="not the token"):
        tokens.redeem(fresh.replace(".", ".x", 1), "customers_delete", {"customer": "c1"})


def test_a_missing_target_is_an_error_before_any_question(box: Sandbox) -> None:
    user = User("accept")

    async def go() -> tuple[str, dict[str, Any]]:
        async with mcp_session(box, EVERYTHING, elicitation=user) as tools:
            return await tools.error("customers_delete", {"customer": "nobody"})

    text, error = anyio.run(go)
    assert user.asked == []
    assert error["kind"] == "no_match" and error["field"] == "customer"
    assert text == (
        "Nothing was sent: customer: no customer with external id or email 'nobody'; give its uuid "
        "(cus_...), external id or email"
    )


@pytest.mark.parametrize("mode", ERAS)
def test_a_cancellation_and_an_api_delete_are_confirmed_too(box: Sandbox, mode: str) -> None:
    user = User("accept")
    with mogul.Client(api_key=box.api_key, base_url=box.base_url) as client:
        plan = client.plans.create(
            data_source="Billing", name="Gold", interval_count=1, interval_unit="month"
        )
        client.invoices.import_(
            customer="c2",
            external_id="inv-1",
            date="2024-01-01",
            currency="USD",
            line_items=[
                {
                    "type": "subscription",
                    "amount_in_cents": 900,
                    "plan": plan.uuid,
                    "subscription_external_id": "s",
                    "service_period_start": "2024-01-01",
                    "service_period_end": "2024-02-01",
                }
            ],
        )
        [sub] = client.subscriptions.list("c2").to_list()
        unused = client.plans.create(
            data_source="Billing", name="Silver", interval_count=1, interval_unit="month"
        )

    async def go() -> tuple[Any, Any]:
        async with mcp_session(box, EVERYTHING, mode=mode, elicitation=user) as tools:
            cancelled = await tools.ok(
                "subscriptions_cancel", {"subscription": sub.uuid, "cancelled_at": "2024-01-20"}
            )
            deleted = await tools.ok("api_call", {"url": f"/v1/plans/{unused.uuid}", "method": "DELETE"})
            return cancelled, deleted

    cancelled, deleted = anyio.run(go)
    first, second = user.asked
    assert first.message == f"Cancel a Customer's Subscription: {sub.uuid}. This cannot be undone. Go ahead?"
    assert (
        second.message
        == f"Make an API Call: DELETE /v1/plans/{unused.uuid}: {unused.uuid} (Silver, external id "
        f"{unused.external_id}). This cannot be undone. Go ahead?"
    )
    assert cancelled["cancellation_dates"] == ["2024-01-20T00:00:00Z"]
    assert deleted["status"] in (200, 204)


def test_a_2026_answer_counts_only_with_the_state_sealed_for_that_call(box: Sandbox) -> None:
    """The question's state comes back from the client: a forged one, or one sealed for other
    arguments, is refused by the SDK's boundary, and the customer stays."""
    accept = types.ElicitResult(action="accept", content={"confirm": True})

    async def go() -> tuple[Any, list[str]]:
        refusals = []
        async with mcp_session(box, EVERYTHING, elicitation=User("accept")) as tools:
            session = tools.client.session
            asked = await session.call_tool("customers_delete", {"customer": "c1"}, allow_input_required=True)
            assert isinstance(asked, types.InputRequiredResult)
            assert asked.request_state and asked.request_state != "mogul:confirm"  # sealed
            for arguments, state in (
                ({"customer": "c1"}, "mogul:confirm"),
                ({"customer": "c2"}, asked.request_state),
            ):
                try:
                    await session.call_tool(
                        "customers_delete",
                        arguments,
                        input_responses={"confirm": accept},
                        request_state=state,
                    )
                except MCPError as exc:
                    refusals.append(exc.error.message)
            return asked, refusals

    asked, refusals = anyio.run(go)
    assert list(asked.input_requests or {}) == ["confirm"]
    assert refusals == ["Invalid or expired requestState", "Invalid or expired requestState"]
    assert _exists(box, "c1") and _exists(box, "c2")
