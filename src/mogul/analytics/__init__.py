"""The analytics engine: billing data in, subscriptions, MRR, activities and metric series out.

Pure functions over the plain records of `mogul.analytics.model`: no HTTP, no SQL. The server calls
`compute_customer` per customer (at import time and in bulk) and `metric_series` per metrics request.

- valuation: the MRR of one line item (month normalisation, proration, tax, currency).
- subscriptions: one subscription's MRR timeline and its state as of `now`.
- movements: a customer's activities (MRR movements), status and current MRR.
- metrics: the Metrics API series and summaries from activities.
"""

from mogul.analytics.metrics import ActivityLog, metric_series, prepare_activities
from mogul.analytics.model import (
    Activity,
    CustomerInput,
    CustomerResult,
    LineItem,
    Plan,
    Subscription,
    SubscriptionState,
)
from mogul.analytics.movements import compute_customer
from mogul.analytics.subscriptions import MrrChange, UnknownPlanError, subscription_timeline
from mogul.analytics.valuation import UnsupportedCurrencyError, line_mrr, month_ratio, prorate_factor

__all__ = [
    "Activity",
    "ActivityLog",
    "CustomerInput",
    "CustomerResult",
    "LineItem",
    "MrrChange",
    "Plan",
    "Subscription",
    "SubscriptionState",
    "UnknownPlanError",
    "UnsupportedCurrencyError",
    "compute_customer",
    "line_mrr",
    "metric_series",
    "month_ratio",
    "prepare_activities",
    "prorate_factor",
    "subscription_timeline",
]
