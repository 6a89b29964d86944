"""Responses in ChartMogul's wire format: compact JSON with UTF-8 as it is, and 204 for a delete."""

from __future__ import annotations

import json
from typing import Any

import orjson
from starlette.responses import Response

from mogul.server import wire


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    payload = _encode(body)
    return Response(payload, status_code=status, media_type="application/json", headers=headers)


def _encode(body: Any) -> bytes:
    """Compact UTF-8 JSON. orjson writes the same bytes as the standard encoder for what the API
    answers, several times faster (the encoding was a third of a list's time); the standard encoder
    takes what orjson refuses (an integer beyond 64 bits, a key that is not a string)."""
    try:
        return orjson.dumps(body)
    except TypeError:
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def no_content() -> Response:
    return Response(status_code=204)


def error_response(exc: wire.ApiError) -> Response:
    return json_response(exc.body, exc.status, exc.headers)
