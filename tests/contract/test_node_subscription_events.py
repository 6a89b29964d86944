"""The official Node client (`chartmogul-node` 3.12.3), unchanged, on the subscription events of
`mogul serve` (node/subscription_events.js drives every method SubscriptionEvent has)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mogul.server.sandbox import Sandbox

NODE_DIR = Path(__file__).parent / "node"


def test_node_client_subscription_events(sandbox: Sandbox) -> None:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "chartmogul-node").is_dir():
        pytest.fail("Node.js and tests/contract/node/node_modules are required: run `make test`")
    env = os.environ | {
        "MOGUL_BASE_URL": sandbox.base_url,
        "MOGUL_API_KEY": sandbox.api_key,
        "MOGUL_OTHER_KEY": sandbox.api_keys[1],
    }
    result = subprocess.run(
        [node, "subscription_events.js"], cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "passed": [
            "create, all",
            "updateWithParams by id and by external id",
            "disable, enable",
            "deleteWithParams by id and by external id",
            "another account: 404 for every event, an empty list",
        ]
    }
