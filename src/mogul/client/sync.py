"""The synchronous client: `mogul.Client`."""

from __future__ import annotations

import time
from collections.abc import Generator, Mapping
from types import TracebackType
from typing import Any, Literal, TypeVar

import httpx

from mogul.client.base import BaseClient
from mogul.client.pagination import ListPage, Pager
from mogul.client.resources import SyncResources
from mogul.flow import Emit, Flow, Position, Reply, Request, Send, Sleep, Step, reply_from
from mogul.flow.record import Record
from mogul.modules import registry

T = TypeVar("T")


class Client(SyncResources, BaseClient):
    """A ChartMogul connection with every Make module as a method.

        client = mogul.Client(api_key="...")            # or CHARTMOGUL_API_KEY, or a profile
        client.customers.create(data_source="Billing", external_id="cus_1", name="Ada")
        for plan in client.plans.list(limit=50): ...
        client.run("customers.create", {"data_source": "Billing", "external_id": "cus_2"})

    `rate_limit="auto"` paces requests at ChartMogul's 40 a second against ChartMogul's host, and against
    any other server from its first answer that shows it limits (a 429 or rate-limit headers); a local
    `mogul serve` or Sandbox is not paced. A number paces at that rate always; None never paces.
    `transport` takes any httpx transport (for tests and proxies); the other options are documented in
    `mogul.config` (credentials) and `mogul.flow` / `mogul.client.pacing` (retries, pacing).
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        token: str | None = None,
        secret: str | None = None,
        base_url: str | None = None,
        profile: str | None = None,
        timeout: float | None = 30.0,
        max_retries: int = 5,
        retry_backoff: float = 0.5,
        rate_limit: int | Literal["auto"] | None = "auto",
        max_in_flight: int = 20,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            api_key,
            token=token,
            secret=secret,
            base_url=base_url,
            profile=profile,
            timeout=timeout,
            max_retries=max_retries,
            retry_backoff=retry_backoff,
            rate_limit=rate_limit,
            max_in_flight=max_in_flight,
        )
        self._http = httpx.Client(transport=transport, **self._http_options())
        self._attach_resources()

    # -- running modules ---------------------------------------------------------------------------------

    def run(self, module_id: str, fields: Mapping[str, Any] | None = None, /, **more: Any) -> Any:
        """Run a module by id with a dict of fields (`client.run("plans.get", {"plan": "Gold"})`).

        Returns a Record, a Pager for list modules, or None for deletes. Inputs are checked first: a
        missing mandatory field or a bad value raises `mogul.errors.InputError` and nothing is sent. A
        list's first page is fetched here (a wrong key or an unreachable server raises here, not when
        you iterate); the following pages as iteration reaches them.
        """
        module, inputs = self._prepare(module_id, fields, more)
        if module.many:
            return Pager[Record](lambda: module.run(self.context, inputs), self._iterate)
        return self._drive(module.run(self.context, inputs))

    def page(
        self,
        module_id: str,
        fields: Mapping[str, Any] | None = None,
        /,
        *,
        size: int = 25,
        after: Position | None = None,
    ) -> ListPage[Record]:
        """One page of a list module: at most `size` items, from the start or from `after` (a previous
        page's `after`, with the same module and inputs). `ListPage.after` says where to go on."""
        flow, collector = self._page_flow(module_id, fields, size, after)
        stream = self._iterate(flow)
        try:
            for item in stream:
                page = collector.take(item)
                if page is not None:
                    return page
        finally:
            stream.close()
        return collector.end()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """One API request with the client's authorization, retries and pacing; the parsed answer.

        `path` is relative to `/v1`. A POST is not re-sent after a lost answer unless `idempotent=True`
        says repeating it is harmless (a bulk import that matches what exists, say). An error answer
        raises `mogul.errors`.
        """
        return self._drive(
            self.context.request(Request(method, path, params, json, idempotent=idempotent))
        ).body

    @property
    def modules(self) -> Any:
        """The module registry (`client.modules.modules()`, `client.modules.get(id)`)."""
        return registry

    # -- the driver --------------------------------------------------------------------------------------

    def _drive(self, flow: Flow[T]) -> T:
        value: Any = None
        while True:
            try:
                step = flow.send(value)
            except StopIteration as stop:
                return stop.value
            value = self._perform(step)

    def _iterate(self, flow: Flow[None]) -> Generator[Any, None, None]:
        value: Any = None
        while True:
            try:
                step = flow.send(value)
            except StopIteration:
                return
            if isinstance(step, Emit):
                value = None
                yield step.item
            else:
                value = self._perform(step)

    def _perform(self, step: Step) -> Any:
        if isinstance(step, Sleep):
            time.sleep(step.seconds)
            return None
        if isinstance(step, Send):
            return self._send(step.request)
        raise TypeError(f"a module emitted outside a list: {step!r}")

    def _send(self, request: Request) -> Reply | Exception:
        """One attempt, paced: an in-flight slot, then a start time in the rate window."""
        built = self._build(self._http, request)
        pacer = self.pacer
        pacer.in_flight.acquire()
        try:
            wait = self.pacing.reserve()
            if wait > 0:
                time.sleep(wait)
            try:
                response = self._http.send(built)
            except httpx.TransportError as exc:
                return exc
            return self._heard(reply_from(request, response))
        finally:
            pacer.in_flight.release()

    # -- lifecycle ---------------------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
