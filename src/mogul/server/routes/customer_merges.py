"""Customer merges and unmerges, and connecting a customer's subscriptions: each answers 202 `{}`.

Its group comes before the customers' (routes/__init__.py): `/customers/merges` must not fall into
`/customers/{uuid}`.
"""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import customer_merges, subscription_connections
from mogul.server.http import merge_schemas
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.post("/customers/merges", body=merge_schemas.MERGE)
def merge(call: Call) -> Response:
    return json_response(customer_merges.merge(call.scope, call.body), 202)


@api.post("/customers/unmerges", body=merge_schemas.UNMERGE)
def unmerge(call: Call) -> Response:
    return json_response(customer_merges.unmerge(call.scope, call.body), 202)


@api.post("/customers/{uuid}/connect_subscriptions", body=merge_schemas.SUBSCRIPTIONS)
def connect(call: Call) -> Response:
    return json_response(subscription_connections.connect(call.scope, call.path["uuid"], call.body), 202)


@api.post("/customers/{uuid}/disconnect_subscriptions", body=merge_schemas.SUBSCRIPTIONS)
def disconnect(call: Call) -> Response:
    return json_response(subscription_connections.disconnect(call.scope, call.path["uuid"], call.body), 202)
