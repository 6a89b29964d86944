"""Accounts and API keys: who is calling, as ChartMogul decides it, and what `GET /account` says of it.

An API key with an empty password or the key again, or a registered legacy account token with its
secret key (the HTTP side, reading the Basic credentials, is `http.auth`). Keys are stored as SHA-256
digests only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from mogul.server import wire
from mogul.store import schema as s
from mogul.store.engine import Database


@dataclass(frozen=True)
class Account:
    id: int
    uuid: str
    name: str
    currency: str
    time_zone: str
    week_start_on: str


# The account settings ChartMogul reports through `include`, with the behaviour mogul implements.
ACCOUNT_SETTINGS = {
    "churn_recognition": "churn_at_time_of_cancelation",
    "churn_when_zero_mrr": False,
    "auto_churn_subscription": False,
    "refund_handling": "refund_ignore",
    "proximate_movement_reclassification": "one_hour_reclassification",
}


def describe(account: Account, include: Iterable[str] = ()) -> dict[str, Any]:
    """`GET /account`: the calling account, with the settings named in `include` (others are ignored).

    It takes the account rather than a `Scope`, which is built on it (`domain.base` imports this module):
    everything it answers was read when the caller was authenticated."""
    body: dict[str, Any] = {
        "id": account.uuid,
        "name": account.name,
        "currency": account.currency,
        "time_zone": account.time_zone,
        "week_start_on": account.week_start_on,
    }
    for name in include:
        if name in ACCOUNT_SETTINGS:
            body[name] = ACCOUNT_SETTINGS[name]
    return body


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _account(row: Any) -> Account:
    return Account(row.id, row.uuid, row.name, row.currency, row.time_zone, row.week_start_on)


# A key's account, once looked up, is kept for this long in the process: most requests then need no
# query (and no thread) to know their caller. Keys are only ever added, and an account's settings do
# not change, so what is kept cannot go wrong; the limit bounds how long a key removed by hand from
# the database keeps working in a running server.
KEY_CACHE_SECONDS = 60.0
_KEY_CACHE_SIZE = 10_000
_keys: weakref.WeakKeyDictionary[Database, dict[str, tuple[float, str | None, Account]]] = (
    weakref.WeakKeyDictionary()
)


def _accepted(user: str, password: str, secret_hash: str | None) -> bool:
    """An API key takes an empty password or itself; a legacy token takes its secret."""
    return password in ("", user) or (
        secret_hash is not None and hmac.compare_digest(secret_hash, digest(password))
    )


def known(db: Database, user: str, password: str) -> Account | None:
    """The account of `user` if it was authenticated in the last KEY_CACHE_SECONDS (no query), else
    None: then `authenticate` decides."""
    kept = _keys.get(db, {}).get(digest(user))
    if kept is None or time.monotonic() - kept[0] > KEY_CACHE_SECONDS:
        return None
    return kept[2] if _accepted(user, password, kept[1]) else None


def authenticate(db: Database, user: str, password: str) -> Account:
    """The account of API key `user` (password empty or the key again), or of a legacy account token
    `user` with its secret key `password`; 401 otherwise."""
    key_hash = digest(user)
    with db.read() as conn:
        row = conn.execute(
            select(s.api_keys.c.secret_hash, s.accounts)
            .join(s.accounts, s.accounts.c.id == s.api_keys.c.account_id)
            .where(s.api_keys.c.key_hash == key_hash)
        ).first()
    if row is None or not _accepted(user, password, row.secret_hash):
        raise wire.unauthorized()
    account = _account(row)
    kept = _keys.setdefault(db, {})
    if len(kept) >= _KEY_CACHE_SIZE:
        kept.clear()
    kept[key_hash] = (time.monotonic(), row.secret_hash, account)
    return account


def _create_account(conn: Connection, name: str) -> int:
    result = conn.execute(
        insert(s.accounts).values(
            uuid=wire.new_uuid("account"),
            name=name,
            currency="USD",
            time_zone="UTC",
            week_start_on="sunday",
            created_at=s.utcnow(),
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def ensure_keys(db: Database, keys: list[str]) -> list[str]:
    """Make sure each key (or `TOKEN:SECRET` pair) has an account; create one if there is none at all.

    Returns the keys that were generated (to be printed once), empty when none was.
    """
    generated: list[str] = []
    with db.write() as conn:
        for spec in keys:
            token, _, secret = spec.partition(":")
            existing = conn.execute(
                select(s.api_keys.c.id, s.api_keys.c.secret_hash).where(
                    s.api_keys.c.key_hash == digest(token)
                )
            ).first()
            secret_hash = digest(secret) if secret else None
            if existing is not None:
                if secret_hash and existing.secret_hash != secret_hash:
                    conn.execute(
                        s.api_keys.update()
                        .where(s.api_keys.c.id == existing.id)
                        .values(secret_hash=secret_hash)
                    )
                continue
            count = conn.execute(select(s.accounts.c.id)).all()
            account_id = _create_account(conn, f"Account {len(count) + 1}")
            conn.execute(
                insert(s.api_keys).values(
                    account_id=account_id,
                    key_hash=digest(token),
                    secret_hash=secret_hash,
                    created_at=s.utcnow(),
                )
            )
        if conn.execute(select(s.accounts.c.id).limit(1)).first() is None:
            key = secrets.token_hex(16)
            account_id = _create_account(conn, "Account 1")
            conn.execute(
                insert(s.api_keys).values(
                    account_id=account_id, key_hash=digest(key), secret_hash=None, created_at=s.utcnow()
                )
            )
            generated.append(key)
    return generated
