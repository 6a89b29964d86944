"""A ChartMogul sandbox in your own process: `mogul serve` on a free loopback port, in a thread.

    with mogul.Sandbox() as sandbox:
        client = mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url)
        sandbox.seed("tests/chartmogul.json")     # a bundle: see docs/behaviour.md
        sandbox.snapshot("baseline")
        ...
        sandbox.restore("baseline")               # or sandbox.reset()

Each sandbox has its own database (in memory unless `db_url` says otherwise) and its own API keys. It
serves the sandbox control API (`/v1/_sandbox`) unless `sandbox_control=False`; its methods here call
the same domain functions directly, on the account of `api_key` (default: the first key).
`rate_limit=N` answers 429 beyond N requests per second of an account, as `mogul serve --rate-limit`.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import uvicorn

from mogul import errors
from mogul.server import wire
from mogul.server.app import create_app
from mogul.server.domain import sandbox_control
from mogul.server.domain.accounts import authenticate, ensure_keys
from mogul.server.domain.base import Scope
from mogul.server.http.protocol import server_config
from mogul.server.serve import bind
from mogul.store.engine import Database

T = TypeVar("T")


class Sandbox:
    def __init__(
        self,
        db_url: str = "sqlite://",
        api_keys: list[str] | None = None,
        max_body_bytes: int | None = None,
        *,
        sandbox_control: bool = True,
        rate_limit: int | None = None,
    ) -> None:
        self.api_keys = api_keys or [secrets.token_hex(16)]
        self.max_body_bytes = max_body_bytes
        self.sandbox_control = sandbox_control
        self.rate_limit = rate_limit
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
        app = create_app(
            self.db,
            max_body_bytes=self.max_body_bytes,
            sandbox_control=self.sandbox_control,
            rate_limit=self.rate_limit,
        )
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

    # -- the sandbox control API, in process --------------------------------------------------------------

    def reset(self, *, api_key: str | None = None) -> dict[str, Any]:
        """Delete all of the account's data (it keeps its keys); answers how many objects went."""
        return self._control(sandbox_control.reset, api_key)

    def export(self, *, api_key: str | None = None) -> dict[str, Any]:
        """The account's data as a bundle (a JSON-ready dict) that `seed` takes back."""
        return self._control(sandbox_control.export, api_key)

    def seed(self, bundle: Mapping[str, Any] | str | Path, *, api_key: str | None = None) -> dict[str, Any]:
        """Add a bundle's objects to the account: a dict, or the path of a JSON file (a CSV bundle is
        read by `mogul.bulk.read_bundle`). What is stored already is matched, so seeding twice is
        seeding once; a bundle with a bad object raises `mogul.errors.ValidationError` naming it, and
        stores nothing. Answers how many objects were created and matched, by kind."""
        prepared = sandbox_control.prepare_seed(_bundle_data(bundle))
        return self._control(lambda scope: sandbox_control.seed(scope, prepared), api_key)

    def snapshot(self, name: str, *, api_key: str | None = None) -> dict[str, Any]:
        """Save the account's data as snapshot `name` (in the database; one of that name is replaced)."""
        return self._control(lambda scope: sandbox_control.snapshot(scope, name), api_key)

    def restore(self, name: str, *, api_key: str | None = None) -> dict[str, Any]:
        """Make the account's data what it was at `snapshot(name)`: a reset, then a seed of it."""
        return self._control(lambda scope: sandbox_control.restore(scope, name), api_key)

    def snapshots(self, *, api_key: str | None = None) -> list[dict[str, Any]]:
        """The account's snapshots: name and created_at of each, by name."""
        return self._control(sandbox_control.list_snapshots, api_key)["snapshots"]

    def _control(self, action: Callable[[Scope], T], api_key: str | None) -> T:
        """Run `action` in one write transaction on the account of `api_key`; ChartMogul's error
        answers become the `mogul.errors` a client would raise for them."""
        if self._server is None:
            raise RuntimeError("start the sandbox first (`with mogul.Sandbox() as sandbox:` or .start())")
        token, _, secret = (api_key or self.api_keys[0]).partition(":")
        try:
            account = authenticate(self.db, token, secret)
            with self.db.write(scope=account.id) as conn:
                return action(Scope(conn, account, self.db))
        except wire.ApiError as exc:
            raise errors.status_error(exc.status, exc.body) from None


def _bundle_data(bundle: Mapping[str, Any] | str | Path) -> Any:
    """A bundle as JSON data: a mapping (copied through JSON, so nothing of the caller's is kept), or
    the JSON file at a path."""
    if isinstance(bundle, str | Path):
        path = Path(bundle)
        if path.is_dir():
            raise errors.InputError(
                f"{path} is a directory: read a CSV bundle with mogul.bulk.read_bundle(path) and seed "
                "what it returns",
                field="bundle",
            )
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise errors.InputError(f"cannot read {path}: {exc.strerror or exc}", field="bundle") from None
        except ValueError as exc:
            raise errors.InputError(f"{path} is not JSON: {exc}", field="bundle") from None
    try:
        return json.loads(json.dumps(bundle))
    except (TypeError, ValueError) as exc:
        raise errors.InputError(f"a bundle holds JSON data only: {exc}", field="bundle") from None
