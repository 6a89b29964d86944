"""The request bodies of customer merges and unmerges and of connecting subscriptions, as JSON schemas
for the OpenAPI document; permissive as `schemas` is (the domain's checks decide)."""

from __future__ import annotations

from mogul.server.domain.customer_merges import MOVABLE
from mogul.server.http.openapi import BOOLEAN, STRING, array, enum, obj

# a customer by its uuid, or by its external id in a data source
CUSTOMER_REF = obj(customer_uuid=STRING, data_source_uuid=STRING, external_id=STRING)
MERGE = obj(["from", "into"], **{"from": CUSTOMER_REF, "into": CUSTOMER_REF}, move_to_new_customer=BOOLEAN)
UNMERGE = obj(
    ["customer_uuid", "data_source_uuid", "external_id"],
    customer_uuid=STRING,
    data_source_uuid=STRING,
    external_id=STRING,
    move_to_new_customer=array(enum(*MOVABLE)),
)
# a subscription by its uuid (the Metrics API's plain one, or the Import API's sub_...) or external id
SUBSCRIPTIONS = obj(
    ["subscriptions"],
    subscriptions=array(obj(["data_source_uuid"], data_source_uuid=STRING, uuid=STRING, external_id=STRING)),
)
