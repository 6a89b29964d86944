"""Pacing under ChartMogul's published limits, per API key and shared by every client in the process.

ChartMogul allows 40 requests per second and 20 parallel connections per account, and answers 429 / 503
beyond them. A `Pacer` keeps a client under both, so a big job slows down instead of failing:

* a sliding window: a request may start only when fewer than `rate` requests started in the last
  `per` seconds (plus a small margin for network jitter), so no one-second window ever holds more than
  `rate` requests, while small jobs still go out at once;
* an in-flight limit: at most `max_in_flight` requests at a time, for threads and asyncio tasks alike.

Both are thread-safe; the window hands out start times and the caller does the sleeping.

The in-flight limit always holds. The rate window holds where it protects the user (`Pacing`): against
ChartMogul's own host, and against any other server from its first answer that shows it limits (a 429,
or rate-limit headers such as `X-RateLimit-Limit`, `RateLimit-Limit`, `RateLimit-Policy`). A local
`mogul serve` or Sandbox says neither, so a test suite against it runs at full speed. An explicit
`rate_limit` (a number: always; None: never) overrides that guess.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

DEFAULT_RATE = 40
DEFAULT_PER = 1.0
DEFAULT_MAX_IN_FLIGHT = 20
# Requests arrive at ChartMogul a little after they leave; keep the window slightly wider than a second.
JITTER_MARGIN = 0.05
# `rate_limit`: requests per second (always paced), None (never), or "auto" (see `Pacing`).
AUTO: Literal["auto"] = "auto"
RateLimit = int | Literal["auto"] | None
CHARTMOGUL_DOMAIN = "chartmogul.com"
# Header names by which a server says it limits: X-RateLimit-*, X-Rate-Limit-*, and the IETF draft's
# RateLimit, RateLimit-Limit, RateLimit-Policy and friends.
LIMIT_HEADER_PREFIXES = ("ratelimit", "x-ratelimit", "x-rate-limit")
_LEADING_NUMBER = re.compile(r"\s*\d{1,9}")


class RateWindow:
    """At most `rate` starts in any `per`-second window."""

    def __init__(
        self, rate: int, per: float = DEFAULT_PER, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate < 1:
            raise ValueError("rate must be at least 1")
        self.rate = rate
        self.span = per + JITTER_MARGIN
        self._clock = clock
        self._starts: deque[float] = deque()
        self._lock = threading.Lock()
        # What it handed out, for anyone who wants to see the pacing at work (tests, benchmarks).
        self.granted = 0
        self.waited = 0.0

    def reserve(self) -> float:
        """Claim the next start time; returns how many seconds to wait until it."""
        with self._lock:
            now = self._clock()
            start = now
            if self._starts:
                start = max(start, self._starts[-1])
            if len(self._starts) >= self.rate:
                start = max(start, self._starts[-self.rate] + self.span)
            self._starts.append(start)
            while len(self._starts) > self.rate:
                self._starts.popleft()
            self.granted += 1
            self.waited += start - now
            return start - now

    def lower_to(self, rate: int) -> None:
        """Allow at most `rate` starts per window from now on, when that is fewer than now."""
        with self._lock:
            if 1 <= rate < self.rate:
                self.rate = rate


class InFlight:
    """A counting semaphore that threads and asyncio tasks (on any loop) can share."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("max_in_flight must be at least 1")
        self.limit = limit
        self.count = 0
        self._cond = threading.Condition()
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()

    def acquire(self) -> None:
        with self._cond:
            while self.count >= self.limit:
                self._cond.wait()
            self.count += 1

    async def acquire_async(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            with self._cond:
                if self.count < self.limit:
                    self.count += 1
                    return
                future: asyncio.Future[None] = loop.create_future()
                self._waiters.append((loop, future))
            try:
                await future
            except asyncio.CancelledError:
                with self._cond:
                    if (loop, future) in self._waiters:
                        self._waiters.remove((loop, future))
                raise

    def release(self) -> None:
        with self._cond:
            self.count -= 1
            self._cond.notify()
            while self._waiters:
                loop, future = self._waiters.popleft()
                if future.done():
                    continue
                try:
                    loop.call_soon_threadsafe(_wake, future)
                except RuntimeError:  # that loop is closed; wake the next waiter instead
                    continue
                break


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


@dataclass
class Pacer:
    """The two limits for one API key. `window` is None when rate pacing is off."""

    window: RateWindow | None
    in_flight: InFlight


_pacers: dict[tuple[str, int | None, float, int], Pacer] = {}
_pacers_lock = threading.Lock()


def pacer_for(
    key_id: str,
    rate: int | None = DEFAULT_RATE,
    per: float = DEFAULT_PER,
    max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
) -> Pacer:
    """The process-wide pacer of an API key (clients with the same key and limits share it)."""
    key = (key_id, rate, per, max_in_flight)
    with _pacers_lock:
        pacer = _pacers.get(key)
        if pacer is None:
            window = RateWindow(rate, per) if rate else None
            pacer = _pacers[key] = Pacer(window, InFlight(max_in_flight))
        return pacer


def is_chartmogul(base_url: str) -> bool:
    """Whether `base_url` is ChartMogul's own service (chartmogul.com or one of its subdomains)."""
    host = (urlsplit(base_url).hostname or "").rstrip(".")
    return host == CHARTMOGUL_DOMAIN or host.endswith("." + CHARTMOGUL_DOMAIN)


def advertised_rate(headers: Mapping[str, str]) -> int | None:
    """The requests per second an answer's `X-RateLimit-Limit` (or `RateLimit-Limit`, or
    `X-Rate-Limit-Limit`) advertises: its leading number (`40`, or the IETF draft's `40, 40;w=1`)."""
    for name in ("x-ratelimit-limit", "ratelimit-limit", "x-rate-limit-limit"):
        match = _LEADING_NUMBER.match(headers.get(name, ""))
        if match:
            return int(match.group())
    return None


def says_it_limits(status: int, headers: Mapping[str, str]) -> bool:
    """Whether an answer shows a rate-limiting server: a 429, or a rate-limit header (lower-case names)."""
    return status == 429 or any(name.startswith(LIMIT_HEADER_PREFIXES) for name in headers)


class Pacing:
    """Whether one client's requests wait for its key's rate window.

    `rate_limit` a number: always (the user asked); None: never (the window is absent); "auto": from the
    start against ChartMogul's host, elsewhere from the first answer that `says_it_limits`, at
    ChartMogul's 40 per second, or at the rate the server advertises (`X-RateLimit-Limit`) when that
    is lower. `active` says which holds now.
    """

    def __init__(self, pacer: Pacer, base_url: str, rate_limit: RateLimit) -> None:
        self.window = pacer.window
        self.active = self.window is not None and (rate_limit != AUTO or is_chartmogul(base_url))
        self._listening = self.window is not None and not self.active
        self._auto = rate_limit == AUTO

    def reserve(self) -> float:
        """Seconds to wait before the next request may start (0 when pacing is off)."""
        if self.active and self.window is not None:
            return self.window.reserve()
        return 0.0

    def heard(self, status: int, headers: Mapping[str, str]) -> None:
        """Take note of an answer: the first one that shows a limit switches pacing on for good."""
        if self._listening and says_it_limits(status, headers):
            self.active = True
            self._listening = False
        if self._auto and self.window is not None and (rate := advertised_rate(headers)) is not None:
            self.window.lower_to(rate)


def pacing_for(
    key_id: str, base_url: str, rate_limit: RateLimit = AUTO, max_in_flight: int = DEFAULT_MAX_IN_FLIGHT
) -> tuple[Pacer, Pacing]:
    """A client's shared pacer and its own pacing ("auto" shares the window of an explicit 40)."""
    if rate_limit == AUTO:
        rate: int | None = DEFAULT_RATE
    elif rate_limit is None or (isinstance(rate_limit, int) and not isinstance(rate_limit, bool)):
        rate = rate_limit
    else:
        raise ValueError(f"rate_limit must be requests per second, None (off) or 'auto', not {rate_limit!r}")
    pacer = pacer_for(key_id, rate, max_in_flight=max_in_flight)
    return pacer, Pacing(pacer, base_url, rate_limit)
