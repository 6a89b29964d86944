"""What a bulk import works with: records (one customer, plan or invoice each, in the wire shape of a
bulk JSON import), where each came from in the input, and the problems found with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

KINDS = ("customers", "plans", "invoices")
# ChartMogul's name for one object of each kind (and for the parts of an invoice).
OBJECT_NAMES = {"customers": "customer", "plans": "plan", "invoices": "invoice"}

_PART = re.compile(r"^(line_items|transactions)\[(\d+)\]\.(.+)$")


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in an input: a CSV row (the header is row 1), a JSON Lines line, or a JSON array item."""

    file: str
    row: int

    def __str__(self) -> str:
        return f"{self.file}:{self.row}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, which field (column), and what."""

    location: Location
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: {self.field}" if self.field else str(self.location)
        return f"{where}: {self.message}"


@dataclass(slots=True)
class Row:
    """One input row or object as read, kept for the errors file.

    `data` is a JSON value, a CSV row's cells (one per column of `header`), or a row in the main CSV
    file's columns (a dict) made up for a transaction of a second file."""

    location: Location
    data: Any
    header: list[str] | None = None

    @property
    def values(self) -> Any:
        """The row as the errors file writes it: a CSV row's non-empty cells by column, or the JSON
        value."""
        if self.header is None:
            return self.data
        return {column: text for column, text in zip(self.header, self.data, strict=True) if text}


@dataclass(slots=True)
class Record:
    """One object to import, in the wire shape of a bulk import (`body`), with its provenance.

    `parts` says where each line item and transaction came from and how its columns are named there
    (a CSV prefix such as `line_item.`), so a problem the server reports on `line_items[2].quantity`
    points at the right row and column.
    """

    kind: str
    body: dict[str, Any]
    location: Location
    rows: list[Row] = field(default_factory=list)
    parts: dict[str, list[tuple[Location, str]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # False for a stand-in (a transaction whose invoice is missing): only its own problem is reported
    complete: bool = True

    @property
    def external_id(self) -> str | None:
        value = self.body.get("external_id")
        return value if isinstance(value, str) and value else None

    @property
    def customer_external_id(self) -> str | None:
        value = self.body.get("customer_external_id")
        return value if isinstance(value, str) and value else None

    def locate(self, name: str) -> tuple[Location, str]:
        """The input location and column of a field named as the API names it
        (`line_items[2].quantity` may be row 14, column `line_item.quantity`)."""
        m = _PART.match(name)
        if m:
            places = self.parts.get(m[1], [])
            index = int(m[2])
            if index < len(places):
                location, prefix = places[index]
                return location, prefix + m[3]
        part, _, rest = name.partition(".")
        if rest and self.parts.get(part) and "[" not in part:
            # `line_items.external_id`: a duplicate among the invoice's line items
            location, prefix = self.parts[part][0]
            if not prefix.endswith("]."):
                return self.location, prefix + rest
        return self.location, name

    def at(self, name: str | None, message: str) -> Problem:
        """A problem with the field `name` (as the API names it; None: the whole record)."""
        if name is None:
            return Problem(self.location, None, message)
        location, column = self.locate(name)
        return Problem(location, column, message)

    def problem(self, name: str | None, message: str) -> Problem:
        """Note a problem the checks found with this record (it will not be sent)."""
        found = self.at(name, message)
        self.problems.append(found)
        return found

    def count(self, part: str) -> int:
        """How many line items or transactions this invoice carries."""
        value = self.body.get(part)
        return len(value) if isinstance(value, list) else 0
