"""The two tokens a tool hands out: a list's cursor, and the confirmation of a delete or cancellation.

A cursor says where a list goes on (`mogul.flow.Position`) and for which call: it holds a digest of the
tool's other arguments, so a cursor used with other filters is refused rather than answering another
list's page.

A confirmation token is what a client that cannot ask the user gets with the preview of a destructive
call: an HMAC (under a key of this process) of the tool, its arguments and an expiry a few minutes
ahead. It is good for that one call with those arguments, once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import time
from collections.abc import Callable, Mapping
from typing import Any

from mogul.errors import InputError
from mogul.flow import Position

CONFIRMATION_SECONDS = 300.0


def canonical(tool: str, arguments: Mapping[str, Any]) -> bytes:
    return json.dumps([tool, dict(arguments)], sort_keys=True, separators=(",", ":"), default=str).encode()


def digest(tool: str, arguments: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(tool, arguments)).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# -- cursors ----------------------------------------------------------------------------------------------


def encode_cursor(tool: str, arguments: Mapping[str, Any], position: Position | None) -> str | None:
    if position is None:
        return None
    state = {
        "a": digest(tool, arguments),
        "c": position.cursor,
        "s": position.skip,
        "p": position.per_page,
        "g": position.paged,
    }
    return _b64(json.dumps(state, separators=(",", ":")).encode())


def decode_cursor(tool: str, arguments: Mapping[str, Any], cursor: Any) -> Position:
    """The position a cursor stands for; an InputError (field `cursor`) for one of another call."""
    if not isinstance(cursor, str):
        raise InputError("must be the cursor text of a previous answer", field="cursor")
    try:
        state = json.loads(_unb64(cursor))
        position = Position(
            cursor=state["c"], skip=int(state["s"]), per_page=state["p"], paged=bool(state["g"])
        )
        made_for = state["a"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise InputError("is not a cursor this tool gave (copy it whole)", field="cursor") from None
    if made_for != digest(tool, arguments):
        raise InputError(
            "belongs to a call with other arguments: go on with the same arguments, or start without a "
            "cursor",
            field="cursor",
        )
    return position


# -- confirmations ----------------------------------------------------------------------------------------


class Confirmations:
    """Issues and redeems the confirmation tokens of one server process."""

    def __init__(self, seconds: float = CONFIRMATION_SECONDS, clock: Callable[[], float] = time.time) -> None:
        self.seconds = seconds
        self.clock = clock
        self._key = os.urandom(32)
        self._used: dict[str, float] = {}

    def _mac(self, tool: str, arguments: Mapping[str, Any], expires: int) -> str:
        message = canonical(tool, arguments) + b"\n" + str(expires).encode()
        return _b64(hmac.new(self._key, message, hashlib.sha256).digest())

    def issue(self, tool: str, arguments: Mapping[str, Any]) -> tuple[str, float]:
        """A token for this call, and when it expires (seconds since the epoch)."""
        expires = int(self.clock() + self.seconds)
        return f"{expires}.{self._mac(tool, arguments, expires)}", float(expires)

    def redeem(self, token: Any, tool: str, arguments: Mapping[str, Any]) -> None:
        """Accept a token once for this very call; an InputError (field `confirmation`) otherwise."""
        now = self.clock()
        self._used = {t: at for t, at in self._used.items() if at > now}
        expires_text, _, mac = str(token).partition(".")
        if not expires_text.isdigit() or not hmac.compare_digest(
            mac, self._mac(tool, arguments, int(expires_text))
        ):
            raise InputError(
                "is not the token of a preview of this call with these arguments: call without it to get "
                "a preview and a token",
                field="confirmation",
            )
        if int(expires_text) <= now:
            raise InputError("has expired: call without it for a fresh preview", field="confirmation")
        if token in self._used:
            raise InputError("was used already: call without it for a fresh preview", field="confirmation")
        self._used[str(token)] = float(expires_text)
