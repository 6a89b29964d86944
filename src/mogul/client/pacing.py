"""Pacing under ChartMogul's published limits, per API key and shared by every client in the process.

ChartMogul allows 40 requests per second and 20 parallel connections per account, and answers 429 / 503
beyond them. A `Pacer` keeps a client under both, so a big job slows down instead of failing:

* a sliding window: a request may start only when fewer than `rate` requests started in the last
  `per` seconds (plus a small margin for network jitter), so no one-second window ever holds more than
  `rate` requests, while small jobs still go out at once;
* an in-flight limit: at most `max_in_flight` requests at a time, for threads and asyncio tasks alike.

Both are thread-safe; the window hands out start times and the caller does the sleeping.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_RATE = 40
DEFAULT_PER = 1.0
DEFAULT_MAX_IN_FLIGHT = 20
# Requests arrive at ChartMogul a little after they leave; keep the window slightly wider than a second.
JITTER_MARGIN = 0.05


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
            return start - now


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
