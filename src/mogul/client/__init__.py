"""The ChartMogul client: connection, retries, pacing, pagination, and every module as a method.

`mogul.flow` (a layer below) holds the request logic both clients share (retries, safe retries,
pagination); here `pacing` keeps requests under ChartMogul's limits, and `sync` and `asynchronous`
drive the same flows with httpx.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mogul.client.asynchronous import AsyncClient
    from mogul.client.pagination import AsyncPager, ListPage, Pager
    from mogul.client.sync import Client
    from mogul.flow.record import Record

__all__ = ["AsyncClient", "AsyncPager", "Client", "ListPage", "Pager", "Record"]

# Loaded on first use: `import mogul` stays cheap (no httpx, no module registry) until a client is made.
_HOMES = {
    "AsyncClient": "mogul.client.asynchronous",
    "AsyncPager": "mogul.client.pagination",
    "ListPage": "mogul.client.pagination",
    "Pager": "mogul.client.pagination",
    "Record": "mogul.flow.record",
    "Client": "mogul.client.sync",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'mogul.client' has no attribute {name!r}")
