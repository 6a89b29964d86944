"""Invariants over thousands of random customers (seeded): the engine against a naive re-derivation.

The generator mixes day, month and year plans, renewals, plan and price changes, free periods,
prorated charges and credits (differential and full), event_order ties, subscriptions started
together, cancellations (some at the very instant a line starts), and invoices resuming after a
cancellation. Event times stay between 00:00 and 23:50 with every 60-minute group inside one day, so
end-of-day MRR from activities must equal a naive replay of the line items exactly.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest

from mogul.analytics import (
    Activity,
    CustomerInput,
    CustomerResult,
    LineItem,
    Plan,
    Subscription,
    compute_customer,
    metric_series,
    prepare_activities,
)
from mogul.analytics.metrics import buckets
from mogul.analytics.valuation import divide_rounded, line_mrr

PLAN_POOL = [
    Plan("pl_m1", "m1", "Monthly", 1, "month"),
    Plan("pl_m3", "m3", "Quarterly", 3, "month"),
    Plan("pl_m12", "m12", "Annual (months)", 12, "month"),
    Plan("pl_y1", "y1", "Annual", 1, "year"),
    Plan("pl_d7", "d7", "Weekly", 7, "day"),
    Plan("pl_d30", "d30", "Thirty days", 30, "day"),
]
PLANS = {plan.uuid: plan for plan in PLAN_POOL}
PRICES = [0, 990, 2500, 4900, 5000, 9900, 12000, 49900, 120000]
LAST_START = datetime(2025, 6, 1, tzinfo=UTC)  # no line starts later; every event is before NOW
NOW = datetime(2030, 1, 1, tzinfo=UTC)
WINDOW = timedelta(minutes=60)


def _add_interval(moment: datetime, plan: Plan) -> datetime:
    if plan.interval_unit == "day":
        return moment + timedelta(days=plan.interval_count)
    months = plan.interval_count * (12 if plan.interval_unit == "year" else 1)
    year, month0 = divmod(moment.year * 12 + moment.month - 1 + months, 12)
    return moment.replace(year=year, month=month0 + 1, day=min(moment.day, 28))


def _moment(rng: random.Random, day: date) -> datetime:
    # Hours and minutes chosen so that no 60-minute window crosses midnight.
    return datetime.combine(day, time(rng.choice([0, 0, 0, 6, 12, 22]), rng.choice([0, 0, 20, 50])), UTC)


def generate_customer(rng: random.Random, number: int, seq: list[int]) -> CustomerInput:
    uuid = f"cus_{number}"
    lines: list[LineItem] = []
    subscriptions: list[Subscription] = []
    shared_start = _moment(rng, date(2021, 1, 1) + timedelta(days=rng.randrange(540)))
    shared_start = shared_start.replace(day=min(shared_start.day, 28))
    shared_cancel = _moment(rng, shared_start.date() + timedelta(days=rng.randrange(30, 700))).replace(hour=6)

    def add(sub: str, plan: Plan, start: datetime, end: datetime, amount: int, **extra: object) -> None:
        seq[0] += 1
        lines.append(
            LineItem(
                seq=seq[0],
                subscription_uuid=f"{uuid}_{sub}",
                subscription_external_id=sub,
                subscription_set_external_id=None,
                plan_uuid=plan.uuid,
                service_period_start=start,
                service_period_end=end,
                amount_in_cents=amount,
                tax_amount_in_cents=extra.get("tax", 0),  # type: ignore[arg-type]
                currency="USD",
                prorated=bool(extra.get("prorated", False)),
                proration_type=extra.get("proration_type"),  # type: ignore[arg-type]
                event_order=extra.get("event_order"),  # type: ignore[arg-type]
                quantity=rng.randint(1, 3),
            )
        )

    for k in range(rng.choice([1, 1, 1, 2, 2, 3])):
        sub = f"s{k}"
        plan = rng.choice(PLAN_POOL)
        amount = rng.choice(PRICES)
        start = (
            shared_start
            if rng.random() < 0.5
            else _moment(rng, shared_start.date() + timedelta(rng.randrange(400)))
        )
        start = start.replace(day=min(start.day, 28))
        cancellations: list[datetime] = []
        for _run in range(rng.choice([1, 1, 2, 3])):
            for _period in range(rng.randint(1, 8)):
                if start >= LAST_START:
                    break
                end = _add_interval(start, plan)
                if rng.random() < 0.2:
                    plan, amount = rng.choice(PLAN_POOL), rng.choice(PRICES)
                    end = _add_interval(start, plan)
                add(sub, plan, start, end, amount, tax=rng.choice([0, 0, amount // 10]))
                if rng.random() < 0.1:  # a second setting line at the same start, ordered by event_order
                    add(sub, plan, start, end, rng.choice(PRICES), event_order=rng.choice([None, -1, 1]))
                if rng.random() < 0.2:  # a prorated delta (or full) line later in the period
                    offset = timedelta(minutes=rng.choice([20, 50])) if rng.random() < 0.3 else None
                    mid = start + offset if offset else _moment(rng, (start + (end - start) / 2).date())
                    if start < mid < end:
                        add(
                            sub, plan, mid, end, rng.choice([-2500, -990, 990, 2500, 4900]), prorated=True,
                            proration_type=rng.choice(["differential", "differential", "full", None]),
                        )  # fmt: skip
                start = end
            if rng.random() < 0.5:
                # Cancel, sometimes exactly when a line starts; then maybe resume after a gap.
                cancel_at = (
                    start if rng.random() < 0.2 else _moment(rng, start.date() - timedelta(rng.randrange(20)))
                )
                if rng.random() < 0.3:  # subscriptions cancelled together, or within the hour
                    cancel_at = shared_cancel + timedelta(minutes=rng.choice([0, 20, 50]))
                cancellations.append(cancel_at)
                start = _moment(rng, cancel_at.date() + timedelta(days=rng.randrange(1, 90)))
                start = start.replace(day=min(start.day, 28))
            else:
                start = _add_interval(start, plan)
        subscriptions.append(Subscription(f"{uuid}_{sub}", sub, None, tuple(cancellations)))
    return CustomerInput(
        uuid, f"ext_{number}", uuid, "US", "ds_1", "New Lead", tuple(subscriptions), tuple(lines)
    )


def naive_mrr(customer: CustomerInput, moment: datetime) -> int:
    """The customer's MRR at `moment`, replaying Rules 2–4 directly (every event, no timelines)."""
    total = 0
    for subscription in customer.subscriptions:
        events: list[tuple[datetime, int, int, int, LineItem | None]] = [
            (item.service_period_start, 0, item.event_order or 0, item.seq, item)
            for item in customer.line_items
            if item.subscription_external_id == subscription.external_id
            and item.service_period_start <= moment
        ]
        events += [(when, 1, 0, 0, None) for when in subscription.cancellation_dates if when <= moment]
        mrr = 0
        for _when, _kind, _order, _seq, item in sorted(events, key=lambda event: event[:4]):
            if item is None:
                mrr = 0
                continue
            value = line_mrr(item, PLANS[item.plan_uuid or ""], "USD")
            setting = not item.prorated or item.proration_type == "full"
            mrr = max(0, value if setting else mrr + value)
        total += mrr
    return total


def check_customer(customer: CustomerInput, result: CustomerResult) -> None:
    activities = result.activities
    running = 0
    for index, activity in enumerate(activities):
        assert activity.seq == index
        running += activity.movement
        assert activity.mrr_after == running >= 0
        previous = activities[index - 1] if index else None
        if index:
            assert previous is not None and activity.date >= previous.date
        kind = activity.type
        if kind == "new_biz":
            # The first activity, or one more subscription of the same purchase (60-minute group).
            assert activity.movement > 0 and activity.date - activities[0].date <= WINDOW
            assert previous is None or previous.type == "new_biz"
        elif kind == "reactivation":
            # Right after a churn, or one more subscription of the same reactivation (60-minute group).
            assert activity.movement > 0 and previous is not None
            assert previous.type == "churn" or (
                previous.type == "reactivation" and activity.date - previous.date <= WINDOW
            )
        elif kind == "expansion":
            assert activity.movement > 0
        elif kind == "contraction":
            assert activity.movement < 0
        else:
            assert kind == "churn" and activity.movement <= 0 and activity.mrr_after == 0
            assert previous is not None and previous.type != "churn"
    if activities:
        assert activities[0].type == "new_biz"
        assert result.customer_since == activities[0].date
    # MRR now: from timelines, from the activities and from the naive replay.
    assert result.mrr == running == naive_mrr(customer, NOW)
    assert result.mrr == sum(state.mrr for state in result.subscriptions)
    if not activities:
        assert result.status == "New Lead"
    elif activities[-1].type == "churn":
        # Only a $0 line can follow without a reactivation, so every subscription is cancelled or free.
        assert result.status == "Cancelled" and result.mrr == 0
    else:
        assert result.status in ("Active", "Past Due")
    # At the end of every day with an event, the activities' MRR is the naive MRR.
    days = {item.service_period_start.date() for item in customer.line_items}
    days |= {when.date() for sub in customer.subscriptions for when in sub.cancellation_dates}
    dates = [activity.date for activity in activities]
    for day in days:
        end_of_day = datetime.combine(day, time.max, UTC)
        position = bisect_right(dates, end_of_day)
        from_activities = activities[position - 1].mrr_after if position else 0
        assert from_activities == naive_mrr(customer, end_of_day), (customer.uuid, day)


def _customer_is_counted(activities: list[Activity], end_of_day: datetime) -> bool:
    past = [activity for activity in activities if activity.date <= end_of_day]
    return bool(past) and past[-1].type != "churn"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_customers_keep_every_invariant(seed: int) -> None:
    rng = random.Random(seed)
    seq = [0]
    customers = [generate_customer(rng, number, seq) for number in range(1200)]
    results = [compute_customer(customer, PLANS, "USD", NOW) for customer in customers]
    for customer, result in zip(customers, results, strict=True):
        check_customer(customer, result)
    # A plan filter splits MRR by current plan: two complementary filters add up to the whole.
    monthly_plans = {"pl_m1", "pl_m3", "pl_d7", "pl_d30"}
    for customer, result in list(zip(customers, results, strict=True))[::10]:
        some = compute_customer(customer, PLANS, "USD", NOW, plan_uuids=monthly_plans)
        rest = compute_customer(customer, PLANS, "USD", NOW, plan_uuids=set(PLANS) - monthly_plans)
        assert some.mrr + rest.mrr == result.mrr
        for part in (some, rest):
            assert sum(activity.movement for activity in part.activities) == part.mrr
        assert (
            compute_customer(customer, PLANS, "USD", NOW, plan_uuids=set(PLANS)).activities
            == result.activities
        )
    types = {activity.type for result in results for activity in result.activities}
    assert types == {"new_biz", "expansion", "contraction", "churn", "reactivation"}

    activities = [activity for result in results for activity in result.activities]
    log = prepare_activities(activities)
    start, end = date(2021, 1, 1), date(2029, 12, 31)
    daily, _ = metric_series(log, start=start, end=end, interval="day", metrics="mrr")
    movement_keys = ["mrr-new-business", "mrr-expansion", "mrr-contraction", "mrr-churn", "mrr-reactivation"]
    # The daily identity, exactly, for every day.
    previous = 0
    for entry in daily:
        assert entry["mrr"] == previous + sum(entry[key] for key in movement_keys), entry["date"]
        previous = entry["mrr"]
    assert daily[-1]["mrr"] == sum(result.mrr for result in results)

    # Levels against a brute force over customers, every 30 days.
    by_customer: dict[str, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_customer[activity.customer_uuid].append(activity)
    everything, _ = metric_series(log, start=start, end=end, interval="day")
    for entry in everything[::30] + everything[-1:]:
        end_of_day = datetime.combine(date.fromisoformat(entry["date"]), time.max, UTC)
        counted = [uuid for uuid, acts in by_customer.items() if _customer_is_counted(acts, end_of_day)]
        assert entry["customers"] == len(counted)
        assert entry["arr"] == 12 * entry["mrr"]
        assert entry["arpa"] == (divide_rounded(entry["mrr"], len(counted)) if counted else 0)
    assert everything[-1]["customers"] == sum(result.status in ("Active", "Past Due") for result in results)

    # Monthly buckets: sums of the days, and churn rate and ASP by brute force.
    monthly, _ = metric_series(log, start=start, end=end, interval="month", metrics="mrr")
    monthly_all, _ = metric_series(log, start=start, end=end, interval="month")
    by_date = {entry["date"]: entry for entry in daily}
    for (first, last), entry, full in zip(buckets(start, end, "month"), monthly, monthly_all, strict=True):
        days = [by_date[(first + timedelta(days=k)).isoformat()] for k in range((last - first).days + 1)]
        assert entry["mrr"] == days[-1]["mrr"]
        for key in movement_keys:
            assert entry[key] == sum(day[key] for day in days)
        before = datetime.combine(first, time.min, UTC) - timedelta(microseconds=1)
        after = datetime.combine(last, time.max, UTC)
        at_start = {uuid for uuid, acts in by_customer.items() if _customer_is_counted(acts, before)}
        at_end = {uuid for uuid, acts in by_customer.items() if _customer_is_counted(acts, after)}
        expected_rate = (
            divide_rounded(len(at_start - at_end) * 10000, len(at_start)) / 100 if at_start else 0.0
        )
        assert full["customer-churn-rate"] == expected_rate
        new = [a for a in activities if a.type == "new_biz" and first <= a.date.date() <= last]
        buyers = {a.customer_uuid for a in new}
        assert full["asp"] == (divide_rounded(sum(a.movement for a in new), len(buyers)) if buyers else 0)
