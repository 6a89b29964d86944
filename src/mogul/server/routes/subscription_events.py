"""Subscription events: create (201), list, update, delete (204), disable or enable; an event named by
its integer id, or by its external id within a data source (in the body, or in a delete's query as
Ruby sends it: `?subscription_event[id]=`)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import subscription_events as events
from mogul.server.http import event_schemas, schemas
from mogul.server.http.openapi import INTEGER, STRING, params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()

NAMES = ("id", "data_source_uuid", "external_id")
DELETE_QUERY = {f"subscription_event[{name}]": STRING for name in NAMES}


@api.post("/subscription_events", body=event_schemas.EVENT_NEW)
def create(call: Call) -> Response:
    return json_response(events.create(call.scope, call.body), 201)


@api.get("/subscription_events", query=params_of(events.EventFilters), paged=True, short=True)
def list_(call: Call) -> Response:
    filters = call.params(events.EventFilters)
    return json_response(events.list_events(call.scope, filters, call.page()))


@api.patch("/subscription_events", body=event_schemas.EVENT_CHANGE)
def modify(call: Call) -> Response:
    return json_response(events.modify(call.scope, call.body))


@api.delete("/subscription_events", query=DELETE_QUERY, body=event_schemas.EVENT_NAMED)
def destroy(call: Call) -> Response:
    named = events.DeleteQuery(*(call.param(f"subscription_event[{name}]", name) for name in NAMES))
    events.destroy(call.scope, call.body, named)
    return no_content()


@api.patch("/subscription_events/disabled_state", body=event_schemas.DISABLED_STATE_NAMED)
def disable_by_external_id(call: Call) -> Response:
    return json_response(events.set_disabled(call.scope, None, call.body))


@api.patch(
    "/subscription_events/{id}/disabled_state", body=schemas.DISABLED_STATE, path_schemas={"id": INTEGER}
)
def disable(call: Call) -> Response:
    return json_response(events.set_disabled(call.scope, call.path["id"], call.body))
