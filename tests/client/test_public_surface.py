"""What `import mogul` offers."""

from __future__ import annotations

import mogul
from mogul.server.sandbox import Sandbox


def test_mogul_exports_the_clients_errors_and_the_sandbox() -> None:
    assert mogul.Sandbox is Sandbox
    assert mogul.errors.MogulError.__module__ == "mogul.errors"
    assert {"Client", "AsyncClient", "Sandbox", "errors"} <= set(mogul.__all__)


def test_a_sandbox_and_a_client_work_together() -> None:
    with (
        mogul.Sandbox() as sandbox,
        mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client,
    ):
        created = client.data_sources.create(name="Billing")
        assert client.data_sources.get("Billing") == created
