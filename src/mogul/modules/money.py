"""Amounts in ChartMogul's answers: which are in cents, and how they read in currency units.

Money is integer cents on the wire: fields named `*_in_cents`, and the amounts of customers, activities
and metrics under names without it (`mrr`, `activity-mrr-movement`, ...). The CLI shows them in units
with `--money units`; the MCP face always does.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

# Amounts ChartMogul sends in cents under names without `_in_cents` (customers, activities, metrics).
MONEY_KEYS = frozenset(
    {
        "mrr",
        "arr",
        "arpa",
        "asp",
        "ltv",
        "activity-mrr",
        "activity-mrr-movement",
        "activity-arr",
        "mrr-new-business",
        "mrr-expansion",
        "mrr-contraction",
        "mrr-churn",
        "mrr-reactivation",
        "current",
        "previous",
        "current-mrr",
        "previous-mrr",
        "current-arr",
        "previous-arr",
        "current-arpa",
        "previous-arpa",
        "current-asp",
        "previous-asp",
        "current-ltv",
        "previous-ltv",
    }
)
# `current` / `previous` are money only in the summary of a money metric.
_SUMMARY_ONLY = frozenset({"current", "previous"})
# Currencies whose "cents" are whole units (ISO 4217 minor unit 0).
ZERO_DECIMAL = frozenset(
    {
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "ISK",
        "JPY",
        "KMF",
        "KRW",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    }
)
_CENT = Decimal("0.01")


def units(cents: Any, currency: Any) -> Any:
    """An amount in cents as a Decimal in currency units (JPY and the other zero-decimal currencies
    have no cents); anything that is not a number as it is."""
    if isinstance(cents, bool) or not isinstance(cents, int | float):
        return cents
    if isinstance(currency, str) and currency.upper() in ZERO_DECIMAL:
        return Decimal(str(cents))
    return (Decimal(str(cents)) / 100).quantize(_CENT)


def in_units(value: Any, currency: str | None = None, *, money_summary: bool = False) -> Any:
    """`value` with every amount in cents turned into currency units (`amount_in_cents` becomes `amount`).

    An object's own `currency` decides the minor unit of the amounts in it (JPY has none).
    """
    if isinstance(value, list):
        return [in_units(v, currency, money_summary=money_summary) for v in value]
    if not isinstance(value, Mapping):
        return value
    currency = value.get("currency") if isinstance(value.get("currency"), str) else currency
    # A metric's summary says `current` / `previous`; they are money when its entries are.
    entries = value.get("entries")
    money_metric = (
        isinstance(entries, list)
        and bool(entries)
        and isinstance(entries[0], Mapping)
        and any(k in MONEY_KEYS for k in entries[0])
    )
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key.endswith("_in_cents"):
            out[key[: -len("_in_cents")]] = units(item, currency)
        elif key in MONEY_KEYS and (key not in _SUMMARY_ONLY or money_summary):
            out[key] = units(item, currency)
        else:
            nested_summary = key == "summary" and money_metric
            out[key] = in_units(item, currency, money_summary=nested_summary)
    return out
