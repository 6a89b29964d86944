"""Task modules (not in Make's app): tasks about customers and contacts. List, Get, Create, Create for a
Contact, Update, Delete.

client.tasks.create(customer="cus_0001", task_details="Send the renewal quote", assignee="a@example.com",
                    due_date="2024-06-30")
"""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import crm, pickers
from mogul.modules.spec import Field, Group, Inputs, Module


def _work(*, creating: bool) -> tuple[Field, ...]:
    return (
        Field(
            "task_details",
            "Task Details",
            "str",
            "Enter what is to be done (up to 255 characters).",
            required=creating,
        ),
        Field(
            "assignee",
            "Assignee",
            "str",
            "Enter the email of the ChartMogul user the task is assigned to.",
            required=creating,
        ),
        Field(
            "due_date", "Due Date", "datetime", "Enter the date and time the task is due.", required=creating
        ),
        Field("completed_at", "Completed At", "datetime", "Enter when the task was completed."),
    )


NAMES = ("task_details", "assignee", "due_date", "completed_at")


def task_field(help: str) -> Field:
    return crm.object_field("task", "Task", help)


# -- list ------------------------------------------------------------------------------------------------

LIST = crm.list_module(
    "tasks.list",
    "List Tasks",
    "Returns the tasks in your ChartMogul account: of a customer, a contact or an assignee, due between two "
    "dates, "
    "completed or open.",
    "/tasks",
    "tasks",
    (
        crm.contact_field("Enter the UUID of the contact whose tasks you want to list.", required=False),
        Field(
            "assignee", "Assignee", "str", "Enter the email of the assignee of the tasks you want to list."
        ),
        Field(
            "due_date_on_or_after",
            "Due Date On or After",
            "datetime",
            "Enter the earliest due date of the tasks.",
        ),
        Field(
            "due_date_on_or_before",
            "Due Date On or Before",
            "datetime",
            "Enter the latest due date of the tasks (a date without a time means the whole day).",
        ),
        Field("completed", "Completed", "bool", "Select whether to list completed tasks or open ones."),
    ),
)

# -- get -------------------------------------------------------------------------------------------------


def _get(ctx: Context, inputs: Inputs) -> Flow[Any]:
    return (yield from ctx.get(f"/tasks/{inputs['task']}"))


GET = Module(
    "tasks.get",
    "Get a Task",
    "Retrieves a task object from your ChartMogul account.",
    (task_field("Enter the UUID of the task you want to retrieve."),),
    _get,
    ("GET /tasks/{uuid}",),
    object_field="task",
    from_seed=False,
)

# -- create ----------------------------------------------------------------------------------------------

CREATE_FIELDS = (crm.customer_field("Select the customer the task is about."), *_work(creating=True))


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    customer = yield from pickers.customer(ctx, inputs["customer"])
    body = {"customer_uuid": customer, **crm.body(CREATE_FIELDS, inputs, NAMES)}
    recovery = crm.snapshot(
        "/tasks", customer, body, ("task_details", "assignee", "due_date"), ident="task_uuid"
    )
    return (yield from ctx.call("POST", "/tasks", json=body, recovery=recovery))


CREATE = Module(
    "tasks.create",
    "Create a Task",
    "Creates a task about a customer, assigned to a ChartMogul user.",
    CREATE_FIELDS,
    _create,
    ("POST /tasks",),
    from_seed=False,
)

CONTACT_FIELDS = (
    crm.contact_field("Enter the UUID of the contact the task is about (con_...)."),
    *_work(creating=True),
)


def _create_for_contact(ctx: Context, inputs: Inputs) -> Flow[Any]:
    body = {**crm.for_contact(inputs["contact"]), **crm.body(CONTACT_FIELDS, inputs, NAMES)}
    recovery = crm.snapshot(
        "/tasks",
        inputs["contact"],
        body,
        ("task_details", "assignee", "due_date"),
        ident="task_uuid",
        owner="contact_uuid",
    )
    return (yield from ctx.call("POST", "/tasks", json=body, recovery=recovery))


CREATE_FOR_CONTACT = Module(
    "tasks.create_for_contact",
    "Create a Contact Task",
    "Creates a task about a contact, assigned to a ChartMogul user.",
    CONTACT_FIELDS,
    _create_for_contact,
    ("POST /tasks",),
    from_seed=False,
)

# -- update ----------------------------------------------------------------------------------------------

UPDATE_FIELDS = (task_field("Enter the UUID of the task you want to update."), *_work(creating=False))


def _update(ctx: Context, inputs: Inputs) -> Flow[Any]:
    body = crm.body(UPDATE_FIELDS, inputs, NAMES)
    return (yield from ctx.call("PATCH", f"/tasks/{inputs['task']}", json=body))


UPDATE = Module(
    "tasks.update",
    "Update a Task",
    "Updates the details, assignee, due date or completion of a task.",
    UPDATE_FIELDS,
    _update,
    ("PATCH /tasks/{uuid}",),
    object_field="task",
    from_seed=False,
)

# -- delete ----------------------------------------------------------------------------------------------


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    yield from ctx.call("DELETE", f"/tasks/{inputs['task']}")


DELETE = Module(
    "tasks.delete",
    "Delete a Task",
    "Deletes the specified task.",
    (task_field("Enter the UUID of the task you want to delete."),),
    _delete,
    ("DELETE /tasks/{uuid}",),
    output="none",
    object_field="task",
    from_seed=False,
)

GROUP = Group("tasks", "Task", 12, (LIST, GET, CREATE, CREATE_FOR_CONTACT, UPDATE, DELETE))
