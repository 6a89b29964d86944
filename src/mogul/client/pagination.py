"""Lazy lists: a list module returns a pager that fetches pages only as you iterate."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from mogul.flow import Flow, Position

T = TypeVar("T")


class Pager(Generic[T]):
    """`for customer in client.customers.list(limit=500): ...` (each iteration starts afresh)."""

    def __init__(
        self, start: Callable[[], Flow[None]], iterate: Callable[[Flow[None]], Iterator[Any]]
    ) -> None:
        self._start = start
        self._iterate = iterate

    def __iter__(self) -> Iterator[T]:
        return self._iterate(self._start())

    def to_list(self) -> list[T]:
        return list(self)


class AsyncPager(Generic[T]):
    """`async for customer in client.customers.list(): ...`, or `await` it for a list."""

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
