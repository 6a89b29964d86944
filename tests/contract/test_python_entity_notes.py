"""The official Python client (`chartmogul` 4.11.0), unchanged, on `mogul serve`'s notes of customers
and contacts (`EntityNote`, `/notes`) and tasks of contacts: every EntityNote method, Customer.entityNotes
/ createEntityNote, Contact.entityNotes / createEntityNote / tasks / createTask, each answer parsed by the
client's own schemas."""

from __future__ import annotations

import datetime as dt
from typing import Any

import chartmogul
import pytest

from tests.contract.test_python_crm import _error, cfg, customer, other

__all__ = ["cfg", "customer", "other"]  # fixtures shared with the CRM contract tests
UTC = dt.UTC


@pytest.fixture
def contact(cfg: chartmogul.Config, customer: Any) -> Any:
    return chartmogul.Contact.create(
        cfg,
        data={
            "customer_uuid": customer.uuid,
            "data_source_uuid": customer.data_source_uuid,
            "email": "adam@example.com",
        },
    ).get()


def _uuids(page: Any) -> list[str]:
    return [n.uuid for n in page.entries]


def test_entity_notes_every_method(
    cfg: chartmogul.Config, other: chartmogul.Config, customer: Any, contact: Any
) -> None:
    note = chartmogul.EntityNote.create(
        cfg,
        data={
            "customer_uuid": customer.uuid,
            "type": "note",
            "text": "This is a note",
            "author_email": "john@example.com",
            "created_at": "2023-11-01T12:00:00Z",
        },
    ).get()
    assert isinstance(note, chartmogul.EntityNote)
    assert note.uuid.startswith("note_")
    assert (note.customer_uuid, note.associated_object, note.associated_object_uuid) == (
        customer.uuid,
        "customer",
        customer.uuid,
    )
    assert (note.type, note.text, note.call_duration, note.author) == (
        "note",
        "This is a note",
        0,
        "john@example.com",
    )
    assert note.created_at == dt.datetime(2023, 11, 1, 12, tzinfo=UTC)
    call = chartmogul.Customer.createEntityNote(
        cfg, uuid=customer.uuid, data={"type": "call", "text": "This is a call", "call_duration": 60}
    ).get()
    assert (call.customer_uuid, call.type, call.call_duration) == (customer.uuid, "call", 60)
    assert call.author == chartmogul.Account.retrieve(cfg).get().name
    of_contact = chartmogul.Contact.createEntityNote(
        cfg,
        uuid=contact.uuid,
        data={
            "type": "call",
            "text": "This is a call log",
            "call_duration": 30,
            "author_email": "j@example.com",
        },
    ).get()
    assert isinstance(of_contact, chartmogul.EntityNote)
    assert (of_contact.customer_uuid, of_contact.associated_object, of_contact.associated_object_uuid) == (
        None,
        "contact",
        contact.uuid,
    )

    page = chartmogul.EntityNote.all(cfg, customer_uuid=customer.uuid, per_page=1).get()
    assert (_uuids(page), page.has_more) == ([note.uuid], True)
    rest = chartmogul.EntityNote.all(cfg, customer_uuid=customer.uuid, per_page=1, cursor=page.cursor).get()
    assert (_uuids(rest), rest.has_more, rest.cursor) == ([call.uuid], False, None)
    assert _uuids(chartmogul.Customer.entityNotes(cfg, uuid=customer.uuid).get()) == [note.uuid, call.uuid]
    assert _uuids(chartmogul.Contact.entityNotes(cfg, uuid=contact.uuid).get()) == [of_contact.uuid]
    filtered = chartmogul.EntityNote.all(
        cfg, contact_uuid=contact.uuid, type="call", author_email="j@example.com"
    ).get()
    assert _uuids(filtered) == [of_contact.uuid]
    assert _uuids(chartmogul.EntityNote.all(cfg, customer_uuid=customer.uuid, type="call").get()) == [
        call.uuid
    ]

    retrieved = chartmogul.EntityNote.retrieve(cfg, uuid=of_contact.uuid).get()
    assert (retrieved.text, retrieved.associated_object) == ("This is a call log", "contact")
    patched = chartmogul.EntityNote.patch(cfg, uuid=note.uuid, data={"text": "new text"}).get()
    assert (patched.text, patched.created_at) == ("new text", note.created_at)
    assert patched.updated_at > note.updated_at
    modified = chartmogul.EntityNote.modify(
        cfg, uuid=call.uuid, data={"call_duration": 90, "updated_at": "2024-01-02T00:00:00Z"}
    ).get()
    assert (modified.call_duration, modified.updated_at) == (90, dt.datetime(2024, 1, 2, tzinfo=UTC))
    updated = chartmogul.EntityNote.update(cfg, uuid=of_contact.uuid, data={"text": "put"}).get()
    assert (updated.text, updated.customer_uuid) == ("put", None)

    assert _error(lambda: chartmogul.EntityNote.create(cfg, data={"type": "note"}).get()) == (
        400,
        {"code": 400, "message": 'Parameter "customer_uuid" is missing', "param": "customer_uuid"},
    )
    assert _error(
        lambda: chartmogul.Contact.createEntityNote(other, uuid=contact.uuid, data={"type": "note"}).get()
    ) == (404, {"error": "Contact not found"})
    assert _error(lambda: chartmogul.EntityNote.retrieve(other, uuid=note.uuid).get()) == (
        404,
        {"error": "Note not found"},
    )
    assert _error(lambda: chartmogul.EntityNote.destroy(other, uuid=note.uuid).get()) == (
        404,
        {"error": "Note not found"},
    )
    assert chartmogul.EntityNote.all(other, contact_uuid=contact.uuid).get().entries == []
    # 202: the client answers None
    assert chartmogul.EntityNote.destroy(cfg, uuid=of_contact.uuid).get() is None
    assert chartmogul.Contact.entityNotes(cfg, uuid=contact.uuid).get().entries == []


@pytest.mark.filterwarnings("ignore:.*is deprecated:DeprecationWarning")
def test_entity_notes_are_the_customer_notes(cfg: chartmogul.Config, customer: Any) -> None:
    old = chartmogul.Customer.createNote(cfg, uuid=customer.uuid, data={"type": "note", "text": "old"}).get()
    new = chartmogul.Customer.createEntityNote(
        cfg, uuid=customer.uuid, data={"type": "note", "text": "new"}
    ).get()
    assert _uuids(chartmogul.Customer.entityNotes(cfg, uuid=customer.uuid).get()) == [old.uuid, new.uuid]
    assert _uuids(chartmogul.Customer.notes(cfg, uuid=customer.uuid).get()) == [old.uuid, new.uuid]
    assert chartmogul.CustomerNote.retrieve(cfg, uuid=new.uuid).get().text == "new"


def test_contact_tasks(cfg: chartmogul.Config, other: chartmogul.Config, customer: Any, contact: Any) -> None:
    task = chartmogul.Contact.createTask(
        cfg,
        uuid=contact.uuid,
        data={
            "assignee": "customer@example.com",
            "task_details": "This is some task details text.",
            "due_date": "2025-04-30T00:00:00Z",
        },
    ).get()
    assert isinstance(task, chartmogul.Task)
    assert (task.customer_uuid, task.associated_object, task.associated_object_uuid) == (
        None,
        "contact",
        contact.uuid,
    )
    assert (task.due_date, task.completed_at) == (dt.datetime(2025, 4, 30, tzinfo=UTC), None)
    # a customer_uuid in the body makes it the customer's (the client then sends no identifier)
    own = chartmogul.Contact.createTask(
        cfg,
        uuid=contact.uuid,
        data={"customer_uuid": customer.uuid, "assignee": "a", "task_details": "t", "due_date": "2025-05-01"},
    ).get()
    assert (own.customer_uuid, own.associated_object) == (customer.uuid, "customer")
    listed = chartmogul.Contact.tasks(cfg, uuid=contact.uuid, per_page=1).get()
    assert ([t.task_uuid for t in listed.entries], listed.has_more, listed.cursor) == (
        [task.task_uuid],
        False,
        None,
    )
    assert [t.task_uuid for t in chartmogul.Customer.tasks(cfg, uuid=customer.uuid).get().entries] == [
        own.task_uuid
    ]
    open_ones = chartmogul.Task.all(
        cfg, contact_uuid=contact.uuid, assignee="customer@example.com", completed=False
    ).get()
    assert [t.task_uuid for t in open_ones.entries] == [task.task_uuid]
    assert chartmogul.Contact.tasks(other, uuid=contact.uuid).get().entries == []
    assert _error(
        lambda: chartmogul.Contact.createTask(
            other, uuid=contact.uuid, data={"assignee": "a", "task_details": "t", "due_date": "2025-05-01"}
        ).get()
    ) == (404, {"error": "Contact not found"})
