"""The transaction discipline the server relies on, where PostgreSQL and SQLite differ.

On PostgreSQL writers run side by side unless they share a scope (an account): a writer of a busy
account waits for the one before it and then reads what it committed; a writer of another account does
not wait at all. Waiting is observed in pg_stat_activity, not timed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import insert, select, text

from mogul.store import schema as s
from mogul.store.engine import Database
from mogul.store.migrate import ensure_schema
from tests.pg_cluster import PgCluster


@pytest.fixture
def pg(pg_cluster: PgCluster) -> Iterator[Database]:
    db = Database(pg_cluster.create_database())
    ensure_schema(db)
    yield db
    db.dispose()


def _account(name: str) -> dict[str, object]:
    return {"uuid": f"acc_{name}", "name": name, "created_at": s.utcnow()}


def _waiting_on_advisory_lock(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
                )
            ).scalar_one()
        )


def test_a_writer_of_the_same_account_waits_and_then_reads_what_the_first_committed(pg: Database) -> None:
    seen: list[list[str]] = []

    def second_writer() -> None:
        with pg.write(scope=1) as conn:
            seen.append([r.name for r in conn.execute(select(s.accounts.c.name).order_by(s.accounts.c.id))])

    with pg.write(scope=1) as conn:
        conn.execute(insert(s.accounts).values(**_account("first")))
        waiter = threading.Thread(target=second_writer)
        waiter.start()
        deadline = time.monotonic() + 30
        while _waiting_on_advisory_lock(pg) == 0:
            assert time.monotonic() < deadline, "the second writer never queued behind the first"
            time.sleep(0.01)
        assert seen == []
    waiter.join(timeout=30)
    assert seen == [["first"]]


def test_writers_of_different_accounts_do_not_wait_for_each_other(pg: Database) -> None:
    with pg.write(scope=1) as first:
        first.execute(insert(s.accounts).values(**_account("one")))
        # on the same thread: if this waited for the first writer, the test would hang, not pass
        with pg.write(scope=2) as second:
            second.execute(insert(s.accounts).values(**_account("two")))
    with pg.read() as conn:
        assert sorted(r.name for r in conn.execute(select(s.accounts.c.name))) == ["one", "two"]


def test_a_read_sees_one_snapshot_while_writers_commit(pg: Database) -> None:
    with pg.read() as reader:
        before = reader.execute(select(s.accounts.c.id)).all()
        with pg.write(scope=1) as writer:
            writer.execute(insert(s.accounts).values(**_account("later")))
        assert reader.execute(select(s.accounts.c.id)).all() == before
    with pg.read() as reader:
        assert len(reader.execute(select(s.accounts.c.id)).all()) == len(before) + 1
