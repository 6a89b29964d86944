"""Activities export modules (not in Make's app): Export Activities and Get an Activities Export. They are
in the activities group (`activities.GROUP`).

An export is a job: ChartMogul answers the creation with `"status": "pending"` and makes a zipped CSV
of the activities later. Export Activities waits for it by default, asking again after 1, 2, 4 and then
every 5 seconds for at most `WAIT_AT_MOST`, and returns the export with its `file_url`; with `wait` off
it returns the pending export at once, for Get an Activities Export to look at later.

    client.activities.export(start_date="2024-01-01", type="churn").file_url
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from mogul.errors import APIError
from mogul.flow import Context, Flow, Sleep
from mogul.modules.activity_filters import ACTIVITY_FIELDS, check_activities, moment
from mogul.modules.spec import Field, Inputs, Module

WAIT_AT_MOST = 300.0
# the states after which an export changes no more
DONE = frozenset({"succeeded", "failed", "expired"})

EXPORT_FIELDS = (
    *(f for f in ACTIVITY_FIELDS if f.name in ("start_date", "end_date", "type")),
    Field(
        "wait",
        "Wait",
        "bool",
        "Select whether to wait until the file is ready (yes by default).",
        default=True,
    ),
)


def _pauses() -> Iterator[float]:
    """The seconds between two looks at a pending export: 1, 2, 4, then 5 until `WAIT_AT_MOST`."""
    waited, pause = 0.0, 1.0
    while waited + pause <= WAIT_AT_MOST:
        yield pause
        waited += pause
        pause = min(pause * 2, 5.0)


def _export(ctx: Context, inputs: Inputs) -> Flow[Any]:
    body: dict[str, Any] = {}
    if "start_date" in inputs:
        body["start-date"] = moment(inputs["start_date"], end=False)
    if "end_date" in inputs:
        body["end-date"] = moment(inputs["end_date"], end=True)
    if "type" in inputs:
        body["type"] = inputs["type"]
    export = yield from ctx.call("POST", "/activities_export", json=body)
    if not inputs.get("wait", True):
        return export
    path = f"/activities_export/{quote(str(export['id']), safe='')}"
    for pause in _pauses():
        if export.get("status") in DONE:
            return export
        yield Sleep(pause)
        export = yield from ctx.get(path)
    if export.get("status") in DONE:
        return export
    raise APIError(
        f"the activities export {export['id']} is still {export.get('status')} after "
        f"{WAIT_AT_MOST:g} s; look at it later with `mogul activities get-export {export['id']}`",
        method="GET",
        url=path,
    )


EXPORT = Module(
    "activities.export",
    "Export Activities",
    "Exports the account's activities, filtered as List Activities filters them, to a zipped CSV file and "
    "returns the export with the file's URL.",
    EXPORT_FIELDS,
    _export,
    ("POST /activities_export", "GET /activities_export/{id}"),
    check=check_activities,
    from_seed=False,
)


def _get_export(ctx: Context, inputs: Inputs) -> Flow[Any]:
    return (yield from ctx.get(f"/activities_export/{quote(inputs['id'], safe='')}"))


GET_EXPORT = Module(
    "activities.get_export",
    "Get an Activities Export",
    "Returns an activities export: its status, and the file's URL once it has succeeded.",
    (Field("id", "Export ID", "str", "Enter the ID of the export.", required=True),),
    _get_export,
    ("GET /activities_export/{id}",),
    object_field="id",
    from_seed=False,
)

MODULES = (EXPORT, GET_EXPORT)
