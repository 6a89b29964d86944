"""`mogul profiles ...` and `mogul demo`, end to end."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

from mogul.modules import registry
from tests.cli.conftest import Mogul, Server
from tests.conftest import unique


def test_profiles_add_list_use_and_remove(
    mogul: Mogul, server: Server, config_file: Path, data_source: Any
) -> None:
    added = mogul(
        "profiles", "add", "local", "--api-key", server.main_key, "--base-url", server.base_url, connect=False
    )
    assert added.code == 0, added.err
    # the first profile saved is the active one
    assert added.out == f"saved profile 'local' in {config_file}\nactive profile: 'local'\n"
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    other = mogul("profiles", "add", "other", "--token", "tok-123456789", "--secret", "sec", connect=False)
    assert other.out == (
        f"saved profile 'other' in {config_file}\n"
        "active profile: 'local' (switch with `mogul profiles use other`)\n"
    )

    listed = mogul("profiles", "list", "-o", "json", connect=False).json()
    assert listed == [
        {
            "name": "local",
            "in_use": True,
            "base_url": server.base_url,
            "credentials": "api key …" + server.main_key[-4:],
        },
        {
            "name": "other",
            "in_use": False,
            "base_url": "https://api.chartmogul.com",
            "credentials": "token …6789",
        },
    ]
    # commands use the active profile without being told
    got = mogul("data-sources", "get", data_source["uuid"], connect=False)
    assert got.json()["uuid"] == data_source["uuid"]

    assert mogul("profiles", "use", "other", connect=False).out == "active profile: 'other'\n"
    assert [p["in_use"] for p in mogul("profiles", "list", "-o", "json", connect=False).json()] == [
        False,
        True,
    ]
    explicit = mogul("data-sources", "get", data_source["uuid"], "--profile", "local", connect=False)
    assert explicit.json()["uuid"] == data_source["uuid"]

    mogul("profiles", "use", "local", connect=False)
    assert mogul("profiles", "remove", "local", connect=False).out == "removed profile 'local'\n"
    assert [p["name"] for p in mogul("profiles", "list", "-o", "json", connect=False).json()] == ["other"]
    # no profile is active now, and none is called default: no credentials
    assert mogul("data-sources", "get", data_source["uuid"], connect=False).code == 2


def add_profile(mogul: Mogul, name: str, key: str, base_url: str) -> None:
    added = mogul("profiles", "add", name, "--api-key", key, "--base-url", base_url, connect=False)
    assert added.code == 0, added.err


def test_a_key_given_alone_goes_to_the_active_profiles_base_url(
    mogul: Mogul, server: Server, data_source: Any
) -> None:
    # the active profile points at the local server (with a key it does not know)
    add_profile(mogul, "local", "not-the-key-0000", server.base_url)
    refused = mogul("data-sources", "get", data_source["uuid"], connect=False)
    assert (refused.code, refused.err.split(" ", 2)[:2]) == (1, ["error:", "401"])
    # --api-key alone: the key is sent there too, not to ChartMogul's production host
    got = mogul("data-sources", "get", data_source["uuid"], "--api-key", server.main_key, connect=False)
    assert got.code == 0, got.err
    assert got.json()["uuid"] == data_source["uuid"]


def test_the_profile_is_the_flag_then_mogul_profile_then_the_active_one(
    mogul: Mogul, server: Server, data_source: Any
) -> None:
    add_profile(mogul, "wrong", "not-the-key-0000", server.base_url)  # the first: active
    add_profile(mogul, "right", server.main_key, server.base_url)

    def uuid_or_status(*args: str, env: dict[str, str] | None = None) -> str:
        result = mogul("data-sources", "get", data_source["uuid"], *args, connect=False, env=env)
        return result.json()["uuid"] if result.code == 0 else result.err.split()[1]

    assert uuid_or_status() == "401"  # the active profile
    assert uuid_or_status(env={"MOGUL_PROFILE": "right"}) == data_source["uuid"]
    assert uuid_or_status("--profile", "right") == data_source["uuid"]
    assert uuid_or_status("--profile", "right", env={"MOGUL_PROFILE": "wrong"}) == data_source["uuid"]
    assert uuid_or_status("--profile", "wrong", env={"MOGUL_PROFILE": "right"}) == "401"


def test_mogul_import_uses_the_profile_as_every_command_does(
    mogul: Mogul, server: Server, http: Any, tmp_path: Path
) -> None:
    add_profile(mogul, "wrong", "not-the-key-0000", server.base_url)  # the first: active
    add_profile(mogul, "right", server.main_key, server.base_url)
    plans = tmp_path / "plans.csv"
    plans.write_text("external_id,name,interval_count,interval_unit\ngold,Gold,1,month\n")
    name = unique("ds")

    with_active = mogul("import", "plans", str(plans), "-d", name, connect=False)
    assert with_active.code == 1
    assert with_active.err.startswith("error: ChartMogul answered 401 to GET /v1/data_sources: ")
    by_env = mogul("import", "plans", str(plans), "-d", name, connect=False, env={"MOGUL_PROFILE": "right"})
    assert by_env.code == 0, by_env.err
    by_flag = mogul(
        "import", "plans", str(plans), "-d", name, "--profile", "right", connect=False,
        env={"MOGUL_PROFILE": "wrong"},
    )  # fmt: skip
    assert by_flag.code == 0, by_flag.err
    ds = http.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]
    plans_there = http.get("/plans", params={"data_source_uuid": ds}).json()["plans"]
    assert [p["name"] for p in plans_there] == ["Gold"]  # imported once, matched the second time


def test_profiles_show_says_where_each_setting_comes_from(
    mogul: Mogul, server: Server, config_file: Path
) -> None:
    add_profile(mogul, "local", "local-key-1234", server.base_url)
    add_profile(mogul, "prod", "prod-key-5678", "https://api.chartmogul.com")
    url = server.base_url

    def show(*args: str, env: dict[str, str] | None = None) -> str:
        result = mogul("profiles", "show", *args, connect=False, env=env)
        assert result.code == 0, result.err
        return result.out

    width = max(len(str(config_file)), len(url))
    file_line = f"file      {config_file}{' ' * (width - len(str(config_file)))}  environment MOGUL_CONFIG\n"

    def line(label: str, value: str, source: str) -> str:
        return f"{label:<10}{value:<{width}}  {source}\n"

    assert show() == (
        line("profile", "local", "active profile")
        + line("API key", "…1234", "profile local")
        + line("base URL", url, "profile local")
        + file_line
    )
    assert show("--api-key", "flag-key-9999") == (
        line("profile", "local", "active profile")
        + line("API key", "…9999", "flag --api-key")
        + line("base URL", url, "profile local")
        + file_line
    )
    env = {"MOGUL_PROFILE": "prod", "CHARTMOGUL_BASE_URL": url}
    assert show(env=env) == (
        line("profile", "prod", "environment MOGUL_PROFILE")
        + line("API key", "…5678", "profile prod")
        + line("base URL", url, "environment CHARTMOGUL_BASE_URL")
        + file_line
    )
    assert show("--profile", "prod", "--base-url", url, env={"CHARTMOGUL_API_KEY": "env-key-4321"}) == (
        line("profile", "prod", "flag --profile")
        + line("API key", "…5678", "profile prod")
        + line("base URL", url, "flag --base-url")
        + file_line
    )


def test_profiles_show_without_any_profile_names_the_defaults(mogul: Mogul, config_file: Path) -> None:
    result = mogul("profiles", "show", connect=False, env={"CHARTMOGUL_API_KEY": "env-key-4321"})
    width = len(str(config_file))
    assert result.out == (
        f"{'profile':<10}{'none':<{width}}  no profile saved or chosen\n"
        f"{'API key':<10}{'…4321':<{width}}  environment CHARTMOGUL_API_KEY\n"
        f"{'base URL':<10}{'https://api.chartmogul.com':<{width}}  default\n"
        f"{'file':<10}{config_file!s:<{width}}  environment MOGUL_CONFIG\n"
    )


def test_profiles_usage_errors_are_exit_2(mogul: Mogul) -> None:
    unknown = mogul("profiles", "use", "nope", connect=False)
    assert (unknown.code, unknown.err) == (
        2,
        "error: no profile 'nope' (profiles: none); add it with `mogul profiles add`\n",
    )
    half = mogul("profiles", "add", "x", "--token", "t", connect=False)
    assert (half.code, half.err) == (2, "error: --token and --secret go together\n")
    nothing = mogul("profiles", "add", "x", connect=False)
    assert nothing.code == 2
    assert nothing.err.startswith("error: A profile needs an API key")


def test_demo_runs_every_module_and_ends_with_a_summary(mogul: Mogul) -> None:
    result = mogul("demo", connect=False)
    assert result.code == 0, result.err
    assert result.err == ""
    out = result.out
    assert re.match(
        r"mogul demo: `mogul serve` on http://127\.0\.0\.1:\d+ over a throwaway SQLite database\n", out
    )
    summary = out[out.index("\nSummary\n") :].splitlines()
    count = len(registry.modules())
    assert summary[2] == f"  modules run       {count} of {count}"
    assert summary[3] == (
        "  objects created   3 data sources, 5 plans, 2 plan groups, 8 customers, 6 invoices, 1 contact, "
        "1 customer note, 1 note, 1 opportunity, 1 task"
    )
    assert summary[4] == (
        "  objects deleted   1 note, 1 contact, 1 customer note, 1 opportunity, 1 task, 1 invoice, "
        "2 customers, 2 data sources, 1 plan group, 1 plan"
    )
    assert [line.split() for line in summary[6:]] == [
        ["Acme", "Corp", "Active", "$99.00"],
        ["Globex", "Active", "$81.00"],
        ["Initech", "Active", "$82.50"],
        ["Umbrella", "Cancelled", "$0.00"],
        ["Hooli", "New", "Lead", "$0.00"],
        ["total", "$262.50"],
    ]
    # Each module's step is printed under its Make name.
    for module in registry.modules():
        assert f"  {module.label} " in out
