"""How the dashboard writes figures: money from integer cents, counts, rates and changes.

The page shows each figure rounded for reading and carries its exact value (`data-value`: cents, a
count or a rate as `/v1` answers it), which the tests compare with `/v1`.
"""

from __future__ import annotations

from typing import Any

# Which figures are money (cents), rates (percent, 2 decimals) or counts.
MONEY = frozenset(
    {
        "mrr",
        "arr",
        "arpa",
        "asp",
        "ltv",
        "mrr-new-business",
        "mrr-expansion",
        "mrr-contraction",
        "mrr-churn",
        "mrr-reactivation",
        "mrr-start",
    }
)
RATES = frozenset({"customer-churn-rate", "mrr-churn-rate"})


def money(cents: int | float, sign: str = "$") -> str:
    value = cents / 100
    text = f"{abs(value):,.2f}"
    return f"−{sign}{text}" if value < 0 else f"{sign}{text}"


def number(value: int | float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def percent(value: float) -> str:
    return f"{value:.2f}%"


def figure(value: Any, key: str, sign: str = "$") -> str:
    """A figure of metric `key` as written on a page."""
    if key in MONEY:
        return money(value, sign)
    if key in RATES:
        return percent(value)
    return number(value)


def change(value: float | None) -> str:
    """A percentage change: "+1.50%", "−2.00%", or "n/a" when there was nothing to compare with."""
    if value is None:
        return "n/a"
    return f"+{value:.2f}%" if value >= 0 else f"−{abs(value):.2f}%"


def percentage_change(value: int | float, previous: int | float) -> float | None:
    """(value − previous) / |previous| × 100 with 2 decimals; None when previous is 0."""
    if previous == 0:
        return None
    return round((value - previous) * 100 / abs(previous), 2)


def sparkline(values: list[int | float], width: int = 120, height: int = 28) -> str:
    """The `d` of an SVG path through `values`, scaled into width × height (drawn on the server, so a
    sparkline needs no script)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = width / max(len(values) - 1, 1)
    points = [(i * step, height - 1 - (v - low) * (height - 2) / span) for i, v in enumerate(values)]
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
