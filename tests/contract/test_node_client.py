"""The official Node client (`chartmogul-node` 3.12.3), unchanged, against `mogul serve`: the round trip
(node/contract.js) and what follows an invoice's import (node/edits.js)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mogul.server.sandbox import Sandbox

NODE_DIR = Path(__file__).parent / "node"


def _node(sandbox: Sandbox, script: str) -> subprocess.CompletedProcess[str]:
    """`node script` in tests/contract/node against the sandbox's first account (the second's key too)."""
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "chartmogul-node").is_dir():
        pytest.fail("Node.js and tests/contract/node/node_modules are required: run `make test`")
    env = os.environ | {
        "MOGUL_BASE_URL": sandbox.base_url,
        "MOGUL_API_KEY": sandbox.api_key,
        "MOGUL_OTHER_KEY": sandbox.api_keys[1],
    }
    result = subprocess.run(
        [node, script], cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def test_node_client_round_trip(sandbox: Sandbox) -> None:
    result = _node(sandbox, "contract.js")
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "passed": [
            "data sources: create, list, retrieve",
            "customers: create, list, retrieve",
            "plans: create, list, retrieve",
            "invoices: import, list, retrieve",
            "subscriptions: cancel",
            "activities export: create, retrieve, and the file",
            "errors: 404 and 422 reach the caller with status and body",
            "deletes: invoice, plan, customer, data source",
        ]
    }


def test_node_client_on_invoice_states_line_items_and_transactions(sandbox: Sandbox) -> None:
    result = _node(sandbox, "edits.js")
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "passed": [
            "invoices: update by uuid and by external id",
            "invoices: disable and enable, and the MRR follows",
            "line items: import, retrieve, list, update, disable, enable, delete",
            "transactions: retrieve, list, update, disable, enable, delete",
            "invoices: void",
            "errors: another account's objects are not found",
        ]
    }
