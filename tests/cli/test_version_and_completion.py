"""`mogul --version`, shell completion, and what the command loads to start."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

from tests.cli.conftest import Mogul


def test_version_prints_the_installed_version(mogul: Mogul) -> None:
    result = mogul("--version", connect=False)
    assert (result.code, result.out, result.err) == (0, f"mogul {version('mogul')}\n", "")


def test_the_completion_options_are_offered_and_show_a_script(mogul: Mogul) -> None:
    top = mogul("--help", connect=False)
    assert "--install-completion" in top.out and "--show-completion" in top.out
    script = mogul("--show-completion", "bash", connect=False)
    assert script.code == 0, script.err
    assert "_mogul_completion()" in script.out
    assert "complete -o default -F _mogul_completion mogul" in script.out


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [("mogul cust", "1", ["customers", "customer-notes"]), ("mogul customers del", "2", ["delete"])],
)
def test_completion_completes_commands(mogul: Mogul, words: str, cword: str, expected: list[str]) -> None:
    # what the bash script asks the command for on <Tab>
    env = {"_MOGUL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = mogul(connect=False, env=env)
    assert (result.code, result.out.split()) == (0, expected)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["import", "--help"]])
def test_starting_does_not_load_pydantic(args: list[str]) -> None:
    # typer checks option values with pydantic, whose import costs every start 50 ms; mogul skips it
    code = f"import sys; sys.argv = ['mogul', *{args!r}]; from mogul.cli.main import main; main()"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "typer" in loaded
    assert "pydantic" not in loaded
