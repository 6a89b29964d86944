"""The request bodies of ChartMogul's CRM resources (contacts, notes, opportunities, tasks) as
JSON schemas, for the OpenAPI document; permissive as `schemas` is (the domain's checks decide)."""

from __future__ import annotations

from mogul.server.domain.associations import METHODS, OBJECTS
from mogul.server.domain.contacts import PROFILE
from mogul.server.domain.customer_notes import TYPES as NOTE_TYPES
from mogul.server.domain.opportunities import FORECAST_CATEGORIES
from mogul.server.domain.opportunities import TYPES as OPPORTUNITY_TYPES
from mogul.server.http.openapi import DATE, DATETIME, INTEGER, STRING, Schema, array, enum, obj

CUSTOM = {"anyOf": [array(obj(["key", "value"], key=STRING, value={})), {"type": "object"}]}

_CONTACT: dict[str, Schema] = {
    **{key: STRING for key in PROFILE},
    "notes": STRING,
    "external_id": STRING,
    "position": INTEGER,
    "custom": CUSTOM,
}
CONTACT_NEW = obj(
    ["customer_uuid", "data_source_uuid"], customer_uuid=STRING, data_source_uuid=STRING, **_CONTACT
)
CUSTOMER_CONTACT_NEW = obj(["data_source_uuid"], data_source_uuid=STRING, **_CONTACT)
CONTACT_CHANGE = obj(**_CONTACT)

_NOTE: dict[str, Schema] = {
    "text": STRING,
    "author_email": STRING,
    "call_duration": INTEGER,
    "created_at": DATETIME,
}
NOTE_NEW = obj(["customer_uuid", "type"], customer_uuid=STRING, type=enum(*NOTE_TYPES), **_NOTE)
NOTE_CHANGE = obj(updated_at=DATETIME, **_NOTE)
# what a note or task is for: `customer_uuid`, or this (`associations`)
_TARGET: dict[str, Schema] = {
    "customer_uuid": STRING,
    "associated_object_identifier": obj(
        ["associated_object", "method", "value"],
        associated_object=enum(*OBJECTS),
        method=enum(*METHODS),
        value=STRING,
    ),
}
ENTITY_NOTE_NEW = obj(["type"], type=enum(*NOTE_TYPES), **_TARGET, **_NOTE)

_OPPORTUNITY: dict[str, Schema] = {
    "owner": STRING,
    "pipeline": STRING,
    "pipeline_stage": STRING,
    "estimated_close_date": DATE,
    "currency": STRING,
    "amount_in_cents": INTEGER,
    "type": enum(*OPPORTUNITY_TYPES),
    "forecast_category": enum(*FORECAST_CATEGORIES),
    "win_likelihood": INTEGER,
    "custom": CUSTOM,
}
OPPORTUNITY_NEW = obj(
    [
        "customer_uuid",
        "owner",
        "pipeline",
        "pipeline_stage",
        "estimated_close_date",
        "amount_in_cents",
        "currency",
    ],
    customer_uuid=STRING,
    **_OPPORTUNITY,
)
OPPORTUNITY_CHANGE = obj(**_OPPORTUNITY)

_TASK: dict[str, Schema] = {
    "task_details": STRING,
    "assignee": STRING,
    "due_date": DATETIME,
    "completed_at": DATETIME,
}
TASK_NEW = obj(["task_details", "assignee", "due_date"], **_TARGET, **_TASK)
TASK_CHANGE = obj(**_TASK)
