"""The OpenAPI 3.1 document of `mogul serve`, derived from the routes themselves.

Each route registers its path, method, query parameters and body schema on its `Api` (see
`Api.route`); this module turns that registry into the document served at `/openapi.json`, so what a
fuzzer or a generated client sees is what the server routes. The schemas describe ChartMogul's wire
format; the domain's checks stay the judges of what is accepted (a body the schema allows may still be a
422, never a 500).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from importlib.metadata import version
from typing import Any, Protocol

from mogul.server import wire

Schema = dict[str, Any]


class Described(Protocol):
    """A route as the document sees it (`pipeline.Endpoint`)."""

    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def handler(self) -> Any: ...
    @property
    def query(self) -> Mapping[str, Schema]: ...
    @property
    def body(self) -> Schema | None: ...
    @property
    def path_schemas(self) -> Mapping[str, Schema]: ...


STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
BOOLEAN: Schema = {"type": "boolean"}
DATE: Schema = {"type": "string", "format": "date"}
DATETIME: Schema = {"type": "string", "format": "date-time"}
STRINGS: Schema = {"type": "array", "items": STRING}
ANY_OBJECT: Schema = {"type": "object"}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def obj(required: Iterable[str] = (), **properties: Schema) -> Schema:
    """An object schema with these properties (more are allowed, as ChartMogul ignores unknown keys)."""
    schema: Schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def extend(schema: Schema, **properties: Schema) -> Schema:
    """`schema` (an object schema) with more properties."""
    return {**schema, "properties": {**schema["properties"], **properties}}


def optional(schema: Schema) -> Schema:
    """`schema` (an object schema) with none of its properties required (what an update takes)."""
    return {k: v for k, v in schema.items() if k != "required"}


_REQUIRED = "x-mogul-required"


def required(schema: Schema) -> Schema:
    """A query parameter's schema, marked as one the route needs."""
    return {**schema, _REQUIRED: True}


def _query_parameter(name: str, schema: Schema) -> Schema:
    needed = schema.get(_REQUIRED, False)
    plain = {k: v for k, v in schema.items() if k != _REQUIRED}
    return {"name": name, "in": "query", "required": needed, "schema": plain}


def enum(*values: str) -> Schema:
    return {"type": "string", "enum": list(values)}


PAGING: Mapping[str, Schema] = {
    "per_page": {"type": "integer", "minimum": 1, "maximum": wire.MAX_PER_PAGE},
    "cursor": STRING,
    "page": {"type": "integer", "minimum": 1},
}


def params_of(record: type) -> dict[str, Schema]:
    """Query parameters named after the fields of a filters dataclass (strings; `Call.params` reads
    them back by the same names)."""
    return {f.name: STRING for f in dataclasses.fields(record)}


_PATH_PARAM = re.compile(r"\{(\w+)\}")


def _operation(endpoint: Described) -> Schema:
    handler = endpoint.handler
    doc = (handler.__doc__ or "").strip().splitlines()
    op: Schema = {
        "operationId": f"{handler.__module__.rsplit('.', 1)[-1]}.{handler.__name__.rstrip('_')}",
        "summary": doc[0] if doc else handler.__name__.rstrip("_").replace("_", " "),
        "parameters": [
            {"name": name, "in": "path", "required": True, "schema": endpoint.path_schemas.get(name, STRING)}
            for name in _PATH_PARAM.findall(endpoint.path)
        ]
        + [_query_parameter(name, schema) for name, schema in endpoint.query.items()],
        "responses": {
            "2XX": {"description": "Success"},
            "4XX": {"description": "ChartMogul's error body", "content": {"application/json": {}}},
        },
    }
    if endpoint.body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": endpoint.body}}}
    return op


def document(endpoints: Iterable[Described]) -> Schema:
    """The OpenAPI 3.1 document for these routes, under `/v1`."""
    paths: dict[str, dict[str, Schema]] = {}
    for endpoint in endpoints:
        paths.setdefault("/v1" + endpoint.path, {})[endpoint.method.lower()] = _operation(endpoint)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mogul serve: the ChartMogul API v1",
            "version": version("mogul"),
            "description": "ChartMogul's Import, Metrics and Account API as served by mogul.",
        },
        "servers": [{"url": "/"}],
        "components": {"securitySchemes": {"basic": {"type": "http", "scheme": "basic"}}},
        "security": [{"basic": []}],
        "paths": paths,
    }
