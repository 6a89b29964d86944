"""Connections: which ChartMogul (base URL) and which credentials, and the profiles file that stores them.

Each setting is taken from the first place that has it:

1. explicit arguments (`api_key=`, or `token=` + `secret=`; `base_url=`),
2. a profile named explicitly (`profile=`),
3. the environment: `CHARTMOGUL_API_KEY`, or `CHARTMOGUL_ACCOUNT_TOKEN` + `CHARTMOGUL_SECRET_KEY`;
   `CHARTMOGUL_BASE_URL`,
4. the profile named by `MOGUL_PROFILE`, else the profile called `default` (its `base_url` is used
   only together with its own credentials),
5. the default URL, https://api.chartmogul.com.

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


def _credentials(values: Mapping[str, str | None]) -> tuple[str, str] | None:
    if values.get("api_key"):
        return str(values["api_key"]), ""
    if values.get("account_token"):
        return str(values["account_token"]), str(values.get("secret_key") or "")
    return None


def resolve(
    api_key: str | None = None,
    *,
    token: str | None = None,
    secret: str | None = None,
    base_url: str | None = None,
    profile: str | None = None,
    env: Mapping[str, str] | None = None,
    path: Path | None = None,
) -> Connection:
    """The connection to use, from arguments, the environment and the profiles file (see module doc)."""
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
    named: dict[str, str] = {}
    fallback: dict[str, str] = {}
    fallback_name = env.get("MOGUL_PROFILE") or "default"
    if profile is not None or explicit is None or base_url is None:
        profiles = load_profiles(path)
        if profile is not None:
            if profile not in profiles:
                known = ", ".join(sorted(profiles)) or "none"
                raise ConfigError(f"No profile {profile!r} in {path} (profiles: {known}).")
            named = profiles[profile]
        elif env.get("MOGUL_PROFILE") and fallback_name not in profiles and explicit is None:
            raise ConfigError(f"MOGUL_PROFILE names profile {fallback_name!r}, which is not in {path}.")
        else:
            fallback = profiles.get(fallback_name, {})

    candidates: list[tuple[tuple[str, str] | None, str]] = [
        (explicit, "argument"),
        (_credentials(named), f"profile {profile!r} in {path}"),
        (from_env, "environment"),
        (_credentials(fallback), f"profile {fallback_name!r} in {path}"),
    ]
    credentials, source = next(((c, s) for c, s in candidates if c is not None), (None, ""))
    if credentials is None:
        raise ConfigError(
            "No ChartMogul credentials: pass api_key=..., or set CHARTMOGUL_API_KEY "
            "(or CHARTMOGUL_ACCOUNT_TOKEN and CHARTMOGUL_SECRET_KEY), "
            f"or save a profile in {path}."
        )
    # The fallback profile's URL only goes with its own credentials: a key from elsewhere is never sent
    # to a URL it was not configured for.
    fallback_url = fallback.get("base_url") if source.startswith(f"profile {fallback_name!r}") else None
    url = base_url or named.get("base_url") or env.get("CHARTMOGUL_BASE_URL") or fallback_url
    return Connection(
        base_url=normalize_base_url(url or DEFAULT_BASE_URL),
        username=credentials[0],
        password=credentials[1],
        source=source,
    )
