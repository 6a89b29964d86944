"""The official Node client (`chartmogul-node` 3.12.3), unchanged, on the CRM resources of `mogul serve`
(node/crm.js drives every method it has for contacts, customer notes, opportunities and tasks;
node/entity_notes.js the notes of customers and contacts, `/notes`, and tasks of contacts)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mogul.server.sandbox import Sandbox

NODE_DIR = Path(__file__).parent / "node"


PASSED = {
    "crm.js": [
        "contacts: create, createContact, all, contacts, retrieve, modify, patch, update, merge, destroy",
        "customer notes: create, createNote, all, notes, retrieve, modify, patch, update, destroy",
        "opportunities: create, createOpportunity, all, opportunities, retrieve, modify, patch, update, "
        "destroy",
        "tasks: create, createTask, all, tasks, retrieve, modify, patch, update, destroy",
        "another account: 404 for every object, an empty list",
    ],
    "entity_notes.js": [
        "notes: create, all, retrieve, modify, patch, update, destroy",
        "contact tasks: Task.create with associated_object_identifier, Task.all by contact_uuid",
    ],
}


@pytest.mark.parametrize("script", list(PASSED))
def test_node_client_crm(sandbox: Sandbox, script: str) -> None:
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
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"passed": PASSED[script]}
