"""Alembic's entry point: run the revisions on the connection `mogul.store.migrate` hands over.

`mogul.store.migrate` configures Alembic in code (no alembic.ini) and opens the transaction itself, so
the revisions run inside it; without a handed-over connection the configured URL is used.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from mogul.store.schema import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters a table by rebuilding it
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("mogul migrations run against a live database; offline SQL scripts are not supported")

_connection = context.config.attributes.get("connection")
if _connection is not None:
    _run(_connection)
else:
    _engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with _engine.connect() as _conn:
        _run(_conn)
        _conn.commit()
