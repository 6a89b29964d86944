"""The dashboard's fixtures: the whole ASGI app of `mogul serve` (its `/v1` and its `/dashboard`) over a
real database of each backend, two accounts filled through `/v1`, and httpx clients on it (Starlette's
TestClient is an httpx client that calls the app in process)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mogul.server.app import create_app
from mogul.server.domain.accounts import ensure_keys
from mogul.store.engine import Database
from tests.web.world import populate


@dataclass
class Site:
    db: Database
    app: Starlette
    keys: list[str]
    worlds: list[dict[str, Any]]

    def api(self, account: int = 0) -> TestClient:
        """A `/v1` client on the key of account 0 or 1."""
        client = TestClient(self.app, base_url="http://testserver/v1")
        client.auth = (self.keys[account], "")
        return client

    def browser(self, account: int = 0, base_url: str = "http://testserver") -> TestClient:
        """A client logged in to the dashboard with the key of account 0 or 1 (its cookie kept)."""
        client = TestClient(self.app, base_url=base_url, follow_redirects=False)
        response = client.post(
            "/dashboard/login", data={"api_key": self.keys[account], "next": "/dashboard/"}
        )
        assert response.status_code == 303, response.text
        return client


@pytest.fixture(scope="session")
def site(database_factory: Callable[[], str]) -> Iterator[Site]:
    db = Database(database_factory())
    app = create_app(db)
    keys = [f"dash-{uuid.uuid4().hex}", f"dash-other-{uuid.uuid4().hex}"]
    ensure_keys(db, keys)
    found = Site(db, app, keys, [])
    for account, tag in ((0, ""), (1, "-other")):
        with found.api(account) as api:
            found.worlds.append(populate(api, tag))
    yield found
    db.dispose()


@pytest.fixture(scope="session")
def v1(site: Site) -> Iterator[TestClient]:
    with site.api() as client:
        yield client


@pytest.fixture(scope="session")
def web(site: Site) -> Iterator[TestClient]:
    with site.browser() as client:
        yield client
