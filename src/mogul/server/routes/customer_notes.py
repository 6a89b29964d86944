"""Customer notes and call logs: create, list, retrieve, update, delete (200 `{}`)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import customer_notes
from mogul.server.http import crm_schemas
from mogul.server.http.openapi import params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.post("/customer_notes", body=crm_schemas.NOTE_NEW)
def create(call: Call) -> Response:
    return json_response(customer_notes.create(call.scope, call.body), 201)


@api.get("/customer_notes", query=params_of(customer_notes.NoteFilters), paged=True)
def list_(call: Call) -> Response:
    return json_response(
        customer_notes.list_notes(call.scope, call.params(customer_notes.NoteFilters), call.page())
    )


@api.get("/customer_notes/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(customer_notes.retrieve(call.scope, call.path["uuid"]))


@api.patch("/customer_notes/{uuid}", body=crm_schemas.NOTE_CHANGE)
@api.put("/customer_notes/{uuid}", body=crm_schemas.NOTE_CHANGE)
def modify(call: Call) -> Response:
    return json_response(customer_notes.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/customer_notes/{uuid}")
def destroy(call: Call) -> Response:
    return json_response(customer_notes.destroy(call.scope, call.path["uuid"]))
