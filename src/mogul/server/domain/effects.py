"""Which writes invalidate which derived figures, declared where the write is.

The metrics read an account's activity log through a cache keyed on the account's `activities_version`
(see `domain.metrics`). Any write that can change the activities (an invoice, a cancellation, a delete
of a customer, a data source or an invoice) bumps that version in its own transaction, so that every
process and every server on the database sees the change with the commit. `derive.refresh` bumps it
itself; a write that removes activities without a refresh (a cascade delete) declares it with
`@invalidates(ACTIVITIES)`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Connection, update

from mogul.store import schema as s

ACTIVITIES = "activities_version"
FIGURES = frozenset({ACTIVITIES})

P = ParamSpec("P")
R = TypeVar("R")


def invalidate(conn: Connection, account_id: int, *figures: str) -> None:
    """Mark the account's derived `figures` changed, inside the caller's transaction."""
    unknown = set(figures) - FIGURES
    if unknown:
        raise ValueError(f"unknown derived figures: {sorted(unknown)}")
    accounts = s.accounts
    conn.execute(
        update(accounts)
        .where(accounts.c.id == account_id)
        .values({name: accounts.c[name] + 1 for name in figures})
    )


def invalidates(*figures: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare that a domain write `fn(scope, ...)` changes `figures`: they are invalidated in the same
    transaction once it returns (a write that raises rolls back, and invalidates nothing)."""
    if not figures or set(figures) - FIGURES:
        raise ValueError(f"invalidates() takes some of {sorted(FIGURES)}, got {figures}")

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def write(*args: P.args, **kwargs: P.kwargs) -> R:
            result = fn(*args, **kwargs)
            scope: Any = args[0]
            invalidate(scope.conn, scope.account.id, *figures)
            return result

        write.invalidates = frozenset(figures)  # type: ignore[attr-defined]
        return write

    return wrap
