"""What a data source holds, read back over the API, and what a generated history says it should hold:
both in one comparable shape (external ids, amounts, dates), so tests compare them exactly."""

from __future__ import annotations

from typing import Any

import httpx

from mogul.bulk.sample import History
from mogul.server.wire import fmt_ms, parse_time


def _all(api: httpx.Client, path: str, key: str, params: dict[str, Any]) -> list[Any]:
    out: list[Any] = []
    cursor = None
    while True:
        response = api.get(path, params={**params, "per_page": 200, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        out.extend(body[key])
        cursor = body.get("cursor")
        if not body.get("has_more") or not cursor:
            return out


def _time(value: Any) -> str | None:
    return fmt_ms(parse_time(value)) if value is not None else None


def stored(api: httpx.Client, ds_uuid: str) -> dict[str, Any]:
    """Plans, customers and invoices (with line items and transactions) of the data source."""
    plans = _all(api, "/plans", "plans", {"data_source_uuid": ds_uuid})
    plan_ext = {p["uuid"]: p["external_id"] for p in plans}
    customers = _all(api, "/customers", "entries", {"data_source_uuid": ds_uuid})
    invoices = _all(api, "/invoices", "invoices", {"data_source_uuid": ds_uuid})
    return {
        "plans": sorted(
            (p["external_id"], p["name"], p["interval_count"], p["interval_unit"]) for p in plans
        ),
        "customers": sorted((c["external_id"], c["name"], c["email"], c["country"]) for c in customers),
        "invoices": {
            inv["external_id"]: (
                inv["customer_external_id"],
                inv["date"],
                inv["currency"],
                sorted(
                    (
                        li["external_id"],
                        li["type"],
                        li["amount_in_cents"],
                        li["quantity"],
                        plan_ext.get(li["plan_uuid"]),
                    )
                    for li in inv["line_items"]
                ),
                sorted(
                    (t["external_id"], t["type"], t["result"], t["date"], t["amount_in_cents"])
                    for t in inv["transactions"]
                ),
            )
            for inv in invoices
        },
        "invoice_count": len(invoices),
    }


def expected(history: History, invoices: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The same shape from a generated history (or from a subset of its invoices)."""
    chosen = history.invoices if invoices is None else invoices
    return {
        "plans": sorted(
            (p["external_id"], p["name"], p["interval_count"], p["interval_unit"]) for p in history.plans
        ),
        "customers": sorted(
            (c["external_id"], c["name"], c["email"], c["country"]) for c in history.customers
        ),
        "invoices": {
            inv["external_id"]: (
                inv["customer_external_id"],
                _time(inv["date"]),
                inv["currency"],
                sorted(
                    (
                        li["external_id"],
                        li["type"],
                        li["amount_in_cents"],
                        li.get("quantity", 1),
                        li.get("plan_external_id"),
                    )
                    for li in inv["line_items"]
                ),
                sorted(
                    (t["external_id"], t["type"], t["result"], _time(t["date"]), t.get("amount_in_cents"))
                    for t in inv["transactions"]
                ),
            )
            for inv in chosen
        },
        "invoice_count": len(chosen),
    }
