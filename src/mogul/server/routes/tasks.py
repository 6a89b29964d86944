"""Tasks: create, list, retrieve, update, delete (200 `{}`)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import tasks
from mogul.server.http import crm_schemas
from mogul.server.http.openapi import params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.post("/tasks", body=crm_schemas.TASK_NEW)
def create(call: Call) -> Response:
    return json_response(tasks.create(call.scope, call.body), 201)


@api.get("/tasks", query=params_of(tasks.TaskFilters), paged=True)
def list_(call: Call) -> Response:
    return json_response(tasks.list_tasks(call.scope, call.params(tasks.TaskFilters), call.page()))


@api.get("/tasks/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(tasks.retrieve(call.scope, call.path["uuid"]))


@api.patch("/tasks/{uuid}", body=crm_schemas.TASK_CHANGE)
@api.put("/tasks/{uuid}", body=crm_schemas.TASK_CHANGE)
def modify(call: Call) -> Response:
    return json_response(tasks.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/tasks/{uuid}")
def destroy(call: Call) -> Response:
    return json_response(tasks.destroy(call.scope, call.path["uuid"]))
