"""Contact modules (not in Make's app): List, List a Customer's, Get, Create, Add to a Customer, Update,
Delete, Merge.

client.contacts.create(customer="cus_0001", email="adam@example.com", custom=["Integer:seats=3"])
client.contacts.merge("con_...", from_contact="con_...")
"""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import crm, pickers
from mogul.modules.spec import Field, Group, Inputs, Module, limit_field

PROFILE = (
    Field("first_name", "First Name", "str", "Enter the first name of the contact."),
    Field("last_name", "Last Name", "str", "Enter the last name of the contact."),
    Field("title", "Title", "str", "Enter the job title of the contact."),
    Field("email", "Email", "str", "Enter the email address of the contact."),
    Field("phone", "Phone", "str", "Enter the phone number of the contact."),
    Field("linked_in", "LinkedIn", "str", "Enter the LinkedIn profile URL of the contact."),
    Field("twitter", "Twitter", "str", "Enter the Twitter URL of the contact."),
    Field("notes", "Notes", "str", "Enter notes about the contact."),
    Field(
        "position",
        "Position",
        "int",
        "Enter the position of the contact in the customer's profile (after the last one by default).",
        minimum=1,
    ),
    Field("external_id", "External ID", "str", "Enter the identifier of the contact in your own system."),
    crm.custom_field("contact"),
)
NAMES = tuple(f.name for f in PROFILE)
# what tells a contact a lost create made from the customer's others
MATCHED = ("email", "first_name", "last_name", "external_id")


def contact_field(help: str) -> Field:
    return crm.object_field("contact", "Contact", help)


def _data_source(help: str) -> Field:
    return Field("data_source", "Data Source", "str", help, api_name="data_source_uuid", picker="data_source")


# -- lists -----------------------------------------------------------------------------------------------

LIST = crm.list_module(
    "contacts.list",
    "List Contacts",
    "Returns the contacts in your ChartMogul account: of a customer, a data source, an email or an "
    "external id.",
    "/contacts",
    "contacts",
    (
        _data_source("Select the data source whose contacts you want to list."),
        Field("email", "Email", "str", "Enter the email address of the contacts you want to list."),
        Field("external_id", "External ID", "str", "Enter the external ID of the contacts you want to list."),
    ),
)


def _customer(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.customer(ctx, inputs["customer"])
    yield from ctx.paginate(f"/customers/{uuid}/contacts", "entries", {}, inputs.get("limit"))


CUSTOMER = Module(
    "contacts.customer",
    "List a Customer's Contacts",
    "Returns the contacts of one customer.",
    (crm.customer_field("Select the customer whose contacts you want to list."), limit_field("contacts")),
    _customer,
    ("GET /customers/{uuid}/contacts",),
    output="list",
    object_field="customer",
    from_seed=False,
)

# -- get -------------------------------------------------------------------------------------------------


def _get(ctx: Context, inputs: Inputs) -> Flow[Any]:
    return (yield from ctx.get(f"/contacts/{inputs['contact']}"))


GET = Module(
    "contacts.get",
    "Get a Contact",
    "Retrieves a contact object from your ChartMogul account.",
    (contact_field("Enter the UUID of the contact you want to retrieve (con_...)."),),
    _get,
    ("GET /contacts/{uuid}",),
    object_field="contact",
    from_seed=False,
)

# -- create ----------------------------------------------------------------------------------------------

CREATE_FIELDS = (
    crm.customer_field("Select the customer the contact belongs to."),
    _data_source(
        "Select the data source of the customer the contact is associated with (the customer's by default)."
    ),
    *PROFILE,
)


def _new(ctx: Context, inputs: Inputs, customer: str) -> Flow[dict[str, Any]]:
    """The body of a new contact of `customer`: its data source is the customer's unless given."""
    if "data_source" in inputs:
        ds = yield from pickers.data_source(ctx, inputs["data_source"])
    else:
        ds = (yield from ctx.get(f"/customers/{customer}"))["data_source_uuid"]
    return {"data_source_uuid": ds, **crm.body(CREATE_FIELDS, inputs, NAMES)}


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    customer = yield from pickers.customer(ctx, inputs["customer"])
    body = {"customer_uuid": customer, **(yield from _new(ctx, inputs, customer))}
    recovery = crm.snapshot("/contacts", customer, body, MATCHED)
    return (yield from ctx.call("POST", "/contacts", json=body, recovery=recovery))


CREATE = Module(
    "contacts.create",
    "Create a Contact",
    "Creates a contact of a customer in ChartMogul, associated with one of its data sources.",
    CREATE_FIELDS,
    _create,
    ("POST /contacts",),
    from_seed=False,
)


def _add(ctx: Context, inputs: Inputs) -> Flow[Any]:
    customer = yield from pickers.customer(ctx, inputs["customer"])
    body = yield from _new(ctx, inputs, customer)
    recovery = crm.snapshot("/contacts", customer, body, MATCHED)
    return (yield from ctx.call("POST", f"/customers/{customer}/contacts", json=body, recovery=recovery))


ADD = Module(
    "contacts.add",
    "Add a Contact to a Customer",
    "Creates a contact under the customer's own path (POST /customers/{uuid}/contacts).",
    CREATE_FIELDS,
    _add,
    ("POST /customers/{uuid}/contacts",),
    object_field="customer",
    from_seed=False,
)

# -- update ----------------------------------------------------------------------------------------------

UPDATE_FIELDS = (contact_field("Enter the UUID of the contact you want to update (con_...)."), *PROFILE)


def _update(ctx: Context, inputs: Inputs) -> Flow[Any]:
    body = crm.body(UPDATE_FIELDS, inputs, NAMES)
    return (yield from ctx.call("PATCH", f"/contacts/{inputs['contact']}", json=body))


UPDATE = Module(
    "contacts.update",
    "Update a Contact",
    "Updates the fields given of a contact; custom attributes are added to the ones it has.",
    UPDATE_FIELDS,
    _update,
    ("PATCH /contacts/{uuid}",),
    object_field="contact",
    from_seed=False,
)

# -- delete ----------------------------------------------------------------------------------------------


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    yield from ctx.call("DELETE", f"/contacts/{inputs['contact']}")


DELETE = Module(
    "contacts.delete",
    "Delete a Contact",
    "Deletes the specified contact.",
    (contact_field("Enter the UUID of the contact you want to delete (con_...)."),),
    _delete,
    ("DELETE /contacts/{uuid}",),
    output="none",
    object_field="contact",
    from_seed=False,
)

# -- merge -----------------------------------------------------------------------------------------------

MERGE_FIELDS = (
    crm.object_field("into_contact", "Into Contact", "Enter the UUID of the contact to keep (con_...)."),
    Field(
        "from_contact",
        "From Contact",
        "str",
        "Enter the UUID of the contact to merge into it, which is then deleted (con_...).",
        required=True,
    ),
)


def _merge(ctx: Context, inputs: Inputs) -> Flow[Any]:
    return (yield from ctx.call("POST", f"/contacts/{inputs['into_contact']}/merge/{inputs['from_contact']}"))


MERGE = Module(
    "contacts.merge",
    "Merge Contacts",
    "Merges one contact into another: the kept contact takes the fields it lacks, the other is deleted.",
    MERGE_FIELDS,
    _merge,
    ("POST /contacts/{into_uuid}/merge/{from_uuid}",),
    object_field="into_contact",
    from_seed=False,
    destructive=True,
)

GROUP = Group("contacts", "Contact", 9, (LIST, CUSTOMER, GET, CREATE, ADD, UPDATE, DELETE, MERGE))
