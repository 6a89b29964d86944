"""Connections: credentials and base URL from arguments, the environment and profiles."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

import mogul
from mogul import config
from mogul.errors import ConfigError
from mogul.server.sandbox import Sandbox


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    return tmp_path / "mogul" / "config.toml"


def test_explicit_arguments_win_over_the_environment_and_profiles(profiles: Path) -> None:
    config.save_profile("default", api_key="from-profile", base_url="http://profile:1", path=profiles)
    env = {"CHARTMOGUL_API_KEY": "from-env", "CHARTMOGUL_BASE_URL": "http://env:2"}
    conn = config.resolve("explicit", base_url="http://arg:3/v1/", env=env, path=profiles)
    assert (conn.username, conn.password, conn.base_url, conn.source) == (
        "explicit",
        "",
        "http://arg:3",
        "argument",
    )


def test_the_environment_wins_over_the_default_profile(profiles: Path) -> None:
    config.save_profile("default", api_key="from-profile", base_url="http://profile:1", path=profiles)
    conn = config.resolve(env={"CHARTMOGUL_API_KEY": "from-env"}, path=profiles)
    assert (conn.username, conn.source) == ("from-env", "environment CHARTMOGUL_API_KEY")
    # Each setting on its own: the profile in use still says where ChartMogul is.
    assert conn.base_url == "http://profile:1"


def test_a_key_given_alone_keeps_the_base_url_of_the_profile_in_use(profiles: Path) -> None:
    config.save_profile("local", api_key="local-key", base_url="http://127.0.0.1:8080", path=profiles)
    config.set_active_profile("local", path=profiles)
    conn = config.resolve("explicit-key", env={}, path=profiles)
    assert (conn.username, conn.source, conn.base_url) == (
        "explicit-key",
        "argument",
        "http://127.0.0.1:8080",
    )
    found = config.settings("explicit-key", env={}, path=profiles)
    assert (found.profile, found.base_url) == (
        config.Setting("local", "active"),
        config.Setting("http://127.0.0.1:8080", "profile local"),
    )


def test_the_profile_in_use_is_the_argument_then_mogul_profile_then_the_active_then_default(
    profiles: Path,
) -> None:
    for name in ("default", "active", "env", "arg"):
        config.save_profile(name, api_key=f"{name}-key", path=profiles)

    def user(profile: str | None = None, **env: str) -> str:
        return config.resolve(profile=profile, env=env, path=profiles).username

    assert user() == "default-key"
    config.set_active_profile("active", path=profiles)
    assert user() == "active-key"
    assert user(MOGUL_PROFILE="env") == "env-key"
    assert user("arg", MOGUL_PROFILE="env") == "arg-key"
    # the environment's key wins over the profile in use, not over one named explicitly
    assert user(CHARTMOGUL_API_KEY="from-env") == "from-env"
    assert user("arg", CHARTMOGUL_API_KEY="from-env") == "arg-key"


def test_an_active_profile_that_was_removed_by_hand_is_a_clear_error(profiles: Path) -> None:
    config.save_profile("local", api_key="a", path=profiles)
    config.set_active_profile("gone", path=profiles)
    with pytest.raises(ConfigError) as caught:
        config.resolve(env={}, path=profiles)
    assert str(caught.value) == (
        f"The active profile 'gone' is not in {profiles} (profiles: local); "
        "choose one with `mogul profiles use NAME`."
    )


def test_the_legacy_token_and_secret_come_from_the_environment(profiles: Path) -> None:
    env = {"CHARTMOGUL_ACCOUNT_TOKEN": "tok", "CHARTMOGUL_SECRET_KEY": "sec"}
    conn = config.resolve(env=env, path=profiles)
    assert (conn.username, conn.password) == ("tok", "sec")


def test_the_default_profile_is_used_when_nothing_else_is_set(profiles: Path) -> None:
    config.save_profile("default", api_key="from-profile", base_url="http://profile:1", path=profiles)
    conn = config.resolve(env={}, path=profiles)
    assert (conn.username, conn.base_url) == ("from-profile", "http://profile:1")
    assert conn.source == "profile default"


def test_a_named_profile_wins_over_the_environment(profiles: Path) -> None:
    config.save_profile("sandbox", token="tok", secret="sec", base_url="http://127.0.0.1:8080", path=profiles)
    conn = config.resolve(profile="sandbox", env={"CHARTMOGUL_API_KEY": "from-env"}, path=profiles)
    assert (conn.username, conn.password, conn.base_url) == ("tok", "sec", "http://127.0.0.1:8080")


def test_mogul_profile_selects_the_fallback_profile(profiles: Path) -> None:
    config.save_profile("default", api_key="a", path=profiles)
    config.save_profile("staging", api_key="b", path=profiles)
    assert config.resolve(env={"MOGUL_PROFILE": "staging"}, path=profiles).username == "b"


def test_an_unknown_profile_lists_the_known_ones(profiles: Path) -> None:
    config.save_profile("default", api_key="a", path=profiles)
    with pytest.raises(ConfigError) as caught:
        config.resolve(profile="prod", env={}, path=profiles)
    assert str(caught.value) == f"No profile 'prod' in {profiles} (profiles: default)."


def test_missing_credentials_say_how_to_provide_them(profiles: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        config.resolve(env={}, path=profiles)
    assert str(caught.value) == (
        "No ChartMogul credentials: pass api_key=..., or set CHARTMOGUL_API_KEY (or CHARTMOGUL_ACCOUNT_TOKEN "
        f"and CHARTMOGUL_SECRET_KEY), or save a profile in {profiles}."
    )


def test_the_profiles_file_is_private_to_its_owner(profiles: Path) -> None:
    config.save_profile("default", api_key="secret-key", path=profiles)
    assert stat.S_IMODE(profiles.stat().st_mode) == 0o600
    assert config.load_profiles(profiles) == {"default": {"api_key": "secret-key"}}
    assert config.delete_profile("default", path=profiles) is True
    assert config.load_profiles(profiles) == {}


def test_a_broken_profiles_file_is_a_clear_error(profiles: Path) -> None:
    profiles.parent.mkdir(parents=True)
    profiles.write_text("[profiles.default\napi_key = 1")
    with pytest.raises(ConfigError) as caught:
        config.resolve(env={}, path=profiles)
    assert str(caught.value).startswith(f"The mogul config file {profiles} is not valid TOML")


def test_a_base_url_without_a_scheme_is_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        config.resolve("k", base_url="api.chartmogul.com", env={})
    assert str(caught.value) == "The base URL must start with http:// or https://, got 'api.chartmogul.com'."


def test_the_client_reads_the_environment(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTMOGUL_API_KEY", sandbox.api_key)
    monkeypatch.setenv("CHARTMOGUL_BASE_URL", sandbox.base_url)
    with mogul.Client() as c:
        assert c.api.call("/v1/ping").body == {"data": "pong!"}


def test_the_legacy_token_and_secret_pair_authenticates(sandbox: Sandbox) -> None:
    token, secret = sandbox.api_keys[2].split(":")
    with mogul.Client(token=token, secret=secret, base_url=sandbox.base_url) as c:
        assert c.api.call("/v1/ping").body == {"data": "pong!"}
    with (
        mogul.Client(token=token, secret="wrong", base_url=sandbox.base_url) as c,
        pytest.raises(mogul.errors.AuthenticationError) as caught,
    ):
        c.api.call("/v1/ping")
    assert caught.value.status == 401
