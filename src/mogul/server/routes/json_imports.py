"""Bulk JSON imports: customers, plans, invoices (with line items and transactions) in one request."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import json_imports
from mogul.server.http import schemas
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.post("/data_sources/{uuid}/json_imports", prepare=json_imports.prepare, body=schemas.JSON_IMPORT)
def create(call: Call) -> Response:
    return json_response(json_imports.create(call.scope, call.path["uuid"], call.prepared))


@api.get("/data_sources/{uuid}/json_imports/{id}")
def retrieve(call: Call) -> Response:
    return json_response(json_imports.retrieve(call.scope, call.path["uuid"], call.path["id"]))
