"""Activities exports over HTTP: create, poll, download the zipped CSV of the account's activities."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from mogul.server.sandbox import Sandbox
from tests.conftest import basic

HEADER = [
    "uuid",
    "date",
    "type",
    "description",
    "activity-mrr-movement",
    "activity-mrr",
    "activity-arr",
    "currency",
    "customer-uuid",
    "customer-external-id",
    "customer-name",
    "subscription-external-id",
    "subscription-set-external-id",
    "plan-external-id",
    "billing-connector-uuid",
]


@pytest.fixture(scope="module")
def box(database_factory: Callable[[], str]) -> Iterator[Sandbox]:
    """An account of its own (activities are account-wide) and a second one, on one server."""
    keys = [f"key-{uuid.uuid4().hex}", f"other-{uuid.uuid4().hex}"]
    with Sandbox(database_factory(), api_keys=keys) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def account(box: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=box.api_url, headers=basic(box.api_keys[0])) as client:
        _history(client)
        yield client


@pytest.fixture(scope="module")
def other(box: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=box.api_url, headers=basic(box.api_keys[1])) as client:
        yield client


def _history(client: httpx.Client) -> None:
    """Ann buys a year at 1,200.00 on 2024-01-10 and cancels on 2024-03-05; Bob buys a year at 2,400.00
    on 2024-02-15: new_biz, new_biz, churn."""
    ds = client.post("/data_sources", json={"name": "s"}).json()["uuid"]
    plan = client.post(
        "/plans",
        json={
            "data_source_uuid": ds,
            "name": "Annual",
            "interval_count": 1,
            "interval_unit": "year",
            "external_id": "annual",
        },
    ).json()["uuid"]
    for ext, name, start, end, amount in (
        ("ann", "Ann", "2024-01-10", "2025-01-10", 120000),
        ("bob", "Bob", "2024-02-15", "2025-02-15", 240000),
    ):
        customer = client.post(
            "/customers", json={"data_source_uuid": ds, "external_id": ext, "name": name}
        ).json()["uuid"]
        invoice = {
            "external_id": f"inv-{ext}",
            "date": start,
            "currency": "USD",
            "line_items": [
                {
                    "type": "subscription",
                    "subscription_external_id": f"sub-{ext}",
                    "plan_uuid": plan,
                    "service_period_start": start,
                    "service_period_end": end,
                    "amount_in_cents": amount,
                }
            ],
        }
        url = f"/import/customers/{customer}/invoices"
        assert client.post(url, json={"invoices": [invoice]}).status_code == 201
        if ext == "ann":
            sub = client.get(f"/import/customers/{customer}/subscriptions").json()["subscriptions"][0]
            cancel = client.patch(f"/import/subscriptions/{sub['uuid']}", json={"cancelled_at": "2024-03-05"})
            assert cancel.status_code == 202, cancel.text


def _export(client: httpx.Client, body: Any) -> tuple[dict[str, Any], dict[str, Any], list[list[str]]]:
    """The creation's answer, the retrieve's, and the downloaded CSV's rows."""
    created = client.post("/activities_export", json=body)
    assert created.status_code == 200, created.text
    export = created.json()
    retrieved = client.get(f"/activities_export/{export['id']}", params={"id": export["id"]})
    assert retrieved.status_code == 200, retrieved.text
    done = retrieved.json()
    downloaded = client.get(done["file_url"])
    assert downloaded.status_code == 200
    assert downloaded.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(downloaded.content)) as archive:
        assert archive.namelist() == ["activities.csv"]
        text = archive.read("activities.csv").decode()
    return export, done, list(csv.reader(io.StringIO(text)))


def _short(rows: list[list[str]]) -> list[tuple[str, ...]]:
    """date, type, movement, mrr, arr, currency, customer's external id and name, subscription, plan."""
    return [(r[1], r[2], r[4], r[5], r[6], r[7], r[9], r[10], r[11], r[13]) for r in rows[1:]]


ANN_NEW = (
    "2024-01-10T00:00:00+00:00",
    "new_biz",
    "10000",
    "10000",
    "120000",
    "USD",
    "ann",
    "Ann",
    "sub-ann",
    "annual",
)
BOB_NEW = (
    "2024-02-15T00:00:00+00:00",
    "new_biz",
    "20000",
    "20000",
    "240000",
    "USD",
    "bob",
    "Bob",
    "sub-bob",
    "annual",
)
ANN_CHURN = (
    "2024-03-05T00:00:00+00:00",
    "churn",
    "-10000",
    "0",
    "0",
    "USD",
    "ann",
    "Ann",
    "sub-ann",
    "annual",
)


def test_an_export_is_pending_then_succeeded_with_the_activities_as_csv(account: httpx.Client) -> None:
    export, done, rows = _export(account, {})
    assert set(export) == {"id", "status", "file_url", "params", "expires_at", "created_at"}
    assert uuid.UUID(export["id"])
    assert export["status"] == "pending"
    assert export["file_url"] is None
    assert export["expires_at"] is None
    assert export["params"] == {
        "kind": "activities",
        "params": {"activity_type": None, "start_date": None, "end_date": None},
    }
    created = datetime.fromisoformat(export["created_at"])
    assert export["created_at"] == created.isoformat() and created.utcoffset() == timedelta(0)
    base = str(account.base_url).rstrip("/")
    assert done == {
        **export,
        "status": "succeeded",
        "file_url": f"{base}/activities_export/{export['id']}/file",
        "expires_at": (created + timedelta(days=7)).isoformat(),
    }
    assert rows[0] == HEADER
    assert _short(rows) == [ANN_NEW, BOB_NEW, ANN_CHURN]
    # every row is the activity `GET /activities` lists, field for field
    listed = account.get("/activities").json()["entries"]
    assert rows[1:] == [[str(entry[column]) for column in HEADER] for entry in listed]
    # a second retrieve answers the same
    assert account.get(f"/activities_export/{export['id']}").json() == done


def test_an_export_takes_the_filters_of_the_activities_list(account: httpx.Client) -> None:
    body = {"start-date": "2024-02-01T00:00:00Z", "end-date": "2024-03-05", "type": "churn"}
    export, _, rows = _export(account, body)
    assert export["params"] == {
        "kind": "activities",
        "params": {
            "activity_type": "churn",
            "start_date": "2024-02-01 00:00:00 +0000",
            "end_date": "2024-03-05 23:59:59 +0000",
        },
    }
    assert _short(rows) == [ANN_CHURN]
    _, _, rows = _export(account, {"start_date": "2024-02-01", "end_date": "2024-03-04"})
    assert _short(rows) == [BOB_NEW]
    _, _, rows = _export(account, {"type": "new_biz"})
    assert _short(rows) == [ANN_NEW, BOB_NEW]
    _, _, rows = _export(account, {"start-date": "2030-01-01"})
    assert rows == [HEADER]


def test_an_export_is_not_found_from_another_account(account: httpx.Client, other: httpx.Client) -> None:
    export, done, _ = _export(account, {})
    missing = {"error": "Activities export not found"}
    for url in (f"/activities_export/{export['id']}", f"/activities_export/{export['id']}/file"):
        answer = other.get(url)
        assert (answer.status_code, answer.json()) == (404, missing)
    assert other.get(done["file_url"]).status_code == 404
    for url in ("/activities_export/nope", "/activities_export/nope/file"):
        answer = account.get(url)
        assert (answer.status_code, answer.json()) == (404, missing)
    # the other account's own export holds none of the first one's activities
    _, _, rows = _export(other, {})
    assert rows == [HEADER]


@pytest.mark.parametrize(
    ("body", "query"),
    [
        ({"start-date": "nope"}, {"start-date": "nope"}),
        ({"end-date": "2024-13-01"}, {"end-date": "2024-13-01"}),
        ({"start-date": "1800-01-01"}, {"start-date": "1800-01-01"}),
        ({"type": "upsell"}, {"type": "upsell"}),
        (
            {"start-date": "2024-03-01", "end-date": "2024-02-01"},
            {"start-date": "2024-03-01", "end-date": "2024-02-01"},
        ),
    ],
)
def test_bad_filters_get_the_activities_lists_errors(
    account: httpx.Client, body: dict[str, str], query: dict[str, str]
) -> None:
    listed = account.get("/activities", params=query)
    assert listed.status_code == 400
    answer = account.post("/activities_export", json=body)
    assert (answer.status_code, answer.json()) == (400, listed.json())


def test_bad_bodies_are_400(account: httpx.Client) -> None:
    answer = account.post("/activities_export", json=["start-date"])
    assert answer.status_code == 400
    assert answer.json()["message"] == "The request body must be a JSON object"
    answer = account.post("/activities_export", json={"start-date": 20240101})
    assert answer.status_code == 400
    assert answer.json()["message"] == 'Parameter "start-date" must be a string, got 20240101'
