"""The official Python client (`chartmogul` 4.11.0), unchanged, on subscription events: every method of
`SubscriptionEvent` (create, all, modify_with_params, destroy_with_params, disable, enable), in each
call style it offers, by id and by external id.

The client parses each answer with its strict schema; the values it parsed are checked, and the MRR the
server derives from the events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import chartmogul
import pytest

from mogul.server.sandbox import Sandbox
from tests.conftest import unique

UTC = dt.UTC


@pytest.fixture(scope="module")
def cfg(sandbox: Sandbox) -> chartmogul.Config:
    config = chartmogul.Config(sandbox.api_key)
    config.uri = sandbox.api_url
    return config


@pytest.fixture(scope="module")
def other(sandbox: Sandbox) -> chartmogul.Config:
    config = chartmogul.Config(sandbox.api_keys[1])
    config.uri = sandbox.api_url
    return config


@pytest.fixture
def world(cfg: chartmogul.Config) -> dict[str, Any]:
    """A data source with a $100 monthly plan `gold` and a customer."""
    ds = chartmogul.DataSource.create(cfg, data={"name": unique("py-events")}).get()
    chartmogul.Plan.create(
        cfg,
        data={
            "data_source_uuid": ds.uuid,
            "name": "Gold",
            "external_id": "gold",
            "interval_count": 1,
            "interval_unit": "month",
        },
    ).get()
    customer = chartmogul.Customer.create(
        cfg, data={"data_source_uuid": ds.uuid, "external_id": "cus-1", "name": "Ada"}
    ).get()
    return {"ds": ds.uuid, "customer": customer.uuid}


def _start(world: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "data_source_uuid": world["ds"],
        "customer_external_id": "cus-1",
        "subscription_external_id": "sub-1",
        "event_type": "subscription_start",
        "event_date": "2024-01-01T00:00:00Z",
        "effective_date": "2024-01-01T00:00:00Z",
        "plan_external_id": "gold",
        "currency": "USD",
        "amount_in_cents": 10000,
        "quantity": 1,
    } | more


def _mrr(cfg: chartmogul.Config, customer: str) -> int:
    return int(chartmogul.Customer.retrieve(cfg, uuid=customer).get().mrr)


def test_create_flat_and_enveloped_and_list_with_filters(
    cfg: chartmogul.Config, world: dict[str, Any]
) -> None:
    # Python's create sends its data as it is: flat here, enveloped on the second call
    made = chartmogul.SubscriptionEvent.create(cfg, data=_start(world, external_id="ev-1")).get()
    assert isinstance(made, chartmogul.SubscriptionEvent)
    assert isinstance(made.id, int)
    assert (made.event_type, made.external_id, made.amount_in_cents, made.quantity, made.currency) == (
        "subscription_start",
        "ev-1",
        10000,
        1,
        "USD",
    )
    assert made.effective_date == dt.datetime(2024, 1, 1, tzinfo=UTC)
    assert (made.retracted_event_id, made.disabled, made.disabled_at) == (None, False, None)
    update = _start(
        world,
        event_type="subscription_updated",
        effective_date="2024-02-01T00:00:00Z",
        amount_in_cents=30000,
        external_id="ev-2",
    )
    second = chartmogul.SubscriptionEvent.create(cfg, data={"subscription_event": update}).get()
    assert second.amount_in_cents == 30000
    assert _mrr(cfg, world["customer"]) == 30000
    listed = chartmogul.SubscriptionEvent.all(cfg, data_source_uuid=world["ds"]).get()
    assert [e.id for e in listed.subscription_events] == [made.id, second.id]
    assert listed.has_more is False
    one = chartmogul.SubscriptionEvent.all(
        cfg, data_source_uuid=world["ds"], event_type="subscription_updated", customer_external_id="cus-1"
    ).get()
    assert [(e.id, e.external_id) for e in one.subscription_events] == [(second.id, "ev-2")]
    page = chartmogul.SubscriptionEvent.all(cfg, data_source_uuid=world["ds"], per_page=1).get()
    assert ([e.id for e in page.subscription_events], page.has_more) == ([made.id], True)
    rest = chartmogul.SubscriptionEvent.all(
        cfg, data_source_uuid=world["ds"], per_page=1, cursor=page.cursor
    ).get()
    assert ([e.id for e in rest.subscription_events], rest.has_more) == ([second.id], False)


def test_modify_and_destroy_by_id_and_by_external_id(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    made = chartmogul.SubscriptionEvent.create(cfg, data=_start(world, external_id="ev-1")).get()
    # new style (id beside data), flat style, envelope style
    changed = chartmogul.SubscriptionEvent.modify_with_params(
        cfg, id=made.id, data={"amount_in_cents": 20000}
    ).get()
    assert (changed.id, changed.amount_in_cents) == (made.id, 20000)
    assert _mrr(cfg, world["customer"]) == 20000
    changed = chartmogul.SubscriptionEvent.modify_with_params(
        cfg, data={"data_source_uuid": world["ds"], "external_id": "ev-1", "quantity": 2}
    ).get()
    assert (changed.id, changed.quantity) == (made.id, 2)
    changed = chartmogul.SubscriptionEvent.modify_with_params(
        cfg, data={"subscription_event": {"id": made.id, "effective_date": "2024-01-05"}}
    ).get()
    assert changed.effective_date == dt.datetime(2024, 1, 5, tzinfo=UTC)
    # without an identifier the client refuses before sending (the server's 400 is in tests/server)
    with pytest.raises(chartmogul.ArgumentMissingError):
        chartmogul.SubscriptionEvent.modify_with_params(cfg, data={"external_id": "ev-1"}).get()
    other = chartmogul.SubscriptionEvent.create(
        cfg, data=_start(world, subscription_external_id="sub-2")
    ).get()
    assert chartmogul.SubscriptionEvent.destroy_with_params(cfg, data={"id": other.id}).get() is None
    assert (
        chartmogul.SubscriptionEvent.destroy_with_params(
            cfg, data={"data_source_uuid": world["ds"], "external_id": "ev-1"}
        ).get()
        is None
    )
    listed = chartmogul.SubscriptionEvent.all(cfg, data_source_uuid=world["ds"], with_disabled=True).get()
    assert listed.subscription_events == []
    assert _mrr(cfg, world["customer"]) == 0
    with pytest.raises(chartmogul.APIError) as gone:
        chartmogul.SubscriptionEvent.destroy_with_params(cfg, data={"id": made.id}).get()
    assert gone.value.args[0] == b'{"error":"Subscription event not found"}'


def test_disable_and_enable_by_id_and_by_external_id(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    made = chartmogul.SubscriptionEvent.create(cfg, data=_start(world, external_id="ev-1")).get()
    off = chartmogul.SubscriptionEvent.disable(cfg, id=made.id).get()
    assert (off.id, off.disabled, off.disabled_by) == (made.id, True, None)
    assert isinstance(off.disabled_at, dt.datetime)
    assert _mrr(cfg, world["customer"]) == 0
    on = chartmogul.SubscriptionEvent.enable(
        cfg, data={"data_source_uuid": world["ds"], "external_id": "ev-1"}
    ).get()
    assert (on.id, on.disabled, on.disabled_at) == (made.id, False, None)
    assert _mrr(cfg, world["customer"]) == 10000
    off = chartmogul.SubscriptionEvent.disable(cfg, data={"subscription_event": {"id": made.id}}).get()
    assert off.disabled is True
    on = chartmogul.SubscriptionEvent.enable(cfg, id=made.id).get()
    assert on.disabled is False


def test_a_retraction_parses_its_retracted_event_id(cfg: chartmogul.Config, world: dict[str, Any]) -> None:
    chartmogul.SubscriptionEvent.create(cfg, data=_start(world)).get()
    cancel = chartmogul.SubscriptionEvent.create(
        cfg,
        data={
            "data_source_uuid": world["ds"],
            "customer_external_id": "cus-1",
            "subscription_external_id": "sub-1",
            "event_type": "subscription_cancelled",
            "event_date": "2024-03-01",
            "effective_date": "2024-03-01",
        },
    ).get()
    assert (cancel.plan_external_id, cancel.amount_in_cents, cancel.quantity) == (None, None, None)
    assert _mrr(cfg, world["customer"]) == 0
    retraction = chartmogul.SubscriptionEvent.create(
        cfg,
        data={
            "data_source_uuid": world["ds"],
            "customer_external_id": "cus-1",
            "subscription_external_id": "sub-1",
            "event_type": "subscription_event_retracted",
            "event_date": "2024-03-02",
            "effective_date": "2024-03-02",
            "retracted_event_id": cancel.id,
        },
    ).get()
    assert retraction.retracted_event_id == str(cancel.id)
    assert _mrr(cfg, world["customer"]) == 10000


def test_another_account_finds_none_of_them(
    cfg: chartmogul.Config, other: chartmogul.Config, world: dict[str, Any]
) -> None:
    made = chartmogul.SubscriptionEvent.create(cfg, data=_start(world)).get()
    for call in (
        lambda: chartmogul.SubscriptionEvent.modify_with_params(other, id=made.id, data={"quantity": 3}),
        lambda: chartmogul.SubscriptionEvent.destroy_with_params(other, data={"id": made.id}),
        lambda: chartmogul.SubscriptionEvent.disable(other, id=made.id),
    ):
        with pytest.raises(chartmogul.APIError) as refused:
            call().get()
        assert refused.value.args[0] == b'{"error":"Subscription event not found"}'
    theirs = chartmogul.SubscriptionEvent.all(other, data_source_uuid=world["ds"]).get()
    assert theirs.subscription_events == []
