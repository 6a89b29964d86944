"""The tool list is the module registry's (plus the analyses): names, annotations, schemas, and which
tools each of `--allow-writes` and `--allow-destructive` adds. Every tool's schema takes a real call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import jsonschema

import mogul
from mogul.mcp.docs import readme_section, tool_table
from mogul.mcp.server import module_list
from mogul.mcp.tools import Policy, tool_name
from mogul.modules import registry
from mogul.server.sandbox import Sandbox
from tests.mcp.conftest import EVERYTHING, READS, WRITES, Business, mcp_session, seed

ANALYSES = ["mrr_bridge", "explain_metric"]


def _names(effects: set[str]) -> list[str]:
    return [tool_name(m.id) for m in registry.modules() if m.effect in effects or m.id == "api.call"]


def test_the_tools_are_the_registry_s_modules_and_the_analyses(business: Business) -> None:
    async def listed(policy: Policy) -> dict[str, Any]:
        async with mcp_session(business.box, policy) as tools:
            return await tools.tools()

    reads, writes, everything = (anyio.run(listed, p) for p in (READS, WRITES, EVERYTHING))
    assert list(reads) == _names({"read"}) + ANALYSES
    assert list(writes) == _names({"read", "write"}) + ANALYSES
    assert list(everything) == [tool_name(m.id) for m in registry.modules()] + ANALYSES
    assert len(everything) == len(registry.modules()) + 2
    # Writes and deletes are absent without their flags.
    assert "customers_create" not in reads and "customers_create" in writes
    assert "customers_delete" not in writes and "subscriptions_cancel" not in writes
    assert {"customers_delete", "subscriptions_cancel", "invoices_delete"} <= set(everything)
    assert [m["tool"] for m in module_list(READS) if m["offered"]] == _names({"read"})


def test_annotations_say_what_a_tool_does(business: Business) -> None:
    async def go() -> dict[str, Any]:
        async with mcp_session(business.box, EVERYTHING) as tools:
            return await tools.tools()

    tools = anyio.run(go)

    def hints(name: str) -> tuple[Any, ...]:
        a = tools[name].annotations
        return (a.title, a.read_only_hint, a.destructive_hint, a.idempotent_hint, a.open_world_hint)

    assert hints("customers_list") == ("List Customers", True, None, None, False)
    assert hints("metrics_mrr") == ("Retrieve MRR", True, None, None, False)
    assert hints("customers_create") == ("Create a Customer", False, False, False, False)
    assert hints("customers_update") == ("Update a Customer", False, False, True, False)
    assert hints("customers_delete") == ("Delete a Customer", False, True, True, False)
    assert hints("subscriptions_cancel") == ("Cancel a Customer's Subscription", False, True, True, False)
    assert hints("api_call") == ("Make an API Call", False, True, False, False)
    assert hints("mrr_bridge") == ("MRR Bridge", True, None, None, False)
    for name, tool in tools.items():
        assert tool.annotations.read_only_hint == (name in _names({"read"}) + ANALYSES and name != "api_call")


def test_input_schemas_come_from_the_fields(business: Business) -> None:
    async def go() -> tuple[dict[str, Any], dict[str, Any]]:
        async with mcp_session(business.box, EVERYTHING) as tools:
            everything = await tools.tools()
        async with mcp_session(business.box, READS) as tools:
            return everything, await tools.tools()

    tools, reads = anyio.run(go)
    plans_create = tools["plans_create"].input_schema
    assert plans_create == {
        "type": "object",
        "properties": {
            "data_source": {
                "title": "Data Source UUID",
                "description": "Select the Data Source ID for which you want to create the subscription "
                "plan. Give its uuid (ds_...) or name.",
                "type": "string",
            },
            "name": {
                "title": "Plan Name",
                "description": "Enter a name for the plan. Accepts alphanumeric characters.",
                "type": "string",
            },
            "interval_count": {
                "title": "Interval Count",
                "description": "Enter the frequency of the billing for the plan. For example, 6 for a "
                "half-yearly plan.",
                "type": "integer",
            },
            "interval_unit": {
                "title": "Interval Unit",
                "description": "Select the unit for billing interval. For example, month for the above "
                "half-yearly plan. One of: day (Day), month (Month), year (Year).",
                "enum": ["day", "month", "year"],
            },
            "external_id": {
                "title": "External ID",
                "description": "Enter the unique External ID for the plan. It should be an identifier from "
                "your internal system. Accepts alphanumeric characters.",
                "type": "string",
            },
        },
        "additionalProperties": False,
        "required": ["data_source", "name", "interval_count", "interval_unit"],
    }
    customers_list = tools["customers_list"].input_schema
    assert set(customers_list["properties"]) == {
        "data_source",
        "external_id",
        "status",
        "system",
        "limit",
        "cursor",
    }
    assert customers_list["properties"]["limit"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 25,
        "description": "How many items to answer with (at most 100); the answer says whether more follow.",
    }
    assert "required" not in customers_list
    assert tools["customers_list"].output_schema["required"] == ["items", "count", "truncated", "cursor"]
    lines = tools["invoices_import"].input_schema["properties"]["line_items"]
    assert lines["type"] == "array"
    assert lines["items"]["required"] == ["type", "amount_in_cents"]
    assert lines["items"]["properties"]["type"]["enum"] == ["subscription", "one_time"]
    assert lines["items"]["additionalProperties"] is False
    assert tools["invoices_import"].input_schema["required"] == [
        "customer",
        "external_id",
        "date",
        "currency",
        "line_items",
    ]
    assert tools["customers_delete"].input_schema["properties"]["confirmation"]["type"] == "string"
    assert "confirmation" not in tools["customers_update"].input_schema["properties"]
    # "Make an API Call" takes the methods the flags allow.
    assert reads["api_call"].input_schema["properties"]["method"]["enum"] == ["GET"]
    assert tools["api_call"].input_schema["properties"]["method"]["enum"] == [
        "GET",
        "POST",
        "PUT",
        "PATCH",
        "DELETE",
    ]
    assert reads["api_call"].input_schema["required"] == ["url"]
    for tool in tools.values():
        jsonschema.Draft202012Validator.check_schema(tool.input_schema)
        jsonschema.Draft202012Validator.check_schema(tool.output_schema)


def _calls(b: Business) -> dict[str, list[dict[str, Any]]]:
    """One real call of every tool (two for a destructive one: the preview, then with its token)."""
    period = {"start_date": "2024-01-01", "end_date": "2024-02-29", "interval": "month"}
    line = {
        "type": "subscription",
        "amount_in_cents": 1000,
        "plan": "Basic",
        "subscription_external_id": "sweep-sub",
        "service_period_start": "2024-03-01",
        "service_period_end": "2024-04-01",
    }
    with mogul.Client(api_key=b.box.api_key, base_url=b.box.base_url, rate_limit=None) as client:
        export = client.activities.export(wait=False)
    calls: dict[str, list[dict[str, Any]]] = {
        "customers_list": [{"data_source": "Billing", "status": "Active", "limit": 3}],
        "customers_get": [{"customer": "ada@example.com"}],
        "customers_create": [
            {
                "data_source": "Billing",
                "external_id": "sweep",
                "name": "Sweep",
                "tags": ["a"],
                "custom": {"seats": 3},
            }
        ],
        "customers_update": [
            {"customer": "sweep", "name": "Swept", "custom": [{"type": "String", "key": "k", "value": "v"}]}
        ],
        "customers_search": [{"email": "bob@example.com"}],
        "plans_list": [{"data_source": "Billing", "system": "Custom"}],
        "plans_get": [{"plan": "pro"}],
        "plans_create": [
            {"data_source": "Billing", "name": "Sweep", "interval_count": 3, "interval_unit": "month"}
        ],
        "plans_update": [{"plan": "Sweep", "name": "Swept"}],
        "plan_groups_create": [{"name": "Paid", "plans": ["Basic", "pro"]}],
        "plan_groups_list": [{}],
        "plan_groups_list_plans": [{"plan_group": "Paid"}],
        "plan_groups_get": [{"plan_group": "Paid"}],
        "plan_groups_update": [{"plan_group": "Paid", "name": "Paying"}],
        "data_sources_list": [{"name": "Billing"}],
        "data_sources_get": [{"data_source": "Billing"}],
        "data_sources_create": [{"name": "Sweep source"}],
        "invoices_list": [{"customer": "c1"}],
        "invoices_get": [{"invoice": "inv-1"}],
        "invoices_import": [
            {
                "customer": "sweep",
                "external_id": "sweep-inv",
                "date": "2024-03-01",
                "currency": "USD",
                "line_items": [line],
            }
        ],
        "invoices_import_transaction": [
            {
                "invoice": "sweep-inv",
                "date": "2024-03-02",
                "type": "payment",
                "result": "successful",
                "external_id": "sweep-tr",
            }
        ],
        "invoices_update": [{"invoice": "sweep-inv", "due_date": "2024-03-15"}],
        "invoices_disable": [{"invoice": "sweep-inv"}],
        "invoices_enable": [{"invoice": "sweep-inv", "data_source": "Billing"}],
        "line_items_import": [
            {"invoice": "sweep-inv", "type": "one_time", "amount_in_cents": 500, "external_id": "sweep-li"}
        ],
        "line_items_list": [{"data_source": "Billing", "with_disabled": True}],
        "line_items_get": [{"line_item": "sweep-li"}],
        "line_items_update": [{"line_item": "sweep-li", "data_source": "Billing", "amount_in_cents": 600}],
        "line_items_disable": [{"line_item": "sweep-li"}],
        "line_items_enable": [{"line_item": "sweep-li"}],
        "transactions_list": [{"data_source": "Billing"}],
        "transactions_get": [{"transaction": "sweep-tr", "data_source": "Billing"}],
        "transactions_update": [{"transaction": "sweep-tr", "result": "failed"}],
        "transactions_disable": [{"transaction": "sweep-tr"}],
        "transactions_enable": [{"transaction": "sweep-tr"}],
        # Billing is fed by invoices: a scheduled event (a commitment, no MRR) is what it takes
        "subscription_events_create": [
            {
                "data_source": "Billing",
                "customer_external_id": "c1",
                "subscription_external_id": "s1",
                "event_type": "subscription_update_scheduled",
                "event_date": "2024-03-01",
                "effective_date": "2024-04-01",
                "plan_external_id": "pro",
                "currency": "USD",
                "amount_in_cents": 25000,
                "quantity": 1,
                "external_id": "sweep-ev",
            }
        ],
        "subscription_events_list": [
            {"data_source": "Billing", "event_type": "subscription_update_scheduled"}
        ],
        "subscription_events_update": [
            {"subscription_event": "sweep-ev", "data_source": "Billing", "quantity": 2}
        ],
        "subscription_events_disable": [{"subscription_event": "sweep-ev", "data_source": "Billing"}],
        "subscription_events_enable": [{"subscription_event": "sweep-ev", "data_source": "Billing"}],
        "subscriptions_list": [{"customer": "c3"}],
        "activities_list": [{"type": "churn", "start_date": "2024-01-01", "order": "-date"}],
        "activities_customer": [{"customer": "eve@example.com"}],
        "activities_export": [{"start_date": "2024-01-01", "type": "new_biz"}],
        "activities_get_export": [{"id": export.id}],
        "api_call": [{"url": "/v1/plans", "method": "GET", "query": {"per_page": "2"}}],
        "mrr_bridge": [{"start_date": "2024-01-31", "end_date": "2024-02-29", "top": 1}],
        "explain_metric": [{"metric": "arpa", "date": "2024-02-29", "interval": "month"}],
    }
    calls |= {tool_name(m.id): [period] for m in registry.modules() if m.group == "metrics"}
    destructive = {
        "subscriptions_cancel": {"cancelled_at": "2024-03-15"},  # the subscription's uuid is found first
        "line_items_delete": {"line_item": "sweep-li"},
        "transactions_delete": {"transaction": "sweep-tr"},
        "subscription_events_delete": {"subscription_event": "sweep-ev", "data_source": "Billing"},
        "invoices_update_status": {"invoice": "sweep-inv", "status": "written_off"},
        "invoices_delete": {"invoice": "sweep-inv"},
        "plan_groups_delete": {"plan_group": "Paying"},
        "customers_delete": {"customer": "sweep"},
        "plans_delete": {"plan": "Swept"},
        "data_sources_delete": {"data_source": "Sweep source"},
    }
    return (
        calls
        | _crm_calls(b)
        | _merge_calls(b)
        | {name: [arguments] for name, arguments in destructive.items()}
    )


def _merge_calls(b: Business) -> dict[str, list[dict[str, Any]]]:
    """The merge and connection tools on two customers made for them, each with a subscription: merged,
    their subscriptions connected and disconnected, then unmerged."""
    plan = b.plans["basic"]
    with mogul.Client(api_key=b.box.api_key, base_url=b.box.base_url, rate_limit=None) as client:
        for name in ("m-from", "m-into"):
            made = client.customers.create(data_source=b.data_source, external_id=name)
            line = {
                "type": "subscription",
                "amount_in_cents": 1000,
                "plan": plan,
                "subscription_external_id": f"{name}-sub",
                "service_period_start": "2024-02-01",
                "service_period_end": "2024-03-01",
            }
            client.invoices.import_(
                customer=made.uuid,
                external_id=f"{name}-inv",
                date="2024-02-01",
                currency="USD",
                line_items=[line],
            )
    subscriptions = ["m-from-sub", "m-into-sub"]
    return {
        "customers_merge": [{"from_customer": "m-from", "into_customer": "m-into"}],
        "subscriptions_connect": [{"customer": "m-into", "subscriptions": subscriptions}],
        "subscriptions_disconnect": [{"customer": "m-into", "subscriptions": subscriptions}],
        "customers_unmerge": [
            {
                "customer": "m-into",
                "data_source": "Billing",
                "external_id": "m-from",
                "move_to_new_customer": ["notes"],
            }
        ],
    }


def _crm_calls(b: Business) -> dict[str, list[dict[str, Any]]]:
    """The CRM tools on customer c1, with objects made for them first (two contacts to merge, one to
    delete, a note of the customer and one of a contact, an opportunity and a task)."""
    customer = b.customers["c1"]
    with mogul.Client(api_key=b.box.api_key, base_url=b.box.base_url, rate_limit=None) as client:
        kept, merged, spare = (
            client.contacts.create(customer=customer, email=f"{n}@example.com") for n in "abc"
        )
        note = client.customer_notes.create(customer=customer, type="note", text="hello")
        entity_note = client.notes.create_for_contact(contact=kept.uuid, type="note", text="hi")
        deal = client.opportunities.create(
            customer=customer,
            owner="o@example.com",
            pipeline="New Business",
            pipeline_stage="Discovery",
            estimated_close_date="2024-06-30",
            amount_in_cents=1000,
            currency="USD",
        )
        task = client.tasks.create(customer=customer, task_details="t", assignee="a", due_date="2024-06-30")
    return {
        "contacts_list": [{"customer": "c1", "email": "a@example.com"}],
        "contacts_customer": [{"customer": "c1"}],
        "contacts_get": [{"contact": kept.uuid}],
        "contacts_create": [{"customer": "c1", "first_name": "Ada", "custom": {"seats": 3}}],
        "contacts_add": [{"customer": "c1", "email": "d@example.com"}],
        "contacts_update": [{"contact": kept.uuid, "title": "CEO"}],
        "customer_notes_list": [{"customer": "c1", "type": "note"}],
        "customer_notes_get": [{"note": note.uuid}],
        "customer_notes_create": [{"customer": "c1", "type": "call", "call_duration": 60}],
        "customer_notes_update": [{"note": note.uuid, "text": "changed"}],
        "notes_list": [{"contact": kept.uuid, "type": "note"}],
        "notes_get": [{"note": entity_note.uuid}],
        "notes_create": [{"customer": "c1", "type": "call", "call_duration": 60}],
        "notes_create_for_contact": [{"contact": kept.uuid, "type": "note", "text": "met"}],
        "notes_update": [{"note": entity_note.uuid, "text": "changed"}],
        "opportunities_list": [{"customer": "c1", "estimated_close_date_on_or_after": "2024-01-01"}],
        "opportunities_get": [{"opportunity": deal.uuid}],
        "opportunities_create": [
            {
                "customer": "c1",
                "owner": "o@example.com",
                "pipeline": "Renewals",
                "pipeline_stage": "Closed Won",
                "estimated_close_date": "2024-07-01",
                "amount_in_cents": 500,
                "currency": "EUR",
                "type": "one-time",
            }
        ],
        "opportunities_update": [{"opportunity": deal.uuid, "win_likelihood": 50}],
        "tasks_list": [{"customer": "c1", "completed": False}],
        "tasks_get": [{"task": task.task_uuid}],
        "tasks_create": [{"customer": "c1", "task_details": "u", "assignee": "a", "due_date": "2024-07-01"}],
        "tasks_create_for_contact": [
            {"contact": kept.uuid, "task_details": "v", "assignee": "a", "due_date": "2024-07-01"}
        ],
        "tasks_update": [{"task": task.task_uuid, "completed_at": "2024-06-01"}],
        "contacts_merge": [{"into_contact": kept.uuid, "from_contact": merged.uuid}],
        "contacts_delete": [{"contact": spare.uuid}],
        "customer_notes_delete": [{"note": note.uuid}],
        "notes_delete": [{"note": entity_note.uuid}],
        "opportunities_delete": [{"opportunity": deal.uuid}],
        "tasks_delete": [{"task": task.task_uuid}],
    }


def test_every_tool_takes_a_real_call_that_its_schema_allows(fresh_database_url: str) -> None:
    """Each tool once, with arguments its input schema validates (checked by `Tools.call`), answering
    without an error and with structured content its output schema allows (checked by the SDK)."""
    with Sandbox(fresh_database_url) as box:
        b = seed(box, bulk=0)

        async def go() -> set[str]:
            called: set[str] = set()
            async with mcp_session(box, EVERYTHING) as tools:
                listed = await tools.tools()
                for name, calls in _calls(b).items():
                    for arguments in calls:
                        if name == "subscriptions_cancel":
                            [sub] = (await tools.ok("subscriptions_list", {"customer": "sweep"}))["items"]
                            arguments = {"subscription": sub["uuid"], **arguments}
                        answer = await tools.ok(name, arguments)
                        if listed[name].annotations.destructive_hint and name != "api_call":
                            assert answer["confirmation_required"] is True
                            answer = await tools.ok(
                                name, {**arguments, "confirmation": answer["confirmation"]}
                            )
                        assert answer, name
                        called.add(name)
            return called

        called = anyio.run(go)
    assert called == {tool_name(m.id) for m in registry.modules()} | set(ANALYSES)


def test_the_readme_lists_the_tools_as_the_registry_has_them() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert readme_section(readme) == tool_table()
    assert tool_table().count("\n| `") == len(registry.modules()) + len(ANALYSES)
