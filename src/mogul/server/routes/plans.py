"""Plans: create, list, retrieve, update (202), delete."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import plans
from mogul.server.http import schemas
from mogul.server.http.openapi import params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()


@api.post("/plans", body=schemas.PLAN_NEW)
def create(call: Call) -> Response:
    return json_response(plans.create(call.scope, call.body), 201)


@api.get("/plans", query=params_of(plans.PlanFilters), paged=True, short=True)
def list_(call: Call) -> Response:
    return json_response(plans.list_plans(call.scope, call.params(plans.PlanFilters), call.page()))


@api.get("/plans/{uuid}", short=True)
def retrieve(call: Call) -> Response:
    return json_response(plans.retrieve(call.scope, call.path["uuid"]))


@api.patch("/plans/{uuid}", body=schemas.PLAN_CHANGE)
def modify(call: Call) -> Response:
    return json_response(plans.modify(call.scope, call.path["uuid"], call.body), 202)


@api.delete("/plans/{uuid}")
def destroy(call: Call) -> Response:
    plans.destroy(call.scope, call.path["uuid"])
    return no_content()
