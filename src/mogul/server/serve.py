"""Running the server: bind, print the base URL once ready, serve with uvicorn.

With `workers > 1` the socket is bound once here and uvicorn's supervisor spawns that many worker
processes that share it; each builds its own app (`worker_app`) over the database named in
MOGUL_DATABASE_URL, so they share nothing but the database.

The sandbox control API (`/v1/_sandbox`: reset, seed, snapshots) is off unless asked for
(`sandbox_control=True`, or MOGUL_SANDBOX_CONTROL=1 in the environment, which the workers read too): on
a server that holds real analytics, any key could wipe its account with one request.

`rate_limit` N answers 429 beyond N requests per second of an account, as ChartMogul does beyond 40
(http/ratelimit.py); the workers read it from MOGUL_RATE_LIMIT, and each limits on its own.
"""

from __future__ import annotations

import errno
import gc
import logging
import os
import socket
import sys
from collections.abc import Callable
from typing import Any

import uvicorn
from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from uvicorn.supervisors import Multiprocess

from mogul.server.app import create_app
from mogul.server.domain.accounts import ensure_keys
from mogul.server.http.protocol import server_config
from mogul.store.engine import Database, DatabaseURLError, display_url

LOG_LEVELS = ("debug", "info", "warning", "error")
SANDBOX_CONTROL_ENV = "MOGUL_SANDBOX_CONTROL"
RATE_LIMIT_ENV = "MOGUL_RATE_LIMIT"
log = logging.getLogger("mogul.server")


class ServeError(Exception):
    """Why the server cannot start, in one line that says what to do."""


def bind(host: str, port: int) -> socket.socket:
    """The listening socket; a ServeError that says what to do when there can be none."""
    if not 0 <= port <= 65535:
        raise ServeError(f"--port {port}: a port is a number from 0 to 65535 (0 picks a free one)")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only turns Nagle off (TCP_NODELAY) on sockets that say so, and
    # without it every keep-alive response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ServeError(_cannot_listen(host, port, exc)) from exc
    sock.set_inheritable(True)
    return sock


def _cannot_listen(host: str, port: int, exc: OSError) -> str:
    where = f"cannot listen on {host}:{port}"
    if isinstance(exc, socket.gaierror):
        return f"cannot listen on {host}: no such host; give --host an address such as 127.0.0.1 or 0.0.0.0"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"{where}: the port is in use (another mogul serve?); stop that, or give another --port "
            "(0 picks a free one)"
        )
    if exc.errno == errno.EACCES:
        return f"{where}: permission denied (ports below 1024 need privileges); give a --port above 1023"
    if exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"{where}: {host} is no address of this machine; give --host 127.0.0.1, 0.0.0.0 (every "
            "interface) or one of its addresses"
        )
    return f"{where}: {exc.strerror or exc}"


def tune_collector() -> None:
    """Settings for a server process, made once before it serves.

    A bulk import request parses and checks hundreds of thousands of small objects that live until it
    ends; with the default thresholds the cyclic collector runs a full pass over the whole heap several
    times per request and frees nothing (measured: about a tenth of an import's time). Objects made
    while starting (modules, the app, SQLAlchemy's caches) are frozen out of the passes, and a young
    collection waits for 50,000 new objects instead of 700. Reference counting still frees everything
    that is not in a cycle at once."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def configure_logging(level: str) -> None:
    """mogul's log (a line per request at info, errors with their tracebacks) to standard error.
    The workers of `--workers` read the level from MOGUL_LOG_LEVEL."""
    if level not in LOG_LEVELS:
        raise ServeError(f"unknown log level {level!r}; use one of {', '.join(LOG_LEVELS)}")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("mogul")
    logger.handlers[:] = [handler]
    logger.setLevel(level.upper())
    logger.propagate = False


def sandbox_control_from_env() -> bool:
    """Whether MOGUL_SANDBOX_CONTROL asks for the sandbox control API (1, true, yes or on)."""
    return os.environ.get(SANDBOX_CONTROL_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/v1"


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    db_url: str | None = None,
    api_keys: list[str] | None = None,
    announce: Callable[[str], None] | None = None,
    workers: int = 1,
    log_level: str = "info",
    wrap: Callable[[Starlette, str], Any] | None = None,
    sandbox_control: bool | None = None,
    rate_limit: int | None = None,
) -> None:
    """Serve until interrupted. The database is prepared and the socket bound before the URL is printed.
    `wrap(app, base_url)` serves another ASGI app around the API's (with its lifespan): `--mcp`.
    `sandbox_control` None reads MOGUL_SANDBOX_CONTROL. `rate_limit`: requests per second of an
    account, None for no limit."""
    configure_logging(log_level)
    if wrap is not None and workers > 1:
        raise ServeError("--mcp serves from one process: leave out --workers")
    if sandbox_control is None:
        sandbox_control = sandbox_control_from_env()
    # the port first: a busy one is said before a database file, its schema or an account is made
    sock = bind(host, port)
    try:
        db, app = _prepare(db_url, workers, sandbox_control, rate_limit)
    except BaseException:
        sock.close()
        raise
    log.info("database %s", display_url(db.url))
    if sandbox_control:
        log.warning("the sandbox control API is on: any key can reset its account (/v1/_sandbox)")
    if rate_limit is not None:
        per_worker = " in each worker" if workers > 1 else ""
        log.info("rate limit: %d requests per second per account%s", rate_limit, per_worker)
    say = announce or (lambda line: print(line, flush=True))
    for key in ensure_keys(db, api_keys or []):
        say(f"created an account; its API key (shown once): {key}")
    if workers > 1:
        db.dispose()
        os.environ["MOGUL_DATABASE_URL"] = db.url
        os.environ["MOGUL_LOG_LEVEL"] = log_level
        os.environ[SANDBOX_CONTROL_ENV] = "1" if sandbox_control else "0"
        os.environ[RATE_LIMIT_ENV] = str(rate_limit or "")
        config = server_config("mogul.server.serve:worker_app", factory=True, workers=workers)
        say(base_url(sock))
        Multiprocess(config, sockets=[sock]).run()
        return
    config = server_config(app if wrap is None else wrap(app, base_url(sock)))
    if wrap is not None:
        config.lifespan = "on"  # what the wrapper adds starts and stops with the server
    server = uvicorn.Server(config)
    tune_collector()
    say(base_url(sock))
    sys.stdout.flush()
    server.run(sockets=[sock])


def _prepare(
    db_url: str | None, workers: int, sandbox_control: bool, rate_limit: int | None
) -> tuple[Database, Starlette]:
    """The database, its schema brought up, and the app over it."""
    try:
        db = Database(db_url)
    except DatabaseURLError as exc:
        raise ServeError(str(exc)) from None
    if workers > 1 and db.in_memory:
        raise ServeError("--workers needs a database file or server; an in-memory one lives in one process")
    try:
        return db, create_app(db, sandbox_control=sandbox_control, rate_limit=rate_limit)
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise ServeError(f"cannot open the database {display_url(db.url)}: {reason}") from exc


def worker_app() -> Starlette:
    """The app of one worker process (uvicorn calls this in each worker it spawns)."""
    configure_logging(os.environ.get("MOGUL_LOG_LEVEL", "info"))
    rate_limit = os.environ.get(RATE_LIMIT_ENV)
    app = create_app(
        Database(os.environ["MOGUL_DATABASE_URL"]),
        sandbox_control=sandbox_control_from_env(),
        rate_limit=int(rate_limit) if rate_limit else None,
    )
    tune_collector()
    return app
