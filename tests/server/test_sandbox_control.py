"""The sandbox control API (`/v1/_sandbox`) over HTTP on both backends, and `mogul.Sandbox`'s methods:
a reset leaves nothing (and zero metrics), export -> reset -> seed gives the same export and the same
figures, a seed twice is a seed once, snapshots survive the server and restore exactly, another account
is never touched, a bad bundle stores nothing, and a server without the control API answers 404."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import mogul
from mogul.server.domain.accounts import ensure_keys
from tests.conftest import basic
from tests.server.sandbox_world import figures, metrics, populate

EMPTY = {"mogul_bundle": 1, "data_sources": [], "plan_groups": []}
NOTHING = {"data_sources": 0, "plans": 0, "customers": 0, "invoices": 0, "plan_groups": 0}
WORLD = {"data_sources": 2, "plans": 3, "customers": 4, "invoices": 4, "plan_groups": 3}
SEEDED = {
    "data_sources": 2,
    "plans": 3,
    "customers": 4,
    "invoices": 4,
    "line_items": 5,
    "transactions": 2,
    "plan_groups": 3,
    "contacts": 1,
    "customer_notes": 1,
    "opportunities": 1,
    "tasks": 1,
}
NONE_SEEDED = dict.fromkeys(SEEDED, 0)
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


@pytest.fixture(scope="module")
def box(database_factory: Callable[[], str]) -> Iterator[mogul.Sandbox]:
    with mogul.Sandbox(database_factory()) as sandbox:
        yield sandbox


@pytest.fixture
def new_account(box: mogul.Sandbox) -> Iterator[Callable[[], httpx.Client]]:
    """Accounts of their own on the module's server: `new_account()` makes one and gives its client."""
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        key = f"ctl-{uuid.uuid4().hex}"
        ensure_keys(box.db, [key])
        client = httpx.Client(base_url=box.api_url, headers=basic(key), timeout=60)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def api(new_account: Callable[[], httpx.Client]) -> httpx.Client:
    return new_account()


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def _client(sandbox: mogul.Sandbox, key: str) -> httpx.Client:
    return httpx.Client(base_url=sandbox.api_url, headers=basic(key), timeout=60)


def _export(api: httpx.Client) -> Any:
    return _ok(api.get("/_sandbox/export"))


# -- reset ----------------------------------------------------------------------------------------------


def test_a_reset_leaves_nothing_and_the_metrics_at_zero(api: httpx.Client) -> None:
    populate(api)
    before = metrics(api)  # the metrics' cached activity log is warm
    assert any(entry["mrr"] for entry in before["entries"])
    assert _ok(api.post("/_sandbox/reset")) == {"deleted": WORLD}
    assert _ok(api.get("/data_sources")) == {"data_sources": []}
    for path, key in [
        ("/customers", "entries"),
        ("/plans", "plans"),
        ("/plan_groups", "plan_groups"),
        ("/invoices", "invoices"),
        ("/activities", "entries"),
    ]:
        assert _ok(api.get(path))[key] == [], path
    after = metrics(api)
    assert [entry["date"] for entry in after["entries"]] == [entry["date"] for entry in before["entries"]]
    assert all(value == 0 for entry in after["entries"] for key, value in entry.items() if key != "date")
    assert _export(api) == EMPTY
    # the account and its key stay
    assert api.get("/account").status_code == 200
    assert _ok(api.post("/_sandbox/reset")) == {"deleted": NOTHING}


def test_a_reset_touches_no_other_account(new_account: Callable[[], httpx.Client]) -> None:
    mine, theirs = new_account(), new_account()
    populate(mine)
    populate(theirs, tag=" (theirs)")
    assert _ok(theirs.put("/_sandbox/snapshots/kept"))["objects"] == WORLD
    their_export, their_figures = _export(theirs), figures(theirs)
    _ok(mine.put("/_sandbox/snapshots/mine"))
    assert _ok(mine.post("/_sandbox/reset")) == {"deleted": WORLD}
    assert _export(theirs) == their_export
    assert figures(theirs) == their_figures
    assert [s["name"] for s in _ok(theirs.get("/_sandbox/snapshots"))["snapshots"]] == ["kept"]
    # a reset keeps the account's own snapshots too
    assert [s["name"] for s in _ok(mine.get("/_sandbox/snapshots"))["snapshots"]] == ["mine"]
    # another account's snapshot is as unknown as a made-up one
    assert mine.post("/_sandbox/snapshots/kept/restore").json() == {"error": "Snapshot not found"}


# -- export and seed ------------------------------------------------------------------------------------


def test_export_reset_seed_gives_the_same_export_and_the_same_metrics(api: httpx.Client) -> None:
    populate(api)
    bundle, before = _export(api), figures(api)
    assert [source["name"] for source in bundle["data_sources"]] == ["Stripe", "Books"]
    ada = bundle["data_sources"][0]["customers"][0]
    # every time as it was stored, to the microsecond
    assert ada["lead_created_at"] == "2023-05-01T10:00:00.123456Z"
    assert ada["attributes"] == {
        "tags": ["vip", "early"],
        "custom": {
            "seats": 3,
            "signed": "2023-06-01T00:00:00.000Z",
            "pilot": True,
            "notes": {"plan": ["a", 1]},
        },
    }
    assert bundle["data_sources"][1]["invoices"][0]["date"] == "2024-03-05T00:00:00.000250Z"
    assert bundle["data_sources"][0]["subscriptions"] == [
        {
            "customer_external_id": "bob",
            "external_id": "sub-bob",
            "cancellation_dates": ["2024-05-10T00:00:00.000Z"],
        }
    ]
    assert bundle["plan_groups"][1] == {"name": "Old", "plans": []}
    _ok(api.post("/_sandbox/reset"))
    answer = _ok(api.post("/_sandbox/seed", json=bundle))
    assert answer == {"created": SEEDED, "matched": NONE_SEEDED, "updated": {"subscriptions": 1}}
    assert _export(api) == bundle
    assert figures(api) == before


def test_seeding_a_bundle_twice_is_seeding_it_once(
    api: httpx.Client, new_account: Callable[[], httpx.Client]
) -> None:
    source = new_account()
    populate(source)
    bundle, expected = _export(source), figures(source)
    _ok(api.post("/_sandbox/seed", json=bundle))
    again = _ok(api.post("/_sandbox/seed", json=bundle))
    assert again == {"created": NONE_SEEDED, "matched": SEEDED, "updated": {"subscriptions": 0}}
    assert _export(api) == bundle
    assert figures(api) == expected
    assert len(_ok(api.get("/plan_groups"))["plan_groups"]) == 3


def test_a_seed_adds_to_what_is_there(api: httpx.Client) -> None:
    _ok(api.post("/data_sources", json={"name": "Stripe"}), 201)
    bundle = {
        "data_sources": [
            {
                "name": "Stripe",
                "plans": [{"external_id": "p", "name": "P", "interval_count": 1, "interval_unit": "month"}],
                "customers": [{"external_id": "c", "attributes": {"custom": [{"key": "k", "value": "v"}]}}],
            },
            {"name": "New", "system": "Chargebee"},
        ]
    }
    answer = _ok(api.post("/_sandbox/seed", json=bundle))
    assert answer["created"] == {**NONE_SEEDED, "data_sources": 1, "plans": 1, "customers": 1}
    assert answer["matched"] == {**NONE_SEEDED, "data_sources": 1}
    assert _export(api) == {
        "mogul_bundle": 1,
        "data_sources": [
            {
                "name": "Stripe",
                "system": "Custom",
                "plans": [{"external_id": "p", "name": "P", "interval_count": 1, "interval_unit": "month"}],
                "customers": [{"external_id": "c", "attributes": {"custom": {"k": "v"}}}],
            },
            {"name": "New", "system": "Chargebee"},
        ],
        "plan_groups": [],
    }


def test_a_bad_bundle_is_a_422_naming_each_problem_by_its_place_and_stores_nothing(api: httpx.Client) -> None:
    bundle = {
        "version": 2,
        "data_sources": [
            {
                "name": "Stripe",
                "plans": [
                    {"external_id": "gold", "name": "Gold", "interval_count": 1, "interval_unit": "month"}
                ],
                "customers": [{"external_id": "c1"}, {"external_id": "c2", "country": "XX"}],
                "invoices": [
                    {
                        "external_id": "i1",
                        "customer_external_id": "c1",
                        "date": "2024-01-01",
                        "currency": "USD",
                        "line_items": [
                            {
                                "type": "subscription",
                                "plan_external_id": "silver",
                                "subscription_external_id": "s1",
                                "service_period_start": "2024-01-01",
                                "service_period_end": "2024-02-01",
                                "amount_in_cents": 100,
                            }
                        ],
                    },
                    {
                        "external_id": "i2",
                        "customer_external_id": "nobody",
                        "date": "2024-01-01",
                        "currency": "USD",
                        "line_items": [],
                    },
                ],
                "subscriptions": [
                    {"customer_external_id": "c1", "external_id": "s9", "cancellation_dates": []}
                ],
            }
        ],
        "plan_groups": [{"name": "G", "plans": [{"data_source": "Stripe", "external_id": "bronze"}]}],
    }
    # what needs no database is checked first
    assert api.post("/_sandbox/seed", json=bundle).json() == {
        "errors": {"version": "Unknown key; this object takes mogul_bundle, data_sources, plan_groups."}
    }
    del bundle["version"]
    answer = api.post("/_sandbox/seed", json=bundle)
    assert answer.status_code == 422
    assert answer.json() == {
        "errors": {
            "data_sources[0].customers[1].country": (
                "country must be an ISO 3166-1 alpha-2 country code, got 'XX'."
            ),
            "data_sources[0].invoices[0].line_items[0].plan_external_id": (
                "Plan silver doesn't exist in this data source."
            ),
            "data_sources[0].invoices[1].customer_external_id": (
                "Customer nobody doesn't exist in this data source."
            ),
            "data_sources[0].subscriptions[0].external_id": (
                "Customer c1 has no subscription s9 in this data source."
            ),
            "plan_groups[0].plans[0]": "Data source 'Stripe' has no plan bronze.",
        }
    }
    assert _export(api) == EMPTY


@pytest.mark.parametrize(
    ("bundle", "status", "body"),
    [
        ([], 400, {"code": 400, "message": "The bundle must be a JSON object", "param": None}),
        (
            {"mogul_bundle": 2},
            422,
            {"errors": {"mogul_bundle": "This mogul reads bundles of format 1."}},
        ),
        (
            {"data_sources": [{"name": "A", "customers": {"external_id": "c"}}, {"system": "x" * 65}]},
            422,
            {
                "errors": {
                    "data_sources[0].customers": "customers must be an array of objects.",
                    "data_sources[1].name": "name is required.",
                    "data_sources[1].system": "system is too long (maximum is 64 characters).",
                }
            },
        ),
        (
            {"data_sources": [{"name": "A", "invoice": []}, {"name": "A"}]},
            422,
            {
                "errors": {
                    "data_sources[0].invoice": (
                        "Unknown key; this object takes name, system, plans, customers, invoices, "
                        "subscriptions, contacts, customer_notes, opportunities, tasks."
                    )
                }
            },
        ),
        (
            {"data_sources": [{"name": "A"}, {"name": "A"}]},
            422,
            {
                "errors": {
                    "data_sources[1].name": (
                        "Data source 'A' is also data_sources[0]; one entry holds all its objects."
                    )
                }
            },
        ),
        (
            {
                "data_sources": [
                    {"name": "A", "subscriptions": [{"external_id": "s", "cancellation_dates": ["soon", 3]}]}
                ],
                "plan_groups": [{"name": " ", "plans": [{"external_id": "p"}]}],
            },
            422,
            {
                "errors": {
                    "data_sources[0].subscriptions[0].cancellation_dates[0]": (
                        "cancellation_dates must hold ISO 8601 timestamps."
                    ),
                    "data_sources[0].subscriptions[0].cancellation_dates[1]": (
                        "cancellation_dates must hold ISO 8601 timestamps."
                    ),
                    "data_sources[0].subscriptions[0].customer_external_id": (
                        "customer_external_id is required."
                    ),
                    "plan_groups[0].plans[0].data_source": "data_source is required.",
                    "plan_groups[0].name": "name can't be blank.",
                }
            },
        ),
    ],
    ids=["not-an-object", "format", "shapes", "unknown-key", "same-name-twice", "nested"],
)
def test_a_bundle_of_the_wrong_shape_answers_what_is_wrong(
    api: httpx.Client, bundle: Any, status: int, body: Any
) -> None:
    answer = api.post("/_sandbox/seed", json=bundle)
    assert (answer.status_code, answer.json()) == (status, body)
    assert _export(api) == EMPTY


def test_an_empty_body_seeds_nothing(api: httpx.Client) -> None:
    assert _ok(api.post("/_sandbox/seed")) == {
        "created": NONE_SEEDED,
        "matched": NONE_SEEDED,
        "updated": {"subscriptions": 0},
    }


# -- snapshots ------------------------------------------------------------------------------------------


def test_a_snapshot_restores_the_account_as_it_was(api: httpx.Client) -> None:
    populate(api)
    bundle, before = _export(api), figures(api)
    saved = _ok(api.put("/_sandbox/snapshots/baseline"))
    assert STAMP.match(saved.pop("created_at"))
    assert saved == {"name": "baseline", "objects": WORLD}
    # the account changes after the snapshot
    customer = _ok(api.get("/customers", params={"external_id": "ada"}))["entries"][0]["uuid"]
    _ok(api.delete(f"/customers/{customer}"), 204)
    _ok(api.post("/data_sources", json={"name": "Later"}), 201)
    assert figures(api) != before
    restored = _ok(api.post("/_sandbox/snapshots/baseline/restore"))
    assert restored == {
        "name": "baseline",
        "deleted": {"data_sources": 3, "plans": 3, "customers": 3, "invoices": 2, "plan_groups": 3},
        "created": SEEDED,
        "matched": NONE_SEEDED,
        "updated": {"subscriptions": 1},
    }
    assert _export(api) == bundle
    assert figures(api) == before
    got = _ok(api.get("/_sandbox/snapshots/baseline"))
    assert (got["name"], got["objects"], got["bundle"]) == ("baseline", WORLD, bundle)


def test_snapshots_are_listed_replaced_and_deleted_by_name(api: httpx.Client) -> None:
    assert _ok(api.get("/_sandbox/snapshots")) == {"snapshots": []}
    assert _ok(api.put("/_sandbox/snapshots/b.2"))["objects"] == NOTHING
    _ok(api.post("/data_sources", json={"name": "S"}), 201)
    _ok(api.put("/_sandbox/snapshots/a_1"))
    assert _ok(api.put("/_sandbox/snapshots/b.2"))["objects"] == {**NOTHING, "data_sources": 1}
    listed = _ok(api.get("/_sandbox/snapshots"))["snapshots"]
    assert [s["name"] for s in listed] == ["a_1", "b.2"]
    assert all(STAMP.match(s["created_at"]) for s in listed)
    assert api.delete("/_sandbox/snapshots/a_1").status_code == 204
    assert [s["name"] for s in _ok(api.get("/_sandbox/snapshots"))["snapshots"]] == ["b.2"]
    for method, path in [
        ("DELETE", "/_sandbox/snapshots/a_1"),
        ("GET", "/_sandbox/snapshots/a_1"),
        ("POST", "/_sandbox/snapshots/a_1/restore"),
    ]:
        answer = api.request(method, path)
        assert (answer.status_code, answer.json()) == (404, {"error": "Snapshot not found"}), (method, path)
    bad = api.put("/_sandbox/snapshots/-x")
    assert (bad.status_code, bad.json()) == (
        422,
        {
            "errors": {
                "name": (
                    "A snapshot name is 1 to 100 letters, digits, '.', '_' or '-', "
                    "the first a letter or digit."
                )
            }
        },
    )


def test_a_snapshot_survives_the_server(fresh_database_url: str) -> None:
    key = f"k-{uuid.uuid4().hex}"
    with mogul.Sandbox(fresh_database_url, api_keys=[key]) as first, _client(first, key) as api:
        populate(api)
        bundle, before = _export(api), figures(api)
        _ok(api.put("/_sandbox/snapshots/kept"))
        _ok(api.post("/_sandbox/reset"))
    with mogul.Sandbox(fresh_database_url, api_keys=[key]) as second, _client(second, key) as api:
        assert [s["name"] for s in _ok(api.get("/_sandbox/snapshots"))["snapshots"]] == ["kept"]
        _ok(api.post("/_sandbox/snapshots/kept/restore"))
        assert _export(api) == bundle
        assert figures(api) == before


# -- switched off ---------------------------------------------------------------------------------------


def test_without_the_control_api_its_routes_are_404_in_chartmogul_shape(
    database_factory: Callable[[], str],
) -> None:
    with mogul.Sandbox(database_factory(), sandbox_control=False) as off:
        with _client(off, off.api_key) as api:
            for method, path in [
                ("POST", "/_sandbox/reset"),
                ("GET", "/_sandbox/export"),
                ("POST", "/_sandbox/seed"),
                ("PUT", "/_sandbox/snapshots/a"),
                ("POST", "/_sandbox/snapshots/a/restore"),
            ]:
                answer = api.request(method, path)
                assert (answer.status_code, answer.json()) == (
                    404,
                    {"code": 404, "message": f"No route matches /v1{path}", "param": None},
                )
            paths = httpx.get(off.base_url + "/openapi.json").json()["paths"]
            assert not [p for p in paths if "_sandbox" in p]
            assert api.get("/ping").status_code == 200
        # the in-process methods are the caller's own: they work with the routes off
        assert off.export() == EMPTY


def test_the_control_api_needs_the_account_key(box: mogul.Sandbox) -> None:
    answer = httpx.post(box.api_url + "/_sandbox/reset", headers=basic("nobody"))
    assert (answer.status_code, answer.json()) == (
        401,
        {"code": 401, "message": "No valid API key provided", "param": None},
    )


# -- mogul.Sandbox's methods ----------------------------------------------------------------------------


def test_the_sandbox_methods_reset_seed_export_snapshot_and_restore(
    database_factory: Callable[[], str], tmp_path: Path
) -> None:
    keys = [f"a-{uuid.uuid4().hex}", f"b-{uuid.uuid4().hex}"]
    with mogul.Sandbox(database_factory(), api_keys=keys) as sandbox, _client(sandbox, keys[0]) as api:
        populate(api)
        bundle, before = sandbox.export(), figures(api)
        assert bundle == _export(api)
        assert sandbox.snapshot("start")["objects"] == WORLD
        assert [s["name"] for s in sandbox.snapshots()] == ["start"]
        assert sandbox.reset() == {"deleted": WORLD}
        assert sandbox.export() == EMPTY
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(bundle))
        assert sandbox.seed(path)["created"] == SEEDED
        assert sandbox.seed(str(path))["matched"] == SEEDED
        assert figures(api) == before
        assert sandbox.restore("start")["created"] == SEEDED
        assert sandbox.export() == bundle
        # another account of the sandbox, by its key
        assert sandbox.seed(bundle, api_key=keys[1])["created"] == SEEDED
        assert sandbox.reset(api_key=keys[1]) == {"deleted": WORLD}
        assert sandbox.export() == bundle


def test_the_sandbox_methods_raise_what_a_client_would(
    database_factory: Callable[[], str], tmp_path: Path
) -> None:
    with mogul.Sandbox(database_factory()) as sandbox:
        with pytest.raises(mogul.errors.ValidationError) as bad:
            sandbox.seed({"data_sources": [{"name": ""}]})
        assert bad.value.status == 422
        assert bad.value.errors == {"data_sources[0].name": "A name is required for each data source."}
        with pytest.raises(mogul.errors.NotFoundError) as missing:
            sandbox.restore("never")
        assert str(missing.value) == "ChartMogul answered 404: Snapshot not found"
        with pytest.raises(mogul.errors.AuthenticationError):
            sandbox.reset(api_key="not-a-key")
        with pytest.raises(mogul.errors.InputError) as directory:
            sandbox.seed(tmp_path)
        assert str(directory.value) == (
            f"bundle: {tmp_path} is a directory: read a CSV bundle with mogul.bulk.read_bundle(path) "
            "and seed what it returns"
        )
        (tmp_path / "broken.json").write_text("{")
        with pytest.raises(mogul.errors.InputError, match=r"^bundle: .*broken.json is not JSON: "):
            sandbox.seed(tmp_path / "broken.json")
        with pytest.raises(mogul.errors.InputError, match=r"^bundle: a bundle holds JSON data only: "):
            sandbox.seed({"data_sources": [{"name": object()}]})
        assert sandbox.export() == EMPTY
    with pytest.raises(RuntimeError, match="start the sandbox first"):
        mogul.Sandbox().reset()
