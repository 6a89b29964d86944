"""`POST /data_sources/{uuid}/json_imports` and `GET .../json_imports/{id}` on a real mogul serve."""

from __future__ import annotations

from typing import Any

import chartmogul
import httpx

from mogul.server import wire
from mogul.server.sandbox import Sandbox
from tests.conftest import unique

PLAN = {"external_id": "gold", "name": "Gold", "interval_count": 1, "interval_unit": "month"}


def invoice(ext: str, customer: str, *, amount: int = 1000, month: int = 1, **more: Any) -> dict[str, Any]:
    return {
        "external_id": ext,
        "customer_external_id": customer,
        "date": f"2024-{month:02d}-01",
        "currency": "USD",
        "line_items": [
            {
                "type": "subscription",
                "external_id": f"{ext}-li",
                "subscription_external_id": f"sub-{customer}",
                "plan_external_id": "gold",
                "service_period_start": f"2024-{month:02d}-01",
                "service_period_end": f"2024-{month + 1:02d}-01",
                "amount_in_cents": amount,
            }
        ],
        "transactions": [
            {
                "external_id": f"{ext}-tr",
                "type": "payment",
                "result": "successful",
                "date": f"2024-{month:02d}-02",
            }
        ],
        **more,
    }


def post(api: httpx.Client, ds: str, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post(f"/data_sources/{ds}/json_imports", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_an_import_creates_everything_and_reports_completed(
    api: httpx.Client, data_source: dict[str, Any]
) -> None:
    ds = data_source["uuid"]
    body = {
        "external_id": "batch-1",
        "plans": [PLAN],
        "customers": [{"external_id": "c1", "name": "Ada", "email": "ada@example.com", "country": "DE"}],
        "invoices": [invoice("i1", "c1", month=1), invoice("i2", "c1", month=2)],
    }
    answer = post(api, ds, body)
    assert set(answer) == {
        "id",
        "data_source_uuid",
        "status",
        "external_id",
        "status_details",
        "created_at",
        "updated_at",
    }
    assert answer["status"] == "completed"
    assert answer["external_id"] == "batch-1"
    assert answer["data_source_uuid"] == ds
    assert answer["status_details"] == {
        "customers": {"created": 1, "matched": 0, "failed": 0},
        "plans": {"created": 1, "matched": 0, "failed": 0},
        "invoices": {"created": 2, "matched": 0, "failed": 0},
        "line_items": {"created": 2, "matched": 0, "failed": 0},
        "transactions": {"created": 2, "matched": 0, "failed": 0},
        "errors": [],
    }
    customer = api.get("/customers", params={"data_source_uuid": ds}).json()["entries"][0]
    assert (customer["external_id"], customer["name"], customer["email"], customer["country"]) == (
        "c1",
        "Ada",
        "ada@example.com",
        "DE",
    )
    # derived state was recomputed: the customer pays 10.00 a month
    assert customer["mrr"] == 1000
    assert customer["customer-since"] == "2024-01-01T00:00:00+00:00"
    invoices = api.get("/invoices", params={"data_source_uuid": ds}).json()["invoices"]
    assert sorted(i["external_id"] for i in invoices) == ["i1", "i2"]
    plan_uuid = api.get("/plans", params={"data_source_uuid": ds}).json()["plans"][0]["uuid"]
    assert {i["line_items"][0]["plan_uuid"] for i in invoices} == {plan_uuid}
    retrieved = api.get(f"/data_sources/{ds}/json_imports/{answer['id']}")
    assert retrieved.status_code == 200
    assert retrieved.json() == answer


def test_sending_the_same_import_again_matches_everything_and_writes_nothing(
    api: httpx.Client, data_source: dict[str, Any]
) -> None:
    ds = data_source["uuid"]
    body = {"plans": [PLAN], "customers": [{"external_id": "c1"}], "invoices": [invoice("i1", "c1")]}
    post(api, ds, body)
    before = api.get("/invoices", params={"data_source_uuid": ds}).json()["invoices"]
    again = post(api, ds, body)["status_details"]
    assert again["customers"] == {"created": 0, "matched": 1, "failed": 0}
    assert again["plans"] == {"created": 0, "matched": 1, "failed": 0}
    assert again["invoices"] == {"created": 0, "matched": 1, "failed": 0}
    assert again["line_items"] == {"created": 0, "matched": 1, "failed": 0}
    assert again["transactions"] == {"created": 0, "matched": 1, "failed": 0}
    after = api.get("/invoices", params={"data_source_uuid": ds}).json()["invoices"]
    assert after == before
    assert len(api.get("/customers", params={"data_source_uuid": ds}).json()["entries"]) == 1


def test_bad_objects_fail_alone_with_their_errors(api: httpx.Client, data_source: dict[str, Any]) -> None:
    ds = data_source["uuid"]
    post(api, ds, {"plans": [PLAN], "customers": [{"external_id": "c1"}]})
    body = {
        "customers": [{"external_id": "c2"}, {"name": "no id"}, {"external_id": "c3", "country": "XX"}],
        "invoices": [
            invoice("ok", "c1"),
            invoice("bad-currency", "c1", currency="EURO"),
            invoice("nobody", "c9"),
            {
                **invoice("bad-plan", "c1"),
                "line_items": [
                    {**invoice("x", "c1")["line_items"][0], "plan_external_id": "tin", "external_id": "bp"}
                ],
            },
            invoice("ok", "c1", month=3),
        ],
    }
    details = post(api, ds, body)["status_details"]
    assert details["customers"] == {"created": 1, "matched": 0, "failed": 2}
    assert details["invoices"] == {"created": 1, "matched": 0, "failed": 4}
    errors = {(e["object"], e["index"]): e for e in details["errors"]}
    assert errors["customer", 1]["errors"] == {"external_id": "external_id is required."}
    assert errors["customer", 2]["external_id"] == "c3"
    assert list(errors["customer", 2]["errors"]) == ["country"]
    assert errors["invoice", 1]["errors"] == {
        "currency": "currency must be an ISO 4217 currency code, got 'EURO'."
    }
    assert errors["invoice", 2]["errors"] == {
        "customer_external_id": "Customer c9 doesn't exist in this data source."
    }
    assert errors["invoice", 3]["errors"] == {
        "line_items[0].plan_external_id": "Plan tin doesn't exist in this data source."
    }
    # the second "ok" repeats the first one's external ids within the import
    assert errors["invoice", 4]["errors"]["external_id"] == wire.DUPLICATE_INVOICE
    stored = api.get("/invoices", params={"data_source_uuid": ds}).json()["invoices"]
    assert [i["external_id"] for i in stored] == ["ok"]


def test_an_invoice_id_held_by_another_customer_fails(api: httpx.Client, data_source: dict[str, Any]) -> None:
    ds = data_source["uuid"]
    post(api, ds, {"plans": [PLAN], "customers": [{"external_id": "c1"}, {"external_id": "c2"}]})
    post(api, ds, {"invoices": [invoice("i1", "c1")]})
    details = post(api, ds, {"invoices": [invoice("i1", "c2")]})["status_details"]
    assert details["invoices"] == {"created": 0, "matched": 0, "failed": 1}
    assert details["errors"][0]["errors"] == {"external_id": wire.DUPLICATE_INVOICE}


def test_top_level_line_items_and_transactions_join_their_invoice(
    api: httpx.Client, data_source: dict[str, Any]
) -> None:
    ds = data_source["uuid"]
    bare = invoice("i1", "c1")
    line, tran = bare.pop("line_items")[0], bare.pop("transactions")[0]
    body = {
        "plans": [PLAN],
        "customers": [{"external_id": "c1"}],
        "invoices": [bare],
        "line_items": [{**line, "invoice_external_id": "i1"}],
        "transactions": [
            {**tran, "invoice_external_id": "i1"},
            {**tran, "external_id": "t9", "invoice_external_id": "nope"},
        ],
    }
    details = post(api, ds, body)["status_details"]
    assert details["invoices"]["created"] == 1
    assert details["line_items"]["created"] == 1
    assert details["transactions"] == {"created": 1, "matched": 0, "failed": 1}
    assert details["errors"] == [
        {
            "object": "transaction",
            "index": 1,
            "external_id": "t9",
            "errors": {"invoice_external_id": "invoice_external_id 'nope' is not an invoice of this import."},
        }
    ]
    stored = api.get("/invoices", params={"data_source_uuid": ds}).json()["invoices"][0]
    assert [li["external_id"] for li in stored["line_items"]] == ["i1-li"]
    assert [t["external_id"] for t in stored["transactions"]] == ["i1-tr"]


def test_more_objects_than_one_import_takes_is_422(api: httpx.Client, data_source: dict[str, Any]) -> None:
    response = api.post(
        f"/data_sources/{data_source['uuid']}/json_imports",
        json={"customers": [{"external_id": f"c{n}"} for n in range(1001)]},
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "customers": "One import takes at most 1000 customers, got 1001; split them over several imports."
        }
    }
    assert api.get("/customers", params={"data_source_uuid": data_source["uuid"]}).json()["entries"] == []


def test_a_body_that_is_not_an_object_is_400_and_a_bad_external_id_422(
    api: httpx.Client, data_source: dict[str, Any]
) -> None:
    url = f"/data_sources/{data_source['uuid']}/json_imports"
    response = api.post(url, json=[{"external_id": "c1"}])
    assert response.status_code == 400
    assert response.json()["message"] == "The request body must be a JSON object"
    response = api.post(url, json={"external_id": ["x"], "customers": []})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["external_id"]


def test_arrays_of_the_wrong_type_are_422(api: httpx.Client, data_source: dict[str, Any]) -> None:
    response = api.post(f"/data_sources/{data_source['uuid']}/json_imports", json={"invoices": {"a": 1}})
    assert response.status_code == 422
    assert response.json() == {"errors": {"invoices": "invoices must be an array of objects."}}


def test_unknown_data_source_and_unknown_import_are_404(
    api: httpx.Client, data_source: dict[str, Any]
) -> None:
    response = api.post("/data_sources/ds_nope/json_imports", json={"customers": []})
    assert response.status_code == 404
    assert response.json() == {"error": "Data source not found"}
    # the body is checked before the write turn, but an unknown data source still answers first
    for body in ({"external_id": 5, "invoices": {"a": 1}}, ["not", "an", "object"]):
        response = api.post("/data_sources/ds_nope/json_imports", json=body)
        assert (response.status_code, response.json()) == (404, {"error": "Data source not found"})
    response = api.get(f"/data_sources/{data_source['uuid']}/json_imports/nope")
    assert response.status_code == 404
    assert response.json() == {"error": "Import not found"}


def test_another_accounts_import_is_404(
    api: httpx.Client, other_api: httpx.Client, data_source: dict[str, Any]
) -> None:
    answer = post(api, data_source["uuid"], {"customers": [{"external_id": "c1"}]})
    other = other_api.post("/data_sources", json={"name": unique("ds")}).json()
    assert (
        other_api.get(f"/data_sources/{data_source['uuid']}/json_imports/{answer['id']}").status_code == 404
    )
    assert other_api.get(f"/data_sources/{other['uuid']}/json_imports/{answer['id']}").status_code == 404


def test_the_official_python_client_creates_and_retrieves_imports(
    sandbox: Sandbox, data_source: dict[str, Any]
) -> None:
    config = chartmogul.Config(sandbox.api_key)
    config.uri = sandbox.api_url
    ds = data_source["uuid"]
    made = chartmogul.JsonImport.create(
        config,
        data_source_uuid=ds,
        data={"external_id": "py", "customers": [{"external_id": "c1", "name": "Py"}]},
    ).get()
    assert made.status == "completed"
    assert made.external_id == "py"
    assert made.status_details["customers"] == {"created": 1, "matched": 0, "failed": 0}
    again = chartmogul.JsonImport.retrieve(config, data_source_uuid=ds, id=made.id).get()
    assert again.id == made.id
    assert again.created_at == made.created_at
