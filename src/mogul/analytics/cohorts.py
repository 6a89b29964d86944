"""Cohorts: customers grouped by the month they started, and how many of them, and how much of their
MRR, remain in each month after.

Definitions (documented choices, docs/behaviour.md "Dashboard"):

- A customer's cohort is the month (UTC) of its first new_biz activity; a later churn and reactivation
  keep it in that cohort. A customer with no new_biz in the log belongs to no cohort.
- Month k of a cohort (k = 0 is the start month) counts, at the end of that month, the cohort's
  customers that are customers then (from their new_biz or reactivation until their churn, as the
  Metrics API counts them) and the sum of their MRR.
- Customer retention in month k = customers counted in month k / customers in the cohort × 100;
  MRR retention in month k = the cohort's MRR at the end of month k / its MRR at the end of month 0
  × 100 (net: expansions can take it over 100). Both have 2 decimals, rounded half away from zero;
  MRR retention is None when the cohort had no MRR at the end of its first month.

Cost: one pass over the activities, then one over cohorts × months.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date

from mogul.analytics.metrics import ActivityLog
from mogul.analytics.model import CHURN, NEW_BIZ, REACTIVATION, Activity
from mogul.analytics.valuation import divide_rounded


@dataclass(frozen=True)
class Cohort:
    month: date  # the first day of the cohort's start month
    size: int  # customers whose first new_biz is in that month
    customers: tuple[int, ...]  # customers counted at the end of month 0, 1, ...
    mrr: tuple[int, ...]  # their MRR (cents) at the end of month 0, 1, ...

    @property
    def customer_retention(self) -> list[float]:
        return [divide_rounded(count * 10000, self.size) / 100 for count in self.customers]

    @property
    def mrr_retention(self) -> list[float | None]:
        base = self.mrr[0] if self.mrr else 0
        return [divide_rounded(value * 10000, base) / 100 if base > 0 else None for value in self.mrr]


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def cohorts(
    activities: ActivityLog | Iterable[Activity],
    *,
    start: date,
    end: date,
    customers: Collection[str] | None = None,
) -> list[Cohort]:
    """The cohorts that started from the month of `start` to the month of `end`, oldest first, each
    followed to the month of `end`; `customers` keeps only those customers (the `geo` filter)."""
    log = activities if isinstance(activities, ActivityLog) else ActivityLog(activities)
    wanted = None if customers is None else set(customers)
    first, last = _month_index(start), _month_index(end)
    cohort_of: dict[str, int] = {}
    active: dict[str, bool] = {}
    # per cohort, per month: the change of its customer count and of its MRR in that month
    count_change: dict[int, list[int]] = {}
    mrr_change: dict[int, list[int]] = {}
    for activity in log.activities:
        uuid = activity.customer_uuid
        if wanted is not None and uuid not in wanted:
            continue
        moment = activity.date.astimezone(UTC) if activity.date.utcoffset() else activity.date
        month = _month_index(moment.date())
        if month > last:
            continue
        cohort = cohort_of.get(uuid)
        if cohort is None:
            if activity.type != NEW_BIZ:
                continue
            cohort = cohort_of[uuid] = month
        before = active.get(uuid, False)
        after = (
            True if activity.type in (NEW_BIZ, REACTIVATION) else False if activity.type == CHURN else before
        )
        active[uuid] = after
        if cohort < first:
            continue
        width = last - cohort + 1
        counts = count_change.setdefault(cohort, [0] * width)
        sums = mrr_change.setdefault(cohort, [0] * width)
        counts[month - cohort] += int(after) - int(before)
        sums[month - cohort] += activity.movement
    sizes: dict[int, int] = {}
    for cohort in cohort_of.values():
        sizes[cohort] = sizes.get(cohort, 0) + 1
    out = []
    for cohort in sorted(count_change):
        counted, mrr = [], []
        running_count = running_mrr = 0
        for count, movement in zip(count_change[cohort], mrr_change[cohort], strict=True):
            running_count += count
            running_mrr += movement
            counted.append(running_count)
            mrr.append(running_mrr)
        out.append(Cohort(_month(cohort), sizes[cohort], tuple(counted), tuple(mrr)))
    return out
