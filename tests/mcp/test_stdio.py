"""`mogul mcp` as an MCP client starts it: a subprocess over stdio, against a `mogul serve` of its own.

Its standard output holds protocol messages and nothing else; the same tool calls answer the same
through it, against a `mogul serve` process reached over HTTP, as in process against a `mogul.Sandbox`;
a command line it cannot serve is an exit code and one line on standard error.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters

from tests.mcp.conftest import INITIALIZE, MOGUL, Business, Tools, clean_env, mcp_session, serve_process


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    """`mogul serve` as its own process, seeded as the sandbox of `business` is."""
    with serve_process(tmp_path_factory.mktemp("served")) as box:
        yield box


def _mcp_args(box: Any, *flags: str) -> list[str]:
    return ["mcp", "--base-url", box.base_url, "--api-key", box.api_key, *flags]


def test_standard_output_holds_protocol_messages_only(served: SimpleNamespace) -> None:
    messages = [
        INITIALIZE,
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {
            "jsonrpc": "2.0",
            "id": 3,
            "method": "tools/call",
            "params": {"name": "plans_list", "arguments": {}},
        },
        {
            "jsonrpc": "2.0",
            "id": 4,
            "method": "tools/call",
            "params": {"name": "plans_get", "arguments": {"plan": "?"}},
        },
        {
            "jsonrpc": "2.0",
            "id": 5,
            "method": "tools/call",
            "params": {"name": "customers_delete", "arguments": {}},
        },
    ]
    proc = subprocess.Popen(
        [MOGUL, *_mcp_args(served)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=clean_env(served.tmp),
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("".join(json.dumps(m) + "\n" for m in messages))
    proc.stdin.flush()
    lines = [proc.stdout.readline() for _ in range(5)]  # an answer a request, each on its line
    proc.stdin.close()  # the client goes away: the server ends, and says nothing more
    assert proc.wait(timeout=30) == 0
    assert proc.stdout.read() == ""
    answers = [json.loads(line) for line in lines]  # every line is JSON ...
    assert all(a["jsonrpc"] == "2.0" for a in answers)  # ... and JSON-RPC
    assert sorted(a["id"] for a in answers) == [1, 2, 3, 4, 5]  # calls are served concurrently
    answers.sort(key=lambda a: a["id"])
    assert answers[0]["result"]["serverInfo"]["name"] == "mogul"
    assert "customers_create" not in [t["name"] for t in answers[1]["result"]["tools"]]
    assert [p["name"] for p in answers[2]["result"]["structuredContent"]["items"]] == ["Basic", "Pro", "Lite"]
    assert answers[3]["result"]["isError"] is True
    assert answers[3]["result"]["structuredContent"]["error"]["field"] == "plan"
    assert answers[4]["result"]["structuredContent"]["error"]["kind"] == "refused"


UUID = re.compile(r"\b(?:[a-z]+_)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def _same_shape(value: Any, key: str = "") -> Any:
    """A result with what differs between two servers by nature masked: ids, creation times, cursors."""
    if isinstance(value, dict):
        return {k: _same_shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_same_shape(v, key) for v in value]
    if key in ("created_at", "updated_at", "cursor", "chartmogul-url", "id"):
        return "…" if value is not None else None
    if isinstance(value, str):
        return UUID.sub("<uuid>", value)
    return value


CALLS: list[tuple[str, dict[str, Any]]] = [
    ("plans_list", {"data_source": "Billing"}),
    ("customers_get", {"customer": "ada@example.com"}),
    ("customers_list", {"data_source": "Bulk", "limit": 10}),
    ("invoices_list", {"customer": "c4"}),
    ("subscriptions_list", {"customer": "c5"}),
    ("metrics_all", {"start_date": "2024-01-01", "end_date": "2024-02-29", "interval": "month"}),
    ("activities_list", {"start_date": "2024-01-01", "limit": 4}),
    ("activities_customer", {"customer": "c5"}),
    ("api_call", {"url": "/v1/customers/search", "query": {"email": "cy@example.com"}}),
    ("mrr_bridge", {"start_date": "2024-01-31", "end_date": "2024-02-29"}),
    ("explain_metric", {"metric": "ltv", "date": "2024-02-29"}),
    ("plans_get", {"plan": "Platinum"}),
    ("customers_get", {"customer": "cus_00000000-0000-0000-0000-000000000000"}),
    ("customers_create", {"data_source": "Billing", "external_id": "x"}),
]


async def _script(tools: Tools) -> list[Any]:
    answers = [sorted(await tools.tools())]
    for name, arguments in CALLS:
        answer = await tools.call(name, arguments)
        answers.append((answer.is_error, _same_shape(answer.structured_content)))
    more = await tools.ok("customers_list", {"data_source": "Bulk", "limit": 10})
    answers.append(
        _same_shape(
            await tools.ok("customers_list", {"data_source": "Bulk", "limit": 10, "cursor": more["cursor"]})
        )
    )
    return answers


def test_the_same_calls_answer_the_same_over_stdio_and_http_as_in_process(
    served: SimpleNamespace, business: Business
) -> None:
    async def over_stdio() -> list[Any]:
        params = StdioServerParameters(command=MOGUL, args=_mcp_args(served), env=clean_env(served.tmp))
        async with Client(params) as client:
            assert client.protocol_version == "2026-07-28"  # the SDK's client found the 2026 envelope
            return await _script(Tools(client))

    async def in_process() -> list[Any]:
        async with mcp_session(business.box) as tools:
            return await _script(tools)

    through_stdio, here = anyio.run(over_stdio), anyio.run(in_process)
    assert through_stdio == here
    errors = [answer for answer in here[1:] if isinstance(answer, tuple) and answer[0]]
    assert len(errors) == 3  # the three failures are failures on both


def test_a_command_line_it_cannot_serve_says_why(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [MOGUL, "mcp", *args],
            capture_output=True,
            text=True,
            timeout=30,
            env=clean_env(tmp_path),
            stdin=subprocess.DEVNULL,
        )

    no_key = run()
    assert no_key.returncode == 2 and no_key.stdout == ""
    assert no_key.stderr.startswith("mogul mcp: No ChartMogul credentials: ")
    destructive = run("--api-key", "k", "--allow-destructive")
    assert destructive.returncode == 2
    assert (
        destructive.stderr
        == "mogul mcp: --allow-destructive needs --allow-writes (deletes and cancellations are writes)\n"
    )
