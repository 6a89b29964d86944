"""The `mogul` command."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from mogul.cli import exits, import_cmd, mcp_cmd, sandbox_cmd

if TYPE_CHECKING:
    from mogul.store.engine import Database

# add_completion: `--install-completion` and `--show-completion` (bash, zsh, fish, PowerShell)
app = typer.Typer(
    no_args_is_help=True, add_completion=True, help="mogul: a ChartMogul toolkit.", epilog=exits.SUMMARY
)


def _print_version(value: bool) -> None:
    if value:
        import mogul

        typer.echo(f"mogul {mogul.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print mogul's version and exit."
        ),
    ] = False,
) -> None:
    """mogul: a ChartMogul toolkit."""


@app.command()
def serve(
    host: Annotated[str, typer.Option(metavar="HOST", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on (0 picks a free one).")] = 8080,
    db: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="Database URL: sqlite:///path.db, sqlite:// (memory) or postgresql://...; "
            "default $MOGUL_DATABASE_URL or ./mogul.db",
        ),
    ] = None,
    api_key: Annotated[
        list[str] | None,
        typer.Option(
            "--api-key",
            metavar="KEY",
            help="Make sure an account with this key exists (repeatable); "
            "TOKEN:SECRET registers a legacy token and secret pair.",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="COUNT",
            help="Worker processes sharing the port (needs a database file or server).",
        ),
    ] = 1,
    log_level: Annotated[
        str,
        typer.Option(
            help="What goes to standard error: info logs a line per request (method, path, status, "
            "milliseconds, account; never keys, bodies or queries); warning and error only problems.",
            metavar="debug|info|warning|error",
        ),
    ] = "info",
    mcp: Annotated[
        bool, typer.Option("--mcp", help="Serve the MCP tools (read only) at /mcp too, by API key.")
    ] = False,
    sandbox_control: Annotated[
        bool | None,
        typer.Option(
            "--sandbox-control/--no-sandbox-control",
            help="Serve the sandbox control API at /v1/_sandbox (reset, seed, export, snapshots): any key "
            "can wipe its account, so only for test servers (default: $MOGUL_SANDBOX_CONTROL, else off).",
            show_default=False,
        ),
    ] = None,
    rate_limit: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Answer 429 (with Retry-After) beyond N requests per second of an account, as ChartMogul "
            "does beyond 40, to test a client's backoff; each worker limits on its own (default: off).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the ChartMogul API v1 (a stateful sandbox and a self-hosted analytics server).

    Exit status: 0 stopped (Ctrl-C); 1 it cannot start, and one line says why and what to do (the port
    is in use or out of range, the host is not this machine's, the database URL is not one, the
    database cannot be opened or needs `mogul db upgrade`); 2 the command line cannot be read (an
    unknown option, a word where a number goes).
    """
    from mogul.server.serve import ServeError
    from mogul.server.serve import serve as run
    from mogul.store.migrate import SchemaError

    try:
        wrap = mcp_cmd.http_mount() if mcp else None
        run(
            host=host,
            port=port,
            db_url=db,
            api_keys=api_key or [],
            workers=workers,
            log_level=log_level,
            wrap=wrap,
            sandbox_control=sandbox_control,
            rate_limit=rate_limit,
        )
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
        metavar="URL",
        help="Database URL (sqlite:///path.db or postgresql://...); default $MOGUL_DATABASE_URL, ./mogul.db",
    ),
]


def _database(url: str | None, command: str) -> Database:
    from mogul.store.engine import Database, DatabaseURLError

    try:
        return Database(url)
    except DatabaseURLError as exc:
        typer.echo(f"mogul db {command}: {exc}", err=True)
        raise typer.Exit(1) from None


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Bring the database schema to this mogul's revision, keeping every row (run once, then serve)."""
    from sqlalchemy.exc import OperationalError

    from mogul.store import migrate

    database = _database(db, "upgrade")
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

    database = _database(db, "current")
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
mcp_cmd.register(app)
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
