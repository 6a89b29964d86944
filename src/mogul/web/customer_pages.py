"""The dashboard's customer pages: the list (status tabs, search, MRR order) and one customer's page
(its MRR step chart, subscriptions, invoices and activities, each as `/v1` shows them)."""

from __future__ import annotations

from typing import Any

from mogul.server import wire
from mogul.server.domain import activities, customers, dashboard, invoices, subscriptions
from mogul.server.domain.paging import PageRequest
from mogul.web.app import Page, View
from mogul.web.charts import chart, epoch, summary
from mogul.web.format import money

TABS = {"all": "All", "Active": "Active", "Past Due": "Past due", "Cancelled": "Cancelled", "Lead": "Leads"}
SORTS = {"-mrr": "MRR, largest first", "mrr": "MRR, smallest first", "name": "Name"}


def _page_number(raw: str) -> int:
    if not raw:
        return 1
    if not raw.isdecimal() or len(raw) > 6 or int(raw) < 1:
        raise wire.bad_request(f'Parameter "page" must be a positive integer, got {raw!r}', "page")
    return int(raw)


def customer_list(view: View) -> Page:
    query = dashboard.CustomerQuery(
        tab=view.param("status", "all"),
        search=view.param("q"),
        sort=view.param("sort", "-mrr"),
        page=_page_number(view.param("page")),
    )
    answer = dashboard.customer_list(view.scope, query)
    table: list[list[Any]] = [
        ["uuid", "external_id", "name", "email", "status", "country", "mrr", "customer-since"]
    ]
    table += [
        [
            c["uuid"],
            c["external_id"],
            c["name"],
            c["email"],
            c["status"],
            c["country"],
            c["mrr"],
            c["customer-since"],
        ]
        for c in answer["entries"]
    ]
    return Page(
        "customers.html",
        {
            "title": "Customers",
            "tabs": TABS,
            "sorts": SORTS,
            "query": query,
            "answer": answer,
            "sign": wire.currency_sign(view.scope.account.currency),
        },
        answer,
        table,
    )


def customer(view: View) -> Page:
    """One customer: 404 for a uuid of another account, as `/v1/customers/{uuid}`."""
    scope = view.scope
    uuid = view.request.path_params["uuid"]
    found = customers.retrieve(scope, uuid)
    subs = subscriptions.list_for_customer(scope, uuid, PageRequest())
    bills = invoices.list_for_customer(scope, uuid, PageRequest())
    moves = activities.list_for_customer(scope, uuid, PageRequest())
    sign = wire.currency_sign(scope.account.currency)
    dates = [a["date"][:10] for a in moves["entries"]]
    values = [a["activity-mrr"] for a in moves["entries"]]
    data = {"customer": found, "subscriptions": subs, "invoices": bills, "activities": moves}
    table: list[list[Any]] = [["date", "type", "activity-mrr-movement", "activity-mrr", "description"]]
    table += [
        [a["date"], a["type"], a["activity-mrr-movement"], a["activity-mrr"], a["description"]]
        for a in moves["entries"]
    ]
    return Page(
        "customer.html",
        {
            "title": found["name"] or found["external_id"],
            "customer": found,
            "subscriptions": subs["entries"],
            "invoices": bills["invoices"],
            "activities": moves["entries"],
            "chart": chart(
                "step",
                [epoch(d) for d in dates],
                [{"label": "MRR", "key": "mrr", "values": values}],
                money=sign,
            ),
            "chart_summary": summary("This customer's MRR", values, dates, lambda v: money(v, sign)),
            "sign": sign,
        },
        data,
        table,
    )
