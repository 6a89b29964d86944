"""Tasks of customers and contacts: create, list (by customer, contact, assignee, due date, whether
completed), retrieve, update, delete. A task is completed when it has a `completed_at`; a null one
reopens it. A task is for the customer `customer_uuid`, or for the customer or contact its
`associated_object_identifier` names (`associations`); its entries say which."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mogul.server import wire
from mogul.server.domain import associations, crm, query
from mogul.server.domain.base import Scope, object_body
from mogul.server.domain.fields import Fields
from mogul.server.domain.paging import PageRequest
from mogul.store import schema as s

TASK = crm.Kind(s.tasks, "Task")


@dataclass(frozen=True)
class TaskFilters:
    customer_uuid: str | None = None
    contact_uuid: str | None = None
    assignee: str | None = None
    due_date_on_or_after: str | None = None
    due_date_on_or_before: str | None = None
    completed: str | None = None


def serialize(row: Any) -> dict[str, Any]:
    return {
        "task_uuid": row.uuid,
        **associations.serialize(row),
        "task_details": row.task_details,
        "assignee": row.assignee,
        "due_date": wire.fmt_ms(row.due_date),
        "completed_at": wire.fmt_ms(row.completed_at),
        "created_at": wire.fmt_ms(row.created_at),
        "updated_at": wire.fmt_ms(row.updated_at),
    }


def _values(f: Fields, *, creating: bool) -> dict[str, Any]:
    values: dict[str, Any] = {
        key: crm.text(f, key, required=True) for key in ("task_details", "assignee") if creating or f.has(key)
    }
    if creating or f.has("due_date"):
        values["due_date"] = f.time("due_date", required=True)
    if f.has("completed_at"):
        values["completed_at"] = f.time("completed_at")
    return values


def _answer(scope: Scope, uuid: str) -> dict[str, Any]:
    return serialize(crm.one(scope, TASK, uuid))


def create(scope: Scope, body: Any) -> dict[str, Any]:
    f = Fields(object_body(body))
    target = associations.read(f)
    values = _values(f, creating=True)
    f.check()
    owner = associations.resolve(scope, target)
    now = s.utcnow()
    uuid = crm.create(scope, TASK, {**owner, "created_at": now, "updated_at": now, **values})
    return _answer(scope, uuid)


def list_tasks(scope: Scope, filters: TaskFilters, page: PageRequest) -> dict[str, Any]:
    t = s.tasks.c
    after = query.moment(filters.due_date_on_or_after, "due_date_on_or_after")
    before = query.moment(filters.due_date_on_or_before, "due_date_on_or_before", end=True)
    completed = crm.query_bool(filters.completed, "completed")
    done = t.completed_at.is_not(None)
    stmt = crm.where_all(
        crm.select_of(TASK),
        *associations.filters(s.tasks, filters.customer_uuid, filters.contact_uuid),
        crm.equal_to(t.assignee, filters.assignee),
        None if after is None else t.due_date >= after,
        None if before is None else t.due_date <= before,
        None if completed is None else done if completed else ~done,
    )
    return crm.listing(scope, TASK, stmt, page, serialize)


def retrieve(scope: Scope, uuid: str) -> dict[str, Any]:
    return _answer(scope, uuid)


def modify(scope: Scope, uuid: str, body: Any) -> dict[str, Any]:
    row = crm.one(scope, TASK, uuid)
    f = Fields(object_body(body))
    values = _values(f, creating=False)
    f.check()
    crm.change(scope, TASK, row, {**values, "updated_at": s.utcnow()})
    return _answer(scope, row.uuid)


def destroy(scope: Scope, uuid: str) -> dict[str, Any]:
    return crm.destroy(scope, TASK, uuid)
