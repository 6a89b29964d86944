"""Bulk statements: inserts and updates through the database driver (one `executemany` of plain tuples
per table), and lookups by long lists of values.

SQLAlchemy Core's `execute(insert(table), rows)` builds and processes a parameter dictionary per row,
which costs more than the database's own work when an import writes tens of thousands of rows.
`insert_rows` applies the same column defaults and the same bind processing (the dialect's own
processors, so `UTCDateTime`, JSON and booleans are stored exactly as Core stores them), but builds the
tuples with C-level operations and hands them to the driver in one call. Errors are SQLAlchemy's
(`IntegrityError` for a violated unique constraint), as with Core.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any
from weakref import WeakKeyDictionary

import orjson
from sqlalchemy import (
    ARRAY,
    Column,
    ColumnElement,
    Connection,
    String,
    Table,
    any_,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.engine import Dialect


@dataclass(frozen=True)
class _Plan:
    sql: str
    defaults: dict[str, Any]
    getter: Callable[[dict[str, Any]], tuple[Any, ...]]
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]


_plans: WeakKeyDictionary[Dialect, dict[Any, _Plan]] = WeakKeyDictionary()


def _getter(keys: Sequence[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    return itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))


def _processors(dialect: Dialect, columns: Sequence[Column[Any]]) -> tuple[tuple[int, Any], ...]:
    """The dialect's bind processor of each column that has one, by position."""
    found = ((i, c.type._cached_bind_processor(dialect)) for i, c in enumerate(columns))
    return tuple((i, process) for i, process in found if process is not None)


def _insert_plan(dialect: Dialect, table: Table) -> _Plan:
    cached = _plans.setdefault(dialect, {})
    plan = cached.get(table.name)
    if plan is not None:
        return plan
    columns = [c for c in table.columns if not (c.primary_key and c.autoincrement in (True, "auto"))]
    defaults: dict[str, Any] = {}
    for column in columns:
        default = column.default
        if default is not None and getattr(default, "is_scalar", False):
            defaults[column.key] = default.arg  # type: ignore[attr-defined]
        elif default is None and column.nullable:
            defaults[column.key] = None
        # (a column with a callable default, or none and NOT NULL, must be given in every row)
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
        f"VALUES ({', '.join([_marker(dialect)] * len(columns))})"
    )
    plan = _Plan(sql, defaults, _getter([c.key for c in columns]), _processors(dialect, columns))
    cached[table.name] = plan
    return plan


def _update_plan(dialect: Dialect, table: Table, keys: tuple[str, ...]) -> _Plan:
    cached = _plans.setdefault(dialect, {})
    plan = cached.get((table.name, keys))
    if plan is not None:
        return plan
    quote = dialect.identifier_preparer.quote
    columns = [table.c[key] for key in keys]
    (primary,) = table.primary_key.columns
    assignments = ", ".join(f"{quote(c.name)} = {_marker(dialect)}" for c in columns)
    sql = f"UPDATE {quote(table.name)} SET {assignments} WHERE {quote(primary.name)} = {_marker(dialect)}"
    plan = _Plan(sql, {}, _getter([*keys, "_id"]), _processors(dialect, columns))
    cached[table.name, keys] = plan
    return plan


def _marker(dialect: Dialect) -> str:
    return "?" if dialect.paramstyle == "qmark" else "%s"


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dictionaries by column key) into `table` with one driver `executemany`.

    A column missing from a row gets its scalar default, or NULL when it is nullable and has none;
    keys that are not columns are ignored. The autoincrement id is left to the database."""
    if not rows:
        return
    plan = _insert_plan(conn.dialect, table)
    defaults, getter = plan.defaults, plan.getter
    tuples = []
    for row in rows:
        try:
            tuples.append(getter(row))
        except KeyError:  # a column the row leaves to its default
            try:
                tuples.append(getter(defaults | row))
            except KeyError as exc:
                message = f"insert into {table.name}: every row needs a value for {exc.args[0]}"
                raise ValueError(message) from None
    conn.exec_driver_sql(plan.sql, _bound(plan, tuples))


def update_rows(conn: Connection, table: Table, keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """Set the columns `keys` of many rows with one driver `executemany`: each of `rows` gives their
    values and, under `_id`, its primary key (as Core's `update().where(id == bindparam("_id"))` takes
    them; Core costs twice as much for 1,000 customers)."""
    if not rows:
        return
    plan = _update_plan(conn.dialect, table, tuple(keys))
    conn.exec_driver_sql(plan.sql, _bound(plan, list(map(plan.getter, rows))))


def _bound(plan: _Plan, tuples: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The tuples with the plan's bind processors applied to their columns."""
    if not plan.processors:
        return tuples
    columns: list[Any] = list(zip(*tuples, strict=True))
    for index, process in plan.processors:
        columns[index] = _processed(process, columns[index])
    return list(zip(*columns, strict=True))


def _processed(process: Callable[[Any], Any], values: tuple[Any, ...]) -> Iterable[Any]:
    """A column's values bound: each distinct value is processed once (timestamps repeat: one
    created_at per request, period bounds shared by many rows); unhashable ones (JSON) one by one."""
    try:
        bound = {value: process(value) for value in set(values)}
    except TypeError:
        return map(process, values)
    return map(bound.__getitem__, values)


def among(conn: Connection, column: ColumnElement[Any], values: Collection[Any]) -> ColumnElement[bool]:
    """`column IN values` for a long list, as one bound parameter whatever its length.

    `column.in_(values)` binds every value on its own: SQLAlchemy coerces each one and renders a new
    statement for each length, which costs more than the lookup when a bulk import asks about
    thousands of external ids. Here the values travel as one parameter (a JSON array that SQLite reads
    with `json_each`; an array for PostgreSQL's `= ANY`), so the statement is compiled once. Both
    databases still look each value up in the column's index."""
    items = list(values)
    if conn.dialect.name == "sqlite":
        try:
            text = orjson.dumps(items).decode()  # a thousand ids: 0.004 ms, against 0.05 ms by json
        except TypeError:  # an integer beyond 64 bits, a string orjson refuses (a lone surrogate)
            text = json.dumps(items)
        array = bindparam(None, text, type_=String)
        return column.in_(select(literal_column("value")).select_from(func.json_each(array)))
    return column == any_(bindparam(None, items, type_=ARRAY(column.type)))
