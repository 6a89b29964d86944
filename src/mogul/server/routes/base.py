"""Ping and account."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import accounts
from mogul.server.http.openapi import STRING
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.get("/ping", transaction=False)
def ping(call: Call) -> Response:
    return json_response({"data": "pong!"})


@api.get("/account", query={"include": STRING}, transaction=False)
def account(call: Call) -> Response:
    include = [name.strip() for name in (call.param("include") or "").split(",")]
    return json_response(accounts.describe(call.account, include))
