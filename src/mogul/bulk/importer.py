"""`import_file`: read an input, check all of it, and send it in batches, resumably.

    report = import_file("invoices", "invoices.csv", data_source="Stripe history", api_key="...")
    print("\\n".join(report.lines()))

The steps: read the input (and a transactions input) into records; check every record as the server
will, plus what only the whole input shows (repeated external ids) and, once connected, references to
customers and plans the data source does not hold; stop there for a dry run. Then cut the records into
batches (a customer's invoices stay together where they fit), skip the batches an interrupted run
finished (the state file), and send the rest, one bulk import per batch or, with `fallback`, one
request per customer. Records with problems are never sent; they are failures in the report and rows
in the errors file.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, as_completed, wait
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from mogul import errors
from mogul.bulk import checks, layout
from mogul.bulk.readers import Table, read_table
from mogul.bulk.records import KINDS, Problem, Record
from mogul.bulk.report import Failure, ImportReport, empty_counts, write_errors
from mogul.bulk.send import BulkSender, FallbackSender, Sender
from mogul.bulk.state import State, default_path, fingerprint
from mogul.bulk.target import DataSource, Target

if TYPE_CHECKING:
    from mogul.client import Client

DEFAULT_BATCH_SIZE = 500
# what one bulk import may hold (mogul serve's limit; ChartMogul's is not published)
MAX_BATCH_SIZE = 1000
# bulk imports sent at a time
IN_FLIGHT = 2


class ImportAborted(errors.MogulError):
    """The import stopped part-way (no answer, or an answer that ends the run); it can be resumed."""


class Listener:
    """What an import tells its caller while it runs; the CLI shows it, a library caller may not care."""

    def notice(self, text: str) -> None:
        """Something worth a line (a data source created, a state file ignored)."""

    def problems(self, problems: list[Problem]) -> None:
        """Every problem the checks found, before anything is sent."""

    def start(self, total: int, done: int, unit: str) -> None:
        """Sending starts: `total` records, `done` of them finished by an earlier run."""

    def advance(self, records: int) -> None:
        """One more batch is done."""

    def finish(self) -> None:
        """Sending is over (done, failed or interrupted)."""


def load_records(
    kind: str,
    path: str | Path,
    *,
    transactions: str | Path | None = None,
    format: str | None = None,
    stdin: TextIO | None = None,
) -> tuple[list[Record], Table, Table | None]:
    """The input's records (not yet checked), with the tables they came from."""
    if kind not in KINDS:
        raise errors.InputError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}", field="kind")
    if transactions is not None and kind != "invoices":
        raise errors.InputError("a transactions input goes with invoices only", field="transactions")
    table = read_table(path, kind, format=format, stdin=stdin)
    extra = read_table(transactions, "transactions", stdin=stdin) if transactions is not None else None
    if kind == "customers":
        records = layout.customers(table)
    elif kind == "plans":
        records = layout.plans(table)
    else:
        records = layout.invoices(table, extra)
    # rows that could not be read at all are records that failed
    for t in (table, extra):
        for problem in t.problems if t else []:
            record = Record(kind, {}, problem.location, complete=False)
            record.problems.append(problem)
            records.append(record)
    records.sort(key=lambda r: r.location)
    return records, table, extra


def batches(kind: str, records: list[Record], size: int) -> list[list[int]]:
    """Record positions cut into batches of at most `size`; a customer's invoices stay together where
    they fit (its derived data is then computed once). Depends on nothing but the input and `size`."""
    if kind != "invoices":
        return [list(range(i, min(i + size, len(records)))) for i in range(0, len(records), size)]
    groups: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        groups.setdefault(record.customer_external_id or f"\0{i}", []).append(i)
    out: list[list[int]] = []
    current: list[int] = []
    for group in groups.values():
        if len(group) > size:
            if current:
                out.append(current)
                current = []
            out.extend(group[i : i + size] for i in range(0, len(group), size))
            continue
        if len(current) + len(group) > size:
            out.append(current)
            current = []
        current.extend(group)
    if current:
        out.append(current)
    return out


def _client(client: Client | None, api_key: str | None, base_url: str | None, *, required: bool) -> Any:
    if client is not None:
        return client
    from mogul.client import Client

    try:
        return Client(api_key, base_url=base_url)
    except errors.ConfigError:
        if required:
            raise
        return None


def import_file(
    kind: Literal["customers", "plans", "invoices"] | str,
    path: str | Path,
    *,
    data_source: str | None = None,
    client: Client | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    transactions: str | Path | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
    errors_path: str | Path | None = None,
    state_path: str | Path | Literal[False] | None = None,
    fallback: bool = False,
    format: str | None = None,
    listener: Listener | None = None,
    stdin: TextIO | None = None,
) -> ImportReport:
    """Import a file of customers, plans or invoices into a data source (by name or `ds_` uuid).

    `client` (a `mogul.Client`) or `api_key` / `base_url` (else the environment or profile) say where.
    `state_path` defaults to `<input>.mogul-state.json`; False keeps no state. `errors_path` receives
    the failed rows in the input's format. Raises `mogul.errors.InputError` / `InputFileError` before
    anything is sent, and `ImportAborted` when the run stops part-way (run it again to resume).
    """
    started = time.monotonic()
    listener = listener or Listener()
    if not 1 <= batch_size <= MAX_BATCH_SIZE:
        raise errors.InputError(f"must be between 1 and {MAX_BATCH_SIZE}", field="batch_size")
    with _collector_paused():
        records, table, extra = load_records(
            kind, path, transactions=transactions, format=format, stdin=stdin
        )
        checks.check_fields(kind, records)
        checks.check_unique(kind, records)
    mode = "fallback" if fallback else "bulk"
    report = ImportReport(kind, mode, dry_run, len(records))
    api = _client(client, api_key, base_url, required=not dry_run)
    target = Target(api) if api is not None else None
    ds: DataSource | None = None
    customers: dict[str, str] = {}
    plans: dict[str, str] = {}
    if target is not None:
        with _aborting(report, 0, 0):
            if not data_source:
                raise errors.InputError(
                    "say which data source to import into (name or ds_ uuid)", field="data_source"
                )
            ds = target.data_source(data_source, create=not dry_run)
            if ds is None:
                listener.notice(f"data source {data_source!r} does not exist yet; an import creates it")
            elif ds.created:
                listener.notice(f"created data source {ds.name!r} ({ds.uuid})")
            # The fallback needs uuids; a dry run checks references up front. A bulk import leaves them
            # to the server, which reports each unknown customer or plan on its invoice (one listing
            # of a large data source would cost more than the import).
            if ds is not None and (fallback or dry_run):
                if kind in ("customers", "invoices"):
                    customers = target.customers(ds.uuid)
                if kind in ("plans", "invoices"):
                    plans = target.plans(ds.uuid)
        if kind == "invoices" and (fallback or dry_run):
            checks.check_references(
                records, customers=customers, plan_external_ids=plans, plan_uuids=set(plans.values())
            )
    elif dry_run:
        listener.notice("no connection: customer and plan references were not checked")
    report.problems = sorted((p for r in records for p in r.problems), key=lambda p: p.location)
    if report.problems:
        listener.problems(report.problems)
    if ds is not None:
        report.data_source, report.data_source_created = ds.uuid, ds.created
    if dry_run:
        report.failures = [Failure(i, r.problems) for i, r in enumerate(records) if r.problems]
        report.counts = _local_counts(kind, records)
        if errors_path is not None:
            write_errors(errors_path, table.format, table.header, records, report.failures)
            report.errors_path = str(errors_path)
        report.seconds = time.monotonic() - started
        return report
    assert target is not None and ds is not None
    plan = batches(kind, records, batch_size)
    inputs = [table.format, table.digest, extra.digest if extra else ""]
    key = fingerprint(kind, mode, str(batch_size), target.base_url, ds.uuid, *inputs)
    state = State.load(_state_file(path, state_path), key)
    if state.discarded:
        listener.notice(state.discarded)
    sender: Sender = (
        FallbackSender(target, ds.uuid, kind, customers=customers, plans=plans)
        if fallback
        else BulkSender(target, ds.uuid, kind, f"mogul-{key[:12]}")
    )
    report.batches = len(plan)
    report.resumed_batches = len(state.done)
    listener.start(len(records), sum(len(plan[n]) for n in state.done if n < len(plan)), kind)
    todo = iter([n for n in range(len(plan)) if n not in state.done])
    # Bulk imports go two at a time, so the target is never idle while this side reads an answer and
    # encodes the next batch (the target applies them one after the other; each is idempotent, and
    # the state records whichever finishes). The fallback is paced one request at a time.
    workers = 1 if fallback else IN_FLIGHT
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mogul-import")
    pending: dict[Future[tuple[dict[str, dict[str, int]], list[Failure]]], int] = {}

    def submit_next() -> None:
        number = next(todo, None)
        if number is not None:
            pending[pool.submit(_send_batch, kind, sender, number, records, plan[number])] = number

    try:
        for _ in range(workers):
            submit_next()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                number = pending.pop(future)
                try:
                    counts, failures = future.result()
                except errors.APIError:
                    # keep what the other batch in flight achieves, then stop
                    for other in as_completed(list(pending)):
                        if other.exception() is None:
                            state.record(pending[other], *other.result())
                    pending.clear()
                    with _aborting(report, len(state.done), len(plan)):
                        raise
                state.record(number, counts, failures)
                listener.advance(len(plan[number]))
                submit_next()
    finally:
        # an answer still on its way is not waited for: its batch is sent again on resume, and matched
        pool.shutdown(wait=False, cancel_futures=True)
        listener.finish()
    report.counts = empty_counts(kind) | state.counts
    report.failures = sorted(state.failures, key=lambda f: f.record)
    if errors_path is not None:
        write_errors(errors_path, table.format, table.header, records, report.failures)
        report.errors_path = str(errors_path)
    state.finish()
    report.seconds = time.monotonic() - started
    return report


def _send_batch(
    kind: str, sender: Sender, number: int, records: list[Record], positions: list[int]
) -> tuple[dict[str, dict[str, int]], list[Failure]]:
    counts = _local_counts(kind, [records[i] for i in positions])
    failures = [Failure(i, records[i].problems) for i in positions if records[i].problems]
    ready = [(i, records[i]) for i in positions if not records[i].problems]
    if ready:
        sent, refused = sender.send(number, ready)
        for name, outcomes in sent.items():
            for outcome, n in outcomes.items():
                counts[name][outcome] += n
        failures.extend(refused)
    return counts, failures


def _local_counts(kind: str, records: list[Record]) -> dict[str, dict[str, int]]:
    """Counts with the records the checks refused as failed."""
    counts = empty_counts(kind)
    for record in records:
        if record.problems:
            counts[kind]["failed"] += 1
            if kind == "invoices":
                counts["line_items"]["failed"] += record.count("line_items")
                counts["transactions"]["failed"] += record.count("transactions")
    return counts


def _state_file(path: str | Path, given: str | Path | Literal[False] | None) -> Path | None:
    if given is False:
        return None
    if given is not None:
        return Path(given)
    return default_path(path)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading and checking an input builds hundreds of thousands of small dicts and lists that all stay
    alive until the end; the cyclic garbage collector would scan them again and again (half the reading
    time for 20,000 invoices) and find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _aborting(report: ImportReport, done: int, total: int) -> Iterator[None]:
    """Turn a failure to talk to the target into one line saying how far the import got."""
    try:
        yield
    except errors.InputError:
        raise
    except errors.APIError as exc:
        if total:
            raise ImportAborted(
                f"{exc}; {done} of {total} batches are done; run the same import again to resume"
            ) from exc
        raise ImportAborted(str(exc)) from exc
