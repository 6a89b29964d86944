"""Reading an input file (CSV, JSON Lines or JSON; `-` for standard input) into located rows.

A CSV file gives its rows as lists of cells, one cell for each column of the header (row 1); JSON Lines
one value per line; JSON either an array or an object holding the array under the kind's name
(`{"invoices": [...]}`).
A line that is not valid JSON is a problem of that line, not the end of the import.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from mogul.bulk.records import Location, Problem, Row

FORMATS = ("csv", "jsonl", "json")
_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


class InputFileError(Exception):
    """The input cannot be read at all (missing file, wrong format, broken header): nothing is sent."""


@dataclass
class Table:
    """The rows of one input with their locations (a CSV row's data is its cells, one per column of the
    header), the CSV header, and unreadable rows."""

    name: str
    format: str
    rows: list[Row] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # sha256 of the text: a resumed import must be reading the same input
    digest: str = ""


def display_name(path: str | Path) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def detect_format(path: str | Path, text: str, given: str | None = None, kind: str = "") -> str:
    """The format named by `given`, else by the file's suffix, else by its first character."""
    if given:
        if given not in FORMATS:
            raise InputFileError(f"unknown format {given!r}; use one of: {', '.join(FORMATS)}")
        return given
    suffix = Path(str(path)).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    start = text.lstrip()[:1]
    if start == "[":
        return "json"
    if start == "{":
        # an object holding the kind's array is JSON; objects one per line are JSON Lines
        try:
            data = json.loads(text)
        except ValueError:
            return "jsonl"
        return "json" if isinstance(data, dict) and isinstance(data.get(kind), list) else "jsonl"
    return "csv"


def read_text(path: str | Path, stdin: TextIO | None = None) -> str:
    if str(path) == "-":
        return (stdin or sys.stdin).read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read it ({exc.strerror})") from None


def read_table(
    path: str | Path, kind: str, *, format: str | None = None, stdin: TextIO | None = None
) -> Table:
    """Read one input file into located rows."""
    text = read_text(path, stdin)
    name = display_name(path)
    fmt = detect_format(path, text, format, kind)
    table = Table(name, fmt, digest=hashlib.sha256(text.encode()).hexdigest())
    if fmt == "csv":
        _read_csv(table, text)
    elif fmt == "jsonl":
        _read_jsonl(table, text)
    else:
        _read_json(table, text, kind)
    return table


def _read_csv(table: Table, text: str) -> None:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InputFileError(
            f"{table.name}: the file is empty; a CSV file starts with a header row"
        ) from None
    except csv.Error as exc:
        raise InputFileError(f"{table.name}:1: {exc}") from None
    table.header = [h.strip() for h in header]
    seen: set[str] = set()
    for column in table.header:
        if column in seen:
            raise InputFileError(f"{table.name}:1: column {column!r} appears twice in the header")
        seen.add(column)
    header, width, name, rows = table.header, len(table.header), table.name, table.rows
    try:
        # rows are numbered as a spreadsheet numbers them: the header is row 1
        for number, cells in enumerate(reader, start=2):
            # a row of empty or blank cells is skipped (cells beyond the header's columns do not count);
            # its first cell mostly settles it
            if not (width and cells and cells[0].strip()) and not "".join(cells[:width]).strip():
                continue
            if len(cells) > width:
                table.problems.append(
                    Problem(
                        Location(name, number),
                        None,
                        f"the row has {len(cells)} cells but the header names {width} columns",
                    )
                )
                continue
            if len(cells) < width:
                # a short row: the missing cells are empty
                cells.extend([""] * (width - len(cells)))
            rows.append(Row(Location(name, number), cells, header))
    except csv.Error as exc:
        raise InputFileError(f"{table.name}:{reader.line_num}: {exc}") from None


def _read_jsonl(table: Table, text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        location = Location(table.name, number)
        try:
            table.rows.append(Row(location, json.loads(line)))
        except ValueError as exc:
            table.problems.append(Problem(location, None, f"not valid JSON: {exc}"))


def _read_json(table: Table, text: str, kind: str) -> None:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputFileError(f"{table.name}: not valid JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get(kind), list):
        data = data[kind]
    if not isinstance(data, list):
        raise InputFileError(
            f"{table.name}: a JSON input is an array of {kind}, or an object with the array under {kind!r}"
        )
    # JSON items are numbered from 1, as rows and lines are
    table.rows.extend(Row(Location(table.name, n), value) for n, value in enumerate(data, start=1))
