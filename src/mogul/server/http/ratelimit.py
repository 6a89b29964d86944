"""`mogul serve --rate-limit N`: ChartMogul's per-account rate limit, emulated so that a client's
backoff can be tested against a server that limits.

At most N requests of one account are admitted in any one-second window (a sliding window over the
times of the account's last N admitted requests). One more within that second is answered 429 with
ChartMogul's error body and `Retry-After` (whole seconds, at least 1); a refused request is not
counted, so a client that waits as asked gets through. Every answer to the account carries
`X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`, the headers by which
`mogul.Client` knows that a server limits (client/pacing.py). A request without a valid key is not
counted: it goes on to the endpoint, which answers 401 as without the limit.

The limiter is added to the app only when a limit is asked for. It keeps its counts in the process:
with `--workers`, each worker limits on its own.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import NamedTuple

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Send
from starlette.types import Scope as AsgiScope

from mogul.server import wire
from mogul.server.http.auth import account_for
from mogul.server.http.render import error_response
from mogul.store.engine import Database

WINDOW_SECONDS = 1.0


class Verdict(NamedTuple):
    admitted: bool
    remaining: int
    # seconds until the window has room for one more request, and until it is empty again
    room_in: float
    empty_in: float


class RateLimiter:
    """At most `rate` admitted requests per key in any `per`-second window. It is used from the event
    loop only (no lock): nothing awaits between reading a key's window and updating it."""

    def __init__(
        self, rate: int, per: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate < 1:
            raise ValueError("rate must be at least 1")
        self.rate = rate
        self.per = per
        self._clock = clock
        self._admitted: dict[str, deque[float]] = {}

    def admit(self, key: str) -> Verdict:
        now = self._clock()
        times = self._admitted.setdefault(key, deque())
        while times and times[0] <= now - self.per:
            times.popleft()
        admitted = len(times) < self.rate
        if admitted:
            times.append(now)
        return Verdict(
            admitted, self.rate - len(times), times[0] + self.per - now, times[-1] + self.per - now
        )

    def headers(self, verdict: Verdict) -> dict[str, str]:
        """The rate-limit headers of an answer; `Retry-After` too when the request was refused."""
        headers = {
            "X-RateLimit-Limit": str(self.rate),
            "X-RateLimit-Remaining": str(verdict.remaining),
            "X-RateLimit-Reset": str(_whole_seconds(verdict.empty_in)),
        }
        if not verdict.admitted:
            headers["Retry-After"] = str(_whole_seconds(verdict.room_in))
        return headers


def _whole_seconds(seconds: float) -> int:
    return max(1, math.ceil(seconds))


class RateLimit:
    """The ASGI middleware: the account of the request's key, then its verdict."""

    def __init__(self, app: ASGIApp, db: Database, rate: int) -> None:
        self.app = app
        self.db = db
        self.limiter = RateLimiter(rate)

    async def __call__(self, scope: AsgiScope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            account = await account_for(self.db, Headers(scope=scope).get("authorization"))
        except Exception:  # no valid key (or no database): the endpoint answers it, uncounted
            await self.app(scope, receive, send)
            return
        verdict = self.limiter.admit(account.uuid)
        headers = self.limiter.headers(verdict)
        if not verdict.admitted:
            scope.setdefault("state", {})["account"] = account.uuid  # for the request log
            await error_response(wire.rate_limited(headers))(scope, receive, send)
            return
        extra = [(name.lower().encode(), value.encode()) for name, value in headers.items()]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        await self.app(scope, receive, sending)
