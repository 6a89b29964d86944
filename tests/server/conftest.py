"""Fixtures of the server tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from mogul.server.domain.accounts import ensure_keys
from mogul.server.sandbox import Sandbox
from tests.conftest import basic


@pytest.fixture
def account(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """A client of a fresh account on the session's server, for tests of account-wide figures (metrics,
    activities). Test files that need another kind of account define their own `account`."""
    key = f"fresh-{uuid.uuid4().hex}"
    ensure_keys(sandbox.db, [key])
    with httpx.Client(base_url=sandbox.api_url, headers=basic(key), timeout=30) as client:
        yield client
