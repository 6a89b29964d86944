"""The `mogul` command."""

from __future__ import annotations

from typing import Annotated

import typer

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
) -> None:
    """Serve the ChartMogul API v1 (a stateful sandbox and a self-hosted analytics server)."""
    from mogul.server.serve import serve as run

    run(host=host, port=port, db_url=db, api_keys=api_key or [])


def main() -> None:
    app()
