"""A throwaway PostgreSQL cluster for the test run, and the `backend` the suite runs on.

The cluster is made once per session: `initdb` into a temporary directory, `pg_ctl -w start` on a free
loopback port (its unix socket in the same directory), one fresh database per `database_factory()`
call, and at the end `pg_ctl stop` and the directory removed. It is durable only as far as a test needs:
fsync is off.

PostgreSQL refuses to run as root, so as root the cluster runs as an unprivileged user:
$MOGUL_PG_OS_USER, else `postgres`, else `nobody`.

Without the binaries the PostgreSQL tests are skipped, saying what is missing; with
MOGUL_REQUIRE_POSTGRESQL=1 (set by .ci/run) they fail instead. MOGUL_TEST_BACKENDS=sqlite (or
postgresql) runs one backend only.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

BACKENDS = ("sqlite", "postgresql")
SUPERUSER = "mogul"
INSTALL_HINT = (
    "install the Debian package `postgresql` (apt-get install postgresql) or put its bin directory on PATH"
)


class PostgresUnavailable(Exception):
    """Why no cluster can run here (one line, with what to do)."""


def _version(bindir: Path) -> tuple[int, ...]:
    """/usr/lib/postgresql/15/bin -> (15,); newest first when sorted in reverse."""
    return tuple(int(part) for part in bindir.parent.name.split(".") if part.isdigit())


def find_bindir() -> Path:
    """The directory holding initdb, pg_ctl and postgres: PATH first, then Debian's versioned dirs."""
    needed = ("initdb", "pg_ctl", "postgres")
    on_path = [shutil.which(name) for name in needed]
    if all(on_path):
        dirs = {Path(p).resolve().parent for p in on_path if p}
        if len(dirs) == 1:
            return dirs.pop()
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version, reverse=True):
        if all((candidate / name).exists() for name in needed):
            return candidate
    missing = [name for name, path in zip(needed, on_path, strict=True) if path is None]
    raise PostgresUnavailable(f"PostgreSQL binaries not found ({', '.join(missing)} missing): {INSTALL_HINT}")


def _os_user() -> pwd.struct_passwd | None:
    """The unprivileged user to run PostgreSQL as when we are root (None: run as ourselves)."""
    if os.geteuid() != 0:
        return None
    names = [os.environ.get("MOGUL_PG_OS_USER") or "", "postgres", "nobody"]
    for name in filter(None, names):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable(
        "running as root and no unprivileged user to run PostgreSQL as: create one "
        "(useradd --system postgres) or set MOGUL_PG_OS_USER"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgCluster:
    bindir: Path
    root: Path
    port: int
    user: pwd.struct_passwd | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=self.root,
            env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C", "HOME": str(self.root)},
            **kwargs,  # type: ignore[call-overload]
        )

    @classmethod
    def start(cls) -> PgCluster:
        bindir = find_bindir()
        user = _os_user()
        # under /tmp when it must be reachable by another user ($TMPDIR may be private to root)
        root = Path(tempfile.mkdtemp(prefix="mogul-pg-", dir="/tmp" if user is not None else None))
        if user is not None:
            os.chown(root, user.pw_uid, user.pw_gid)
        cluster = cls(bindir, root, 0, user)
        try:
            done = cluster._run(
                "initdb", "-D", str(cluster.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync",
            )  # fmt: skip
            if done.returncode != 0:
                raise PostgresUnavailable(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
            last_error = ""
            for _attempt in range(3):  # a free port can be taken between choosing it and binding it
                cluster.port = _free_port()
                options = (
                    f"-p {cluster.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
                )
                done = cluster._run(
                    "pg_ctl", "-D", str(cluster.data), "-l", str(root / "server.log"), "-w", "-t", "60",
                    "-o", options, "start",
                )  # fmt: skip
                if done.returncode == 0:
                    return cluster
                log = root / "server.log"
                last_error = log.read_text()[-2000:] if log.exists() else done.stderr
            raise PostgresUnavailable(f"pg_ctl start failed: {last_error.strip()}")
        except BaseException:
            cluster.stop()
            raise

    def url(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        name = f"mogul_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def _wanted_backends() -> tuple[str, ...]:
    raw = os.environ.get("MOGUL_TEST_BACKENDS", "")
    chosen = tuple(b.strip() for b in raw.split(",") if b.strip())
    return chosen or BACKENDS


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """The session's PostgreSQL cluster (skips, or fails under MOGUL_REQUIRE_POSTGRESQL=1, without one)."""
    try:
        cluster = PgCluster.start()
    except PostgresUnavailable as exc:
        if os.environ.get("MOGUL_REQUIRE_POSTGRESQL") == "1":
            pytest.fail(f"PostgreSQL is required here (MOGUL_REQUIRE_POSTGRESQL=1): {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session", params=_wanted_backends())
def backend(request: pytest.FixtureRequest) -> str:
    """The database the tests that use it run on: each test runs once per backend."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_cluster")
    return str(request.param)


DatabaseFactory = Callable[[], str]


@pytest.fixture(scope="session")
def database_factory(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> DatabaseFactory:
    """Makes a fresh, empty database on the session's backend and returns its URL."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_cluster").create_database  # type: ignore[no-any-return]

    def sqlite_file() -> str:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'mogul.db'}"

    return sqlite_file


@pytest.fixture
def fresh_database_url(database_factory: DatabaseFactory) -> str:
    """A fresh, empty database for one test, on the backend under test."""
    return database_factory()
