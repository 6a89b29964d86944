"""Data source modules: List, Get, Create, Delete."""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Emit, Flow
from mogul.modules import pickers
from mogul.modules.customers import SYSTEM
from mogul.modules.recovery import ByKey
from mogul.modules.spec import Field, Group, Inputs, Module, limit_field, to_body


def data_source_field(help: str) -> Field:
    return Field(
        "data_source",
        "Data Source",
        "str",
        help,
        api_name="data_source_uuid",
        required=True,
        picker="data_source",
    )


# -- list ------------------------------------------------------------------------------------------------

LIST_FIELDS = (
    limit_field("data sources"),
    Field(
        "name",
        "Filter by Name",
        "str",
        "Enter the data source name you want to list. For example, My data source.",
    ),
    Field(
        "system",
        "Filter by System",
        "enum",
        "Select the billing system of the data source you want to list.",
        choices=SYSTEM,
    ),
)


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    # Not paginated by ChartMogul: one answer holds every data source.
    body = yield from ctx.get("/data_sources", to_body(LIST_FIELDS, inputs, ("name", "system")))
    limit = inputs.get("limit")
    for n, item in enumerate((body or {}).get("data_sources") or []):
        if limit is not None and n >= limit:
            return
        yield Emit(item)


LIST = Module(
    "data_sources.list",
    "List Data Source",
    "List all data source object in your ChartMogul account.",
    LIST_FIELDS,
    _list,
    ("GET /data_sources",),
    output="list",
)

# -- get -------------------------------------------------------------------------------------------------


def _get(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.data_source(ctx, inputs["data_source"])
    return (yield from ctx.get(f"/data_sources/{uuid}"))


GET = Module(
    "data_sources.get",
    "Get a Data Source",
    "Retrieves a data source object from your ChartMogul account.",
    (data_source_field("Select the data source whose details you want to retrieve."),),
    _get,
    ("GET /data_sources/{uuid}",),
    object_field="data_source",
)

# -- create ----------------------------------------------------------------------------------------------

CREATE_FIELDS = (
    Field(
        "name",
        "Name",
        "str",
        "Enter a unique name for the data source. For example, Implementation system.",
        required=True,
    ),
)


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    name = inputs["name"]

    def lookup(ctx: Context) -> Flow[Any]:
        body = yield from ctx.get("/data_sources", {"name": name})
        found = (body or {}).get("data_sources") or []
        return found[0] if found else None

    return (yield from ctx.call("POST", "/data_sources", json={"name": name}, recovery=ByKey("name", lookup)))


CREATE = Module(
    "data_sources.create",
    "Create a Data Source",
    "Creates a data source object for importing data into ChartMogul.",
    CREATE_FIELDS,
    _create,
    ("POST /data_sources",),
)

# -- delete ----------------------------------------------------------------------------------------------


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.data_source(ctx, inputs["data_source"])
    yield from ctx.call("DELETE", f"/data_sources/{uuid}")


DELETE = Module(
    "data_sources.delete",
    "Delete a Data Source",
    "Deletes the specified data source object and all its associated data.",
    (data_source_field("Select the data source you want to delete."),),
    _delete,
    ("DELETE /data_sources/{uuid}",),
    output="none",
    object_field="data_source",
)

GROUP = Group("data_sources", "Data Source", 4, (LIST, GET, CREATE, DELETE))
