"""The official Python client (`chartmogul` 4.11.0), unchanged, on the CRM resources of `mogul serve`:
contacts, customer notes, opportunities and tasks, every method the client has for them, each answer
parsed by the client's own schemas; errors (400, 404 across accounts, 422) as the client raises them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import chartmogul
import pytest

from mogul.server.sandbox import Sandbox
from tests.conftest import unique

UTC = dt.UTC


@pytest.fixture(scope="module")
def cfg(sandbox: Sandbox) -> chartmogul.Config:
    config = chartmogul.Config(sandbox.api_key)
    config.uri = sandbox.api_url
    return config


@pytest.fixture(scope="module")
def other(sandbox: Sandbox) -> chartmogul.Config:
    """The client on the second account's key."""
    config = chartmogul.Config(sandbox.api_keys[1])
    config.uri = sandbox.api_url
    return config


@pytest.fixture
def customer(cfg: chartmogul.Config) -> Any:
    ds = chartmogul.DataSource.create(cfg, data={"name": unique("crm")}).get()
    return chartmogul.Customer.create(
        cfg, data={"data_source_uuid": ds.uuid, "external_id": unique("cus"), "name": "Adam Smith"}
    ).get()


def _error(call: Callable[[], Any]) -> tuple[int, Any]:
    """The status and body of the APIError a call raises."""
    with pytest.raises(chartmogul.APIError) as err:
        call()
    return err.value.__cause__.response.status_code, json.loads(err.value.args[0])  # type: ignore[union-attr]


def _all(method: Callable[..., Any], cfg: chartmogul.Config, **query: Any) -> list[Any]:
    """Every entry of a CRM list, page by page along the cursor."""
    out: list[Any] = []
    cursor = None
    while True:
        page = method(cfg, **query, **({"cursor": cursor} if cursor else {})).get()
        out += page.entries
        if not page.has_more:
            return out
        cursor = page.cursor


CONTACT = {
    "first_name": "Adam",
    "last_name": "Smith",
    "position": 9,
    "title": "CEO",
    "email": "adam@example.com",
    "phone": "+1234567890",
    "linked_in": "https://linkedin.com/example",
    "twitter": "https://twitter.com/example",
    "notes": "Heading\nBody\nFooter",
    "external_id": "contact_external_id_001",
    "custom": [
        {"key": "Facebook", "value": "https://www.facebook.com/example"},
        {"key": "date_of_birth", "value": "1985-01-22"},
    ],
}


def test_contacts_every_method(cfg: chartmogul.Config, customer: Any) -> None:
    ds = customer.data_source_uuid
    made = chartmogul.Contact.create(
        cfg, data={"customer_uuid": customer.uuid, "data_source_uuid": ds, **CONTACT}
    ).get()
    assert isinstance(made, chartmogul.Contact)
    assert made.uuid.startswith("con_")
    assert (made.customer_uuid, made.customer_external_id, made.data_source_uuid) == (
        customer.uuid,
        customer.external_id,
        ds,
    )
    assert (made.first_name, made.last_name, made.position, made.title) == ("Adam", "Smith", 9, "CEO")
    assert (made.email, made.phone, made.notes) == (
        "adam@example.com",
        "+1234567890",
        "Heading\nBody\nFooter",
    )
    assert (made.linked_in, made.twitter) == ("https://linkedin.com/example", "https://twitter.com/example")
    assert made.external_id == "contact_external_id_001"
    assert made.custom == {"Facebook": "https://www.facebook.com/example", "date_of_birth": "1985-01-22"}

    second = chartmogul.Customer.createContact(
        cfg,
        uuid=customer.uuid,
        data={"data_source_uuid": ds, "first_name": "Eve", "email": "eve@example.com"},
    ).get()
    # no position given: after the customer's last
    assert (second.customer_uuid, second.position, second.last_name, second.custom) == (
        customer.uuid,
        10,
        None,
        {},
    )
    assert second.external_id is None

    listed = chartmogul.Contact.all(cfg, customer_uuid=customer.uuid).get()
    assert [c.uuid for c in listed.entries] == [made.uuid, second.uuid]
    assert (listed.has_more, listed.cursor) == (False, None)
    assert [
        c.uuid
        for c in chartmogul.Contact.all(cfg, email="eve@example.com", data_source_uuid=ds).get().entries
    ] == [second.uuid]
    by_external = chartmogul.Contact.all(
        cfg, external_id="contact_external_id_001", customer_uuid=customer.uuid
    )
    assert [c.uuid for c in by_external.get().entries] == [made.uuid]
    by_customer = chartmogul.Contact.all(cfg, customer_external_id=customer.external_id).get()
    assert [c.uuid for c in by_customer.entries] == [made.uuid, second.uuid]
    mine = chartmogul.Customer.contacts(cfg, uuid=customer.uuid).get()
    assert [c.email for c in mine.entries] == ["adam@example.com", "eve@example.com"]

    got = chartmogul.Contact.retrieve(cfg, uuid=made.uuid).get()
    assert (got.uuid, got.title, got.custom["date_of_birth"]) == (made.uuid, "CEO", "1985-01-22")

    changed = chartmogul.Contact.modify(
        cfg,
        uuid=made.uuid,
        data={"email": "adam2@example.com", "title": None, "custom": [{"key": "seats", "value": 3}]},
    ).get()
    assert (changed.email, changed.title, changed.first_name) == ("adam2@example.com", None, "Adam")
    assert changed.custom == {
        "Facebook": "https://www.facebook.com/example",
        "date_of_birth": "1985-01-22",
        "seats": 3,
    }
    assert chartmogul.Contact.patch(cfg, uuid=made.uuid, data={"phone": "+49"}).get().phone == "+49"
    assert chartmogul.Contact.update(cfg, uuid=made.uuid, data={"position": 1}).get().position == 1

    merged = chartmogul.Contact.merge(cfg, into_uuid=second.uuid, from_uuid=made.uuid).get()
    assert isinstance(merged, chartmogul.Contact)
    # the kept contact keeps its own fields and takes the merged one's where it had none
    assert (merged.uuid, merged.first_name, merged.email, merged.last_name) == (
        second.uuid,
        "Eve",
        "eve@example.com",
        "Smith",
    )
    assert (merged.external_id, merged.phone, merged.custom["seats"]) == ("contact_external_id_001", "+49", 3)
    assert _error(lambda: chartmogul.Contact.retrieve(cfg, uuid=made.uuid).get()) == (
        404,
        {"error": "Contact not found"},
    )

    gone = chartmogul.Contact.destroy(cfg, uuid=second.uuid).get()
    assert isinstance(gone, chartmogul.Contact)  # the client parses the `{}` answer as an empty contact
    assert chartmogul.Customer.contacts(cfg, uuid=customer.uuid).get().entries == []


def test_contact_errors(cfg: chartmogul.Config, other: chartmogul.Config, customer: Any) -> None:
    ds = customer.data_source_uuid
    assert _error(lambda: chartmogul.Contact.create(cfg, data={"data_source_uuid": ds}).get()) == (
        400,
        {"code": 400, "message": 'Parameter "customer_uuid" is missing', "param": "customer_uuid"},
    )
    assert _error(
        lambda: chartmogul.Contact.create(
            cfg,
            data={
                "customer_uuid": customer.uuid,
                "data_source_uuid": ds,
                "position": 0,
                "email": ["x"],
                "custom": [{"key": "bad key", "value": 1}],
            },
        ).get()
    ) == (
        422,
        {
            "errors": {
                "email": "email must be a string.",
                "position": "position must be greater than or equal to 1.",
                "custom": "Custom attribute keys must be letters, digits and underscores, got 'bad key'.",
            }
        },
    )
    elsewhere = chartmogul.DataSource.create(cfg, data={"name": unique("crm")}).get()
    assert _error(
        lambda: chartmogul.Customer.createContact(
            cfg, uuid=customer.uuid, data={"data_source_uuid": elsewhere.uuid}
        ).get()
    ) == (422, {"errors": {"data_source_uuid": "The data source must be one of the customer's."}})
    contact = chartmogul.Contact.create(
        cfg, data={"customer_uuid": customer.uuid, "data_source_uuid": ds, "email": "x@example.com"}
    ).get()
    assert _error(
        lambda: chartmogul.Contact.merge(cfg, into_uuid=contact.uuid, from_uuid=contact.uuid).get()
    ) == (
        422,
        {"errors": {"from_uuid": "A contact cannot be merged into itself."}},
    )
    # another account's objects are as unknown as made-up ones
    not_found = {"error": "Contact not found"}
    assert _error(lambda: chartmogul.Contact.retrieve(other, uuid=contact.uuid).get()) == (404, not_found)
    assert _error(lambda: chartmogul.Contact.modify(other, uuid=contact.uuid, data={"email": "y"}).get()) == (
        404,
        not_found,
    )
    assert _error(lambda: chartmogul.Contact.destroy(other, uuid=contact.uuid).get()) == (404, not_found)
    assert chartmogul.Contact.all(other, customer_uuid=customer.uuid).get().entries == []
    assert _error(lambda: chartmogul.Customer.contacts(other, uuid=customer.uuid).get()) == (
        404,
        {"error": "Customer not found"},
    )
    assert _error(
        lambda: chartmogul.Contact.create(
            other, data={"customer_uuid": customer.uuid, "data_source_uuid": ds}
        ).get()
    ) == (404, {"error": "Customer not found"})
    assert chartmogul.Contact.retrieve(cfg, uuid=contact.uuid).get().email == "x@example.com"


@pytest.mark.filterwarnings("ignore:.*is deprecated:DeprecationWarning")
def test_customer_notes_every_method(cfg: chartmogul.Config, other: chartmogul.Config, customer: Any) -> None:
    note = chartmogul.CustomerNote.create(
        cfg,
        data={
            "customer_uuid": customer.uuid,
            "type": "note",
            "text": "This is a note",
            "author_email": "john@example.com",
            "created_at": "2023-11-01T12:00:00Z",
        },
    ).get()
    assert isinstance(note, chartmogul.CustomerNote)
    assert note.uuid.startswith("note_")
    assert (note.customer_uuid, note.type, note.text, note.call_duration) == (
        customer.uuid,
        "note",
        "This is a note",
        0,
    )
    assert note.author == "john@example.com"
    assert note.created_at == dt.datetime(2023, 11, 1, 12, tzinfo=UTC)
    call = chartmogul.Customer.createNote(
        cfg, uuid=customer.uuid, data={"type": "call", "text": "This is a call", "call_duration": 60}
    ).get()
    assert (call.customer_uuid, call.type, call.call_duration) == (customer.uuid, "call", 60)
    # no author email: the account the key belongs to
    assert call.author == chartmogul.Account.retrieve(cfg).get().name

    assert [n.uuid for n in chartmogul.CustomerNote.all(cfg, customer_uuid=customer.uuid).get().entries] == [
        note.uuid,
        call.uuid,
    ]
    calls = chartmogul.CustomerNote.all(cfg, customer_uuid=customer.uuid, type="call").get()
    assert ([n.uuid for n in calls.entries], calls.has_more, calls.cursor) == ([call.uuid], False, None)
    by_author = chartmogul.CustomerNote.all(cfg, customer_uuid=customer.uuid, author_email="john@example.com")
    assert [n.uuid for n in by_author.get().entries] == [note.uuid]
    assert [n.uuid for n in chartmogul.Customer.notes(cfg, uuid=customer.uuid).get().entries] == [
        note.uuid,
        call.uuid,
    ]
    assert chartmogul.CustomerNote.retrieve(cfg, uuid=note.uuid).get().text == "This is a note"

    patched = chartmogul.CustomerNote.patch(cfg, uuid=note.uuid, data={"text": "new text"}).get()
    assert (patched.text, patched.created_at) == ("new text", note.created_at)
    assert patched.updated_at > note.updated_at
    modified = chartmogul.CustomerNote.modify(
        cfg, uuid=call.uuid, data={"call_duration": 90, "updated_at": "2024-01-02T00:00:00Z"}
    ).get()
    assert (modified.call_duration, modified.updated_at) == (90, dt.datetime(2024, 1, 2, tzinfo=UTC))

    assert _error(
        lambda: chartmogul.CustomerNote.create(cfg, data={"customer_uuid": customer.uuid}).get()
    ) == (
        400,
        {"code": 400, "message": 'Parameter "type" is missing', "param": "type"},
    )
    assert _error(
        lambda: chartmogul.CustomerNote.create(
            cfg,
            data={
                "customer_uuid": customer.uuid,
                "type": "memo",
                "call_duration": -1,
                "created_at": "2999-01-01",
            },
        ).get()
    ) == (
        422,
        {
            "errors": {
                "type": "type must be one of: note, call.",
                "call_duration": "call_duration must be greater than or equal to 0.",
                "created_at": "created_at must be in the past.",
            }
        },
    )
    assert _error(lambda: chartmogul.CustomerNote.retrieve(other, uuid=note.uuid).get()) == (
        404,
        {"error": "Customer note not found"},
    )
    assert _error(lambda: chartmogul.CustomerNote.destroy(other, uuid=note.uuid).get()) == (
        404,
        {"error": "Customer note not found"},
    )
    assert isinstance(chartmogul.CustomerNote.destroy(cfg, uuid=note.uuid).get(), chartmogul.CustomerNote)
    assert [n.uuid for n in chartmogul.Customer.notes(cfg, uuid=customer.uuid).get().entries] == [call.uuid]


OPPORTUNITY = {
    "owner": "test1@example.org",
    "pipeline": "New Business",
    "pipeline_stage": "Discovery",
    "estimated_close_date": "2024-03-30",
    "currency": "USD",
    "amount_in_cents": 100000,
    "type": "one-time",
    "forecast_category": "best_case",
    "win_likelihood": 30,
    "custom": [{"key": "seats", "value": 3}, {"key": "from_campaign", "value": True}],
}


def test_opportunities_every_method(cfg: chartmogul.Config, other: chartmogul.Config, customer: Any) -> None:
    made = chartmogul.Opportunity.create(cfg, data={"customer_uuid": customer.uuid, **OPPORTUNITY}).get()
    assert isinstance(made, chartmogul.Opportunity)
    assert (made.customer_uuid, made.owner, made.pipeline, made.pipeline_stage) == (
        customer.uuid,
        "test1@example.org",
        "New Business",
        "Discovery",
    )
    assert made.estimated_close_date == dt.date(2024, 3, 30)
    assert (made.currency, made.amount_in_cents, made.type) == ("USD", 100000, "one-time")
    assert (made.forecast_category, made.win_likelihood) == ("best_case", 30)
    assert made.custom == {"seats": 3, "from_campaign": True}
    assert made.created_at == made.updated_at
    won = chartmogul.Customer.createOpportunity(
        cfg,
        uuid=customer.uuid,
        data={
            "owner": "test2@example.org",
            "pipeline": "Renewals",
            "pipeline_stage": "Closed Won",
            "estimated_close_date": "2024-06-01T10:00:00Z",
            "currency": "EUR",
            "amount_in_cents": 5000,
        },
    ).get()
    # defaults: recurring; the stage decides the forecast category and the likelihood
    assert (won.type, won.forecast_category, won.win_likelihood, won.custom) == ("recurring", "won", 100, {})
    assert won.estimated_close_date == dt.date(2024, 6, 1)

    def uuids(**query: Any) -> list[str]:
        return [o.uuid for o in _all(chartmogul.Opportunity.all, cfg, customer_uuid=customer.uuid, **query)]

    assert uuids() == [made.uuid, won.uuid]
    assert uuids(owner="test2@example.org") == [won.uuid]
    assert uuids(pipeline="New Business", pipeline_stage="Discovery") == [made.uuid]
    assert uuids(estimated_close_date_on_or_after="2024-03-31") == [won.uuid]
    assert uuids(estimated_close_date_on_or_before="2024-03-30") == [made.uuid]
    assert uuids(
        estimated_close_date_on_or_after="2024-03-30", estimated_close_date_on_or_before="2024-06-01"
    ) == [
        made.uuid,
        won.uuid,
    ]
    mine = chartmogul.Customer.opportunities(cfg, uuid=customer.uuid, per_page=1).get()
    assert ([o.uuid for o in mine.entries], mine.has_more) == ([made.uuid], True)
    assert chartmogul.Opportunity.retrieve(cfg, uuid=won.uuid).get().currency == "EUR"

    patched = chartmogul.Opportunity.patch(
        cfg,
        uuid=made.uuid,
        data={"estimated_close_date": "2024-12-22", "custom": [{"key": "seats", "value": 4}]},
    ).get()
    assert (patched.estimated_close_date, patched.custom) == (
        dt.date(2024, 12, 22),
        {"seats": 4, "from_campaign": True},
    )
    assert patched.updated_at > patched.created_at
    modified = chartmogul.Opportunity.modify(
        cfg, uuid=made.uuid, data={"pipeline_stage": "Negotiation", "win_likelihood": 60}
    ).get()
    assert (modified.pipeline_stage, modified.win_likelihood, modified.forecast_category) == (
        "Negotiation",
        60,
        "best_case",
    )

    assert _error(
        lambda: chartmogul.Opportunity.create(cfg, data={"customer_uuid": customer.uuid}).get()
    ) == (
        400,
        {"code": 400, "message": 'Parameter "owner" is missing', "param": "owner"},
    )
    assert _error(
        lambda: chartmogul.Opportunity.create(
            cfg,
            data={
                "customer_uuid": customer.uuid,
                **OPPORTUNITY,
                "currency": "XYZ",
                "amount_in_cents": -1,
                "win_likelihood": 101,
                "type": "monthly",
                "estimated_close_date": "soon",
            },
        ).get()
    ) == (
        422,
        {
            "errors": {
                "estimated_close_date": "estimated_close_date is not a valid ISO 8601 timestamp.",
                "amount_in_cents": "amount_in_cents must be greater than or equal to 0.",
                "currency": "currency must be an ISO 4217 currency code, got 'XYZ'.",
                "type": "type must be one of: recurring, one-time.",
                "win_likelihood": "win_likelihood must be less than or equal to 100.",
            }
        },
    )
    assert _error(
        lambda: chartmogul.Opportunity.all(cfg, estimated_close_date_on_or_after="March").get()
    ) == (
        400,
        {
            "code": 400,
            "message": 'Parameter "estimated_close_date_on_or_after" must be a date (YYYY-MM-DD), '
            "got 'March'",
            "param": "estimated_close_date_on_or_after",
        },
    )
    assert _error(lambda: chartmogul.Opportunity.retrieve(other, uuid=made.uuid).get()) == (
        404,
        {"error": "Opportunity not found"},
    )
    assert _error(lambda: chartmogul.Opportunity.patch(other, uuid=made.uuid, data={"owner": "x"}).get()) == (
        404,
        {"error": "Opportunity not found"},
    )
    assert isinstance(chartmogul.Opportunity.destroy(cfg, uuid=made.uuid).get(), chartmogul.Opportunity)
    assert uuids() == [won.uuid]


def test_tasks_every_method(cfg: chartmogul.Config, other: chartmogul.Config, customer: Any) -> None:
    task = chartmogul.Task.create(
        cfg,
        data={
            "customer_uuid": customer.uuid,
            "assignee": "customer@example.com",
            "task_details": "This is some task details text.",
            "due_date": "2025-04-30T00:00:00Z",
            "completed_at": "2025-04-20T00:00:00Z",
        },
    ).get()
    assert isinstance(task, chartmogul.Task)
    assert (task.customer_uuid, task.assignee, task.task_details) == (
        customer.uuid,
        "customer@example.com",
        "This is some task details text.",
    )
    assert (task.due_date, task.completed_at) == (
        dt.datetime(2025, 4, 30, tzinfo=UTC),
        dt.datetime(2025, 4, 20, tzinfo=UTC),
    )
    open_task = chartmogul.Customer.createTask(
        cfg,
        uuid=customer.uuid,
        data={"assignee": "other@example.com", "task_details": "Call back", "due_date": "2025-05-02"},
    ).get()
    assert (open_task.customer_uuid, open_task.completed_at) == (customer.uuid, None)

    def uuids(**query: Any) -> list[str]:
        return [t.task_uuid for t in _all(chartmogul.Task.all, cfg, customer_uuid=customer.uuid, **query)]

    assert uuids() == [task.task_uuid, open_task.task_uuid]
    assert uuids(completed=True) == [task.task_uuid]
    assert uuids(completed=False) == [open_task.task_uuid]
    assert uuids(assignee="other@example.com") == [open_task.task_uuid]
    assert uuids(due_date_on_or_after="2025-05-01") == [open_task.task_uuid]
    assert uuids(due_date_on_or_before="2025-04-30") == [task.task_uuid]  # the whole day
    assert [t.task_uuid for t in chartmogul.Customer.tasks(cfg, uuid=customer.uuid).get().entries] == uuids()
    assert (
        chartmogul.Task.retrieve(cfg, uuid=task.task_uuid).get().task_details
        == "This is some task details text."
    )

    patched = chartmogul.Task.patch(cfg, uuid=task.task_uuid, data={"completed_at": None}).get()
    assert (patched.completed_at, patched.task_details) == (None, "This is some task details text.")
    modified = chartmogul.Task.modify(
        cfg, uuid=open_task.task_uuid, data={"task_details": "Call back later", "completed_at": "2025-05-01"}
    ).get()
    assert (modified.task_details, modified.completed_at) == (
        "Call back later",
        dt.datetime(2025, 5, 1, tzinfo=UTC),
    )
    assert uuids(completed=True) == [open_task.task_uuid]

    assert _error(
        lambda: chartmogul.Task.create(
            cfg,
            data={
                "customer_uuid": customer.uuid,
                "task_details": "x" * 256,
                "assignee": " ",
                "due_date": None,
            },
        ).get()
    ) == (
        422,
        {
            "errors": {
                "task_details": "task_details is too long (maximum is 255 characters).",
                "assignee": "assignee can't be blank.",
                "due_date": "due_date is required.",
            }
        },
    )
    assert _error(lambda: chartmogul.Task.all(cfg, completed="maybe").get()) == (
        400,
        {
            "code": 400,
            "message": "Parameter \"completed\" must be true or false, got 'maybe'",
            "param": "completed",
        },
    )
    assert _error(lambda: chartmogul.Task.retrieve(other, uuid=task.task_uuid).get()) == (
        404,
        {"error": "Task not found"},
    )
    assert _error(
        lambda: chartmogul.Task.create(
            other,
            data={
                "customer_uuid": customer.uuid,
                "task_details": "x",
                "assignee": "a",
                "due_date": "2025-01-01",
            },
        ).get()
    ) == (404, {"error": "Customer not found"})
    assert isinstance(chartmogul.Task.destroy(cfg, uuid=task.task_uuid).get(), chartmogul.Task)
    assert uuids() == [open_task.task_uuid]


@pytest.mark.filterwarnings("ignore:.*is deprecated:DeprecationWarning")
def test_lists_page_along_the_cursor_past_a_page(cfg: chartmogul.Config, customer: Any) -> None:
    ds = customer.data_source_uuid
    made = [
        chartmogul.Contact.create(
            cfg, data={"customer_uuid": customer.uuid, "data_source_uuid": ds, "email": f"c{n}@example.com"}
        ).get()
        for n in range(5)
    ]
    first = chartmogul.Contact.all(cfg, customer_uuid=customer.uuid, per_page=2).get()
    assert (len(first.entries), first.has_more) == (2, True)
    assert isinstance(first.cursor, str)
    assert [c.uuid for c in _all(chartmogul.Contact.all, cfg, customer_uuid=customer.uuid, per_page=2)] == [
        c.uuid for c in made
    ]
    assert [c.uuid for c in _all(chartmogul.Customer.contacts, cfg, uuid=customer.uuid, per_page=2)] == [
        c.uuid for c in made
    ]
    notes = [
        chartmogul.CustomerNote.create(
            cfg, data={"customer_uuid": customer.uuid, "type": "note", "text": str(n)}
        ).get()
        for n in range(3)
    ]
    paged = _all(chartmogul.CustomerNote.all, cfg, customer_uuid=customer.uuid, per_page=1)
    assert [n.text for n in paged] == [n.text for n in notes]


def test_deleting_a_customer_deletes_its_crm_objects(cfg: chartmogul.Config, customer: Any) -> None:
    contact = chartmogul.Customer.createContact(
        cfg, uuid=customer.uuid, data={"data_source_uuid": customer.data_source_uuid}
    ).get()
    task = chartmogul.Customer.createTask(
        cfg,
        uuid=customer.uuid,
        data={"assignee": "a@example.com", "task_details": "t", "due_date": "2025-01-01"},
    ).get()
    opportunity = chartmogul.Customer.createOpportunity(
        cfg, uuid=customer.uuid, data={k: v for k, v in OPPORTUNITY.items() if k != "custom"}
    ).get()
    assert chartmogul.Customer.destroy(cfg, uuid=customer.uuid).get() is None
    assert _error(lambda: chartmogul.Contact.retrieve(cfg, uuid=contact.uuid).get())[0] == 404
    assert _error(lambda: chartmogul.Task.retrieve(cfg, uuid=task.task_uuid).get())[0] == 404
    assert _error(lambda: chartmogul.Opportunity.retrieve(cfg, uuid=opportunity.uuid).get())[0] == 404
    assert chartmogul.Task.all(cfg, customer_uuid=customer.uuid).get().entries == []
