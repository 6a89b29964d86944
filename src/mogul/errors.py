"""Every failure mogul raises, in one hierarchy a caller can catch at the level they care about.

    MogulError
    ├── ConfigError              no credentials, or an unreadable profile file
    ├── InputError               a module's input is wrong; nothing was sent
    │   └── HandleError          a name / external id / email matched no object, or several
    └── APIError                 talking to ChartMogul failed
        ├── APIStatusError       ChartMogul answered with an error status
        │   ├── ValidationError      400, 422 (with ChartMogul's per-field messages)
        │   ├── AuthenticationError  401
        │   ├── ForbiddenError       403
        │   ├── NotFoundError        404
        │   ├── RateLimitError       429
        │   └── ServerError          5xx
        └── APIConnectionError   no answer at all
            └── APITimeoutError  no answer in time

Each prints as one line that says what was wrong and, where there is one, what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class MogulError(Exception):
    """Base of everything mogul raises on purpose."""


class ConfigError(MogulError):
    """The connection cannot be set up: no credentials, or a bad profile file."""


class InputError(MogulError, ValueError):
    """A module input is missing or invalid. Raised before anything is sent."""

    def __init__(self, message: str, *, field: str | None = None, module: str | None = None) -> None:
        self.field = field
        self.module = module
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        where = f"{self.module}: " if self.module else ""
        return f"{where}{self.field}: {self.message}" if self.field else f"{where}{self.message}"


class HandleError(InputError):
    """A picker handle (a name, external id or email) matched no object or more than one."""

    def __init__(
        self, message: str, *, field: str | None = None, candidates: list[str] | None = None
    ) -> None:
        self.candidates = candidates or []
        super().__init__(message, field=field)


class APIError(MogulError):
    """Talking to ChartMogul failed.

    `method` and `url` say which request; `retries` how many times it was retried before giving up.
    """

    def __init__(self, message: str, *, method: str = "", url: str = "", retries: int = 0) -> None:
        self.message = message
        self.method = method
        self.url = url
        self.retries = retries
        self.note = ""
        super().__init__(message)

    def _where(self) -> str:
        return f"{self.method} {self.url}".strip()

    def __str__(self) -> str:
        where = self._where()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}; {self.note}" if self.note else text


class APIStatusError(APIError):
    """ChartMogul answered with an error status; `body` is its parsed answer (dict, list or text)."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        method: str = "",
        url: str = "",
        retries: int = 0,
    ) -> None:
        self.status = status
        self.body = body
        self.headers = dict(headers or {})
        super().__init__(message, method=method, url=url, retries=retries)

    def __str__(self) -> str:
        where = self._where()
        text = f"ChartMogul answered {self.status}" + (f" to {where}" if where else "") + f": {self.message}"
        return f"{text}; {self.note}" if self.note else text


class ValidationError(APIStatusError):
    """400 or 422: ChartMogul rejected the input. `errors` maps each field to its message."""

    def __init__(self, message: str, *, errors: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        self.errors = dict(errors or {})
        super().__init__(message, **kwargs)


class AuthenticationError(APIStatusError):
    """401: the API key (or account token and secret key) was not accepted."""


class ForbiddenError(APIStatusError):
    """403: the key may not do this (a read-only key, or an expired trial)."""


class NotFoundError(APIStatusError):
    """404: no such object (or route)."""


class RateLimitError(APIStatusError):
    """429: ChartMogul's request rate limit."""


class ServerError(APIStatusError):
    """5xx: ChartMogul (or a gateway in front of it) failed."""


class APIConnectionError(APIError):
    """No answer: the connection failed or broke."""


class APITimeoutError(APIConnectionError):
    """No answer within the timeout."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
}

_ADVICE = {
    401: "check the API key (ChartMogul: Profile > API keys), or the account token and secret key",
    403: "the key may be read-only, or the account's trial has expired",
}


def field_errors(body: Any) -> dict[str, str]:
    """ChartMogul's per-field messages from any of its error shapes, flattened to field -> message."""
    out: dict[str, str] = {}
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, dict):
            out.update({str(k): _text(v) for k, v in errors.items()})
        invoices = body.get("invoices")
        if isinstance(invoices, list):
            for n, invoice in enumerate(invoices):
                if isinstance(invoice, dict) and isinstance(invoice.get("errors"), dict):
                    label = invoice.get("external_id") or n
                    for k, v in invoice["errors"].items():
                        out[f"invoices[{label}].{k}"] = _text(v)
        details = body.get("error_details")
        if isinstance(details, list) and "errors" not in body:
            for d in details:
                if isinstance(d, dict) and d.get("param"):
                    out[str(d["param"])] = _text(d.get("message"))
        if not out and body.get("param") and body.get("message"):
            out[str(body["param"])] = _text(body["message"])
        if not out:
            # Rails style: {"name": ["Name can't be blank"], ...}
            for k, v in body.items():
                if isinstance(v, list) and v and all(isinstance(x, str) for x in v):
                    out[str(k)] = "; ".join(v)
    return out


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def message_of(status: int, body: Any) -> str:
    """ChartMogul's own message from an error body, as one line."""
    fields = field_errors(body)
    if isinstance(body, dict):
        if isinstance(body.get("message"), str):
            return body["message"]
        if isinstance(body.get("error"), str):
            return body["error"]
    if fields:
        return "; ".join(f"{k}: {v}" for k, v in fields.items())
    if isinstance(body, str) and body.strip():
        return " ".join(body.split())[:300]
    return {
        429: "Your request rate has exceeded our rate limit.",
        503: "Service unavailable (too many parallel connections?)",
    }.get(status, f"HTTP {status}")


def status_error(
    status: int,
    body: Any,
    *,
    headers: Mapping[str, str] | None = None,
    method: str = "",
    url: str = "",
    retries: int = 0,
) -> APIStatusError:
    """The error for an HTTP error answer."""
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else APIStatusError)
    message = message_of(status, body)
    if status in _ADVICE:
        message = f"{message}; {_ADVICE[status]}"
    kwargs: dict[str, Any] = {
        "status": status,
        "body": body,
        "headers": headers,
        "method": method,
        "url": url,
        "retries": retries,
    }
    if cls is ValidationError:
        return ValidationError(message, errors=field_errors(body), **kwargs)
    return cls(message, **kwargs)
