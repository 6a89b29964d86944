"""Schema management: the schema's revisions (Alembic, in `migrations/`) and bringing a database to the
schema this mogul needs.

A brand-new database gets the whole schema at once (`create_all`, stamped at the newest revision), so
`create_app` works on an empty file or in memory with no extra step. A database at an older revision is
left alone: `ensure_schema` refuses it and names the command that upgrades it (`mogul db upgrade`),
because several servers may share that database and the upgrade is the operator's call.

New revision after a change to schema.py (developers): `python -m mogul.store.migrate "what changed"`
writes a draft from the difference; read it, adjust it, and keep it.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, inspect

from mogul.store.engine import Database, display_url
from mogul.store.schema import metadata

MIGRATIONS = Path(__file__).parent / "migrations"
# what mogul created with create_all before it had migrations
FIRST_REVISION = "0001"


class SchemaError(RuntimeError):
    """The database's schema is not the one this mogul needs; the message says what to do."""


@functools.cache
def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "no migrations found"
    return head


def _config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _has_mogul_tables(conn: Connection) -> bool:
    return bool(set(inspect(conn).get_table_names()) & set(metadata.tables))


def _known(revision: str) -> bool:
    try:
        return script_directory().get_revision(revision) is not None
    except CommandError:
        return False


def current_revision(db: Database) -> str | None:
    """The revision the database is at (None: no mogul schema, or one made before migrations)."""
    with db.read() as conn:
        return _revision(conn)


def is_current(db: Database) -> bool:
    return current_revision(db) == head_revision()


def _newer_mogul(revision: str) -> SchemaError:
    return SchemaError(
        f"the database schema is at revision {revision}, which this mogul (schema {head_revision()}) "
        "does not know: a newer mogul upgraded it; run that version or a newer one"
    )


def upgrade(db: Database, revision: str = "head") -> tuple[str | None, str | None]:
    """Run the migrations up to `revision`, keeping every row; returns the revisions before and after.

    A database that mogul made before it had migrations holds the first revision's schema: it is
    stamped so, then upgraded.
    """
    with db.migrating() as conn:
        before = _revision(conn)
        if before is None and _has_mogul_tables(conn):
            MigrationContext.configure(conn).stamp(script_directory(), FIRST_REVISION)
            before = FIRST_REVISION
        if before is not None and not _known(before):
            raise _newer_mogul(before)
        command.upgrade(_config(conn), revision)
        return before, _revision(conn)


def ensure_schema(db: Database) -> None:
    """Give a brand-new database the whole schema; refuse one whose schema is not this mogul's."""
    head = head_revision()
    if current_revision(db) == head:
        return
    with db.migrating() as conn:
        revision = _revision(conn)
        if revision == head:
            return  # another process got here first
        if revision is None and not _has_mogul_tables(conn):
            metadata.create_all(conn)
            MigrationContext.configure(conn).stamp(script_directory(), head)
            return
    url = display_url(db.url)
    if revision is None:
        raise SchemaError(
            f"the database at {url} has mogul tables but no schema revision (it was made before "
            f"migrations): run `mogul db upgrade --db {url}`"
        )
    if not _known(revision):
        raise _newer_mogul(revision)
    raise SchemaError(
        f"the database schema is at revision {revision}, this mogul needs {head}: "
        f"run `mogul db upgrade --db {url}`"
    )


def draft_revision(message: str) -> str:
    """Write a draft revision from the difference between schema.py and the newest revision."""
    db = Database("sqlite://")
    try:
        upgrade(db)
        with db.migrating() as conn:
            script = command.revision(
                _config(conn),
                message=message,
                autogenerate=True,
                rev_id=f"{int(head_revision()) + 1:04d}",
            )
    finally:
        db.dispose()
    assert script is not None and not isinstance(script, list)
    return script.path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit('usage: python -m mogul.store.migrate "what changed in schema.py"')
    print(draft_revision(sys.argv[1]))
