"""Writes `mogul/client/resources.py`, the typed API, from the module registry.

    python -m mogul.client.generate        # after adding or changing a module

Each module becomes a method with explicit keyword parameters (`client.customers.create(...)`) on a sync
and an async resource class; the method validates and runs the module through `client.run`.
"""

from __future__ import annotations

import keyword
import subprocess
import sys
import textwrap
from pathlib import Path

from mogul.modules import registry
from mogul.modules.spec import Field, Group, Module

TARGET = Path(__file__).with_name("resources.py")

PYTHON_TYPES = {
    "str": "str",
    "int": "int",
    "bool": "bool",
    "datetime": "datetime | date | str",
    "enum": "str",
    "list[str]": "Sequence[str] | str",
    "list[datetime]": "Sequence[datetime | date | str]",
    "custom_attributes": "Sequence[Mapping[str, Any] | str] | Mapping[str, Any]",
    "objects": "Sequence[Mapping[str, Any]]",
    "mapping": "Mapping[str, str] | str",
    "json": "Any",
}

HEADER = '''"""The typed API, one method per module.

GENERATED from the module registry by `python -m mogul.client.generate`; do not edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol, cast

from mogul.client.pagination import AsyncPager, Pager
from mogul.flow.record import Record


class _Runs(Protocol):
    def run(self, module_id: str, fields: Mapping[str, Any] | None = None, /, **more: Any) -> Any: ...
'''


def method_name(module: Module) -> str:
    name = module.action
    return name + "_" if keyword.iskeyword(name) else name


def class_name(group: Group, prefix: str = "") -> str:
    return prefix + "".join(part.capitalize() for part in group.name.split("_"))


def _help(field: Field) -> str:
    text = field.help
    if field.choices:
        text += " Allowed: " + ", ".join(c.label for c in field.choices) + "."
    if field.picker:
        text += (
            " Takes the uuid or "
            + {
                "data_source": "the data source's name.",
                "customer": "the customer's external id or email.",
                "plan": "the plan's external id or name.",
                "plan_group": "the plan group's name.",
                "invoice": "the invoice's external id.",
                "subscription": "nothing else (sub_...).",
            }[field.picker]
        )
    if field.fields:
        text += (
            " Each item: "
            + ", ".join(
                f.name
                + ("*" if f.required else "")
                + (f" ({'/'.join(c.label for c in f.choices)})" if f.choices else "")
                for f in field.fields
            )
            + " (* mandatory)."
        )
    return text


def _docstring(module: Module, indent: str) -> str:
    lines = [*textwrap.wrap(f"{module.label}: {module.description}", 104 - len(indent)), ""]
    if module.fields:
        lines.append("Args:")
        for f in module.fields:
            mark = " (mandatory)" if f.required and f.default is None else ""
            body = textwrap.wrap(f"{f.name}{mark}: {_help(f)}", 100 - len(indent), subsequent_indent="    ")
            lines += ["    " + line for line in body]
    text = "\n".join((indent + line) if line else "" for line in lines)
    return f'{indent}"""{text.lstrip()}\n{indent}"""'


def _signature(module: Module) -> str:
    params = ["self"]
    ordered = sorted(module.fields, key=lambda f: f.name != module.object_field)
    star = False
    for f in ordered:
        kind = PYTHON_TYPES[f.kind]
        positional = f.name == module.object_field
        if not positional and not star:
            params.append("*")
            star = True
        if f.required and f.default is None:
            params.append(f"{f.name}: {kind}")
        else:
            params.append(f"{f.name}: {kind} | None = None" if kind != "Any" else f"{f.name}: Any = None")
    return ", ".join(params)


def _method(module: Module, asynchronous: bool) -> str:
    name = method_name(module)
    if module.many:
        returns = "AsyncPager[Record]" if asynchronous else "Pager[Record]"
    else:
        returns = "Record" if module.output == "object" else "None"
    is_async = asynchronous and not module.many
    head = f"    {'async ' if is_async else ''}def {name}({_signature(module)}) -> {returns}:"
    args = ", ".join(f'"{f.name}": {f.name}' for f in module.fields)
    call = f'self._client.run("{module.id}", {{{args}}})'
    if is_async:
        call = "await " + call
    body = f"        return {call}" if returns != "None" else f"        {call}"
    return "\n".join([head, _docstring(module, "        "), body])


def _group_class(group: Group, asynchronous: bool) -> str:
    prefix = "Async" if asynchronous else ""
    label = f"{group.label} modules" + (" (async)" if asynchronous else "")
    parts = [
        f"class {class_name(group, prefix)}:",
        f'    """{label}."""',
        "",
        "    def __init__(self, client: _Runs) -> None:",
        "        self._client = client",
    ]
    for module in group.modules:
        parts += ["", _method(module, asynchronous)]
    return "\n".join(parts)


def _holder(groups: tuple[Group, ...], asynchronous: bool) -> str:
    prefix = "Async" if asynchronous else ""
    lines = [f"class {prefix or 'Sync'}Resources:", '    """The resource groups a client carries."""', ""]
    lines += [f"    {g.name}: {class_name(g, prefix)}" for g in groups]
    lines += ["", "    def _attach_resources(self) -> None:", "        client = cast(_Runs, self)"]
    lines += [f"        self.{g.name} = {class_name(g, prefix)}(client)" for g in groups]
    return "\n".join(lines)


def render() -> str:
    groups = registry.groups()
    chunks = [HEADER]
    for asynchronous in (False, True):
        chunks += [_group_class(g, asynchronous) for g in groups]
        chunks.append(_holder(groups, asynchronous))
    return "\n\n\n".join(chunks) + "\n"


def write(path: Path = TARGET) -> Path:
    path.write_text(render(), encoding="utf-8")
    # Keep the file in the project's format (ruff is a dev dependency).
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(path)], check=False)
    return path


if __name__ == "__main__":
    print(f"wrote {write()}")
