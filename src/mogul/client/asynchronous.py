"""The asynchronous client: `mogul.AsyncClient` (same modules, same flows, driven with asyncio)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Mapping
from types import TracebackType
from typing import Any, Literal, TypeVar

import httpx

from mogul.client.base import BaseClient
from mogul.client.pagination import AsyncPager, ListPage
from mogul.client.resources import AsyncResources
from mogul.flow import Emit, Flow, Position, Reply, Request, Send, Sleep, Step, reply_from
from mogul.flow.record import Record
from mogul.modules import registry

T = TypeVar("T")


class AsyncClient(AsyncResources, BaseClient):
    """The async twin of `mogul.Client`:

    async with mogul.AsyncClient() as client:
        customer = await client.customers.get("cus_1")
        async for plan in client.plans.list(): ...
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
        transport: httpx.AsyncBaseTransport | None = None,
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
        self._http = httpx.AsyncClient(transport=transport, **self._http_options())
        self._attach_resources()

    def run(self, module_id: str, fields: Mapping[str, Any] | None = None, /, **more: Any) -> Any:
        """Run a module by id: `await client.run("plans.get", {...})`; list modules give an AsyncPager
        (`async for`, or `await` it for a list), which fetches its first page at that first await (its
        errors raise there) and the rest as iteration reaches them. Inputs are checked before anything
        is sent."""
        module, inputs = self._prepare(module_id, fields, more)
        if module.many:
            return AsyncPager[Record](lambda: module.run(self.context, inputs), self._iterate)
        return self._drive(module.run(self.context, inputs))

    async def page(
        self,
        module_id: str,
        fields: Mapping[str, Any] | None = None,
        /,
        *,
        size: int = 25,
        after: Position | None = None,
    ) -> ListPage[Record]:
        """One page of a list module, as `Client.page`: `await client.page("customers.list", size=25)`."""
        flow, collector = self._page_flow(module_id, fields, size, after)
        stream = self._iterate(flow)
        try:
            async for item in stream:
                page = collector.take(item)
                if page is not None:
                    return page
        finally:
            await stream.aclose()
        return collector.end()

    async def request(
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
        request = Request(method, path, params, json, idempotent=idempotent)
        return (await self._drive(self.context.request(request))).body

    @property
    def modules(self) -> Any:
        return registry

    async def _drive(self, flow: Flow[T]) -> T:
        value: Any = None
        while True:
            try:
                step = flow.send(value)
            except StopIteration as stop:
                return stop.value
            value = await self._perform(step)

    async def _iterate(self, flow: Flow[None]) -> AsyncGenerator[Any, None]:
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
                value = await self._perform(step)

    async def _perform(self, step: Step) -> Any:
        if isinstance(step, Sleep):
            await asyncio.sleep(step.seconds)
            return None
        if isinstance(step, Send):
            return await self._send(step.request)
        raise TypeError(f"a module emitted outside a list: {step!r}")

    async def _send(self, request: Request) -> Reply | Exception:
        built = self._build(self._http, request)
        pacer = self.pacer
        await pacer.in_flight.acquire_async()
        try:
            wait = self.pacing.reserve()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                response = await self._http.send(built)
            except httpx.TransportError as exc:
                return exc
            return self._heard(reply_from(request, response))
        finally:
            pacer.in_flight.release()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
