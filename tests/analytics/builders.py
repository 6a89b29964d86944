"""Small constructors for engine inputs, so each test spells only what it is about."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime

from mogul.analytics import CustomerInput, LineItem, Plan, Subscription

_seq = itertools.count(1)

BRONZE = Plan("pl_bronze", "bronze", "Bronze", 1, "month")
SILVER = Plan("pl_silver", "silver", "Silver", 1, "month")
GOLD = Plan("pl_gold", "gold", "Gold", 1, "month")
FREE = Plan("pl_free", "free", "Free", 1, "month")
QUARTERLY = Plan("pl_quarterly", "quarterly", "Quarterly", 3, "month")
ANNUAL = Plan("pl_annual", "annual", "Gold annual", 1, "year")
TWELVE_MONTHS = Plan("pl_12m", "12m", "Twelve months", 12, "month")
WEEKLY = Plan("pl_weekly", "weekly", "Weekly", 7, "day")
PLANS = {plan.uuid: plan for plan in (BRONZE, SILVER, GOLD, FREE, QUARTERLY, ANNUAL, TWELVE_MONTHS, WEEKLY)}


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def line(
    subscription: str,
    plan: Plan,
    start: datetime,
    end: datetime,
    amount: int,
    *,
    tax: int = 0,
    currency: str = "USD",
    prorated: bool = False,
    proration_type: str | None = None,
    event_order: int | None = None,
    quantity: int = 1,
    set_id: str | None = None,
) -> LineItem:
    return LineItem(
        seq=next(_seq),
        subscription_uuid=f"sub_{subscription}",
        subscription_external_id=subscription,
        subscription_set_external_id=set_id,
        plan_uuid=plan.uuid,
        service_period_start=start,
        service_period_end=end,
        amount_in_cents=amount,
        tax_amount_in_cents=tax,
        currency=currency,
        prorated=prorated,
        proration_type=proration_type,
        event_order=event_order,
        quantity=quantity,
    )


@dataclass
class CustomerBuilder:
    uuid: str = "cus_1"
    lines: list[LineItem] = field(default_factory=list)
    cancellations: dict[str, list[datetime]] = field(default_factory=dict)
    country: str | None = "US"

    def add(self, *items: LineItem) -> CustomerBuilder:
        self.lines.extend(items)
        return self

    def cancel(self, subscription: str, when: datetime) -> CustomerBuilder:
        self.cancellations.setdefault(subscription, []).append(when)
        return self

    def build(self) -> CustomerInput:
        subscriptions: dict[str, Subscription] = {}
        for item in self.lines:
            subscriptions.setdefault(
                item.subscription_external_id,
                Subscription(
                    uuid=item.subscription_uuid,
                    external_id=item.subscription_external_id,
                    subscription_set_external_id=item.subscription_set_external_id,
                    cancellation_dates=tuple(self.cancellations.get(item.subscription_external_id, ())),
                ),
            )
        return CustomerInput(
            uuid=self.uuid,
            external_id=f"ext_{self.uuid}",
            name=f"Customer {self.uuid}",
            country=self.country,
            data_source_uuid="ds_1",
            lead_status="New Lead",
            subscriptions=tuple(subscriptions.values()),
            line_items=tuple(self.lines),
        )


def add_months(moment: datetime, months: int) -> datetime:
    """`moment` moved by whole months (its day must exist in every month: 28 at most)."""
    year, month0 = divmod(moment.year * 12 + moment.month - 1 + months, 12)
    return moment.replace(year=year, month=month0 + 1)


def monthly(
    subscription: str, plan: Plan, first: datetime, months: int, amount: int, **kwargs: object
) -> list[LineItem]:
    """`months` consecutive one-month service periods from `first`, all at `amount`."""
    return [
        line(subscription, plan, add_months(first, k), add_months(first, k + 1), amount, **kwargs)  # type: ignore[arg-type]
        for k in range(months)
    ]
