"""The dashboard's ASGI app, mounted by `mogul.server.app` at `/dashboard`: log in and out, the pages,
and the static files shipped in the package.

Every page is a function from a `View` (the request, its account's `Scope` in a read transaction, its
query) to a `Page`: the template and its values, the `.json` answer and the `.csv` table. Each page is
served at its path and at the path with `.json` and `.csv`. A page raises `wire.ApiError` as the
domain does: its status becomes the page's (a 404 for another account's customer, a 400 with the
message for a bad filter).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

import jinja2
import orjson
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Send
from starlette.types import Scope as AsgiScope

from mogul.server import wire
from mogul.server.domain.base import Scope
from mogul.store.engine import Database
from mogul.web import format as fmt
from mogul.web import sessions
from mogul.web.charts import script_json
from mogul.web.filters import Filters

PREFIX = "/dashboard"
HERE = Path(__file__).parent
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
MAX_FORM_BYTES = 16 * 1024

templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals.update(prefix=PREFIX, fmt_json=script_json)
templates.filters.update(
    money=fmt.money, number=fmt.number, percent=fmt.percent, change=fmt.change, figure=fmt.figure
)


@dataclass
class View:
    request: Request
    scope: Scope
    filters: Filters

    @property
    def path(self) -> str:
        return self.request.url.path

    def param(self, name: str, default: str = "") -> str:
        return self.filters.get(name, default)


@dataclass
class Page:
    template: str
    context: dict[str, Any]
    data: Any  # the .json answer
    table: list[list[Any]] = field(default_factory=list)  # the .csv: a header row, then the rows


Handler = Callable[[View], Page]


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _html(template: str, code: int = 200, **context: Any) -> HTMLResponse:
    body = templates.get_template(template).render(**context)
    return HTMLResponse(body, code, headers={"cache-control": "no-store"})


def _csv(table: Iterable[list[Any]]) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(table)
    return Response(
        out.getvalue(), media_type="text/csv; charset=utf-8", headers={"cache-control": "no-store"}
    )


def _json(data: Any, status: int = 200) -> Response:
    return Response(
        orjson.dumps(data), status, media_type="application/json", headers={"cache-control": "no-store"}
    )


def _login_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{PREFIX}/login?next={quote(target, safe='')}", 303)


def _page(db: Database, handler: Handler, form: str) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        account = sessions.account_of(db, request.cookies.get(sessions.COOKIE))
        if account is None:
            if form == "html":
                return _login_redirect(request)
            return _json(wire.error_body(401, "Log in to the dashboard first"), 401)
        try:
            with db.read() as conn:
                filters = Filters(request.query_params)
                page = handler(View(request, Scope(conn, account, db), filters))
        except wire.ApiError as exc:
            if form != "html":
                return _json(exc.body, exc.status)
            return _html("error.html", exc.status, account=account, status=exc.status, message=_message(exc))
        if form == "json":
            return _json(page.data)
        if form == "csv":
            return _csv(page.table)
        base = request.url.path
        context = {
            "account": account,
            "filters": filters,
            "path": base,
            "json_url": _alternate(request, ".json"),
            "csv_url": _alternate(request, ".csv"),
            **page.context,
        }
        return _html(page.template, **context)

    return endpoint


def _alternate(request: Request, suffix: str) -> str:
    path = request.url.path.rstrip("/") or PREFIX
    if path == PREFIX:
        path += "/overview"
    return path + suffix + (f"?{request.url.query}" if request.url.query else "")


def _message(exc: wire.ApiError) -> str:
    body = exc.body if isinstance(exc.body, Mapping) else {}
    return str(body.get("message") or body.get("error") or f"Error {exc.status}")


def _same_origin(request: Request) -> bool:
    """A form post from this server's own pages (browsers send Origin on a POST)."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return origin == f"{request.url.scheme}://{request.url.netloc}"


async def _form(request: Request) -> dict[str, str]:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return {}
    return {name: values[0] for name, values in parse_qs(body.decode("utf-8", "replace")).items()}


def _next(raw: str | None) -> str:
    """Where to go after logging in: a dashboard path only (never another site)."""
    if raw and raw.startswith(PREFIX + "/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return PREFIX + "/"


def _auth_routes(db: Database, lifetime: float) -> list[BaseRoute]:
    async def login_form(request: Request) -> Response:
        return _html("login.html", next=_next(request.query_params.get("next")), error=None)

    async def login(request: Request) -> Response:
        if not _same_origin(request):
            return _html(
                "login.html", 403, next=PREFIX + "/", error="This form must be sent from the dashboard."
            )
        form = await _form(request)
        target = _next(form.get("next"))
        made = await run_in_threadpool(sessions.login, db, form.get("api_key", ""), lifetime)
        if made is None:
            return _html("login.html", 401, next=target, error="That is not an API key of this server.")
        token, _account = made
        response = RedirectResponse(target, 303)
        response.set_cookie(
            sessions.COOKIE,
            token,
            max_age=int(lifetime),
            path=PREFIX,
            httponly=True,
            samesite="strict",
            secure=_secure(request),
        )
        return response

    async def logout(request: Request) -> Response:
        if not _same_origin(request):
            return _json(wire.error_body(403, "Log out from the dashboard's own page"), 403)
        await run_in_threadpool(sessions.logout, db, request.cookies.get(sessions.COOKIE))
        response = RedirectResponse(PREFIX + "/login", 303)
        response.delete_cookie(
            sessions.COOKIE, path=PREFIX, httponly=True, samesite="strict", secure=_secure(request)
        )
        return response

    return [
        Route("/login", login_form, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
    ]


class SecurityHeaders:
    """The Content-Security-Policy (`default-src 'self'`: nothing from elsewhere, no inline script or
    style) and its companions, on every answer of the dashboard."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: AsgiScope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, sending)


def _not_found(request: Request, exc: Exception) -> Response:
    return _html("error.html", 404, account=None, status=404, message=f"No page at {request.url.path}")


def dashboard_app(
    db: Database, pages: Mapping[str, Handler], session_seconds: float | None = None
) -> ASGIApp:
    """The dashboard over `db`: `pages` maps each path (under PREFIX) to its page."""
    lifetime = float(session_seconds or sessions.DEFAULT_SESSION_SECONDS)
    routes: list[BaseRoute] = [*_auth_routes(db, lifetime)]
    for path, handler in pages.items():
        for suffix in (".json", ".csv"):
            stem = "/overview" if path == "/" else path
            routes.append(Route(stem + suffix, _page(db, handler, suffix[1:]), methods=["GET"]))
        routes.append(Route(path, _page(db, handler, "html"), methods=["GET"]))
    routes.append(Mount("/static", StaticFiles(directory=HERE / "static"), name="static"))
    app = Starlette(routes=routes, exception_handlers={404: _not_found, 405: _not_found})
    return SecurityHeaders(app)
