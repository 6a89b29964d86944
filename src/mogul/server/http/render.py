"""Responses in ChartMogul's wire format: compact JSON with UTF-8 as it is, and 204 for a delete."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from mogul.server import wire


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(payload, status_code=status, media_type="application/json", headers=headers)


def no_content() -> Response:
    return Response(status_code=204)


def error_response(exc: wire.ApiError) -> Response:
    return json_response(exc.body, exc.status, exc.headers)
