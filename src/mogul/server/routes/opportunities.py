"""Opportunities: create, list, retrieve, update, delete (200 `{}`)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import opportunities
from mogul.server.http import crm_schemas
from mogul.server.http.openapi import params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.post("/opportunities", body=crm_schemas.OPPORTUNITY_NEW)
def create(call: Call) -> Response:
    return json_response(opportunities.create(call.scope, call.body), 201)


@api.get("/opportunities", query=params_of(opportunities.OpportunityFilters), paged=True)
def list_(call: Call) -> Response:
    filters = call.params(opportunities.OpportunityFilters)
    return json_response(opportunities.list_opportunities(call.scope, filters, call.page()))


@api.get("/opportunities/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(opportunities.retrieve(call.scope, call.path["uuid"]))


@api.patch("/opportunities/{uuid}", body=crm_schemas.OPPORTUNITY_CHANGE)
@api.put("/opportunities/{uuid}", body=crm_schemas.OPPORTUNITY_CHANGE)
def modify(call: Call) -> Response:
    return json_response(opportunities.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/opportunities/{uuid}")
def destroy(call: Call) -> Response:
    return json_response(opportunities.destroy(call.scope, call.path["uuid"]))
