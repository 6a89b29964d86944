"""Bad input never produces a 500: junk bodies sent to every write route of the API."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mogul.server.routes import all_apis

JUNK: list[Any] = [
    None,
    [],
    "text",
    42,
    {"name": {"nested": True}},
    {"data_source_uuid": 5, "external_id": [], "name": None},
    {"invoices": [None, 1, "x", {"line_items": "nope"}, {"line_items": [None, {"type": 3}]}]},
    {
        "invoices": [
            {"external_id": "e", "date": "x", "currency": 1, "line_items": [{"type": "subscription"}]}
        ]
    },
    {"tags": "one", "custom": 7, "email": ["a"]},
    {"custom": [{"type": "Integer", "key": "bad key", "value": "x"}, {"type": "Nope", "key": "k"}]},
    {"cancelled_at": 3, "cancellation_dates": "2020"},
    {"cancellation_dates": [1, None]},
    {"plans": "pl_x", "name": 4},
    {"type": "payment", "date": [], "result": {}},
]


def _write_routes() -> list[tuple[str, str]]:
    routes = []
    for api in all_apis():
        for method, path, *_ in api.routes:
            if method != "GET":
                routes.append(
                    (
                        method,
                        path.replace("{uuid}", "x_unknown")
                        .replace("{ds}", "ds_x")
                        .replace("{customer}", "cus_x"),
                    )
                )
    return routes


@pytest.mark.parametrize(("method", "path"), _write_routes())
def test_junk_bodies_never_500(
    api: httpx.Client, data_source: dict[str, Any], method: str, path: str
) -> None:
    for body in JUNK:
        response = api.request(method, path, json=body)
        assert response.status_code < 500, (method, path, body, response.text)


def test_junk_bodies_on_real_objects_never_500(api: httpx.Client, data_source: dict[str, Any]) -> None:
    ds = data_source["uuid"]
    customer = api.post("/customers", json={"data_source_uuid": ds, "external_id": "junk"}).json()["uuid"]
    plan = api.post(
        "/plans", json={"data_source_uuid": ds, "name": "p", "interval_count": 1, "interval_unit": "day"}
    ).json()["uuid"]
    for method, path in [
        ("PATCH", f"/customers/{customer}"),
        ("POST", f"/customers/{customer}/attributes/tags"),
        ("DELETE", f"/customers/{customer}/attributes/tags"),
        ("POST", f"/customers/{customer}/attributes/custom"),
        ("PUT", f"/customers/{customer}/attributes/custom"),
        ("DELETE", f"/customers/{customer}/attributes/custom"),
        ("POST", f"/import/customers/{customer}/invoices"),
        ("PATCH", f"/plans/{plan}"),
    ]:
        for body in JUNK:
            response = api.request(method, path, json=body)
            assert response.status_code < 500, (method, path, body, response.text)
    assert api.get(f"/customers/{customer}").json()["external_id"] == "junk"
