"""What the CRM module groups share (contacts, customer notes, opportunities, tasks; none of them in
Make's app): their object fields (a uuid), the customer they belong to, untyped custom attributes, list
flows, and creates that are safe to retry.

A CRM object has no natural key, so a create whose answer was lost is recovered by snapshot
(`BySnapshot`): the customer's objects matching the body before the first attempt, and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import pickers
from mogul.modules.recovery import BySnapshot
from mogul.modules.spec import Field, Inputs, Module, limit_field, to_body


def object_field(name: str, label: str, help: str) -> Field:
    """The uuid of the object a module reads, changes or deletes."""
    return Field(name, label, "str", help, api_name="uuid", required=True)


def contact_field(help: str, *, required: bool = True) -> Field:
    """The contact (its uuid, `con_...`) a note or task is about."""
    return Field("contact", "Contact", "str", help, api_name="contact_uuid", required=required)


def for_contact(contact: str) -> dict[str, Any]:
    """The body part that attaches a new note or task to a contact (ChartMogul's
    `associated_object_identifier`)."""
    return {
        "associated_object_identifier": {"associated_object": "contact", "method": "uuid", "value": contact}
    }


def customer_field(help: str, *, required: bool = True) -> Field:
    return Field(
        "customer", "Customer", "str", help, api_name="customer_uuid", required=required, picker="customer"
    )


def custom_field(what: str) -> Field:
    return Field(
        "custom",
        "Custom Attributes",
        "custom_attributes",
        f"Add custom attributes of the {what}: Key (Enter the name of the custom attribute), Value (Enter "
        "its value). Added to the ones it has.",
    )


def untyped(field: Field, value: Any) -> list[dict[str, Any]]:
    """Custom attributes as CRM objects take them: `[{"key", "value"}]`, without types."""
    return [{"key": a["key"], "value": a["value"]} for a in field.to_api(value)]


def body(fields: Iterable[Field], inputs: Inputs, names: Iterable[str]) -> dict[str, Any]:
    """The JSON body of the inputs among `names`, with `custom` untyped."""
    fields = tuple(fields)
    out = to_body(fields, inputs, names)
    for f in fields:
        if f.name in out and f.name == "custom":
            out["custom"] = untyped(f, inputs["custom"])
    return out


def customer_uuid(ctx: Context, inputs: Inputs) -> Flow[str | None]:
    if "customer" not in inputs:
        return None
    return (yield from pickers.customer(ctx, inputs["customer"]))


def list_flow(path: str, fields: tuple[Field, ...]) -> Any:
    """A list module's flow: its filters as query parameters; a customer and a data source resolved to
    their uuids."""
    names = tuple(f.name for f in fields if f.picker is None and f.name != "limit")

    def run(ctx: Context, inputs: Inputs) -> Flow[None]:
        query = to_body(fields, inputs, names)
        uuid = yield from customer_uuid(ctx, inputs)
        if uuid is not None:
            query["customer_uuid"] = uuid
        if "data_source" in inputs:
            query["data_source_uuid"] = yield from pickers.data_source(ctx, inputs["data_source"])
        yield from ctx.paginate(path, "entries", query, inputs.get("limit"))

    return run


def list_module(
    module_id: str, label: str, description: str, path: str, what: str, fields: tuple[Field, ...]
) -> Module:
    """A list of CRM objects filtered by customer and `fields`."""
    every = (
        limit_field(what),
        customer_field(f"Select the customer whose {what} you want to list.", required=False),
        *fields,
    )
    return Module(
        module_id,
        label,
        description,
        every,
        list_flow(path, every),
        (f"GET {path}",),
        output="list",
        from_seed=False,
    )


def snapshot(
    path: str,
    customer: str,
    sent: dict[str, Any],
    keys: Iterable[str],
    ident: str = "uuid",
    *,
    owner: str = "customer_uuid",
) -> BySnapshot:
    """Recovery for a create of a CRM object of `customer` (or of the contact `customer` names, with
    `owner="contact_uuid"`): a new one whose `keys` are as `sent`."""
    keys = tuple(k for k in keys if k in sent)

    def listing(ctx: Context) -> Flow[list[Any]]:
        return (yield from ctx.collect(path, "entries", {owner: customer}))

    return BySnapshot(listing, lambda item: all(item.get(k) == sent[k] for k in keys), ident)
