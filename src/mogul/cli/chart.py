"""A metric series as a bar chart in the terminal: one bar of Unicode blocks per entry date.

    2024-01-31  ██████████████▍            1500000
    2024-02-29  ██████████████████████▊    2370000

Bars are drawn in eighths of a character, scaled to the largest value; negative values (churn
movements) get a bar of `-` marks scaled the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"
SKIPPED_KEYS = frozenset({"date", "percentage-change"})


def series_key(entries: Sequence[Mapping[str, Any]]) -> str | None:
    """The value a series is about: its first numeric field (`mrr`, `customers`, ...)."""
    for entry in entries[:1]:
        for key, value in entry.items():
            if key not in SKIPPED_KEYS and _number(value) is not None:
                return key
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return float(value)


def bar(fraction: float, width: int) -> str:
    """A bar `fraction` (0..1) of `width` characters long, in eighths."""
    eighths = round(max(0.0, min(fraction, 1.0)) * width * 8)
    full, rest = divmod(eighths, 8)
    return _FULL * full + (_EIGHTHS[rest] if rest else "")


def _label(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def bar_chart(
    entries: Sequence[Mapping[str, Any]], key: str, width: int = 80, title: str | None = None
) -> str:
    """The chart of `entries[*][key]` by `entries[*]["date"]`, at most `width` characters wide."""
    points = [(str(e.get("date", "")), e.get(key)) for e in entries]
    if not points:
        return f"{title or key}: no entries\n"
    labels = [_label(v) if v is not None else "-" for _, v in points]
    numbers = [_number(v) or 0.0 for _, v in points]
    date_width = max(len(d) for d, _ in points)
    label_width = max(len(s) for s in labels)
    bar_width = max(width - date_width - label_width - 4, 10)
    top = max((abs(n) for n in numbers), default=0.0) or 1.0
    lines = [title or key]
    for (day, _), number, label in zip(points, numbers, labels, strict=True):
        drawn = bar(abs(number) / top, bar_width)
        if number < 0:
            drawn = "-" * len(drawn)
        lines.append(f"{day.ljust(date_width)}  {drawn.ljust(bar_width)}  {label.rjust(label_width)}")
    return "\n".join(lines) + "\n"
