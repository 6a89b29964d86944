"""Data sources: create, list, retrieve, delete (with everything that belongs to them)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import data_sources
from mogul.server.domain.fields import parse_bool
from mogul.server.http import schemas
from mogul.server.http.openapi import BOOLEAN, params_of
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()
# the `with_*` query flags, named after the fields of DataSourceOptions
FLAGS = {
    "with_processing_status": BOOLEAN,
    "with_auto_churn_subscription_setting": BOOLEAN,
    "with_invoice_handling_setting": BOOLEAN,
}


def _options(call: Call) -> data_sources.DataSourceOptions:
    """The `with_*` flags; a value that is not a boolean reads as false."""
    flags = {name[len("with_") :]: parse_bool(call.param(name)) is True for name in FLAGS}
    return data_sources.DataSourceOptions(**flags)


@api.post("/data_sources", body=schemas.DATA_SOURCE_NEW, query=FLAGS)
def create(call: Call) -> Response:
    return json_response(data_sources.create(call.scope, call.body, _options(call)), 201)


@api.get("/data_sources", query={**params_of(data_sources.DataSourceFilters), **FLAGS}, short=True)
def list_(call: Call) -> Response:
    filters = call.params(data_sources.DataSourceFilters)
    return json_response(data_sources.list_data_sources(call.scope, filters, _options(call)))


@api.get("/data_sources/{uuid}", query=FLAGS, short=True)
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
