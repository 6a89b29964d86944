"""Transactions: list, retrieve, update, disable or enable, delete; each by uuid or by external id
within a data source (`?data_source_uuid=&external_id=`). Importing one is an invoice route."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import query, transactions
from mogul.server.domain.base import ExternalRef
from mogul.server.http import schemas
from mogul.server.http.openapi import BOOLEAN, params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()

BY_EXTERNAL_ID = params_of(ExternalRef)
USER_EDIT = {"handle_as_user_edit": BOOLEAN}


@api.get("/transactions", query=params_of(transactions.TransactionFilters), paged=True)
def list_(call: Call) -> Response:
    filters = call.params(transactions.TransactionFilters)
    return json_response(transactions.list_transactions(call.scope, filters, call.page()))


# the fixed paths before `/transactions/{uuid}`, which would take `disabled_state` for a uuid
@api.patch("/transactions/disabled_state", query=BY_EXTERNAL_ID, body=schemas.DISABLED_STATE)
def disable_by_external_id(call: Call) -> Response:
    ref = call.params(ExternalRef)
    return json_response(transactions.set_disabled(call.scope, ref, call.body))


@api.patch("/transactions", query={**BY_EXTERNAL_ID, **USER_EDIT}, body=schemas.TRANSACTION_CHANGE)
def modify_by_external_id(call: Call) -> Response:
    return json_response(transactions.modify(call.scope, call.params(ExternalRef), call.body))


@api.delete("/transactions", query=BY_EXTERNAL_ID)
def destroy_by_external_id(call: Call) -> Response:
    transactions.destroy(call.scope, call.params(ExternalRef))
    return no_content()


@api.get("/transactions/{uuid}", query={"with_disabled": BOOLEAN})
def retrieve(call: Call) -> Response:
    with_disabled = query.flag(call.param("with_disabled"), "with_disabled")
    return json_response(transactions.retrieve(call.scope, call.path["uuid"], with_disabled=with_disabled))


@api.patch("/transactions/{uuid}", query=USER_EDIT, body=schemas.TRANSACTION_CHANGE)
def modify(call: Call) -> Response:
    return json_response(transactions.modify(call.scope, call.path["uuid"], call.body))


@api.delete("/transactions/{uuid}")
def destroy(call: Call) -> Response:
    transactions.destroy(call.scope, call.path["uuid"])
    return no_content()


@api.patch("/transactions/{uuid}/disabled_state", body=schemas.DISABLED_STATE)
def disable(call: Call) -> Response:
    return json_response(transactions.set_disabled(call.scope, call.path["uuid"], call.body))
