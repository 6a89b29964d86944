"""Notes and call logs of customers and contacts (`/notes`): create, list, retrieve, update, delete (202)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import entity_notes
from mogul.server.http import crm_schemas
from mogul.server.http.openapi import params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.post("/notes", body=crm_schemas.ENTITY_NOTE_NEW)
def create(call: Call) -> Response:
    return json_response(entity_notes.create(call.scope, call.body), 201)


@api.get("/notes", query=params_of(entity_notes.EntityNoteFilters), paged=True)
def list_(call: Call) -> Response:
    return json_response(
        entity_notes.list_notes(call.scope, call.params(entity_notes.EntityNoteFilters), call.page())
    )


@api.get("/notes/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(entity_notes.retrieve(call.scope, call.path["uuid"]))


@api.patch("/notes/{uuid}", body=crm_schemas.NOTE_CHANGE)
@api.put("/notes/{uuid}", body=crm_schemas.NOTE_CHANGE)
def modify(call: Call) -> Response:
    return json_response(entity_notes.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/notes/{uuid}")
def destroy(call: Call) -> Response:
    return json_response(entity_notes.destroy(call.scope, call.path["uuid"]), 202)
