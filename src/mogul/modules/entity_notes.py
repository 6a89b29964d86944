"""Note modules (not in Make's app): notes and call logs of customers and contacts (`/notes`, which
supersedes `/customer_notes`). List, Get, Create, Create for a Contact, Update, Delete.

client.notes.create_for_contact(contact="con_0001", type="call", text="Intro call", call_duration=300)
"""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import crm, customer_notes, pickers
from mogul.modules.spec import Field, Group, Inputs, Module

NAMES = customer_notes.NAMES
TYPE = Field(
    "type",
    "Type",
    "enum",
    "Select whether it is a note or a call log.",
    required=True,
    choices=customer_notes.NOTE_TYPE,
)
SNAPSHOT_KEYS = ("type", "text", "call_duration")

# -- list ------------------------------------------------------------------------------------------------

LIST = crm.list_module(
    "notes.list",
    "List Notes",
    "Returns the notes and call logs in your ChartMogul account: of a customer or a contact, a type or "
    "an author.",
    "/notes",
    "notes",
    (
        crm.contact_field("Enter the UUID of the contact whose notes you want to list.", required=False),
        Field("type", "Type", "enum", "Select the type of the notes you want to list.", choices=TYPE.choices),
        Field(
            "author_email",
            "Author Email",
            "str",
            "Enter the email of the author of the notes you want to list.",
        ),
    ),
)

# -- create ----------------------------------------------------------------------------------------------

CREATE_FIELDS = (
    crm.customer_field("Select the customer the note or call log is about."),
    TYPE,
    *customer_notes.CONTENT,
)


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    customer = yield from pickers.customer(ctx, inputs["customer"])
    body = {"customer_uuid": customer, **crm.body(CREATE_FIELDS, inputs, NAMES)}
    recovery = crm.snapshot("/notes", customer, body, SNAPSHOT_KEYS)
    return (yield from ctx.call("POST", "/notes", json=body, recovery=recovery))


CREATE = Module(
    "notes.create",
    "Create a Note",
    "Adds a note or a call log to a customer.",
    CREATE_FIELDS,
    _create,
    ("POST /notes",),
    from_seed=False,
)

CONTACT_FIELDS = (
    crm.contact_field("Enter the UUID of the contact the note or call log is about (con_...)."),
    TYPE,
    *customer_notes.CONTENT,
)


def _create_for_contact(ctx: Context, inputs: Inputs) -> Flow[Any]:
    body = {**crm.for_contact(inputs["contact"]), **crm.body(CONTACT_FIELDS, inputs, NAMES)}
    recovery = crm.snapshot("/notes", inputs["contact"], body, SNAPSHOT_KEYS, owner="contact_uuid")
    return (yield from ctx.call("POST", "/notes", json=body, recovery=recovery))


CREATE_FOR_CONTACT = Module(
    "notes.create_for_contact",
    "Create a Contact Note",
    "Adds a note or a call log to a contact.",
    CONTACT_FIELDS,
    _create_for_contact,
    ("POST /notes",),
    from_seed=False,
)

# -- get, update, delete ---------------------------------------------------------------------------------

GET, UPDATE, DELETE = customer_notes.object_modules("notes", "/notes", "Note")

GROUP = Group("notes", "Note", 10, (LIST, GET, CREATE, CREATE_FOR_CONTACT, UPDATE, DELETE))
