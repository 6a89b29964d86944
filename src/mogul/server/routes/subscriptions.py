"""Subscriptions: the Import API view (list, cancel) and the Metrics API view of a customer's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from starlette.responses import Response

from mogul.server import wire
from mogul.server.domain import derive
from mogul.server.domain.base import find
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import paginate
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response
from mogul.store import schema as s

api = Api()


def _select() -> Any:
    sub, ds, pl, c = s.subscriptions, s.data_sources, s.plans, s.customers
    return (
        select(sub, ds.c.uuid.label("ds_uuid"), pl.c.uuid.label("plan_uuid"), c.c.uuid.label("customer_uuid"))
        .join(ds, ds.c.id == sub.c.data_source_id)
        .join(c, c.c.id == sub.c.customer_id)
        .outerjoin(pl, pl.c.id == sub.c.plan_id)
    )


def serialize(row: Any) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "external_id": row.external_id,
        "subscription_set_external_id": row.subscription_set_external_id,
        "plan_uuid": row.plan_uuid,
        "customer_uuid": row.customer_uuid,
        "data_source_uuid": row.ds_uuid,
        "cancellation_dates": row.cancellation_dates,
    }


@api.get("/import/customers/{uuid}/subscriptions")
def list_imported(call: Call) -> Response:
    customer = find(call.scope, s.customers, call.path["uuid"], "Customer")
    page = paginate(
        call.conn,
        call.page(),
        _select().where(s.subscriptions.c.customer_id == customer.id),
        [s.subscriptions.c.id],
    )
    return json_response(
        {
            "customer_uuid": customer.uuid,
            "subscriptions": [serialize(r) for r in page.rows],
            # the legacy Python client reads these two on every page
            "current_page": 1,
            "total_pages": page.total_pages if page.first else 1,
            "cursor": page.cursor,
            "has_more": page.has_more,
        }
    )


@api.patch("/import/subscriptions/{uuid}")
def cancel(call: Call) -> Response:
    row = find(call.scope, s.subscriptions, call.path["uuid"], "Subscription")
    f = Fields(call.object_body())
    if f.has("cancellation_dates"):
        raw = f.data["cancellation_dates"]
        if not isinstance(raw, list):
            raise wire.invalid({"cancellation_dates": "cancellation_dates must be an array of timestamps."})
        dates = []
        for n, value in enumerate(raw):
            try:
                dates.append(wire.parse_time(value))
            except ValueError:
                f.fail(f"cancellation_dates[{n}]", "cancellation_dates must hold ISO 8601 timestamps.")
        f.check()
        stored = sorted({wire.fmt_ms(d) for d in dates})
    elif f.has("cancelled_at"):
        at = f.time("cancelled_at", required=True, past=True)
        f.check()
        assert at is not None
        stored = sorted({*row.cancellation_dates, wire.fmt_ms(at)})
    else:
        raise wire.param_missing("cancelled_at")
    call.conn.execute(
        update(s.subscriptions).where(s.subscriptions.c.id == row.id).values(cancellation_dates=stored)
    )
    derive.refresh(call.conn, call.account, {row.customer_id}, lines_removed=False)
    out = call.conn.execute(_select().where(s.subscriptions.c.id == row.id)).one()
    return json_response(serialize(out), 202)


@api.get("/customers/{uuid}/subscriptions")
def list_metrics(call: Call) -> Response:
    customer = find(call.scope, s.customers, call.path["uuid"], "Customer")
    result = derive.compute(call.conn, call.account, [customer.id])[customer.id]
    states = {st.uuid: st for st in result.subscriptions}
    sub = s.subscriptions
    page = paginate(
        call.conn, call.page(), _select().where(sub.c.customer_id == customer.id), [sub.c.id], count=False
    )
    plans = {
        r.uuid: r
        for r in call.conn.execute(
            select(s.plans).where(
                s.plans.c.uuid.in_([st.plan_uuid for st in states.values() if st.plan_uuid])
            )
        )
    }
    entries = []
    for row in page.rows:
        st = states.get(row.uuid)
        if st is None:
            continue
        plan = plans.get(st.plan_uuid) if st.plan_uuid else None
        currency = call.account.currency
        entries.append(
            {
                "id": row.id,
                "uuid": row.metrics_uuid,
                "external_id": row.external_id,
                "subscription_set_external_id": row.subscription_set_external_id or row.external_id,
                "plan": plan.name if plan else "",
                "quantity": st.quantity,
                "mrr": st.mrr,
                "arr": st.mrr * 12,
                "status": st.status,
                "billing-cycle": plan.interval_unit if plan else "month",
                "billing-cycle-count": plan.interval_count if plan else 1,
                "start-date": wire.fmt_offset(st.start),
                "end-date": wire.fmt_offset(st.end),
                "currency": currency,
                "currency-sign": wire.currency_sign(currency),
            }
        )
    body: dict[str, Any] = {"entries": entries, "has_more": page.has_more, "cursor": page.cursor}
    if page.first:
        body |= {"per_page": page.per_page, "page": 1}
    return json_response(body)
