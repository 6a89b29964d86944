"""What one Metrics API request may ask for (docs/bounds-metrics.md), and every bad parameter of the
metrics and activities routes: a 400 in ChartMogul's shape that says what is wrong, on both backends."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

RANGE = "must be between 1900-01-01 and 2999-12-31."


def _error(message: str, param: str | None) -> dict[str, Any]:
    return {"code": 400, "message": message, "param": param}


@pytest.mark.parametrize(
    ("path", "params", "param"),
    [
        (
            "/metrics/mrr",
            {"start-date": "0001-01-01", "end-date": "9999-12-31", "interval": "day"},
            "start-date",
        ),
        ("/metrics/all", {"start-date": "1899-12-31", "end-date": "2024-01-01"}, "start-date"),
        ("/metrics/arr", {"start_date": "0001-01-01", "end_date": "2024-01-01"}, "start-date"),
        ("/metrics/ltv", {"start-date": "2024-01-01", "end-date": "3000-01-01"}, "end-date"),
        # 2999-12-31 at 23:00 five hours west of UTC is already the year 3000 in UTC
        ("/metrics/mrr", {"start-date": "2024-01-01", "end-date": "2999-12-31T23:00:00-05:00"}, "end-date"),
        ("/activities", {"start-date": "0001-01-01"}, "start-date"),
        ("/activities", {"start-date": "2024-01-01", "end-date": "9999-12-31"}, "end-date"),
        ("/activities", {"end_date": "1899-12-31T23:59:59Z"}, "end-date"),
    ],
)
def test_dates_outside_the_stored_range_are_400_saying_the_range(
    api: httpx.Client, path: str, params: dict[str, str], param: str
) -> None:
    answer = api.get(path, params=params)
    assert answer.status_code == 400
    assert answer.json() == _error(f"{param} {RANGE}", param)


def test_the_range_s_own_ends_are_answered(api: httpx.Client) -> None:
    params = {"start-date": "1900-01-01", "end-date": "2999-12-31", "interval": "year"}
    entries = api.get("/metrics/customer-count", params=params).json()["entries"]
    assert (len(entries), entries[0]["date"], entries[-1]["date"]) == (1100, "1900-12-31", "2999-12-31")
    quarters = api.get("/metrics/mrr", params=params | {"interval": "quarter"}).json()["entries"]
    assert len(quarters) == 4400
    moments = {"start-date": "1900-01-01T00:00:00Z", "end-date": "2999-12-31"}
    assert api.get("/activities", params=moments).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            # the request of issue 13 within the date range: it took 10 s and 400 MB, now a 400 at once
            {"start-date": "1900-01-01", "end-date": "2999-12-31", "interval": "day"},
            "The range from start-date to end-date holds 401,767 days; a request may ask for at most"
            " 10,000 points (use a longer interval or a shorter range).",
        ),
        (
            {"start-date": "1900-01-01", "end-date": "2999-12-31", "interval": "week"},
            "The range from start-date to end-date holds 57,396 weeks; a request may ask for at most"
            " 10,000 points (use a longer interval or a shorter range).",
        ),
        (
            {"start-date": "1900-01-01", "end-date": "2999-12-31", "interval": "month"},
            "The range from start-date to end-date holds 13,200 months; a request may ask for at most"
            " 10,000 points (use a longer interval or a shorter range).",
        ),
        (
            # without an interval, mrr is daily
            {"start-date": "2000-01-01", "end-date": "2027-05-19"},
            "The range from start-date to end-date holds 10,001 days; a request may ask for at most"
            " 10,000 points (use a longer interval or a shorter range).",
        ),
    ],
)
def test_a_series_of_more_than_10000_points_is_400(
    api: httpx.Client, params: dict[str, str], message: str
) -> None:
    answer = api.get("/metrics/mrr", params=params)
    assert answer.status_code == 400
    assert answer.json() == _error(message, None)


@pytest.mark.parametrize(
    ("interval", "start", "last", "over"),
    [
        ("day", "2000-01-01", "2027-05-18", "2027-05-19"),
        # 2000-01-02 is a Sunday, the account's first day of the week: 70,000 days are 10,000 weeks
        ("week", "2000-01-02", "2191-08-27", "2191-08-28"),
        ("month", "1900-01-01", "2733-04-30", "2733-05-01"),
    ],
)
def test_a_series_of_10000_points_is_answered_and_one_more_is_not(
    api: httpx.Client, interval: str, start: str, last: str, over: str
) -> None:
    params = {"start-date": start, "end-date": last, "interval": interval}
    answer = api.get("/metrics/customer-count", params=params)
    assert answer.status_code == 200
    entries = answer.json()["entries"]
    assert (len(entries), entries[-1]["date"]) == (10_000, last)
    too_many = api.get("/metrics/customer-count", params=params | {"end-date": over})
    assert too_many.status_code == 400
    assert too_many.json()["message"].startswith("The range from start-date to end-date holds 10,001 ")


def test_the_plans_filter_names_at_most_1000_plans(api: httpx.Client) -> None:
    window = {"start-date": "2024-01-01", "end-date": "2024-01-02"}
    names = [f"plan-{n}" for n in range(1001)]
    answer = api.get("/metrics/mrr", params=window | {"plans": ",".join(names)})
    assert answer.status_code == 400
    assert answer.json() == _error(
        'Parameter "plans" names 1,001 plans; a request may name at most 1,000.', "plans"
    )
    # a name given twice is one plan
    repeated = api.get("/metrics/mrr", params=window | {"plans": ",".join(names[:1000] + names[:5])})
    assert repeated.status_code == 200
    assert [e["mrr"] for e in repeated.json()["entries"]] == [0, 0]


@pytest.mark.parametrize("geo", ["XX", "usa", "US,GB,12", "U"])
def test_geo_takes_only_iso_country_codes(api: httpx.Client, geo: str) -> None:
    answer = api.get(
        "/metrics/all", params={"start-date": "2024-01-01", "end-date": "2024-01-31", "geo": geo}
    )
    assert answer.status_code == 400
    bad = next(code.strip() for code in geo.split(",") if code.strip() not in ("US", "GB"))
    assert answer.json() == _error(
        f'Parameter "geo" must list ISO 3166-1 alpha-2 country codes, got {bad!r}', "geo"
    )


def test_geo_codes_in_any_case_are_countries(api: httpx.Client) -> None:
    params = {"start-date": "2024-01-01", "end-date": "2024-01-31", "interval": "month", "geo": "gb, De,,US"}
    assert api.get("/metrics/mrr", params=params).status_code == 200


@pytest.mark.parametrize(
    ("path", "params", "message", "param"),
    [
        (
            "/metrics/mrr",
            {"start-date": "2024-01-01", "end-date": "2024-01-31", "interval": "fortnight"},
            'Parameter "interval" must be one of: day, week, month, quarter, year',
            "interval",
        ),
        (
            "/metrics/mrr",
            {"start-date": "2024-02-01", "end-date": "2024-01-31"},
            'Parameter "end-date" must not be before "start-date"',
            "end-date",
        ),
        (
            "/metrics/mrr",
            {"start-date": "someday", "end-date": "2024-01-31"},
            "Parameter \"start-date\" must be a date (YYYY-MM-DD), got 'someday'",
            "start-date",
        ),
        ("/metrics/mrr", {"end-date": "2024-01-31"}, 'Parameter "start-date" is missing', "start-date"),
        (
            "/metrics/mrr",
            {"start-date": "2024-01-01", "end-date": ""},
            'Parameter "end-date" is missing',
            "end-date",
        ),
        (
            "/activities",
            {"start-date": "2024-01-02", "end-date": "2024-01-01"},
            'Parameter "end-date" must not be before "start-date"',
            "end-date",
        ),
        (
            "/activities",
            {"start-date": "2024-01-01T00:00:00Z", "end-date": "2023-12-31T23:59:59Z"},
            'Parameter "end-date" must not be before "start-date"',
            "end-date",
        ),
        (
            "/activities",
            {"start-date": "soon"},
            "Parameter \"start-date\" must be an ISO 8601 timestamp, got 'soon'",
            "start-date",
        ),
        (
            "/activities",
            {"type": "sideways"},
            'Parameter "type" must be one of: new_biz, expansion, contraction, churn, reactivation, fx',
            "type",
        ),
        ("/activities", {"order": "date desc"}, 'Parameter "order" must be "date" or "-date"', "order"),
        ("/activities", {"start-after": "nope"}, "No activity 'nope' to start after", "start-after"),
        (
            "/activities",
            {"per_page": "0"},
            "Parameter \"per_page\" must be a positive integer, got '0'",
            "per_page",
        ),
        (
            "/activities",
            {"per-page": "-3"},
            "Parameter \"per_page\" must be a positive integer, got '-3'",
            "per_page",
        ),
        (
            "/activities",
            {"per_page": "1.5"},
            "Parameter \"per_page\" must be a positive integer, got '1.5'",
            "per_page",
        ),
        (
            "/activities",
            {"per_page": "000"},
            "Parameter \"per_page\" must be a positive integer, got '000'",
            "per_page",
        ),
    ],
)
def test_bad_parameters_are_400_saying_what_is_wrong(
    api: httpx.Client, path: str, params: dict[str, str], message: str, param: str
) -> None:
    answer = api.get(path, params=params)
    assert answer.status_code == 400
    assert answer.json() == _error(message, param)


def test_an_activity_range_within_one_day_is_no_reversed_range(api: httpx.Client) -> None:
    """A bare end date means the whole of that day, so it may name the start's own day."""
    params = {"start-date": "2024-01-01T12:00:00Z", "end-date": "2024-01-01"}
    assert api.get("/activities", params=params).status_code == 200


@pytest.mark.parametrize("per_page", ["201", "9" * 12, "9" * 5000, "0" * 30 + "7"])
def test_per_page_of_any_size_is_clamped_to_200(
    api: httpx.Client, data_source: dict[str, Any], per_page: str
) -> None:
    """A per_page above 200 reads as 200, even one of thousands of digits (once a 500)."""
    customer = api.post(
        "/customers", json={"data_source_uuid": data_source["uuid"], "external_id": "bounds"}
    ).json()["uuid"]
    expected = 7 if per_page.endswith("7") else 200
    assert api.get("/activities", params={"per_page": per_page}).json()["per_page"] == expected
    for path in (f"/customers/{customer}/activities", f"/customers/{customer}/subscriptions"):
        assert api.get(path, params={"per-page": per_page}).json()["per_page"] == expected
