"""ChartMogul's wire quirks, in one place: error bodies, date formats, id prefixes, cursors.

The bottom of the server: the domain raises these errors and formats these dates, the HTTP layer turns
the errors into responses. Nothing else spells a date format, an error body or an id prefix itself.
Starlette is not imported here (`mogul import` uses these parsers and checks and should not pay for a
web framework at start-up); responses are made in `http.render`.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import secrets
import time
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, overload

# -- errors -------------------------------------------------------------------------------------------


class ApiError(Exception):
    """An answer other than success: the status and the exact body ChartMogul would send."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body
        self.headers = headers or {}


def error_body(code: int, message: str, param: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "param": param}


def unauthorized() -> ApiError:
    return ApiError(401, error_body(401, "No valid API key provided"))


# The body is not documented (reference §1.8): the message is ChartMogul's, the shape that of its 401.
RATE_LIMITED = "Your request rate has exceeded our rate limit."


def rate_limited(headers: dict[str, str]) -> ApiError:
    """429 beyond the account's rate limit (`mogul serve --rate-limit`), with `Retry-After`."""
    return ApiError(429, error_body(429, RATE_LIMITED), headers)


def param_missing(param: str) -> ApiError:
    return ApiError(400, error_body(400, f'Parameter "{param}" is missing', param))


def bad_request(message: str, param: str | None = None) -> ApiError:
    return ApiError(400, error_body(400, message, param))


def not_found(what: str) -> ApiError:
    """Resource 404 in the import-style shape, e.g. `{"error": "Customer not found"}`."""
    return ApiError(404, {"error": f"{what} not found"})


def invalid(errors: dict[str, str]) -> ApiError:
    """422 with per-field messages: `{"errors": {"field": "message"}}`."""
    return ApiError(422, {"errors": errors})


def rails_invalid(errors: dict[str, tuple[str, str]]) -> ApiError:
    """422 in the Rails style plan groups use: per-field arrays plus `error_details`.

    `errors` maps a field to (code, message).
    """
    body: dict[str, Any] = {field: [message] for field, (_code, message) in errors.items()}
    body["error_details"] = [
        {"param": field, "code": code, "message": message} for field, (code, message) in errors.items()
    ]
    return ApiError(422, body)


# Exact duplicate messages (reproduced verbatim: clients match on them).
DUPLICATE_CUSTOMER = "The external ID for this customer already exists in our system."
DUPLICATE_PLAN = "A plan with this identifier already exists in our system."
DUPLICATE_INVOICE = "The external ID for this invoice already exists in our system."
DUPLICATE_LINE_ITEM = "The external ID for this line item already exists in our system."
DUPLICATE_TRANSACTION = "has already been taken"
DUPLICATE_DATA_SOURCE_NAME = "Has already been taken."
DUPLICATE_SUBSCRIPTION_EVENT = "The external ID for this subscription event already exists in our system."

# -- ids ----------------------------------------------------------------------------------------------

PREFIXES = {
    "account": "acc_",
    "data_source": "ds_",
    "customer": "cus_",
    "plan": "pl_",
    "plan_group": "plg_",
    "invoice": "inv_",
    "line_item": "li_",
    "transaction": "tr_",
    "subscription": "sub_",
    "contact": "con_",
    "customer_note": "note_",
}


def new_uuid(kind: str | None = None) -> str:
    """A fresh identifier with the prefix ChartMogul uses for `kind` (plain uuid when it has none)."""
    return new_uuids(kind, 1)[0]


def new_uuids(kind: str | None, count: int) -> list[str]:
    """`count` fresh identifiers for `kind`: time-ordered uuids (RFC 9562 version 7: 48 bits of Unix
    milliseconds, a 26-bit sequence counting up within the call from a random start, 48 random bits).
    Rows made together land side by side at the end of each uuid index rather than at random places in
    it, which keeps the index pages a bulk import writes few (a tenth of its time, measured)."""
    prefix = PREFIXES[kind] if kind else ""
    stamp = f"{time.time_ns() // 1_000_000:012x}"
    head = f"{prefix}{stamp[:8]}-{stamp[8:]}-7"
    start = secrets.randbits(25)
    tails = os.urandom(6 * count).hex()
    out = []
    for n in range(count):
        seq = start + n
        # 12 bits, then the variant (binary 10) with 2 more, then 12: the text sorts as the sequence
        high, variant, low = seq >> 14 & 0xFFF, "89ab"[seq >> 12 & 3], seq & 0xFFF
        out.append(f"{head}{high:03x}-{variant}{low:03x}-{tails[12 * n : 12 * n + 12]}")
    return out


def strip_prefix(value: str) -> str:
    return value.split("_", 1)[1] if "_" in value else value


# -- dates --------------------------------------------------------------------------------------------

_TIME_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.(?P<frac>\d{1,9}))?)?)?"
    r"\s*(?P<tz>Z|UTC|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)


# The times mogul stores and computes with. Outside them a date cannot be formatted as ChartMogul
# does (year 1 would be "1-01-01") and metric intervals run off the calendar; no billing history needs
# them. Documented in docs/behaviour.md.
MIN_TIME = datetime(1900, 1, 1, tzinfo=UTC)
MAX_TIME = datetime(2999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
TIME_RANGE = "1900-01-01 and 2999-12-31"


class TimeRangeError(ValueError):
    """A well-formed time outside MIN_TIME..MAX_TIME."""


def in_time_range(moment: datetime) -> bool:
    return MIN_TIME <= moment <= MAX_TIME


def parse_time(value: Any) -> datetime:
    """Parse every timestamp form ChartMogul accepts; the zone defaults to UTC and the time to 00:00.

    Raises ValueError on anything else (TimeRangeError for a time outside MIN_TIME..MAX_TIME).
    """
    if not isinstance(value, str):
        raise ValueError("not a string")
    return _parse_time_text(value)


# A bulk import repeats the same few timestamps (billing days, period bounds) thousands of times; the
# answers are immutable, and failures (ValueError) are not cached.
@lru_cache(maxsize=16384)
def _parse_time_text(value: str) -> datetime:
    m = _TIME_RE.match(value.strip())
    if not m:
        raise ValueError(f"unparseable time {value!r}")
    day = date.fromisoformat(m["date"])
    frac = (m["frac"] or "0")[:6].ljust(6, "0")
    naive = datetime(
        day.year, day.month, day.day, int(m["h"] or 0), int(m["m"] or 0), int(m["s"] or 0), int(frac)
    )
    tz = (m["tz"] or "Z").upper()
    if tz in ("Z", "UTC"):
        zone = UTC
    else:
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    try:
        moment = naive.replace(tzinfo=zone).astimezone(UTC)
    except OverflowError:
        moment = None
    if moment is None or not in_time_range(moment):
        raise TimeRangeError(f"{value!r} is not between {TIME_RANGE}")
    return moment


def parse_date(value: Any) -> date:
    """A calendar date, `YYYY-MM-DD` (a full timestamp is accepted and cut to its UTC date)."""
    return parse_time(value).date()


@overload
def fmt_ms(value: datetime) -> str: ...
@overload
def fmt_ms(value: None) -> None: ...
def fmt_ms(value: datetime | None) -> str | None:
    """`2016-01-01T12:00:00.000Z`: Import API objects."""
    if value is None:
        return None
    v = value.astimezone(UTC)
    return v.strftime("%Y-%m-%dT%H:%M:%S.") + f"{v.microsecond // 1000:03d}Z"


@overload
def fmt_seconds(value: datetime) -> str: ...
@overload
def fmt_seconds(value: None) -> None: ...
def fmt_seconds(value: datetime | None) -> str | None:
    """`2022-05-18T09:48:34Z`: subscription events."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt_exact(value: datetime) -> str:
    """`2016-01-01T12:00:00.000Z`, with all six digits (`.000250Z`) when the time has microseconds
    below the millisecond: a sandbox bundle keeps every stored time exactly."""
    v = value.astimezone(UTC)
    if v.microsecond % 1000 == 0:
        return fmt_ms(v)
    return v.strftime("%Y-%m-%dT%H:%M:%S.") + f"{v.microsecond:06d}Z"


def fmt_offset(value: datetime | None) -> str | None:
    """`2016-01-01T12:00:00+00:00`: Metrics API objects (customer-since, subscriptions, activities)."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


def fmt_date(value: date) -> str:
    """`2015-01-31`: metrics entry dates."""
    return value.isoformat()


# -- pagination -----------------------------------------------------------------------------------------

MAX_PER_PAGE = 200


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise bad_request("Invalid cursor", "cursor") from exc
    if not isinstance(values, list):
        raise bad_request("Invalid cursor", "cursor")
    return values


# -- money -------------------------------------------------------------------------------------------------

_CURRENCY_SIGNS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CNY": "¥",
    "INR": "₹",
    "AUD": "A$",
    "CAD": "C$",
    "CHF": "CHF",
    "SEK": "kr",
    "NOK": "kr",
    "DKK": "kr",
    "PLN": "zł",
    "BRL": "R$",
    "KRW": "₩",
    "RUB": "₽",
    "TRY": "₺",
    "ILS": "₪",
    "ZAR": "R",
    "MXN": "MX$",
    "NZD": "NZ$",
    "SGD": "S$",
    "HKD": "HK$",
    "CZK": "Kč",
    "HUF": "Ft",
    "UAH": "₴",
    "THB": "฿",
    "PHP": "₱",
    "VND": "₫",
}


def currency_sign(code: str) -> str:
    return _CURRENCY_SIGNS.get(code, code)
