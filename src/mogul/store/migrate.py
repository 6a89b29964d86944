"""Schema management: bring a database to the schema this version of mogul expects."""

from __future__ import annotations

from mogul.store.engine import Database
from mogul.store.schema import metadata


def ensure_schema(db: Database) -> None:
    """Create any missing table (a fresh database gets the whole schema)."""
    metadata.create_all(db.engine, checkfirst=True)
