"""One subscription's history: its MRR over time and its state as of `now`.

A subscription is the line items of one subscription_external_id (of one customer in one data
source), processed in (service_period_start, event_order or 0, import seq) order (mrr-semantics.md
§1.2–§1.4):

- a non-prorated line, or a prorated line with proration_type "full", SETS the MRR from its start;
- any other prorated line ADDS its value (a negative amount is a credit);
- MRR is kept after the last service period ends (the subscription is then past due) until a
  cancellation takes it to 0; a line starting strictly after a cancellation brings it back. A
  cancellation at the very instant a line starts wins (it is applied after that line).

Choices the sources leave open, made here:

- MRR never goes below 0: a credit larger than the current MRR takes it to 0.
- The current plan is the plan of the latest line, except that prorated credit lines (negative
  amount) do not move it: in a prorated plan switch the credit names the plan being left.
- Quantity follows the MRR rule: set by a setting line, moved by ±quantity by a delta line (+ for a
  charge, − for a credit).
- All changes at one instant are netted: the timeline has at most one entry per timestamp.
- Exchange-rate drift is never a movement (§2.4, HC-FX): a foreign-currency line converts at the ECB
  rate of its own service_period_start, so a renewal at the same foreign price moves the MRR by the
  rate's change, and that part of a change is its `fx`: all of it when the line leaves the MRR in its
  invoice currency unchanged, else the old foreign MRR's change of value at the new rate (the rest is
  the movement, valued at the new rate). Movements leave `fx` out; the MRR series counts it, so
  mrr[d] = mrr[d−1] + Σ movements(d) + Σ fx(d), ChartMogul's "Exchange Rate Impact".

Connected subscriptions (connect_subscriptions, mrr-semantics.md §1.2 "Connecting subscriptions") are
one history (`connected_history`): ordered by their first service period, each counts from its own first
period until the next one's begins, when the next takes over (a plan change, not a churn and a new
subscription). An earlier one's final cancellation does not end the history: the gap until the next
begins is smoothed over at its last MRR. The history starts at the earliest start.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

from mogul.analytics.model import LineItem, Plan, Subscription, SubscriptionState
from mogul.analytics.valuation import convert, line_mrr


class UnknownPlanError(ValueError):
    """A subscription line item names a plan the engine was not given."""


class MrrChange(NamedTuple):
    """The subscription's state from `at` on, until its next change."""

    at: datetime
    mrr: int  # cents, account currency, >= 0
    plan_uuid: str | None  # the current plan
    live: bool  # started and not cancelled (and, under a plan filter, on a selected plan)
    fx: int = 0  # the part of the change from the previous one that exchange rates made (see above)


@dataclass(frozen=True, slots=True)
class SubscriptionHistory:
    subscription: Subscription
    ordinal: int  # seq of its first imported line: orders subscriptions that change at one instant
    timeline: list[MrrChange]
    state: SubscriptionState  # as of `now`


def line_order(item: LineItem) -> tuple[datetime, int, int]:
    """Processing order within a subscription: start, then event_order (None as 0), then import order."""
    return (item.service_period_start, item.event_order or 0, item.seq)


@dataclass(slots=True)
class _Replay:
    """The running state of a subscription while its events are replayed."""

    mrr: int = 0
    native_mrr: int = 0  # the same MRR in the latest line's invoice currency
    plan_uuid: str | None = None
    quantity: int = 0
    started: bool = False
    cancelled: bool = False
    latest: LineItem | None = None
    end: datetime | None = None


def _snapshot(
    subscription: Subscription, state: _Replay, first: LineItem, now: datetime
) -> SubscriptionState:
    latest = state.latest or first
    end = state.end or first.service_period_end
    live = state.started and not state.cancelled
    mrr = state.mrr if live else 0
    return SubscriptionState(
        uuid=subscription.uuid,
        external_id=subscription.external_id,
        subscription_set_external_id=subscription.subscription_set_external_id,
        plan_uuid=state.plan_uuid if state.started else first.plan_uuid,
        mrr=mrr,
        quantity=state.quantity if state.started else first.quantity,
        status="inactive" if state.cancelled else "active",
        start=first.service_period_start,
        end=end,
        currency=latest.currency,
        cancelled=state.cancelled,
        past_due=live and mrr > 0 and end < now and not subscription.open_ended,
    )


def _replay(
    subscription: Subscription,
    lines: Sequence[LineItem],
    plans: Mapping[str, Plan],
    account_currency: str,
    now: datetime,
    plan_uuids: Collection[str] | None,
) -> tuple[list[MrrChange], SubscriptionState]:
    """Replay sorted lines and cancellations once: the timeline and the state at `now`."""
    cancellations = sorted(subscription.cancellation_dates)
    state = _Replay()
    timeline: list[MrrChange] = []
    emitted: tuple[int, str | None, bool] = (0, None, False)
    fx = 0  # the exchange rates' part of the changes at this instant
    at_now: SubscriptionState | None = None
    first = lines[0]
    i = j = 0
    n, m = len(lines), len(cancellations)
    while i < n or j < m:
        at = lines[i].service_period_start if i < n else cancellations[j]
        if j < m and cancellations[j] < at:
            at = cancellations[j]
        if at_now is None and at > now:
            at_now = _snapshot(subscription, state, first, now)
        # Lines starting at `at` first, then cancellations at `at`: a cancellation wins a tie.
        while i < n and lines[i].service_period_start == at:
            item = lines[i]
            i += 1
            plan = plans.get(item.plan_uuid) if item.plan_uuid is not None else None
            if plan is None:
                raise UnknownPlanError(f"line item {item.seq}: unknown plan {item.plan_uuid!r}")
            native = line_mrr(item, plan, item.currency)
            foreign = item.currency.upper() != account_currency.upper()
            value = line_mrr(item, plan, account_currency) if foreign else native
            if not item.prorated or item.proration_type == "full":
                renewed = (
                    foreign
                    and state.started
                    and not state.cancelled
                    and state.latest is not None
                    and state.latest.currency == item.currency
                )
                if renewed and state.native_mrr == max(0, native):  # the same foreign price
                    fx += max(0, value) - state.mrr
                elif renewed:  # a new price: the old one's change of value is the rate's
                    day = item.service_period_start.date()
                    fx += convert(state.native_mrr, item.currency, account_currency, day) - state.mrr
                state.mrr = max(0, value)
                state.native_mrr = max(0, native)
                state.quantity = item.quantity
            else:
                # A cancelled subscription's MRR is already 0, so a delta after a cancellation starts from 0.
                state.mrr = max(0, state.mrr + value)
                state.native_mrr = max(0, state.native_mrr + native)
                state.quantity += item.quantity if item.amount_in_cents >= 0 else -item.quantity
            if not item.prorated or item.amount_in_cents >= 0:
                state.plan_uuid = item.plan_uuid
            state.started = True
            state.cancelled = False
            state.latest = item
            if state.end is None or item.service_period_end > state.end:
                state.end = item.service_period_end
        while j < m and cancellations[j] == at:
            j += 1
            state.cancelled = True
            state.mrr = state.native_mrr = 0
        selected = plan_uuids is None or state.plan_uuid in plan_uuids
        live = state.started and not state.cancelled and selected
        current = (state.mrr if live else 0, state.plan_uuid, live)
        if current != emitted:
            # rates move only a live subscription's MRR, from a live one's
            drift = fx if live and emitted[2] else 0
            timeline.append(MrrChange(at, *current, drift))
            emitted = current
        fx = 0
    if at_now is None:
        at_now = _snapshot(subscription, state, first, now)
    return timeline, at_now


def subscription_history(
    subscription: Subscription,
    lines: Sequence[LineItem],
    plans: Mapping[str, Plan],
    account_currency: str,
    now: datetime,
    *,
    plan_uuids: Collection[str] | None = None,
) -> SubscriptionHistory:
    """Timeline and state at `now` of a subscription from its (non-empty) line items, in any order.

    With `plan_uuids`, the subscription counts only while its current plan is one of them: off those
    plans it is treated as not live with MRR 0 (the view a plan-filtered metric needs).
    """
    ordered = sorted(lines, key=line_order)
    timeline, state = _replay(subscription, ordered, plans, account_currency, now, plan_uuids)
    ordinal = min(item.seq for item in ordered)
    return SubscriptionHistory(subscription, ordinal, timeline, state)


def connected_history(
    members: Sequence[tuple[Subscription, Sequence[LineItem]]],
    plans: Mapping[str, Plan],
    account_currency: str,
    now: datetime,
    *,
    plan_uuids: Collection[str] | None = None,
) -> tuple[SubscriptionHistory, list[SubscriptionState]]:
    """The one history of connected subscriptions (each with its non-empty lines), shown as the latest
    of them; and the states of the others, which it took over (inactive, MRR 0)."""
    ordered = sorted(members, key=lambda member: min(line_order(item) for item in member[1]))
    starts = [min(item.service_period_start for item in lines) for _, lines in ordered]
    parts = []
    for n, (subscription, lines) in enumerate(ordered):
        if n < len(ordered) - 1:
            # only a cancellation its own later line follows ends anything: the next one takes over
            last = max(item.service_period_start for item in lines)
            kept = tuple(c for c in subscription.cancellation_dates if c < last)
            subscription = replace(subscription, cancellation_dates=kept)
        parts.append(
            subscription_history(subscription, lines, plans, account_currency, now, plan_uuids=plan_uuids)
        )
    timeline: list[MrrChange] = []
    for n, part in enumerate(parts):
        end = starts[n + 1] if n + 1 < len(parts) else None
        for change in part.timeline:
            if end is not None and change.at >= end:
                break
            if not timeline or timeline[-1][1:4] != change[1:4]:  # mrr, plan, live
                timeline.append(change)
    latest = parts[-1]
    state = replace(latest.state, start=starts[0])
    history = SubscriptionHistory(latest.subscription, min(p.ordinal for p in parts), timeline, state)
    taken_over = [replace(p.state, mrr=0, status="inactive", past_due=False) for p in parts[:-1]]
    return history, taken_over


def subscription_timeline(
    lines: Sequence[LineItem],
    plans: Mapping[str, Plan],
    account_currency: str,
    cancellation_dates: Sequence[datetime] = (),
    *,
    plan_uuids: Collection[str] | None = None,
) -> list[MrrChange]:
    """The MRR changes of one subscription: one MrrChange per instant its MRR, plan or liveness changes."""
    if not lines:
        return []
    first = lines[0]
    subscription = Subscription(
        uuid=first.subscription_uuid,
        external_id=first.subscription_external_id,
        subscription_set_external_id=first.subscription_set_external_id,
        cancellation_dates=tuple(cancellation_dates),
    )
    latest = max(max(item.service_period_start for item in lines), *cancellation_dates)
    return subscription_history(
        subscription, lines, plans, account_currency, latest, plan_uuids=plan_uuids
    ).timeline
