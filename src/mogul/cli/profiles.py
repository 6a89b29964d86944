"""`mogul profiles add|list|use|remove`: saved connections, and which one commands use by default.

Profiles live in mogul's config file (see `mogul.config`). The profile chosen with `profiles use` is
remembered in `active-profile` beside that file and acts like `MOGUL_PROFILE` for the command line: it is
used when a command names no `--profile`, and `MOGUL_PROFILE` in the environment still wins.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

from mogul import config
from mogul.cli import exits

profiles_app = typer.Typer(
    no_args_is_help=True, help="Saved connections (API key or token + secret, base URL)."
)


def active_path(env: Mapping[str, str] | None = None) -> Path:
    return config.config_path(env).with_name("active-profile")


def active_profile(env: Mapping[str, str] | None = None) -> str | None:
    """The profile `profiles use` chose, if any."""
    try:
        name = active_path(env).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name or None


def connection_env() -> dict[str, str]:
    """The environment `config.resolve` reads, with the active profile standing in for MOGUL_PROFILE."""
    env = dict(os.environ)
    if not env.get("MOGUL_PROFILE") and (name := active_profile(env)):
        env["MOGUL_PROFILE"] = name
    return env


def _set_active(name: str | None) -> None:
    path = active_path()
    if name is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_text(name + "\n", encoding="utf-8")


def _mask(secret: str) -> str:
    return "…" + secret[-4:] if len(secret) > 8 else "…"


@profiles_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The profile's name.")],
    api_key: Annotated[str | None, typer.Option("--api-key", help="A ChartMogul API key.")] = None,
    token: Annotated[
        str | None, typer.Option("--token", help="A legacy account token (with --secret).")
    ] = None,
    secret: Annotated[str | None, typer.Option("--secret", help="The legacy secret key.")] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Where to send requests, e.g. http://127.0.0.1:8080.")
    ] = None,
    use: Annotated[bool, typer.Option("--use", help="Also make it the profile commands use.")] = False,
) -> None:
    """Save a connection under a name (replacing one of that name).

    Example: mogul profiles add local --api-key KEY --base-url http://127.0.0.1:8080 --use
    """
    if bool(token) != bool(secret):
        raise exits.UsageProblem("--token and --secret go together")
    if api_key and token:
        raise exits.UsageProblem("give --api-key, or --token and --secret, not both")
    path = config.save_profile(name, api_key=api_key, token=token, secret=secret, base_url=base_url)
    if use:
        _set_active(name)
    typer.echo(f"saved profile {name!r} in {path}" + (" (in use)" if use else ""))


@profiles_app.command("list")
def list_(
    output: Annotated[str | None, typer.Option("-o", "--output", help="table, json, jsonl or csv.")] = None,
) -> None:
    """Show the saved profiles (secrets are masked) and which one commands use."""
    import sys

    from mogul.cli.output import FORMATS, Printer, choose_format

    if output is not None and output not in FORMATS:
        raise exits.UsageProblem(f"-o/--output must be one of: {', '.join(FORMATS)} (got {output!r})")
    env = connection_env()
    in_use = env.get("MOGUL_PROFILE") or "default"
    rows = []
    for name, values in config.load_profiles().items():
        if values.get("api_key"):
            credentials = "api key " + _mask(values["api_key"])
        else:
            credentials = "token " + _mask(values.get("account_token", ""))
        rows.append(
            {
                "name": name,
                "in_use": name == in_use,
                "base_url": values.get("base_url") or config.DEFAULT_BASE_URL,
                "credentials": credentials,
            }
        )
    Printer(choose_format(output, sys.stdout)).many(rows)


@profiles_app.command("use")
def use(name: Annotated[str, typer.Argument(help="The profile commands should use.")]) -> None:
    """Make commands use this profile when they name none (MOGUL_PROFILE still wins)."""
    profiles = config.load_profiles()
    if name not in profiles:
        known = ", ".join(sorted(profiles)) or "none"
        raise exits.UsageProblem(f"no profile {name!r} (profiles: {known}); add it with `mogul profiles add`")
    _set_active(name)
    typer.echo(f"commands now use profile {name!r}")


@profiles_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The profile to remove.")]) -> None:
    """Delete a saved profile."""
    if not config.delete_profile(name):
        known = ", ".join(sorted(config.load_profiles())) or "none"
        raise exits.UsageProblem(f"no profile {name!r} (profiles: {known})")
    if active_profile() == name:
        _set_active(None)
    typer.echo(f"removed profile {name!r}")
