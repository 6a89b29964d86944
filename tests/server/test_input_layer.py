"""What the schema cannot hold is refused with ChartMogul's 4xx shapes on both backends, and nothing is
stored: integers spelt wrongly, numbers that are not finite, times outside the supported range, NUL
characters, forged cursors, odd shapes of custom attributes, bodies nested too deeply."""

from __future__ import annotations

import base64
import json
import os
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

from mogul.server.http import protocol
from mogul.server.sandbox import Sandbox
from tests.conftest import unique

RANGE = "1900-01-01 and 2999-12-31"


def _cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def _customer_count(api: httpx.Client, ds: str) -> int:
    return len(api.get("/customers", params={"data_source_uuid": ds}).json()["entries"])


@pytest.mark.parametrize(
    ("custom", "field", "message"),
    [
        (
            {"type": "Integer", "key": "seats", "value": "--5"},
            "custom.seats",
            "Integer values must be whole numbers.",
        ),
        (
            {"type": "Integer", "key": "seats", "value": "1e3"},
            "custom.seats",
            "Integer values must be whole numbers.",
        ),
        (
            {"type": "Integer", "key": "seats", "value": 2**63},
            "custom.seats",
            "Integer values must be between -2^63 and 2^63 - 1.",
        ),
        (
            {"type": "Decimal", "key": "d", "value": "NaN"},
            "custom.d",
            "Decimal values must be finite numbers.",
        ),
        (
            {"type": "Decimal", "key": "d", "value": "Infinity"},
            "custom.d",
            "Decimal values must be finite numbers.",
        ),
        (
            {"type": "Decimal", "key": "d", "value": "1e999"},
            "custom.d",
            "Decimal values must be finite numbers.",
        ),
        ({"type": "String", "key": "s", "value": "a\x00b"}, None, None),
    ],
)
def test_custom_values_the_columns_cannot_hold_are_422_and_store_nothing(
    api: httpx.Client,
    data_source: dict[str, Any],
    custom: dict[str, Any],
    field: str | None,
    message: str | None,
) -> None:
    ds = data_source["uuid"]
    body = {
        "data_source_uuid": ds,
        "external_id": unique("c"),
        "name": "A",
        "attributes": {"custom": [custom]},
    }
    answer = api.post("/customers", json=body)
    if field is None:  # a NUL anywhere in a body is refused before any route reads it
        assert answer.status_code == 400
        assert answer.json() == {
            "code": 400,
            "message": "The request body must not contain NUL characters (\\u0000)",
            "param": None,
        }
    else:
        assert answer.status_code == 422
        assert answer.json() == {"errors": {field: message}}
    assert _customer_count(api, ds) == 0


def test_a_decimal_written_as_a_finite_number_is_kept(api: httpx.Client, data_source: dict[str, Any]) -> None:
    body = {
        "data_source_uuid": data_source["uuid"],
        "external_id": unique("c"),
        "name": "A",
        "attributes": {
            "custom": [
                {"type": "Decimal", "key": "d", "value": "2.5"},
                {"type": "Integer", "key": "n", "value": " -7 "},
            ]
        },
    }
    answer = api.post("/customers", json=body)
    assert answer.status_code == 201
    assert answer.json()["attributes"]["custom"] == {"d": 2.5, "n": -7}


@pytest.mark.parametrize("count", ["--5", "+-1", "1e3", "²", "0x10", ""])
def test_integers_spelt_wrongly_are_422(api: httpx.Client, data_source: dict[str, Any], count: str) -> None:
    body = {
        "data_source_uuid": data_source["uuid"],
        "name": "P",
        "interval_count": count,
        "interval_unit": "month",
    }
    answer = api.post("/plans", json=body)
    assert answer.status_code == 422
    assert answer.json() == {"errors": {"interval_count": "interval_count must be an integer."}}
    assert api.get("/plans", params={"data_source_uuid": data_source["uuid"]}).json()["plans"] == []


def test_an_integer_in_text_with_a_sign_is_read(api: httpx.Client, data_source: dict[str, Any]) -> None:
    body = {
        "data_source_uuid": data_source["uuid"],
        "name": "P",
        "interval_count": "+3",
        "interval_unit": "month",
    }
    answer = api.post("/plans", json=body)
    assert answer.status_code == 201
    assert answer.json()["interval_count"] == 3


@pytest.mark.parametrize("moment", ["0001-01-01", "1899-12-31T23:59:59Z", "3000-01-01", "9999-12-31"])
def test_times_outside_the_supported_range_are_422(
    api: httpx.Client, data_source: dict[str, Any], moment: str
) -> None:
    ds = data_source["uuid"]
    answer = api.post(
        "/customers",
        json={"data_source_uuid": ds, "external_id": unique("c"), "name": "Y", "lead_created_at": moment},
    )
    assert answer.status_code == 422
    assert answer.json() == {"errors": {"lead_created_at": f"lead_created_at must be between {RANGE}."}}
    customer = api.post(
        "/customers", json={"data_source_uuid": ds, "external_id": unique("c"), "name": "Z"}
    ).json()
    invoice = {
        "external_id": unique("inv"),
        "date": moment,
        "currency": "USD",
        "line_items": [{"type": "one_time", "amount_in_cents": 500}],
    }
    answer = api.post(f"/import/customers/{customer['uuid']}/invoices", json={"invoices": [invoice]})
    assert answer.status_code == 422
    assert answer.json() == {
        "invoices": [
            {"external_id": invoice["external_id"], "errors": {"date": f"date must be between {RANGE}."}}
        ]
    }
    assert api.get(f"/import/customers/{customer['uuid']}/invoices").json()["invoices"] == []


def test_the_edges_of_the_range_are_stored_and_formatted(
    api: httpx.Client, data_source: dict[str, Any]
) -> None:
    customer = api.post(
        "/customers", json={"data_source_uuid": data_source["uuid"], "external_id": unique("c"), "name": "Z"}
    ).json()
    invoices = [
        {
            "external_id": unique("inv"),
            "date": day,
            "currency": "USD",
            "line_items": [{"type": "one_time", "amount_in_cents": 1}],
        }
        for day in ("1900-01-01T00:00:00Z", "2999-12-31T23:59:59Z")
    ]
    answer = api.post(f"/import/customers/{customer['uuid']}/invoices", json={"invoices": invoices})
    assert answer.status_code == 201
    assert [i["date"] for i in answer.json()["invoices"]] == [
        "1900-01-01T00:00:00.000Z",
        "2999-12-31T23:59:59.000Z",
    ]


@pytest.mark.parametrize(
    ("path", "values"),
    [
        ("/customers", [{"t": "x"}]),
        ("/customers", ["x"]),
        ("/customers", [1.5]),
        ("/customers", [2**70]),
        ("/invoices", ["x", 1]),
        ("/invoices", [{"t": "2020-01-01T00:00:00"}, 1]),  # a time without its zone
        ("/invoices", [{"t": "0001-01-01T00:00:00+00:00"}, 1]),
        ("/plans", [None]),
        ("/plan_groups", [[1]]),
        ("/activities", [{"t": 5}, 1]),
    ],
)
def test_a_forged_cursor_is_400(api: httpx.Client, path: str, values: list[Any]) -> None:
    answer = api.get(path, params={"cursor": _cursor(values)})
    assert answer.status_code == 400
    assert answer.json() == {"code": 400, "message": "Invalid cursor", "param": "cursor"}


def test_nul_in_a_query_parameter_or_the_path_is_400(api: httpx.Client) -> None:
    for path, params in (("/plans", {"external_id": "a\x00"}), ("/customers/cus_a%00b", {})):
        answer = api.get(path, params=params)
        assert answer.status_code == 400
        assert answer.json() == {
            "code": 400,
            "message": "The path and query parameters must not contain NUL characters",
            "param": None,
        }


def test_an_escaped_backslash_before_u0000_is_no_nul(api: httpx.Client, data_source: dict[str, Any]) -> None:
    fields = json.dumps({"data_source_uuid": data_source["uuid"], "external_id": unique("c")})
    raw = fields[:-1] + ', "name": "a\\\\u0000"}'  # the JSON text a\\u0000: a backslash, then u0000
    answer = api.post("/customers", content=raw)
    assert answer.status_code == 201
    assert answer.json()["name"] == "a\\u0000"


def test_a_body_nested_too_deeply_with_a_long_integer_is_400(api: httpx.Client) -> None:
    body = "[" * 1000 + "1" * 25 + "]" * 1000
    answer = api.post("/plans", content=body)
    assert answer.status_code == 400
    assert answer.json() == {"code": 400, "message": "The request body is nested too deeply", "param": None}


@pytest.mark.parametrize(
    ("method", "suffix", "body", "expected"),
    [
        (
            "PATCH",
            "",
            {"attributes": {"custom": [1, 2]}},
            {"custom": "Each custom attribute must be an object with type, key and value."},
        ),
        (
            "POST",
            "/attributes/custom",
            {"custom": ["x"]},
            {"custom": "custom must be an array of objects."},
        ),
        ("PUT", "/attributes/custom", {"custom": [1]}, {"custom": "custom must be an object of key: value."}),
        ("DELETE", "/attributes/custom", {"custom": "x"}, {"custom": "custom must be an array of keys."}),
        ("DELETE", "/attributes/custom", {"custom": [{}]}, {"custom": "custom must be an array of keys."}),
    ],
)
def test_odd_shapes_of_custom_attributes_are_422(
    api: httpx.Client,
    data_source: dict[str, Any],
    method: str,
    suffix: str,
    body: Any,
    expected: dict[str, str],
) -> None:
    made = api.post(
        "/customers",
        json={
            "data_source_uuid": data_source["uuid"],
            "external_id": unique("c"),
            "name": "Z",
            "attributes": {"custom": [{"type": "String", "key": "k", "value": "v"}]},
        },
    ).json()
    answer = api.request(method, f"/customers/{made['uuid']}{suffix}", json=body)
    assert answer.status_code == 422
    assert answer.json() == {"errors": expected}
    assert api.get(f"/customers/{made['uuid']}").json()["attributes"]["custom"] == {"k": "v"}


def test_a_new_sqlite_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "private.db"
    with Sandbox(f"sqlite:///{path}") as box:
        assert httpx.get(f"{box.api_url}/ping", auth=(box.api_key, "")).status_code == 200
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_a_connection_that_sends_part_of_its_headers_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protocol.DeadlineH11Protocol, "header_timeout", 0.3)
    with Sandbox() as box, socket.create_connection(("127.0.0.1", box.port), timeout=5) as sock:
        sock.sendall(b"GET /v1/ping HTTP/1.1\r\nHost: x\r\n")
        # closed by the server with nothing answered (were it left open, recv would time out and raise)
        assert sock.recv(1024) == b""
        # a complete request on a new connection is answered as ever
        with socket.create_connection(("127.0.0.1", box.port), timeout=5) as good:
            good.sendall(b"GET /v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert good.recv(1024).startswith(b"HTTP/1.1 401")


def test_a_plan_group_name_over_255_characters_is_422_and_stores_nothing(
    api: httpx.Client, data_source: dict[str, Any]
) -> None:
    plan = api.post(
        "/plans",
        json={
            "data_source_uuid": data_source["uuid"],
            "name": "P",
            "interval_count": 1,
            "interval_unit": "month",
        },
    ).json()
    message = "Name is too long (maximum is 255 characters)"
    expected = {
        "name": [message],
        "error_details": [{"param": "name", "code": "too_long", "message": message}],
    }
    before = len(api.get("/plan_groups").json()["plan_groups"])
    made = api.post("/plan_groups", json={"name": "g" * 256, "plans": [plan["uuid"]]})
    assert (made.status_code, made.json()) == (422, expected)
    assert len(api.get("/plan_groups").json()["plan_groups"]) == before
    group = api.post("/plan_groups", json={"name": "g" * 255, "plans": [plan["uuid"]]}).json()
    renamed = api.patch(f"/plan_groups/{group['uuid']}", json={"name": "h" * 256})
    assert (renamed.status_code, renamed.json()) == (422, expected)
    assert api.get(f"/plan_groups/{group['uuid']}").json()["name"] == "g" * 255
