"""Customer note modules (not in Make's app): notes and call logs of customers. List, Get, Create,
Update, Delete.

client.customer_notes.create(customer="cus_0001", type="call", text="Renewal call", call_duration=600)
"""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import crm, pickers
from mogul.modules.spec import Field, Group, Inputs, Module, choices

NOTE_TYPE = choices(("Note", "note"), ("Call Log", "call", ("call",)))
CONTENT = (
    Field("text", "Content", "str", "Enter the content of the note or call log."),
    Field(
        "author_email",
        "Author Email",
        "str",
        "Enter the email of the ChartMogul user who wrote it (the owner of the API key by default).",
    ),
    Field("call_duration", "Call Duration", "int", "Enter the duration of the call in seconds.", minimum=0),
    Field(
        "created_at", "Created At", "datetime", "Enter the date and time of the note or call (in the past)."
    ),
)
NAMES = ("type", "text", "author_email", "call_duration", "created_at", "updated_at")


def note_field(help: str) -> Field:
    return crm.object_field("note", "Note", help)


# -- list ------------------------------------------------------------------------------------------------

LIST = crm.list_module(
    "customer_notes.list",
    "List Customer Notes",
    "Returns the notes and call logs in your ChartMogul account: of a customer, a type or an author.",
    "/customer_notes",
    "notes",
    (
        Field("type", "Type", "enum", "Select the type of the notes you want to list.", choices=NOTE_TYPE),
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
    Field(
        "type", "Type", "enum", "Select whether it is a note or a call log.", required=True, choices=NOTE_TYPE
    ),
    *CONTENT,
)


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    customer = yield from pickers.customer(ctx, inputs["customer"])
    body = {"customer_uuid": customer, **crm.body(CREATE_FIELDS, inputs, NAMES)}
    recovery = crm.snapshot("/customer_notes", customer, body, ("type", "text", "call_duration"))
    return (yield from ctx.call("POST", "/customer_notes", json=body, recovery=recovery))


CREATE = Module(
    "customer_notes.create",
    "Create a Customer Note",
    "Adds a note or a call log to a customer.",
    CREATE_FIELDS,
    _create,
    ("POST /customer_notes",),
    from_seed=False,
)

# -- get, update, delete (of /customer_notes and of /notes) ---------------------------------------------

UPDATE_CONTENT = (
    *CONTENT,
    Field("updated_at", "Updated At", "datetime", "Enter when it was last changed (now by default)."),
)


def object_modules(group: str, path: str, noun: str) -> tuple[Module, Module, Module]:
    """Get, Update and Delete of one note at `path/{uuid}` (`group.get` ..., "Get a `noun`" ...)."""

    def get(ctx: Context, inputs: Inputs) -> Flow[Any]:
        return (yield from ctx.get(f"{path}/{inputs['note']}"))

    update_fields = (note_field("Enter the UUID of the note you want to update (note_...)."), *UPDATE_CONTENT)

    def update(ctx: Context, inputs: Inputs) -> Flow[Any]:
        body = crm.body(update_fields, inputs, NAMES)
        return (yield from ctx.call("PATCH", f"{path}/{inputs['note']}", json=body))

    def delete(ctx: Context, inputs: Inputs) -> Flow[None]:
        yield from ctx.call("DELETE", f"{path}/{inputs['note']}")

    return (
        Module(
            f"{group}.get",
            f"Get a {noun}",
            "Retrieves a note or call log from your ChartMogul account.",
            (note_field("Enter the UUID of the note you want to retrieve (note_...)."),),
            get,
            (f"GET {path}/{{uuid}}",),
            object_field="note",
            from_seed=False,
        ),
        Module(
            f"{group}.update",
            f"Update a {noun}",
            "Updates the content, author, call duration or times of a note or call log.",
            update_fields,
            update,
            (f"PATCH {path}/{{uuid}}",),
            object_field="note",
            from_seed=False,
        ),
        Module(
            f"{group}.delete",
            f"Delete a {noun}",
            "Deletes the specified note or call log.",
            (note_field("Enter the UUID of the note you want to delete (note_...)."),),
            delete,
            (f"DELETE {path}/{{uuid}}",),
            output="none",
            object_field="note",
            from_seed=False,
        ),
    )


GET, UPDATE, DELETE = object_modules("customer_notes", "/customer_notes", "Customer Note")

GROUP = Group("customer_notes", "Customer Note", 10, (LIST, GET, CREATE, UPDATE, DELETE))
