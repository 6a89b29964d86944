"""The dashboard's pages by path (each also at its path with `.json` and `.csv`), over one database."""

from __future__ import annotations

import os

from starlette.types import ASGIApp

from mogul.store.engine import Database
from mogul.web import cohort_page, customer_pages, pages
from mogul.web.app import Handler, dashboard_app

PAGES: dict[str, Handler] = {
    "/": pages.overview,
    "/mrr": pages.mrr,
    "/metrics/{name}": pages.metric,
    "/activities": pages.activity_list,
    "/cohorts": cohort_page.cohort_list,
    "/customers": customer_pages.customer_list,
    "/customers/{uuid}": customer_pages.customer,
}


def create(db: Database, session_seconds: float | None = None) -> ASGIApp:
    """The dashboard's ASGI app over `db`; a login lasts `session_seconds` (default: the hours in
    MOGUL_DASHBOARD_SESSION_HOURS, else 12)."""
    if session_seconds is None and (hours := os.environ.get("MOGUL_DASHBOARD_SESSION_HOURS")):
        session_seconds = float(hours) * 3600
    return dashboard_app(db, PAGES, session_seconds)
