"""The activities export modules against a real server, four ways each: Export Activities waits for the
file by default and returns the succeeded export; with `wait` off it returns the pending one, which Get
an Activities Export then finds succeeded."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import httpx
import pytest

from mogul.errors import InputError, NotFoundError
from mogul.modules import activities_export
from tests.modules.conftest import Call, import_invoice


def _rows_of(api: httpx.Client, export: dict[str, Any], customer: dict[str, Any]) -> list[dict[str, str]]:
    """The downloaded CSV's rows of this customer (the module tests share one account)."""
    answer = api.get(export["file_url"])
    assert answer.status_code == 200, answer.text
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        text = archive.read("activities.csv").decode()
    return [row for row in csv.DictReader(io.StringIO(text)) if row["customer-uuid"] == customer["uuid"]]


def test_export_waits_for_the_file_and_takes_the_filters(
    call: Call, api: httpx.Client, customer: dict[str, Any], plan: dict[str, Any]
) -> None:
    import_invoice(api, customer, plan)  # 10.00 a month from 2024-01-01: one new_biz activity
    export = call("activities.export", start_date="2024-01-01", end_date="2024-01-01", type="new_biz")
    assert export["status"] == "succeeded"
    assert export["params"] == {
        "kind": "activities",
        "params": {
            "activity_type": "new_biz",
            "start_date": "2024-01-01 00:00:00 +0000",
            "end_date": "2024-01-01 23:59:59 +0000",  # a bare end date is the whole day
        },
    }
    rows = _rows_of(api, export, customer)
    assert [(r["date"], r["type"], r["activity-mrr-movement"], r["activity-mrr"]) for r in rows] == [
        ("2024-01-01T00:00:00+00:00", "new_biz", "1000", "1000")
    ]
    # a type that the customer has no activity of: the file has none of its rows
    assert _rows_of(api, call("activities.export", start_date="2024-01-01", type="churn"), customer) == []


def test_export_without_waiting_then_get(call: Call, api: httpx.Client) -> None:
    pending = call("activities.export", start_date="2024-01-01", wait=False)
    assert (pending["status"], pending["file_url"]) == ("pending", None)
    done = call("activities.get_export", id=pending["id"])
    assert (done["id"], done["status"]) == (pending["id"], "succeeded")
    assert done["file_url"].endswith(f"/v1/activities_export/{pending['id']}/file")


def test_errors(call: Call) -> None:
    with pytest.raises(NotFoundError, match="not found"):
        call("activities.get_export", id="no-such-export")
    with pytest.raises(InputError, match="an end date needs a start date"):
        call("activities.export", end_date="2024-01-01")


def test_the_wait_asks_again_at_growing_pauses_and_stops_at_its_bound() -> None:
    pauses = list(activities_export._pauses())
    assert pauses[:5] == [1.0, 2.0, 4.0, 5.0, 5.0]
    assert sum(pauses) <= activities_export.WAIT_AT_MOST < sum(pauses) + 5.0
