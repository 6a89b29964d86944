"""Customers: CRUD, search by email, and attributes (tags, typed custom attributes)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server import wire
from mogul.server.domain import customer_attributes, customers
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()


@api.post("/customers")
def create(call: Call) -> Response:
    return json_response(customers.create(call.scope, call.body), 201)


@api.get("/customers")
def list_(call: Call) -> Response:
    filters = customers.CustomerFilters(
        call.param("data_source_uuid"), call.param("external_id"), call.param("status"), call.param("system")
    )
    return json_response(customers.list_customers(call.scope, filters, call.page()))


@api.get("/customers/search")
def search(call: Call) -> Response:
    email = call.param("email")
    if not email:  # before the page's own checks
        raise wire.param_missing("email")
    return json_response(customers.search(call.scope, email, call.page()))


@api.get("/customers/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(customers.retrieve(call.scope, call.path["uuid"]))


@api.patch("/customers/{uuid}")
@api.put("/customers/{uuid}")
def modify(call: Call) -> Response:
    return json_response(customers.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/customers/{uuid}")
def destroy(call: Call) -> Response:
    customers.destroy(call.scope, call.path["uuid"])
    return no_content()


# -- attributes ------------------------------------------------------------------------------------------


@api.get("/customers/{uuid}/attributes")
def attributes(call: Call) -> Response:
    return json_response(customer_attributes.attributes(call.scope, call.path["uuid"]))


@api.post("/customers/{uuid}/attributes/tags")
def add_tags(call: Call) -> Response:
    return json_response(customer_attributes.add_tags(call.scope, call.path["uuid"], call.body))


@api.delete("/customers/{uuid}/attributes/tags")
def remove_tags(call: Call) -> Response:
    return json_response(customer_attributes.remove_tags(call.scope, call.path["uuid"], call.body))


@api.post("/customers/{uuid}/attributes/custom")
def add_custom(call: Call) -> Response:
    return json_response(customer_attributes.add_custom(call.scope, call.path["uuid"], call.body))


@api.put("/customers/{uuid}/attributes/custom")
def update_custom(call: Call) -> Response:
    return json_response(customer_attributes.update_custom(call.scope, call.path["uuid"], call.body))


@api.delete("/customers/{uuid}/attributes/custom")
def remove_custom(call: Call) -> Response:
    return json_response(customer_attributes.remove_custom(call.scope, call.path["uuid"], call.body))


@api.post("/customers/attributes/tags")
def add_tags_by_email(call: Call) -> Response:
    return json_response(customer_attributes.add_tags_by_email(call.scope, call.body))


@api.post("/customers/attributes/custom")
def add_custom_by_email(call: Call) -> Response:
    return json_response(customer_attributes.add_custom_by_email(call.scope, call.body))
