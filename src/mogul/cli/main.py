"""The `mogul` command."""

from __future__ import annotations

import gc
import os
import sys
from typing import Annotated, NoReturn

import typer

from mogul.cli import import_cmd, sandbox_cmd

app = typer.Typer(no_args_is_help=True, add_completion=False, help="mogul: a ChartMogul toolkit.")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0 picks a free one).")] = 8080,
    db: Annotated[
        str | None,
        typer.Option(
            help="Database URL: sqlite:///path.db, sqlite:// (memory) or postgresql://...; "
            "default $MOGUL_DATABASE_URL or ./mogul.db"
        ),
    ] = None,
    api_key: Annotated[
        list[str] | None,
        typer.Option(
            "--api-key",
            help="Make sure an account with this key exists (repeatable); "
            "TOKEN:SECRET registers a legacy token and secret pair.",
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes sharing the port (needs a database file or server).")
    ] = 1,
    log_level: Annotated[
        str,
        typer.Option(
            help="What goes to standard error: info logs a line per request (method, path, status, "
            "milliseconds, account; never keys, bodies or queries); warning and error only problems.",
            metavar="debug|info|warning|error",
        ),
    ] = "info",
) -> None:
    """Serve the ChartMogul API v1 (a stateful sandbox and a self-hosted analytics server)."""
    from mogul.server.serve import ServeError
    from mogul.server.serve import serve as run
    from mogul.store.migrate import SchemaError

    try:
        run(host=host, port=port, db_url=db, api_keys=api_key or [], workers=workers, log_level=log_level)
    except (SchemaError, ServeError) as exc:
        typer.echo(f"mogul serve: {exc}", err=True)
        raise typer.Exit(1) from None


db_app = typer.Typer(no_args_is_help=True, help="The database: schema revision and upgrades.")


def _one_line(exc: Exception) -> str:
    """A database error as one line (drivers add hints and SQL on further lines)."""
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError):
        return f"cannot open the database: {str(exc.orig or exc).strip().splitlines()[0]}"
    return str(exc)


app.add_typer(db_app, name="db")
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///path.db or postgresql://...); default $MOGUL_DATABASE_URL, ./mogul.db",
    ),
]


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Bring the database schema to this mogul's revision, keeping every row (run once, then serve)."""
    from sqlalchemy.exc import OperationalError

    from mogul.store import migrate
    from mogul.store.engine import Database

    database = Database(db)
    try:
        before, after = migrate.upgrade(database)
    except (migrate.SchemaError, OperationalError) as exc:
        typer.echo(f"mogul db upgrade: {_one_line(exc)}", err=True)
        raise typer.Exit(1) from None
    finally:
        database.dispose()
    if before == after:
        typer.echo(f"the database schema is already at revision {after}")
    else:
        typer.echo(f"upgraded the database schema from revision {before or 'none'} to {after}")


@db_app.command("current")
def db_current(db: DbOption = None) -> None:
    """Show the database's schema revision and whether this mogul can serve it."""
    from sqlalchemy.exc import OperationalError

    from mogul.store import migrate
    from mogul.store.engine import Database

    database = Database(db)
    try:
        revision = migrate.current_revision(database)
    except OperationalError as exc:
        typer.echo(f"mogul db current: {_one_line(exc)}", err=True)
        raise typer.Exit(1) from None
    finally:
        database.dispose()
    head = migrate.head_revision()
    if revision == head:
        typer.echo(f"{revision} (current)")
    else:
        typer.echo(f"{revision or 'none'} (this mogul needs {head}: run `mogul db upgrade`)")
        raise typer.Exit(1)


import_cmd.register(app)
sandbox_cmd.register(app)


def main() -> None:
    # The module commands, `profiles` and `demo` are added from the module registry; errors become one line.
    from mogul.cli.commands import first_word, run

    # httpx imports its own command line (click, rich's progress bars and syntax colouring) whenever
    # click is installed; this process never runs it, and skipping it saves 20 ms of every start.
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    if first_word(sys.argv[1:]) == "import":
        # An import's process is short, and what it builds (every input's records) lives to its end.
        # The cyclic collector would only scan it: dozens of times while starting, and once more (a
        # tenth of a second for 20,000 invoices) when the run returns, as `import_files` turns it back
        # on. Off for the whole process, which leaves the records to the exit as well.
        gc.disable()
        from mogul.bulk import importer

        importer.left_for_exit = []
        _end_now(run(app))
    raise SystemExit(run(app))


def _end_now(code: int) -> NoReturn:
    """End an import's process at once. Tearing down its heap (the records of every input) takes a
    tenth of a second for 20,000 invoices, to free memory the system takes back anyway. By now the
    import has closed what it wrote (state and errors files, the connection); the standard streams are
    flushed here. A batch still on its way after an interruption is not waited for: a re-run sends it
    again and matches it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass
    os._exit(code)
