"""mogul: a ChartMogul toolkit.

import mogul
client = mogul.Client(api_key="...")        # or mogul.AsyncClient
with mogul.Sandbox() as sandbox: ...        # a local ChartMogul-compatible server
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mogul import errors

if TYPE_CHECKING:
    from mogul.client import AsyncClient, AsyncPager, Client, Pager, Record
    from mogul.server.sandbox import Sandbox

__all__ = ["AsyncClient", "AsyncPager", "Client", "Pager", "Record", "Sandbox", "__version__", "errors"]

_CLIENT_NAMES = frozenset({"AsyncClient", "AsyncPager", "Client", "Pager", "Record"})


def __getattr__(name: str) -> Any:
    # Loaded when first used: the client pulls in httpx and the module registry, the sandbox the
    # server (starlette, uvicorn, SQLAlchemy); `mogul serve` needs only the latter, a script only the first.
    if name in _CLIENT_NAMES:
        from mogul import client

        return getattr(client, name)
    if name == "Sandbox":
        from mogul.server.sandbox import Sandbox

        return Sandbox
    if name == "__version__":
        from mogul.version import installed

        return installed()
    raise AttributeError(f"module 'mogul' has no attribute {name!r}")
