"""`store.bulk`: driver-level inserts and updates store exactly what SQLAlchemy Core stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import bindparam, insert, select, update

from mogul.store import schema as s
from mogul.store.bulk import among, insert_rows, update_rows
from mogul.store.engine import Database
from mogul.store.migrate import ensure_schema


@pytest.fixture
def db(fresh_database_url: str) -> Iterator[Database]:
    database = Database(fresh_database_url)
    ensure_schema(database)
    with database.write() as conn:
        account = conn.execute(
            insert(s.accounts).values(uuid="acc_bulk", name="bulk", created_at=s.utcnow())
        ).inserted_primary_key[0]
        conn.execute(
            insert(s.data_sources).values(
                account_id=account, uuid="ds_bulk", name="Bulk", system="Import API", created_at=s.utcnow()
            )
        )
    yield database
    database.dispose()


def customer(n: int, **more: Any) -> dict[str, Any]:
    return {
        "account_id": 1,
        "data_source_id": 1,
        "uuid": f"cus_{n}",
        "external_id": f"c{n}",
        "name": f"Customer {n}",
        "tags": ["a", "b"],
        "custom": {"seats": n},
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
        **more,
    }


COLUMNS = ("uuid", "name", "email", "status", "mrr", "tags", "custom", "customer_since", "created_at")


def stored(db: Database) -> list[tuple[Any, ...]]:
    c = s.customers.c
    with db.read() as conn:
        return [tuple(r) for r in conn.execute(select(*(c[k] for k in COLUMNS)).order_by(c.uuid))]


def test_insert_rows_stores_what_core_stores_with_the_same_defaults(db: Database) -> None:
    since = datetime(2024, 2, 29, 12, 30, tzinfo=timezone(timedelta(hours=2)))
    rows = [
        customer(1, customer_since=since, email=""),
        customer(2, customer_since=None, email="2@example.com"),
    ]
    with db.write() as conn:
        insert_rows(conn, s.customers, rows)
    by_driver = stored(db)
    with db.write() as conn:
        conn.execute(s.customers.delete())
        conn.execute(insert(s.customers), rows)
    assert by_driver == stored(db)
    first = by_driver[0]
    assert first[COLUMNS.index("customer_since")] == since  # read back as the same instant, in UTC
    assert first[COLUMNS.index("status")] == "New Lead" and first[COLUMNS.index("mrr")] == 0  # defaults


def test_insert_rows_says_which_column_a_row_lacks(db: Database) -> None:
    row = customer(1)
    del row["uuid"]
    with db.write() as conn, pytest.raises(ValueError, match="every row needs a value for uuid"):
        insert_rows(conn, s.customers, [row])


def test_update_rows_sets_only_the_columns_named_as_core_would(db: Database) -> None:
    with db.write() as conn:
        insert_rows(conn, s.customers, [customer(n) for n in range(1, 4)])
        ids = dict(conn.execute(select(s.customers.c.uuid, s.customers.c.id)).all())
    since = datetime(2023, 5, 1, 8, tzinfo=UTC)
    changes = [
        {"_id": ids["cus_1"], "status": "Active", "mrr": 4200, "customer_since": since},
        {"_id": ids["cus_3"], "status": "Cancelled", "mrr": 0, "customer_since": None},
    ]
    keys = ("status", "mrr", "customer_since")
    with db.write() as conn:
        update_rows(conn, s.customers, keys, changes)
        update_rows(conn, s.customers, keys, [])  # nothing to do
    by_driver = stored(db)
    assert [(r[0], r[3], r[4], r[7]) for r in by_driver] == [
        ("cus_1", "Active", 4200, since),
        ("cus_2", "New Lead", 0, None),
        ("cus_3", "Cancelled", 0, None),
    ]
    # Core's own executemany of the same changes leaves the same rows
    with db.write() as conn:
        conn.execute(s.customers.delete())
        conn.execute(insert(s.customers), [customer(n, id=ids[f"cus_{n}"]) for n in range(1, 4)])
        conn.execute(update(s.customers).where(s.customers.c.id == bindparam("_id")), changes)
    assert stored(db) == by_driver


def test_among_finds_the_listed_values_whatever_they_are(db: Database) -> None:
    with db.write() as conn:
        insert_rows(conn, s.customers, [customer(1), customer(2, external_id="c\u00e9\U0001f600")])
    c = s.customers.c
    with db.read() as conn:

        def found(values: list[Any]) -> list[str]:
            return sorted(conn.execute(select(c.uuid).where(among(conn, c.external_id, values))).scalars())

        assert found(["c1", "c\u00e9\U0001f600", "nope"]) == ["cus_1", "cus_2"]
        if db.is_sqlite:  # (PostgreSQL's driver cannot send a lone surrogate at all)
            assert found(["c1", "lone \ud800 surrogate"]) == ["cus_1"]
        assert found([]) == []
        ids = conn.execute(select(c.id).where(c.uuid == "cus_2")).scalar_one()
        assert sorted(conn.execute(select(c.uuid).where(among(conn, c.id, [ids, 5]))).scalars()) == ["cus_2"]
