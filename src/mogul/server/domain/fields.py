"""Reading typed fields out of request bodies, with ChartMogul's error shapes.

A missing required key is a 400 naming the parameter; a present but wrong value (null, blank, wrong type,
unknown enum value, bad code, bad date) is a 422 naming the field. All field problems of one object are
collected and reported together.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from mogul.server import wire


@cache
def _countries() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.name for c in pycountry.countries}


@cache
def _currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def country_name(code: str | None) -> str | None:
    return _countries().get(code) if code else None


def state_name(country: str | None, state: str | None) -> str | None:
    if not state:
        return None
    return _state_name(country, state)


@lru_cache(maxsize=4096)  # a list of customers asks for the same few states again and again
def _state_name(country: str | None, state: str) -> str:
    import pycountry

    code = state if "-" in state else f"{country}-{state}" if country else state
    sub = pycountry.subdivisions.get(code=code)
    return sub.name if sub is not None else state


def is_currency(code: Any) -> bool:
    return isinstance(code, str) and code in _currencies()


class Fields:
    """Typed access to one JSON object, collecting per-field problems.

    `prefix` names nested objects in messages (`line_items[0].amount_in_cents`).
    """

    def __init__(self, data: Any, *, prefix: str = "", what: str = "request body") -> None:
        if not isinstance(data, dict):
            raise wire.bad_request(f"The {what} must be a JSON object")
        self.data: dict[str, Any] = data
        self.prefix = prefix
        self.missing: list[str] = []
        self.errors: dict[str, str] = {}

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def has(self, key: str) -> bool:
        return key in self.data

    def _raw(self, key: str, required: bool, message: str | None) -> Any:
        if key not in self.data:
            if required:
                self.missing.append(self.name(key))
            return None
        value = self.data[key]
        if value is None and required:
            self.errors[self.name(key)] = message or f"{key} is required."
        return value

    def fail(self, key: str, message: str) -> None:
        self.errors.setdefault(self.name(key), message)

    def string(
        self,
        key: str,
        *,
        required: bool = False,
        max_len: int | None = None,
        blank: bool = True,
        message: str | None = None,
    ) -> str | None:
        value = self._raw(key, required, message)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.fail(key, f"{key} must be a string.")
            return None
        if "\x00" in value:
            self.fail(key, f"{key} must not contain NUL characters.")
            return None
        if not blank and not value.strip():
            self.fail(key, message or f"{key} can't be blank.")
            return None
        if max_len is not None and len(value) > max_len:
            self.fail(key, f"{key} is too long (maximum is {max_len} characters).")
            return None
        return value

    def integer(
        self,
        key: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        message: str | None = None,
        bits: int = 32,
    ) -> int | None:
        """A whole number that fits the column: 32 bits by default, 64 for money (`cents`)."""
        value = self._raw(key, required, message)
        if value is None:
            return None
        if isinstance(value, str):
            value = parse_integer(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, f"{key} must be an integer.")
            return None
        if minimum is not None and value < minimum:
            self.fail(key, f"{key} must be greater than or equal to {minimum}.")
            return None
        limit = 2 ** (bits - 1)
        if not -limit <= value < limit:
            self.fail(key, f"{key} is out of range (at most {limit - 1} in absolute value).")
            return None
        return value

    def cents(self, key: str, *, required: bool = False, minimum: int | None = None) -> int | None:
        """An amount of money in cents (64-bit)."""
        return self.integer(key, required=required, minimum=minimum, bits=64)

    def boolean(self, key: str, *, required: bool = False) -> bool | None:
        value = self._raw(key, required, None)
        if value is None:
            return None
        parsed = parse_bool(value)
        if parsed is None:
            self.fail(key, f"{key} must be true or false.")
        return parsed

    def time(
        self, key: str, *, required: bool = False, past: bool = False, message: str | None = None
    ) -> datetime | None:
        value = self._raw(key, required, message)
        if value is None:
            return None
        try:
            parsed = wire.parse_time(value)
        except wire.TimeRangeError:
            self.fail(key, f"{key} must be between {wire.TIME_RANGE}.")
            return None
        except ValueError:
            self.fail(key, f"{key} is not a valid ISO 8601 timestamp.")
            return None
        if past and parsed > datetime.now(parsed.tzinfo):
            self.fail(key, f"{key} must be in the past.")
            return None
        return parsed

    def enum(
        self, key: str, allowed: Collection[str], *, required: bool = False, message: str | None = None
    ) -> str | None:
        value = self._raw(key, required, message)
        if value is None:
            return None
        if value not in allowed:
            self.fail(key, f"{key} must be one of: {', '.join(allowed)}.")
            return None
        return str(value)

    def currency(self, key: str, *, required: bool = False) -> str | None:
        value = self._raw(key, required, None)
        if value is None:
            return None
        if not is_currency(value):
            self.fail(key, f"{key} must be an ISO 4217 currency code, got {value!r}.")
            return None
        return str(value)

    def country(self, key: str) -> str | None:
        value = self._raw(key, False, None)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value.upper() not in _countries():
            self.fail(key, f"{key} must be an ISO 3166-1 alpha-2 country code, got {value!r}.")
            return None
        return value.upper()

    def string_list(self, key: str, *, required: bool = False) -> list[str] | None:
        value = self._raw(key, required, None)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"{key} must be an array of strings.")
            return None
        return value

    def objects(self, key: str, *, required: bool = False) -> list[dict[str, Any]] | None:
        value = self._raw(key, required, None)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(key, f"{key} must be an array of objects.")
            return None
        return value

    def check(self) -> None:
        """Raise the collected problems: 400 for the first missing key, else 422 for the rest."""
        if self.missing:
            raise wire.param_missing(self.missing[0])
        if self.errors:
            raise wire.invalid(self.errors)


_INTEGER = re.compile(r"[+-]?[0-9]{1,30}")


def parse_integer(text: str) -> int | str:
    """The whole number a text spells (an optional sign and ASCII digits, spaces around allowed), or the
    text itself when it spells none: `"--5"`, `"1e3"` and `"²"` are not integers."""
    stripped = text.strip()
    return int(stripped) if _INTEGER.fullmatch(stripped) else text


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "t", "1", "yes"):
            return True
        if lowered in ("false", "f", "0", "no"):
            return False
    return None
