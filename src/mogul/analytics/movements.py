"""A customer's MRR movements (activities), status and current MRR, from its subscriptions.

Classification is per customer, from the customer's total MRR (mrr-semantics.md §3.1):

- Each subscription change is one raw movement. Changes at the same instant are processed rises
  first (a subscription starting or growing), then falls, then by subscription creation order, so a
  customer swapping one subscription for another at one instant expands and contracts instead of
  churning and reactivating. Each raw movement carries the customer's cumulative MRR after it (the
  fixture's 4004 → 8009).
- A rise is new_biz for a customer who never paid, reactivation for a churned customer, otherwise
  expansion.
- A fall is churn when it leaves the customer at 0 MRR with no live (started, uncancelled)
  subscription; any other fall is contraction, including a move to a $0 plan (the customer stays
  Active). A cancellation that leaves a still-active customer with no live subscription while its
  MRR is already 0 (it was on a $0 plan) is a churn of 0.

Smart Activity Classification (§3.1), with a 60-minute window: a group starts at a customer's first
ungrouped movement and takes every later movement dated at most 60 minutes after that start. Within a
group:

- an expansion that follows a new_biz (or reactivation) of the group, with only such gains
  between, takes that type; if it is on the same subscription as the movement just before it, it
  is merged into that one (amounts summed), otherwise it stays a separate activity (several
  subscriptions bought at once stay several new_biz, as in the fixture);
- a churn absorbs the contraction(s) immediately before it in the group into one churn.

A merged activity keeps the date, subscription and plan of its first member, the type of the group
rule, the summed movement and the last member's mrr_after. Merging never changes a customer's MRR
at any instant outside a group's window.

Exchange rates (§2.4, HC-FX): the part of a subscription change that exchange rates made (its `fx`, see
subscriptions.py) is no movement. It is kept as an activity of type "fx" (EXCHANGE_RATE), outside the
Smart Activity Classification, so that the MRR series, which sums every activity, counts it, while
movements and the activity lists leave it out; a change that is all rate makes only that.

Status as of `now` (§1.10): the customer's lead status until its first new_biz; then "Cancelled"
after a churn (until a reactivation), else "Past Due" when a subscription with MRR > 0 has its last
service period ended without renewal or cancellation, else "Active". Activities dated after `now`
(invoices for future service periods) are still returned; status, MRR and customer_since are as of
`now`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mogul.analytics.model import (
    ACTIVE,
    CANCELLED,
    CHURN,
    CONTRACTION,
    EXCHANGE_RATE,
    EXPANSION,
    NEW_BIZ,
    PAST_DUE,
    REACTIVATION,
    Activity,
    CustomerInput,
    CustomerResult,
    LineItem,
    Plan,
    Subscription,
    SubscriptionState,
)
from mogul.analytics.subscriptions import (
    MrrChange,
    SubscriptionHistory,
    connected_history,
    subscription_history,
)

GROUP_WINDOW = timedelta(minutes=60)

_LEAD, _PAYING, _CHURNED = 0, 1, 2

# What a subscription change did, for the activity description.
_STARTED, _CANCELLED, _PLAN_CHANGED, _AMOUNT_CHANGED = "started", "cancelled", "plan", "amount"


@dataclass(slots=True)
class _Movement:
    date: datetime
    type: str
    movement: int
    mrr_after: int
    history: SubscriptionHistory
    plan_uuid: str | None
    cause: str
    several: bool = False  # merged from several subscriptions


def _plan_name(plans: Mapping[str, Plan], plan_uuid: str | None) -> str:
    plan = plans.get(plan_uuid) if plan_uuid is not None else None
    return plan.name if plan is not None else "unknown"


def _describe(movement: _Movement, plans: Mapping[str, Plan]) -> str:
    plan = _plan_name(plans, movement.plan_uuid)
    kind, cause = movement.type, movement.cause
    if kind == EXCHANGE_RATE:
        return f"exchange rate change on the {plan} plan"
    if kind == NEW_BIZ:
        return f"purchased the {plan} plan"
    if kind == REACTIVATION:
        return f"reactivated an old account with the {plan} plan"
    if kind == CHURN:
        return "churned" if movement.several else f"cancelled the {plan} plan"
    if kind == EXPANSION:
        if cause == _STARTED:
            return f"added the {plan} plan"
        return f"upgraded to the {plan} plan" if cause == _PLAN_CHANGED else f"expanded the {plan} plan"
    if cause == _CANCELLED:
        return f"cancelled the {plan} plan"
    return f"downgraded to the {plan} plan" if cause == _PLAN_CHANGED else f"contracted the {plan} plan"


def _histories(
    customer: CustomerInput,
    plans: Mapping[str, Plan],
    account_currency: str,
    now: datetime,
    plan_uuids: Collection[str] | None,
) -> tuple[list[SubscriptionHistory], list[SubscriptionState]]:
    """The customer's subscription histories (connected subscriptions as one), and the states of the
    connected subscriptions a later one took over."""
    lines_by_subscription: dict[str, list[LineItem]] = {}
    for item in customer.line_items:
        lines_by_subscription.setdefault(item.subscription_uuid, []).append(item)
    known = {subscription.uuid: subscription for subscription in customer.subscriptions}
    histories = []
    connected: dict[str, list[tuple[Subscription, list[LineItem]]]] = {}
    for uuid, lines in lines_by_subscription.items():
        subscription = known.get(uuid)
        if subscription is None:
            # Lines can arrive before the subscription record: it has no cancellations yet.
            first = lines[0]
            subscription = Subscription(
                uuid, first.subscription_external_id, first.subscription_set_external_id
            )
        elif subscription.subscription_set_external_id is None and lines[0].subscription_set_external_id:
            subscription = replace(
                subscription, subscription_set_external_id=lines[0].subscription_set_external_id
            )
        if subscription.connection is not None:
            connected.setdefault(subscription.connection, []).append((subscription, lines))
            continue
        histories.append(
            subscription_history(subscription, lines, plans, account_currency, now, plan_uuids=plan_uuids)
        )
    taken_over: list[SubscriptionState] = []
    for members in connected.values():
        history, others = connected_history(members, plans, account_currency, now, plan_uuids=plan_uuids)
        histories.append(history)
        taken_over += others
    histories.sort(key=lambda history: history.ordinal)
    return histories, taken_over


def _raw_movements(histories: list[SubscriptionHistory]) -> list[_Movement]:
    """Every subscription change as a customer movement, classified before grouping."""
    events: list[tuple[datetime, int, int, MrrChange]] = []
    for index, history in enumerate(histories):
        previous_mrr, previous_live = 0, False
        for change in history.timeline:
            rising = change.mrr > previous_mrr or (
                change.mrr == previous_mrr and change.live and not previous_live
            )
            events.append((change.at, 0 if rising else 1, index, change))
            previous_mrr, previous_live = change.mrr, change.live
    events.sort(key=lambda event: event[:3])

    count = len(histories)
    mrr = [0] * count
    live = [False] * count
    plan: list[str | None] = [None] * count
    live_count = total = 0
    phase = _LEAD
    raw: list[_Movement] = []
    for at, _rising, index, change in events:
        delta = change.mrr - mrr[index]
        was_live, old_plan = live[index], plan[index]
        mrr[index], live[index], plan[index] = change.mrr, change.live, change.plan_uuid
        live_count += int(change.live) - int(was_live)
        total += delta
        if change.fx:
            # the rate changed the value of the price paid so far: the plan left, in a plan change
            raw.append(_Movement(at, EXCHANGE_RATE, change.fx, total, histories[index], old_plan, ""))
            delta -= change.fx
            if delta:  # the movement's mrr_after is the customer's MRR after both
                raw[-1].mrr_after = total - delta
        if delta > 0:
            kind = NEW_BIZ if phase == _LEAD else REACTIVATION if phase == _CHURNED else EXPANSION
            phase = _PAYING
        elif delta < 0 or (phase == _PAYING and was_live and not change.live):
            if total == 0 and live_count == 0:
                kind, phase = CHURN, _CHURNED
            elif delta < 0:
                kind = CONTRACTION
            else:
                continue
        else:
            continue
        if not was_live and change.live:
            cause = _STARTED
        elif was_live and not change.live:
            cause = _CANCELLED
        elif old_plan != change.plan_uuid:
            cause = _PLAN_CHANGED
        else:
            cause = _AMOUNT_CHANGED
        # A cancellation (or, under a plan filter, leaving the selected plans) names the plan it lost.
        plan_uuid = old_plan if cause == _CANCELLED else change.plan_uuid
        raw.append(_Movement(at, kind, delta, total, histories[index], plan_uuid, cause))
    return raw


def _smart_group(raw: list[_Movement]) -> list[_Movement]:
    """Apply the 60-minute Smart Activity Classification rules (see the module docstring)."""
    grouped: list[_Movement] = []
    group_start: datetime | None = None
    first_in_group = 0  # index in `grouped` of the group's first activity
    gain: str | None = None  # new_biz/reactivation of this group that later expansions take on
    for movement in raw:
        if group_start is None or movement.date - group_start > GROUP_WINDOW:
            group_start, first_in_group = movement.date, len(grouped)
            gain = movement.type if movement.type in (NEW_BIZ, REACTIVATION) else None
            grouped.append(movement)
            continue
        if movement.type == EXPANSION and gain is not None:
            movement.type = gain
            previous = grouped[-1]
            if (
                len(grouped) > first_in_group
                and previous.type == gain
                and previous.history is movement.history
            ):
                previous.movement += movement.movement
                previous.mrr_after = movement.mrr_after
                continue
        elif movement.type in (NEW_BIZ, REACTIVATION):
            gain = movement.type
        else:
            gain = None  # a fall ends the run of gains that later expansions would join
            while (
                movement.type == CHURN and len(grouped) > first_in_group and grouped[-1].type == CONTRACTION
            ):
                contraction = grouped.pop()
                contraction.type = CHURN
                contraction.movement += movement.movement
                contraction.mrr_after = movement.mrr_after
                contraction.several = contraction.several or contraction.history is not movement.history
                movement = contraction
        grouped.append(movement)
    return grouped


def _mrr_at(timeline: list[MrrChange], now: datetime) -> int:
    position = bisect_right(timeline, now, key=lambda change: change.at)
    return timeline[position - 1].mrr if position else 0


def compute_customer(
    customer: CustomerInput,
    plans: Mapping[str, Plan],
    account_currency: str,
    now: datetime,
    *,
    plan_uuids: Collection[str] | None = None,
) -> CustomerResult:
    """Subscriptions, activities, status, current MRR and customer_since of one customer.

    `plans` maps plan uuid to Plan and must hold every plan the line items name (else
    UnknownPlanError); a currency the ECB data lacks raises UnsupportedCurrencyError. With
    `plan_uuids` (a set is fastest), a subscription counts only while its current plan is one of them,
    and leaving them counts as a cancellation: the activities, status and MRR that feed a
    plan-filtered metric series. `subscriptions` are always reported unfiltered.
    """
    histories, taken_over = _histories(customer, plans, account_currency, now, plan_uuids)
    raw = _raw_movements(histories)
    # exchange-rate changes stay out of the groups, before the movements of their instant
    rates = [movement for movement in raw if movement.type == EXCHANGE_RATE]
    grouped = _smart_group([movement for movement in raw if movement.type != EXCHANGE_RATE])
    movements = sorted(rates + grouped, key=lambda movement: movement.date) if rates else grouped
    activities = [
        Activity(
            customer_uuid=customer.uuid,
            date=movement.date,
            type=movement.type,
            movement=movement.movement,
            mrr_after=movement.mrr_after,
            subscription_uuid=movement.history.subscription.uuid,
            subscription_external_id=movement.history.subscription.external_id,
            subscription_set_external_id=movement.history.subscription.subscription_set_external_id,
            plan_uuid=movement.plan_uuid,
            description=_describe(movement, plans),
            seq=seq,
        )
        for seq, movement in enumerate(movements)
    ]

    customer_since: datetime | None = None
    phase = _LEAD
    for activity in activities:
        if activity.date > now:
            break
        if activity.type == NEW_BIZ and customer_since is None:
            customer_since = activity.date
        phase = _CHURNED if activity.type == CHURN else _PAYING
    states = [history.state for history in histories]
    if phase == _LEAD:
        status = customer.lead_status
    elif phase == _CHURNED:
        status = CANCELLED
    else:
        status = PAST_DUE if any(state.past_due for state in states) else ACTIVE
    return CustomerResult(
        uuid=customer.uuid,
        status=status,
        mrr=sum(_mrr_at(history.timeline, now) for history in histories),
        customer_since=customer_since,
        subscriptions=states + taken_over,
        activities=activities,
    )
