"""`mogul import customers|plans|invoices FILE`: a bulk import from the command line.

`mogul import invoices FILE --plans P --customers C [--transactions T]` (or `mogul import customers FILE
--plans P`) moves a whole history in one run: the extra inputs are imported first (plans, customers,
then FILE), over one connection into one data source. Every input is read and checked before anything
is sent, and the problems of all of them (file:row: column: message) are listed at once; an invoice
may name customers and plans of the extra inputs. `--state` is FILE's state file (the extra inputs keep
theirs beside them); `--errors NAME.EXT` receives FILE's failed rows and each extra input's go beside
it as NAME.plans.EXT / NAME.customers.EXT, in that input's format.

A progress bar with rate and ETA runs on a terminal; the report (created, matched, failed per object,
with reasons) ends the run. Exit status: 0 all imported, 1 some records failed (or, with --dry-run, have
problems), 2 the input or the options are wrong (nothing was sent), 3 ChartMogul could not be reached,
130 interrupted. After 2, 3 or 130 the same command resumes where the import stopped. The same codes
hold for a run over several inputs (1 if a record of any input failed).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

if TYPE_CHECKING:
    from mogul.bulk import Listener
    from mogul.bulk.records import Problem

EXIT_FAILED, EXIT_USAGE, EXIT_CONNECTION, EXIT_INTERRUPTED = 1, 2, 3, 130


class Kind(StrEnum):
    customers = "customers"
    plans = "plans"
    invoices = "invoices"


def _kind(text: str) -> Kind:
    if text not in Kind.__members__:
        raise ValueError(f"{text!r} is not one of {', '.join(map(repr, Kind.__members__))}")
    return Kind(text)


def _batch_size(text: str) -> int:
    from mogul.bulk.importer import MAX_BATCH_SIZE

    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or not 1 <= int(digits) <= MAX_BATCH_SIZE:
        raise ValueError(f"{text!r} is not a whole number from 1 to {MAX_BATCH_SIZE}")
    return int(digits)


# The values of `mogul import` that are not text, converted here: typer would check them with pydantic,
# whose import costs every run 50 ms of start-up (see commands.skip_coercion).
CONVERTERS = {"kind": _kind, "batch_size": _batch_size}


class _Terminal:
    """Shows an import on stderr: notices, the problems, and a progress bar when stderr is a terminal
    (only the bar loads rich, whose import would cost every run 15 ms)."""

    def __init__(self, inputs: int = 1) -> None:
        self.inputs = inputs
        self.bar: Any = None
        self.task: Any = None

    def say(self, text: str) -> None:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()

    def notice(self, text: str) -> None:
        self.say(f"note: {text}")

    def problems(self, problems: list[Problem]) -> None:
        where = "the input" if self.inputs == 1 else "the inputs"
        from mogul.bulk.report import counted

        self.say(f"{counted(len(problems), 'problems')} in {where} (those records are not sent):")
        for problem in problems:
            self.say(f"  {problem}")

    def start(self, total: int, done: int, unit: str) -> None:
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn(f"importing {unit}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("import", total=total, completed=done, rate="")

    def advance(self, records: int) -> None:
        if self.bar is None:
            return
        self.bar.advance(self.task, records)
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:,.0f}/s" if speed else "")

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def import_(
    kind: Annotated[Kind, typer.Argument(help="What the file holds: customers, plans or invoices.")],
    file: Annotated[str, typer.Argument(help="CSV, JSON Lines or JSON file; - reads standard input.")],
    data_source: Annotated[
        str | None,
        typer.Option(
            "--data-source",
            "-d",
            metavar="NAME|UUID",
            help="Data source name or ds_ uuid (a new name is created).",
        ),
    ] = None,
    plans: Annotated[
        str | None,
        typer.Option(
            "--plans", metavar="FILE", help="A file of plans to import first (with customers or invoices)."
        ),
    ] = None,
    customers: Annotated[
        str | None,
        typer.Option(
            "--customers", metavar="FILE", help="A file of customers to import first (with invoices)."
        ),
    ] = None,
    transactions: Annotated[
        str | None,
        typer.Option(
            metavar="FILE", help="A second file of transactions (invoices only), naming invoice_external_id."
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            metavar="KEY",
            help="API key (default: the profile's, or $CHARTMOGUL_API_KEY); see `mogul profiles show`.",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="API base URL, e.g. http://127.0.0.1:8080 for mogul serve (default: the profile's, "
            "$CHARTMOGUL_BASE_URL, or https://api.chartmogul.com).",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="A saved connection (default: $MOGUL_PROFILE, else the active profile)."
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, max=1000, metavar="COUNT", help="Records per request.")
    ] = 1000,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every input, send nothing.")] = False,
    errors: Annotated[
        str | None,
        typer.Option(
            "--errors",
            metavar="FILE",
            help="Write FILE's failed rows here, in its format; those of --plans/--customers beside it "
            "as NAME.plans.EXT / NAME.customers.EXT.",
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="FILE's resume state file (default: FILE.mogul-state.json beside it; --plans and "
            "--customers inputs keep theirs beside them).",
        ),
    ] = None,
    fallback: Annotated[
        bool, typer.Option("--fallback", help="No bulk imports: one request per customer (paced).")
    ] = False,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="[csv|jsonl|json]",
            help="FILE's format: csv, jsonl or json (default: from the name or content).",
        ),
    ] = None,
) -> None:
    """Import customers, plans or invoices from a file, in batches, resumably (docs/import.md).

    A whole history in one run: mogul import invoices invoices.csv --plans plans.csv --customers
    customers.csv -d NAME.

    Exit status: 0 every record imported; 1 some records failed (listed; with --dry-run: have
    problems); 2 the input or the options are wrong (nothing was sent); 3 ChartMogul could not be
    reached; 130 interrupted. After 2, 3 or 130 the same command resumes where the import stopped.
    """
    from mogul import errors as mogul_errors
    from mogul.bulk import ImportAborted, InputFileError, import_files

    terminal = _Terminal(inputs=1 + (plans is not None) + (customers is not None))

    def fail(code: int, message: str) -> typer.Exit:
        terminal.say(f"error: {' '.join(message.split())}")
        return typer.Exit(code)

    # the extra inputs come before the main one: plans before customers, both before invoices
    if customers is not None and kind is not Kind.invoices:
        raise fail(
            EXIT_USAGE,
            "--customers: goes with invoices only; import a customers file as `mogul import customers FILE`",
        )
    if plans is not None and kind is Kind.plans:
        raise fail(
            EXIT_USAGE,
            "--plans: goes with customers or invoices only; import a plans file as `mogul import plans FILE`",
        )
    client = None
    try:
        if not dry_run or api_key or base_url or profile:
            from mogul.client import Client

            try:
                client = Client(api_key, base_url=base_url, profile=profile)
            except mogul_errors.ConfigError:
                if not dry_run:
                    raise
        report = import_files(
            plans=file if kind is Kind.plans else plans,
            customers=file if kind is Kind.customers else customers,
            invoices=file if kind is Kind.invoices else None,
            data_source=data_source,
            client=client,
            transactions=transactions,
            batch_size=batch_size,
            dry_run=dry_run,
            errors_path=errors,
            state_path=Path(state) if state else None,
            fallback=fallback,
            format=format,
            # _Terminal has Listener's methods; subclassing it would load mogul.bulk for `mogul --help`
            listener=cast("Listener", terminal),
        )
    except InputFileError as exc:
        raise fail(EXIT_USAGE, str(exc)) from None
    except mogul_errors.InputError as exc:
        option = {
            "data_source": "--data-source",
            "batch_size": "--batch-size",
            "transactions": "--transactions",
        }.get(exc.field or "", exc.field)
        raise fail(EXIT_USAGE, f"{option}: {exc.message}" if option else exc.message) from None
    except mogul_errors.ConfigError as exc:
        raise fail(EXIT_USAGE, str(exc)) from None
    except ImportAborted as exc:
        connection = isinstance(exc.__cause__, mogul_errors.APIConnectionError)
        raise fail(EXIT_CONNECTION if connection else EXIT_FAILED, str(exc)) from None
    except KeyboardInterrupt:
        raise fail(EXIT_INTERRUPTED, "interrupted; run the same command again to resume") from None
    finally:
        if client is not None:
            client.close()
    for line in report.lines():
        print(line)
    sys.stdout.flush()
    if not report.ok:
        raise typer.Exit(EXIT_FAILED)


def register(app: typer.Typer) -> None:
    """Add `mogul import` to the app."""
    app.command("import", no_args_is_help=True)(import_)
