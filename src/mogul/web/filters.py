"""The state of a dashboard page, all of it in the URL's query: the date range (a preset or explicit
dates), the interval, the plan and country filters, and whatever a page adds (a tab, a search).

A preset counts back from `end-date` (default: today, UTC), so a link names the same figures for as long
as it names its end date. Explicit `start-date` wins over the preset.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from mogul.analytics.metrics import INTERVALS
from mogul.server import wire
from mogul.server.domain.query import required_date

PRESETS = {"30d": "30 days", "90d": "90 days", "12m": "12 months", "ytd": "Year to date", "all": "All"}
DEFAULT_PRESET = "12m"
# The parameters that make a page's state (others in a query are dropped from the links it makes).
STATE = ("preset", "start-date", "end-date", "interval", "plans", "geo")


def today() -> date:
    return datetime.now(UTC).date()


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Filters:
    """A page's query, read once; `link` makes the URL of a change to it."""

    params: Mapping[str, str]

    def get(self, name: str, default: str = "") -> str:
        return self.params.get(name, default) or default

    @property
    def preset(self) -> str:
        return "" if self.get("start-date") else self.get("preset", DEFAULT_PRESET)

    @property
    def interval(self) -> str:
        return self.get("interval", "month")

    @property
    def plans(self) -> str | None:
        return self.get("plans") or None

    @property
    def geo(self) -> str | None:
        return self.get("geo") or None

    def end(self) -> date:
        raw = self.get("end-date")
        return required_date(raw, "end-date") if raw else today()

    def range(self, first_day: Callable[[], date | None]) -> tuple[date, date]:
        """(start, end) of the page: explicit dates, else the preset counted back from the end;
        `first_day` gives the first activity's date for the preset "all"."""
        end = self.end()
        if raw := self.get("start-date"):
            return required_date(raw, "start-date"), end
        preset = self.preset
        if preset not in PRESETS:
            raise wire.bad_request(f'Parameter "preset" must be one of: {", ".join(PRESETS)}', "preset")
        if preset == "30d":
            return end - timedelta(days=29), end
        if preset == "90d":
            return end - timedelta(days=89), end
        if preset == "ytd":
            return date(end.year, 1, 1), end
        if preset == "all":
            first = first_day()
            return (min(first, end) if first else end), end
        return months_before(end, 12) + timedelta(days=1), end

    def check_interval(self) -> str:
        if self.interval not in INTERVALS:
            raise wire.bad_request(f'Parameter "interval" must be one of: {", ".join(INTERVALS)}', "interval")
        return self.interval

    def link(self, path: str, **changes: str | int | None) -> str:
        """`path` with this page's state, changed by `changes` (None or "" removes a parameter;
        underscores in names read as hyphens)."""
        params = {name: value for name, value in self.params.items() if name in STATE}
        for name, value in changes.items():
            key = name.replace("_", "-")
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = str(value)
        if changes.get("preset"):
            params.pop("start-date", None)
        return path + ("?" + urlencode(params) if params else "")
