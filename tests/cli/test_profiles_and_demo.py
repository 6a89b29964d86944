"""`mogul profiles ...` and `mogul demo`, end to end."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

from mogul.modules import registry
from tests.cli.conftest import Mogul, Server


def test_profiles_add_list_use_and_remove(
    mogul: Mogul, server: Server, config_file: Path, data_source: Any
) -> None:
    added = mogul(
        "profiles", "add", "local", "--api-key", server.main_key, "--base-url", server.base_url, connect=False
    )
    assert added.code == 0, added.err
    assert added.out == f"saved profile 'local' in {config_file}\n"
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    mogul("profiles", "add", "other", "--token", "tok-123456789", "--secret", "sec", connect=False)

    listed = mogul("profiles", "list", "-o", "json", connect=False).json()
    assert listed == [
        {
            "name": "local",
            "in_use": False,
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

    # Without credentials nothing connects; an explicit --profile does, and `use` makes it the default.
    assert mogul("data-sources", "get", data_source["uuid"], connect=False).code == 2
    explicit = mogul("data-sources", "get", data_source["uuid"], "--profile", "local", connect=False)
    assert explicit.json()["uuid"] == data_source["uuid"]
    assert mogul("profiles", "use", "local", connect=False).out == "commands now use profile 'local'\n"
    assert [p["in_use"] for p in mogul("profiles", "list", "-o", "json", connect=False).json()] == [
        True,
        False,
    ]
    assert (
        mogul("data-sources", "get", data_source["uuid"], connect=False).json()["uuid"] == data_source["uuid"]
    )

    assert mogul("profiles", "remove", "local", connect=False).out == "removed profile 'local'\n"
    assert [p["name"] for p in mogul("profiles", "list", "-o", "json", connect=False).json()] == ["other"]
    assert mogul("data-sources", "get", data_source["uuid"], connect=False).code == 2


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
    assert summary[3] == "  objects created   2 data sources, 4 plans, 2 plan groups, 6 customers, 6 invoices"
    assert summary[4] == "  objects deleted   1 invoice, 1 customer, 1 plan group, 1 plan, 1 data source"
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
