"""The cohorts page over the test world, its cohorts worked out by hand from the world's story
(tests/web/world.py): January, Acme (5000) and Gamma (5000); February, Beta (9000); March, Delta
(5000)."""

from __future__ import annotations

import csv
import io

from starlette.testclient import TestClient

from tests.web.page import parse
from tests.web.world import END

QUERY = {"start-date": "2024-01-01", "end-date": END}


def test_cohorts_by_start_month_with_their_retention(web: TestClient) -> None:
    data = web.get("/dashboard/cohorts.json", params=QUERY).json()
    by_month = {c["month"]: c for c in data["cohorts"]}
    assert list(by_month) == ["2024-01", "2024-02", "2024-03"]
    january = by_month["2024-01"]
    # Acme 5000 → 9000 in April; Gamma 5000 → 3000 in March
    assert january["customers"] == 2
    assert january["customers-by-month"] == [2, 2, 2, 2, 2, 2]
    assert january["mrr-by-month"] == [10000, 10000, 8000, 12000, 12000, 12000]
    assert january["mrr-retention"] == [100.0, 100.0, 80.0, 120.0, 120.0, 120.0]
    # Beta churns on 1 May
    february = by_month["2024-02"]
    assert february["customers-by-month"] == [1, 1, 1, 0, 0]
    assert february["customer-retention"] == [100.0, 100.0, 100.0, 0.0, 0.0]
    assert february["mrr-by-month"] == [9000, 9000, 9000, 0, 0]
    # Delta churns in April and comes back on Pro (9000) in June
    march = by_month["2024-03"]
    assert march["customers-by-month"] == [1, 0, 0, 1]
    assert march["mrr-retention"] == [100.0, 0.0, 0.0, 180.0]


def test_the_cohort_tables_are_shaded_by_retention_and_filtered_like_the_metrics(web: TestClient) -> None:
    page = web.get("/dashboard/cohorts", params=QUERY)
    assert page.status_code == 200
    cells = [e for e in parse(page.text).elements if e.tag == "td" and e.attrs.get("data-value") == "180.0"]
    assert [c.attrs["class"] for c in cells] == ["h10"]
    zero = [e for e in parse(page.text).elements if e.tag == "td" and e.attrs.get("data-value") == "0.0"]
    assert zero and {c.attrs["class"] for c in zero} == {"h0"}
    us = web.get("/dashboard/cohorts.json", params={**QUERY, "geo": "US"}).json()
    assert [(c["month"], c["customers"]) for c in us["cohorts"]] == [("2024-01", 1), ("2024-03", 1)]
    rows = list(csv.reader(io.StringIO(web.get("/dashboard/cohorts.csv", params=QUERY).text)))
    assert rows[0][:4] == ["cohort", "customers", "measure", "month 0"]
    assert rows[1][:4] == ["2024-01", "2", "customer-retention", "100.0"]
