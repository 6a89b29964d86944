"""Line-item MRR: normalisation, tax, discounts, proration, rounding and currency conversion."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

import pytest
from currency_converter import CurrencyConverter
from hypothesis import given
from hypothesis import strategies as st

from mogul.analytics import Plan, UnsupportedCurrencyError, line_mrr, month_ratio, prorate_factor
from mogul.analytics.valuation import divide_rounded

from .builders import ANNUAL, BRONZE, QUARTERLY, TWELVE_MONTHS, WEEKLY, at, line


def test_monthly_line_mrr_is_its_amount() -> None:
    """mrr-semantics.md §2.2: month × 1 → ratio 1 (5000 → 5000)."""
    item = line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000)
    assert line_mrr(item, BRONZE, "USD") == 5000


def test_quarterly_plan_is_divided_by_three() -> None:
    """mrr-semantics.md §2.2: $90 for a 3-month plan → ratio 1/3 → $30 MRR (9000 → 3000)."""
    item = line("s", QUARTERLY, at(2022, 1, 1), at(2022, 4, 1), 9000)
    assert month_ratio(QUARTERLY) == Fraction(1, 3)
    assert line_mrr(item, QUARTERLY, "USD") == 3000


def test_annual_plan_is_divided_by_twelve() -> None:
    """mrr-semantics.md §2.2: year × 1 and month × 12 → 1/12 (120000 → 10000)."""
    yearly = line("s", ANNUAL, at(2022, 1, 1), at(2023, 1, 1), 120000)
    twelve = line("s", TWELVE_MONTHS, at(2022, 1, 1), at(2023, 1, 1), 120000)
    assert line_mrr(yearly, ANNUAL, "USD") == 10000
    assert line_mrr(twelve, TWELVE_MONTHS, "USD") == 10000


def test_annual_gold_example_rounds_to_the_cent() -> None:
    """mrr-semantics.md §2.2 (HC-LIFECYCLE): $2,000 for 4× Gold annual gives $166.67 MRR."""
    item = line("s", ANNUAL, at(2022, 1, 1), at(2023, 1, 1), 200000, quantity=4)
    assert line_mrr(item, ANNUAL, "USD") == 16667


def test_multi_year_plan_ratio() -> None:
    """mrr-semantics.md §2.2: year × N → 1/(12N)."""
    biennial = Plan("pl_2y", "2y", "Two years", 2, "year")
    item = line("s", biennial, at(2022, 1, 1), at(2024, 1, 1), 240000)
    assert month_ratio(biennial) == Fraction(1, 24)
    assert line_mrr(item, biennial, "USD") == 10000


def test_day_plan_uses_30_4375_days_per_month() -> None:
    """mrr-semantics.md §2.2 (day × N, [UNCERTAIN] constant): weekly $7 → 700 × 30.4375/7 = 3043.75 → 3044."""
    item = line("s", WEEKLY, at(2022, 1, 1), at(2022, 1, 8), 700)
    assert month_ratio(WEEKLY) == Fraction(304375, 70000)
    assert line_mrr(item, WEEKLY, "USD") == 3044


def test_tax_is_subtracted() -> None:
    """mrr-semantics.md §2.1/§2.3: 5000 with 900 tax on a monthly plan → 4100."""
    item = line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000, tax=900)
    assert line_mrr(item, BRONZE, "USD") == 4100


def test_discount_is_already_in_the_amount() -> None:
    """mrr-semantics.md §2.1: amount_in_cents is net of discounts; a $10 coupon on $50 is sent as 4000.

    The discount fields are informational and never reach the engine, so MRR is the amount as sent.
    """
    item = line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 4000)
    assert line_mrr(item, BRONZE, "USD") == 4000


def test_quantity_is_not_in_the_formula() -> None:
    """mrr-semantics.md §2.1: the amount already covers the whole quantity."""
    one = line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000, quantity=1)
    five = line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000, quantity=5)
    assert line_mrr(one, BRONZE, "USD") == line_mrr(five, BRONZE, "USD") == 5000


def test_import_example_prorated_line() -> None:
    """mrr-semantics.md §2.3: 5000 − 900 tax, Nov 10 → Dec 1 of a monthly plan: round(4100 × 30/21) = 5857."""
    item = line(
        "s",
        BRONZE,
        at(2016, 11, 10),
        at(2016, 12, 1),
        5000,
        tax=900,
        prorated=True,
        proration_type="differential",
    )
    assert prorate_factor(item, BRONZE) == Fraction(30, 21)
    assert line_mrr(item, BRONZE, "USD") == 5857


def test_prorated_seat_added_mid_month() -> None:
    """mrr-semantics.md §2.3 (Adam Smith): $25 for Mar 16 → Apr 1: round(2500 × 31/16) = 4844."""
    item = line("s", BRONZE, at(2016, 3, 16), at(2016, 4, 1), 2500, prorated=True)
    assert prorate_factor(item, BRONZE) == Fraction(31, 16)
    assert line_mrr(item, BRONZE, "USD") == 4844


def test_prorated_credit_mirrors_its_charge() -> None:
    """mrr-semantics.md §1.6: a −$50 Bronze credit for Jun 16 → Jul 1 is −$100 of MRR (factor 30/15)."""
    credit = line("s", BRONZE, at(2019, 6, 16), at(2019, 7, 1), -5000, prorated=True)
    assert line_mrr(credit, BRONZE, "USD") == -10000


def test_full_period_is_counted_back_in_calendar_months_with_clamping() -> None:
    """mrr-semantics.md §2.3 and Rule 2: month × 1 ending Mar 31 counts back to Feb 28 (31 days)."""
    item = line("s", BRONZE, at(2022, 3, 16), at(2022, 3, 31), 1500, prorated=True)
    assert prorate_factor(item, BRONZE) == Fraction(31, 15)
    assert line_mrr(item, BRONZE, "USD") == 3100


def test_prorated_annual_line_counts_back_a_year() -> None:
    """mrr-semantics.md §2.3: the full period of a year plan is one year back from the end (365 days)."""
    item = line("s", ANNUAL, at(2022, 7, 2), at(2023, 1, 1), 60000, prorated=True)
    assert prorate_factor(item, ANNUAL) == Fraction(365, 183)
    assert line_mrr(item, ANNUAL, "USD") == divide_rounded(60000 * 365, 12 * 183)


def test_rounding_is_half_away_from_zero() -> None:
    """Rule 2 (our choice): 3 cents on a 2-month plan is 1.5 → 2, and a −3 credit is −2."""
    two_months = Plan("pl_2m", "2m", "Two months", 2, "month")
    charge = line("s", two_months, at(2022, 1, 1), at(2022, 3, 1), 3)
    credit = line("s", two_months, at(2022, 1, 1), at(2022, 3, 1), -3)
    assert line_mrr(charge, two_months, "USD") == 2
    assert line_mrr(credit, two_months, "USD") == -2


def _independent_rate(day: date) -> float:
    converter = CurrencyConverter(
        fallback_on_missing_rate=True,
        fallback_on_missing_rate_method="last_known",
        fallback_on_wrong_date=True,
    )
    return float(converter.convert(1, "EUR", "USD", date=day))


def test_foreign_currency_uses_the_ecb_rate_of_the_service_period_start() -> None:
    """mrr-semantics.md §2.4 (HC-FX) and Rule 5: a EUR line in a USD account, converted before rounding."""
    item = line("s", BRONZE, at(2022, 3, 15), at(2022, 4, 15), 10000, tax=1900, currency="EUR")
    rate = _independent_rate(date(2022, 3, 15))
    assert 1.0 < rate < 1.2
    expected = math.floor(8100 * rate + 0.5)
    assert line_mrr(item, BRONZE, "USD") == expected
    assert line_mrr(item, BRONZE, "EUR") == 8100


def test_weekend_service_start_uses_the_latest_earlier_rate() -> None:
    """Rule 5: no ECB rate on Sunday 2022-03-13, so Friday 2022-03-11's rate applies."""
    sunday = line("s", ANNUAL, at(2022, 3, 13), at(2023, 3, 13), 1200000, currency="EUR")
    friday_rate = _independent_rate(date(2022, 3, 11))
    assert line_mrr(sunday, ANNUAL, "USD") == math.floor(100000 * friday_rate + 0.5)


def test_unknown_currency_is_a_clear_error() -> None:
    item = line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 1000, currency="XXX")
    with pytest.raises(UnsupportedCurrencyError, match="XXX"):
        line_mrr(item, BRONZE, "USD")


@given(
    amount=st.integers(min_value=-(10**9), max_value=10**9),
    tax=st.integers(min_value=0, max_value=10**6),
    count=st.integers(min_value=1, max_value=36),
    unit=st.sampled_from(["day", "month", "year"]),
    prorated_days=st.integers(min_value=1, max_value=400),
)
def test_line_mrr_is_the_exactly_rounded_formula(
    amount: int, tax: int, count: int, unit: str, prorated_days: int
) -> None:
    """Rule 2 as a property: round_half_away(net × ratio × pf) in exact arithmetic, and odd in net."""
    from datetime import timedelta

    plan = Plan("pl_x", "x", "X", count, unit)
    end = at(2024, 3, 31)
    item = line("s", plan, end - timedelta(days=prorated_days), end, amount, tax=tax, prorated=True)
    exact = (amount - tax) * month_ratio(plan) * prorate_factor(item, plan)
    assert line_mrr(item, plan, "USD") == divide_rounded(exact.numerator, exact.denominator)
    assert abs(line_mrr(item, plan, "USD") - exact) <= Fraction(1, 2)
    negated = line("s", plan, item.service_period_start, end, -amount, tax=-tax, prorated=True)
    assert line_mrr(negated, plan, "USD") == -line_mrr(item, plan, "USD")
