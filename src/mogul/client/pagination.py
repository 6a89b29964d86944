"""Lists: a list module's call fetches the first page; the pager fetches the rest as you iterate.

`Pager` (sync): the call that makes it sends the list's first request, so a wrong key, a server out of
reach or a 429 that never ends raise at the call, as openai-python's and Stripe's lists do; each further
page is fetched when iteration reaches it. Iterating the pager again starts afresh from the first page.

`AsyncPager`: an async call can send nothing until it is awaited, so the first page is fetched at the
first await, `await pager` (every item, as a list) or the first step of `async for`, and errors raise
there; the rest again as iteration reaches it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Generator, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any, Generic, TypeVar

from mogul.flow import Flow, Position

T = TypeVar("T")
_END = object()


class Pager(Generic[T]):
    """`for customer in client.customers.list(limit=500): ...`: the call fetched the first page (its
    errors raised there), the following pages are fetched lazily; each later iteration starts afresh."""

    def __init__(
        self, start: Callable[[], Flow[None]], iterate: Callable[[Flow[None]], Iterator[Any]]
    ) -> None:
        self._start = start
        self._iterate = iterate
        items = iterate(start())
        # Reading one item drives the flow through its lookups and the first page's request.
        first = next(items, _END)
        self._started: Iterator[Any] | None = iter(()) if first is _END else chain((first,), items)

    def __iter__(self) -> Iterator[T]:
        started, self._started = self._started, None
        return started if started is not None else self._iterate(self._start())

    def to_list(self) -> list[T]:
        return list(self)


class AsyncPager(Generic[T]):
    """`async for customer in client.customers.list(): ...`, or `await` it for a list: the first page is
    fetched at that first await (its errors raise there), the following ones as iteration reaches them."""

    def __init__(
        self, start: Callable[[], Flow[None]], iterate: Callable[[Flow[None]], AsyncIterator[Any]]
    ) -> None:
        self._start = start
        self._iterate = iterate

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterate(self._start())

    async def to_list(self) -> list[T]:
        return [item async for item in self]

    def __await__(self) -> Generator[Any, None, list[T]]:
        return self.to_list().__await__()


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list module (`client.page(...)`): its items, and where the list goes on (`after`,
    for the next call with the same module and inputs; None when nothing is left)."""

    items: list[T]
    after: Position | None = None

    @property
    def more(self) -> bool:
        return self.after is not None
