"""The data a page's chart is drawn from, as the JSON its `<script type="application/json">` block
holds (the page's script reads it; nothing inline runs), with the text summary a screen reader gets."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import orjson
from markupsafe import Markup


def epoch(day: str | date) -> int:
    """Seconds since 1970 of a day's start, UTC (uPlot's x values)."""
    value = date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return int(datetime.combine(value, time(), UTC).timestamp())


def chart(kind: str, x: list[int], series: list[dict[str, Any]], **options: Any) -> dict[str, Any]:
    """A chart's data: `kind` (line, mrr, step), the x values and each series' label, values and unit
    ("money" in cents, "percent" or "count")."""
    return {"kind": kind, "x": x, "series": series, **options}


def script_json(data: Any) -> Markup:
    """JSON that is safe inside a `<script type="application/json">` element (no `</script>`)."""
    text = orjson.dumps(data).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def summary(label: str, values: list[int | float], dates: list[str], shown: Any) -> str:
    """One sentence on a series: where it starts and ends, its lowest and highest."""
    if not values:
        return f"{label}: no data in this range."
    low = min(range(len(values)), key=values.__getitem__)
    high = max(range(len(values)), key=values.__getitem__)
    return (
        f"{label} from {dates[0]} to {dates[-1]}: {shown(values[0])} at the start, {shown(values[-1])} at"
        f" the end; lowest {shown(values[low])} on {dates[low]}, highest {shown(values[high])} on"
        f" {dates[high]}."
    )
