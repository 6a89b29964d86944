"""Invoices with their line items and transactions: import, list, retrieve, delete; import a transaction."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import invoices, query
from mogul.server.http import schemas
from mogul.server.http.openapi import BOOLEAN, STRING, params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()

WITH_DISABLED = {"with_disabled": BOOLEAN}


@api.get("/invoices", query=params_of(invoices.InvoiceFilters), paged=True, short=True)
def list_(call: Call) -> Response:
    return json_response(
        invoices.list_invoices(call.scope, call.params(invoices.InvoiceFilters), call.page())
    )


@api.get("/import/customers/{uuid}/invoices", query=WITH_DISABLED, paged=True, short=True)
def list_for_customer(call: Call) -> Response:
    with_disabled = query.flag(call.param("with_disabled"), "with_disabled")
    found = invoices.list_for_customer(
        call.scope, call.path["uuid"], call.page(), with_disabled=with_disabled
    )
    return json_response(found)


@api.get("/invoices/{uuid}", query=WITH_DISABLED, short=True)
def retrieve(call: Call) -> Response:
    with_disabled = query.flag(call.param("with_disabled"), "with_disabled")
    return json_response(invoices.retrieve(call.scope, call.path["uuid"], with_disabled=with_disabled))


@api.delete("/invoices/{uuid}")
def destroy(call: Call) -> Response:
    invoices.destroy(call.scope, call.path["uuid"])
    return no_content()


@api.delete("/invoices", query={"data_source_uuid": STRING, "external_id": STRING})
def destroy_by_external_id(call: Call) -> Response:
    invoices.destroy_by_external_id(call.scope, call.param("data_source_uuid"), call.param("external_id"))
    return no_content()


@api.delete("/data_sources/{ds}/customers/{customer}/invoices")
def destroy_all(call: Call) -> Response:
    invoices.destroy_all(call.scope, call.path["ds"], call.path["customer"])
    return no_content()


@api.post("/import/customers/{uuid}/invoices", body=schemas.INVOICES)
def import_(call: Call) -> Response:
    return json_response(invoices.import_for_customer(call.scope, call.path["uuid"], call.body), 201)


@api.post("/import/invoices/{uuid}/transactions", body=schemas.TRANSACTION)
def import_transaction(call: Call) -> Response:
    return json_response(invoices.import_transaction(call.scope, call.path["uuid"], call.body), 201)
