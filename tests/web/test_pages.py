"""Every figure the dashboard shows is what `/v1` answers for the same parameters; every page is also
`.json` (the `/v1` answer itself where there is one) and `.csv` (its table)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from mogul.analytics.metrics import METRICS
from tests.web.conftest import Site
from tests.web.page import figures, inline_code, links, parse, rows
from tests.web.world import END

RANGE = {"start-date": "2024-01-01", "end-date": END}
MOVEMENT_KEYS = ("mrr-new-business", "mrr-expansion", "mrr-reactivation", "mrr-contraction", "mrr-churn")


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, f"{response.request.url}: {response.text[:500]}"
    return response


def _csv(response: Any) -> list[list[str]]:
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.text)))


def _check_page(html: str) -> None:
    assert inline_code(html) == []


# -- the overview -----------------------------------------------------------------------------------------


def test_overview_figures_are_the_v1_figures_on_the_day(web: TestClient, v1: TestClient) -> None:
    page = _ok(web.get("/dashboard/", params={"end-date": END}))
    _check_page(page.text)
    shown = figures(page.text)
    day = date.fromisoformat(END)
    daily = _ok(
        v1.get(
            "/metrics/all",
            params={"start-date": str(day - timedelta(days=365)), "end-date": END, "interval": "day"},
        )
    ).json()
    monthly = _ok(
        v1.get("/metrics/all", params={"start-date": "2023-06-01", "end-date": END, "interval": "month"})
    ).json()
    last_day, last_month = daily["entries"][-1], monthly["entries"][-1]
    assert shown == {
        "mrr": last_day["mrr"],
        "arr": last_day["arr"],
        "arpa": last_day["arpa"],
        "customers": last_day["customers"],
        "asp": last_month["asp"],
        "customer-churn-rate": last_month["customer-churn-rate"],
        "mrr-churn-rate": last_month["mrr-churn-rate"],
        "ltv": last_month["ltv"],
    }
    assert shown["mrr"] == 21000 and shown["customers"] == 3  # the world's figures, as a check on it
    # the answer as JSON holds the /v1 series themselves
    data = _ok(web.get("/dashboard/overview.json", params={"end-date": END})).json()
    assert data["daily"] == daily
    assert data["monthly"] == monthly
    # its explained figures: ARPA with both operands
    assert "ARPA = MRR / customers" in page.text and "= $210.00 / 3" in page.text


def test_overview_changes_against_30_and_365_days(web: TestClient, v1: TestClient) -> None:
    page = _ok(web.get("/dashboard/", params={"end-date": END}))
    day = date.fromisoformat(END)
    then = _ok(
        v1.get(
            "/metrics/mrr",
            params={"start-date": str(day - timedelta(days=30)), "end-date": str(day - timedelta(days=30))},
        )
    ).json()["entries"][0]["mrr"]
    now = figures(page.text)["mrr"]
    changes = [e.attrs["data-change"] for e in parse(page.text).elements if "data-change" in e.attrs]
    # the MRR card comes first: against 30 days, then 365 days (no MRR then: n/a)
    assert changes[0] == str(round((now - then) * 100 / then, 2))
    assert changes[1] == ""


def test_overview_movements_are_the_v1_activities_of_the_last_30_days(
    web: TestClient, v1: TestClient
) -> None:
    page = _ok(web.get("/dashboard/", params={"end-date": END}))
    start = str(date.fromisoformat(END) - timedelta(days=29))
    counts = {
        e.attrs["data-count"]: int(e.text) for e in parse(page.text).elements if "data-count" in e.attrs
    }
    sums = figures(page.text, "data-movement")
    for kind in ("new_biz", "expansion", "contraction", "churn", "reactivation"):
        listed = _ok(
            v1.get("/activities", params={"start-date": start, "end-date": END, "type": kind})
        ).json()
        assert counts[kind] == len(listed["entries"]), kind
        assert sums[kind] == sum(a["activity-mrr-movement"] for a in listed["entries"]), kind
    assert counts["reactivation"] == 1 and counts["churn"] == 0
    assert "holds" not in page.text or "does not hold" not in page.text


def test_overview_mrr_by_plan_is_v1_mrr_with_the_plan_filter(
    site: Site, web: TestClient, v1: TestClient
) -> None:
    page = _ok(web.get("/dashboard/", params={"end-date": END}))
    by_plan = figures(page.text, "data-plan")
    expected = {}
    for uuid in site.worlds[0]["plans"].values():
        answer = _ok(
            v1.get("/metrics/mrr", params={"start-date": END, "end-date": END, "plans": uuid})
        ).json()
        if answer["entries"][-1]["mrr"]:
            expected[uuid] = answer["entries"][-1]["mrr"]
    assert by_plan == expected
    assert sum(by_plan.values()) == figures(page.text)["mrr"]


def test_overview_latest_activities_link_to_their_customers(site: Site, web: TestClient) -> None:
    page = _ok(web.get("/dashboard/", params={"end-date": END}))
    customers = {f"/dashboard/customers/{uuid}" for uuid in site.worlds[0]["customers"].values()}
    assert {link for link in links(page.text) if link.startswith("/dashboard/customers/")} <= customers
    assert f"/dashboard/customers/{site.worlds[0]['customers']['delta']}" in links(page.text)


# -- one page per metric -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(METRICS))
@pytest.mark.parametrize(
    "query",
    [
        {**RANGE, "interval": "month"},
        {**RANGE, "interval": "week", "geo": "US"},
        {"start-date": "2024-03-01", "end-date": "2024-04-15", "interval": "day"},
    ],
    ids=["month", "week-us", "day"],
)
def test_each_metric_page_shows_the_v1_series(
    web: TestClient, v1: TestClient, name: str, query: dict[str, str]
) -> None:
    answer = _ok(v1.get(f"/metrics/{name}", params=query)).json()
    page = _ok(web.get(f"/dashboard/metrics/{name}", params=query))
    _check_page(page.text)
    key = METRICS[name]
    table = rows(page.text)
    assert list(table) == [e["date"] for e in answer["entries"]]
    for entry in answer["entries"]:
        assert table[entry["date"]][key] == entry[key]
        assert table[entry["date"]]["percentage-change"] == entry["percentage-change"]
    assert figures(page.text)[key] == answer["summary"]["current"]
    assert _ok(web.get(f"/dashboard/metrics/{name}.json", params=query)).json() == answer
    table_csv = _csv(_ok(web.get(f"/dashboard/metrics/{name}.csv", params=query)))
    assert table_csv[0][:3] == ["date", key, "percentage-change"]
    assert [(r[0], r[1]) for r in table_csv[1:]] == [(e["date"], str(e[key])) for e in answer["entries"]]


def test_a_metric_page_explains_each_figure_with_its_operands(web: TestClient, v1: TestClient) -> None:
    query = {**RANGE, "interval": "month"}
    page = _ok(web.get("/dashboard/metrics/arpa", params=query))
    mrr = {e["date"]: e["mrr"] for e in _ok(v1.get("/metrics/mrr", params=query)).json()["entries"]}
    customers = {
        e["date"]: e["customers"]
        for e in _ok(v1.get("/metrics/customer-count", params=query)).json()["entries"]
    }
    for day, cells in rows(page.text).items():
        assert cells["mrr"] == mrr[day] and cells["customers"] == customers[day]
    churn = rows(_ok(web.get("/dashboard/metrics/customer-churn-rate", params=query)).text)
    # May: Beta churned, of the 3 customers at the start of the month (Acme, Beta, Gamma)
    assert churn["2024-05-31"] == {
        "customer-churn-rate": 33.33,
        "percentage-change": churn["2024-05-31"]["percentage-change"],
        "churned-customers": 1,
        "customers-start": 3,
    }


@pytest.mark.parametrize("preset", ["30d", "90d", "12m", "ytd", "all"])
def test_presets_are_ranges_counted_back_from_the_end_date(
    web: TestClient, v1: TestClient, preset: str
) -> None:
    start = {
        "30d": "2024-06-01",
        "90d": "2024-04-02",
        "12m": "2023-07-01",
        "ytd": "2024-01-01",
        "all": "2024-01-10",
    }[preset]
    data = _ok(web.get("/dashboard/metrics/mrr.json", params={"preset": preset, "end-date": END})).json()
    expected = _ok(
        v1.get("/metrics/mrr", params={"start-date": start, "end-date": END, "interval": "month"})
    ).json()
    assert data == expected


def test_the_plan_filter_is_the_v1_plans_filter(site: Site, web: TestClient, v1: TestClient) -> None:
    query = {**RANGE, "interval": "month", "plans": site.worlds[0]["plans"]["Pro"]}
    assert (
        _ok(web.get("/dashboard/metrics/mrr.json", params=query)).json()
        == _ok(v1.get("/metrics/mrr", params=query)).json()
    )
    page = _ok(web.get("/dashboard/metrics/mrr", params=query))
    assert f'<option value="{query["plans"]}" selected>Pro</option>' in page.text


def test_a_bad_filter_is_a_400_page_with_the_message(web: TestClient) -> None:
    page = web.get("/dashboard/metrics/arr", params={"interval": "hour"})
    assert page.status_code == 400
    assert "Parameter &#34;interval&#34; must be one of: day, week, month, quarter, year" in page.text
    answer = web.get("/dashboard/metrics/arr.json", params={"preset": "forever"})
    assert answer.status_code == 400
    assert answer.json() == {
        "code": 400,
        "message": 'Parameter "preset" must be one of: 30d, 90d, 12m, ytd, all',
        "param": "preset",
    }
    assert web.get("/dashboard/metrics/nope").status_code == 404
    assert web.get("/dashboard/customers", params={"page": "x"}).status_code == 400


# -- the MRR page --------------------------------------------------------------------------------------------


def test_the_mrr_page_is_the_v1_mrr_series_with_a_bridge_in_every_period(
    web: TestClient, v1: TestClient
) -> None:
    query = {**RANGE, "interval": "month"}
    answer = _ok(v1.get("/metrics/mrr", params=query)).json()
    page = _ok(web.get("/dashboard/mrr", params=query))
    _check_page(page.text)
    table = rows(page.text)
    previous = 0
    for entry in answer["entries"]:
        cells = table[entry["date"]]
        assert cells["mrr"] == entry["mrr"]
        for key in MOVEMENT_KEYS:
            assert cells[key] == entry[key]
        assert cells["mrr-start"] == previous
        assert previous + sum(entry[key] for key in MOVEMENT_KEYS) == entry["mrr"]
        previous = entry["mrr"]
    assert "It holds in every period shown." in page.text and "does not hold" not in page.text
    assert _ok(web.get("/dashboard/mrr.json", params=query)).json() == answer
    table_csv = _csv(_ok(web.get("/dashboard/mrr.csv", params=query)))
    assert table_csv[0] == ["date", "mrr-start", *MOVEMENT_KEYS, "mrr", "percentage-change", "bridge-holds"]
    assert [r[-1] for r in table_csv[1:]] == ["True"] * len(answer["entries"])


def test_an_mrr_cell_drills_down_to_its_activities_and_each_to_its_customer(
    site: Site, web: TestClient, v1: TestClient
) -> None:
    page = _ok(web.get("/dashboard/mrr", params={**RANGE, "interval": "month"}))
    drill = [link for link in links(page.text) if link.startswith("/dashboard/activities?")]
    churn_may = "/dashboard/activities?start-date=2024-05-01&end-date=2024-05-31&type=churn"
    assert churn_may in drill
    # one per cell that is not zero: the world's nine activities, January's two new businesses in one
    assert len(drill) == 8
    listed = _ok(web.get(churn_may))
    _check_page(listed.text)
    query = {k: v[0] for k, v in parse_qs(urlsplit(churn_may).query).items()}
    answer = _ok(v1.get("/activities", params=query)).json()
    assert _ok(web.get("/dashboard/activities.json", params=query)).json() == answer
    assert [a["customer-name"] for a in answer["entries"]] == ["Beta"]
    beta = f"/dashboard/customers/{site.worlds[0]['customers']['beta']}"
    assert beta in links(listed.text)
    assert "Beta" in _ok(web.get(beta)).text


# -- customers -------------------------------------------------------------------------------------------


def test_the_customer_list_by_tab_search_and_mrr(web: TestClient, v1: TestClient) -> None:
    everyone = _ok(web.get("/dashboard/customers.json")).json()
    mrrs = [c["mrr"] for c in everyone["entries"]]
    assert mrrs == sorted(mrrs, reverse=True)
    for entry in everyone["entries"]:
        assert entry == _ok(v1.get(f"/customers/{entry['uuid']}")).json()
    by_status = {
        tab: {
            c["name"]
            for c in _ok(web.get("/dashboard/customers.json", params={"status": tab})).json()["entries"]
        }
        for tab in ("Active", "Cancelled", "Lead")
    }
    v1_status = {
        tab: {c["name"] for c in _ok(v1.get("/customers", params={"status": tab})).json()["entries"]}
        for tab in ("Active", "Cancelled", "Lead")
    }
    assert by_status == v1_status
    assert by_status["Cancelled"] == {"Beta"}
    found = _ok(web.get("/dashboard/customers.json", params={"q": "GAM"})).json()
    assert [c["name"] for c in found["entries"]] == ["Gamma"] and found["total"] == 1
    assert _ok(web.get("/dashboard/customers.json", params={"q": "100%_"})).json()["entries"] == []
    by_name = _ok(web.get("/dashboard/customers.json", params={"sort": "name"})).json()
    assert [c["name"] for c in by_name["entries"]] == ["Acme", "Beta", "Delta", "Epsilon", "Gamma"]
    page = _ok(web.get("/dashboard/customers", params={"status": "Active"}))
    _check_page(page.text)
    assert {e.attrs["data-customer"] for e in parse(page.text).elements if "data-customer" in e.attrs} == {
        c["uuid"]
        for c in _ok(web.get("/dashboard/customers.json", params={"status": "Active"})).json()["entries"]
    }
    table_csv = _csv(_ok(web.get("/dashboard/customers.csv", params={"sort": "name"})))
    assert [r[2] for r in table_csv[1:]] == ["Acme", "Beta", "Delta", "Epsilon", "Gamma"]


def test_a_customer_page_is_its_v1_customer_subscriptions_invoices_and_activities(
    site: Site, web: TestClient, v1: TestClient
) -> None:
    uuid = site.worlds[0]["customers"]["acme"]
    page = _ok(web.get(f"/dashboard/customers/{uuid}"))
    _check_page(page.text)
    customer = _ok(v1.get(f"/customers/{uuid}")).json()
    assert figures(page.text) == {"mrr": customer["mrr"], "arr": customer["arr"]}
    data = _ok(web.get(f"/dashboard/customers/{uuid}.json")).json()
    assert data == {
        "customer": customer,
        "subscriptions": _ok(v1.get(f"/customers/{uuid}/subscriptions")).json(),
        "invoices": _ok(v1.get(f"/import/customers/{uuid}/invoices")).json(),
        "activities": _ok(v1.get(f"/customers/{uuid}/activities")).json(),
    }
    assert [r[1] for r in _csv(_ok(web.get(f"/dashboard/customers/{uuid}.csv")))[1:]] == [
        "new_biz",
        "expansion",
    ]
    chart = next(e for e in parse(page.text).elements if e.attrs.get("id") == "customer-chart-data")
    assert '"values":[5000,9000]' in chart.text
