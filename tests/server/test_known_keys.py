"""Keys a server has authenticated a moment ago are known without a query, and still checked: a legacy
token with a wrong secret, or a wrong key, is a 401 however recently the right one was seen."""

from __future__ import annotations

import httpx

from mogul.server.sandbox import Sandbox
from tests.conftest import basic


def test_a_known_token_still_needs_its_secret(sandbox: Sandbox) -> None:
    token, secret = sandbox.api_keys[2].split(":")
    ping = sandbox.api_url + "/ping"
    assert httpx.get(ping, headers=basic(token, secret)).status_code == 200
    assert httpx.get(ping, headers=basic(token, secret)).status_code == 200
    wrong = httpx.get(ping, headers=basic(token, "not-the-secret"))
    assert wrong.status_code == 401
    assert httpx.get(ping, headers=basic(token)).status_code == 200  # the token as an API key


def test_a_known_key_names_its_own_account(sandbox: Sandbox) -> None:
    first = httpx.get(sandbox.api_url + "/account", headers=basic(sandbox.api_keys[0])).json()
    second = httpx.get(sandbox.api_url + "/account", headers=basic(sandbox.api_keys[1])).json()
    again = httpx.get(sandbox.api_url + "/account", headers=basic(sandbox.api_keys[0])).json()
    assert first == again
    assert first["id"] != second["id"]


def test_an_unknown_key_is_401_every_time(sandbox: Sandbox) -> None:
    for _ in range(2):
        answer = httpx.get(sandbox.api_url + "/ping", headers=basic("no-such-key"))
        assert answer.status_code == 401
