"""How results are printed: a table, JSON, JSON lines or CSV, with money in cents or in units.

One place for the output of every command (the sqlite-utils habit): a command hands over what its module
returned, a single object or the items of a list, and the `Printer` writes it in the chosen format.
`json` prints one object for single-object modules and an array for list modules; `jsonl` one object per
line (list items are written as they arrive); `csv` one row per object (the `entries` of an envelope such
as a metric series); `table` a rich table sized to the terminal. Money stays in integer cents unless
`--money units` asks for currency units. `--fields a,b` keeps those fields of each row, in that order,
in every format (the rows being a list's items, an object, or an envelope's `entries`); `a.b` reaches
into a nested object.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from mogul.cli.exits import UsageProblem
from mogul.modules.money import in_units

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

FORMATS = ("table", "json", "jsonl", "csv")
MONEY = ("cents", "units")


def choose_format(requested: str | None, stream: TextIO) -> str:
    """The format asked for, else a table on a terminal and JSON anywhere else."""
    if requested:
        return requested
    return "table" if _isatty(stream) else "json"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# -- money ------------------------------------------------------------------------------------------------


def money(value: Any, mode: str) -> Any:
    return in_units(value) if mode == "units" else value


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(value: Any, *, indent: int | None = 2) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(value, indent=indent, ensure_ascii=False, default=_json_default, separators=separators)


# -- rows -------------------------------------------------------------------------------------------------


def rows_of(value: Any) -> list[Any]:
    """The rows a single result stands for in CSV: an envelope's `entries`, else the object itself."""
    if isinstance(value, Mapping) and isinstance(value.get("entries"), list):
        return list(value["entries"])
    if isinstance(value, list):
        return value
    return [value]


def cell(value: Any) -> str:
    """One value as text in a table or CSV cell: nested values as compact JSON, lists of text joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, list) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
    ):
        return ", ".join(str(v) for v in value)
    return to_json(value, indent=None)


def _keys(rows: Iterable[Any]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        if isinstance(row, Mapping):
            seen.update(dict.fromkeys(row))
    return list(seen)


# -- --fields ---------------------------------------------------------------------------------------------

_ABSENT = object()


def parse_fields(text: str) -> tuple[str, ...]:
    """`--fields uuid,name, mrr` as its names."""
    names = tuple(name.strip() for name in text.split(","))
    if not all(names):
        raise UsageProblem(f"--fields: give field names separated by commas, e.g. uuid,name (got {text!r})")
    return names


def _field(row: Mapping[str, Any], name: str) -> Any:
    """A row's field `name`, or for `a.b` the field `b` of its object `a`; _ABSENT if there is none."""
    if name in row:
        return row[name]
    value: Any = row
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _ABSENT
        value = value[part]
    return value


def pick(row: Any, names: tuple[str, ...]) -> Any:
    """The fields `names` of one row, in that order (None for one it lacks)."""
    if not isinstance(row, Mapping):
        return row
    values = {name: _field(row, name) for name in names}
    return {name: None if value is _ABSENT else value for name, value in values.items()}


def check_fields(rows: list[Any], names: tuple[str, ...]) -> None:
    """A name that no row has is a typo: say so, with the names there are."""
    dicts = [r for r in rows if isinstance(r, Mapping)]
    unknown = [n for n in names if dicts and all(_field(r, n) is _ABSENT for r in dicts)]
    if unknown:
        said = ", ".join(map(repr, unknown))
        raise UsageProblem(f"--fields: no field {said} in the answer (its fields: {', '.join(_keys(dicts))})")


# -- tables -----------------------------------------------------------------------------------------------

# Fields a table leaves out to make room (JSON and CSV keep everything).
_BUSY = frozenset(
    {
        "id",
        "currency-sign",
        "data_source_uuids",
        "external_ids",
        "attributes",
        "address",
        "owner",
        "disabled",
        "disabled_at",
        "disabled_by",
        "edit_history_summary",
        "errors",
    }
)
_MAX_CELL = 40


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def table_columns(rows: list[Any], width: int) -> tuple[list[str], int]:
    """Which columns fit in `width`: every non-empty field, busy and nested ones last, then cut to fit.

    Returns the columns and how many fields were left out.
    """
    keys = [k for k in _keys(rows) if not all(_is_empty(r.get(k)) for r in rows if isinstance(r, Mapping))]

    def nested(key: str) -> bool:
        values = [r.get(key) for r in rows if isinstance(r, Mapping)]
        return any(
            isinstance(v, Mapping) or (isinstance(v, list) and any(isinstance(x, Mapping) for x in v))
            for v in values
        )

    plain = [k for k in keys if k not in _BUSY and not k.endswith(("-url", "_url")) and not nested(k)]
    rest = [k for k in keys if k not in plain]
    chosen: list[str] = []
    used = 1  # the left edge
    for key in plain + rest:
        need = column_width(rows, key) + 3  # padding and the column divider
        if chosen and used + need > width:
            continue
        chosen.append(key)
        used += need
    return [k for k in keys if k in chosen], len(keys) - len(chosen)


def column_width(rows: list[Any], key: str) -> int:
    longest = max([len(cell(r.get(key))) for r in rows if isinstance(r, Mapping)] or [0])
    return max(len(key), min(longest, _MAX_CELL))


def _console(out: TextIO) -> Console:
    from rich.console import Console

    return Console(file=out, highlight=False, soft_wrap=False, emoji=False)


def _numeric(rows: list[Any], key: str) -> bool:
    values = [r.get(key) for r in rows if isinstance(r, Mapping) and r.get(key) is not None]
    return bool(values) and all(
        isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in values
    )


def list_table(
    rows: list[Any], width: int, title: str | None = None, columns: tuple[str, ...] | None = None
) -> RenderableType:
    """A table of `rows`: the `columns` given, else those that fit (see table_columns)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    chosen, hidden = (list(columns), 0) if columns else table_columns(rows, width)
    caption = f"{len(rows)} rows" if len(rows) != 1 else "1 row"
    if hidden:
        caption += f"; {hidden} more fields in -o json"
    table = Table(box=box.SIMPLE_HEAD, title=title, caption=caption, title_justify="left")
    for key in chosen:
        table.add_column(
            key,
            justify="right" if _numeric(rows, key) else "left",
            no_wrap=True,
            overflow="ellipsis",
            min_width=min(column_width(rows, key), 12),
        )
    for row in rows:
        values = row if isinstance(row, Mapping) else {"value": row}
        table.add_row(*(Text(cell(values.get(key))) for key in chosen))
    return table


def _inline(value: Any) -> bool:
    """Whether a nested value reads well in one table cell."""
    if isinstance(value, Mapping):
        return all(not isinstance(v, Mapping | list) for v in value.values()) and len(cell(value)) <= 80
    if isinstance(value, list):
        return not any(isinstance(v, Mapping) for v in value)
    return True


def object_tables(value: Any, width: int, title: str | None = None) -> list[RenderableType]:
    """A key/value table of an object's fields, then one table per nested list of objects."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not isinstance(value, Mapping):
        return [Text(cell(value))]
    table = Table(box=box.SIMPLE, show_header=False, title=title, title_justify="left")
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    nested: list[RenderableType] = []
    empty = 0
    for key, item in value.items():
        if _is_empty(item):
            empty += 1
        elif _inline(item):
            table.add_row(key, Text(cell(item)))
        elif isinstance(item, list):
            nested.append(list_table(item, width, title=key))
        else:
            nested.extend(object_tables(item, width, title=key))
    if empty:
        table.caption = f"{empty} empty fields not shown" if empty > 1 else "1 empty field not shown"
    return ([table] if table.row_count else []) + nested


# -- the printer ------------------------------------------------------------------------------------------


class Printer:
    """Writes one command's result in one format."""

    def __init__(
        self,
        fmt: str,
        money_mode: str = "cents",
        out: TextIO | None = None,
        fields: tuple[str, ...] | None = None,
    ) -> None:
        self.fmt = fmt
        self.money = money_mode
        self.out = out or sys.stdout
        self.fields = fields

    def _picked(self, rows: list[Any]) -> list[Any]:
        if not self.fields:
            return rows
        check_fields(rows, self.fields)
        return [pick(row, self.fields) for row in rows]

    def _picked_one(self, value: Any) -> Any:
        """A single result with only the chosen fields: of an envelope's entries, a list's items, or
        the object itself."""
        if not self.fields:
            return value
        if isinstance(value, Mapping) and isinstance(value.get("entries"), list):
            return {**value, "entries": self._picked(value["entries"])}
        if isinstance(value, list):
            return self._picked(value)
        return self._picked([value])[0]

    def one(self, value: Any) -> None:
        """A single-object result (or any JSON value, e.g. an API call's body)."""
        value = self._picked_one(money(value, self.money))
        if self.fmt == "json":
            self.out.write(to_json(value) + "\n")
        elif self.fmt == "jsonl":
            self.out.write(to_json(value, indent=None) + "\n")
        elif self.fmt == "csv":
            self._csv(rows_of(value))
        else:
            console = _console(self.out)
            if isinstance(value, list):
                console.print(list_table(value, console.width, columns=self.fields))
            else:
                for part in object_tables(value, console.width):
                    console.print(part)

    def many(self, items: Iterable[Any]) -> int:
        """A list module's items; JSON lines are written as they arrive. Returns how many there were."""
        if self.fmt == "jsonl":
            count = 0
            for item in items:
                row = money(item, self.money)
                if self.fields:  # written as they arrive: --fields is checked against the first
                    if not count:
                        check_fields([row], self.fields)
                    row = pick(row, self.fields)
                self.out.write(to_json(row, indent=None) + "\n")
                self.out.flush()
                count += 1
            return count
        rows = self._picked([money(item, self.money) for item in items])
        if self.fmt == "json":
            self.out.write(to_json(rows) + "\n")
        elif self.fmt == "csv":
            self._csv(rows)
        elif not rows:
            self.out.write("0 rows\n")
        else:
            console = _console(self.out)
            console.print(list_table(rows, console.width, columns=self.fields))
        return len(rows)

    def _csv(self, rows: list[Any]) -> None:
        dicts = [r if isinstance(r, Mapping) else {"value": r} for r in rows]
        keys = _keys(dicts)
        writer = csv.writer(self.out, lineterminator="\n")
        if keys:
            writer.writerow(keys)
        for row in dicts:
            writer.writerow([cell(row.get(k)) for k in keys])


def counted(
    items: Iterable[Any], label: str, total: int | None, stream: TextIO | None = None
) -> Iterator[Any]:
    """`items`, with a progress bar on standard error while they arrive when it is a terminal."""
    stream = stream or sys.stderr
    if not _isatty(stream):
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    columns += [BarColumn(), MofNCompleteColumn()] if total else [TextColumn("{task.completed}")]
    with Progress(*columns, console=Console(file=stream), transient=True) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            yield item
            progress.advance(task)
