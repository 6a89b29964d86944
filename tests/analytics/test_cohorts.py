"""Cohorts by start month, checked against tables worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from mogul.analytics.cohorts import cohorts
from mogul.analytics.model import Activity


def _activity(customer: str, day: str, kind: str, movement: int, seq: int = 0) -> Activity:
    when = datetime.fromisoformat(day).replace(tzinfo=UTC)
    return Activity(customer, when, kind, movement, 0, "", "", None, None, "", seq)


# January: A (100) and B (50) start; C starts in February (200).
# A expands by 20 in February, B churns in March, C contracts by 50 in March,
# B comes back (reactivation, 60) in April: B stays in the January cohort.
LOG = [
    _activity("A", "2024-01-05", "new_biz", 100),
    _activity("B", "2024-01-20", "new_biz", 50),
    _activity("C", "2024-02-03", "new_biz", 200),
    _activity("A", "2024-02-10", "expansion", 20, 1),
    _activity("B", "2024-03-01", "churn", -50, 1),
    _activity("C", "2024-03-15", "contraction", -50, 1),
    _activity("B", "2024-04-02", "reactivation", 60, 2),
]


def test_customer_and_mrr_retention_by_start_month() -> None:
    found = cohorts(LOG, start=date(2024, 1, 1), end=date(2024, 4, 30))
    january, february = found
    assert january.month == date(2024, 1, 1) and january.size == 2
    # end of Jan: A, B (150); Feb: A 120 + B 50 = 170; Mar: A only, 120; Apr: A 120 + B 60 = 180
    assert january.customers == (2, 2, 1, 2)
    assert january.mrr == (150, 170, 120, 180)
    assert january.customer_retention == [100.0, 100.0, 50.0, 100.0]
    assert january.mrr_retention == [100.0, 113.33, 80.0, 120.0]
    assert february.month == date(2024, 2, 1) and february.size == 1
    assert february.customers == (1, 1, 1)
    assert february.mrr == (200, 150, 150)
    assert february.mrr_retention == [100.0, 75.0, 75.0]


def test_the_range_picks_the_cohorts_and_how_far_they_are_followed() -> None:
    found = cohorts(LOG, start=date(2024, 2, 1), end=date(2024, 3, 31))
    assert [(c.month, c.customers, c.mrr) for c in found] == [(date(2024, 2, 1), (1, 1), (200, 150))]


def test_a_customer_filter_keeps_only_those_customers() -> None:
    (january,) = cohorts(LOG, start=date(2024, 1, 1), end=date(2024, 4, 30), customers={"B"})
    assert (january.size, january.customers, january.mrr) == (1, (1, 1, 0, 1), (50, 50, 0, 60))
    assert january.customer_retention == [100.0, 100.0, 0.0, 100.0]


def test_months_are_utc_and_a_cohort_without_mrr_has_no_mrr_retention() -> None:
    late = datetime(2024, 1, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))  # 1 February, UTC
    log = [
        Activity("Z", late, "new_biz", 0, 0, "", "", None, None, "", 0),
        _activity("Y", "2024-03-01", "reactivation", 10),  # no new_biz: in no cohort
    ]
    (february,) = cohorts(log, start=date(2024, 1, 1), end=date(2024, 3, 31))
    assert february.month == date(2024, 2, 1)
    assert february.mrr_retention == [None, None]
    assert cohorts([], start=date(2024, 1, 1), end=date(2024, 3, 31)) == []
