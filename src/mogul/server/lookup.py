"""Finding an account's objects by uuid: another account's uuid is as unknown as a made-up one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select

from mogul.server import wire
from mogul.server.app import Call


def find(call: Call, table: Table, uuid: str | None, what: str) -> Any:
    """The row of `table` with this uuid in the caller's account, or a 404 `{"error": "<what> not found"}`."""
    if not uuid:
        raise wire.not_found(what)
    row = call.conn.execute(
        select(table).where(table.c.uuid == uuid, table.c.account_id == call.account.id)
    ).first()
    if row is None:
        raise wire.not_found(what)
    return row
