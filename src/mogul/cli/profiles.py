"""`mogul profiles add|list|use|show|remove`: saved connections, and which one commands use by default.

Profiles live in mogul's config file (see `mogul.config`). The active profile, the one commands use when
they name no `--profile` and `MOGUL_PROFILE` names none, is the first one added, or the one chosen with
`profiles use`; it is remembered in `active-profile` beside the config file. `profiles show` tells
which connection a command would use and where each of its settings comes from.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from mogul import config
from mogul.cli import exits

profiles_app = typer.Typer(
    no_args_is_help=True, help="Saved connections (API key or token + secret, base URL)."
)

ApiKey = Annotated[str | None, typer.Option("--api-key", metavar="KEY", help="A ChartMogul API key.")]
Token = Annotated[
    str | None, typer.Option("--token", metavar="TOKEN", help="A legacy account token (with --secret).")
]
Secret = Annotated[str | None, typer.Option("--secret", metavar="SECRET", help="The legacy secret key.")]
BaseUrl = Annotated[
    str | None,
    typer.Option("--base-url", metavar="URL", help="Where to send requests, e.g. http://127.0.0.1:8080."),
]


def _mask(secret: str) -> str:
    return "…" + secret[-4:] if len(secret) > 8 else "…"


@profiles_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The profile's name.")],
    api_key: ApiKey = None,
    token: Token = None,
    secret: Secret = None,
    base_url: BaseUrl = None,
    use: Annotated[bool, typer.Option("--use", help="Also make it the active profile.")] = False,
) -> None:
    """Save a connection under a name (replacing one of that name); the first one saved is the active
    profile, the one commands use.

    Example: mogul profiles add local --api-key KEY --base-url http://127.0.0.1:8080
    """
    if bool(token) != bool(secret):
        raise exits.UsageProblem("--token and --secret go together")
    if api_key and token:
        raise exits.UsageProblem("give --api-key, or --token and --secret, not both")
    active = config.active_profile()
    first = active is None or active not in config.load_profiles()
    path = config.save_profile(name, api_key=api_key, token=token, secret=secret, base_url=base_url)
    if use or first:
        config.set_active_profile(name)
        active = name
    typer.echo(f"saved profile {name!r} in {path}")
    if active == name:
        typer.echo(f"active profile: {name!r}")
    else:
        typer.echo(f"active profile: {active!r} (switch with `mogul profiles use {name}`)")


@profiles_app.command("list")
def list_(
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", metavar="[table|json|jsonl|csv]", help="The output format."),
    ] = None,
) -> None:
    """Show the saved profiles (secrets are masked) and which one commands use."""
    import sys

    from mogul.cli.output import FORMATS, Printer, choose_format

    if output is not None and output not in FORMATS:
        raise exits.UsageProblem(f"-o/--output must be one of: {', '.join(FORMATS)} (got {output!r})")
    chosen = config.profile_in_use()
    in_use = chosen.value if chosen is not None else None
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
    """Make this the active profile: commands use it when they name none (MOGUL_PROFILE still wins)."""
    profiles = config.load_profiles()
    if name not in profiles:
        known = ", ".join(sorted(profiles)) or "none"
        raise exits.UsageProblem(f"no profile {name!r} (profiles: {known}); add it with `mogul profiles add`")
    config.set_active_profile(name)
    typer.echo(f"active profile: {name!r}")


def _source(source: str, flag: str) -> str:
    """A source of `config.settings` in the command line's words."""
    if source == "argument":
        return f"flag {flag}"
    if source == "active":
        return "active profile"
    return source


@profiles_app.command("show")
def show(
    api_key: ApiKey = None,
    token: Token = None,
    secret: Secret = None,
    base_url: BaseUrl = None,
    profile: Annotated[
        str | None, typer.Option("--profile", metavar="NAME", help="A saved connection.")
    ] = None,
) -> None:
    """Show the connection a command with these options would use, and where each setting comes from
    (a flag, the environment, a profile, or the default).

    Example: mogul profiles show --api-key KEY
    """
    found = config.settings(api_key, token=token, secret=secret, base_url=base_url, profile=profile)
    if found.profile is None:
        rows = [("profile", "none", "no profile saved or chosen")]
    else:
        rows = [("profile", found.profile.value, _source(found.profile.source, "--profile"))]
    if found.credentials is None:
        rows.append(("API key", "none", "pass --api-key, set CHARTMOGUL_API_KEY or add a profile"))
    else:
        user, password = found.credentials
        kind, flag = ("token", "--token") if password else ("API key", "--api-key")
        rows.append((kind, _mask(user), _source(found.credentials_source, flag)))
    rows.append(("base URL", found.base_url.value, _source(found.base_url.source, "--base-url")))
    rows.append(
        ("file", str(found.path), "environment MOGUL_CONFIG" if os.environ.get("MOGUL_CONFIG") else "default")
    )
    width = max(len(value) for _, value, _ in rows)
    for label, value, source in rows:
        typer.echo(f"{label:<10}{value:<{width}}  {source}".rstrip())


@profiles_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The profile to remove.")]) -> None:
    """Delete a saved profile."""
    if not config.delete_profile(name):
        known = ", ".join(sorted(config.load_profiles())) or "none"
        raise exits.UsageProblem(f"no profile {name!r} (profiles: {known})")
    if config.active_profile() == name:
        config.set_active_profile(None)
    typer.echo(f"removed profile {name!r}")
