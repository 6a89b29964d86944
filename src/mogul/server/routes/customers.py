"""Customers: CRUD, search by email, and attributes (tags, typed custom attributes)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server import wire
from mogul.server.domain import customer_attributes, customers
from mogul.server.http import schemas
from mogul.server.http.openapi import STRING, params_of, required
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()


@api.post("/customers", body=schemas.CUSTOMER_NEW)
def create(call: Call) -> Response:
    return json_response(customers.create(call.scope, call.body), 201)


@api.get("/customers", query=params_of(customers.CustomerFilters), paged=True, short=True)
def list_(call: Call) -> Response:
    return json_response(
        customers.list_customers(call.scope, call.params(customers.CustomerFilters), call.page())
    )


@api.get("/customers/search", query={"email": required(STRING)}, paged=True, short=True)
def search(call: Call) -> Response:
    email = call.param("email")
    if not email:  # before the page's own checks
        raise wire.param_missing("email")
    return json_response(customers.search(call.scope, email, call.page()))


@api.get("/customers/{uuid}", short=True)
def retrieve(call: Call) -> Response:
    return json_response(customers.retrieve(call.scope, call.path["uuid"]))


@api.patch("/customers/{uuid}", body=schemas.CUSTOMER_CHANGE)
@api.put("/customers/{uuid}", body=schemas.CUSTOMER_CHANGE)
def modify(call: Call) -> Response:
    return json_response(customers.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/customers/{uuid}")
def destroy(call: Call) -> Response:
    customers.destroy(call.scope, call.path["uuid"])
    return no_content()


# -- attributes ------------------------------------------------------------------------------------------


@api.get("/customers/{uuid}/attributes", short=True)
def attributes(call: Call) -> Response:
    return json_response(customer_attributes.attributes(call.scope, call.path["uuid"]))


@api.post("/customers/{uuid}/attributes/tags", body=schemas.TAGS)
def add_tags(call: Call) -> Response:
    return json_response(customer_attributes.add_tags(call.scope, call.path["uuid"], call.body))


@api.delete("/customers/{uuid}/attributes/tags", body=schemas.TAGS)
def remove_tags(call: Call) -> Response:
    return json_response(customer_attributes.remove_tags(call.scope, call.path["uuid"], call.body))


@api.post("/customers/{uuid}/attributes/custom", body=schemas.CUSTOM_NEW)
def add_custom(call: Call) -> Response:
    return json_response(customer_attributes.add_custom(call.scope, call.path["uuid"], call.body))


@api.put("/customers/{uuid}/attributes/custom", body=schemas.CUSTOM_CHANGE)
def update_custom(call: Call) -> Response:
    return json_response(customer_attributes.update_custom(call.scope, call.path["uuid"], call.body))


@api.delete("/customers/{uuid}/attributes/custom", body=schemas.CUSTOM_KEYS)
def remove_custom(call: Call) -> Response:
    return json_response(customer_attributes.remove_custom(call.scope, call.path["uuid"], call.body))


@api.post("/customers/attributes/tags", body=schemas.EMAIL_TAGS)
def add_tags_by_email(call: Call) -> Response:
    return json_response(customer_attributes.add_tags_by_email(call.scope, call.body))


@api.post("/customers/attributes/custom", body=schemas.EMAIL_CUSTOM)
def add_custom_by_email(call: Call) -> Response:
    return json_response(customer_attributes.add_custom_by_email(call.scope, call.body))
