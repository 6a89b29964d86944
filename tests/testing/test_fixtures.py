"""mogul's pytest plugin as this suite's own tests use it (pytest loads it from the `pytest11` entry
point): each test that asks for the sandbox gets a clean account, seeded from `mogul_bundle`."""

from __future__ import annotations

from typing import Any

import chartmogul
import pytest

import mogul

BUNDLE = {
    "data_sources": [
        {
            "name": "Billing",
            "plans": [{"external_id": "gold", "name": "Gold", "interval_count": 1, "interval_unit": "month"}],
            "customers": [{"external_id": "ada", "name": "Ada"}],
        }
    ]
}


@pytest.fixture
def mogul_bundle() -> Any:
    return BUNDLE


def test_a_test_starts_from_the_bundle_and_writes_freely(mogul_client: mogul.Client) -> None:
    assert [c["external_id"] for c in mogul_client.customers.list()] == ["ada"]
    mogul_client.customers.create(data_source="Billing", external_id="bob", name="Bob")
    assert len(list(mogul_client.customers.list())) == 2


def test_the_next_test_starts_from_the_bundle_again(mogul_client: mogul.Client) -> None:
    assert [c["external_id"] for c in mogul_client.customers.list()] == ["ada"]


def test_the_official_client_is_configured_for_the_same_account(
    chartmogul_config: chartmogul.Config, chartmogul_sandbox: mogul.Sandbox, mogul_sandbox: mogul.Sandbox
) -> None:
    assert chartmogul_sandbox is mogul_sandbox
    plans = chartmogul.Plan.all(chartmogul_config).get()
    assert [p.external_id for p in plans.plans] == ["gold"]
    assert chartmogul_config.uri == mogul_sandbox.api_url
