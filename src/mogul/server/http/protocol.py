"""The HTTP/1.1 protocol `mogul serve` runs on: uvicorn's h11 protocol with a deadline for headers.

uvicorn closes a connection that stays idle between requests (`timeout_keep_alive`), but once a client
has sent any part of a request, nothing closes it: one that sends half its headers and waits holds a
connection for ever, and enough of them exhaust the server. Here a request's headers must be complete
within HEADER_TIMEOUT seconds of its first byte, or the connection is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
KEEP_ALIVE_TIMEOUT = 5


class DeadlineH11Protocol(H11Protocol):
    header_timeout = HEADER_TIMEOUT
    _header_deadline: asyncio.TimerHandle | None = None

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        # still IDLE after bytes arrived: a request has begun and its headers are not complete yet
        waiting = self.conn.their_state is h11.IDLE and not self.transport.is_closing()
        if waiting and self._header_deadline is None:
            self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_late)
        elif not waiting:
            self._cancel_header_deadline()

    def _headers_late(self) -> None:
        self._header_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def _cancel_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)


def server_config(app: Any, **options: Any) -> uvicorn.Config:
    """uvicorn's settings for every mogul server: the protocol above, no lifespan, no `server` header,
    and mogul's own request log (`mogul.server.access`) instead of uvicorn's."""
    return uvicorn.Config(
        app,
        http=DeadlineH11Protocol,
        timeout_keep_alive=KEEP_ALIVE_TIMEOUT,
        log_level="warning",
        lifespan="off",
        access_log=False,
        server_header=False,
        **options,
    )
