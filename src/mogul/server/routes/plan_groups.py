"""Plan groups: create (200), list, list a group's plans, retrieve, update, delete."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import plan_groups
from mogul.server.http import schemas
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()


@api.post("/plan_groups", body=schemas.PLAN_GROUP_NEW)
def create(call: Call) -> Response:
    return json_response(plan_groups.create(call.scope, call.body), 200)


@api.get("/plan_groups", paged=True, short=True)
def list_(call: Call) -> Response:
    return json_response(plan_groups.list_groups(call.scope, call.page()))


@api.get("/plan_groups/{uuid}", short=True)
def retrieve(call: Call) -> Response:
    return json_response(plan_groups.retrieve(call.scope, call.path["uuid"]))


@api.get("/plan_groups/{uuid}/plans", paged=True, short=True)
def plans(call: Call) -> Response:
    return json_response(plan_groups.list_plans(call.scope, call.path["uuid"], call.page()))


@api.patch("/plan_groups/{uuid}", body=schemas.PLAN_GROUP)
def modify(call: Call) -> Response:
    return json_response(plan_groups.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/plan_groups/{uuid}")
def destroy(call: Call) -> Response:
    plan_groups.destroy(call.scope, call.path["uuid"])
    return no_content()
