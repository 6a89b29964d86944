"""Running the server: bind, print the base URL once ready, serve with uvicorn."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable

import uvicorn

from mogul.server.accounts import ensure_keys
from mogul.server.app import create_app
from mogul.store.engine import Database


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only turns Nagle off (TCP_NODELAY) on sockets that say so, and
    # without it every keep-alive response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


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
) -> None:
    """Serve until interrupted. The database is prepared and the socket bound before the URL is printed."""
    db = Database(db_url)
    app = create_app(db)
    say = announce or (lambda line: print(line, flush=True))
    for key in ensure_keys(db, api_keys or []):
        say(f"created an account; its API key (shown once): {key}")
    sock = bind(host, port)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    say(base_url(sock))
    sys.stdout.flush()
    server.run(sockets=[sock])
