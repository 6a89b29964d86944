"""The MRR of one subscription line item: month normalisation, proration, tax and currency.

`line_mrr = round((amount − tax) × rate × month_ratio × prorate_factor)` in account-currency cents
(mrr-semantics.md §2.1–§2.4). Rounding is half away from zero, so +x.5 and −x.5 mirror each other and
a credit line cancels its matching charge exactly. Without a currency conversion the whole product is
computed with integers, so there is no float error at all; with one, the ECB rate is a float and the
product is rounded once, after converting.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, datetime, timedelta
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING

from mogul.analytics.model import LineItem, Plan

if TYPE_CHECKING:
    from currency_converter import CurrencyConverter

# ChartMogul does not publish its days-per-month constant (§2.2); 365.25 / 12 = 30.4375 = 487/16.
DAYS_PER_MONTH = Fraction(487, 16)

_MICROSECOND = timedelta(microseconds=1)


class UnknownIntervalError(ValueError):
    """A plan's interval unit is not day, month or year."""


class UnsupportedCurrencyError(ValueError):
    """A currency the bundled ECB rates do not know."""


def divide_rounded(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves away from zero."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    quotient = (2 * abs(numerator) + denominator) // (2 * denominator)
    return quotient if numerator >= 0 else -quotient


def _ratio_parts(plan: Plan) -> tuple[int, int]:
    """month_ratio(plan) as (numerator, denominator) integers, for the integer fast path."""
    count = plan.interval_count if plan.interval_count > 0 else 1
    unit = plan.interval_unit
    if unit == "month":
        return 1, count
    if unit == "year":
        return 1, 12 * count
    if unit == "day":
        return DAYS_PER_MONTH.numerator, DAYS_PER_MONTH.denominator * count
    raise UnknownIntervalError(f"plan {plan.uuid}: unknown interval_unit {unit!r}")


def month_ratio(plan: Plan) -> Fraction:
    """How many of the plan's intervals make a month: month×n → 1/n, year×n → 1/(12n), day×n → 30.4375/n."""
    numerator, denominator = _ratio_parts(plan)
    return Fraction(numerator, denominator)


def _minus_months(moment: datetime, months: int) -> datetime:
    # Calendar months back, clamping the day to the target month's end (Mar 31 − 1 month = Feb 28/29).
    year, month0 = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month0 + 1)[1])
    return moment.replace(year=year, month=month0 + 1, day=day)


def full_period_start(end: datetime, plan: Plan) -> datetime:
    """The start of one full plan interval that ends at `end` (the prorate numerator's period)."""
    count = plan.interval_count if plan.interval_count > 0 else 1
    unit = plan.interval_unit
    if unit == "month":
        return _minus_months(end, count)
    if unit == "year":
        return _minus_months(end, 12 * count)
    if unit == "day":
        return end - timedelta(days=count)
    raise UnknownIntervalError(f"plan {plan.uuid}: unknown interval_unit {unit!r}")


def full_period_end(start: datetime, plan: Plan) -> datetime:
    """The end of one full plan interval that starts at `start` (a subscription event's period)."""
    count = plan.interval_count if plan.interval_count > 0 else 1
    unit = plan.interval_unit
    if unit == "month":
        return _minus_months(start, -count)
    if unit == "year":
        return _minus_months(start, -12 * count)
    if unit == "day":
        return start + timedelta(days=count)
    raise UnknownIntervalError(f"plan {plan.uuid}: unknown interval_unit {unit!r}")


def _prorate_parts(item: LineItem, plan: Plan) -> tuple[int, int]:
    if not item.prorated:
        return 1, 1
    end = item.service_period_end
    period = (end - item.service_period_start) // _MICROSECOND
    if period <= 0:
        # An empty or inverted period cannot be scaled up to a full one; value it as it stands.
        return 1, 1
    full = (end - full_period_start(end, plan)) // _MICROSECOND
    return full, period


def prorate_factor(item: LineItem, plan: Plan) -> Fraction:
    """1, or for a prorated line: one full plan interval counted back from its end ÷ its own period."""
    full, period = _prorate_parts(item, plan)
    return Fraction(full, period)


@cache
def _converter() -> CurrencyConverter:
    # Built once per process: loading the bundled ECB history takes a noticeable fraction of a second.
    from currency_converter import CurrencyConverter

    return CurrencyConverter(
        fallback_on_missing_rate=True,
        fallback_on_missing_rate_method="last_known",  # weekends and holidays: latest rate before the day
        fallback_on_wrong_date=True,  # outside the bundled range: the nearest end of it
    )


@cache
def exchange_rate(from_currency: str, to_currency: str, day: date) -> float:
    """The ECB rate turning one unit of `from_currency` into `to_currency` on `day` (no network)."""
    source, target = from_currency.upper(), to_currency.upper()
    if source == target:
        return 1.0
    converter = _converter()
    for currency in (source, target):
        if currency not in converter.currencies:
            raise UnsupportedCurrencyError(f"no exchange rate for currency {currency!r}")
    return float(converter.convert(1, source, target, date=day))


def _round_float(value: float) -> int:
    return math.floor(abs(value) + 0.5) * (1 if value >= 0 else -1)


def convert(cents: int, from_currency: str, to_currency: str, day: date) -> int:
    """`cents` of `from_currency` in `to_currency` at the ECB rate of `day`, rounded as line MRR is."""
    return _round_float(cents * exchange_rate(from_currency, to_currency, day))


def line_mrr(item: LineItem, plan: Plan, account_currency: str) -> int:
    """The line's MRR in account-currency cents (§2.1): what it sets, or for a prorated line adds."""
    net = item.amount_in_cents - item.tax_amount_in_cents
    ratio_num, ratio_den = _ratio_parts(plan)
    if item.prorated:
        full, period = _prorate_parts(item, plan)
        ratio_num *= full
        ratio_den *= period
    if item.currency == account_currency or item.currency.upper() == account_currency.upper():
        return divide_rounded(net * ratio_num, ratio_den)
    rate = exchange_rate(item.currency, account_currency, item.service_period_start.date())
    return _round_float(net * rate * ratio_num / ratio_den)
