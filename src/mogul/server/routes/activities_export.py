"""Activities exports: create, retrieve, and download the file (mogul's own URL for it)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import activities, activities_export
from mogul.server.http.openapi import DATETIME, enum, obj
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()
EXPORT_NEW = obj(**{"start-date": DATETIME, "end-date": DATETIME, "type": enum(*activities.LISTED_TYPES)})


@api.post("/activities_export", body=EXPORT_NEW)
def create(call: Call) -> Response:
    return json_response(activities_export.create(call.scope, call.body))


@api.get("/activities_export/{id}", short=True)
def retrieve(call: Call) -> Response:
    # the python client also sends `?id=<id>`: the path says which export
    base_url = str(call.request.base_url)
    return json_response(activities_export.retrieve(call.scope, call.path["id"], base_url))


@api.get("/activities_export/{id}/file", short=True)
def file(call: Call) -> Response:
    uuid = call.path["id"]
    headers = {"Content-Disposition": f'attachment; filename="activities-export-{uuid}.zip"'}
    content = activities_export.file(call.scope, uuid)
    return Response(content, media_type="application/zip", headers=headers)
