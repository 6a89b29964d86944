"""Schema revisions: a new database gets the schema at once, an older one is refused until `mogul db
upgrade` brings it forward, and an upgrade keeps every object the API answers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, inspect, select

from mogul.server.sandbox import Sandbox
from mogul.store import migrate
from mogul.store.engine import Database, display_url
from mogul.store.schema import metadata
from tests.store.servers import mogul
from tests.store.world import fill


@pytest.fixture
def db(fresh_database_url: str) -> Iterator[Database]:
    database = Database(fresh_database_url)
    yield database
    database.dispose()


def _stamp(db: Database, revision: str) -> None:
    """Record `revision` without running anything (bookkeeping only)."""
    with db.migrating() as conn:
        MigrationContext.configure(conn).stamp(migrate.script_directory(), revision)


def _client(box: Sandbox, key: str) -> httpx.Client:
    return httpx.Client(base_url=box.api_url, auth=(key, ""), timeout=30)


def _answers(api: httpx.Client, paths: list[tuple[str, dict[str, str]]]) -> dict[str, Any]:
    out = {}
    for path, params in paths:
        response = api.get(path, params=params)
        assert response.status_code == 200, (path, params, response.text)
        out[f"{path} {sorted(params.items())}"] = response.json()
    return out


def _describe(difference: Any) -> str:
    """One autogenerate difference, short: `add_table json_imports`, `add_index ix_...`."""
    if isinstance(difference, list):
        return "; ".join(_describe(d) for d in difference)
    kind, *rest = difference
    return f"{kind} " + " ".join(str(getattr(r, "name", None) or r) for r in rest[:3])


def test_migrations_at_head_build_exactly_the_schema_in_schema_py(db: Database) -> None:
    assert migrate.upgrade(db) == (None, migrate.head_revision())
    with db.read() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = [_describe(d) for d in compare_metadata(context, metadata)]
    assert differences == [], (
        "schema.py differs from the newest migration; add a revision: "
        'python -m mogul.store.migrate "what changed" (then read and adjust the draft)'
    )


def test_a_brand_new_database_gets_the_whole_schema_at_the_newest_revision(db: Database) -> None:
    migrate.ensure_schema(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    assert migrate.is_current(db)
    with db.read() as conn:
        assert set(metadata.tables) <= set(inspect(conn).get_table_names())


def test_a_database_at_an_older_revision_is_refused_with_the_command_that_upgrades_it(db: Database) -> None:
    migrate.upgrade(db, migrate.FIRST_REVISION)
    with pytest.raises(migrate.SchemaError) as refused:
        migrate.ensure_schema(db)
    assert str(refused.value) == (
        f"the database schema is at revision 0001, this mogul needs {migrate.head_revision()}: "
        f"run `mogul db upgrade --db {display_url(db.url)}`"
    )
    assert migrate.current_revision(db) == "0001"  # refusing changed nothing


def test_a_database_from_a_newer_mogul_is_refused(db: Database) -> None:
    migrate.ensure_schema(db)
    _stamp(db, migrate.head_revision())
    with db.migrating() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(
        migrate.SchemaError, match=r"revision 9999, which this mogul \(schema \d+\) does not know"
    ):
        migrate.ensure_schema(db)
    with pytest.raises(migrate.SchemaError, match="a newer mogul upgraded it"):
        migrate.upgrade(db)


def test_a_database_made_before_migrations_is_upgraded_from_the_first_revision(db: Database) -> None:
    migrate.upgrade(db, migrate.FIRST_REVISION)
    with db.migrating() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
    with pytest.raises(migrate.SchemaError, match="has mogul tables but no schema revision"):
        migrate.ensure_schema(db)
    assert migrate.upgrade(db) == ("0001", migrate.head_revision())
    migrate.ensure_schema(db)


def _copy_rows(source: Database, target: Database) -> int:
    """Copy every row of `source` into the tables `target` has, keeping only the columns it has."""
    copied = 0
    old = MetaData()
    with target.migrating() as conn:
        old.reflect(conn)
    with source.read() as src, target.migrating() as dst:
        for table in old.sorted_tables:
            if table.name == "alembic_version":
                continue
            wanted = [c.name for c in table.columns]
            rows = [
                dict(r._mapping)
                for r in src.execute(select(*(metadata.tables[table.name].c[n] for n in wanted)))
            ]
            if rows:
                dst.execute(table.insert(), rows)
                copied += len(rows)
        if not target.is_sqlite:  # explicit ids were inserted: move the sequences past them
            for table in old.sorted_tables:
                if "id" in table.c and table.name != "alembic_version":
                    dst.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
    return copied


def test_upgrading_from_the_first_revision_keeps_every_object(
    db: Database, database_factory: Callable[[], str]
) -> None:
    """A database made by the first revision's own DDL holds data that came through the API (filled at
    head, then copied column by column into the first revision's tables); upgraded to head, the server
    answers every object and list exactly as the server that took the data did."""
    key = "migration-test-key"
    source = Database(database_factory())
    with Sandbox(source.url, api_keys=[key]) as box, _client(box, key) as api:
        world = fill(api, customers=4)
        before = _answers(api, world.paths())
    migrate.upgrade(db, migrate.FIRST_REVISION)
    assert _copy_rows(source, db) > 40
    source.dispose()

    assert migrate.upgrade(db) == ("0001", migrate.head_revision())

    with Sandbox(db.url, api_keys=[key]) as box, _client(box, key) as api:
        after = _answers(api, world.paths())
    assert len(before) == len(world.paths()) > 40
    assert after == before


def test_mogul_serve_refuses_an_outdated_database_until_mogul_db_upgrade_runs(
    fresh_database_url: str,
) -> None:
    db = Database(fresh_database_url)
    migrate.upgrade(db, migrate.FIRST_REVISION)
    db.dispose()
    shown = display_url(db.url)
    head = migrate.head_revision()

    refused = mogul("serve", "--port", "0", "--db", fresh_database_url)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        f"mogul serve: the database schema is at revision 0001, this mogul needs {head}: "
        f"run `mogul db upgrade --db {shown}`\n"
    )

    current = mogul("db", "current", "--db", fresh_database_url)
    assert (current.returncode, current.stdout) == (
        1,
        f"0001 (this mogul needs {head}: run `mogul db upgrade`)\n",
    )

    upgraded = mogul("db", "upgrade", "--db", fresh_database_url)
    assert (upgraded.returncode, upgraded.stdout) == (
        0,
        f"upgraded the database schema from revision 0001 to {head}\n",
    )
    again = mogul("db", "upgrade", "--db", fresh_database_url)
    assert (again.returncode, again.stdout) == (0, f"the database schema is already at revision {head}\n")
    current = mogul("db", "current", "--db", fresh_database_url)
    assert (current.returncode, current.stdout) == (0, f"{head} (current)\n")


def test_mogul_db_upgrade_on_an_unreachable_database_says_so_in_one_line() -> None:
    done = mogul("db", "upgrade", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert done.returncode == 1
    assert done.stderr.startswith("mogul db upgrade: cannot open the database: ")
    assert done.stderr.count("\n") == 1


def test_the_head_revision_in_code_is_the_newest_migration() -> None:
    # A new migration must move HEAD_REVISION too, or new databases would be stamped behind it.
    assert migrate.script_directory().get_current_head() == migrate.HEAD_REVISION


def test_a_new_database_is_stamped_as_alembic_reads_it_without_alembic_at_start(
    fresh_database_url: str,
) -> None:
    code = (
        "import sys; from mogul.server.app import create_app; create_app(sys.argv[1]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako', 'pygments')))"
    )
    done = subprocess.run([sys.executable, "-c", code, fresh_database_url], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")
    db = Database(fresh_database_url)
    try:
        with db.read() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == migrate.head_revision()
        assert migrate.upgrade(db) == (migrate.head_revision(), migrate.head_revision())
    finally:
        db.dispose()
