"""Connections: which ChartMogul (base URL) and which credentials, and the profiles file that stores them.

Each setting (the credentials, the base URL) is taken on its own from the first place that has it:

1. explicit arguments (`api_key=`, or `token=` + `secret=`; `base_url=`; the CLI's flags),
2. a profile named explicitly (`profile=`, the CLI's `--profile`),
3. the environment: `CHARTMOGUL_API_KEY`, or `CHARTMOGUL_ACCOUNT_TOKEN` + `CHARTMOGUL_SECRET_KEY`;
   `CHARTMOGUL_BASE_URL`,
4. the profile in use when none is named: the one `MOGUL_PROFILE` names, else the active profile
   (chosen with `mogul profiles use`, remembered in `active-profile` beside the profiles file), else
   the profile called `default`,
5. the default URL, https://api.chartmogul.com.

So a key given alone (`--api-key KEY`) goes to the base URL of the profile in use, never silently to
ChartMogul's production host when that profile points elsewhere. `settings()` tells where each setting
came from (`mogul profiles show`).

Profiles live in a TOML file, `config.toml` in the user's config directory (or `$MOGUL_CONFIG`):

    [profiles.default]
    api_key = "..."

    [profiles.sandbox]
    api_key = "..."
    base_url = "http://127.0.0.1:8080"

The file is written with owner-only permissions (0600), as it holds secrets.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mogul.errors import ConfigError

DEFAULT_BASE_URL = "https://api.chartmogul.com"
PROFILE_KEYS = ("api_key", "account_token", "secret_key", "base_url")


@dataclass(frozen=True)
class Connection:
    """Where to send requests and how to authenticate (HTTP Basic: `username:password`)."""

    base_url: str
    username: str
    password: str = ""
    source: str = "argument"

    @property
    def api_url(self) -> str:
        return self.base_url + "/v1"

    @property
    def key_id(self) -> str:
        """A fingerprint of the credentials (for sharing pacing per key; never the key itself)."""
        digest = hashlib.sha256(f"{self.base_url}\0{self.username}".encode()).hexdigest()
        return digest[:16]

    def __repr__(self) -> str:
        return f"Connection(base_url={self.base_url!r}, source={self.source!r})"


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The profiles file: `$MOGUL_CONFIG`, else `config.toml` in the user's config directory."""
    env = os.environ if env is None else env
    if env.get("MOGUL_CONFIG"):
        return Path(env["MOGUL_CONFIG"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("mogul")) / "config.toml"


def normalize_base_url(url: str) -> str:
    """Scheme, host and port; a trailing `/` or `/v1` is dropped (both spellings are common)."""
    url = url.strip().rstrip("/")
    if url.endswith("/v1"):
        url = url[: -len("/v1")]
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"The base URL must start with http:// or https://, got {url!r}.")
    return url


def load_profiles(path: Path | None = None) -> dict[str, dict[str, str]]:
    """All profiles in the file (empty when there is no file)."""
    path = path or config_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"Cannot read the mogul config file {path}: {exc.strerror}.") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The mogul config file {path} is not valid TOML: {exc}.") from exc
    profiles = data.get("profiles", {})
    if not isinstance(profiles, dict):
        raise ConfigError(f"In {path}, [profiles] must be a table of profiles.")
    out: dict[str, dict[str, str]] = {}
    for name, values in profiles.items():
        if not isinstance(values, dict):
            raise ConfigError(f"In {path}, profile {name!r} must be a table.")
        out[name] = {k: str(v) for k, v in values.items() if k in PROFILE_KEYS}
    return out


def _write_profiles(path: Path, profiles: Mapping[str, Mapping[str, str]]) -> None:
    lines = ["# mogul connection profiles (written by mogul; holds secrets, keep it private)", ""]
    for name, values in profiles.items():
        lines.append(f"[profiles.{json.dumps(name)}]")
        # A JSON string is a valid TOML basic string for everything we write.
        lines += [f"{key} = {json.dumps(values[key])}" for key in PROFILE_KEYS if values.get(key)]
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def save_profile(
    name: str,
    *,
    api_key: str | None = None,
    token: str | None = None,
    secret: str | None = None,
    base_url: str | None = None,
    path: Path | None = None,
) -> Path:
    """Create or replace profile `name`; returns the file written (mode 0600)."""
    if not api_key and not token:
        raise ConfigError("A profile needs an API key (or an account token and secret key).")
    path = path or config_path()
    profiles = load_profiles(path)
    values = {
        "api_key": api_key or "",
        "account_token": token or "",
        "secret_key": secret or "",
        "base_url": normalize_base_url(base_url) if base_url else "",
    }
    profiles[name] = {k: v for k, v in values.items() if v}
    _write_profiles(path, profiles)
    return path


def delete_profile(name: str, *, path: Path | None = None) -> bool:
    """Remove profile `name`; False when there was none."""
    path = path or config_path()
    profiles = load_profiles(path)
    if name not in profiles:
        return False
    del profiles[name]
    _write_profiles(path, profiles)
    return True


def active_path(path: Path | None = None) -> Path:
    """Where `mogul profiles use` remembers the active profile: beside the profiles file."""
    return (path or config_path()).with_name("active-profile")


def active_profile(path: Path | None = None) -> str | None:
    """The profile `mogul profiles use` made active, if any."""
    try:
        name = active_path(path).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name or None


def set_active_profile(name: str | None, path: Path | None = None) -> None:
    """Make `name` the active profile (None: no profile is active)."""
    where = active_path(path)
    if name is None:
        where.unlink(missing_ok=True)
        return
    where.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    where.write_text(name + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Setting:
    """One connection setting and where it came from: `argument`, `environment VARIABLE`, `profile
    NAME` or `default` (for the profile itself: `argument`, `environment MOGUL_PROFILE`, `active` or
    `default`)."""

    value: str
    source: str


@dataclass(frozen=True)
class Settings:
    """Every connection setting with its source; `credentials` is None when nothing gives any."""

    path: Path
    profile: Setting | None
    credentials: tuple[str, str] | None
    credentials_source: str
    base_url: Setting


def _credentials(values: Mapping[str, str | None]) -> tuple[str, str] | None:
    if values.get("api_key"):
        return str(values["api_key"]), ""
    if values.get("account_token"):
        return str(values["account_token"]), str(values.get("secret_key") or "")
    return None


def profile_in_use(
    profile: str | None = None,
    env: Mapping[str, str] | None = None,
    path: Path | None = None,
    profiles: Mapping[str, object] | None = None,
) -> Setting | None:
    """The profile named by the argument, `MOGUL_PROFILE`, `mogul profiles use`, else `default` (if
    there is one); not checked against the profiles file."""
    env = os.environ if env is None else env
    path = path or config_path(env)
    if profile is not None:
        return Setting(profile, "argument")
    if env.get("MOGUL_PROFILE"):
        return Setting(env["MOGUL_PROFILE"], "environment MOGUL_PROFILE")
    active = active_profile(path)
    if active:
        return Setting(active, "active")
    if profiles is None:
        profiles = load_profiles(path)
    return Setting("default", "default") if "default" in profiles else None


def _missing_profile(chosen: Setting, path: Path, profiles: Mapping[str, object]) -> ConfigError:
    known = ", ".join(sorted(profiles)) or "none"
    if chosen.source == "argument":
        return ConfigError(f"No profile {chosen.value!r} in {path} (profiles: {known}).")
    if chosen.source == "active":
        return ConfigError(
            f"The active profile {chosen.value!r} is not in {path} (profiles: {known}); "
            "choose one with `mogul profiles use NAME`."
        )
    return ConfigError(
        f"MOGUL_PROFILE names profile {chosen.value!r}, which is not in {path} (profiles: {known})."
    )


def settings(
    api_key: str | None = None,
    *,
    token: str | None = None,
    secret: str | None = None,
    base_url: str | None = None,
    profile: str | None = None,
    env: Mapping[str, str] | None = None,
    path: Path | None = None,
) -> Settings:
    """Each connection setting and where it came from (see the module doc); no error for missing
    credentials (`resolve` raises it)."""
    env = os.environ if env is None else env
    path = path or config_path(env)
    if secret and not token and not api_key:
        raise ConfigError("A secret key was given without its account token; pass token= as well.")
    explicit = _credentials({"api_key": api_key, "account_token": token, "secret_key": secret})
    from_env = _credentials(
        {
            "api_key": env.get("CHARTMOGUL_API_KEY"),
            "account_token": env.get("CHARTMOGUL_ACCOUNT_TOKEN"),
            "secret_key": env.get("CHARTMOGUL_SECRET_KEY"),
        }
    )
    env_source = "environment " + (
        "CHARTMOGUL_API_KEY" if env.get("CHARTMOGUL_API_KEY") else "CHARTMOGUL_ACCOUNT_TOKEN"
    )
    profiles = load_profiles(path)
    chosen = profile_in_use(profile, env, path, profiles)
    values: Mapping[str, str] = {}
    if chosen is not None:
        needed = explicit is None or (base_url is None and not env.get("CHARTMOGUL_BASE_URL"))
        if chosen.value in profiles:
            values = profiles[chosen.value]
        elif chosen.source == "argument" or needed:
            raise _missing_profile(chosen, path, profiles)
    in_profile = f"profile {chosen.value}" if chosen is not None else ""
    named = chosen is not None and chosen.source == "argument"
    # a profile named on the command line wins over the environment; the one in use otherwise does not
    credentials: list[tuple[tuple[str, str] | None, str]] = [
        (explicit, "argument"),
        (_credentials(values), in_profile),
        (from_env, env_source),
    ]
    urls = [
        (base_url, "argument"),
        (values.get("base_url"), in_profile),
        (env.get("CHARTMOGUL_BASE_URL"), "environment CHARTMOGUL_BASE_URL"),
    ]
    if not named:
        credentials[1], credentials[2] = credentials[2], credentials[1]
        urls[1], urls[2] = urls[2], urls[1]
    found, source = next(((c, s) for c, s in credentials if c is not None), (None, ""))
    url, url_source = next(((u, s) for u, s in urls if u), (DEFAULT_BASE_URL, "default"))
    return Settings(path, chosen, found, source, Setting(normalize_base_url(url), url_source))


def resolve(api_key: str | None = None, **options: Any) -> Connection:
    """The connection to use, from arguments, the environment and the profiles file (see module doc);
    `options` are those of `settings` (token, secret, base_url, profile, env, path)."""
    found = settings(api_key, **options)
    if found.credentials is None:
        raise ConfigError(
            "No ChartMogul credentials: pass api_key=..., or set CHARTMOGUL_API_KEY "
            "(or CHARTMOGUL_ACCOUNT_TOKEN and CHARTMOGUL_SECRET_KEY), "
            f"or save a profile in {found.path}."
        )
    return Connection(
        base_url=found.base_url.value,
        username=found.credentials[0],
        password=found.credentials[1],
        source=found.credentials_source,
    )
