"""A ChartMogul sandbox in your own process: `mogul serve` on a free loopback port, in a thread.

    with mogul.Sandbox() as sandbox:
        client = mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url)

Each sandbox has its own database (in memory unless `db_url` says otherwise) and its own API keys.
"""

from __future__ import annotations

import secrets
import threading
import time
from types import TracebackType

import uvicorn

from mogul.server.app import create_app
from mogul.server.domain.accounts import ensure_keys
from mogul.server.http.protocol import server_config
from mogul.server.serve import bind
from mogul.store.engine import Database


class Sandbox:
    def __init__(
        self, db_url: str = "sqlite://", api_keys: list[str] | None = None, max_body_bytes: int | None = None
    ) -> None:
        self.api_keys = api_keys or [secrets.token_hex(16)]
        self.max_body_bytes = max_body_bytes
        self.db = Database(db_url)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def api_key(self) -> str:
        return self.api_keys[0].partition(":")[0]

    @property
    def base_url(self) -> str:
        """Scheme, host and port (what `mogul.Client` and chartmogul-node take)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The `/v1` URL (what the Python client's `cfg.uri` takes)."""
        return self.base_url + "/v1"

    def start(self) -> Sandbox:
        app = create_app(self.db, max_body_bytes=self.max_body_bytes)
        ensure_keys(self.db, self.api_keys)
        sock = bind("127.0.0.1", 0)
        self.port = sock.getsockname()[1]
        self._server = uvicorn.Server(server_config(app))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="mogul-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the mogul sandbox did not start within 10 seconds")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.db.dispose()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
