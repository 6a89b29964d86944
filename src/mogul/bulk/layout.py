"""The input layouts of `mogul import` (documented in docs/import.md) and turning rows into records.

CSV columns carry ChartMogul's own field names. An invoice file has one row per line item: the invoice's
fields (`external_id`, `customer_external_id`, `date`, ...) repeat on each row of the invoice (or stay
empty after the first), `line_item.FIELD` columns hold the line item of the row, and `transaction.FIELD`
columns a transaction, on its own row or on a line item's row. Transactions may also come from a second
file, one per row, naming their invoice by `invoice_external_id`. JSON and JSON Lines inputs hold objects
shaped as in a bulk JSON import (invoices with nested `line_items` and `transactions`).

Plans and customers are named by external id; a line item names its plan by `plan_external_id` (or
`plan_uuid`). Cells are typed by column (integers, booleans, `;`-separated tags); a cell that does not
fit its type is passed on as text, and the checks report it with its row and column.

What mogul itself writes (`mogul customers list -o csv`, `-o json`, ...) reads back: the columns
ChartMogul assigns or derives (`uuid`, `mrr`, `chartmogul-url`, ...) are left to it, a customer's
`attributes` (JSON, with `custom` as ChartMogul shows it, a map of typed values) give its tags and
custom attributes, a status ChartMogul derives from invoices (Active, Past Due, Cancelled) is left to
it, and an invoice row's `line_items` and `transactions` (JSON) hold its parts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import compress
from typing import Any

from mogul.bulk.readers import InputFileError, Table
from mogul.bulk.records import Problem, Record, Row
from mogul.server.domain.fields import parse_bool

# Columns of mogul's own output that an import leaves to ChartMogul: what it assigns (ids, uuids, the
# data source), derives (MRR, ARR, status dates, currency) or links to.
OUTPUT_ONLY = {
    "customers": frozenset(
        {
            "id",
            "uuid",
            "customer-since",
            "data_source_uuid",
            "data_source_uuids",
            "external_ids",
            "address",
            "mrr",
            "arr",
            "billing-system-url",
            "chartmogul-url",
            "billing-system-type",
            "currency",
            "currency-sign",
        }
    ),
    "plans": frozenset({"uuid", "data_source_uuid"}),
    "invoices": frozenset(
        {
            "uuid",
            "errors",
            "customer_uuid",
            "data_source_uuid",
            "status",
            "disabled",
            "disabled_at",
            "disabled_by",
        }
    ),
    "transactions": frozenset(),
}
# ... and of an invoice's line items and transactions as mogul shows them
_PART_OUTPUT_ONLY = frozenset(
    {"uuid", "subscription_uuid", "balance_transfer", "disabled", "disabled_at", "disabled_by"}
)
# a customer status ChartMogul derives from the invoices (an import sets lead statuses only)
DERIVED_STATUSES = frozenset({"Active", "Past Due", "Cancelled", "Canceled"})
# a customer's `attributes` (JSON) in mogul's output; an invoice's parts (JSON) in its output
ATTRIBUTES, NESTED_PARTS = "attributes", ("line_items", "transactions")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")

TEXT, INTEGER, BOOLEAN, TAGS = "text", "integer", "boolean", "tags"

CUSTOMER_COLUMNS = {
    "external_id": TEXT,
    "name": TEXT,
    "email": TEXT,
    "company": TEXT,
    "country": TEXT,
    "state": TEXT,
    "city": TEXT,
    "zip": TEXT,
    "lead_created_at": TEXT,
    "free_trial_started_at": TEXT,
    "owner": TEXT,
    "website_url": TEXT,
    "status": TEXT,
    "tags": TAGS,
}
# `custom.KEY` columns hold String custom attributes
CUSTOM_PREFIX = "custom."

PLAN_COLUMNS = {"external_id": TEXT, "name": TEXT, "interval_count": INTEGER, "interval_unit": TEXT}

INVOICE_COLUMNS = {
    "external_id": TEXT,
    "customer_external_id": TEXT,
    "date": TEXT,
    "due_date": TEXT,
    "currency": TEXT,
    "collection_method": TEXT,
}
LINE_ITEM_FIELDS = {
    "type": TEXT,
    "external_id": TEXT,
    "amount_in_cents": INTEGER,
    "quantity": INTEGER,
    "plan_external_id": TEXT,
    "plan_uuid": TEXT,
    "subscription_external_id": TEXT,
    "subscription_set_external_id": TEXT,
    "service_period_start": TEXT,
    "service_period_end": TEXT,
    "cancelled_at": TEXT,
    "prorated": BOOLEAN,
    "proration_type": TEXT,
    "discount_code": TEXT,
    "discount_amount_in_cents": INTEGER,
    "discount_description": TEXT,
    "tax_amount_in_cents": INTEGER,
    "transaction_fees_in_cents": INTEGER,
    "transaction_fees_currency": TEXT,
    "description": TEXT,
    "account_code": TEXT,
    "event_order": INTEGER,
}
TRANSACTION_FIELDS = {
    "type": TEXT,
    "date": TEXT,
    "result": TEXT,
    "external_id": TEXT,
    "amount_in_cents": INTEGER,
    "transaction_fees_in_cents": INTEGER,
    "transaction_fees_currency": TEXT,
}
LINE_ITEM_PREFIX = "line_item."
TRANSACTION_PREFIX = "transaction."
# in a transactions file every row is a transaction of the invoice it names
TRANSACTION_FILE_COLUMNS = {"invoice_external_id": TEXT, **TRANSACTION_FIELDS}

REQUIRED_COLUMNS = {
    "customers": ("external_id",),
    "plans": ("external_id", "name", "interval_count", "interval_unit"),
    "invoices": ("external_id", "customer_external_id", "date", "currency"),
    "transactions": ("invoice_external_id", "type", "date", "result"),
}
# The column (CSV) or key (JSON) the errors file adds to each failed row; ignored when read back.
ERROR_COLUMN = "import_error"

_INTEGER = re.compile(r"^[+-]?\d+$")


def columns(kind: str) -> dict[str, str]:
    """Every fixed column of a kind's CSV layout, with its cell type."""
    if kind == "customers":
        return dict(CUSTOMER_COLUMNS)
    if kind == "plans":
        return dict(PLAN_COLUMNS)
    if kind == "transactions":
        return dict(TRANSACTION_FILE_COLUMNS)
    return (
        INVOICE_COLUMNS
        | {LINE_ITEM_PREFIX + k: v for k, v in LINE_ITEM_FIELDS.items()}
        | {TRANSACTION_PREFIX + k: v for k, v in TRANSACTION_FIELDS.items()}
    )


def cell(value: str, kind: str) -> Any:
    """A CSV cell as the JSON value it stands for (None when empty)."""
    value = value.strip()
    if not value:
        return None
    if kind == TEXT:
        return value
    if kind == INTEGER and _INTEGER.match(value):
        return int(value)
    if kind == BOOLEAN:
        parsed = parse_bool(value)
        return value if parsed is None else parsed
    if kind == TAGS:
        return [tag.strip() for tag in value.split(";") if tag.strip()]
    return value


def check_header(table: Table, kind: str) -> None:
    """Refuse a CSV header with unknown columns (a typo would silently drop data) or missing ones.
    The columns mogul's own output adds are known (see OUTPUT_ONLY)."""
    known = columns(kind)
    if kind == "invoices" and "line_items" in table.header:
        # mogul's output: an invoice a row, its parts as JSON
        known = dict(INVOICE_COLUMNS) | dict.fromkeys(NESTED_PARTS, TEXT)
    extra = OUTPUT_ONLY[kind] | ({ATTRIBUTES} if kind == "customers" else set())
    unknown = [
        c
        for c in table.header
        if c not in known
        and c not in extra
        and c != ERROR_COLUMN
        and not (kind == "customers" and c.startswith(CUSTOM_PREFIX))
    ]
    missing = [c for c in REQUIRED_COLUMNS[kind] if c not in table.header]
    problems = []
    if unknown:
        problems.append(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}")
    if missing:
        problems.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}")
    if problems:
        raise InputFileError(
            f"{table.name}:1: {'; '.join(problems)} (the {kind} layout is in docs/import.md)"
        )


def _filled(header: list[str], cells: list[str]) -> Iterator[tuple[str, str]]:
    """A CSV row's non-empty cells with their columns, in the header's order."""
    # (`compress` skips the empty cells without a step of Python for each: wide layouts are mostly empty)
    return compress(zip(header, cells, strict=True), cells)


def _typed(header: list[str], cells: list[str], types: dict[str, str]) -> dict[str, Any]:
    """The non-empty cells of a row's known columns, typed."""
    out: dict[str, Any] = {}
    for column, raw in _filled(header, cells):
        kind = types.get(column)
        if kind is not None:
            value = cell(raw, kind)
            if value is not None:
                out[column] = value
    return out


_INVOICE_CSV: dict[str, tuple[int, str, str]] = {
    **{name: (0, name, kind) for name, kind in INVOICE_COLUMNS.items()},
    **{LINE_ITEM_PREFIX + name: (1, name, kind) for name, kind in LINE_ITEM_FIELDS.items()},
    **{TRANSACTION_PREFIX + name: (2, name, kind) for name, kind in TRANSACTION_FIELDS.items()},
}


def _strip_error(value: Any) -> Any:
    if isinstance(value, dict) and ERROR_COLUMN in value:
        return {k: v for k, v in value.items() if k != ERROR_COLUMN}
    return value


def _object_record(kind: str, row: Row) -> Record:
    location, value = row.location, _strip_error(row.data)
    if value is not row.data:
        row = Row(location, value)
    record = Record(kind, dict(value) if isinstance(value, dict) else {}, location, [row])
    if not isinstance(value, dict):
        record.problem(None, f"each {kind[:-1]} must be a JSON object, got {type(value).__name__}")
        record.complete = False
    elif kind == "customers":
        _customer_from_output(record.body)
    return record


def _customer_from_output(body: dict[str, Any]) -> None:
    """A customer as mogul shows it made an import's: its derived status left to ChartMogul, its
    custom attributes (a map of typed values) as the typed list an import takes."""
    if body.get("status") in DERIVED_STATUSES:
        del body["status"]
    attributes = body.get(ATTRIBUTES)
    if isinstance(attributes, dict) and isinstance(attributes.get("custom"), dict):
        body[ATTRIBUTES] = {**attributes, "custom": _typed_custom(attributes["custom"])}


def _typed_custom(shown: dict[str, Any]) -> list[dict[str, Any]]:
    """Custom attributes as ChartMogul shows them (`{"seats": 5}`) as an import gives them."""
    return [
        {"type": _custom_type(value), "key": key, "value": value}
        for key, value in shown.items()
        if value is not None
    ]


def _custom_type(value: Any) -> str:
    """The type of a custom attribute's value as ChartMogul shows it (a Timestamp as ISO 8601 text)."""
    from mogul.modules.spec import infer_type  # (here: the modules' flows are no import's to load)

    return "Timestamp" if isinstance(value, str) and _TIMESTAMP.match(value) else infer_type(value)


def _json_cell(record: Record, column: str, text: str) -> Any:
    """A cell that holds JSON (mogul's output of nested values); None, with a problem, if it is not."""
    try:
        return json.loads(text)
    except ValueError:
        record.problem(column, "must be JSON, as mogul writes it")
        return None


def customers(table: Table) -> list[Record]:
    if table.format != "csv":
        return [_object_record("customers", row) for row in table.rows]
    check_header(table, "customers")
    header = table.header
    records = []
    for row in table.rows:
        cells = row.data
        body = _typed(header, cells, CUSTOMER_COLUMNS)
        if "tags" in body:
            body["attributes"] = {"tags": body.pop("tags")}
        custom = [
            {"type": "String", "key": column[len(CUSTOM_PREFIX) :], "value": text.strip()}
            for column, text in _filled(header, cells)
            if column.startswith(CUSTOM_PREFIX) and text.strip()
        ]
        if custom:
            body.setdefault("attributes", {})["custom"] = custom
        record = Record("customers", body, row.location, [row])
        if ATTRIBUTES in header and (text := cells[header.index(ATTRIBUTES)].strip()):
            _merge_attributes(record, _json_cell(record, ATTRIBUTES, text))
        _customer_from_output(body)
        records.append(record)
    return records


def _merge_attributes(record: Record, shown: Any) -> None:
    """A customer's `attributes` cell (tags and custom attributes as mogul shows them) into its body,
    after what `tags` and `custom.KEY` columns gave."""
    if shown is None:
        return
    if not isinstance(shown, dict):
        record.problem(ATTRIBUTES, "must be a JSON object with tags and custom, as mogul writes it")
        return
    attributes = record.body.setdefault(ATTRIBUTES, {})
    tags = shown.get("tags") or []
    if tags:
        attributes["tags"] = [*attributes.get("tags", []), *tags]
    custom = shown.get("custom") or {}
    if isinstance(custom, dict) and custom:
        given = attributes.get("custom", [])
        keys = {item["key"] for item in given}  # a custom.KEY column wins
        attributes["custom"] = given + [a for a in _typed_custom(custom) if a["key"] not in keys]


def plans(table: Table) -> list[Record]:
    if table.format != "csv":
        return [_object_record("plans", row) for row in table.rows]
    check_header(table, "plans")
    header = table.header
    return [
        Record("plans", _typed(header, row.data, PLAN_COLUMNS), row.location, [row]) for row in table.rows
    ]


def invoices(table: Table, transactions: Table | None = None) -> list[Record]:
    """Invoice records from an invoices input and, optionally, a transactions input."""
    if table.format == "csv" and "line_items" in table.header:
        check_header(table, "invoices")
        records = _csv_nested_invoices(table)
    elif table.format == "csv":
        check_header(table, "invoices")
        records = _csv_invoices(table)
    else:
        records = []
        for row in table.rows:
            record = _object_record("invoices", row)
            for part in ("line_items", "transactions"):
                # nested parts keep their JSON path; they are located at the invoice's own item
                record.parts[part] = [(row.location, f"{part}[{n}].") for n in range(record.count(part))]
            records.append(record)
    if transactions is not None:
        _add_transactions(records, transactions, main_csv=table.format == "csv")
    return records


def _csv_invoices(table: Table) -> list[Record]:
    header = table.header
    # each column's part (0: the invoice, 1: the row's line item, 2: its transaction), field and type, by
    # position; a column the layout ignores (the errors file's `import_error`) is left out of the cells
    # the loop reads
    known = [i for i, column in enumerate(header) if column in _INVOICE_CSV]
    specs = [_INVOICE_CSV[header[i]] for i in known]
    every = len(known) == len(header)
    by_id: dict[str, Record] = {}
    records: list[Record] = []
    for row in table.rows:
        location, cells = row.location, row.data
        # the row split into its invoice, line item and transaction fields, in one pass
        head: dict[str, Any] = {}
        line: dict[str, Any] = {}
        tran: dict[str, Any] = {}
        parts = (head, line, tran)
        read = cells if every else [cells[i] for i in known]
        for (part, name, kind), raw in compress(zip(specs, read, strict=True), read):
            # `cell`, without the call for the usual text and digits
            value = raw.strip()
            if not value:
                continue
            if kind == TEXT:
                parts[part][name] = value
            elif kind == INTEGER and value.isdecimal():
                parts[part][name] = int(value)
            else:
                parts[part][name] = cell(value, kind)
        external_id = head.get("external_id")
        if not isinstance(external_id, str):
            blank = Record("invoices", head, location, [row], complete=False)
            blank.problem("external_id", "every row names its invoice; this one is empty")
            records.append(blank)
            continue
        record = by_id.get(external_id)
        if record is None:
            # the invoice's first row gives its fields
            body = head
            record = by_id[external_id] = Record("invoices", body, location, [row])
            records.append(record)
        else:
            record.rows.append(row)
            body = record.body
            for name, value in head.items():
                if name not in body:
                    body[name] = value
                elif body[name] != value:
                    record.problems.append(_conflict(record, header, name, value))
        # the row's line item and transaction join the invoice's, with where they came from
        if line:
            if "line_items" in body:
                body["line_items"].append(line)
                record.parts["line_items"].append((location, LINE_ITEM_PREFIX))
            else:
                body["line_items"] = [line]
                record.parts["line_items"] = [(location, LINE_ITEM_PREFIX)]
        if tran:
            if "transactions" in body:
                body["transactions"].append(tran)
                record.parts["transactions"].append((location, TRANSACTION_PREFIX))
            else:
                body["transactions"] = [tran]
                record.parts["transactions"] = [(location, TRANSACTION_PREFIX)]
    for record in records:
        if "line_items" not in record.body:
            record.body["line_items"] = []
    return records


def _csv_nested_invoices(table: Table) -> list[Record]:
    """Invoices as mogul writes them in CSV: one a row, its line items and transactions as JSON."""
    header = table.header
    records = []
    for row in table.rows:
        body = _typed(header, row.data, INVOICE_COLUMNS)
        record = Record("invoices", body, row.location, [row])
        for part in NESTED_PARTS:
            text = row.data[header.index(part)].strip() if part in header else ""
            items = _json_cell(record, part, text) if text else []
            if not isinstance(items, list):
                record.problem(part, "must be a JSON array, as mogul writes it")
                items = []
            body[part] = [
                {k: v for k, v in item.items() if v is not None and k not in _PART_OUTPUT_ONLY}
                if isinstance(item, dict)
                else item
                for item in items
            ]
            record.parts[part] = [(row.location, f"{part}[{n}].") for n in range(len(items))]
        records.append(record)
    return records


def _conflict(record: Record, header: list[str], name: str, value: Any) -> Problem:
    """The record's last row gives an invoice field a value other than an earlier row's."""
    # the earlier value came from the first row with the column filled in (conflicts are rare, so rows
    # do not keep where each field came from)
    column = header.index(name)
    first_at = next(row.location for row in record.rows if row.data[column].strip())
    return Problem(
        record.rows[-1].location,
        name,
        f"{value!r} differs from {record.body[name]!r} on row {first_at.row} of the same invoice",
    )


def _add_transactions(records: list[Record], table: Table, *, main_csv: bool) -> None:
    """Move each transaction of a transactions input into its invoice; a transaction whose invoice is
    not in the invoices input becomes a failed invoice record of its own, so it is reported and lands
    in the errors file."""
    if table.format == "csv":
        check_header(table, "transactions")
    by_id = {r.external_id: r for r in records if r.external_id}
    orphans: dict[str, Record] = {}
    for row in table.rows:
        location, value = row.location, row.data
        if table.format == "csv":
            # (the errors file's `import_error` column is not among the typed ones)
            fields = _typed(table.header, value, TRANSACTION_FILE_COLUMNS)
        elif isinstance(value, dict):
            fields = dict(_strip_error(value))
        else:
            record = Record("invoices", {}, location)
            record.problem(None, f"each transaction must be a JSON object, got {type(value).__name__}")
            records.append(record)
            continue
        invoice_id = fields.pop("invoice_external_id", None)
        target = by_id.get(invoice_id) if isinstance(invoice_id, str) else None
        if target is None:
            key = invoice_id if isinstance(invoice_id, str) else f"\0{location}"
            target = orphans.get(key)
            if target is None:
                target = Record("invoices", {"external_id": invoice_id}, location, complete=False)
                message = (
                    "invoice_external_id is required"
                    if invoice_id is None
                    else f"invoice {invoice_id!r} is not in the invoices input"
                )
                target.problems.append(Problem(location, "invoice_external_id", message))
                orphans[key] = target
                records.append(target)
        target.body.setdefault("transactions", []).append(fields)
        target.parts.setdefault("transactions", [])
        # keep the part index aligned with the body (nested transactions come first)
        while len(target.parts["transactions"]) < target.count("transactions") - 1:
            target.parts["transactions"].append((target.location, ""))
        target.parts["transactions"].append((location, ""))
        # rows for the errors file, in the main input's layout
        if main_csv:
            row_values = {"external_id": invoice_id or ""} | {
                TRANSACTION_PREFIX + k: _text(v) for k, v in fields.items()
            }
            target.rows.append(Row(location, row_values))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
