"""ChartMogul's legacy offset pagination (`page`, `per_page` → `current_page`, `total_pages`) beside the
cursor: both walk one order, so neither loops nor skips (Airbyte's customers stream pages by number)."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mogul.server.domain.accounts import ensure_keys
from mogul.server.sandbox import Sandbox
from tests.conftest import basic

CUSTOMERS = 1000


@pytest.fixture(scope="module")
def account(sandbox: Sandbox) -> Iterator[tuple[httpx.Client, str, set[str]]]:
    """A fresh account with one data source of 1,000 customers and 30 plans."""
    key = f"pages-{uuid.uuid4().hex}"
    ensure_keys(sandbox.db, [key])
    with httpx.Client(base_url=sandbox.api_url, headers=basic(key), timeout=60) as api:
        ds = api.post("/data_sources", json={"name": "pages"}).json()["uuid"]
        batch = {
            "external_id": "b1",
            "customers": [{"external_id": f"c{i:04}", "name": f"C {i}"} for i in range(CUSTOMERS)],
            "plans": [
                {"external_id": f"p{i}", "name": f"P {i}", "interval_count": 1, "interval_unit": "month"}
                for i in range(30)
            ],
        }
        made = api.post(f"/data_sources/{ds}/json_imports", json=batch)
        assert made.status_code == 200, made.text
        customers = {c["uuid"] for c in _all_by_cursor(api, "/customers", "entries")}
        assert len(customers) == CUSTOMERS
        yield api, ds, customers


def _all_by_cursor(api: httpx.Client, path: str, key: str) -> list[dict[str, Any]]:
    items, cursor = [], None
    while True:
        body = api.get(path, params={"per_page": 200, **({"cursor": cursor} if cursor else {})}).json()
        items += body[key]
        if not body["has_more"]:
            return items
        cursor = body["cursor"]


def test_pages_of_seven_return_each_customer_exactly_once(account: Any) -> None:
    api, _, customers = account
    pages = math.ceil(CUSTOMERS / 7)
    seen: list[str] = []
    for number in range(1, pages + 1):
        body = api.get("/customers", params={"page": number, "per_page": 7}).json()
        assert (body["current_page"], body["page"], body["per_page"]) == (number, number, 7)
        assert body["total_pages"] == pages
        assert body["has_more"] is (number < pages)
        assert len(body["entries"]) == (7 if number < pages else CUSTOMERS - 7 * (pages - 1))
        seen += [c["uuid"] for c in body["entries"]]
    assert len(seen) == CUSTOMERS
    assert set(seen) == customers


def test_a_page_past_the_end_is_an_empty_page(account: Any) -> None:
    api, _, _ = account
    body = api.get("/customers", params={"page": 500, "per_page": 7}).json()
    assert body["entries"] == []
    assert (body["current_page"], body["total_pages"], body["has_more"]) == (500, 143, False)
    assert body["cursor"] is None


def test_a_page_number_and_its_cursor_agree(account: Any) -> None:
    """The cursor a numbered page gives goes on exactly where the next number would."""
    api, _, _ = account
    third = api.get("/customers", params={"page": 3, "per_page": 50}).json()
    fourth = api.get("/customers", params={"page": 4, "per_page": 50}).json()
    after = api.get("/customers", params={"cursor": third["cursor"], "per_page": 50}).json()
    assert [c["uuid"] for c in after["entries"]] == [c["uuid"] for c in fourth["entries"]]
    assert "current_page" not in after


def test_other_lists_page_by_number_too(account: Any) -> None:
    api, ds, _ = account
    by_number = []
    for number in (1, 2, 3, 4):
        body = api.get("/plans", params={"page": number, "per_page": 8, "data_source_uuid": ds}).json()
        assert (body["current_page"], body["total_pages"]) == (number, 4)
        by_number += [p["external_id"] for p in body["plans"]]
    assert by_number == [f"p{i}" for i in range(30)]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": 0}, "Parameter \"page\" must be a positive integer, got '0'"),
        ({"page": "two"}, "Parameter \"page\" must be a positive integer, got 'two'"),
        ({"page": 2, "cursor": "x"}, 'Use either "page" or "cursor", not both'),
        (
            {"page": 5001, "per_page": 200},
            'Parameter "page" reaches past row 1,000,000 (page × per_page); use the cursor to go further',
        ),
    ],
)
def test_bad_page_numbers_are_400(account: Any, params: dict[str, Any], message: str) -> None:
    api, _, _ = account
    answer = api.get("/customers", params=params)
    assert answer.status_code == 400
    assert answer.json() == {"code": 400, "message": message, "param": "page"}


def test_the_last_page_within_the_bound_is_served(account: Any) -> None:
    api, _, _ = account
    answer = api.get("/customers", params={"page": 5000, "per_page": 200})
    assert answer.status_code == 200
    assert answer.json()["entries"] == []
