"""mogul: a ChartMogul toolkit.

import mogul
client = mogul.Client(api_key="...")        # or mogul.AsyncClient
with mogul.Sandbox() as sandbox: ...        # a local ChartMogul-compatible server
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mogul import errors
from mogul.client import AsyncClient, AsyncPager, Client, Pager, Record

if TYPE_CHECKING:
    from mogul.server.sandbox import Sandbox

__all__ = ["AsyncClient", "AsyncPager", "Client", "Pager", "Record", "Sandbox", "errors"]


def __getattr__(name: str) -> Any:
    # The sandbox pulls in the server (starlette, uvicorn, SQLAlchemy); load it only when asked for.
    if name == "Sandbox":
        from mogul.server.sandbox import Sandbox

        return Sandbox
    raise AttributeError(f"module 'mogul' has no attribute {name!r}")
