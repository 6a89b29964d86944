"""Tools derived from the module registry: name, description, input and output schema, annotations.

Every module is one tool, and nothing about a tool is written by hand:

* its name is the module id with `_` for `.` (`customers.create` is `customers_create`), which every MCP
  client accepts (some refuse dots);
* its input schema comes from the module's fields: kinds as JSON types, allowed values as `enum`,
  mandatory fields as `required`, the help text (and for a picker field what it takes besides a uuid)
  as the description;
* its effect (`Module.effect`) decides its annotations and whether it is offered at all: read tools
  always (marked read-only), write tools with `allow_writes`, deletes and cancellations with
  `allow_destructive` (marked destructive, with a `confirmation` input for clients that cannot ask the
  user). "Make an API Call" is a read tool taking GET only, unless writes (POST, PUT, PATCH) and
  deletes (DELETE) are allowed;
* a list tool takes `limit` (25 by default, at most 100) and `cursor`, and answers `items`, `count`,
  `truncated` and the `cursor` to go on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import mcp_types as types

from mogul.modules.pickers import handles_text
from mogul.modules.spec import CUSTOM_TYPES, Effect, Field, Module

LIST_DEFAULT = 25
LIST_MAX = 100
API_CALL = "api.call"
METHODS: dict[Effect, tuple[str, ...]] = {
    "read": ("GET",),
    "write": ("POST", "PUT", "PATCH"),
    "destroy": ("DELETE",),
}
MONEY_NOTE = (
    "Amounts are in currency units (12.5 is 12.50, not cents) beside their currency; times are ISO 8601 "
    "in UTC."
)


@dataclass(frozen=True)
class Policy:
    """What `mogul mcp` was started to allow."""

    allow_writes: bool = False
    allow_destructive: bool = False
    list_limit: int = LIST_DEFAULT

    def __post_init__(self) -> None:
        if self.allow_destructive and not self.allow_writes:
            raise ValueError("deletes and cancellations are writes: allow_destructive needs allow_writes")
        if not 1 <= self.list_limit <= LIST_MAX:
            raise ValueError(f"the list limit must be from 1 to {LIST_MAX}")

    def allows(self, effect: Effect) -> bool:
        if effect == "read":
            return True
        return self.allow_writes if effect == "write" else self.allow_destructive

    def methods(self) -> tuple[str, ...]:
        """The HTTP methods "Make an API Call" takes."""
        effects: tuple[Effect, ...] = ("read", "write", "destroy")
        return tuple(m for effect in effects if self.allows(effect) for m in METHODS[effect])

    @staticmethod
    def flag(effect: Effect) -> str:
        """The option of `mogul mcp` that allows an effect."""
        return "--allow-destructive" if effect == "destroy" else "--allow-writes"


def tool_name(module_id: str) -> str:
    return module_id.replace(".", "_")


def method_effect(method: str) -> Effect:
    return next(effect for effect, methods in METHODS.items() if method in methods)


# -- input schemas from fields ----------------------------------------------------------------------------


def _choice_text(f: Field) -> str:
    def shown(value: Any) -> str:
        return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)

    parts = [
        shown(c.value) if shown(c.value) == c.label else f"{shown(c.value)} ({c.label})" for c in f.choices
    ]
    return "One of: " + ", ".join(parts) + "."


def field_schema(f: Field) -> dict[str, Any]:
    """The JSON schema of one field's value."""
    notes = [f.help.strip()]
    if f.picker:
        notes.append(f"Give {handles_text(f.picker)}.")
    schema: dict[str, Any] = _kind_schema(f)
    if f.kind == "enum":
        notes.append(_choice_text(f))
    if f.kind in ("datetime", "list[datetime]"):
        notes.append("An ISO 8601 date or time (2024-01-31, 2024-01-31T12:00:00Z); UTC unless it says.")
    if f.default is not None:
        schema["default"] = f.default
    return {"title": f.label, "description": " ".join(notes), **schema}


def _kind_schema(f: Field) -> dict[str, Any]:
    kind = f.kind
    if kind in ("str", "datetime"):
        return {"type": "string"}
    if kind == "int":
        return {"type": "integer"}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "enum":
        return {"enum": [c.value for c in f.choices]}
    if kind in ("list[str]", "list[datetime]"):
        return {"type": "array", "items": {"type": "string"}}
    if kind == "mapping":
        return {"type": "object", "additionalProperties": {"type": "string"}}
    if kind == "objects":
        return {"type": "array", "items": object_schema(f.fields)}
    if kind == "custom_attributes":
        value = {"type": ["string", "number", "boolean"]}
        item = {
            "type": "object",
            "properties": {
                "type": {"enum": list(CUSTOM_TYPES), "description": "Inferred from the value when absent."},
                "key": {"type": "string", "pattern": "^[A-Za-z0-9_]+$"},
                "value": value,
            },
            "required": ["key", "value"],
            "additionalProperties": False,
        }
        return {
            "anyOf": [{"type": "object", "additionalProperties": value}, {"type": "array", "items": item}]
        }
    return {}  # json: any value


def object_schema(fields: Iterable[Field], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    fields = tuple(fields)
    required = [f.name for f in fields if f.required and f.default is None]
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in fields} | (extra or {}),
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


# -- the tools --------------------------------------------------------------------------------------------


LIST_OUTPUT = {
    "type": "object",
    "properties": {
        "items": {"type": "array", "items": {"type": "object"}},
        "count": {"type": "integer", "description": "How many items this answer holds."},
        "truncated": {
            "type": "boolean",
            "description": "Whether more items follow (call again with cursor).",
        },
        "cursor": {"type": ["string", "null"], "description": "Where the list goes on; null at its end."},
    },
    "required": ["items", "count", "truncated", "cursor"],
}
DONE_OUTPUT = {
    "type": "object",
    "properties": {"done": {"type": "boolean"}, "message": {"type": "string"}, "target": {"type": "object"}},
}
OBJECT_OUTPUT = {"type": "object"}
CONFIRMATION = {
    "type": "string",
    "description": "Only when the client cannot ask the user: the token a first call answered with its "
    "preview, after the user agreed to it. Expires after a few minutes.",
}


@dataclass(frozen=True)
class ModuleTool:
    """A module as a tool."""

    module: Module

    @property
    def name(self) -> str:
        return tool_name(self.module.id)

    @property
    def effect(self) -> Effect:
        """What the tool may do to the account; "Make an API Call" is a read tool (GET) at least."""
        return "read" if self.module.id == API_CALL else self.module.effect

    def effects(self, policy: Policy) -> tuple[Effect, ...]:
        """What it may do under the policy (for "Make an API Call", by the methods it takes)."""
        if self.module.id == API_CALL:
            return tuple(dict.fromkeys(method_effect(m) for m in policy.methods()))
        return (self.effect,)

    def input_schema(self, policy: Policy) -> dict[str, Any]:
        module = self.module
        extra: dict[str, Any] = {}
        fields = [f for f in module.fields if not (module.many and f.name == "limit")]
        if module.id == API_CALL:
            methods = policy.methods()
            fields = [f for f in fields if f.name != "method"]
            extra["method"] = {
                "title": "Method",
                "description": "The HTTP method: "
                + ", ".join(methods)
                + " (started with "
                + ("--allow-writes" if policy.allow_writes else "neither --allow-writes")
                + (" and --allow-destructive" if policy.allow_destructive else "")
                + "). GET when absent.",
                "enum": list(methods),
                "default": "GET",
            }
        if module.many:
            extra["limit"] = {
                "type": "integer",
                "minimum": 1,
                "maximum": LIST_MAX,
                "default": policy.list_limit,
                "description": f"How many items to answer with (at most {LIST_MAX}); the answer says "
                "whether more follow.",
            }
            extra["cursor"] = {
                "type": "string",
                "description": "The cursor of the previous answer, to go on with the same other arguments.",
            }
        if "destroy" in self.effects(policy):
            extra["confirmation"] = CONFIRMATION
        return object_schema(fields, extra)

    def output_schema(self) -> dict[str, Any]:
        if self.module.many:
            return LIST_OUTPUT
        return DONE_OUTPUT if self.module.output == "none" else OBJECT_OUTPUT

    def description(self, policy: Policy) -> str:
        module = self.module
        origin = f"Make: {module.label}" if module.from_seed else module.label
        text = [f"{module.description.rstrip('.')} ({origin}; mogul module {module.id})."]
        effects = self.effects(policy)
        if module.id == API_CALL:
            text.append(f"Takes {', '.join(policy.methods())}; paths are under /v1 (/v1/customers).")
        if "destroy" in effects:
            text.append(
                "Destructive: the user confirms first. The client asks them where it can; otherwise the "
                "first call changes nothing and answers a preview with a confirmation token, to pass as "
                "`confirmation` in the same call once the user agreed."
            )
        elif "write" in effects:
            text.append("Writes to the ChartMogul account.")
        if module.many:
            text.append(
                f"Answers at most `limit` items ({policy.list_limit} unless given) with `truncated` and a "
                "`cursor` to go on."
            )
        text.append(MONEY_NOTE)
        return " ".join(text)

    def annotations(self, policy: Policy) -> types.ToolAnnotations:
        effects = self.effects(policy)
        writes = effects != ("read",)
        return types.ToolAnnotations(
            title=self.module.label,
            read_only_hint=not writes,
            destructive_hint="destroy" in effects if writes else None,
            idempotent_hint=not any(h.startswith(("POST", "ANY")) for h in self.module.http)
            if writes
            else None,
            open_world_hint=False,
        )

    def definition(self, policy: Policy) -> types.Tool:
        return types.Tool(
            name=self.name,
            title=self.module.label,
            description=self.description(policy),
            input_schema=self.input_schema(policy),
            output_schema=self.output_schema(),
            annotations=self.annotations(policy),
        )
