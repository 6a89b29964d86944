"""The request pipeline every route shares, and the building of an ASGI app from groups of routes.

A route is a plain function `(Call) -> Response` registered on an `Api`. The pipeline authenticates,
reads the JSON body (413 when too large, 400 when malformed), runs the route in a worker thread inside
one database transaction (a write transaction for POST/PATCH/PUT/DELETE), and turns `ApiError` into
ChartMogul's error bodies. Anything unexpected is a plain-text 500, as ChartMogul's gateway sends.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar, cast

import orjson
from sqlalchemy import Connection
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Send
from starlette.types import Scope as AsgiScope

from mogul.server import wire
from mogul.server.domain.accounts import Account
from mogul.server.domain.base import Scope, object_body
from mogul.server.domain.paging import PageRequest
from mogul.server.http import openapi
from mogul.server.http.auth import account_for
from mogul.server.http.openapi import Schema
from mogul.server.http.ratelimit import RateLimit
from mogul.server.http.render import error_response, json_response
from mogul.store.engine import Database

log = logging.getLogger("mogul.server")
access = logging.getLogger("mogul.server.access")

DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
# every digit as b"1", every other byte as b"0": a body with an integer of 19 digits or more holds
# b"1" * 19 once translated (two C calls, a tenth of the cost of a regular expression search)
_DIGITS_AS_ONES = bytes(0x31 if 0x30 <= byte <= 0x39 else 0x30 for byte in range(256))
_NINETEEN_DIGITS = b"1" * 19
R = TypeVar("R")
WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})


class _NoTransaction:
    """The `conn` of a route declared `transaction=False`: any use of it is a bug, said at once."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("this route is declared transaction=False: it has no database connection")


NO_TRANSACTION = cast(Connection, _NoTransaction())


@dataclass
class Call:
    """Everything a route needs about one request."""

    request: Request
    account: Account
    path: dict[str, str]
    query: QueryParams
    body: Any
    conn: Connection
    db: Database
    # what the route's `prepare` made of the body before the transaction began (see Api.route)
    prepared: Any = None

    def param(self, *names: str) -> str | None:
        """The first query parameter present among `names` (ChartMogul accepts hyphen and underscore)."""
        for name in names:
            if name in self.query:
                return self.query[name]
        return None

    def params(self, record: type[R]) -> R:
        """A filters dataclass filled from the query parameters named after its fields (the same names
        `openapi.params_of` declares)."""
        return record(**{f.name: self.param(f.name) for f in dataclasses.fields(record)})  # type: ignore[arg-type]

    def object_body(self) -> dict[str, Any]:
        return object_body(self.body)

    @property
    def scope(self) -> Scope:
        """What the domain needs of this request: its transaction and its account."""
        return Scope(self.conn, self.account, self.db)

    def page(self) -> PageRequest:
        """The page asked for: `per_page` (default and maximum 200; more reads as 200), and an opaque
        `cursor` or the legacy `page` number."""
        size = self._positive("per_page", "per-page")
        number = self._positive("page")
        size = wire.MAX_PER_PAGE if size is None else min(size, wire.MAX_PER_PAGE)
        return PageRequest(size, self.param("cursor") or None, number)

    def _positive(self, *names: str) -> int | None:
        raw = self.param(*names)
        if raw is None or raw == "":
            return None
        significant = raw.strip().lstrip("0")
        if not significant.isdecimal():
            raise wire.bad_request(
                f'Parameter "{names[0]}" must be a positive integer, got {raw!r}', names[0]
            )
        # more than nine digits is over every bound anyway (and int() refuses over 4,300 of them)
        return 10**9 if len(significant) > 9 else int(significant)


Handler = Callable[[Call], Response]
# Work on the body that needs no database: it runs before the route's transaction begins, so a large
# import is checked while another request holds the write turn. It must not raise; an error it finds
# is part of what it returns, for the route to raise in its own order (a 404 comes first).
Prepare = Callable[[Any], Any]


class Endpoint(NamedTuple):
    method: str
    path: str
    handler: Handler
    prepare: Prepare | None = None
    # for the OpenAPI document (see http/openapi.py): the query parameters and the body's schema
    query: Mapping[str, Schema] = {}
    body: Schema | None = None
    # path parameters that are not any string (an enum, say)
    path_schemas: Mapping[str, Schema] = {}
    # False for a route that reads nothing from the database: it runs on the event loop, with no
    # thread and no transaction
    transaction: bool = True
    # True for a short read (one object by its id, or one page of a list): on SQLite it runs on the
    # event loop, because such a read takes less time than handing it to a worker thread and back
    # (about 0.1 ms, measured). PostgreSQL's reads wait on the network, so they keep the thread.
    short: bool = False


class Api:
    """A group of routes; each resource module has one. `query` and `body` describe a route's input
    for the OpenAPI document; `paged=True` adds the paging parameters to its query. A route that needs
    no database says `transaction=False` (it must not block: it runs on the event loop); a GET that
    reads one object or one page says `short=True`."""

    def __init__(self) -> None:
        self.routes: list[Endpoint] = []

    def route(
        self,
        method: str,
        path: str,
        prepare: Prepare | None = None,
        *,
        query: Mapping[str, Schema] | None = None,
        body: Schema | None = None,
        paged: bool = False,
        transaction: bool = True,
        short: bool = False,
        path_schemas: Mapping[str, Schema] | None = None,
    ) -> Callable[[Handler], Handler]:
        params = {**(query or {}), **(openapi.PAGING if paged else {})}
        if short and method != "GET":
            raise ValueError(f"{method} {path}: only a GET can be a short read")

        def register(fn: Handler) -> Handler:
            endpoint = Endpoint(
                method, path, fn, prepare, params, body, path_schemas or {}, transaction, short
            )
            self.routes.append(endpoint)
            return fn

        return register

    def get(self, path: str, **doc: Any) -> Callable[[Handler], Handler]:
        return self.route("GET", path, **doc)

    def post(self, path: str, prepare: Prepare | None = None, **doc: Any) -> Callable[[Handler], Handler]:
        return self.route("POST", path, prepare, **doc)

    def patch(self, path: str, **doc: Any) -> Callable[[Handler], Handler]:
        return self.route("PATCH", path, **doc)

    def put(self, path: str, **doc: Any) -> Callable[[Handler], Handler]:
        return self.route("PUT", path, **doc)

    def delete(self, path: str, **doc: Any) -> Callable[[Handler], Handler]:
        return self.route("DELETE", path, **doc)


async def _read_body(request: Request, limit: int) -> Any:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdecimal() and int(declared) > limit:
        raise wire.ApiError(413, wire.error_body(413, f"Request body is larger than {limit} bytes"))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise wire.ApiError(413, wire.error_body(413, f"Request body is larger than {limit} bytes"))
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        return None
    # Strict JSON (RFC 8259), parsed by orjson: several times faster than the standard parser on a bulk
    # import's megabytes, and it refuses NaN and unpaired surrogates, which no database column takes.
    # orjson reads an integer beyond 64 bits as a float, so a body with a run of 19 digits is read
    # again by the standard parser, which keeps such integers exact (a range check then refuses them).
    try:
        value = orjson.loads(raw)
        if raw.translate(_DIGITS_AS_ONES).find(_NINETEEN_DIGITS) >= 0:
            value = json.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise wire.bad_request(f"The request body is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise wire.bad_request("The request body is nested too deeply") from exc
    # No database column takes a NUL character (PostgreSQL refuses it): one escaped in the body is
    # looked for in its strings (a literal backslash before "u0000" is not one).
    if raw.find(b"\\u0000") >= 0 and _holds_nul(value):
        raise wire.bad_request("The request body must not contain NUL characters (\\u0000)")
    return value


def _holds_nul(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _nul_in_request(request: Request) -> bool:
    """A NUL character in the path or a query parameter, which no column takes either. The query is
    looked at as it came (a NUL can only be `%00` or the byte itself), without decoding it."""
    if "\x00" in request.scope["path"]:
        return True
    raw: bytes = request.scope["query_string"]
    return b"%00" in raw or b"\x00" in raw


def _endpoint(db: Database, route: Endpoint, max_body: int) -> Callable[[Request], Any]:
    handler, prepare, transaction = route.handler, route.prepare, route.transaction
    on_loop = route.short and db.is_sqlite

    async def endpoint(request: Request) -> Response:
        try:
            account = await account_for(db, request.headers.get("authorization"))
            request.state.account = account.uuid  # for the request log
            if _nul_in_request(request):
                raise wire.bad_request("The path and query parameters must not contain NUL characters")
            # GET bodies are ignored: some clients send `{}` on every GET.
            body = await _read_body(request, max_body) if request.method != "GET" else None
            prepared = await run_in_threadpool(prepare, body) if prepare is not None else None
            if not transaction:
                path = dict(request.path_params)
                return handler(Call(request, account, path, request.query_params, body, NO_TRANSACTION, db))
            if on_loop:
                return _run(db, handler, request, account, body, prepared, False)
            write = request.method in WRITE_METHODS
            return await run_in_threadpool(_run, db, handler, request, account, body, prepared, write)
        except wire.ApiError as exc:
            return error_response(exc)
        except Exception:
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            return PlainTextResponse("500 Internal Server Error", status_code=500)

    return endpoint


class AccessLog:
    """One line per request at INFO on `mogul.server.access`: method, path, status, milliseconds and
    the account's uuid; never the query (it may hold an email), a key or a body. Nothing at all is done
    while that level is off (the Sandbox, the tests)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: AsgiScope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not access.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            account = scope.get("state", {}).get("account", "-")
            elapsed = (time.perf_counter() - started) * 1000
            access.info(
                "%s %s %d %.1fms account=%s", scope["method"], scope["path"], status, elapsed, account
            )


def _run(
    db: Database,
    handler: Handler,
    request: Request,
    account: Account,
    body: Any,
    prepared: Any,
    write: bool,
) -> Response:
    # writes of one account take turns (see Database.write), reads never wait
    with db.write(scope=account.id) if write else db.read() as conn:
        path = dict(request.path_params)
        call = Call(request, account, path, request.query_params, body, conn, db, prepared)
        return handler(call)


async def _not_found(request: Request, exc: Exception) -> Response:
    return json_response(wire.error_body(404, f"No route matches {request.url.path}"), 404)


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return json_response(
        wire.error_body(405, f"Method {request.method} is not allowed on {request.url.path}"), 405
    )


def _serve(document: dict[str, Any]) -> Callable[[Request], Any]:
    """The OpenAPI document, public (it says what the API is, not what an account holds)."""
    body = orjson.dumps(document)

    async def endpoint(request: Request) -> Response:
        return Response(body, media_type="application/json")

    return endpoint


def build_app(
    database: Database,
    apis: Iterable[Api],
    max_body_bytes: int | None = None,
    rate_limit: int | None = None,
) -> Starlette:
    """An ASGI app serving every route of `apis` under `/v1`, over `database`; `rate_limit` admits
    that many requests per second per account (see http/ratelimit.py; None: no limit, no layer)."""
    limit = max_body_bytes or int(os.environ.get("MOGUL_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))
    routes: list[Route] = []
    by_path: dict[str, dict[str, Endpoint]] = {}
    for api in apis:
        for route in api.routes:
            by_path.setdefault(route.path, {})[route.method] = route
    for path, endpoints in by_path.items():
        for method, route in endpoints.items():
            routes.append(Route("/v1" + path, _endpoint(database, route, limit), methods=[method]))
    doc = openapi.document(route for endpoints in by_path.values() for route in endpoints.values())
    routes.append(Route("/openapi.json", _serve(doc), methods=["GET"]))
    middleware = [Middleware(AccessLog)]
    if rate_limit is not None:
        middleware.append(Middleware(RateLimit, db=database, rate=rate_limit))
    app = Starlette(
        routes=routes, exception_handlers={404: _not_found, 405: _not_allowed}, middleware=middleware
    )
    app.state.db = database
    return app
