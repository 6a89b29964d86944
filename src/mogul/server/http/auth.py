"""HTTP Basic credentials, as ChartMogul reads them: the key as user name with an empty password, or
the key as both, or a legacy account token with its secret key."""

from __future__ import annotations

import base64
import binascii

from starlette.concurrency import run_in_threadpool

from mogul.server import wire
from mogul.server.domain.accounts import Account, authenticate, known
from mogul.store.engine import Database


def parse_basic(header: str | None) -> tuple[str, str] | None:
    if not header or header[:6].lower() != "basic ":
        return None
    try:
        user, _, password = base64.b64decode(header[6:].strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return user, password


def credentials_of(header: str | None) -> tuple[str, str]:
    """The key (or token) and password of the `Authorization` header, or 401."""
    credentials = parse_basic(header)
    if credentials is None or not credentials[0]:
        raise wire.unauthorized()
    return credentials


def known_account(db: Database, header: str | None) -> Account | None:
    """The account of a key the process authenticated a moment ago (no query), else None; 401 for a
    header that names no key at all."""
    return known(db, *credentials_of(header))


def account_of(db: Database, header: str | None) -> Account:
    """The account the `Authorization` header names, or 401 (queries the database)."""
    return authenticate(db, *credentials_of(header))


async def account_for(db: Database, header: str | None) -> Account:
    """The account the `Authorization` header names, or 401: known to the process (no thread), else
    looked up in a worker thread."""
    account = known_account(db, header)
    return account if account is not None else await run_in_threadpool(account_of, db, header)
