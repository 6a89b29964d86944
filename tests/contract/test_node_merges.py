"""The official Node client (`chartmogul-node` 3.12.3), unchanged, on customer merges and connected
subscriptions of `mogul serve` (node/merges.js drives every method it has for them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mogul.server.sandbox import Sandbox

NODE_DIR = Path(__file__).parent / "node"


def test_node_client_merges(sandbox: Sandbox) -> None:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "chartmogul-node").is_dir():
        pytest.fail("Node.js and tests/contract/node/node_modules are required: run `make test`")
    env = os.environ | {
        "MOGUL_BASE_URL": sandbox.base_url,
        "MOGUL_API_KEY": sandbox.api_key,
        "MOGUL_OTHER_KEY": sandbox.api_keys[1],
    }
    result = subprocess.run(
        [node, "merges.js"], cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "passed": [
            "merge, unmerge",
            "connectSubscriptions, disconnectSubscriptions (Customer and Metrics.Customer)",
        ]
    }
