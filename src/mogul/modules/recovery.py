"""Safe retries of creates: how each create finds what an attempt whose answer was lost created.

ChartMogul has no idempotency keys. Objects with an external id (or a unique name) are unique per data
source, so a create that is sent again after a lost answer gets a duplicate 422; `ByKey` turns that
422 into the object the first attempt created. Objects without a natural key (a plan without an
external id, a plan group, a transaction without an external id) use `BySnapshot`: the matching objects
are listed before the first attempt, and after a lost answer a new match is the one that was created.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mogul.flow import Context, Flow, Recovery, Reply
from mogul.flow.record import Record

DUPLICATE_KEYS = ("external_id", "line_items.external_id", "transactions.external_id", "name")


def is_duplicate_message(message: Any) -> bool:
    text = " ".join(message) if isinstance(message, list) else str(message)
    text = text.lower()
    return "already exists" in text or "already been taken" in text


def duplicate_of(reply: Reply, key: str) -> bool:
    """Whether this 422 says exactly that `key` is taken (and nothing else is wrong)."""
    body = reply.body
    if reply.status != 422 or not isinstance(body, dict) or not isinstance(body.get("errors"), dict):
        return False
    errors = body["errors"]
    return set(errors) == {key} and is_duplicate_message(errors[key])


Lookup = Callable[[Context], Flow[Any]]


class ByKey(Recovery):
    """The object is unique by `key`: a duplicate 422 on a retry means the lost attempt created it."""

    def __init__(self, key: str, lookup: Lookup) -> None:
        self.key = key
        self.lookup = lookup

    def on_error(self, ctx: Context, reply: Reply, state: Any) -> Flow[Any | None]:
        if not duplicate_of(reply, self.key):
            return None
        return (yield from self.lookup(ctx))


class BySnapshot(Recovery):
    """No natural key: remember the matching objects before the first attempt; after a lost answer a
    new matching object is the one that attempt created (none: send again)."""

    def __init__(self, listing: Lookup, matches: Callable[[Any], bool], ident: str = "uuid") -> None:
        self.listing = listing
        self.matches = matches
        self.ident = ident  # the key of an object's id (a task's is `task_uuid`)

    def _matching(self, ctx: Context) -> Flow[list[Any]]:
        items = yield from self.listing(ctx)
        return [item for item in items if self.matches(item)]

    def prepare(self, ctx: Context) -> Flow[Any]:
        before = yield from self._matching(ctx)
        return {item.get(self.ident) for item in before}

    def after_lost(self, ctx: Context, state: Any) -> Flow[Any | None]:
        now = yield from self._matching(ctx)
        new = [item for item in now if item.get(self.ident) not in state]
        return new[-1] if new else None


class InvoiceBatch(Recovery):
    """An invoice import is all or nothing. If a retry is refused because every invoice of the batch
    already exists (and nothing else is wrong), the lost attempt imported them: read them back."""

    def __init__(self, customer_uuid: str, external_ids: list[str]) -> None:
        self.customer_uuid = customer_uuid
        self.external_ids = external_ids

    def on_error(self, ctx: Context, reply: Reply, state: Any) -> Flow[Any | None]:
        body = reply.body
        if reply.status != 422 or not isinstance(body, dict) or not isinstance(body.get("invoices"), list):
            return None
        reports = body["invoices"]
        if len(reports) != len(self.external_ids) or not self.external_ids:
            return None
        for report in reports:
            errors = report.get("errors") if isinstance(report, dict) else None
            if not isinstance(errors, dict) or "external_id" not in errors:
                return None
            if not all(k in DUPLICATE_KEYS and is_duplicate_message(v) for k, v in errors.items()):
                return None
        invoices = []
        for external_id in self.external_ids:
            found = yield from ctx.collect(
                "/invoices", "invoices", {"customer_uuid": self.customer_uuid, "external_id": external_id}
            )
            if len(found) != 1:
                return None
            invoices.append(found[0])
        return Record(invoices=invoices)
