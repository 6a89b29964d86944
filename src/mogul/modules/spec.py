"""What a module is: its Make label, its input fields, and the flow that runs it.

A `Module` is data plus one small function. Everything else is derived from it: input validation
(`Module.validate`), the typed Python API (`mogul.client.resources`, generated), `client.run(id, {...})`
and the CLI. A field knows its kind, whether it is mandatory, its allowed values, its Make label and help
text, the name the API uses, and which picker resolves it when Make shows a "Select the ..." list.

Help texts are the seed's (the Make ChartMogul app documentation), with "Integromat" read as "mogul"
and obvious copy-and-paste slips in it corrected.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from mogul.errors import InputError
from mogul.flow import Context, Flow

Kind = Literal[
    "str",
    "int",
    "bool",
    "datetime",
    "enum",
    "list[str]",
    "list[datetime]",
    "custom_attributes",
    "objects",
    "mapping",
    "json",
]
Picker = Literal["data_source", "customer", "plan", "plan_group", "invoice", "subscription"]
# What running a module does to the account: reads it, writes to it, or deletes or cancels something.
Effect = Literal["read", "write", "destroy"]
Inputs = dict[str, Any]
Runner = Callable[[Context, Inputs], Flow[Any]]

CUSTOM_TYPES = ("String", "Integer", "Decimal", "Timestamp", "Boolean")


def key_of(text: str) -> str:
    """How field names are matched: case, spaces, hyphens and underscores do not matter."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@dataclass(frozen=True)
class Choice:
    """An allowed value: `label` as Make shows it, `value` as the API takes it."""

    label: str
    value: Any
    aliases: tuple[str, ...] = ()

    def matches(self, raw: Any) -> bool:
        if isinstance(raw, str):
            wanted = key_of(raw)
            names = (self.label, *self.aliases, *([self.value] if isinstance(self.value, str) else []))
            return any(key_of(n) == wanted for n in names)
        return raw is self.value or (raw == self.value and type(raw) is type(self.value))


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: Kind
    help: str
    api_name: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    fields: tuple[Field, ...] = ()
    picker: Picker | None = None
    default: Any = None
    aliases: tuple[str, ...] = ()
    # the smallest whole number an `int` field takes
    minimum: int | None = None

    @property
    def api(self) -> str:
        return self.api_name or self.name

    def names(self) -> set[str]:
        return {key_of(n) for n in (self.name, self.api, self.label, *self.aliases)}

    def missing(self, path: str) -> InputError:
        """The error for this mandatory field left out."""
        return InputError(f"is mandatory ({self.label})", field=path)

    def parse(self, value: Any, path: str) -> Any:
        """Check and normalise one value (never None); raise InputError naming the field."""
        try:
            return _PARSERS[self.kind](self, value, path)
        except InputError:
            raise
        except (TypeError, ValueError) as exc:
            raise InputError(str(exc), field=path) from exc

    def to_api(self, value: Any) -> Any:
        """The JSON value the API takes for a parsed value."""
        if isinstance(value, datetime):
            return api_time(value)
        if self.kind == "list[datetime]":
            return [api_time(v) for v in value]
        if self.kind == "objects":
            by_name = {f.name: f for f in self.fields}
            return [
                {by_name[k].api: by_name[k].to_api(v) for k, v in item.items() if v is not None}
                for item in value
            ]
        if self.kind == "custom_attributes":
            return [
                {**a, "value": api_time(a["value"]) if a["type"] == "Timestamp" else a["value"]}
                for a in value
            ]
        return value


def api_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


@dataclass(frozen=True)
class Module:
    id: str
    label: str
    description: str
    fields: tuple[Field, ...]
    run: Runner
    http: tuple[str, ...]
    output: Literal["object", "list", "none"] = "object"
    object_field: str | None = None
    check: Callable[[Inputs], None] | None = field(default=None, compare=False)
    from_seed: bool = True
    # A write that ends something without a DELETE (a cancellation) counts as destructive too.
    destructive: bool = False

    @property
    def group(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def action(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def many(self) -> bool:
        return self.output == "list"

    @property
    def effect(self) -> Effect:
        """`read` when every call is a GET, `destroy` for deletes and cancellations, else `write` (which
        includes "Make an API Call", whose method is an input)."""
        methods = {h.split(" ", 1)[0] for h in self.http}
        if self.destructive or "DELETE" in methods:
            return "destroy"
        return "read" if methods == {"GET"} else "write"

    def field(self, name: str) -> Field:
        wanted = key_of(name)
        for f in self.fields:
            if wanted in f.names():
                return f
        raise KeyError(name)

    def validate(self, values: Mapping[str, Any] | None) -> Inputs:
        """Check every input before anything is sent: mandatory fields, kinds, allowed values."""
        try:
            inputs = parse_fields(self.fields, values or {}, prefix="")
            if self.check is not None:
                self.check(inputs)
        except InputError as exc:
            exc.module = self.id
            raise
        return inputs


@dataclass(frozen=True)
class Group:
    """A resource group (one file of modules), e.g. `customers` ("Customer" in Make)."""

    name: str
    label: str
    order: int
    modules: tuple[Module, ...]


def to_body(fields: Iterable[Field], inputs: Inputs, names: Iterable[str] | None = None) -> dict[str, Any]:
    """The JSON body for the supplied inputs among `names` (default: all fields), under API names."""
    wanted = None if names is None else set(names)
    return {
        f.api: f.to_api(inputs[f.name])
        for f in fields
        if inputs.get(f.name) is not None and (wanted is None or f.name in wanted)
    }


def parse_fields(fields: tuple[Field, ...], values: Mapping[str, Any], prefix: str) -> Inputs:
    lookup: dict[str, Field] = {}
    for f in fields:
        for k in f.names():
            lookup.setdefault(k, f)
    out: Inputs = {}
    for raw_key, value in values.items():
        found = lookup.get(key_of(str(raw_key)))
        if found is None:
            names = ", ".join(f.name for f in fields)
            raise InputError(f"unknown field (fields: {names})", field=prefix + str(raw_key))
        if value is None:
            continue
        if found.name in out:
            raise InputError("given twice (under two names)", field=prefix + found.name)
        out[found.name] = found.parse(value, prefix + found.name)
    for f in fields:
        if f.name not in out and f.default is not None:
            out[f.name] = f.default
        if f.required and (f.name not in out or out[f.name] in ("", [])):
            raise f.missing(prefix + f.name)
    return out


# -- parsers per kind -------------------------------------------------------------------------------------


def _str(f: Field, value: Any, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f"must be text, got {type(value).__name__}", field=path)
    return str(value)


def _int(f: Field, value: Any, path: str) -> int:
    number = _whole(value, path)
    if f.minimum is not None and number < f.minimum:
        raise InputError(f"must be a whole number of at least {f.minimum}, got {value!r}", field=path)
    return number


def _whole(value: Any, path: str) -> int:
    if isinstance(value, bool):
        raise InputError("must be a whole number, got a boolean", field=path)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        return int(value)
    raise InputError(f"must be a whole number, got {value!r}", field=path)


_TRUE = {"true", "yes", "y", "1", "t", "on"}
_FALSE = {"false", "no", "n", "0", "f", "off"}


def _bool(f: Field, value: Any, path: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise InputError(f"must be true or false, got {value!r}", field=path)


def parse_datetime(value: Any) -> datetime:
    """A datetime, a date, or an ISO 8601 text (`2024-01-31`, `2024-01-31 12:00`, `...Z`, `... UTC`).

    Times without a zone are UTC, as ChartMogul reads them.
    """
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        text = value.strip()
        if text.upper().endswith(" UTC"):
            text = text[:-4]
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"must be an ISO 8601 date or time such as 2024-01-31 or 2024-01-31T12:00:00Z, got {value!r}"
            ) from None
        return parse_datetime(parsed)
    raise ValueError(f"must be a date or time, got {type(value).__name__}")


def _datetime(f: Field, value: Any, path: str) -> datetime:
    return parse_datetime(value)


def _enum(f: Field, value: Any, path: str) -> Any:
    for choice in f.choices:
        if choice.matches(value):
            return choice.value
    allowed = ", ".join(c.label for c in f.choices)
    raise InputError(f"must be one of: {allowed} (got {value!r})", field=path)


def _list(value: Any) -> list[Any]:
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            loaded = json.loads(stripped)
            if isinstance(loaded, list):
                return loaded
        return [part.strip() for part in stripped.split(",") if part.strip()]
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    raise ValueError(f"must be a list, got {type(value).__name__}")


def _strings(f: Field, value: Any, path: str) -> list[str]:
    return [_str(f, v, f"{path}[{n}]") for n, v in enumerate(_list(value))]


def _datetimes(f: Field, value: Any, path: str) -> list[datetime]:
    out = []
    for n, v in enumerate(_list(value)):
        try:
            out.append(parse_datetime(v))
        except ValueError as exc:
            raise InputError(str(exc), field=f"{path}[{n}]") from exc
    return out


def _custom_value(f: Field, kind: str, value: Any, path: str) -> Any:
    if kind == "String":
        if not isinstance(value, str):
            raise InputError("a String value must be text", field=path)
        if len(value) > 255:
            raise InputError("a String value holds at most 255 characters", field=path)
        return value
    if kind == "Integer":
        return _int(f, value, path)
    if kind == "Decimal":
        if isinstance(value, bool):
            raise InputError("a Decimal value must be a number", field=path)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise InputError(f"a Decimal value must be a number, got {value!r}", field=path) from None
    if kind == "Timestamp":
        try:
            return parse_datetime(value)
        except ValueError as exc:
            raise InputError(str(exc), field=path) from exc
    return _bool(f, value, path)


def infer_type(value: Any) -> str:
    """The custom attribute type of a value given without one."""
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Decimal"
    if isinstance(value, datetime | date):
        return "Timestamp"
    return "String"


def _custom(f: Field, value: Any, path: str) -> list[dict[str, Any]]:
    """Custom attributes: `[{"type", "key", "value"}]` as in Make, a `{key: value}` map (types inferred),
    or `"key=value"` / `"Type:key=value"` texts (for the command line)."""
    items: list[Any]
    if isinstance(value, Mapping):
        items = [{"type": infer_type(v), "key": k, "value": v} for k, v in value.items()]
    else:
        items = _list(value)
    out = []
    for n, item in enumerate(items):
        where = f"{path}[{n}]"
        if isinstance(item, str):
            head, sep, val = item.partition("=")
            if not sep:
                raise InputError(
                    f"write a custom attribute as key=value or Type:key=value, got {item!r}", field=where
                )
            type_name, _, name = head.rpartition(":")
            item = {"type": type_name or "String", "key": name, "value": val}
        if not isinstance(item, Mapping):
            raise InputError("each custom attribute is an object with type, key and value", field=where)
        key = item.get("key")
        if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z0-9_]+", key):
            raise InputError(f"the key must be letters, digits and underscores, got {key!r}", field=where)
        raw_type = item.get("type") or infer_type(item.get("value"))
        kind = next((t for t in CUSTOM_TYPES if key_of(str(raw_type)) == key_of(t)), None)
        if kind is None:
            raise InputError(
                f"type must be one of: {', '.join(CUSTOM_TYPES)} (got {raw_type!r})", field=where
            )
        if item.get("value") is None:
            raise InputError("a value is mandatory", field=f"{where}.{key}")
        out.append(
            {"type": kind, "key": key, "value": _custom_value(f, kind, item["value"], f"{path}.{key}")}
        )
    return out


def _objects(f: Field, value: Any, path: str) -> list[Inputs]:
    if isinstance(value, str):
        value = json.loads(value)
    if isinstance(value, Mapping):
        value = [value]
    out = []
    for n, item in enumerate(_list(value)):
        if isinstance(item, str):
            item = json.loads(item)
        if not isinstance(item, Mapping):
            raise InputError("each item must be an object", field=f"{path}[{n}]")
        out.append(parse_fields(f.fields, item, prefix=f"{path}[{n}]."))
    return out


def _mapping(f: Field, value: Any, path: str) -> dict[str, str]:
    """A `{name: value}` map, Make's `[{"key", "value"}]` list, `name=value` / `Name: value` texts, or a
    query string `a=1&b=2`."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("{"):
            value = json.loads(stripped)
        else:
            value = [p for p in re.split(r"[&\n]", stripped) if p.strip()]
    if isinstance(value, Mapping):
        return {str(k): _str(f, v, f"{path}.{k}") for k, v in value.items() if v is not None}
    out: dict[str, str] = {}
    for n, item in enumerate(_list(value)):
        if isinstance(item, Mapping) and "key" in item:
            out[str(item["key"])] = _str(f, item.get("value", ""), f"{path}[{n}]")
        elif isinstance(item, str) and re.search(r"[=:]", item):
            name, _, val = re.split(r"([=:])", item, maxsplit=1)
            out[name.strip()] = val.strip()
        else:
            raise InputError(f"write entries as name=value, got {item!r}", field=f"{path}[{n}]")
    return out


def _json(f: Field, value: Any, path: str) -> Any:
    if isinstance(value, str | bytes):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise InputError(f"must be JSON ({exc})", field=path) from exc
    json.dumps(value)  # raises TypeError for what cannot be sent
    return value


_PARSERS: dict[str, Callable[[Field, Any, str], Any]] = {
    "str": _str,
    "int": _int,
    "bool": _bool,
    "datetime": _datetime,
    "enum": _enum,
    "list[str]": _strings,
    "list[datetime]": _datetimes,
    "custom_attributes": _custom,
    "objects": _objects,
    "mapping": _mapping,
    "json": _json,
}


# -- builders used by the module files --------------------------------------------------------------------


def choices(*pairs: tuple[str, Any] | tuple[str, Any, tuple[str, ...]]) -> tuple[Choice, ...]:
    return tuple(Choice(*p) for p in pairs)


def limit_field(what: str) -> Field:
    return Field(
        "limit",
        "Limit",
        "int",
        f"Set the maximum number of {what} mogul should return.",
        minimum=0,  # 0 lists nothing (and sends nothing)
    )
