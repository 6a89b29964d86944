"""The query parameters of the read routes, as the domain reads them: dates, times, comma lists and flags.

Each reader takes the raw value (None when absent) and the parameter's name for its error. Dates and
times must lie between wire.MIN_TIME and wire.MAX_TIME (1900-01-01 and 2999-12-31), as stored ones do.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mogul.server import wire
from mogul.server.domain.fields import parse_bool


def split(raw: str | None) -> list[str]:
    """A comma-separated list, its items stripped, blank ones dropped, each once (in first order)."""
    return list(dict.fromkeys(part.strip() for part in (raw or "").split(",") if part.strip()))


def _out_of_range(name: str) -> wire.ApiError:
    return wire.bad_request(f"{name} must be between {wire.TIME_RANGE}.", name)


def required_date(raw: str | None, name: str) -> date:
    """A calendar date (`YYYY-MM-DD`; a full timestamp is cut to its UTC date); 400 when absent."""
    if not raw:
        raise wire.param_missing(name)
    try:
        return wire.parse_date(raw)
    except wire.TimeRangeError as exc:
        raise _out_of_range(name) from exc
    except ValueError as exc:
        raise wire.bad_request(f'Parameter "{name}" must be a date (YYYY-MM-DD), got {raw!r}', name) from exc


def moment(raw: str | None, name: str, *, end: bool = False) -> datetime | None:
    """An ISO 8601 timestamp, None when absent. With `end`, a bare date means the whole of that day."""
    if not raw:
        return None
    try:
        parsed = wire.parse_time(raw)
    except wire.TimeRangeError as exc:
        raise _out_of_range(name) from exc
    except ValueError as exc:
        raise wire.bad_request(
            f'Parameter "{name}" must be an ISO 8601 timestamp, got {raw!r}', name
        ) from exc
    if end and len(raw.strip()) == 10:
        parsed = datetime.combine(parsed.date() + timedelta(days=1), time(), parsed.tzinfo) - timedelta(
            microseconds=1
        )
    return parsed


def check_order(start: date | None, end: date | None) -> None:
    """400 when both ends of a range are given and the end is before the start."""
    if start is not None and end is not None and end < start:
        raise wire.bad_request('Parameter "end-date" must not be before "start-date"', "end-date")


def flag(raw: str | None, name: str) -> bool:
    """A boolean parameter (`true`/`false`, `1`/`0`, any case); absent or empty is false."""
    if raw is None or raw == "":
        return False
    parsed = parse_bool(raw)
    if parsed is None:
        raise wire.bad_request(f'Parameter "{name}" must be true or false, got {raw!r}', name)
    return parsed
