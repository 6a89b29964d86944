"""The engine's vocabulary: the plain records it takes in and hands back.

Inputs are what the store already holds (plans, subscription line items, subscriptions with their
cancellation dates, customers); outputs are what the API shows (subscription states, activities,
customer results). Money is integer cents, times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

# Activity types, spelled as the Activities API spells them.
NEW_BIZ = "new_biz"
EXPANSION = "expansion"
CONTRACTION = "contraction"
CHURN = "churn"
REACTIVATION = "reactivation"
ACTIVITY_TYPES = (NEW_BIZ, EXPANSION, CONTRACTION, CHURN, REACTIVATION)
# An exchange rate's part of an MRR change (ChartMogul's "Exchange Rate Impact"): an activity of its own
# that the MRR series counts and that movements and the activity lists leave out.
EXCHANGE_RATE = "fx"

# Customer statuses the engine decides (leads keep the customer's own lead status).
ACTIVE = "Active"
PAST_DUE = "Past Due"
CANCELLED = "Cancelled"


# -- inputs ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    uuid: str
    external_id: str
    name: str
    interval_count: int
    interval_unit: str  # 'day' | 'month' | 'year'


class LineItem(NamedTuple):
    """One subscription line item (one-time items never reach the engine). A named tuple rather than a
    dataclass: the store builds tens of thousands per bulk import, and a tuple is built in one call."""

    seq: int  # import order: unique and increasing
    subscription_uuid: str
    subscription_external_id: str
    subscription_set_external_id: str | None
    plan_uuid: str | None
    service_period_start: datetime
    service_period_end: datetime
    amount_in_cents: int
    tax_amount_in_cents: int
    currency: str  # the invoice currency
    prorated: bool
    proration_type: str | None
    event_order: int | None
    quantity: int


@dataclass(frozen=True, slots=True)
class Subscription:
    uuid: str
    external_id: str
    subscription_set_external_id: str | None
    cancellation_dates: tuple[datetime, ...] = ()
    # shared by subscriptions connected into one history (connect_subscriptions), else None
    connection: str | None = None
    # fed by subscription events (analytics.events): it renews without invoices, so never past due
    open_ended: bool = False


@dataclass(frozen=True, slots=True)
class CustomerInput:
    uuid: str
    external_id: str
    name: str
    country: str | None
    data_source_uuid: str
    lead_status: str
    subscriptions: tuple[Subscription, ...]
    line_items: tuple[LineItem, ...]


# -- outputs --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubscriptionState:
    """A subscription as of `now`."""

    uuid: str
    external_id: str
    subscription_set_external_id: str | None
    plan_uuid: str | None  # the latest line's plan
    mrr: int  # at `now`, account currency
    quantity: int
    status: str  # 'active' unless cancelled at `now`, then 'inactive'
    start: datetime  # first line's service_period_start
    end: datetime  # latest line's service_period_end
    currency: str  # latest line's invoice currency
    cancelled: bool
    past_due: bool = False  # keeps MRR > 0 after its last service period ended


@dataclass(frozen=True, slots=True)
class Activity:
    """One MRR movement of one customer, after Smart Activity Classification."""

    customer_uuid: str
    date: datetime
    type: str  # one of ACTIVITY_TYPES, or EXCHANGE_RATE
    movement: int  # signed cents
    mrr_after: int  # the customer's total MRR after this activity
    subscription_uuid: str
    subscription_external_id: str
    subscription_set_external_id: str | None
    plan_uuid: str | None
    description: str
    seq: int  # order within the customer, from 0


@dataclass(slots=True)
class CustomerResult:
    uuid: str
    status: str  # 'Active' | 'Past Due' | 'Cancelled' | the customer's lead status
    mrr: int  # at `now`
    customer_since: datetime | None
    subscriptions: list[SubscriptionState] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    @property
    def arr(self) -> int:
        return self.mrr * 12
