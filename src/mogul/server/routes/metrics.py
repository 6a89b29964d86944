"""The Metrics API: key metric series, and activities (the account's and a customer's)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import activities, metrics
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()


@api.get("/metrics/{name}")
def series(call: Call) -> Response:
    request = metrics.MetricsRequest(
        call.path["name"],
        call.param("start-date", "start_date"),
        call.param("end-date", "end_date"),
        call.param("interval"),
        call.param("plans"),
        call.param("geo"),
    )
    return json_response(metrics.series(call.scope, request))


@api.get("/activities")
def list_activities(call: Call) -> Response:
    filters = activities.ActivityFilters(
        call.param("start-date", "start_date"),
        call.param("end-date", "end_date"),
        call.param("type"),
        call.param("order"),
        call.param("start-after", "start_after"),
    )
    return json_response(activities.list_activities(call.scope, filters, call.page()))


@api.get("/customers/{uuid}/activities")
def customer_activities(call: Call) -> Response:
    return json_response(activities.list_for_customer(call.scope, call.path["uuid"], call.page()))
