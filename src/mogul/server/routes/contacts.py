"""Contacts: create, list, retrieve, update, delete (200 `{}`), merge; a customer's contacts."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import contacts
from mogul.server.http import crm_schemas
from mogul.server.http.openapi import params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.post("/contacts", body=crm_schemas.CONTACT_NEW)
def create(call: Call) -> Response:
    return json_response(contacts.create(call.scope, call.body), 201)


@api.get("/contacts", query=params_of(contacts.ContactFilters), paged=True)
def list_(call: Call) -> Response:
    return json_response(
        contacts.list_contacts(call.scope, call.params(contacts.ContactFilters), call.page())
    )


@api.get("/contacts/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(contacts.retrieve(call.scope, call.path["uuid"]))


@api.patch("/contacts/{uuid}", body=crm_schemas.CONTACT_CHANGE)
@api.put("/contacts/{uuid}", body=crm_schemas.CONTACT_CHANGE)
def modify(call: Call) -> Response:
    return json_response(contacts.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/contacts/{uuid}")
def destroy(call: Call) -> Response:
    return json_response(contacts.destroy(call.scope, call.path["uuid"]))


@api.post("/contacts/{into_uuid}/merge/{from_uuid}")
def merge(call: Call) -> Response:
    return json_response(contacts.merge(call.scope, call.path["into_uuid"], call.path["from_uuid"]))


@api.get("/customers/{uuid}/contacts", paged=True)
def list_for_customer(call: Call) -> Response:
    return json_response(contacts.list_for_customer(call.scope, call.path["uuid"], call.page()))


@api.post("/customers/{uuid}/contacts", body=crm_schemas.CUSTOMER_CONTACT_NEW)
def create_for_customer(call: Call) -> Response:
    return json_response(contacts.create(call.scope, call.body, customer_uuid=call.path["uuid"]), 201)
