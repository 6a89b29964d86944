"""Pagination: a page of at most `size` rows after an opaque `cursor` (a keyset), or ChartMogul's legacy
`page` number (an offset in the same order).

The HTTP layer reads `per_page`, `cursor` and `page` into a `PageRequest`; list functions of the domain
hand it to `paginate` with their query and its unique sort order. Both kinds walk that one order, so a
client never sees a record twice or misses one (rows written meanwhile aside, as with any offset)."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Integer,
    Select,
    and_,
    bindparam,
    func,
    or_,
    select,
)

from mogul.server import wire

# the furthest row a legacy `page` may reach (page × per_page); beyond it the cursor goes on
MAX_OFFSET = 1_000_000


@dataclass(frozen=True)
class PageRequest:
    size: int = wire.MAX_PER_PAGE
    cursor: str | None = None
    number: int | None = None  # the legacy `page`, 1-based

    def __post_init__(self) -> None:
        if self.number is not None and self.cursor:
            raise wire.bad_request('Use either "page" or "cursor", not both', "page")
        if self.number is not None and (self.number - 1) * self.size >= MAX_OFFSET:
            raise wire.bad_request(
                f'Parameter "page" reaches past row {MAX_OFFSET:,} (page × per_page); '
                "use the cursor to go further",
                "page",
            )


@dataclass
class Page:
    rows: list[Any]
    cursor: str | None
    has_more: bool
    per_page: int
    number: int | None  # the page's number; None for a page continued by a cursor
    total: int | None

    @property
    def first(self) -> bool:
        return self.number == 1

    @property
    def total_pages(self) -> int:
        return math.ceil((self.total or 0) / self.per_page)

    def legacy(self) -> dict[str, Any]:
        """`current_page`/`total_pages`, which the real API adds unless the page follows a cursor."""
        return {} if self.number is None else {"current_page": self.number, "total_pages": self.total_pages}

    def listing(self, name: str, items: list[Any]) -> dict[str, Any]:
        """The Import API's list envelope: `{name: items, current_page, total_pages, cursor, has_more}`."""
        return {name: items, **self.legacy(), "cursor": self.cursor, "has_more": self.has_more}

    def entries(self, items: list[Any]) -> dict[str, Any]:
        """The Metrics API's envelope of a customer's subscriptions or activities: `{entries, has_more,
        cursor}`, and `per_page` and `page` on the first page."""
        body: dict[str, Any] = {"entries": items, "has_more": self.has_more, "cursor": self.cursor}
        if self.first:
            body |= {"per_page": self.per_page, "page": 1}
        return body


@dataclass(frozen=True)
class Shaped:
    """A list's query in a form that is built once: `build()` makes it with named bind parameters, so its
    shape and not its values decides the statement; `shape` tells it from every other list's, and
    `values` fill its parameters. SQLAlchemy computes a statement's cache key each time a new one is
    executed (about half a millisecond for a page and its count, more than the database takes); the
    statements `paginate` makes of a shape are kept, and their keys with them.

    A shape must not depend on what a request asks for beyond which filters it uses (values go in
    `values`), so the kept statements stay few."""

    shape: Hashable
    build: Callable[[], Select[Any]]
    values: dict[str, Any]


_SHAPES: dict[Hashable, tuple[Select[Any], Select[Any]]] = {}


def after(keys: list[ColumnElement[Any]], values: list[Any], descending: bool) -> ColumnElement[bool]:
    """Rows strictly after `values` in the order of `keys` (a lexicographic keyset condition)."""
    clauses = []
    for i, key in enumerate(keys):
        prior = [keys[j] == values[j] for j in range(i)]
        step = key < values[i] if descending else key > values[i]
        clauses.append(and_(*prior, step))
    return or_(*clauses)


def _encode(value: Any) -> Any:
    return {"t": value.isoformat()} if isinstance(value, datetime) else value


def _decode(key: ColumnElement[Any], value: Any) -> Any:
    """A cursor's value for `key`, checked against the column's type: a forged or stale cursor is a
    400, never a query the database refuses."""
    kind = key.type.python_type
    if kind is datetime:
        text = value.get("t") if isinstance(value, dict) and len(value) == 1 else None
        try:
            moment = datetime.fromisoformat(text) if isinstance(text, str) else None
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None and wire.in_time_range(moment):
            return moment
    elif kind is int:
        if type(value) is int and -(2**63) <= value < 2**63:
            return value
    elif kind is str:
        if isinstance(value, str) and "\x00" not in value:
            return value
    raise wire.bad_request("Invalid cursor", "cursor")


def _page(
    stmt: Select[Any], keys: list[ColumnElement[Any]], descending: bool, cursor: bool, offset: bool
) -> Select[Any]:
    """A page of `stmt`: after the bound cursor values `after_0`..., at most `page_limit` rows from
    `page_offset`."""
    page_stmt = stmt
    if cursor:
        bound: list[Any] = [bindparam(f"after_{i}", type_=key.type) for i, key in enumerate(keys)]
        page_stmt = page_stmt.where(after(keys, bound, descending))
    order = [k.desc() for k in keys] if descending else list(keys)
    limit: BindParameter[int] = bindparam("page_limit", type_=Integer)
    page_stmt = page_stmt.order_by(*order).limit(limit)
    if offset:
        page_stmt = page_stmt.offset(bindparam("page_offset", type_=Integer))
    return page_stmt


def _count(stmt: Select[Any]) -> Select[Any]:
    return select(func.count()).select_from(stmt.order_by(None).subquery())


def paginate(
    conn: Connection,
    request: PageRequest,
    stmt: Select[Any] | Shaped,
    keys: list[ColumnElement[Any]],
    *,
    descending: bool = False,
    count: bool = True,
) -> Page:
    """Run `stmt` for one page. `keys` is the unique sort order (its last column must be unique)."""
    size, raw_cursor = request.size, request.cursor
    values: dict[str, Any] = {"page_limit": size + 1}
    if raw_cursor:
        raw_values = wire.decode_cursor(raw_cursor)
        if len(raw_values) != len(keys):
            raise wire.bad_request("Invalid cursor", "cursor")
        decoded = [_decode(key, value) for key, value in zip(keys, raw_values, strict=True)]
        values |= {f"after_{i}": value for i, value in enumerate(decoded)}
    number = None if raw_cursor else request.number or 1
    offset = number is not None and number > 1
    if offset:
        values["page_offset"] = (number - 1) * size  # type: ignore[operator]
    cursor_used = bool(raw_cursor)
    count_stmt: Select[Any] | None = None
    if isinstance(stmt, Shaped):
        shape = (stmt.shape, descending, cursor_used, offset)
        if shape not in _SHAPES:
            built = stmt.build()
            _SHAPES[shape] = (_page(built, keys, descending, cursor_used, offset), _count(built))
        page_stmt, count_stmt = _SHAPES[shape]
        values |= stmt.values
    else:
        page_stmt, plain = _page(stmt, keys, descending, cursor_used, offset), stmt
    rows = list(conn.execute(page_stmt, values).all())
    has_more = len(rows) > size
    rows = rows[:size]
    cursor = None
    if has_more:
        last = rows[-1]
        cursor = wire.encode_cursor([_encode(last._mapping[k]) for k in keys])
    total = None
    if count and not raw_cursor:
        total = conn.execute(count_stmt if count_stmt is not None else _count(plain), values).scalar()
    return Page(rows, cursor, has_more, size, number, total)
