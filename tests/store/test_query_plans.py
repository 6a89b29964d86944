"""Every query the API runs finds its rows through an index, so lists and lookups stay fast at millions of
rows: the SQL a real server issues while a world is built and read (every list with each filter, every
object, the metrics) is captured from its engine and each statement is EXPLAINed.

A plan must not read a whole table (SQLite `SCAN t`, PostgreSQL `Seq Scan` or an index scan without an
index condition), and a paginated query (one with LIMIT) must get its cursor order from an index rather
than sort. PostgreSQL is asked with `enable_seqscan` (and, for paginated queries, `enable_sort`) off, so
a table scan or sort shows only where no index can serve: the plans do not depend on table sizes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection, PrimaryKeyConstraint, UniqueConstraint, event

from mogul.server.sandbox import Sandbox
from mogul.store.schema import metadata
from tests.store.world import fill

# Sorted in memory, but bounded by the size of one plan group (SQLite cannot see that the link
# table's (plan_group_id, plan_id) index already yields plans.id order).
BOUNDED_SORTS = ("JOIN plan_group_plans ON plan_group_plans.plan_id = plans.id",)


@pytest.fixture
def statements(fresh_database_url: str) -> Iterator[tuple[Sandbox, dict[str, Any]]]:
    """The distinct statements (with one set of parameters each) behind building and reading a world."""
    with Sandbox(fresh_database_url) as box:
        seen: dict[str, Any] = {}

        def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
            if statement.lstrip()[:6].upper() in ("SELECT", "UPDATE", "DELETE"):
                seen.setdefault(statement, parameters)

        event.listen(box.db.engine, "before_cursor_execute", capture)
        try:
            with httpx.Client(base_url=box.api_url, auth=(box.api_key, ""), timeout=30) as api:
                world = fill(api)
                for path, params in world.paths():
                    response = api.get(path, params=params)
                    assert response.status_code == 200, (path, params, response.text)
        finally:
            event.remove(box.db.engine, "before_cursor_execute", capture)
        yield box, seen


def _sqlite_problems(conn: Connection, statement: str, params: Any, paged: bool) -> list[str]:
    details = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]
    # (`SCAN json_each` reads the list of values a long IN is given as, not a table: store.bulk.among)
    full_scans = [
        d
        for d in details
        if d.startswith("SCAN ") and not d.startswith(("SCAN CONSTANT", "SCAN (subquery", "SCAN json_each"))
    ]
    sorts = [d for d in details if paged and "TEMP B-TREE FOR ORDER BY" in d]
    return full_scans + sorts


def _pg_nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _pg_nodes(child)


def _pg_problems(conn: Connection, statement: str, params: Any, paged: bool) -> list[str]:
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    conn.exec_driver_sql(f"SET LOCAL enable_sort = {'off' if paged else 'on'}")
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, params).scalar_one()
    problems = []
    for node in _pg_nodes(plan[0]["Plan"]):
        kind, table = node["Node Type"], node.get("Relation Name", "")
        if kind == "Seq Scan" or (kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node):
            problems.append(f"{kind} on {table}")
        if paged and kind == "Sort":
            problems.append(f"Sort by {node.get('Sort Key')}")
    return problems


def test_every_query_behind_the_api_finds_its_rows_through_an_index(
    statements: tuple[Sandbox, dict[str, Any]],
) -> None:
    box, seen = statements
    assert len(seen) > 50  # the world really exercised the API
    found = {}
    with box.db.engine.connect() as conn:
        for statement, params in seen.items():
            paged = " LIMIT " in statement.upper() and not any(b in statement for b in BOUNDED_SORTS)
            explain = _sqlite_problems if box.db.is_sqlite else _pg_problems
            problems = explain(conn, statement, params, paged)
            if problems:
                found[" ".join(statement.split())[:300]] = problems
        conn.rollback()
    assert found == {}


def test_every_foreign_key_is_indexed() -> None:
    """Deleting a parent cascades to (or nulls) its children: without an index on the child's key every
    such delete reads the whole child table."""
    unindexed = []
    for table in metadata.sorted_tables:
        leading: list[tuple[str, ...]] = [tuple(c.name for c in index.columns) for index in table.indexes]
        leading += [
            tuple(c.name for c in constraint.columns)
            for constraint in table.constraints
            if isinstance(constraint, PrimaryKeyConstraint | UniqueConstraint)
        ]
        for fk in table.foreign_key_constraints:
            columns = tuple(fk.column_keys)
            if not any(cols[: len(columns)] == columns for cols in leading):
                unindexed.append(f"{table.name}({', '.join(columns)})")
    assert unindexed == []
