"""An invoice's details and states: update, disable or enable (by uuid or by external id within a data
source), and set its status (void it, write it off) by external id."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import invoice_states
from mogul.server.domain.base import ExternalRef
from mogul.server.http import schemas
from mogul.server.http.openapi import BOOLEAN, params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()

BY_EXTERNAL_ID = params_of(ExternalRef)
USER_EDIT = {"handle_as_user_edit": BOOLEAN}


# The fixed path before `/invoices/{uuid}`, which would take `disabled_state` for a uuid (this group
# comes before routes.invoices for that reason).
@api.patch("/invoices/disabled_state", query=BY_EXTERNAL_ID, body=schemas.DISABLED_STATE)
def disable_by_external_id(call: Call) -> Response:
    ref = call.params(ExternalRef)
    return json_response(invoice_states.set_disabled(call.scope, ref, call.body))


@api.patch("/invoices", query={**BY_EXTERNAL_ID, **USER_EDIT}, body=schemas.INVOICE_CHANGE)
def modify_by_external_id(call: Call) -> Response:
    return json_response(invoice_states.modify(call.scope, call.params(ExternalRef), call.body))


@api.patch("/invoices/{uuid}", query=USER_EDIT, body=schemas.INVOICE_CHANGE)
def modify(call: Call) -> Response:
    return json_response(invoice_states.modify(call.scope, call.path["uuid"], call.body))


@api.patch("/invoices/{uuid}/disabled_state", body=schemas.DISABLED_STATE)
def disable(call: Call) -> Response:
    return json_response(invoice_states.set_disabled(call.scope, call.path["uuid"], call.body))


@api.put("/data_sources/{ds}/invoices/{external_id}/status", query=USER_EDIT, body=schemas.INVOICE_STATUS)
def update_status(call: Call) -> Response:
    path = call.path
    return json_response(invoice_states.set_status(call.scope, path["ds"], path["external_id"], call.body))
