"""`mogul serve --mcp`: the tools over streamable HTTP at /mcp beside the API, by the account's key.

A request without a valid key is refused before any MCP is spoken; with one (Basic, as the API takes it,
or Bearer), the SDK's HTTP client sees the read tools and their answers, for that key's account."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from tests.mcp.conftest import INITIALIZE, MOGUL, Tools, clean_env, serve_process

ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    with serve_process(tmp_path_factory.mktemp("served-mcp"), "--mcp", bulk=0) as box:
        yield box


def test_mcp_refuses_a_request_without_a_valid_key(served: SimpleNamespace) -> None:
    with httpx.Client(base_url=served.base_url, headers=ACCEPT) as http:
        missing = http.post("/mcp", json=INITIALIZE)
        wrong = http.post("/mcp", json=INITIALIZE, auth=("not-a-key", ""))
        wrong_bearer = http.post("/mcp", json=INITIALIZE, headers={"Authorization": "Bearer not-a-key"})
        good = http.post("/mcp", json=INITIALIZE, auth=(served.api_key, ""))
        api = http.get("/v1/ping", auth=(served.api_key, ""))
    for refused in (missing, wrong, wrong_bearer):
        assert refused.status_code == 401
        assert refused.json() == {"error": "invalid_token", "error_description": "Authentication required"}
        assert refused.headers["www-authenticate"].startswith("Bearer")
    assert good.status_code == 200, good.text
    assert "mogul" in good.text
    assert api.status_code == 200  # the API beside it is untouched


def _tools(served: SimpleNamespace, key: str) -> Any:
    async def go() -> Any:
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx2.AsyncClient(headers=headers, timeout=30) as http:
            transport = streamable_http_client(f"{served.base_url}/mcp", http_client=http)
            async with Client(transport) as client:
                tools = Tools(client)
                listed = await tools.tools()
                plans = await tools.ok("plans_list", {})
                refused = await tools.error(
                    "plans_create",
                    {"data_source": "Billing", "name": "X", "interval_count": 1, "interval_unit": "month"},
                )
                bridge = await tools.ok("mrr_bridge", {"start_date": "2024-01-31", "end_date": "2024-02-29"})
                return listed, plans, refused, bridge

    return anyio.run(go)


def test_the_tools_answer_over_http_for_the_key_s_account(served: SimpleNamespace) -> None:
    listed, plans, refused, bridge = _tools(served, served.api_key)
    assert "customers_list" in listed and "customers_create" not in listed
    assert [p["name"] for p in plans["items"]] == ["Basic", "Pro", "Lite"]
    assert refused[1]["kind"] == "refused"
    assert (bridge["start_mrr"], bridge["end_mrr"], bridge["check"]["balanced"]) == (450.0, 650.0, True)
    _listed, others, _refused, empty = _tools(served, served.other_key)
    assert others["items"] == []  # the other key's account has no plans
    assert (empty["start_mrr"], empty["end_mrr"]) == (0.0, 0.0)


def test_mcp_serves_from_one_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [MOGUL, "serve", "--mcp", "--workers", "2", "--db", f"sqlite:///{tmp_path / 'm.db'}"],
        capture_output=True,
        text=True,
        timeout=30,
        env=clean_env(tmp_path),
    )
    assert (done.returncode, done.stderr) == (
        1,
        "mogul serve: --mcp serves from one process: leave out --workers\n",
    )
    assert not (tmp_path / "m.db").exists()
