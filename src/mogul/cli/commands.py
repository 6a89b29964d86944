"""The module commands, built from the module registry, and the CLI's entry point with its error handling.

No module command is written by hand: each registered module becomes `mogul GROUP ACTION`, so a new
module file appears in the CLI by itself.

* Names: the group with `-` for `_` (`plan-groups`); the action in kebab-case, with `list_X` read as `X`
  (`mogul plan-groups plans`). A group of a single module is one command (`mogul api`).
* The module's `object_field` is a positional argument (`mogul customers get CUSTOMER`); the other fields
  are options in kebab-case (`--external-id`); list fields are repeatable under their singular name
  (`--tag`, also `--tags`).
* Every command takes the connection options and `-o/--output`, `--money`; commands that send a body take
  `--data FILE` (JSON with the module's fields under their API names, under any explicit option).
* Help: the module's help text without Make's form verbs ("Select the ...", "Enter the ..."); mandatory
  parameters are marked (typer requires the object argument and, on a command without `--data`, the
  mandatory options, and says a missing one as the module does); flags show no value.
* Every failure is one line on standard error and an exit code (`mogul.cli.exits`).
"""

from __future__ import annotations

import inspect
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mogul.cli import exits, import_cmd

if TYPE_CHECKING:
    from mogul.modules.spec import Field, Group, Module

CONNECTION_PANEL = "Connection"
OUTPUT_PANEL = "Output"
MULTIPLE_KINDS = frozenset({"list[str]", "list[datetime]", "custom_attributes", "objects", "mapping"})
BODY_METHODS = ("POST", "PUT", "PATCH")

# How the command line spells a module differently from the general rule.
POSITIONALS: dict[str, tuple[str, ...]] = {"api.call": ("method", "url")}
SHORT_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "api.call": {"query": ("-q", "--query"), "headers": ("-H", "--header", "--headers")},
}
HANDLES = {
    "data_source": "its uuid (ds_...) or name",
    "customer": "its uuid (cus_...), external id or email",
    "plan": "its uuid (pl_...), external id or name",
    "plan_group": "its uuid (plg_...) or name",
    "invoice": "its uuid (inv_...) or external id",
    "subscription": "its uuid (sub_...)",
}
METAVARS = {
    "int": "INTEGER",
    "datetime": "DATE",
    "list[datetime]": "DATE",
    "custom_attributes": "[TYPE:]KEY=VALUE",
    "objects": "JSON|@FILE",
    "mapping": "KEY=VALUE",
    "json": "JSON|@FILE",
    "bool": "BOOLEAN",
}


# -- names ------------------------------------------------------------------------------------------------


def kebab(name: str) -> str:
    return name.replace("_", "-")


def group_command(group: str) -> str:
    return kebab(group)


def action_command(action: str) -> str:
    if action.startswith("list_"):
        action = action[len("list_") :]
    return kebab(action)


def command_path(module: Module, single: bool) -> str:
    """`mogul customers create`, or `mogul api` for a group of one module."""
    words = ["mogul", group_command(module.group)]
    if not single:
        words.append(action_command(module.action))
    return " ".join(words)


def sends_body(module: Module) -> bool:
    return any(h.split(" ", 1)[0] in BODY_METHODS for h in module.http)


def deletes(module: Module) -> bool:
    """Whether the module deletes: those commands ask first, or take `--yes`."""
    return module.action == "delete"


# What goes with an object a delete removes, said when it asks.
GOES_WITH = {
    "customers": " and its invoices, subscriptions and activities",
    "data_sources": " and every customer, plan and invoice in it",
    "invoices": " and its line items and transactions",
}


def reads(module: Module) -> bool:
    """Whether the module only reads (GET): those commands take `--fields`."""
    return module.id != "api.call" and all(h.split(" ", 1)[0] == "GET" for h in module.http)


# -- parameters -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One command line parameter standing for one module field."""

    field: Field
    ident: str
    decls: tuple[str, ...]
    positional: bool
    multiple: bool
    # required by typer itself (marked * in the help): a mandatory object argument, and the mandatory
    # options of a command without `--data` (which could hold them otherwise)
    enforced: bool = False

    @property
    def shown(self) -> str:
        """How errors name it: the option (`--external-id`) or the argument (`CUSTOMER`)."""
        return argument_name(self.field) if self.positional else self.decls[-1 if self.multiple else 0]


def argument_name(f: Field) -> str:
    # Make calls it URL; what it takes is a path (`/v1/customers`).
    return "PATH" if f.name == "url" else f.name.upper()


def _escape(text: str) -> str:
    # Help texts are rendered with rich markup: a literal "[" must not start a tag.
    return text.replace("[", "\\[")


# Make's form verbs ("Select the customer ...", "Enter a name ..."): the command line says what a value is
_FORM_VERB = re.compile(r"^(?:Select|Enter|Add|Set) (?=(?:the|a|an) )")
CUSTOM_HELP = (
    "A custom attribute as KEY=VALUE, or TYPE:KEY=VALUE with TYPE one of String (the default), Integer, "
    "Decimal, Timestamp, Boolean."
)


def cli_words(text: str) -> str:
    """A module's help text (Make's words) as the command line's help says it."""
    text = _FORM_VERB.sub("", text.strip())
    return text[:1].upper() + text[1:]


def _field_help(p: Param) -> str:
    f = p.field
    parts = [CUSTOM_HELP if f.kind == "custom_attributes" else cli_words(f.help)]
    if f.picker in HANDLES:
        parts.append(f"Give {HANDLES[f.picker]}.")
    if f.kind == "enum":
        parts.append("One of: " + ", ".join(c.label for c in f.choices) + ".")
    if p.multiple:
        parts.append("Repeatable.")
    if f.required and not p.enforced:  # typer marks the enforced ones itself
        parts.append("[required]")
    return _escape(" ".join(parts))


def _metavar(f: Field) -> str:
    if f.kind == "enum":
        return "[" + "|".join(c.label for c in f.choices) + "]"
    if f.picker:
        return kebab(f.picker).upper()
    return METAVARS.get(f.kind, "TEXT")


def _option_names(module: Module, f: Field, multiple: bool) -> tuple[str, ...]:
    special = SHORT_NAMES.get(module.id, {}).get(f.name)
    if special:
        return special
    name = "--" + kebab(f.name)
    if multiple and f.name.endswith("s") and not f.name.endswith("ss"):
        return (name[:-1], name)
    return (name,)


def field_params(module: Module) -> list[Param]:
    positionals = POSITIONALS.get(module.id) or ((module.object_field,) if module.object_field else ())
    params: list[Param] = []
    for name in positionals:
        f = module.field(name)
        params.append(Param(f, f"arg_{f.name}", (), True, False, enforced=f.required))
    for f in module.fields:
        if f.name in positionals:
            continue
        multiple = f.kind in MULTIPLE_KINDS
        decls = _option_names(module, f, multiple)
        enforced = f.required and not sends_body(module)
        params.append(Param(f, f"opt_{f.name}", decls, False, multiple, enforced=enforced))
    return params


def _signature_param(p: Param) -> inspect.Parameter:
    f = p.field
    info: Any
    annotation: Any
    if p.positional:
        annotation = str | None
        info = typer.Argument(metavar=argument_name(f), help=_field_help(p), show_default=False)
    elif f.kind == "bool":
        annotation = bool | None
        decl = p.decls[0]
        info = typer.Option(f"{decl}/--no-{decl[2:]}", help=_field_help(p), show_default=False)
    else:
        annotation = list[str] | None if p.multiple else str | None
        info = typer.Option(*p.decls, help=_field_help(p), metavar=_metavar(f), show_default=False)
    default = inspect.Parameter.empty if p.enforced else None
    return inspect.Parameter(
        p.ident, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[annotation, info]
    )


def _common_params(module: Module, single: bool) -> list[inspect.Parameter]:
    def option(
        ident: str,
        annotation: Any,
        default: Any,
        *decls: str,
        panel: str,
        help: str,
        metavar: str | None = None,
    ) -> inspect.Parameter:
        info = typer.Option(
            *decls, help=_escape(help), rich_help_panel=panel, show_default=False, metavar=metavar
        )
        return inspect.Parameter(
            ident, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[annotation, info]
        )

    params = []
    if sends_body(module) and module.id != "api.call":
        params.append(
            option(
                "c_data",
                str | None,
                None,
                "--data",
                panel=OUTPUT_PANEL,
                metavar="FILE",
                help="A JSON file (- for standard input) with the module's fields under their API names; "
                "options given on the command line win over it.",
            )
        )
    if module.id == "api.call":
        params.append(
            option(
                "c_include",
                bool,
                False,
                "--include",
                "-i",
                panel=OUTPUT_PANEL,
                help="Print the status and headers with the body.",
            )
        )
    if module.group == "metrics":
        params.append(
            option(
                "c_chart", bool, False, "--chart", panel=OUTPUT_PANEL, help="Draw the series as a bar chart."
            )
        )
    if deletes(module):
        params.append(
            option(
                "c_yes",
                bool,
                False,
                "--yes",
                "-y",
                panel="Options",
                help="Delete without asking (needed when standard input is not a terminal).",
            )
        )
    if reads(module):
        params.append(
            option(
                "c_fields",
                str | None,
                None,
                "--fields",
                panel=OUTPUT_PANEL,
                metavar="NAME,...",
                help="Only these fields of each row, in this order, in every format (a.b for the field b "
                "of an object a), e.g. --fields uuid,name,mrr.",
            )
        )
    params += [
        option(
            "c_output",
            str | None,
            None,
            "-o",
            "--output",
            panel=OUTPUT_PANEL,
            metavar="[table|json|jsonl|csv]",
            help="The output format (default: a table on a terminal, JSON otherwise).",
        ),
        option(
            "c_money",
            str,
            "cents",
            "--money",
            panel=OUTPUT_PANEL,
            metavar="[cents|units]",
            help="Amounts in cents (as ChartMogul sends them, the default) or in currency units.",
        ),
        option(
            "c_api_key",
            str | None,
            None,
            "--api-key",
            panel=CONNECTION_PANEL,
            metavar="KEY",
            help="A ChartMogul API key (default: the profile's, or $CHARTMOGUL_API_KEY); alone, it goes to "
            "the base URL of the profile in use.",
        ),
        option(
            "c_token",
            str | None,
            None,
            "--token",
            panel=CONNECTION_PANEL,
            metavar="TOKEN",
            help="A legacy account token.",
        ),
        option(
            "c_secret",
            str | None,
            None,
            "--secret",
            panel=CONNECTION_PANEL,
            metavar="SECRET",
            help="The legacy secret key.",
        ),
        option(
            "c_base_url",
            str | None,
            None,
            "--base-url",
            panel=CONNECTION_PANEL,
            metavar="URL",
            help="Where ChartMogul is, e.g. http://127.0.0.1:8080 for `mogul serve` "
            "(default: $CHARTMOGUL_BASE_URL, the profile's, or https://api.chartmogul.com).",
        ),
        option(
            "c_profile",
            str | None,
            None,
            "--profile",
            panel=CONNECTION_PANEL,
            metavar="NAME",
            help="A saved connection (default: $MOGUL_PROFILE, else the active profile; see `mogul profiles "
            "show`).",
        ),
        option(
            "c_timeout",
            str | None,
            None,
            "--timeout",
            panel=CONNECTION_PANEL,
            metavar="SECONDS",
            help="Seconds to wait for each answer (default 30).",
        ),
        option(
            "c_max_retries",
            str | None,
            None,
            "--max-retries",
            panel=CONNECTION_PANEL,
            metavar="COUNT",
            help="Retries of rate-limited, failed and unanswered requests (default 5; 0 turns them off).",
        ),
    ]
    return params


# -- running a command ------------------------------------------------------------------------------------


def load_data(source: str) -> dict[str, Any]:
    """The JSON object of `--data FILE` (or `-` for standard input)."""
    where = "standard input" if source == "-" else source
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise exits.UsageProblem(f"--data: cannot read {where}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise exits.UsageProblem(f"--data: {where} is not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise exits.UsageProblem(
            f"--data: {where} must hold a JSON object with the module's fields, got a {type(data).__name__}"
        )
    return data


def read_value(raw: str, what: str) -> str:
    """`@FILE` (or `@-`) stands for the file's content."""
    if not raw.startswith("@"):
        return raw
    source = raw[1:]
    try:
        return sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise exits.UsageProblem(
            f"{what}: cannot read {source or '(no file named)'}: {exc.strerror or exc}"
        ) from exc


def merge_data(module: Module, data: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """`--data` fields (API names, Make labels or field names) under the options given explicitly."""
    data = dict(data)
    from mogul.modules.spec import key_of

    known: set[str] = set().union(*(f.names() for f in module.fields))

    # ChartMogul's own request shapes: `{"invoices": [invoice]}` and `{"attributes": {"tags", "custom"}}`.
    if "invoices" in data and key_of("invoices") not in known and isinstance(data["invoices"], list):
        invoices = data.pop("invoices")
        if len(invoices) != 1 or not isinstance(invoices[0], dict):
            raise exits.UsageProblem(
                f'--data: this command imports one invoice; the file holds {len(invoices)} under "invoices"'
            )
        data = {**invoices[0], **data}
    attributes = data.get("attributes")
    if isinstance(attributes, dict) and key_of("attributes") not in known:
        data.pop("attributes")
        data = {**attributes, **data}
    merged: dict[str, Any] = {}
    for key, value in data.items():
        try:
            merged[module.field(key).name] = value
        except KeyError:
            merged[key] = value  # validation names the unknown field
    merged.update(given)
    return merged


def _say(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()


@dataclass
class ModuleCommand:
    module: Module
    single: bool

    def __post_init__(self) -> None:
        self.params = field_params(self.module)
        self.shown = {p.field.name: p.shown for p in self.params}

    def callback(self) -> Callable[..., None]:
        def command(**values: Any) -> None:
            self.invoke(values)

        parameters = [_signature_param(p) for p in self.params] + _common_params(self.module, self.single)
        command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        command.module_command = self  # type: ignore[attr-defined]  # typer's wrapper copies it
        return command

    def missing(self, ident: str) -> str | None:
        """What the module says of its mandatory parameter `ident` left out (`INVOICE: is mandatory
        (Invoice)`), for typer's own check of the enforced ones to say the same."""
        for p in self.params:
            if p.ident == ident:
                return exits.describe(p.field.missing(p.field.name), self.shown)[1]
        return None

    def usage(self) -> str:
        """The command and its arguments: `mogul customers get CUSTOMER`."""
        words = [command_path(self.module, self.single)]
        words += [p.shown for p in self.params if p.positional]
        return " ".join(words)

    def help(self) -> str:
        module = self.module
        origin = f"Make: {module.label}" if module.from_seed else f"{module.label} (not in Make's app)"
        return _escape(f"{module.description}\n\n{origin}; module {module.id}.")

    def inputs(self, values: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for p in self.params:
            raw = values.get(p.ident)
            if raw is None or (p.multiple and not raw):
                continue
            if p.field.kind in ("json", "objects"):
                raw = [read_value(r, p.shown) for r in raw] if p.multiple else read_value(raw, p.shown)
            out[p.field.name] = list(raw) if p.multiple else raw
        if values.get("c_data"):
            out = merge_data(self.module, load_data(values["c_data"]), out)
        return out

    def invoke(self, values: Mapping[str, Any]) -> None:
        from mogul.errors import MogulError

        try:
            self._run(values)
        except MogulError as exc:
            code, message = exits.describe(exc, self.shown)
            _say(message)
            raise typer.Exit(code) from None

    def _run(self, values: Mapping[str, Any]) -> None:
        from mogul.cli.output import FORMATS, MONEY, Printer, choose_format, counted, parse_fields

        module = self.module
        inputs = self.inputs(values)
        module.validate(inputs)  # usage errors come before any need for credentials
        fmt = choose_format(_choice(values["c_output"], FORMATS, "-o/--output"), sys.stdout)
        money_mode = _choice(values["c_money"], MONEY, "--money") or "cents"
        fields = parse_fields(values["c_fields"]) if values.get("c_fields") is not None else None
        if fields and values.get("c_chart"):
            raise exits.UsageProblem("--fields goes with a table, JSON or CSV; --chart draws the series")
        printer = Printer(fmt, money_mode, fields=fields)
        if deletes(module) and not values["c_yes"] and not sys.stdin.isatty():
            raise exits.UsageProblem(
                "a delete asks first, and standard input is not a terminal: give --yes to delete without "
                "asking (nothing was deleted)"
            )
        client = _client(values)
        with client:
            if deletes(module):
                self._delete(client, inputs, printer, ask=not values["c_yes"])
                return
            result = client.run(module.id, inputs)
            if module.output == "none":
                if sys.stderr.isatty():
                    sys.stderr.write(f"done: {module.label}\n")
                return
            if module.many:
                limit = inputs.get("limit")
                total = int(limit) if limit not in (None, "") else None
                printer.many(counted(result, f"{module.label}", total))
                return
            if module.id == "api.call":
                _print_reply(printer, result, include=values["c_include"])
            elif values.get("c_chart"):
                _print_chart(result, money_mode)
            else:
                printer.one(result)

    def _delete(self, client: Any, inputs: Mapping[str, Any], printer: Any, *, ask: bool) -> None:
        """Look the object up, say what it is and (unless --yes) ask, delete it by uuid, and print what
        was deleted: a line on a terminal's table, else the object in the format asked for."""
        module = self.module
        name = module.object_field or ""
        shown = client.run(f"{module.group}.get", {name: inputs[name]})
        what = _what(module.group, shown)
        if ask and not _confirm(f"Delete {what}{GOES_WITH.get(module.group, '')}? [y/N] "):
            sys.stderr.write("not deleted\n")
            raise typer.Exit(exits.API)
        client.run(module.id, {name: _uuid(shown)})
        if printer.fmt == "table":
            printer.out.write(f"deleted {what}\n")
        else:
            printer.one(shown)


# The singular of a group's name where dropping its last letter does not make it.
SINGULAR = {"opportunities": "opportunity"}


def _uuid(record: Mapping[str, Any]) -> Any:
    """An object's uuid (a task's is `task_uuid`)."""
    return record.get("uuid") or record.get("task_uuid")


def _what(group: str, record: Mapping[str, Any]) -> str:
    """An object as a sentence names it: `customer cus_... (Ada Lovelace, external id c1, ada@x.com)`."""
    external_id = record.get("external_id")
    details = [record.get("name"), f"external id {external_id}" if external_id else None, record.get("email")]
    said = ", ".join(str(d) for d in details if d)
    noun = SINGULAR.get(group, group.replace("_", " ")[:-1])
    return f"{noun} {_uuid(record)}" + (f" ({said})" if said else "")


def _confirm(question: str) -> bool:
    sys.stderr.write(question)
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _client(values: Mapping[str, Any]) -> Any:
    from mogul.client import Client

    return Client(
        values["c_api_key"],
        token=values["c_token"],
        secret=values["c_secret"],
        base_url=values["c_base_url"],
        profile=values["c_profile"],
        timeout=_number(values["c_timeout"], "--timeout", float, 30.0, minimum=0.001),
        max_retries=_number(values["c_max_retries"], "--max-retries", int, 5, minimum=0),
    )


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is None or value in allowed:
        return value
    raise exits.UsageProblem(f"{option} must be one of: {', '.join(allowed)} (got {value!r})")


def _number(value: Any, option: str, kind: type[float] | type[int], default: float, minimum: float) -> Any:
    if value is None:
        return default
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise exits.UsageProblem(f"{option} must be a number, got {value!r}") from None
    if number < minimum:
        raise exits.UsageProblem(f"{option} must be at least {minimum:g}, got {value!r}")
    return number


def _print_reply(printer: Any, reply: Any, *, include: bool) -> None:
    """`mogul api`: the body (text as it came), or status, headers and body with --include."""
    if include:
        printer.one(reply)
        return
    body = reply.get("body")
    if body is None:
        return
    if isinstance(body, str):
        printer.out.write(body if body.endswith("\n") else body + "\n")
        return
    printer.one(body)


def _print_chart(result: Any, money_mode: str) -> None:
    from mogul.cli.chart import bar_chart, series_key
    from mogul.cli.output import cell, money

    result = money(result, money_mode)
    entries = result.get("entries") or []
    key = series_key(entries) or "value"
    width = min(os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else 80, 120)
    sys.stdout.write(bar_chart(entries, key, width=width))
    summary = result.get("summary") or {}
    if summary:
        sys.stdout.write("summary: " + ", ".join(f"{k} {cell(v)}" for k, v in summary.items()) + "\n")


# -- registration -----------------------------------------------------------------------------------------


def _group_help(group: Group) -> str:
    actions = ", ".join(action_command(m.action) for m in group.modules)
    return f"{group.label}: {actions}."


def module_commands() -> list[tuple[Group, list[ModuleCommand]]]:
    from mogul.modules import registry

    return [
        (group, [ModuleCommand(m, single=len(group.modules) == 1) for m in group.modules])
        for group in registry.groups()
    ]


def register(app: typer.Typer, only: str | None = None) -> None:
    """Add a command per module (and `profiles`, `demo`) to the `mogul` app; with `only`, just the
    module commands of that group (what a command line naming it needs)."""
    from mogul.cli.profiles import profiles_app

    for group, commands in module_commands():
        if only is not None and group_command(group.name) != only:
            continue
        if len(commands) == 1:
            command = commands[0]
            app.command(
                group_command(group.name),
                help=command.help(),
                short_help=command.module.label,
                rich_help_panel="Modules",
            )(command.callback())
            continue
        sub = typer.Typer(no_args_is_help=True, help=_group_help(group))
        for command in commands:
            sub.command(
                action_command(command.module.action), help=command.help(), short_help=command.module.label
            )(command.callback())
        app.add_typer(sub, name=group_command(group.name), rich_help_panel="Modules")
    app.add_typer(profiles_app, name="profiles")
    app.command("demo")(demo)


def demo(
    keep: Annotated[
        bool, typer.Option("--keep", help="Keep the demo database and print where it is.")
    ] = False,
) -> None:
    """Run every module in one story against a throwaway `mogul serve`, then summarise."""
    from mogul.demo import DemoError, run_demo

    try:
        run_demo(keep=keep)
    except DemoError as exc:
        _say(f"demo: {exc}")
        raise typer.Exit(exits.API) from None


# -- the entry point --------------------------------------------------------------------------------------


class _Verbatim:
    """Hands a parameter's text to the module unchanged: the module validates it, so typer need not
    (its pydantic-based coercion costs about 0.1 s at every start)."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None and (param.multiple or param.nargs == -1):
            return ()
        return value


class _Converted(_Verbatim):
    """Converts a parameter's text with `convert`, whose ValueError is the user's mistake (said as
    typer says it); a value that is not text is the parameter's default and stays as it is."""

    def __init__(self, convert: Callable[[str], Any]) -> None:
        self.convert = convert

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, str):
            return super().coerce(value, param, ctx)
        try:
            return self.convert(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), ctx=ctx, param=param) from None


def skip_coercion(root: Any, *, modules: bool = True) -> None:
    """Module commands take text and flags only, and `--help`, `--version` and the completion options
    are flags: let their values through (`modules`: whether module commands were registered at all).
    `mogul import` converts its few values that are not text itself (`import_cmd.CONVERTERS`)."""
    for param in _help_options(root):
        _verbatim(param)
    for param in root.params:  # --version and the completion flags
        _verbatim(param)
    importing = getattr(root, "commands", {}).get("import")
    for param in importing.params if importing is not None else ():
        convert = import_cmd.CONVERTERS.get(param.name or "")
        _verbatim(param, _Converted(convert) if convert else _Verbatim())
    for group, commands in module_commands() if modules else ():
        node = root.commands.get(group_command(group.name))
        for command in commands:
            name = action_command(command.module.action)
            target = node if command.single else getattr(node, "commands", {}).get(name)
            for param in getattr(target, "params", ()):
                _verbatim(param)


def _help_options(command: Any) -> Iterator[Any]:
    option = command.get_help_option(typer.Context(command))  # made once per command, then cached
    if option is not None:
        yield option
    for sub in getattr(command, "commands", {}).values():
        yield from _help_options(sub)


def _params(command: Any) -> Iterator[Any]:
    """Every parameter of `command` and the commands below it."""
    yield from command.params
    for sub in getattr(command, "commands", {}).values():
        yield from _params(sub)


def plain_flags(root: Any) -> None:
    """A flag's help shows no value (typer's rich help would give each one `<bool>`, as if it took
    one): `--dry-run`, not `--dry-run <bool>`. Every option that takes a value declares its metavar."""
    for param in (*_help_options(root), *_params(root)):
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""


def _verbatim(param: Any, coercion: _Verbatim | None = None) -> None:
    if getattr(param, "_runtime_param", False) is None:  # typer versions that coerce with pydantic
        param._runtime_param = coercion or _Verbatim()


def _own_commands(app: typer.Typer) -> set[str]:
    """The commands `app` defines itself (`serve`, `import`, `db`), which need no module registry."""
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    return names | {g.name or "" for g in app.registered_groups}


def _invoked_group(first: str | None) -> str | None:
    """The module group a command line names by its first word, if it names one (`mogul customers ...`)."""
    from mogul.modules import registry

    names = {group_command(g.name) for g in registry.groups()}
    return first if first in names else None


def _click_problem(exc: BaseException) -> bool:
    """A click (or typer's vendored click) exception: usage errors and friends."""
    return hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)


def _missing_field(exc: BaseException) -> str | None:
    """A module command's mandatory parameter that typer found missing, in the module's words."""
    if type(exc).__name__ != "MissingParameter":
        return None
    callback = getattr(getattr(getattr(exc, "ctx", None), "command", None), "callback", None)
    owner = getattr(callback, "module_command", None)
    name = getattr(getattr(exc, "param", None), "name", None)
    return owner.missing(name) if isinstance(owner, ModuleCommand) and name else None


def first_word(args: list[str]) -> str | None:
    """The command a command line names (its first word that is not an option)."""
    return next((a for a in args if not a.startswith("-")), None)


def run(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run the `mogul` command line and return its exit code; never lets a traceback through."""
    try:
        first = first_word(sys.argv[1:] if args is None else args)
        # `mogul import ...` and `mogul serve` start without loading and building the module commands
        modules = first not in _own_commands(app)
        if modules:
            register(app, only=_invoked_group(first))
        command = typer.main.get_command(app)
        skip_coercion(command, modules=modules)
        plain_flags(command)
        result = command.main(args=args, prog_name="mogul", standalone_mode=False)
        return result if isinstance(result, int) else exits.OK
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else exits.OK
    except BrokenPipeError:
        # The reader went away (`mogul customers list | head`); nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the final flush must not fail
        return exits.BROKEN_PIPE
    except BaseException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            # A group without its command: its help (typer's rich help prints itself), as a usage error.
            text = exc.ctx.get_help()  # type: ignore[attr-defined]
            if text:
                sys.stdout.write(text + "\n")
            return exits.USAGE
        if (missing := _missing_field(exc)) is not None:
            _say(missing)
            return exits.USAGE
        if _click_problem(exc):
            message = exits.one_line(exc.format_message())  # type: ignore[attr-defined]
            ctx = getattr(exc, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            _say(message + hint)
            code = exc.exit_code  # type: ignore[attr-defined]
            return exits.USAGE if code in (1, 2) else code
        if isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "Abort":
            _say("interrupted")
            return exits.INTERRUPTED
        code, message = exits.describe(exc)
        _say(message)
        if trace := exits.debug_traceback(exc):
            sys.stderr.write(trace)
        return code
