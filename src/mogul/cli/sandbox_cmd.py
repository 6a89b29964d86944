"""`mogul sandbox reset|seed|export|snapshot|restore|snapshots|delete-snapshot`: the sandbox control API
(`/v1/_sandbox`) of a `mogul serve --sandbox-control` (or MOGUL_SANDBOX_CONTROL=1), or of a `mogul.Sandbox`.

Every command takes the connection options of the module commands (a key, or a token and secret; the
base URL; a profile) and acts on that key's account. Each prints what it did on standard output, a line
per kind of change (`created: data_sources 1, plans 2, ...`); `export` prints the bundle. A failure is
one line on standard error and the exit codes of `mogul.cli.exits`. ChartMogul's own host is refused:
these commands are for a sandbox.
"""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, NoReturn
from urllib.parse import quote, urlsplit

import typer

from mogul.cli import exits

CONNECTION_PANEL = "Connection"
sandbox_app = typer.Typer(
    no_args_is_help=True,
    help="The sandbox control API of a mogul serve --sandbox-control or mogul.Sandbox: reset, "
    "seed, export, snapshot, restore.",
)
_CONNECTION = [
    ("api_key", "--api-key", "A ChartMogul API key (default: $CHARTMOGUL_API_KEY or the profile in use)."),
    ("token", "--token", "A legacy account token."),
    ("secret", "--secret", "The legacy secret key."),
    (
        "base_url",
        "--base-url",
        "Where the sandbox is, e.g. http://127.0.0.1:8080 (default: as for every command).",
    ),
    ("profile", "--profile", "A saved connection."),
]
NO_CONTROL = (
    "the server does not serve the sandbox control API: start mogul serve with --sandbox-control "
    "(mogul.Sandbox serves it unless sandbox_control=False)"
)


def _client(connection: Mapping[str, str | None]) -> Any:
    from mogul import config
    from mogul.client import Client

    resolved = config.resolve(
        connection["api_key"],
        token=connection["token"],
        secret=connection["secret"],
        base_url=connection["base_url"],
        profile=connection["profile"],
    )
    host = urlsplit(resolved.base_url).hostname or ""
    if host == "chartmogul.com" or host.endswith(".chartmogul.com"):
        raise exits.UsageProblem(
            f"{resolved.base_url} is ChartMogul itself; mogul sandbox controls a mogul serve or "
            "mogul.Sandbox (give its --base-url)"
        )
    if resolved.password:
        return Client(token=resolved.username, secret=resolved.password, base_url=resolved.base_url)
    return Client(resolved.username, base_url=resolved.base_url)


def _command(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register `fn(client, **its own parameters)` as `mogul sandbox NAME`, with the connection options
    added and its errors said in one line."""

    def register(fn: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(fn, eval_str=True).parameters.values())[1:]

        def command(**values: Any) -> None:
            from mogul.errors import MogulError, NotFoundError

            connection = {key: values.pop(key) for key, _, _ in _CONNECTION}
            try:
                with _client(connection) as client:
                    fn(client, **values)
            except NotFoundError as exc:
                missing_route = str(exc.message).startswith("No route matches")
                message = NO_CONTROL if missing_route else exits.describe(exc)[1]
                _fail(exits.API, message)
            except MogulError as exc:
                _fail(*exits.describe(exc))

        options = [
            inspect.Parameter(
                key,
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[
                    str | None,
                    typer.Option(flag, help=text, rich_help_panel=CONNECTION_PANEL, show_default=False),
                ],
            )
            for key, flag, text in _CONNECTION
        ]
        command.__signature__ = inspect.Signature([*own, *options])  # type: ignore[attr-defined]
        command.__doc__ = fn.__doc__
        sandbox_app.command(name)(command)
        return fn

    return register


def _fail(code: int, message: str) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(code)


def _say(*lines: str) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))


def _counts(section: str, counts: Mapping[str, int]) -> str:
    return f"{section}: " + ", ".join(f"{kind} {n}" for kind, n in counts.items())


def _changes(answer: Mapping[str, Any]) -> list[str]:
    """The lines of a reset, seed or restore: what was deleted, created, matched and updated."""
    lines = [_counts(key, answer[key]) for key in ("deleted", "created", "matched") if key in answer]
    if answer.get("updated", {}).get("subscriptions"):
        lines.append(_counts("updated", answer["updated"]))
    return lines


Name = Annotated[
    str, typer.Argument(metavar="NAME", help="The snapshot's name: letters, digits, '.', '_' and '-'.")
]


@_command("reset")
def reset(client: Any) -> None:
    """Delete all of the account's data (the account, its keys and its snapshots stay)."""
    _say(*_changes(client.request("POST", "/_sandbox/reset")))


@_command("seed")
def seed(
    client: Any,
    bundle: Annotated[
        str,
        typer.Argument(
            metavar="BUNDLE",
            help="A JSON bundle (- for standard input), or a folder of mogul import inputs (plans, "
            "customers, invoices, transactions as .csv, .jsonl or .json), or a folder of such folders.",
        ),
    ],
    data_source: Annotated[
        str | None,
        typer.Option(
            "--data-source", "-d", help="The data source a folder of inputs goes to (default: its name)."
        ),
    ] = None,
) -> None:
    """Add a bundle's objects to the account (what is stored already is matched).

    Seeding a bundle twice is seeding it once; a bundle with a bad object stores nothing."""
    from mogul.bulk import InputFileError, read_bundle

    try:
        data = read_bundle(bundle, data_source=data_source)
    except InputFileError as exc:
        _fail(exits.USAGE, str(exc))
    _say(*_changes(client.request("POST", "/_sandbox/seed", json=data, idempotent=True)))


@_command("export")
def export(
    client: Any,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the bundle to this file (default: standard output)."),
    ] = None,
) -> None:
    """Print the account's data as a bundle, which `mogul sandbox seed` takes back."""
    text = json.dumps(client.request("GET", "/_sandbox/export"), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(exits.USAGE, f"--output: cannot write {output}: {exc.strerror or exc}")
    _say(f"wrote {output}")


def _snapshot_path(name: str, *rest: str) -> str:
    """The path of snapshot `name`; a name no path can carry is refused here (the server checks the rest)."""
    if "/" in name or name.startswith(".") or not name:
        _fail(exits.USAGE, f"NAME: {name!r} is not a snapshot name (letters, digits, '.', '_' and '-')")
    return "/".join(("/_sandbox/snapshots", quote(name, safe=""), *rest))


@_command("snapshot")
def snapshot(client: Any, name: Name) -> None:
    """Save the account's data as a named snapshot, in the server's database (replacing one of that name)."""
    answer = client.request("PUT", _snapshot_path(name))
    _say(f"saved snapshot {answer['name']}", _counts("objects", answer["objects"]))


@_command("restore")
def restore(client: Any, name: Name) -> None:
    """Make the account's data what it was when the snapshot was saved."""
    answer = client.request("POST", _snapshot_path(name, "restore"), idempotent=True)
    _say(f"restored snapshot {answer['name']}", *_changes(answer))


@_command("snapshots")
def snapshots(client: Any) -> None:
    """List the account's snapshots: name and when it was saved."""
    found = client.request("GET", "/_sandbox/snapshots")["snapshots"]
    _say(*([f"{s['name']}\t{s['created_at']}" for s in found] or ["no snapshots"]))


@_command("delete-snapshot")
def delete_snapshot(client: Any, name: Name) -> None:
    """Delete a snapshot."""
    client.request("DELETE", _snapshot_path(name))
    _say(f"deleted snapshot {name}")


def register(app: typer.Typer) -> None:
    """Add `mogul sandbox` to the app."""
    app.add_typer(sandbox_app, name="sandbox")
