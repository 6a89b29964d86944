"""The registry: every Make module, with what a CLI or a docs table needs, and the typed API from it."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import mogul
from mogul.client import generate
from mogul.modules import registry
from mogul.modules.spec import Module

SEED = {
    "customers.list": "List Customers",
    "customers.get": "Get a Customer",
    "customers.create": "Create a Customer",
    "customers.update": "Update a Customer",
    "customers.delete": "Delete a Customer",
    "plans.list": "List Plans",
    "plans.get": "Get a Plan",
    "plans.create": "Create a Plan",
    "plans.update": "Update a Plan",
    "plans.delete": "Delete a Plan",
    "plan_groups.get": "Get a Plan Group",
    "plan_groups.create": "Create a Plan Group",
    "plan_groups.update": "Update a Plan Group",
    "plan_groups.delete": "Deletes a Plan Group",
    "data_sources.list": "List Data Source",
    "data_sources.get": "Get a Data Source",
    "data_sources.create": "Create a Data Source",
    "data_sources.delete": "Delete a Data Source",
    "invoices.list": "List Invoices",
    "invoices.get": "Get an Invoice",
    "invoices.import": "Import an Invoice",
    "invoices.delete": "Delete an Invoice",
    "invoices.import_transaction": "Import an Invoice Transaction",
    "subscriptions.list": "List Customer's Subscriptions",
    "subscriptions.cancel": "Cancel a Customer's Subscription",
    "api.call": "Make an API Call",
}
ADDED = {"customers.search", "plan_groups.list", "plan_groups.list_plans"}


def test_every_seed_module_is_registered_with_its_make_label() -> None:
    seed = {m.id: m.label for m in registry.modules() if m.from_seed}
    assert seed == SEED
    assert {m.id for m in registry.modules() if not m.from_seed} >= ADDED


def test_modules_come_grouped_in_make_order() -> None:
    make_groups = ["customers", "plans", "plan_groups", "data_sources", "invoices", "subscriptions", "api"]
    assert [g.name for g in registry.groups() if g.name in make_groups] == make_groups
    assert registry.groups()[-1].name == "api"
    customers = registry.groups()[0]
    assert [m.action for m in customers.modules] == [
        "list",
        "get",
        "create",
        "update",
        "delete",
        "search",
        "merge",
        "unmerge",
    ]


@pytest.mark.parametrize("module", registry.modules(), ids=lambda m: m.id)
def test_each_module_carries_what_a_cli_needs(module: Module) -> None:
    assert module.label and module.description and module.http
    assert module.group == module.id.split(".")[0]
    names = [f.name for f in module.fields]
    assert len(names) == len(set(names))
    if module.object_field is not None:
        assert module.field(module.object_field).required
    for field in [*module.fields, *(sub for f in module.fields for sub in f.fields)]:
        assert field.label and field.help and field.api
        assert field.name.isidentifier()
        assert bool(field.choices) == (field.kind == "enum")
        assert bool(field.fields) == (field.kind == "objects")
        if field.picker:
            assert field.kind in ("str", "list[str]")
    assert module.many == (module.output == "list")
    if module.many:
        assert "limit" in names


def test_allowed_values_are_makes_with_the_api_values_behind_them() -> None:
    def allowed(module_id: str, name: str, sub: str | None = None) -> dict[str, object]:
        field = registry.get(module_id).field(name)
        if sub:
            field = next(f for f in field.fields if f.name == sub)
        return {c.label: c.value for c in field.choices}

    status = allowed("customers.list", "status")
    assert {k: status[k] for k in ("Lead", "Active", "Past Due", "Canceled")} == {
        "Lead": "Lead",
        "Active": "Active",
        "Past Due": "Past_Due",
        "Canceled": "Cancelled",
    }
    assert allowed("customers.list", "system") == {k: k for k in ("Stripe", "Recurly", "Chargify", "Custom")}
    assert allowed("plans.create", "interval_unit") == {"Day": "day", "Month": "month", "Year": "year"}
    assert allowed("invoices.import", "line_items", "type") == {
        "Subscription": "subscription",
        "One Time": "one_time",
    }
    assert allowed("invoices.import", "line_items", "prorated") == {
        "Yes": True,
        "No": False,
        "Not defined": None,
    }
    assert allowed("invoices.import", "transactions", "type") == {"Payment": "payment", "Refund": "refund"}
    assert allowed("invoices.import_transaction", "result") == {
        "Successful": "successful",
        "Failed": "failed",
    }
    assert allowed("api.call", "method") == {m: m for m in ("GET", "POST", "PUT", "PATCH", "DELETE")}


def test_help_texts_come_from_the_seed() -> None:
    create = registry.get("plans.create")
    assert create.field("interval_count").help == (
        "Enter the frequency of the billing for the plan. For example, 6 for a half-yearly plan."
    )
    assert create.field("Data Source UUID").label == "Data Source UUID"
    assert registry.get("customers.list").field("limit").help == (
        "Set the maximum number of customers mogul should return."
    )


@pytest.mark.parametrize("module", registry.modules(), ids=lambda m: m.id)
@pytest.mark.parametrize("client_class", [mogul.Client, mogul.AsyncClient])
def test_each_module_is_a_typed_method_with_its_fields_as_parameters(
    module: Module, client_class: type[mogul.Client] | type[mogul.AsyncClient]
) -> None:
    group = inspect.get_annotations(generate_holder(client_class), eval_str=True)[module.group]
    method = getattr(group, generate.method_name(module))
    parameters = list(inspect.signature(method).parameters.values())[1:]
    assert {p.name for p in parameters} == {f.name for f in module.fields}
    if module.object_field:
        assert parameters[0].name == module.object_field
        assert parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters if p.name != module.object_field)
    mandatory = {f.name for f in module.fields if f.required and f.default is None}
    assert {p.name for p in parameters if p.default is inspect.Parameter.empty} == mandatory
    assert (method.__doc__ or "").startswith(module.label)
    is_coroutine = inspect.iscoroutinefunction(method)
    assert is_coroutine == (client_class is mogul.AsyncClient and not module.many)


def generate_holder(client_class: type) -> type:
    return next(base for base in client_class.__mro__ if base.__name__.endswith("Resources"))


def test_the_typed_api_file_is_generated_from_the_current_registry() -> None:
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(generate.TARGET), "-"],
        input=generate.render(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert formatted == generate.TARGET.read_text(), "run: python -m mogul.client.generate"
