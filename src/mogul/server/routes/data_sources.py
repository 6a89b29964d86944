"""Data sources: create, list, retrieve, delete (with everything that belongs to them)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import data_sources
from mogul.server.domain.fields import parse_bool
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()


def _options(call: Call) -> data_sources.DataSourceOptions:
    """The `with_*` flags; a value that is not a boolean reads as false."""

    def flag(name: str) -> bool:
        return parse_bool(call.param(name)) is True

    return data_sources.DataSourceOptions(
        processing_status=flag("with_processing_status"),
        auto_churn_subscription_setting=flag("with_auto_churn_subscription_setting"),
        invoice_handling_setting=flag("with_invoice_handling_setting"),
    )


@api.post("/data_sources")
def create(call: Call) -> Response:
    return json_response(data_sources.create(call.scope, call.body, _options(call)), 201)


@api.get("/data_sources")
def list_(call: Call) -> Response:
    filters = data_sources.DataSourceFilters(call.param("name"), call.param("system"))
    return json_response(data_sources.list_data_sources(call.scope, filters, _options(call)))


@api.get("/data_sources/{uuid}")
def retrieve(call: Call) -> Response:
    return json_response(data_sources.retrieve(call.scope, call.path["uuid"], _options(call)))


@api.delete("/data_sources/{uuid}")
def destroy(call: Call) -> Response:
    data_sources.destroy(call.scope, call.path["uuid"])
    return no_content()


@api.delete("/data_sources/{uuid}/all")
def empty(call: Call) -> Response:
    """Delete all data of a source but keep the source itself."""
    data_sources.empty(call.scope, call.path["uuid"])
    return no_content()
