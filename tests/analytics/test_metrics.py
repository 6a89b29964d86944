"""Metrics API series: bucket dates, formulas, wire keys, percentage changes and summaries."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mogul.analytics import Activity, compute_customer, metric_series, prepare_activities
from mogul.analytics.metrics import INTERVALS, WEEK_STARTS, bucket_count, buckets

from .builders import BRONZE, GOLD, PLANS, CustomerBuilder, at, line, monthly

_seq = itertools.count()


def act(customer: str, when: datetime, kind: str, movement: int) -> Activity:
    return Activity(
        customer_uuid=customer,
        date=when,
        type=kind,
        movement=movement,
        mrr_after=0,  # metrics never read it
        subscription_uuid=f"sub_{customer}",
        subscription_external_id=customer,
        subscription_set_external_id=None,
        plan_uuid="pl_x",
        description="",
        seq=next(_seq),
    )


def test_asp_is_new_business_over_new_customers() -> None:
    """mrr-semantics.md §4.3 (ASP): Jan 2015 new business 89116 over 7 customers → 12731."""
    amounts = [11370, 11371, 11371, 30254, 10000, 10000, 4750]
    activities = [act(f"c{k}", at(2015, 1, 9 + k), "new_biz", amount) for k, amount in enumerate(amounts)]
    # A customer with two new_biz activities (two subscriptions bought together) counts once.
    activities.append(act("c6", at(2015, 1, 15), "new_biz", 0))
    entries, _ = metric_series(activities, start=date(2015, 1, 1), end=date(2015, 1, 31), metrics="asp")
    assert sum(amounts) == 89116
    assert entries == [{"date": "2015-01-31", "asp": 12731, "percentage-change": 0.0}]


def _april_may_2022() -> list[Activity]:
    """Movements with the 2022 ruby fixture's April and May figures (mrr-semantics.md §4.3)."""
    march = at(2022, 3, 10)
    return [
        act("a", march, "new_biz", 380_000_000),
        act("b", march, "new_biz", 96_723),
        act("c", march, "new_biz", 626_295),
        act("d", at(2022, 2, 1), "new_biz", 54_879),
        act("d", at(2022, 2, 20), "churn", -54_879),
        # April, from 380,723,018 at the start (customers a, b, c).
        act("b", at(2022, 4, 5), "churn", -96_723),
        act("a", at(2022, 4, 6), "contraction", -813_307),
        act("c", at(2022, 4, 7), "expansion", 1_502_311),
        act("d", at(2022, 4, 8), "reactivation", 54_879),
        act("e", at(2022, 4, 9), "new_biz", 64_750),
        act("g", at(2022, 4, 9), "new_biz", 2_425_041),  # May starts at 383,859,969
        # May.
        act("e", at(2022, 5, 3), "churn", -64_750),
        act("a", at(2022, 5, 4), "contraction", -226_820),
        act("c", at(2022, 5, 5), "expansion", 286_342_340),
        act("b", at(2022, 5, 6), "reactivation", 5_000),
        act("f", at(2022, 5, 7), "new_biz", 572_899),
    ]


def test_net_mrr_churn_rate_and_its_percentage_change() -> None:
    """mrr-semantics.md §4.3 (MRR churn rate, net) and §4.2 (percentage-change):

    Apr 2022: (96723 + 813307 − 1502311 − 54879) / 380723018 → −0.17;
    May 2022: (64750 + 226820 − 286342340 − 5000) / 383859969 → −74.52; change −0.17 → −74.52 = −43735.29.
    """
    entries, summary = metric_series(
        _april_may_2022(),
        start=date(2022, 4, 1),
        end=date(2022, 5, 31),
        interval="month",
        metrics="mrr-churn-rate",
    )
    assert entries == [
        {"date": "2022-04-30", "mrr-churn-rate": -0.17, "percentage-change": 0.0},
        {"date": "2022-05-31", "mrr-churn-rate": -74.52, "percentage-change": -43735.29},
    ]
    assert summary == {"current": -74.52, "previous": -0.17, "percentage-change": -43735.29}


def test_mrr_percentage_change() -> None:
    """mrr-semantics.md §4.2: mrr 383,859,969 → 670,280,904 gives percentage-change 74.62."""
    activities = [
        act("a", at(2022, 4, 1), "new_biz", 383_859_969),
        act("b", at(2022, 5, 31, 23), "new_biz", 670_280_904 - 383_859_969),
    ]
    entries, summary = metric_series(activities, start=date(2022, 4, 1), end=date(2022, 5, 31), metrics="mrr")
    assert [(e["date"], e["mrr"], e["percentage-change"]) for e in entries] == [
        ("2022-04-30", 383_859_969, 0.0),
        ("2022-05-31", 670_280_904, 74.62),
    ]
    assert summary == {"current": 670_280_904, "previous": 383_859_969, "percentage-change": 74.62}


def test_mrr_entries_carry_the_movement_breakdown() -> None:
    """mrr-semantics.md §3.5/§4.2: /mrr entries sum movements per bucket; contraction and churn negative."""
    entries, _ = metric_series(
        _april_may_2022(), start=date(2022, 4, 1), end=date(2022, 5, 31), metrics="mrr"
    )
    may_mrr = 383_859_969 + 572_899 + 286_342_340 - 226_820 - 64_750 + 5_000
    assert entries == [
        {
            "date": "2022-04-30",
            "mrr": 383_859_969,
            "percentage-change": 0.0,
            "mrr-new-business": 2_489_791,
            "mrr-expansion": 1_502_311,
            "mrr-contraction": -813_307,
            "mrr-churn": -96_723,
            "mrr-reactivation": 54_879,
        },
        {
            "date": "2022-05-31",
            "mrr": may_mrr,
            "percentage-change": 74.67,
            "mrr-new-business": 572_899,
            "mrr-expansion": 286_342_340,
            "mrr-contraction": -226_820,
            "mrr-churn": -64_750,
            "mrr-reactivation": 5_000,
        },
    ]


def test_customer_count_arpa_and_churn_rate() -> None:
    """mrr-semantics.md §4.3: customers at the end of the bucket, ARPA = MRR / customers, standard churn rate.

    April starts with a, b, c (d churned in February); b churns: 1 of 3 → 33.33; d reactivates, e and
    g join: 5 at the end. May: e churns (1 of 5 → 20.0), b reactivates and f joins: 6 at the end.
    """
    entries, _ = metric_series(_april_may_2022(), start=date(2022, 4, 1), end=date(2022, 5, 31))
    april, may = entries
    assert (april["customers"], april["customer-churn-rate"], april["arpa"]) == (5, 33.33, 76_771_994)
    assert (may["customers"], may["customer-churn-rate"], may["customers-percentage-change"]) == (
        6,
        20.0,
        20.0,
    )
    assert april["asp"] == 1_244_896  # (64750 + 2425041) / 2, half away from zero
    assert april["ltv"] == 230_339_016  # 76771994 / 0.3333 = 230339015.9


def test_churn_rate_excludes_joined_and_churned_and_churned_and_reactivated() -> None:
    """mrr-semantics.md §4.3 (HC-CHURNFORMULAS):

    (churned − joined-and-churned − churned-and-reactivated) / customers at start → 1 / 8 = 12.5.
    """
    activities = [
        *(act(f"c{k}", at(2022, 1, 5), "new_biz", 1000) for k in range(8)),
        act("c0", at(2022, 2, 3), "churn", -1000),  # churned: counts
        act("c1", at(2022, 2, 3), "churn", -1000),  # churned and reactivated: excluded
        act("c1", at(2022, 2, 20), "reactivation", 1000),
        act("n", at(2022, 2, 4), "new_biz", 1000),  # joined and churned: excluded
        act("n", at(2022, 2, 10), "churn", -1000),
    ]
    entries, _ = metric_series(
        activities, start=date(2022, 2, 1), end=date(2022, 2, 28), metrics="customer-churn-rate"
    )
    assert entries == [{"date": "2022-02-28", "customer-churn-rate": 12.5, "percentage-change": 0.0}]


def test_ltv_is_arpa_over_the_rounded_churn_rate() -> None:
    """mrr-semantics.md §4.3 (LTV, 2022 fixture): ARPA 656170 ÷ 0.56% → 117,173,214."""
    march = at(2022, 3, 1)
    activities = [act(f"k{k}", march, "new_biz", 656_170) for k in range(1243)]
    activities += [act(f"x{k}", march, "new_biz", 100) for k in range(7)]
    activities += [act(f"x{k}", at(2022, 4, 10), "churn", -100) for k in range(7)]
    entries, _ = metric_series(activities, start=date(2022, 4, 1), end=date(2022, 4, 30))
    [april] = entries
    assert (april["customers"], april["arpa"], april["customer-churn-rate"]) == (1243, 656_170, 0.56)
    assert april["ltv"] == 117_173_214


def test_ltv_is_zero_without_churn() -> None:
    """mrr-semantics.md §4.3 (HC-LTV-OLD): LTV is 0 when the churn rate is 0."""
    entries, _ = metric_series(
        [act("a", at(2022, 1, 1), "new_biz", 5000)],
        start=date(2022, 1, 1),
        end=date(2022, 2, 28),
        metrics="ltv",
    )
    assert [e["ltv"] for e in entries] == [0, 0]


def test_all_entries_and_summary_use_exact_wire_keys() -> None:
    """mrr-semantics.md §4.2: /all carries eight metrics with <key>-percentage-change, no movement fields."""
    entries, summary = metric_series(_april_may_2022(), start=date(2022, 4, 1), end=date(2022, 5, 31))
    keys = ["mrr", "arr", "arpa", "asp", "customers", "customer-churn-rate", "mrr-churn-rate", "ltv"]
    assert set(entries[0]) == {"date", *keys, *(f"{k}-percentage-change" for k in keys)}
    assert set(summary) == {f"{prefix}{k}" for k in keys for prefix in ("current-", "previous-")} | {
        f"{k}-percentage-change" for k in keys
    }
    assert entries[1]["arr"] == 12 * entries[1]["mrr"]
    assert summary["current-mrr"] == entries[1]["mrr"]
    assert summary["previous-mrr"] == entries[0]["mrr"]
    assert summary["mrr-percentage-change"] == entries[1]["mrr-percentage-change"]
    assert summary["current-mrr-churn-rate"] == entries[1]["mrr-churn-rate"]
    assert isinstance(entries[0]["customer-churn-rate"], float)
    assert isinstance(entries[0]["mrr"], int)


@pytest.mark.parametrize(
    ("metric", "key"),
    [
        ("arr", "arr"),
        ("arpa", "arpa"),
        ("asp", "asp"),
        ("customer-count", "customers"),
        ("customer-churn-rate", "customer-churn-rate"),
        ("mrr-churn-rate", "mrr-churn-rate"),
        ("ltv", "ltv"),
    ],
)
def test_single_metric_entry_keys(metric: str, key: str) -> None:
    """mrr-semantics.md §4.2: single-metric entries are {date, <key>, percentage-change}."""
    entries, summary = metric_series(
        _april_may_2022(), start=date(2022, 4, 1), end=date(2022, 5, 31), metrics=metric
    )
    assert [set(entry) for entry in entries] == [{"date", key, "percentage-change"}] * 2
    assert set(summary) == {"current", "previous", "percentage-change"}


def test_percentage_change_from_zero_is_zero() -> None:
    """mrr-semantics.md §4.2: when the previous value is 0 the fixtures show 0.0."""
    activities = [act("a", at(2022, 1, 2), "new_biz", 5000)]
    entries, summary = metric_series(activities, start=date(2022, 1, 1), end=date(2022, 1, 2), interval="day")
    assert [(e["mrr"], e["mrr-percentage-change"]) for e in entries] == [(0, 0.0), (5000, 0.0)]
    assert summary["mrr-percentage-change"] == 0.0


def test_single_entry_summary_has_previous_zero() -> None:
    """Documented summary choice: current = last entry, previous = the entry before it, else 0."""
    activities = [act("a", at(2022, 1, 2), "new_biz", 5000)]
    _, summary = metric_series(activities, start=date(2022, 1, 1), end=date(2022, 1, 31), metrics="mrr")
    assert summary == {"current": 5000, "previous": 0, "percentage-change": 0.0}


def test_monthly_buckets_end_at_month_end_and_partial_last_bucket_at_end_date() -> None:
    """mrr-semantics.md §4.1: entries dated at the last day of each bucket; a partial last one at end-date."""
    assert buckets(date(2015, 1, 15), date(2015, 3, 24), "month") == [
        (date(2015, 1, 15), date(2015, 1, 31)),
        (date(2015, 2, 1), date(2015, 2, 28)),
        (date(2015, 3, 1), date(2015, 3, 24)),
    ]


def test_weeks_end_on_saturday_for_sunday_start_and_sunday_for_monday_start() -> None:
    """mrr-semantics.md §4.1: weekly entries land on Saturdays (2015-01-03, 2015-01-10) with Sunday starts."""
    sunday = [last for _, last in buckets(date(2015, 1, 1), date(2015, 1, 14), "week", "sunday")]
    monday = [last for _, last in buckets(date(2015, 1, 1), date(2015, 1, 14), "week", "monday")]
    assert sunday == [date(2015, 1, 3), date(2015, 1, 10), date(2015, 1, 14)]
    assert monday == [date(2015, 1, 4), date(2015, 1, 11), date(2015, 1, 14)]


def test_quarter_and_year_buckets() -> None:
    assert [last for _, last in buckets(date(2022, 2, 10), date(2022, 12, 31), "quarter")] == [
        date(2022, 3, 31),
        date(2022, 6, 30),
        date(2022, 9, 30),
        date(2022, 12, 31),
    ]
    assert [last for _, last in buckets(date(2021, 6, 1), date(2022, 3, 1), "year")] == [
        date(2021, 12, 31),
        date(2022, 3, 1),
    ]


def test_daily_series_of_the_2015_recording_satisfies_the_identity() -> None:
    """mrr-semantics.md §3.5: churn and reactivation on one day; mrr[d] = mrr[d−1] + Σ movements(d)."""
    activities = [
        act("a", at(2015, 1, 9), "new_biz", 34112),
        act("b", at(2015, 1, 12), "new_biz", 30254),
        act("b", at(2015, 1, 14, 8), "churn", -30254),
        act("c", at(2015, 1, 14, 9), "reactivation", 21741),
    ]
    entries, _ = metric_series(
        activities, start=date(2015, 1, 13), end=date(2015, 1, 14), interval="day", metrics="mrr"
    )
    assert entries[-1] == {
        "date": "2015-01-14",
        "mrr": 55853,
        "percentage-change": round((55853 - 64366) / 64366 * 100, 2),
        "mrr-new-business": 0,
        "mrr-expansion": 0,
        "mrr-contraction": 0,
        "mrr-churn": -30254,
        "mrr-reactivation": 21741,
    }


def test_geo_filter_keeps_only_the_given_customers() -> None:
    """The `geo` filter: the caller passes the uuids of customers in the countries."""
    activities = [act("us", at(2022, 1, 1), "new_biz", 5000), act("de", at(2022, 1, 1), "new_biz", 7000)]
    log = prepare_activities(activities)
    entries, _ = metric_series(log, start=date(2022, 1, 1), end=date(2022, 1, 31), customers={"de"})
    assert (entries[0]["mrr"], entries[0]["customers"]) == (7000, 1)


def test_series_from_computed_customers() -> None:
    """End to end: compute_customer activities feed the series (upgrade §1.2 + churn of another customer)."""
    upgrade = (
        CustomerBuilder("u")
        .add(line("s", BRONZE, at(2019, 1, 1), at(2019, 2, 1), 10000))
        .add(line("s", GOLD, at(2019, 2, 1), at(2019, 3, 1), 25000))
        .build()
    )
    leaver = (
        CustomerBuilder("l")
        .add(*monthly("t", BRONZE, at(2019, 1, 10), 1, 5000))
        .cancel("t", at(2019, 2, 5))
        .build()
    )
    activities = [
        activity
        for customer in (upgrade, leaver)
        for activity in compute_customer(customer, PLANS, "USD", at(2019, 3, 1)).activities
    ]
    entries, _ = metric_series(activities, start=date(2019, 1, 1), end=date(2019, 2, 28), metrics="mrr")
    assert [(e["mrr"], e["mrr-new-business"], e["mrr-expansion"], e["mrr-churn"]) for e in entries] == [
        (15000, 15000, 0, 0),
        (25000, 0, 15000, -5000),
    ]
    all_entries, _ = metric_series(activities, start=date(2019, 1, 1), end=date(2019, 2, 28))
    assert [(e["customers"], e["customer-churn-rate"], e["mrr-churn-rate"]) for e in all_entries] == [
        (2, 0.0, 0.0),
        (1, 50.0, round((5000 - 15000) / 15000 * 100, 2)),
    ]


def test_bad_interval_metric_or_week_start_is_an_error() -> None:
    with pytest.raises(ValueError, match="interval"):
        metric_series([], start=date(2022, 1, 1), end=date(2022, 1, 2), interval="hour")
    with pytest.raises(ValueError, match="week_start"):
        metric_series([], start=date(2022, 1, 1), end=date(2022, 1, 2), interval="week", week_start="friday")
    with pytest.raises(ValueError, match="metric"):
        metric_series([], start=date(2022, 1, 1), end=date(2022, 1, 2), metrics="cmrr")


@given(
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)),
    days=st.integers(min_value=-3, max_value=1200),
    interval=st.sampled_from(INTERVALS),
    week_start=st.sampled_from(WEEK_STARTS),
)
def test_bucket_count_is_the_number_of_buckets(
    start: date, days: int, interval: str, week_start: str
) -> None:
    """The count the server bounds a request by, without making the buckets, is exactly theirs."""
    end = start + timedelta(days=days)
    assert bucket_count(start, end, interval, week_start) == len(buckets(start, end, interval, week_start))


def test_bucket_count_of_the_whole_date_range() -> None:
    first, last = date(1900, 1, 1), date(2999, 12, 31)
    counts = {interval: bucket_count(first, last, interval) for interval in INTERVALS}
    assert counts == {"day": 401767, "week": 57396, "month": 13200, "quarter": 4400, "year": 1100}
