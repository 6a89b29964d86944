"""The MCP face against a real `mogul serve` (a `mogul.Sandbox`), through the SDK's own client.

`business` is one account with a small, hand-checked history (see `seed`), shared by the tests that only
read; tests that write make their own sandbox. `Tools` wraps the SDK's in-memory `Client` on our server
and checks every call's arguments against the input schema the tool lists, so every call a test makes
is also a check of the schemas (the SDK's client checks each structured result against the output
schema itself).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jsonschema
import mcp_types as types
import pytest
from mcp import Client

import mogul
from mogul.mcp.server import build_server
from mogul.mcp.tools import Policy
from mogul.server.sandbox import Sandbox

MOGUL = str(Path(sys.executable).parent / "mogul")
READS = Policy()
WRITES = Policy(allow_writes=True)
EVERYTHING = Policy(allow_writes=True, allow_destructive=True)

# Customer → (name, email, country); plans in cents a month.
CUSTOMERS = {
    "c1": ("Ada Lovelace", "ada@example.com", "GB"),
    "c2": ("Bob Builder", "bob@example.com", "US"),
    "c3": ("Cy Young", "cy@example.com", "US"),
    "c4": ("Dee Dee", "dee@example.com", "DE"),
    "c5": ("Eve Online", "eve@example.com", "US"),
}
PLANS = {"basic": ("Basic", 10000), "pro": ("Pro", 25000), "lite": ("Lite", 5000)}
# (customer, invoice date, plan, subscription): each invoice bills one month from its date.
INVOICES = [
    ("c1", "2024-01-01", "basic", "s1"),
    ("c5", "2024-01-03", "basic", "s5"),
    ("c2", "2024-01-15", "basic", "s2"),
    ("c4", "2024-01-20", "pro", "s4"),
    ("c1", "2024-02-01", "pro", "s1"),  # expansion +150
    ("c3", "2024-02-05", "pro", "s3"),  # new business +250
    ("c5", "2024-02-15", "basic", "s5b"),  # reactivation +100 (s5 was cancelled on 2024-01-25)
    ("c4", "2024-02-20", "lite", "s4"),  # contraction -200
]
CANCELLATIONS = [("c5", "s5", "2024-01-25"), ("c2", "s2", "2024-02-10")]  # churn -100 in January, in February
BULK = 30  # customers of the "Bulk" data source, for the lists


def clean_env(tmp: Path) -> dict[str, str]:
    """The environment of a `mogul` subprocess: no credentials or profile of the machine's user."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHARTMOGUL_", "MOGUL_"))}
    env["MOGUL_CONFIG"] = str(tmp / "config.toml")
    return env


INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-11-25",
        "capabilities": {},
        "clientInfo": {"name": "test", "version": "1"},
    },
}


@contextmanager
def serve_process(tmp: Path, *flags: str, bulk: int = BULK) -> Iterator[SimpleNamespace]:
    """`mogul serve` as its own process on a SQLite file with two accounts (`api_key`, `other_key`), the
    first seeded as the sandbox of `business` is."""
    keys = [f"key-{uuid.uuid4().hex}", f"other-{uuid.uuid4().hex}"]
    args = [MOGUL, "serve", *flags, "--port", "0", "--db", f"sqlite:///{tmp / 'mogul.db'}"]
    for key in keys:
        args += ["--api-key", key]
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=clean_env(tmp)
    )
    assert proc.stdout is not None
    try:
        url = next(line.strip().removesuffix("/v1") for line in proc.stdout if line.startswith("http://"))
        box = SimpleNamespace(api_key=keys[0], other_key=keys[1], base_url=url, tmp=tmp)
        seed(box, bulk=bulk)
        yield box
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _next_month(day: str) -> str:
    year, month, rest = day.split("-")
    y, m = (int(year), int(month) + 1) if month != "12" else (int(year) + 1, 1)
    return f"{y:04d}-{m:02d}-{rest}"


@dataclass
class Business:
    box: Any  # a Sandbox, or anything with an api_key and a base_url
    data_source: str
    plans: dict[str, str] = field(default_factory=dict)  # plan external id -> uuid
    customers: dict[str, str] = field(default_factory=dict)  # customer external id -> uuid
    invoices: dict[str, str] = field(default_factory=dict)  # invoice external id -> uuid


def seed(box: Any, *, bulk: int = BULK) -> Business:
    """Five customers over January and February 2024 (MRR 450.00 at the end of January, 650.00 at the
    end of February), `bulk` customers without invoices in a second data source, and two customers with
    one email in a third."""
    with mogul.Client(api_key=box.api_key, base_url=box.base_url, rate_limit=None) as client:
        ds = client.data_sources.create(name="Billing")
        business = Business(box, ds.uuid)
        for external_id, (name, _cents) in PLANS.items():
            plan = client.plans.create(
                data_source=ds.uuid,
                name=name,
                interval_count=1,
                interval_unit="month",
                external_id=external_id,
            )
            business.plans[external_id] = plan.uuid
        for external_id, (name, email, country) in CUSTOMERS.items():
            created = client.customers.create(
                data_source=ds.uuid, external_id=external_id, name=name, email=email, country=country
            )
            business.customers[external_id] = created.uuid
        for n, (customer, day, plan, subscription) in enumerate(INVOICES):
            invoice = client.invoices.import_(
                customer=business.customers[customer],
                external_id=f"inv-{n + 1}",
                date=day,
                currency="USD",
                line_items=[
                    {
                        "type": "subscription",
                        "amount_in_cents": PLANS[plan][1],
                        "plan": business.plans[plan],
                        "subscription_external_id": subscription,
                        "service_period_start": day,
                        "service_period_end": _next_month(day),
                    }
                ],
                transactions=[{"date": day, "type": "payment", "result": "successful"}],
            )
            business.invoices[f"inv-{n + 1}"] = invoice.uuid
        for customer, subscription, day in CANCELLATIONS:
            [sub] = [
                s
                for s in client.subscriptions.list(business.customers[customer])
                if s.external_id == subscription
            ]
            client.subscriptions.cancel(sub.uuid, cancelled_at=day)
        bulk_source = client.data_sources.create(name="Bulk")
        for n in range(bulk):
            client.customers.create(
                data_source=bulk_source.uuid, external_id=f"bulk-{n:02d}", name=f"Bulk {n}"
            )
        twins = client.data_sources.create(name="Twins")  # two customers with one email
        for n in (1, 2):
            client.customers.create(
                data_source=twins.uuid, external_id=f"twin-{n}", email="shared@example.com"
            )
    return business


@pytest.fixture(scope="module")
def business(database_factory: Callable[[], str]) -> Iterator[Business]:
    """On each backend (SQLite and PostgreSQL), as every server test."""
    with Sandbox(database_factory()) as box:
        yield seed(box)


def connector(box: Any, **options: Any) -> Callable[[], mogul.AsyncClient]:
    """How the server connects: to `box.base_url` with its key (a Sandbox, or any server)."""
    return lambda: mogul.AsyncClient(
        api_key=options.pop("api_key", box.api_key), base_url=box.base_url, rate_limit=None, **options
    )


class Tools:
    """The SDK's client on our server; `call` checks the arguments against the listed schema first."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.listed: dict[str, types.Tool] = {}

    async def tools(self) -> dict[str, types.Tool]:
        self.listed = {tool.name: tool for tool in (await self.client.list_tools()).tools}
        return self.listed

    async def call(self, name: str, arguments: dict[str, Any] | None = None) -> types.CallToolResult:
        arguments = arguments or {}
        if not self.listed:
            await self.tools()
        if name in self.listed:
            jsonschema.Draft202012Validator(self.listed[name].input_schema).validate(arguments)
        return await self.client.call_tool(name, arguments)

    async def ok(self, name: str, arguments: dict[str, Any] | None = None) -> Any:
        """The structured result of a call that must succeed."""
        answer = await self.call(name, arguments)
        assert not answer.is_error, answer.content
        return answer.structured_content

    async def error(self, name: str, arguments: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        """The text and the structured error of a call that must fail."""
        answer = await self.client.call_tool(name, arguments or {})
        assert answer.is_error, answer.structured_content
        [text] = answer.content
        assert isinstance(text, types.TextContent)
        return text.text, answer.structured_content["error"]


@asynccontextmanager
async def mcp_session(
    box: Any,
    policy: Policy = READS,
    *,
    mode: str = "auto",
    elicitation: Any = None,
    **options: Any,
) -> AsyncIterator[Tools]:
    server = build_server(connector(box, **options), policy)
    async with Client(server, mode=mode, elicitation_callback=elicitation) as client:
        yield Tools(client)
