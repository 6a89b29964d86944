"""Subscription events as the engine's inputs: a subscription fed by events (ChartMogul's other way of
feeding a custom data source, `POST /subscription_events`) becomes the same line items and cancellation
dates an invoiced one is made of, so its MRR timeline, movements and activities come out of the one
engine (`analytics.subscriptions`, `analytics.movements`).

- `subscription_start` and `subscription_updated` SET the subscription's MRR from their
  `effective_date`: each is a non-prorated line of one plan interval (`amount_in_cents` less
  `tax_amount_in_cents`, for the plan's interval, normalised to a month as an invoice line is).
- `subscription_cancelled` is a cancellation at its `effective_date` (churn, or contraction while the
  customer has other subscriptions).
- `subscription_event_retracted` removes the effect of the event its `retracted_event_id` names.
- The scheduled types and their retractions change no MRR: they are commitments (ChartMogul's CMRR),
  kept and listed, and counted nowhere (docs/behaviour.md).

Disabled events are left out by the caller. Pure functions: no HTTP, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import NamedTuple

from mogul.analytics.model import LineItem, Plan
from mogul.analytics.valuation import full_period_end

START = "subscription_start"
START_SCHEDULED = "subscription_start_scheduled"
START_RETRACTED = "scheduled_subscription_start_retracted"
CANCELLED = "subscription_cancelled"
CANCELLATION_SCHEDULED = "subscription_cancellation_scheduled"
CANCELLATION_RETRACTED = "scheduled_subscription_cancellation_retracted"
UPDATED = "subscription_updated"
UPDATE_SCHEDULED = "subscription_update_scheduled"
UPDATE_RETRACTED = "scheduled_subscription_update_retracted"
RETRACTED = "subscription_event_retracted"

EVENT_TYPES = (
    START,
    START_SCHEDULED,
    START_RETRACTED,
    CANCELLED,
    CANCELLATION_SCHEDULED,
    CANCELLATION_RETRACTED,
    UPDATED,
    UPDATE_SCHEDULED,
    UPDATE_RETRACTED,
    RETRACTED,
)
# the types that change MRR now (the others are commitments for later, or their retractions)
IMMEDIATE = (START, UPDATED, CANCELLED)
# the types that need a plan, an amount, a currency and a quantity
PRICED = (START, START_SCHEDULED, UPDATED, UPDATE_SCHEDULED)
# the types that name the event they retract
RETRACTIONS = (START_RETRACTED, CANCELLATION_RETRACTED, UPDATE_RETRACTED, RETRACTED)
# the types that count for the figures
COUNTED = (*IMMEDIATE, RETRACTED)


class Event(NamedTuple):
    """One enabled subscription event, with its subscription and plan as the engine names them."""

    id: int  # unique and increasing with creation: the import order of its line
    event_type: str
    subscription_uuid: str
    subscription_external_id: str
    subscription_set_external_id: str | None
    plan_uuid: str | None
    effective_date: datetime
    amount_in_cents: int | None
    tax_amount_in_cents: int | None
    currency: str | None
    quantity: int | None
    retracted_event_id: int | None
    event_order: int | None


def _order(event: Event) -> tuple[datetime, int, int]:
    return (event.effective_date, event.event_order or 0, event.id)


def effective(events: Iterable[Event]) -> list[Event]:
    """The immediate events that count: not retracted by a `subscription_event_retracted` among
    `events`, in processing order (effective date, event_order, creation)."""
    given = list(events)
    retracted = {e.retracted_event_id for e in given if e.event_type == RETRACTED}
    return sorted(
        (e for e in given if e.event_type in IMMEDIATE and e.id not in retracted),
        key=_order,
    )


def lines_and_cancellations(
    events: Iterable[Event], plans: Mapping[str, Plan]
) -> tuple[list[LineItem], dict[str, list[datetime]]]:
    """The line items and the cancellation dates (by subscription external id) that a customer's
    enabled events amount to. A priced event whose plan the engine was not given (the plan was
    deleted) sets nothing."""
    lines: list[LineItem] = []
    cancellations: dict[str, list[datetime]] = {}
    for e in effective(events):
        if e.event_type == CANCELLED:
            cancellations.setdefault(e.subscription_external_id, []).append(e.effective_date)
            continue
        plan = plans.get(e.plan_uuid) if e.plan_uuid is not None else None
        if plan is None or e.amount_in_cents is None or e.currency is None:
            continue
        lines.append(
            LineItem(
                seq=e.id,
                subscription_uuid=e.subscription_uuid,
                subscription_external_id=e.subscription_external_id,
                subscription_set_external_id=e.subscription_set_external_id,
                plan_uuid=plan.uuid,
                service_period_start=e.effective_date,
                service_period_end=full_period_end(e.effective_date, plan),
                amount_in_cents=e.amount_in_cents,
                tax_amount_in_cents=e.tax_amount_in_cents or 0,
                currency=e.currency,
                prorated=False,
                proration_type=None,
                event_order=e.event_order,
                quantity=1 if e.quantity is None else e.quantity,
            )
        )
    return lines, cancellations
