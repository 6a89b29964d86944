"""mogul's pytest plugin: a ChartMogul sandbox for your tests (registered as the `pytest11` entry point
`mogul`, so pytest loads it wherever mogul is installed; `-p no:mogul` turns it off).

    def test_signup_creates_a_customer(chartmogul_sandbox, mogul_client):
        signup(..., chartmogul_api_key=chartmogul_sandbox.api_key, base_url=chartmogul_sandbox.base_url)
        assert [c.external_id for c in mogul_client.customers.list()] == ["user-1"]

Fixtures:

- `mogul_sandbox` (session): one `mogul.Sandbox` for the test session, as it is (no reset). Its
  database is in memory unless the ini option `mogul_database_url` names one.
- `chartmogul_sandbox`: the same sandbox with its account reset before the test, then seeded with
  `mogul_bundle` when that gives one. Every test that uses it (or the clients below) starts from there.
- `mogul_bundle`: None; override it (in a conftest.py or a module, at any scope) to return a bundle:
  a dict, a JSON file's path, or a folder of `mogul import` inputs (see `mogul.bulk.read_bundle`).
- `mogul_client`: a `mogul.Client` on the clean sandbox (no pacing: it is a local server).
- `chartmogul_config`: a `chartmogul.Config` of the official Python client on the clean sandbox
  (the test is skipped when the `chartmogul` package is not installed).

The fixtures start nothing until a test asks for one, and importing the plugin imports no part of mogul.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mogul.client import Client
    from mogul.server.sandbox import Sandbox

DATABASE_OPTION = "mogul_database_url"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        DATABASE_OPTION,
        "Database of the mogul sandbox fixtures (default sqlite://, in memory; e.g. sqlite:///sandbox.db "
        "or postgresql://...).",
        default="sqlite://",
    )


@pytest.fixture(scope="session")
def mogul_sandbox(pytestconfig: pytest.Config) -> Iterator[Sandbox]:
    """The session's `mogul.Sandbox`, as it is (see `chartmogul_sandbox` for a clean one)."""
    from mogul.server.sandbox import Sandbox

    with Sandbox(str(pytestconfig.getini(DATABASE_OPTION))) as sandbox:
        yield sandbox


@pytest.fixture
def mogul_bundle() -> Any:
    """What `chartmogul_sandbox` seeds each test with: None, unless a test suite overrides it."""
    return None


@pytest.fixture
def chartmogul_sandbox(mogul_sandbox: Sandbox, mogul_bundle: Any) -> Sandbox:
    """The session's sandbox, its account reset (and seeded with `mogul_bundle`) for this test."""
    mogul_sandbox.reset()
    if isinstance(mogul_bundle, str | Path) and Path(mogul_bundle).is_dir():
        from mogul.bulk import read_bundle

        mogul_bundle = read_bundle(mogul_bundle)
    if mogul_bundle is not None:
        mogul_sandbox.seed(mogul_bundle)
    return mogul_sandbox


@pytest.fixture
def mogul_client(chartmogul_sandbox: Sandbox) -> Iterator[Client]:
    """A `mogul.Client` on the clean sandbox."""
    from mogul.client import Client

    with Client(chartmogul_sandbox.api_key, base_url=chartmogul_sandbox.base_url, rate_limit=None) as client:
        yield client


@pytest.fixture
def chartmogul_config(chartmogul_sandbox: Sandbox) -> Any:
    """A `chartmogul.Config` (the official Python client) on the clean sandbox."""
    chartmogul = pytest.importorskip("chartmogul", reason="the official client is not installed")
    config = chartmogul.Config(chartmogul_sandbox.api_key)
    config.uri = chartmogul_sandbox.api_url
    return config
