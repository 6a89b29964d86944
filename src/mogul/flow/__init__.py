"""The sans-IO layer under both the modules and the clients: request logic and records.

`core` holds the flows (a generator of `Send` / `Sleep` / `Emit` steps) with the one place where retries
live; `record` holds `Record`, the tolerant dict every response becomes. Nothing here performs I/O: the
clients in `mogul.client` drive these flows with httpx, and the modules in `mogul.modules` build them.
"""

from __future__ import annotations

from mogul.flow.core import (
    Context,
    Emit,
    Flow,
    Position,
    Recovery,
    Reply,
    Request,
    RetryPolicy,
    Send,
    Sleep,
    Step,
    Trail,
    encode_json,
    parse_body,
    reply_from,
    retry_after,
)
from mogul.flow.record import Record

__all__ = [
    "Context",
    "Emit",
    "Flow",
    "Position",
    "Record",
    "Recovery",
    "Reply",
    "Request",
    "RetryPolicy",
    "Send",
    "Sleep",
    "Step",
    "Trail",
    "encode_json",
    "parse_body",
    "reply_from",
    "retry_after",
]
