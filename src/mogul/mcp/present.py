"""What a tool answers: results for an assistant to read, and every failure as a tool error.

A result is structured content (and the same as JSON text, for clients that read only text): amounts in
currency units beside their currency (an object's own, else the account's), times as ISO 8601 in UTC.

A failure is never an empty success: every `mogul.errors` error becomes a tool result with `isError`,
whose text says what went wrong and whose structured content names it: `status` and ChartMogul's
`message` for an answer with an error status, the `field` (and every field's message in `errors`) for a
refused input, the `candidates` a picker found for a name that matched none or several.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import mcp_types as types

from mogul import errors
from mogul.modules.money import MONEY_KEYS, in_units, units

_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s?(Z|UTC|[+-]\d{2}:?\d{2})?")
_TEXT_KEYS = frozenset({"name", "description", "email", "company", "external_id", "external-id", "text"})


class Refused(errors.MogulError):
    """A call the policy of `mogul mcp` does not allow (a write without --allow-writes, ...)."""


class Declined(errors.MogulError):
    """The user did not confirm a delete or cancellation."""


# -- results ----------------------------------------------------------------------------------------------


def has_money(value: Any) -> bool:
    """Whether an object holds amounts not covered by a currency of its own (a metric series does)."""
    if not isinstance(value, Mapping) or "currency" in value:
        return False
    if any(k in MONEY_KEYS or str(k).endswith("_in_cents") for k in value):
        return True
    entries = value.get("entries")
    return isinstance(entries, list) and bool(entries) and has_money(entries[0])


def present(value: Any, currency: str | None = None) -> Any:
    """A module's answer as the assistant reads it; `currency` (the account's) is added to an object
    whose amounts have none of their own."""
    if currency and has_money(value):
        value = {**value, "currency": currency}
    return _plain(in_units(value))


def _number(value: Decimal) -> int | float:
    """An amount as JSON takes it: whole in a currency without cents, else a float of the units."""
    return int(value) if value.as_tuple().exponent == 0 else float(value)


def amount(cents: int, currency: str | None) -> int | float:
    """An amount in cents in currency units, as results give it."""
    return _number(units(cents, currency))


def iso_time(value: datetime) -> str:
    value = value.astimezone(UTC)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    return (text + f".{value.microsecond // 1000:03d}Z") if value.microsecond else text + "Z"


def _plain(value: Any, key: str = "") -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, key) for v in value]
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, str) and _is_time(key, value):
        return _normal_time(value)
    return value


def _is_time(key: str, value: str) -> bool:
    if key in _TEXT_KEYS or key.endswith(("id", "ids")):
        return False
    return _TIME.fullmatch(value.strip()) is not None


def _normal_time(text: str) -> str:
    raw = text.strip().replace(" UTC", "Z").replace("UTC", "Z")
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return text
    return iso_time(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def result(content: dict[str, Any], text: str | None = None) -> types.CallToolResult:
    """A successful answer: the structured content, and as text a line before its JSON."""
    body = as_json(content)
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=f"{text}\n{body}" if text else body)],
        structured_content=content,
    )


# -- errors -----------------------------------------------------------------------------------------------


def error_content(exc: BaseException) -> dict[str, Any]:
    """What went wrong, by name: kind, message, and where known status, field, errors and candidates."""
    out: dict[str, Any] = {"kind": _kind(exc), "message": getattr(exc, "message", None) or str(exc)}
    if isinstance(exc, errors.InputError):
        out["field"] = exc.field
        if isinstance(exc, errors.HandleError):
            out["candidates"] = exc.candidates
        out["sent"] = False
    elif isinstance(exc, errors.APIStatusError):
        out["status"] = exc.status
        fields = exc.errors if isinstance(exc, errors.ValidationError) else errors.field_errors(exc.body)
        if fields:
            out["errors"] = fields
            out["field"] = next(iter(fields)) if len(fields) == 1 else None
        out["request"] = f"{exc.method} {exc.url}".strip()
    elif isinstance(exc, errors.APIError):
        out["request"] = f"{exc.method} {exc.url}".strip()
    if isinstance(exc, errors.APIError) and exc.note:
        out["note"] = exc.note
    return out


def _kind(exc: BaseException) -> str:
    if isinstance(exc, Refused):
        return "refused"
    if isinstance(exc, Declined):
        return "declined"
    if isinstance(exc, errors.HandleError):
        return "no_match"
    if isinstance(exc, errors.InputError):
        return "invalid_input"
    if isinstance(exc, errors.APIStatusError):
        return "api_error"
    if isinstance(exc, errors.APIConnectionError):
        return "unreachable"
    if isinstance(exc, errors.ConfigError):
        return "configuration"
    return "internal"


def error_text(content: Mapping[str, Any]) -> str:
    """One paragraph: what failed, where, and what to do."""
    kind, message = content["kind"], content["message"]
    if kind == "api_error":
        text = f"ChartMogul answered {content['status']} to {content['request']}: {message}"
        for name, problem in (content.get("errors") or {}).items():
            if f"{name}: {problem}" not in message:
                text += f"; {name}: {problem}"
    elif kind in ("invalid_input", "no_match"):
        where = f"{content['field']}: " if content.get("field") else ""
        text = f"Nothing was sent: {where}{message}"
    elif kind == "unreachable":
        text = f"No answer from ChartMogul: {message}"
    elif kind == "internal":
        text = f"Internal error in mogul (a bug: please report it): {message}"
    else:
        text = message
    if content.get("note"):
        text += f" ({content['note']})"
    return text


def error_result(exc: BaseException) -> types.CallToolResult:
    content = error_content(exc)
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=error_text(content))],
        structured_content={"error": content},
        is_error=True,
    )
