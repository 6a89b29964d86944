"""Data source modules against a real server, checked on the server."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import unique
from tests.modules.conftest import Call


def test_data_sources_list_filters_by_name_and_system(call: Call, data_source: dict[str, Any]) -> None:
    assert call("data_sources.list", name=data_source["name"]) == [data_source]
    assert call("data_sources.list", name=data_source["name"], system="Stripe") == []
    everything = call("data_sources.list", system="Custom")
    assert data_source in everything
    assert len(call("data_sources.list", limit=1)) == 1


def test_data_sources_get_takes_the_uuid_or_name(call: Call, data_source: dict[str, Any]) -> None:
    assert call("data_sources.get", data_source=data_source["uuid"]) == data_source
    assert call("data_sources.get", data_source=data_source["name"]) == data_source


def test_data_sources_create_stores_the_data_source(call: Call, api: httpx.Client) -> None:
    name = unique("Implementation system")
    created = call("data_sources.create", name=name)
    assert (created["name"], created["system"]) == (name, "Custom")
    assert api.get(f"/data_sources/{created['uuid']}").json() == created


def test_data_sources_delete_removes_it(call: Call, api: httpx.Client, data_source: dict[str, Any]) -> None:
    assert call("data_sources.delete", data_source=data_source["name"]) is None
    assert api.get(f"/data_sources/{data_source['uuid']}").status_code == 404
