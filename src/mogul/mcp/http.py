"""`mogul serve --mcp`: the same tools over streamable HTTP at `/mcp`, beside the API, by API key.

A request to `/mcp` carries the account's API key as ChartMogul's API takes it (HTTP Basic, the key as
the user name) or as a bearer token. The key is checked by the API itself (`GET /v1/ping`, remembered
for a minute) and a request without a valid one is answered 401 before any MCP is spoken. Each key gets
its own session state (client, account, confirmation tokens), and the SDK binds an MCP session, and
every sealed confirmation state, to the key that opened it. The tools talk to the server's own `/v1`
over loopback HTTP, as they would to ChartMogul.

    app = mount(api_app, "http://127.0.0.1:8080", Policy())   # what `mogul serve --mcp` serves
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx
from mcp.server.auth.middleware.auth_context import AuthContextMiddleware, get_access_token
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser, RequireAuthMiddleware
from mcp.server.auth.provider import AccessToken
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp, StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.authentication import AuthCredentials, AuthenticationBackend
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import HTTPConnection
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from mogul.mcp.server import Hub, Session, Toolbox, build_server
from mogul.mcp.tools import Policy

PATH = "/mcp"
KNOWN_SECONDS = 60.0


def _key_id(key: str) -> str:
    return "key-" + hashlib.sha256(key.encode()).hexdigest()[:16]


class KeyBackend(AuthenticationBackend):
    """Authenticates `/mcp` by the account's API key (Basic or Bearer), asking the API whether it is one."""

    def __init__(self, base_url: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.base_url = base_url
        self.clock = clock
        self._known: dict[str, float] = {}  # key id -> until when it is known good

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, AuthenticatedUser] | None:
        key = _presented_key(conn.headers.get("authorization", ""))
        if not key:
            return None
        ident = _key_id(key)
        if self._known.get(ident, 0.0) <= self.clock():
            async with httpx.AsyncClient(base_url=self.base_url, timeout=10) as http:
                answer = await http.get("/v1/ping", auth=(key, ""))
            if answer.status_code != 200:
                return None
            self._known[ident] = self.clock() + KNOWN_SECONDS
        token = AccessToken(token=key, client_id=ident, scopes=[], subject=ident)
        return AuthCredentials([]), AuthenticatedUser(token)


def _presented_key(header: str) -> str | None:
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() == "bearer":
        return value.strip() or None
    if scheme.lower() == "basic":
        try:
            user, _, _password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return user or None
    return None


class KeyedHub(Hub):
    """A Session per API key, made when the key first calls; their clients close with the server."""

    def __init__(self, base_url: str, policy: Policy, toolbox: Toolbox) -> None:
        super().__init__()
        self.base_url, self.policy, self.toolbox = base_url, policy, toolbox
        self._sessions: dict[str, Session] = {}

    def session(self) -> Session:
        token = get_access_token()
        if token is None:  # RequireAuthMiddleware lets no such request through
            raise RuntimeError("an MCP call without an authenticated key")
        session = self._sessions.get(token.client_id)
        if session is None:
            from mogul.client import AsyncClient

            client = AsyncClient(api_key=token.token, base_url=self.base_url)
            session = self._sessions[token.client_id] = Session(client, self.policy, self.toolbox)
        return session

    async def aclose(self) -> None:
        for session in self._sessions.values():
            await session.client.aclose()


def loopback(base_url: str) -> str:
    """The server's own address as a client on this machine reaches it (0.0.0.0 is not an address)."""
    parts = urlsplit(base_url)
    host = {"0.0.0.0": "127.0.0.1", "[::]": "[::1]"}.get(parts.netloc.rsplit(":", 1)[0])
    if host is None:
        return base_url.rstrip("/")
    return f"{parts.scheme}://{host}:{parts.port}"


def mcp_app(base_url: str, policy: Policy) -> Starlette:
    """The ASGI app of `/mcp` alone (its lifespan runs the SDK's session manager)."""
    own = loopback(base_url)

    @asynccontextmanager
    async def keyed(toolbox: Toolbox) -> AsyncIterator[Hub]:
        hub = KeyedHub(own, policy, toolbox)
        try:
            yield hub
        finally:
            await hub.aclose()

    server = build_server(None, policy, hub=keyed)
    host = urlsplit(own).netloc
    security = None
    if urlsplit(own).hostname in ("127.0.0.1", "localhost", "::1"):
        port = urlsplit(own).port
        security = TransportSecuritySettings(
            enable_dns_rebinding_protection=True,
            allowed_hosts=[host, f"localhost:{port}"],
            allowed_origins=[f"http://{host}", f"http://localhost:{port}"],
        )
    manager = StreamableHTTPSessionManager(app=server, security_settings=security)
    endpoint = RequireAuthMiddleware(StreamableHTTPASGIApp(manager), [], None)
    return Starlette(
        routes=[Route(PATH, endpoint=endpoint, methods=["GET", "POST", "DELETE"])],
        middleware=[
            Middleware(AuthenticationMiddleware, backend=KeyBackend(own)),
            Middleware(AuthContextMiddleware),
        ],
        lifespan=lambda _app: manager.run(),
    )


def mount(api: ASGIApp, base_url: str, policy: Policy) -> ASGIApp:
    """`api` with `/mcp` beside it; the lifespan (which the server must run) is the MCP app's."""
    mcp = mcp_app(base_url, policy)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan" or scope.get("path") in (PATH, PATH + "/"):
            await mcp(scope, receive, send)
        else:
            await api(scope, receive, send)

    return app


def mounter(policy: Policy) -> Callable[[Any, str], ASGIApp]:
    """What `mogul serve --mcp` hands the server: wrap its app once its address is known."""
    return lambda api, base_url: mount(api, base_url.removesuffix("/v1"), policy)
