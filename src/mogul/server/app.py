"""The ASGI app of `mogul serve`: every route group over one database, its schema made current."""

from __future__ import annotations

from starlette.applications import Starlette

from mogul.server.http.pipeline import build_app
from mogul.server.routes import all_apis
from mogul.store.engine import Database
from mogul.store.migrate import ensure_schema


def create_app(db: Database | str | None = None, *, max_body_bytes: int | None = None) -> Starlette:
    """Build the ASGI app over `db` (a Database or URL; default from MOGUL_DATABASE_URL or mogul.db)."""
    database = db if isinstance(db, Database) else Database(db)
    ensure_schema(database)
    return build_app(database, all_apis(), max_body_bytes)
