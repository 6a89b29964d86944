"""The Metrics API series (/metrics/all, /mrr, /arr, /arpa, /asp, /customer-count, /customer-churn-rate,
/mrr-churn-rate, /ltv) from customers' activities, with ChartMogul's exact wire keys and values.

Everything is derived from activities (mrr-semantics.md §3.2, §4): MRR at the end of a day is the sum
of all activities dated up to that day (UTC), exchange-rate changes (type "fx") included, so
mrr[d] = mrr[d−1] + Σ movements(d) + Σ fx(d) holds exactly; the movement fields leave fx out.
A customer counts as a customer from its new_biz or reactivation until its churn (so a
paying customer moved to a $0 plan still counts).

Cost is O(activities + buckets): `prepare_activities` sorts once and precomputes prefix sums of MRR
and of the customer count plus each activity's customer state before/after; a series then bisects to
its start and sweeps each activity of the range once. Prepare once and reuse the ActivityLog for many
queries; filter it by customer (the `geo` filter) with `ActivityLog.for_customers`. For a `plans`
filter, compute the activities with `compute_customer(..., plan_uuids=...)` and prepare those.

Definitions (all documented choices; "start of a bucket" is the end of the day before it):

- Entries are dated at the last day of each bucket; the first bucket starts at start-date, a partial
  last bucket is dated at end-date; weeks end the day before `week_start`.
- mrr, arr (= 12 × mrr), customers, arpa (= round(mrr / customers), 0 without customers) are values at
  the end of the entry's date. Movement fields are sums over the bucket (contraction, churn ≤ 0).
- asp = round(Σ new_biz movements in the bucket / customers with a new_biz in the bucket), 0 if none.
- customer-churn-rate = customers counted at the bucket start and not at its end ÷ customers at the
  bucket start × 100. This is the standard (churned − joined-and-churned − churned-and-reactivated) ÷
  start count, taken by state so that a customer churning twice or reactivating is counted once.
- mrr-churn-rate (net) = (|churn| + |contraction| − expansion − reactivation) ÷ MRR at bucket start × 100.
- ltv = round(arpa / (customer-churn-rate / 100)) with the rounded rate, 0 when the rate is 0.
- Rates have 2 decimals; percentage-change = (value − previous entry) ÷ |previous| × 100 with 2
  decimals, 0.0 for the first entry and when the previous value is 0. All rounding is half away from
  zero and exact (integer arithmetic).
- Summary: current = the last entry's value, previous = the entry before it (0 if there is none),
  percentage-change between them.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, timedelta
from typing import Any

from mogul.analytics.model import (
    CHURN,
    CONTRACTION,
    EXCHANGE_RATE,
    EXPANSION,
    NEW_BIZ,
    REACTIVATION,
    Activity,
)
from mogul.analytics.valuation import divide_rounded

INTERVALS = ("day", "week", "month", "quarter", "year")
WEEK_STARTS = ("sunday", "monday")
# Endpoint name → the entry key of its value ("customer-count" entries say "customers").
METRICS = {
    "mrr": "mrr",
    "arr": "arr",
    "arpa": "arpa",
    "asp": "asp",
    "customer-count": "customers",
    "customer-churn-rate": "customer-churn-rate",
    "mrr-churn-rate": "mrr-churn-rate",
    "ltv": "ltv",
}
ALL_KEYS = ("mrr", "arr", "arpa", "asp", "customers", "customer-churn-rate", "mrr-churn-rate", "ltv")
MOVEMENT_KEYS = ("mrr-new-business", "mrr-expansion", "mrr-contraction", "mrr-churn", "mrr-reactivation")
_RATES = frozenset({"customer-churn-rate", "mrr-churn-rate"})  # kept in hundredths, shown as floats

_NEW, _EXP, _CON, _CHURN, _REACT, _FX = range(6)
_TYPE_CODES = {
    NEW_BIZ: _NEW,
    EXPANSION: _EXP,
    CONTRACTION: _CON,
    CHURN: _CHURN,
    REACTIVATION: _REACT,
    EXCHANGE_RATE: _FX,  # counted in the MRR, in no movement field
}


class ActivityLog:
    """Activities sorted by date once, with the columns a series sweep needs.

    Build it with `prepare_activities`; it is immutable and can serve any number of series.
    """

    __slots__ = (
        "active_after",
        "active_before",
        "activities",
        "count_prefix",
        "customers",
        "days",
        "movements",
        "mrr_prefix",
        "types",
    )

    def __init__(self, activities: Iterable[Activity]) -> None:
        ordered = sorted(activities, key=lambda activity: (activity.date, activity.seq))
        self.activities: tuple[Activity, ...] = tuple(ordered)
        n = len(ordered)
        self.days: list[int] = [0] * n  # UTC date ordinal
        self.movements: list[int] = [0] * n
        self.types: list[int] = [0] * n
        self.customers: list[int] = [0] * n
        self.active_before: list[bool] = [False] * n
        self.active_after: list[bool] = [False] * n
        self.mrr_prefix: list[int] = [0] * (n + 1)  # MRR before activity k
        self.count_prefix: list[int] = [0] * (n + 1)  # customer count before activity k
        index: dict[str, int] = {}
        active: dict[str, bool] = {}
        mrr = count = 0
        for k, activity in enumerate(ordered):
            moment = activity.date
            if moment.utcoffset():
                moment = moment.astimezone(UTC)
            self.days[k] = moment.toordinal()
            self.movements[k] = activity.movement
            code = _TYPE_CODES[activity.type]
            self.types[k] = code
            uuid = activity.customer_uuid
            self.customers[k] = index.setdefault(uuid, len(index))
            before = active.get(uuid, False)
            after = True if code in (_NEW, _REACT) else False if code == _CHURN else before
            active[uuid] = after
            self.active_before[k], self.active_after[k] = before, after
            mrr += activity.movement
            count += int(after) - int(before)
            self.mrr_prefix[k + 1], self.count_prefix[k + 1] = mrr, count

    def __len__(self) -> int:
        return len(self.activities)

    def for_customers(self, customer_uuids: Collection[str]) -> ActivityLog:
        """The log of only these customers' activities (e.g. those in the `geo` countries)."""
        wanted = customer_uuids if isinstance(customer_uuids, set | frozenset) else set(customer_uuids)
        return ActivityLog(activity for activity in self.activities if activity.customer_uuid in wanted)


def prepare_activities(activities: Iterable[Activity]) -> ActivityLog:
    """Sort and index activities once, for any number of `metric_series` calls."""
    return ActivityLog(activities)


def _bucket_end(day: date, interval: str, week_start: str) -> date:
    if interval == "day":
        return day
    if interval == "week":
        last_weekday = 5 if week_start == "sunday" else 6  # Saturday / Sunday
        return day + timedelta(days=(last_weekday - day.weekday()) % 7)
    if interval == "month":
        last_month = day.month
    elif interval == "quarter":
        last_month = (day.month - 1) // 3 * 3 + 3
    else:
        last_month = 12
    return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def buckets(start: date, end: date, interval: str, week_start: str = "sunday") -> list[tuple[date, date]]:
    """(first day, last day) of each bucket from start to end, both inclusive."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    if week_start not in WEEK_STARTS:
        raise ValueError(f"week_start must be one of {', '.join(WEEK_STARTS)}")
    result = []
    first = start
    while first <= end:
        last = min(_bucket_end(first, interval, week_start), end)
        result.append((first, last))
        first = last + timedelta(days=1)
    return result


def bucket_count(start: date, end: date, interval: str, week_start: str = "sunday") -> int:
    """How many buckets `buckets(start, end, interval, week_start)` holds, without making them (0 when
    end is before start)."""
    if end < start:
        return 0
    if interval == "day":
        return (end - start).days + 1
    if interval == "week":
        # 0001-01-01 (ordinal 1) is a Monday: weeks from Sunday hold ordinals 7k..7k+6, from Monday 7k+1..
        shift = 0 if week_start == "sunday" else 1
        return (end.toordinal() - shift) // 7 - (start.toordinal() - shift) // 7 + 1
    per_year = {"month": 12, "quarter": 4, "year": 1}[interval]
    months_per_bucket = 12 // per_year
    first = start.year * per_year + (start.month - 1) // months_per_bucket
    last = end.year * per_year + (end.month - 1) // months_per_bucket
    return last - first + 1


def _percentage_change(value: int, previous: int) -> float:
    # Works on cents and on rates in hundredths alike: the ratio does not depend on the unit.
    if previous == 0:
        return 0.0
    return divide_rounded((value - previous) * 10000, abs(previous)) / 100


def _rows(log: ActivityLog, start: date, end: date, interval: str, week_start: str) -> list[dict[str, Any]]:
    """One dict per bucket: date, level values, movement sums and rates (rates in hundredths)."""
    days, movements, types, customers = log.days, log.movements, log.types, log.customers
    active_before, active_after = log.active_before, log.active_after
    k = bisect_left(days, start.toordinal())
    rows = []
    for _first, last in buckets(start, end, interval, week_start):
        mrr_start, count_start = log.mrr_prefix[k], log.count_prefix[k]
        stop = bisect_right(days, last.toordinal(), lo=k)
        sums = [0] * len(_TYPE_CODES)
        new_customers: set[int] = set()
        changed: dict[int, list[bool]] = {}  # customer → [counted at bucket start, counted at end]
        for j in range(k, stop):
            code = types[j]
            sums[code] += movements[j]
            if code == _NEW:
                new_customers.add(customers[j])
            if active_before[j] != active_after[j]:
                state = changed.get(customers[j])
                if state is None:
                    changed[customers[j]] = [active_before[j], active_after[j]]
                else:
                    state[1] = active_after[j]
        k = stop
        mrr, count = log.mrr_prefix[k], log.count_prefix[k]
        churned = sum(1 for was, now in changed.values() if was and not now)
        arpa = divide_rounded(mrr, count) if count else 0
        customer_churn = divide_rounded(churned * 10000, count_start) if count_start else 0
        net_mrr_churn = -(sums[_CHURN] + sums[_CON]) - sums[_EXP] - sums[_REACT]
        rows.append(
            {
                "date": last.isoformat(),
                "mrr": mrr,
                "arr": 12 * mrr,
                "arpa": arpa,
                "asp": divide_rounded(sums[_NEW], len(new_customers)) if new_customers else 0,
                "customers": count,
                "customer-churn-rate": customer_churn,
                "mrr-churn-rate": divide_rounded(net_mrr_churn * 10000, mrr_start) if mrr_start else 0,
                "ltv": divide_rounded(arpa * 10000, customer_churn) if customer_churn > 0 else 0,
                "mrr-new-business": sums[_NEW],
                "mrr-expansion": sums[_EXP],
                "mrr-contraction": sums[_CON],
                "mrr-churn": sums[_CHURN],
                "mrr-reactivation": sums[_REACT],
                # the operands of the figures above (what the dashboard shows beside each)
                "mrr-start": mrr_start,
                "customers-start": count_start,
                "churned-customers": churned,
                "new-customers": len(new_customers),
            }
        )
    return rows


def explained_rows(
    log: ActivityLog,
    *,
    start: date,
    end: date,
    interval: str = "month",
    week_start: str = "sunday",
    customers: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """Every figure of each bucket with its operands: MRR and customers at the bucket's start, the
    customers churned and those with a new_biz in it, and each movement's sum. Rates are in hundredths
    of a percent (an integer), as `metric_series` computes them before showing them as floats."""
    if customers is not None:
        log = log.for_customers(customers)
    return _rows(log, start, end, interval, week_start)


def _shown(key: str, value: int) -> int | float:
    return value / 100 if key in _RATES else value


def metric_series(
    activities: Sequence[Activity] | ActivityLog,
    *,
    start: date,
    end: date,
    interval: str = "month",
    week_start: str = "sunday",
    metrics: str = "all",
    customers: Collection[str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Entries and summary of one Metrics API endpoint, keyed exactly as ChartMogul's JSON.

    `metrics` names the endpoint: "all", "mrr", "arr", "arpa", "asp", "customer-count",
    "customer-churn-rate", "mrr-churn-rate" or "ltv". `customers` keeps only those customers' activities
    (the `geo` filter: pass the uuids of customers in the countries). Pass an ActivityLog to skip sorting.
    """
    if metrics != "all" and metrics not in METRICS:
        raise ValueError(f"unknown metric {metrics!r}")
    log = activities if isinstance(activities, ActivityLog) else ActivityLog(activities)
    if customers is not None:
        log = log.for_customers(customers)
    rows = _rows(log, start, end, interval, week_start)
    keys = ALL_KEYS if metrics == "all" else (METRICS[metrics],)
    previous_row: dict[str, Any] | None = None
    entries: list[dict[str, Any]] = []
    for row in rows:
        entry: dict[str, Any] = {"date": row["date"]}
        for key in keys:
            change = _percentage_change(row[key], previous_row[key]) if previous_row is not None else 0.0
            entry[key] = _shown(key, row[key])
            entry[f"{key}-percentage-change" if metrics == "all" else "percentage-change"] = change
        if metrics == "mrr":
            for movement_key in MOVEMENT_KEYS:
                entry[movement_key] = row[movement_key]
        entries.append(entry)
        previous_row = row

    summary: dict[str, Any] = {}
    for key in keys:
        current = rows[-1][key] if rows else 0
        previous = rows[-2][key] if len(rows) > 1 else 0
        change = _percentage_change(current, previous)
        if metrics == "all":
            summary[f"current-{key}"] = _shown(key, current)
            summary[f"previous-{key}"] = _shown(key, previous)
            summary[f"{key}-percentage-change"] = change
        else:
            summary = {
                "current": _shown(key, current),
                "previous": _shown(key, previous),
                "percentage-change": change,
            }
    return entries, summary
