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
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, MetaData, PrimaryKeyConstraint, String, Table, inspect, select

from mogul.store.engine import Database, display_url
from mogul.store.schema import metadata

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
# what mogul created with create_all before it had migrations
FIRST_REVISION = "0001"
# The newest revision in migrations/ (a test checks that they agree). Starting a server on a database
# that is current, or brand new, reads and writes Alembic's version table itself, so it never imports
# Alembic (and the templates and highlighters Alembic imports): a tenth of a second of start-up.
HEAD_REVISION = "0013"
# Alembic's own version table, as Alembic makes it.
VERSION_TABLE = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


class SchemaError(RuntimeError):
    """The database's schema is not the one this mogul needs; the message says what to do."""


@functools.cache
def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    return HEAD_REVISION


def _config(conn: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table(VERSION_TABLE.name):
        return None
    return conn.execute(select(VERSION_TABLE.c.version_num)).scalar()


def _stamp(conn: Connection, revision: str) -> None:
    VERSION_TABLE.create(conn, checkfirst=True)
    conn.execute(VERSION_TABLE.delete())
    conn.execute(VERSION_TABLE.insert().values(version_num=revision))


def _has_mogul_tables(conn: Connection) -> bool:
    return bool(set(inspect(conn).get_table_names()) & set(metadata.tables))


def _known(revision: str) -> bool:
    from alembic.util import CommandError

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
            _stamp(conn, FIRST_REVISION)
            before = FIRST_REVISION
        if before is not None and not _known(before):
            raise _newer_mogul(before)
        from alembic import command

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
            _stamp(conn, head)
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
    from alembic import command

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
