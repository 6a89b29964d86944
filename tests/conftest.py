"""Shared fixtures: a real `mogul serve` (in a thread, on loopback) over a real database."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from mogul.server.sandbox import Sandbox

# `backend` (sqlite, postgresql), `database_factory`, `fresh_database_url` and the throwaway cluster
pytest_plugins = ["tests.pg_cluster"]


@pytest.fixture(scope="session")
def sandbox(database_factory: Callable[[], str]) -> Iterator[Sandbox]:
    """One server per backend for the session, with two accounts and a legacy token + secret pair."""
    keys = [
        f"key-{uuid.uuid4().hex}",
        f"other-{uuid.uuid4().hex}",
        f"tok-{uuid.uuid4().hex}:sec-{uuid.uuid4().hex}",
    ]
    with Sandbox(database_factory(), api_keys=keys) as box:
        yield box


def basic(user: str, password: str = "") -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.fixture(scope="session")
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """A plain HTTP client on the first account's key."""
    with httpx.Client(base_url=sandbox.api_url, headers=basic(sandbox.api_key), timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def other_api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """A plain HTTP client on the second account's key."""
    with httpx.Client(base_url=sandbox.api_url, headers=basic(sandbox.api_keys[1]), timeout=30) as client:
        yield client


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def data_source(api: httpx.Client) -> dict[str, Any]:
    """A fresh data source for one test."""
    response = api.post("/data_sources", json={"name": unique("ds")})
    assert response.status_code == 201, response.text
    return response.json()
