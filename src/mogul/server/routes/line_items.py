"""Line items: import one onto an invoice, list, retrieve, update, disable or enable, delete; each by
uuid or by external id within a data source (`?data_source_uuid=&external_id=`)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import line_items, query
from mogul.server.domain.base import ExternalRef
from mogul.server.http import schemas
from mogul.server.http.openapi import BOOLEAN, params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()

BY_EXTERNAL_ID = params_of(ExternalRef)
USER_EDIT = {"handle_as_user_edit": BOOLEAN}


@api.post("/import/invoices/{uuid}/line_items", body=schemas.LINE_ITEM)
def import_(call: Call) -> Response:
    return json_response(line_items.import_line_item(call.scope, call.path["uuid"], call.body), 201)


@api.get("/line_items", query=params_of(line_items.LineItemFilters), paged=True)
def list_(call: Call) -> Response:
    filters = call.params(line_items.LineItemFilters)
    return json_response(line_items.list_line_items(call.scope, filters, call.page()))


# the fixed paths before `/line_items/{uuid}`, which would take `disabled_state` for a uuid
@api.patch("/line_items/disabled_state", query=BY_EXTERNAL_ID, body=schemas.DISABLED_STATE)
def disable_by_external_id(call: Call) -> Response:
    ref = call.params(ExternalRef)
    return json_response(line_items.set_disabled(call.scope, ref, call.body))


@api.patch("/line_items", query={**BY_EXTERNAL_ID, **USER_EDIT}, body=schemas.LINE_ITEM_CHANGE)
def modify_by_external_id(call: Call) -> Response:
    return json_response(line_items.modify(call.scope, call.params(ExternalRef), call.body))


@api.delete("/line_items", query=BY_EXTERNAL_ID)
def destroy_by_external_id(call: Call) -> Response:
    line_items.destroy(call.scope, call.params(ExternalRef))
    return no_content()


@api.get("/line_items/{uuid}", query={"with_disabled": BOOLEAN})
def retrieve(call: Call) -> Response:
    with_disabled = query.flag(call.param("with_disabled"), "with_disabled")
    return json_response(line_items.retrieve(call.scope, call.path["uuid"], with_disabled=with_disabled))


@api.patch("/line_items/{uuid}", query=USER_EDIT, body=schemas.LINE_ITEM_CHANGE)
def modify(call: Call) -> Response:
    return json_response(line_items.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/line_items/{uuid}")
def destroy(call: Call) -> Response:
    line_items.destroy(call.scope, call.path["uuid"])
    return no_content()


@api.patch("/line_items/{uuid}/disabled_state", body=schemas.DISABLED_STATE)
def disable(call: Call) -> Response:
    return json_response(line_items.set_disabled(call.scope, call.path["uuid"], call.body))
