"""`mogul serve` that cannot start says why in one line, with what to do, and exits 1; nothing is made
before the port is had (no account, no key printed, no database file)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mogul.server.serve import ServeError, bind

MOGUL = str(Path(sys.executable).parent / "mogul")
URLS = "give sqlite:///PATH.db (a file), sqlite:// (in memory) or postgresql://USER@HOST/NAME"


def serve(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [MOGUL, "serve", *args], capture_output=True, text=True, timeout=60, cwd=cwd, check=False
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_a_busy_port_is_one_line_and_nothing_is_made_first(busy_port: int, tmp_path: Path) -> None:
    code, out, err = serve(
        "--port", str(busy_port), "--db", "sqlite:///new.db", "--api-key", "k", cwd=tmp_path
    )
    assert (code, out) == (1, "")
    assert err == (
        f"mogul serve: cannot listen on 127.0.0.1:{busy_port}: the port is in use (another mogul serve?); "
        "stop that, or give another --port (0 picks a free one)\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_a_port_out_of_range_is_one_line(port: str) -> None:
    assert serve("--port", port, "--db", "sqlite://") == (
        1,
        "",
        f"mogul serve: --port {port}: a port is a number from 0 to 65535 (0 picks a free one)\n",
    )


def test_a_port_that_is_no_number_is_a_usage_error() -> None:
    code, out, err = serve("--port", "eighty", "--db", "sqlite://")
    assert (code, out) == (2, "")
    assert err.startswith("error: Invalid value for '--port': ")
    assert err.endswith(" (see 'mogul serve --help')\n")
    assert len(err.splitlines()) == 1


def test_a_host_that_is_not_this_machines_is_one_line() -> None:
    assert serve("--host", "192.0.2.1", "--port", "0", "--db", "sqlite://") == (
        1,
        "",
        "mogul serve: cannot listen on 192.0.2.1:0: 192.0.2.1 is no address of this machine; give --host "
        "127.0.0.1, 0.0.0.0 (every interface) or one of its addresses\n",
    )
    assert serve("--host", "no-such-host.invalid", "--port", "0", "--db", "sqlite://") == (
        1,
        "",
        "mogul serve: cannot listen on no-such-host.invalid: no such host; give --host an address such as "
        "127.0.0.1 or 0.0.0.0\n",
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("foo://x", "'foo://x'"),
        ("mogul.db", "'mogul.db'"),
        ("mysql://me:hunter2@db/x", "'mysql://me:***@db/x'"),
    ],
)
def test_a_database_url_that_is_not_one_is_one_line(url: str, shown: str) -> None:
    expected = f"{shown} is not a database URL mogul can use: {URLS}\n"
    assert serve("--port", "0", "--db", url) == (1, "", f"mogul serve: {expected}")
    for command in ("upgrade", "current"):
        done = subprocess.run([MOGUL, "db", command, "--db", url], capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", f"mogul db {command}: {expected}")


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "x.db"
    assert serve("--port", "0", "--db", f"sqlite:///{missing}") == (
        1,
        "",
        f"mogul serve: cannot open the database sqlite:///{missing}: unable to open database file\n",
    )


def test_bind_says_the_same_to_python_callers(busy_port: int) -> None:
    with pytest.raises(ServeError) as out_of_range:
        bind("127.0.0.1", 70000)
    assert str(out_of_range.value) == "--port 70000: a port is a number from 0 to 65535 (0 picks a free one)"
    with pytest.raises(ServeError) as busy:
        bind("127.0.0.1", busy_port)
    assert str(busy.value).startswith(f"cannot listen on 127.0.0.1:{busy_port}: the port is in use")
