"""Ping and account."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from mogul.server.http.openapi import STRING
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response

api = Api()

# The account settings ChartMogul reports through `include`, with the behaviour mogul implements.
ACCOUNT_SETTINGS = {
    "churn_recognition": "churn_at_time_of_cancelation",
    "churn_when_zero_mrr": False,
    "auto_churn_subscription": False,
    "refund_handling": "refund_ignore",
    "proximate_movement_reclassification": "one_hour_reclassification",
}


@api.get("/ping", transaction=False)
def ping(call: Call) -> Response:
    return json_response({"data": "pong!"})


@api.get("/account", query={"include": STRING}, transaction=False)
def account(call: Call) -> Response:
    a = call.account
    body: dict[str, Any] = {
        "id": a.uuid,
        "name": a.name,
        "currency": a.currency,
        "time_zone": a.time_zone,
        "week_start_on": a.week_start_on,
    }
    for name in (call.param("include") or "").split(","):
        name = name.strip()
        if name in ACCOUNT_SETTINGS:
            body[name] = ACCOUNT_SETTINGS[name]
    return json_response(body)
