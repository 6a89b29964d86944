"""The request bodies of ChartMogul's subscription events as JSON schemas, for the OpenAPI document;
permissive as `schemas` is (the domain's checks decide). Each body may come in the
`{"subscription_event": {...}}` envelope or flat (the Python client's `create` sends it flat)."""

from __future__ import annotations

from mogul.analytics.events import EVENT_TYPES
from mogul.server.http.openapi import BOOLEAN, DATETIME, INTEGER, STRING, Schema, enum, obj, optional

_FIELDS: dict[str, Schema] = {
    "data_source_uuid": STRING,
    "customer_external_id": STRING,
    "subscription_external_id": STRING,
    "subscription_set_external_id": STRING,
    "plan_external_id": STRING,
    "event_type": enum(*EVENT_TYPES),
    "event_date": DATETIME,
    "effective_date": DATETIME,
    "external_id": STRING,
    "currency": STRING,
    "amount_in_cents": INTEGER,
    "quantity": INTEGER,
    "tax_amount_in_cents": INTEGER,
    "retracted_event_id": {"anyOf": [INTEGER, STRING]},
    "event_order": INTEGER,
}
_REQUIRED = (
    "data_source_uuid",
    "customer_external_id",
    "subscription_external_id",
    "event_type",
    "event_date",
    "effective_date",
)


def _either(event: Schema) -> Schema:
    return {"anyOf": [obj(["subscription_event"], subscription_event=event), event]}


EVENT = obj(_REQUIRED, **_FIELDS)
EVENT_NEW = _either(EVENT)
# an update or a delete names its event by `id`, or by `data_source_uuid` and `external_id`
EVENT_CHANGE = _either(optional(obj(id=INTEGER, **_FIELDS)))
EVENT_NAMED = _either(obj(id=INTEGER, data_source_uuid=STRING, external_id=STRING))
DISABLED_STATE_NAMED = obj(
    ["data_source_uuid", "external_id", "disabled"],
    data_source_uuid=STRING,
    external_id=STRING,
    disabled=BOOLEAN,
)
