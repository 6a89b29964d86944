"""The ASGI app of `mogul serve`: every route group over one database, its schema made current."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount

from mogul import web
from mogul.server.http.pipeline import build_app
from mogul.server.routes import all_apis
from mogul.store.engine import Database
from mogul.store.migrate import ensure_schema


def create_app(
    db: Database | str | None = None,
    *,
    max_body_bytes: int | None = None,
    sandbox_control: bool = False,
    rate_limit: int | None = None,
    session_seconds: float | None = None,
) -> Starlette:
    """Build the ASGI app over `db` (a Database or URL; default from MOGUL_DATABASE_URL or mogul.db).
    `sandbox_control` adds the routes that reset, seed and snapshot an account (`/v1/_sandbox`);
    `rate_limit` answers 429 beyond that many requests per second of an account (None: no limit).
    The dashboard (`mogul.web`) is mounted at `/dashboard`; its logins last `session_seconds` (default
    from MOGUL_DASHBOARD_SESSION_HOURS, else 12 hours)."""
    database = db if isinstance(db, Database) else Database(db)
    ensure_schema(database)
    app = build_app(database, all_apis(sandbox_control=sandbox_control), max_body_bytes, rate_limit)
    app.router.routes.append(Mount(web.PREFIX, web.create(database, session_seconds)))
    return app
