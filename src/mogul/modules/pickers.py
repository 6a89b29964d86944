"""Pickers: what Make shows as "Select the data source / customer / plan ...", as handles.

A picker field takes the object's uuid, or a handle a person knows:

* data source: its name;
* customer: its external id or email;
* plan: its external id or name;
* plan group: its name;
* invoice: its external id.

Handles are resolved with list calls. No match, or several, is a `HandleError` that lists candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mogul.errors import HandleError, NotFoundError
from mogul.flow import Context, Flow

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
PREFIXES = {
    "data_source": "ds_",
    "customer": "cus_",
    "plan": "pl_",
    "plan_group": "plg_",
    "invoice": "inv_",
    "subscription": "sub_",
    "line_item": "li_",
    "transaction": "tr_",
}
SHOWN = 10
# What each picker takes besides the object's uuid.
HANDLES: dict[str, tuple[str, ...]] = {
    "data_source": ("name",),
    "customer": ("external id", "email"),
    "plan": ("external id", "name"),
    "plan_group": ("name",),
    "invoice": ("external id",),
    "subscription": (),
}


def handles_text(kind: str) -> str:
    """What a picker field takes, in words: `its uuid (cus_...), external id or email`."""
    words = [f"its uuid ({PREFIXES[kind]}...)", *HANDLES[kind]]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def is_uuid(kind: str, handle: str) -> bool:
    """A ChartMogul uuid of this kind (`cus_` + UUID); a customer external id like `cus_0001` is not."""
    return re.fullmatch(PREFIXES[kind] + _UUID, handle.strip(), re.IGNORECASE) is not None


def _listing(items: Iterable[str], what: str) -> str:
    shown = list(items)
    if not shown:
        return f"there are no {what}"
    more = f" and {len(shown) - SHOWN} more" if len(shown) > SHOWN else ""
    return f"{what}: " + ", ".join(shown[:SHOWN]) + more


def _fail(field: str, message: str, candidates: list[str], what: str) -> HandleError:
    return HandleError(f"{message}; {_listing(candidates, what)}", field=field, candidates=candidates)


def _pick(found: list[Any], field: str, handle: str, what: str, describe: Any) -> str | None:
    """The one uuid in `found`; None when empty; an error listing them when there are several."""
    if len(found) == 1:
        return str(found[0]["uuid"])
    if len(found) > 1:
        raise _fail(field, f"{handle!r} matches {len(found)} {what}", [describe(x) for x in found], what)
    return None


def data_source(ctx: Context, handle: str, field: str = "data_source") -> Flow[str]:
    if is_uuid("data_source", handle):
        return handle
    body = yield from ctx.get("/data_sources", {"name": handle})
    found = list(body.get("data_sources") or [])
    all_sources = None
    if not found:
        all_sources = (yield from ctx.get("/data_sources")).get("data_sources") or []
        found = [d for d in all_sources if str(d.get("name", "")).casefold() == handle.casefold()]
    uuid = _pick(found, field, handle, "data sources", lambda d: f"{d['name']} ({d['uuid']})")
    if uuid is None:
        names = [f"{d['name']} ({d['uuid']})" for d in all_sources or []]
        raise _fail(field, f"no data source named {handle!r}", names, "data sources")
    return uuid


def _customer_label(c: Any) -> str:
    parts = [f"external id {c.get('external_id')}"]
    if c.get("email"):
        parts.append(c["email"])
    parts.append(f"data source {c.get('data_source_uuid')}")
    return f"{c['uuid']} ({', '.join(parts)})"


def customer(ctx: Context, handle: str, field: str = "customer", data_source: str | None = None) -> Flow[str]:
    if is_uuid("customer", handle):
        return handle
    found: list[Any] = []
    if "@" in handle:
        try:
            found = yield from ctx.collect("/customers/search", "entries", {"email": handle})
        except NotFoundError:
            found = []
        if data_source:
            found = [c for c in found if c.get("data_source_uuid") == data_source]
    if not found:
        found = yield from ctx.collect(
            "/customers", "entries", {"external_id": handle, "data_source_uuid": data_source}
        )
    uuid = _pick(found, field, handle, "customers", _customer_label)
    if uuid is None:
        scope = f" in data source {data_source}" if data_source else ""
        raise HandleError(
            f"no customer with external id or email {handle!r}{scope}; give its uuid (cus_...), "
            "external id or email",
            field=field,
        )
    return uuid


def _plan_label(p: Any) -> str:
    return f"{p.get('name')} ({p['uuid']}, external id {p.get('external_id')})"


def plan(ctx: Context, handle: str, field: str = "plan", data_source: str | None = None) -> Flow[str]:
    if is_uuid("plan", handle):
        return handle
    by_id = yield from ctx.collect(
        "/plans", "plans", {"external_id": handle, "data_source_uuid": data_source}
    )
    uuid = _pick(by_id, field, handle, "plans", _plan_label)
    if uuid is not None:
        return uuid
    every = yield from ctx.collect("/plans", "plans", {"data_source_uuid": data_source})
    named = [p for p in every if p.get("name") == handle] or [
        p for p in every if str(p.get("name", "")).casefold() == handle.casefold()
    ]
    uuid = _pick(named, field, handle, "plans", _plan_label)
    if uuid is None:
        scope = f" in data source {data_source}" if data_source else ""
        raise _fail(
            field,
            f"no plan with external id or name {handle!r}{scope}",
            [_plan_label(p) for p in every],
            "plans",
        )
    return uuid


def plan_group(ctx: Context, handle: str, field: str = "plan_group") -> Flow[str]:
    if is_uuid("plan_group", handle):
        return handle
    every = yield from ctx.collect("/plan_groups", "plan_groups")
    named = [g for g in every if g.get("name") == handle] or [
        g for g in every if str(g.get("name", "")).casefold() == handle.casefold()
    ]
    label = lambda g: f"{g.get('name')} ({g['uuid']})"  # noqa: E731
    uuid = _pick(named, field, handle, "plan groups", label)
    if uuid is None:
        raise _fail(field, f"no plan group named {handle!r}", [label(g) for g in every], "plan groups")
    return uuid


def invoice(ctx: Context, handle: str, field: str = "invoice", data_source: str | None = None) -> Flow[str]:
    if is_uuid("invoice", handle):
        return handle
    found = yield from ctx.collect(
        "/invoices", "invoices", {"external_id": handle, "data_source_uuid": data_source}, limit=SHOWN + 1
    )
    label = lambda i: f"{i['uuid']} (external id {i.get('external_id')}, customer {i.get('customer_uuid')})"  # noqa: E731
    uuid = _pick(found, field, handle, "invoices", label)
    if uuid is None:
        raise HandleError(
            f"no invoice with external id {handle!r}; give its uuid (inv_...) or external id", field=field
        )
    return uuid


def subscription(ctx: Context, handle: str, field: str = "subscription") -> Flow[str]:
    """Subscriptions are picked by uuid only (the Import API's `sub_...`)."""
    if not is_uuid("subscription", handle):
        raise HandleError(
            f"give the subscription's ChartMogul uuid (sub_...), got {handle!r}; "
            "`subscriptions list CUSTOMER` shows them",
            field=field,
        )
    return handle
    yield  # pragma: no cover
