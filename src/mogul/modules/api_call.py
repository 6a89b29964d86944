"""Make an API Call: any ChartMogul endpoint, with the connection's authorization added."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from mogul.errors import InputError
from mogul.flow import Context, Flow, Request
from mogul.flow.record import Record
from mogul.modules.spec import Field, Group, Inputs, Module, choices

METHOD = choices(("GET", "GET"), ("POST", "POST"), ("PUT", "PUT"), ("PATCH", "PATCH"), ("DELETE", "DELETE"))

FIELDS = (
    Field(
        "url",
        "URL",
        "str",
        "Enter a path relative to the base URL (https://api.chartmogul.com/). For example: /v1/customers. "
        "A path without /v1 gets it.",
        required=True,
        aliases=("path",),
    ),
    Field(
        "method",
        "Method",
        "enum",
        "Select the HTTP method you want to use: GET to retrieve information for an entry, POST to create a "
        "new entry, PUT to update/replace an existing entry, PATCH to make a partial entry update, DELETE "
        "to delete an entry.",
        required=True,
        choices=METHOD,
        default="GET",
    ),
    Field(
        "headers",
        "Headers",
        "mapping",
        "Enter the desired request headers. You don't have to add authorization headers; we already did "
        "that for you.",
    ),
    Field("query", "Query String", "mapping", "Enter the request query string.", aliases=("qs", "params")),
    Field("body", "Body", "json", "Enter the body content for your API call."),
)


def api_path(url: str, base_url: str) -> tuple[str, dict[str, str]]:
    """The path under the base URL (with `/v1`) and any query in it; another host is refused."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        base = urlsplit(base_url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            raise InputError(
                f"must be a path relative to {base_url} (the connection's authorization is only sent there)",
                field="url",
            )
    path = "/" + parts.path.lstrip("/")
    if path != "/v1" and not path.startswith("/v1/"):
        path = "/v1" + path
    return path, dict(parse_qsl(parts.query, keep_blank_values=True))


def _call(ctx: Context, inputs: Inputs) -> Flow[Any]:
    path, query = api_path(inputs["url"], ctx.base_url)
    request = Request(
        inputs["method"],
        path,
        params={**query, **inputs.get("query", {})},
        json=inputs.get("body"),
        headers=inputs.get("headers"),
        under_v1=False,
    )
    reply = yield from ctx.request(request)
    return Record(status=reply.status, headers=dict(reply.headers), body=reply.body)


CALL = Module(
    "api.call",
    "Make an API Call",
    "Performs an arbitrary authorized API call.",
    FIELDS,
    _call,
    ("ANY /v1/...",),
    object_field="url",
)

GROUP = Group("api", "Other", 99, (CALL,))
