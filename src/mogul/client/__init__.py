"""The ChartMogul client: connection, retries, pacing, pagination, and every module as a method.

`flow` holds the request logic both clients share (retries, safe retries, pagination); `pacing` keeps
requests under ChartMogul's limits; `sync` and `asynchronous` drive the same flows with httpx.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mogul.client.asynchronous import AsyncClient
    from mogul.client.pagination import AsyncPager, Pager
    from mogul.client.record import Record
    from mogul.client.sync import Client

__all__ = ["AsyncClient", "AsyncPager", "Client", "Pager", "Record"]

# Loaded on first use, so that the modules (which import `mogul.client.flow`) and the clients (which
# import the module registry) can be imported in either order.
_HOMES = {
    "AsyncClient": "mogul.client.asynchronous",
    "AsyncPager": "mogul.client.pagination",
    "Pager": "mogul.client.pagination",
    "Record": "mogul.client.record",
    "Client": "mogul.client.sync",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'mogul.client' has no attribute {name!r}")
