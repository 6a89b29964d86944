"""The Metrics API: key metric series, and activities (the account's and a customer's)."""

from __future__ import annotations

from starlette.responses import Response

from mogul.analytics.metrics import INTERVALS, METRICS
from mogul.server.domain import activities, metrics
from mogul.server.http.openapi import DATE, STRING, enum, required
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()
METRIC_QUERY = {
    "start-date": required(DATE),
    "end-date": required(DATE),
    "interval": enum(*INTERVALS),
    "plans": STRING,
    "geo": STRING,
}
ACTIVITY_QUERY = {
    "start-date": DATE,
    "end-date": DATE,
    "type": enum(*activities.LISTED_TYPES),
    "order": enum(*activities.ORDERS),
}


@api.get("/metrics/{name}", query=METRIC_QUERY, path_schemas={"name": enum("all", *METRICS)})
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


@api.get("/activities", query={**ACTIVITY_QUERY, "start-after": STRING}, paged=True)
def list_activities(call: Call) -> Response:
    filters = activities.ActivityFilters(
        call.param("start-date", "start_date"),
        call.param("end-date", "end_date"),
        call.param("type"),
        call.param("order"),
        call.param("start-after", "start_after"),
    )
    return json_response(activities.list_activities(call.scope, filters, call.page()))


@api.get("/customers/{uuid}/activities", paged=True)
def customer_activities(call: Call) -> Response:
    return json_response(activities.list_for_customer(call.scope, call.path["uuid"], call.page()))
