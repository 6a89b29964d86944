"""Make an API Call: any endpoint, with the connection's authorization added."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

import mogul
from mogul.errors import InputError, NotFoundError
from mogul.server.sandbox import Sandbox
from tests.conftest import unique
from tests.modules.conftest import Call


def test_api_call_get_returns_status_headers_and_body(call: Call, data_source: dict[str, Any]) -> None:
    reply = call("api.call", url="/v1/data_sources", query={"name": data_source["name"]})
    assert reply["status"] == 200
    assert reply["headers"]["content-type"] == "application/json"
    assert reply["body"] == {"data_sources": [data_source]}


def test_api_call_post_sends_the_body(call: Call, api: httpx.Client) -> None:
    name = unique("ds")
    reply = call("api.call", url="data_sources", method="post", body=f'{{"name": "{name}"}}')
    assert reply["status"] == 201
    assert api.get(f"/data_sources/{reply['body']['uuid']}").json()["name"] == name


def test_api_call_keeps_a_query_in_the_url(call: Call, data_source: dict[str, Any]) -> None:
    reply = call("api.call", url=f"/v1/data_sources?name={data_source['name']}", method="GET")
    assert reply["body"]["data_sources"] == [data_source]


class Recording(httpx.BaseTransport):
    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.inner.handle_request(request)


def test_api_call_sends_the_headers_given_and_the_connections_authorization(sandbox: Sandbox) -> None:
    recording = Recording()
    with mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, transport=recording) as client:
        reply = client.api.call("/v1/ping", headers=["X-Trace: abc", "Accept-Language=de"])
    assert reply.body == {"data": "pong!"}
    [request] = recording.requests
    assert request.headers["x-trace"] == "abc"
    assert request.headers["accept-language"] == "de"
    expected = base64.b64encode(f"{sandbox.api_key}:".encode()).decode()
    assert request.headers["authorization"] == f"Basic {expected}"


def test_api_call_error_statuses_raise(call: Call) -> None:
    with pytest.raises(NotFoundError) as caught:
        call("api.call", url="/v1/invoices/inv_00000000-0000-0000-0000-000000000000", method="DELETE")
    assert caught.value.body == {"error": "Invoice not found"}


def test_api_call_refuses_another_host_before_sending(call: Call) -> None:
    with pytest.raises(InputError) as caught:
        call("api.call", url="https://example.com/v1/customers")
    assert caught.value.field == "url"
    assert "the connection's authorization is only sent there" in str(caught.value)
