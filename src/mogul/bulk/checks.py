"""Whole-input validation, before anything is sent: every problem of every record, with its location.

Each record gets the checks the server applies to the same object (the very same functions, so a
record that passes here is not refused there for its fields), plus what only the whole input shows:
an external id used twice, and, once the data source is known, references to customers and plans that
it does not hold.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from mogul.bulk.records import Record
from mogul.server.domain.checks import check_customer, check_invoice, check_plan


def check_fields(kind: str, records: Iterable[Record]) -> None:
    """The server's field checks, record by record; problems are added to each record."""
    for record in records:
        if not record.complete:
            continue
        if kind == "invoices":
            _, errors = check_invoice(record.body, plan_external_ids=True)
            if record.customer_external_id is None:
                errors.setdefault("customer_external_id", "customer_external_id is required.")
        elif kind == "customers":
            _, errors = check_customer(record.body)
        else:
            _, errors = check_plan(record.body)
            # without an external id a re-run could not recognise the plan, and would create it again
            if "external_id" not in errors and record.external_id is None:
                errors["external_id"] = "external_id is required: a re-run matches plans by it."
        for name, message in errors.items():
            record.problem(name, message)


def check_unique(kind: str, records: Iterable[Record]) -> None:
    """External ids used twice in the input: the later uses are problems (the first one is imported)."""
    # the first record to use each external id, for the records and for each part of an invoice
    first_of: dict[str, Record] = {}
    parts: list[tuple[str, dict[str, Record]]] = (
        [(part, {}) for part in ("line_items", "transactions")] if kind == "invoices" else []
    )
    for record in records:
        if not record.complete:
            continue
        body = record.body
        # (what `record.external_id` answers, without a call for each record)
        external_id = body.get("external_id")
        if isinstance(external_id, str) and external_id:
            first = first_of.setdefault(external_id, record)
            if first is not record:
                record.problem("external_id", _used_twice(external_id, first))
        for part, seen in parts:
            items = body.get(part)
            if not isinstance(items, list):
                continue
            for n, item in enumerate(items):
                value = item.get("external_id") if isinstance(item, dict) else None
                if isinstance(value, str) and value:
                    first = seen.setdefault(value, record)
                    if first is not record:
                        record.problem(f"{part}[{n}].external_id", _used_twice(value, first))


def _used_twice(external_id: str, first: Record) -> str:
    return f"external_id {external_id!r} is already used at {first.location}"


def check_references(
    records: Iterable[Record],
    *,
    customers: Collection[str],
    plan_external_ids: Collection[str],
    plan_uuids: Collection[str],
) -> None:
    """Invoices naming a customer or plan the data source does not hold."""
    for record in records:
        if not record.complete:
            continue
        customer = record.customer_external_id
        if customer is not None and customer not in customers:
            record.problem(
                "customer_external_id",
                f"customer {customer!r} is not in the data source; import it first (mogul import customers)",
            )
        items = record.body.get("line_items")
        for n, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            plan_uuid, plan_ext = item.get("plan_uuid"), item.get("plan_external_id")
            if isinstance(plan_uuid, str) and plan_uuid not in plan_uuids:
                record.problem(f"line_items[{n}].plan_uuid", f"plan {plan_uuid!r} is not in the data source")
            elif plan_uuid is None and isinstance(plan_ext, str) and plan_ext not in plan_external_ids:
                record.problem(
                    f"line_items[{n}].plan_external_id",
                    f"plan {plan_ext!r} is not in the data source; import it first (mogul import plans)",
                )
