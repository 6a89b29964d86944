"""Subscriptions: the Import API view (list, cancel) and the Metrics API view of a customer's."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import subscriptions
from mogul.server.http import schemas
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.get("/import/customers/{uuid}/subscriptions", paged=True)
def list_imported(call: Call) -> Response:
    return json_response(subscriptions.list_imported(call.scope, call.path["uuid"], call.page()))


@api.patch("/import/subscriptions/{uuid}", body=schemas.CANCELLATION)
def cancel(call: Call) -> Response:
    return json_response(subscriptions.cancel(call.scope, call.path["uuid"], call.body), 202)


@api.get("/customers/{uuid}/subscriptions", paged=True)
def list_for_customer(call: Call) -> Response:
    return json_response(subscriptions.list_for_customer(call.scope, call.path["uuid"], call.page()))
