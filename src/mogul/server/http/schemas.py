"""The request bodies of ChartMogul's API v1 as JSON schemas, for the OpenAPI document.

Field names, types and enums are ChartMogul's (../shared/reference/api-reference.md). They describe what
a client sends; what is accepted is decided by the domain's checks, so these stay permissive where
ChartMogul is (unknown keys allowed, optional fields optional).
"""

from __future__ import annotations

from mogul.server.domain.checks import (
    COLLECTION_METHODS,
    INTERVAL_UNITS,
    INVOICE_STATUSES,
    LINE_ITEM_TYPES,
    PRORATION_TYPES,
    TRANSACTION_RESULTS,
    TRANSACTION_TYPES,
)
from mogul.server.http.openapi import (
    ANY_OBJECT,
    BOOLEAN,
    DATETIME,
    INTEGER,
    STRING,
    STRINGS,
    Schema,
    array,
    enum,
    extend,
    obj,
    optional,
)

CUSTOM_ATTRIBUTE = obj(
    ["type", "key", "value"],
    type=enum("String", "Integer", "Decimal", "Timestamp", "Boolean"),
    key=STRING,
    value={},
    source=STRING,
)
ATTRIBUTES = obj(tags=STRINGS, custom=array(CUSTOM_ATTRIBUTE))

_PROFILE: dict[str, Schema] = {
    "name": STRING,
    "email": STRING,
    "company": STRING,
    "country": STRING,
    "state": STRING,
    "city": STRING,
    "zip": STRING,
    "website_url": STRING,
    "lead_created_at": DATETIME,
    "free_trial_started_at": DATETIME,
}

CUSTOMER_NEW = obj(
    ["data_source_uuid", "external_id", "name"],
    data_source_uuid=STRING,
    external_id=STRING,
    attributes=ATTRIBUTES,
    **_PROFILE,
)
CUSTOMER_CHANGE = obj(
    external_id=STRING,
    data_source_uuid=STRING,
    status=STRING,
    attributes=obj(tags=STRINGS, custom=ANY_OBJECT),
    **_PROFILE,
)
TAGS = obj(["tags"], tags=STRINGS)
EMAIL_TAGS = obj(["email", "tags"], email=STRING, tags=STRINGS)
CUSTOM_NEW = obj(["custom"], custom=array(CUSTOM_ATTRIBUTE))
EMAIL_CUSTOM = obj(["email", "custom"], email=STRING, custom=array(CUSTOM_ATTRIBUTE))
CUSTOM_CHANGE = obj(["custom"], custom=ANY_OBJECT)
CUSTOM_KEYS = obj(["custom"], custom=STRINGS)

_PLAN_FIELDS: dict[str, Schema] = {
    "name": STRING,
    "interval_count": INTEGER,
    "interval_unit": enum(*INTERVAL_UNITS),
}
PLAN_NEW = obj(
    ["data_source_uuid", "name", "interval_count", "interval_unit"],
    data_source_uuid=STRING,
    external_id=STRING,
    **_PLAN_FIELDS,
)
PLAN_CHANGE = obj(**_PLAN_FIELDS)

TRANSACTION = obj(
    ["type", "date", "result"],
    type=enum(*TRANSACTION_TYPES),
    date=DATETIME,
    result=enum(*TRANSACTION_RESULTS),
    external_id=STRING,
    amount_in_cents=INTEGER,
    transaction_fees_in_cents=INTEGER,
    transaction_fees_currency=STRING,
)
LINE_ITEM = obj(
    ["type", "amount_in_cents"],
    type=enum(*LINE_ITEM_TYPES),
    amount_in_cents=INTEGER,
    quantity=INTEGER,
    plan_uuid=STRING,
    plan_external_id=STRING,
    subscription_external_id=STRING,
    subscription_set_external_id=STRING,
    service_period_start=DATETIME,
    service_period_end=DATETIME,
    cancelled_at=DATETIME,
    prorated=BOOLEAN,
    proration_type=enum(*PRORATION_TYPES),
    discount_code=STRING,
    discount_amount_in_cents=INTEGER,
    discount_description=STRING,
    tax_amount_in_cents=INTEGER,
    transaction_fees_in_cents=INTEGER,
    transaction_fees_currency=STRING,
    external_id=STRING,
    account_code=STRING,
    event_order=INTEGER,
    description=STRING,
)
INVOICE = obj(
    ["external_id", "date", "currency", "line_items"],
    external_id=STRING,
    date=DATETIME,
    due_date=DATETIME,
    currency=STRING,
    collection_method=enum(*COLLECTION_METHODS),
    customer_external_id=STRING,
    data_source_uuid=STRING,
    line_items=array(LINE_ITEM),
    transactions=array(TRANSACTION),
)
INVOICES = obj(["invoices"], invoices=array(INVOICE))

# Updates take any of the fields an import does; `disabled_state` and `status` take one each.
LINE_ITEM_CHANGE = optional(LINE_ITEM)
TRANSACTION_CHANGE = optional(TRANSACTION)
INVOICE_CHANGE = obj(
    date=DATETIME, due_date=DATETIME, currency=STRING, collection_method=enum(*COLLECTION_METHODS)
)
DISABLED_STATE = obj(["disabled"], disabled=BOOLEAN)
INVOICE_STATUS = obj(["status"], status=enum(*INVOICE_STATUSES))

IMPORTED_CUSTOMER = obj(["external_id", "name"], external_id=STRING, attributes=ATTRIBUTES, **_PROFILE)
IMPORTED_PLAN = obj(["name", "interval_count", "interval_unit"], external_id=STRING, **_PLAN_FIELDS)
JSON_IMPORT = obj(
    external_id=STRING,
    customers=array(IMPORTED_CUSTOMER),
    plans=array(IMPORTED_PLAN),
    invoices=array(INVOICE),
    line_items=array(extend(LINE_ITEM, invoice_external_id=STRING)),
    transactions=array(extend(TRANSACTION, invoice_external_id=STRING)),
)

DATA_SOURCE_NEW = obj(["name"], name=STRING, system=STRING)
PLAN_GROUP = obj(name=STRING, plans=STRINGS)
PLAN_GROUP_NEW = obj(["name", "plans"], name=STRING, plans=STRINGS)
CANCELLATION = obj(cancelled_at=DATETIME, cancellation_dates=array(DATETIME))

# A sandbox bundle (server/domain/bundles.py): data sources holding what a JSON import takes, custom
# attributes also as the plain map GET shows, and plan groups naming their plans by data source name.
BUNDLE = obj(
    mogul_bundle=INTEGER,
    data_sources=array(
        obj(
            ["name"],
            name=STRING,
            system=STRING,
            plans=array(IMPORTED_PLAN),
            customers=array(
                obj(
                    ["external_id"],
                    external_id=STRING,
                    status=STRING,
                    attributes=obj(tags=STRINGS, custom={"anyOf": [array(CUSTOM_ATTRIBUTE), ANY_OBJECT]}),
                    **_PROFILE,
                )
            ),
            invoices=array(INVOICE),
            subscriptions=array(
                obj(
                    ["customer_external_id", "external_id", "cancellation_dates"],
                    customer_external_id=STRING,
                    external_id=STRING,
                    cancellation_dates=array(DATETIME),
                )
            ),
        )
    ),
    plan_groups=array(
        obj(
            ["name", "plans"],
            name=STRING,
            plans=array(obj(["data_source", "external_id"], data_source=STRING, external_id=STRING)),
        )
    ),
)
