"""Dashboard sessions: a login with an account's API key makes one, a random token in an HttpOnly,
SameSite=Strict cookie names it, and it ends at log out or when it expires.

The database keeps only the token's sha256, the account and the expiry (table `web_sessions`), so
several `mogul serve` processes over one database share the sessions, and a stolen database holds no
usable cookie. An expired session is refused and deleted when it is next presented; each login also
sweeps the expired ones.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select

from mogul.server import wire
from mogul.server.domain.accounts import Account, authenticate, digest
from mogul.store import schema as s
from mogul.store.engine import Database

COOKIE = "mogul_session"
DEFAULT_SESSION_SECONDS = 12 * 3600


def login(db: Database, api_key: str, lifetime: float) -> tuple[str, Account] | None:
    """A new session for the account of `api_key` (a token with its secret as `TOKEN:SECRET`): its
    cookie token and the account; None when the key is not one."""
    user, _, password = api_key.strip().partition(":")
    if not user:
        return None
    try:
        account = authenticate(db, user, password)
    except wire.ApiError:
        return None
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with db.write(scope=account.id) as conn:
        conn.execute(delete(s.web_sessions).where(s.web_sessions.c.expires_at <= now))
        conn.execute(
            insert(s.web_sessions).values(
                account_id=account.id,
                token_hash=digest(token),
                created_at=now,
                expires_at=now + timedelta(seconds=lifetime),
            )
        )
    return token, account


def account_of(db: Database, token: str | None) -> Account | None:
    """The account of a live session's token; None for no token, an unknown one or an expired one
    (which is deleted)."""
    if not token:
        return None
    ws, a = s.web_sessions, s.accounts
    with db.read() as conn:
        row = conn.execute(
            select(ws.c.id.label("session_id"), ws.c.expires_at, a)
            .join(a, a.c.id == ws.c.account_id)
            .where(ws.c.token_hash == digest(token))
        ).first()
    if row is None:
        return None
    if row.expires_at <= datetime.now(UTC):
        with db.write() as conn:
            conn.execute(delete(ws).where(ws.c.id == row.session_id))
        return None
    return Account(row.id, row.uuid, row.name, row.currency, row.time_zone, row.week_start_on)


def logout(db: Database, token: str | None) -> None:
    if token:
        with db.write() as conn:
            conn.execute(delete(s.web_sessions).where(s.web_sessions.c.token_hash == digest(token)))
