"""`mogul mcp`: every module as a tool for AI assistants, over standard input and output.

An MCP client (Claude Desktop, an IDE, an agent) starts `mogul mcp` and talks to it over stdio; standard
output carries only protocol messages, anything else goes to standard error. The connection is the CLI's:
`--api-key` (or `--token` and `--secret`), `--base-url`, `--profile`, `$CHARTMOGUL_API_KEY` or the
profile in use, so the same tools work against ChartMogul and against any `mogul serve`.

Read tools are always offered; write tools only with `--allow-writes`, deletes and cancellations only
with `--allow-destructive` as well (and then confirmed by the user). Needs the MCP SDK:
`pip install 'mogul[mcp]'`.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, NoReturn

import typer

from mogul.cli import exits

PANEL = "Connection"


def mcp(
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Offer the tools that create and update.")
    ] = False,
    allow_destructive: Annotated[
        bool,
        typer.Option(
            "--allow-destructive",
            help="Offer the tools that delete and cancel too (with --allow-writes); the user confirms each.",
        ),
    ] = False,
    list_limit: Annotated[
        int, typer.Option("--list-limit", min=1, max=100, help="Items a list tool answers unless asked.")
    ] = 25,
    api_key: Annotated[
        str | None,
        typer.Option(
            help="A ChartMogul API key (default: $CHARTMOGUL_API_KEY or the profile in use).",
            rich_help_panel=PANEL,
        ),
    ] = None,
    token: Annotated[str | None, typer.Option(help="A legacy account token.", rich_help_panel=PANEL)] = None,
    secret: Annotated[str | None, typer.Option(help="The legacy secret key.", rich_help_panel=PANEL)] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="The API's base URL (default https://api.chartmogul.com).", rich_help_panel=PANEL),
    ] = None,
    profile: Annotated[str | None, typer.Option(help="A saved connection.", rich_help_panel=PANEL)] = None,
    timeout: Annotated[
        float, typer.Option(min=0.001, help="Seconds to wait for each answer.", rich_help_panel=PANEL)
    ] = 30.0,
    max_retries: Annotated[
        int,
        typer.Option(
            min=0, help="Retries of rate-limited and failed requests (0: none).", rich_help_panel=PANEL
        ),
    ] = 5,
) -> None:
    """Serve every module as an MCP tool over stdio (for Claude Desktop, IDEs and agents)."""
    from mogul import config, errors

    try:
        import anyio

        from mogul.mcp.server import serve_stdio
        from mogul.mcp.tools import Policy
    except ImportError as exc:
        _fail(f"the MCP SDK is not installed ({exc.name}): pip install 'mogul[mcp]'", exits.USAGE)
    if allow_destructive and not allow_writes:
        _fail("--allow-destructive needs --allow-writes (deletes and cancellations are writes)", exits.USAGE)
    try:
        # Resolved now, so a missing key is said at once rather than in every tool call.
        connection = config.resolve(api_key, token=token, secret=secret, base_url=base_url, profile=profile)
    except errors.ConfigError as exc:
        _fail(str(exc), exits.USAGE)
    policy = Policy(allow_writes=allow_writes, allow_destructive=allow_destructive, list_limit=list_limit)

    def connect() -> object:
        from mogul.client import AsyncClient

        legacy = bool(connection.password)
        return AsyncClient(
            None if legacy else connection.username,
            token=connection.username if legacy else None,
            secret=connection.password or None,
            base_url=connection.base_url,
            timeout=timeout,
            max_retries=max_retries,
        )

    try:
        anyio.run(serve_stdio, connect, policy)
    except KeyboardInterrupt:
        raise typer.Exit(exits.INTERRUPTED) from None


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"mogul mcp: {message}\n")
    raise typer.Exit(code)


def http_mount() -> Any:
    """What `mogul serve --mcp` wraps its app in: the read tools at /mcp, by API key."""
    try:
        from mogul.mcp.http import mounter
        from mogul.mcp.tools import Policy
    except ImportError as exc:
        _fail(f"--mcp needs the MCP SDK ({exc.name}): pip install 'mogul[mcp]'", exits.USAGE)
    return mounter(Policy())


def register(app: typer.Typer) -> None:
    app.command("mcp")(mcp)
