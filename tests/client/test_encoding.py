"""Request bodies: written by orjson, with the standard encoder's answer wherever the two differ."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

import pytest

import mogul
from mogul.flow import encode_json
from mogul.flow.record import Record
from mogul.server.sandbox import Sandbox


def standard(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


@pytest.mark.parametrize(
    "value",
    [
        {"external_id": "inv_1", "line_items": [{"amount_in_cents": 1990, "quantity": 2, "prorated": True}]},
        {"name": "Café «ünïcode» 日本", "custom": [{"key": "ratio", "value": 0.1}]},
        {"with": None, "nested": [None, {"x": None}]},
        {"big": 2**70, "small": -(2**63)},
        {1: "one", 2: "two"},
        Record({"uuid": "cus_1", "tags": ["a"]}),
        [1, 2.5, "three"],
    ],
)
def test_bodies_are_what_the_standard_encoder_writes(value: object) -> None:
    assert encode_json(value) == standard(value)


def test_integers_beyond_64_bits_keep_every_digit() -> None:
    assert encode_json({"n": 2**70}) == b'{"n":1180591620717411303424}'


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_float_that_is_not_a_number_is_refused_as_before(bad: float) -> None:
    with pytest.raises(ValueError, match="Out of range float values"):
        encode_json({"custom": {"value": bad}})


def test_dates_are_refused_as_before() -> None:
    with pytest.raises(TypeError, match="datetime is not JSON serializable"):
        encode_json({"date": datetime(2026, 1, 1, tzinfo=UTC)})


def test_a_body_reaches_the_server_intact(sandbox: Sandbox) -> None:
    name = 'Café «ünïcode» 日本 \\ "quoted"\n'
    with mogul.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        made = client.request("POST", "/data_sources", json={"name": name})
        assert client.request("GET", f"/data_sources/{made['uuid']}")["name"] == name
