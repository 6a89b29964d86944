"""The official Python client's Metrics API calls parse mogul's answers, and the numbers are ChartMogul's.

One customer story, through `chartmogul` 4.11.0: a monthly Gold plan at $50 from Jan 2023, an upgrade to
$80 in March, a cancellation on 15 May; a second customer joins in April at $20.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any

import chartmogul
import httpx
import pytest

from mogul.server.sandbox import Sandbox


@pytest.fixture(scope="module")
def story(database_factory: Callable[[], str]) -> Any:
    # Its own sandbox: metrics are account-wide, so no other test's data may be in this account.
    with Sandbox(database_factory()) as box:
        cfg = chartmogul.Config(box.api_key)
        cfg.uri = box.api_url
        ds = chartmogul.DataSource.create(cfg, data={"name": "billing"}).get()
        plan = chartmogul.Plan.create(
            cfg,
            data={"data_source_uuid": ds.uuid, "name": "Gold", "interval_count": 1, "interval_unit": "month"},
        ).get()
        people = {}
        for ext, country in [("ada", "GB"), ("bob", "US")]:
            people[ext] = chartmogul.Customer.create(
                cfg,
                data={
                    "data_source_uuid": ds.uuid,
                    "external_id": ext,
                    "name": ext.title(),
                    "country": country,
                },
            ).get()

        def invoice(ext: str, sub: str, start: str, end: str, amount: int) -> dict[str, Any]:
            return {
                "external_id": ext,
                "date": start,
                "currency": "USD",
                "line_items": [
                    {
                        "type": "subscription",
                        "subscription_external_id": sub,
                        "plan_uuid": plan.uuid,
                        "service_period_start": start,
                        "service_period_end": end,
                        "amount_in_cents": amount,
                    }
                ],
            }

        chartmogul.Invoice.create(
            cfg,
            uuid=people["ada"].uuid,
            data={
                "invoices": [
                    invoice("a1", "ada-sub", "2023-01-01", "2023-02-01", 5000),
                    invoice("a2", "ada-sub", "2023-02-01", "2023-03-01", 5000),
                    invoice("a3", "ada-sub", "2023-03-01", "2023-04-01", 8000),
                    invoice("a4", "ada-sub", "2023-04-01", "2023-05-01", 8000),
                ]
            },
        ).get()
        chartmogul.Invoice.create(
            cfg,
            uuid=people["bob"].uuid,
            data={"invoices": [invoice("b1", "bob-sub", "2023-04-10", "2023-05-10", 2000)]},
        ).get()
        sub = chartmogul.Customer.subscriptions(cfg, uuid=people["ada"].uuid).get().entries[0]
        imported = chartmogul.CustomerSubscription.list_imported(cfg, uuid=people["ada"].uuid).get()
        chartmogul.CustomerSubscription.cancel(
            cfg, uuid=imported.subscriptions[0].uuid, data={"cancelled_at": "2023-05-15T00:00:00Z"}
        ).get()
        yield {"cfg": cfg, "people": people, "sub": sub, "key": box.api_key}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_mrr_series_by_month(story: Any) -> None:
    result = chartmogul.Metrics.mrr(
        story["cfg"], start_date="2023-01-01", end_date="2023-06-30", interval="month"
    ).get()
    rows = [
        (e.date, e.mrr, e.mrr_new_business, e.mrr_expansion, e.mrr_contraction, e.mrr_churn)
        for e in result.entries
    ]
    assert rows == [
        (dt.date(2023, 1, 31), 5000, 5000, 0, 0, 0),
        (dt.date(2023, 2, 28), 5000, 0, 0, 0, 0),
        (dt.date(2023, 3, 31), 8000, 0, 3000, 0, 0),
        (dt.date(2023, 4, 30), 10000, 2000, 0, 0, 0),
        (dt.date(2023, 5, 31), 2000, 0, 0, 0, -8000),
        (dt.date(2023, 6, 30), 2000, 0, 0, 0, 0),
    ]
    assert [e.percentage_change for e in result.entries] == [0.0, 0.0, 60.0, 25.0, -80.0, 0.0]
    assert (result.summary.current, result.summary.previous) == (2000.0, 2000.0)


def test_all_key_metrics(story: Any) -> None:
    result = chartmogul.Metrics.all(
        story["cfg"], start_date="2023-04-01", end_date="2023-05-31", interval="month"
    ).get()
    april, may = result.entries
    assert (april.date, april.mrr, april.arr, april.customers, april.arpa, april.asp) == (
        dt.date(2023, 4, 30),
        10000,
        120000,
        2,
        5000,
        2000,
    )
    # May: one of the two customers at the start churned; net MRR churn is the $80 lost over $100.
    assert (may.customers, may.customer_churn_rate, may.mrr_churn_rate, may.arpa) == (1, 50.0, 80.0, 2000)
    assert may.ltv == 4000
    assert result.summary.current_customers == 1.0


def test_single_metric_endpoints(story: Any) -> None:
    cfg = story["cfg"]
    query = {"start_date": "2023-04-01", "end_date": "2023-04-30", "interval": "month"}
    assert [e.arr for e in chartmogul.Metrics.arr(cfg, **query).get().entries] == [120000]
    assert [e.arpa for e in chartmogul.Metrics.arpa(cfg, **query).get().entries] == [5000]
    assert [e.asp for e in chartmogul.Metrics.asp(cfg, **query).get().entries] == [2000]
    assert [e.customers for e in chartmogul.Metrics.customer_count(cfg, **query).get().entries] == [2]
    assert [
        e.customer_churn_rate for e in chartmogul.Metrics.customer_churn_rate(cfg, **query).get().entries
    ] == [0.0]
    assert [e.mrr_churn_rate for e in chartmogul.Metrics.mrr_churn_rate(cfg, **query).get().entries] == [0.0]
    assert [e.ltv for e in chartmogul.Metrics.ltv(cfg, **query).get().entries] == [0.0]


def test_geo_filter(story: Any) -> None:
    result = chartmogul.Metrics.mrr(
        story["cfg"], start_date="2023-04-01", end_date="2023-04-30", interval="month", geo="US"
    ).get()
    assert [e.mrr for e in result.entries] == [2000]


def test_activities(story: Any) -> None:
    result = chartmogul.Activity.all(story["cfg"], start_date="2023-01-01T00:00:00Z").get()
    rows = [(a.type, a.activity_mrr_movement, a.activity_mrr, a.customer_name) for a in result.entries]
    assert rows == [
        ("new_biz", 5000, 5000, "Ada"),
        ("expansion", 3000, 8000, "Ada"),
        ("new_biz", 2000, 2000, "Bob"),
        ("churn", -8000, 0, "Ada"),
    ]
    assert result.has_more is False
    churn_only = chartmogul.Activity.all(story["cfg"], type="churn").get()
    assert [a.date for a in churn_only.entries] == [dt.datetime(2023, 5, 15, tzinfo=dt.UTC)]


def test_customer_activities_and_subscriptions(story: Any) -> None:
    cfg, ada = story["cfg"], story["people"]["ada"]
    activities = chartmogul.CustomerActivity.all(cfg, uuid=ada.uuid).get()
    assert [(a.type, a.activity_arr) for a in activities.entries] == [
        ("new_biz", 60000),
        ("expansion", 96000),
        ("churn", 0),
    ]
    subscriptions = chartmogul.CustomerSubscription.all(cfg, uuid=ada.uuid).get()
    entry = subscriptions.entries[0]
    assert (entry.mrr, entry.status, entry.plan, entry.start_date) == (
        0,
        "inactive",
        "Gold",
        dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
    )
    assert entry.end_date == dt.datetime(2023, 5, 1, tzinfo=dt.UTC)
    customer = chartmogul.Customer.retrieve(cfg, uuid=ada.uuid).get()
    assert (customer.status, customer.mrr, customer.customer_since) == (
        "Cancelled",
        0,
        dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
    )


def test_activities_export(story: Any) -> None:
    cfg = story["cfg"]
    made = chartmogul.ActivitiesExport.create(
        cfg, data={"start-date": "2023-01-01T00:00:00Z", "type": "churn"}
    ).get()
    assert (made.status, made.file_url, made.expires_at) == ("pending", None, None)
    assert (made.params.kind, made.params.params) == (
        "activities",
        {"activity_type": "churn", "start_date": "2023-01-01 00:00:00 +0000", "end_date": None},
    )
    done = chartmogul.ActivitiesExport.retrieve(cfg, id=made.id).get()
    assert (done.id, done.status, done.created_at) == (made.id, "succeeded", made.created_at)
    assert done.expires_at == made.created_at + dt.timedelta(days=7)
    assert done.file_url == f"{cfg.uri}/activities_export/{made.id}/file"
    answer = httpx.get(done.file_url, auth=(story["key"], ""))
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("activities.csv").decode())))
    assert [(r["date"], r["type"], r["activity-mrr-movement"], r["customer-name"]) for r in rows] == [
        ("2023-05-15T00:00:00+00:00", "churn", "-8000", "Ada")
    ]
