"""`mogul import customers|plans|invoices FILE`: a bulk import from the command line.

Problems found in the input are listed (file:row: column: message) before anything is sent; a progress
bar with rate and ETA runs on a terminal; the report (created, matched, failed, with reasons) ends the
run. Exit status: 0 all imported, 1 some records failed (or, with --dry-run, have problems), 2 the input
or the options are wrong (nothing was sent), 3 ChartMogul could not be reached, 130 interrupted. After
2, 3 or 130 the same command resumes where the import stopped.
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


class _Terminal:
    """Shows an import on stderr: notices, the problems, and a progress bar when stderr is a terminal."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.bar: Any = None
        self.task: Any = None

    def notice(self, text: str) -> None:
        self.console.print(f"note: {text}", markup=False)

    def problems(self, problems: list[Problem]) -> None:
        self.console.print(
            f"{len(problems)} problem(s) in the input (those records are not sent):", markup=False
        )
        for problem in problems:
            self.console.print(f"  {problem}", markup=False)

    def start(self, total: int, done: int, unit: str) -> None:
        if not self.console.is_terminal:
            return
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
            console=self.console,
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
        typer.Option("--data-source", "-d", help="Data source name or ds_ uuid (a new name is created)."),
    ] = None,
    transactions: Annotated[
        str | None,
        typer.Option(help="A second file of transactions (invoices only), naming invoice_external_id."),
    ] = None,
    api_key: Annotated[
        str | None, typer.Option(envvar="CHARTMOGUL_API_KEY", help="API key (default: env or profile).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            envvar="CHARTMOGUL_BASE_URL", help="API base URL, e.g. http://127.0.0.1:8080 for mogul serve."
        ),
    ] = None,
    profile: Annotated[str | None, typer.Option(help="Connection profile to use.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, max=1000, help="Records per request.")] = 500,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the whole input, send nothing.")] = False,
    errors: Annotated[
        str | None, typer.Option("--errors", help="Write the failed rows here, in the input's format.")
    ] = None,
    state: Annotated[
        str | None, typer.Option(help="Resume state file (default: FILE.mogul-state.json beside the input).")
    ] = None,
    fallback: Annotated[
        bool, typer.Option("--fallback", help="No bulk imports: one request per customer (paced).")
    ] = False,
    format: Annotated[
        str | None, typer.Option("--format", help="csv, jsonl or json (default: from the name or content).")
    ] = None,
) -> None:
    """Import customers, plans or invoices from a file, in batches, resumably (docs/import.md)."""
    from mogul import errors as mogul_errors
    from mogul.bulk import ImportAborted, InputFileError, import_file

    terminal = _Terminal()

    def fail(code: int, message: str) -> typer.Exit:
        terminal.console.print(f"error: {' '.join(message.split())}", markup=False)
        return typer.Exit(code)

    client = None
    try:
        if not dry_run or api_key or base_url or profile:
            from mogul.client import Client

            try:
                client = Client(api_key, base_url=base_url, profile=profile)
            except mogul_errors.ConfigError:
                if not dry_run:
                    raise
        report = import_file(
            kind.value,
            file,
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
        option = {"data_source": "--data-source", "batch_size": "--batch-size"}.get(
            exc.field or "", exc.field
        )
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
