"""Faults injected at the HTTP transport: the real server stays real, the network misbehaves.

`Faulty` wraps httpx's real transport. Each `Fault` matches requests by method and path and, for its
first `times` matches, either answers itself (`status`, e.g. 429 with `Retry-After`) without
forwarding, forwards and then answers `status` anyway (`after=True`: the server did the work, the
gateway failed), forwards and then loses the answer (`lose=...`), or fails without forwarding
(`raise_=...`). Every attempt is logged with the time it reached the transport, so tests can check
what reached the server, and when.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import httpx


@dataclass
class Fault:
    method: str
    path: str
    times: int = 1
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b'{"code":503,"message":"injected","param":null}'
    after: bool = False
    lose: type[Exception] | None = None
    raise_: type[Exception] | None = None
    used: int = 0

    def matches(self, request: httpx.Request) -> bool:
        return (
            self.used < self.times
            and request.method == self.method
            and request.url.path.startswith(self.path)
        )


@dataclass
class Attempt:
    at: float
    method: str
    path: str
    outcome: str


class Log:
    def __init__(self) -> None:
        self.attempts: list[Attempt] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak_in_flight = 0

    def add(self, started: float, request: httpx.Request, outcome: str) -> None:
        with self.lock:
            self.attempts.append(Attempt(started, request.method, request.url.path, outcome))

    def count(self, method: str, path: str) -> int:
        return sum(1 for a in self.attempts if a.method == method and a.path == path)

    def enter(self) -> None:
        with self.lock:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1


def _pick(faults: list[Fault], request: httpx.Request, lock: threading.Lock) -> Fault | None:
    with lock:
        for fault in faults:
            if fault.matches(request):
                fault.used += 1
                return fault
    return None


def _answer(fault: Fault, request: httpx.Request) -> httpx.Response:
    assert fault.status is not None
    headers = {"content-type": "application/json", **fault.headers}
    return httpx.Response(fault.status, headers=headers, content=fault.body, request=request)


class Faulty(httpx.BaseTransport):
    def __init__(self, *faults: Fault, delay: float = 0.0) -> None:
        self.inner = httpx.HTTPTransport()
        self.faults = list(faults)
        self.log = Log()
        self.delay = delay
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.log.enter()
        try:
            return self._handle(request)
        finally:
            self.log.leave()

    def _handle(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        fault = _pick(self.faults, request, self._lock)
        if self.delay:
            time.sleep(self.delay)
        if fault is not None and fault.raise_ is not None:
            self.log.add(started, request, "raised")
            raise fault.raise_("injected", request=request)
        if fault is not None and fault.status is not None and not fault.after:
            self.log.add(started, request, f"answered {fault.status}")
            return _answer(fault, request)
        response = self.inner.handle_request(request)
        response.read()
        if fault is not None and fault.lose is not None:
            self.log.add(started, request, "lost")
            raise fault.lose("injected: the answer was lost", request=request)
        if fault is not None and fault.status is not None:
            self.log.add(started, request, f"forwarded, answered {fault.status}")
            return _answer(fault, request)
        self.log.add(started, request, f"forwarded {response.status_code}")
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncFaulty(httpx.AsyncBaseTransport):
    def __init__(self, *faults: Fault) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.faults = list(faults)
        self.log = Log()
        self._lock = threading.Lock()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.log.enter()
        try:
            return await self._handle(request)
        finally:
            self.log.leave()

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        fault = _pick(self.faults, request, self._lock)
        if fault is not None and fault.raise_ is not None:
            self.log.add(started, request, "raised")
            raise fault.raise_("injected", request=request)
        if fault is not None and fault.status is not None and not fault.after:
            self.log.add(started, request, f"answered {fault.status}")
            return _answer(fault, request)
        response = await self.inner.handle_async_request(request)
        await response.aread()
        if fault is not None and fault.lose is not None:
            self.log.add(started, request, "lost")
            raise fault.lose("injected: the answer was lost", request=request)
        if fault is not None and fault.status is not None:
            self.log.add(started, request, f"forwarded, answered {fault.status}")
            return _answer(fault, request)
        self.log.add(started, request, f"forwarded {response.status_code}")
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()
