"""What every domain function works with: the `Scope` of one request, and finding its objects.

Another account's uuid is as unknown as a made-up one: every lookup is confined to the scope's account.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.exc import IntegrityError

from mogul.server import wire
from mogul.server.domain.accounts import Account
from mogul.store.engine import Database


@dataclass(frozen=True)
class Scope:
    """One request's reach into the store: its transaction, the calling account, and the database
    (for what outlives a transaction, such as the metrics' cached activity log)."""

    conn: Connection
    account: Account
    db: Database


def find(scope: Scope, table: Table, uuid: str | None, what: str) -> Any:
    """The row of `table` with this uuid in the scope's account, or a 404 `{"error": "<what> not found"}`."""
    if not uuid:
        raise wire.not_found(what)
    row = scope.conn.execute(
        select(table).where(table.c.uuid == uuid, table.c.account_id == scope.account.id)
    ).first()
    if row is None:
        raise wire.not_found(what)
    return row


@dataclass(frozen=True)
class ExternalRef:
    """An object named by its external id within a data source (`?data_source_uuid=&external_id=`)."""

    data_source_uuid: str | None = None
    external_id: str | None = None


# What names one object: its uuid, or its external id within a data source.
Ref = str | ExternalRef


def locate(scope: Scope, table: Table, ref: Ref, what: str) -> Any:
    """The row of `table` that `ref` names in the scope's account: 400 when the external id or its data
    source is not given, 404 `{"error": "<what> not found"}` when there is no such row."""
    if isinstance(ref, str):
        return find(scope, table, ref, what)
    if not ref.data_source_uuid:
        raise wire.param_missing("data_source_uuid")
    if not ref.external_id:
        raise wire.param_missing("external_id")
    data_sources = table.metadata.tables["data_sources"]
    ds = find(scope, data_sources, ref.data_source_uuid, "Data source")
    row = scope.conn.execute(
        select(table).where(table.c.data_source_id == ds.id, table.c.external_id == ref.external_id)
    ).first()
    if row is None:
        raise wire.not_found(what)
    return row


@contextmanager
def duplicate_as(error: wire.ApiError) -> Iterator[None]:
    """Turn a unique-constraint violation inside the block into `error` (the database is the judge)."""
    try:
        yield
    except IntegrityError as exc:
        raise error from exc


def object_body(body: Any) -> dict[str, Any]:
    """A request body that must be a JSON object (none at all reads as empty)."""
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise wire.bad_request("The request body must be a JSON object")
    return body
