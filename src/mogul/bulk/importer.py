"""`import_files` and `import_file`: read the inputs, check all of them, and send them in batches,
resumably.

    report = import_files(plans="plans.csv", customers="customers.csv", invoices="invoices.csv",
                          data_source="Stripe history", api_key="...")
    print("\\n".join(report.lines()))

The steps: read every input (and a transactions input) into records; check every record as the server
will, plus what only the whole input shows (repeated external ids) and, once connected, references to
customers and plans that neither the data source nor the run's other inputs hold; stop there for a dry
run. Then input by input, in dependency order (plans, customers, invoices), over one connection: cut
the records into batches (a customer's invoices stay together where they fit), skip the batches an
interrupted run finished (each input's state file), and send the rest, one bulk import per batch or,
with `fallback`, one request per customer. Records with problems are never sent; they are failures in
the report and rows in the errors files.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, as_completed, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from mogul import errors
from mogul.bulk import checks, layout
from mogul.bulk.readers import Table, display_name, read_table
from mogul.bulk.records import KINDS, Problem, Record
from mogul.bulk.report import (
    Failure,
    HistoryReport,
    ImportReport,
    empty_counts,
    errors_path_for,
    write_errors,
)
from mogul.bulk.send import BulkSender, FallbackSender, Sender
from mogul.bulk.state import State, default_path, fingerprint
from mogul.bulk.target import DataSource, Target

if TYPE_CHECKING:
    from mogul.client import Client

# the order inputs are imported in: an invoice names its customer and plans, which must exist first
IMPORT_ORDER = ("plans", "customers", "invoices")
DEFAULT_BATCH_SIZE = 1000
# what one bulk import may hold (mogul serve's limit; ChartMogul's is not published)
MAX_BATCH_SIZE = 1000
# bulk imports sent at a time
IN_FLIGHT = 2
# Set by the `mogul` command, whose process ends right after an import: each run's inputs are left here
# for the exit instead of being freed object by object when the run returns (50 ms for 20,000 invoices).
left_for_exit: list[Any] | None = None


class ImportAborted(errors.MogulError):
    """The import stopped part-way (no answer, or an answer that ends the run); it can be resumed."""


class Listener:
    """What an import tells its caller while it runs; the CLI shows it, a library caller may not care."""

    def notice(self, text: str) -> None:
        """Something worth a line (a data source created, a state file ignored)."""

    def problems(self, problems: list[Problem]) -> None:
        """Every problem the checks found in every input, once, before anything is sent."""

    def start(self, total: int, done: int, unit: str) -> None:
        """Sending one input starts (`unit`: its kind): `total` records, `done` of them finished by an
        earlier run. A run over several inputs starts and finishes each in turn."""

    def advance(self, records: int) -> None:
        """One more batch is done."""

    def finish(self) -> None:
        """Sending the input is over (done, failed or interrupted)."""


@contextmanager
def _collector_paused() -> Iterator[None]:
    """For a whole import: reading and checking the inputs builds hundreds of thousands of small dicts
    and lists that all stay alive until the end; the cyclic garbage collector would scan them again and
    again (half the reading time for 20,000 invoices, and a third of a second while sending them) and
    find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


@dataclass
class _Input:
    """One input of a run: its records, the tables they came from, where its resume state and failed
    rows go, and its report."""

    kind: str
    records: list[Record]
    table: Table
    extra: Table | None
    state_path: Path | None
    errors_path: Path | None
    report: ImportReport


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
    if kind not in KINDS:
        raise errors.InputError(f"unknown kind {kind!r}; use one of: {', '.join(KINDS)}", field="kind")
    report = import_files(
        plans=path if kind == "plans" else None,
        customers=path if kind == "customers" else None,
        invoices=path if kind == "invoices" else None,
        transactions=transactions,
        data_source=data_source,
        client=client,
        api_key=api_key,
        base_url=base_url,
        batch_size=batch_size,
        dry_run=dry_run,
        errors_path=errors_path,
        state_path=state_path,
        fallback=fallback,
        format=format,
        listener=listener,
        stdin=stdin,
    )
    return report[kind]


@_collector_paused()
def import_files(
    *,
    plans: str | Path | None = None,
    customers: str | Path | None = None,
    invoices: str | Path | None = None,
    transactions: str | Path | None = None,
    data_source: str | None = None,
    client: Client | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
    errors_path: str | Path | None = None,
    state_path: str | Path | Literal[False] | None = None,
    fallback: bool = False,
    format: str | None = None,
    listener: Listener | None = None,
    stdin: TextIO | None = None,
) -> HistoryReport:
    """Import files of plans, customers and invoices (any of them; a transactions file goes with the
    invoices) into a data source, in that order, over one connection.

    Every input is read and checked before anything is sent, and every problem of every input is
    listed at once; an invoice may name customers and plans of the `customers` / `plans` inputs. The
    last input in that order is the main one: `format` says its format (the others are detected),
    `state_path` is its state file (False: no state for any input; the others keep theirs beside
    them), and `errors_path` receives its failed rows, the others' beside it named by kind in their own
    format (`failed.csv` -> `failed.plans.csv`). Each input's state file is removed once every input
    is done, so a re-run after an interruption skips the inputs that were finished.
    Options and errors as for `import_file`.
    """
    started = time.monotonic()
    listener = listener or Listener()
    given = {"plans": plans, "customers": customers, "invoices": invoices}
    kinds = [kind for kind in IMPORT_ORDER if given[kind] is not None]
    if not kinds:
        raise errors.InputError("name an input: plans, customers or invoices")
    if transactions is not None and invoices is None:
        raise errors.InputError("a transactions input goes with invoices only", field="transactions")
    if not 1 <= batch_size <= MAX_BATCH_SIZE:
        raise errors.InputError(f"must be between 1 and {MAX_BATCH_SIZE}", field="batch_size")
    _check_distinct({**given, "transactions": transactions})
    main = kinds[-1]
    mode = "fallback" if fallback else "bulk"
    inputs: list[_Input] = []
    for kind in kinds:
        path = given[kind]
        assert path is not None
        records, table, extra = load_records(
            kind,
            path,
            transactions=transactions if kind == "invoices" else None,
            format=format if kind == main else None,
            stdin=stdin,
        )
        checks.check_fields(kind, records)
        checks.check_unique(kind, records)
        if kind == main:
            own_state = _state_file(path, state_path)
            own_errors = Path(errors_path) if errors_path is not None else None
        else:
            own_state = _state_file(path, False if state_path is False else None)
            own_errors = errors_path_for(errors_path, kind, table.format) if errors_path is not None else None
        report = ImportReport(kind, mode, dry_run, len(records))
        inputs.append(_Input(kind, records, table, extra, own_state, own_errors, report))
    by_kind = {part.kind: part for part in inputs}
    history = HistoryReport([part.report for part in inputs])
    api = _client(client, api_key, base_url, required=not dry_run)
    target = Target(api) if api is not None else None
    ds: DataSource | None = None
    # what the data source holds (uuid by external id), where the checks or the fallback need it
    held: dict[str, dict[str, str]] = {"customers": {}, "plans": {}}
    references = "invoices" in by_kind and (fallback or dry_run)
    if target is not None:
        with _aborting():
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
                wanted = {"customers", "plans"} if references else set()
                if fallback:
                    wanted |= set(by_kind) & set(held)
                held = _held(target, ds.uuid, wanted)
        if references:
            # a customer or plan of this run's other inputs counts as known: it is sent first
            customer_ids = held["customers"].keys() | _external_ids(by_kind.get("customers"))
            plan_ids = held["plans"].keys() | _external_ids(by_kind.get("plans"))
            checks.check_references(
                by_kind["invoices"].records,
                customers=customer_ids,
                plan_external_ids=plan_ids,
                plan_uuids=set(held["plans"].values()),
            )
    elif dry_run:
        listener.notice("no connection: customer and plan references were not checked")
    for part in inputs:
        part.report.problems = sorted((p for r in part.records for p in r.problems), key=lambda p: p.location)
        if ds is not None:
            part.report.data_source, part.report.data_source_created = ds.uuid, ds.created
    if history.problems:
        listener.problems(history.problems)
    history.check_seconds = time.monotonic() - started
    if dry_run:
        for part in inputs:
            part.report.failures = [Failure(i, r.problems) for i, r in enumerate(part.records) if r.problems]
            part.report.counts = _local_counts(part.kind, part.records)
        return _finished(history, inputs, started)
    assert target is not None and ds is not None
    # Bulk imports go two at a time, so the target is never idle while this side reads an answer and
    # encodes the next batch. The fallback is paced one request at a time.
    workers = 1 if fallback else IN_FLIGHT
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mogul-import")
    states: list[State] = []
    try:
        for part in inputs:
            if fallback and part.kind == "invoices" and states:
                # customers and plans sent just now, by this run, are named by uuid in the invoices
                held = _held(target, ds.uuid, {"customers", "plans"})
            states.append(
                _send_input(part, target, ds, held, fallback, pool, batch_size, listener, len(inputs))
            )
    finally:
        # an answer still on its way is not waited for: its batch is sent again on resume, and matched
        pool.shutdown(wait=False, cancel_futures=True)
    # Every input is done: nothing is left to resume. The main input's state goes last, so a run
    # killed in between sends again (and matches) only the smaller inputs.
    for state in states:
        state.finish()
    return _finished(history, inputs, started)


def _send_input(
    part: _Input,
    target: Target,
    ds: DataSource,
    held: dict[str, dict[str, str]],
    fallback: bool,
    pool: ThreadPoolExecutor,
    batch_size: int,
    listener: Listener,
    inputs: int,
) -> State:
    """Send one input's batches, skipping those its state says are done; the state, every batch done."""
    started = time.monotonic()
    kind, records, report = part.kind, part.records, part.report
    plan = batches(kind, records, batch_size)
    digests = [part.table.format, part.table.digest, part.extra.digest if part.extra else ""]
    key = fingerprint(kind, report.mode, str(batch_size), target.base_url, ds.uuid, *digests)
    state = State.load(part.state_path, key)
    if state.discarded:
        listener.notice(state.discarded)
    sender: Sender = (
        FallbackSender(target, ds.uuid, kind, customers=held["customers"], plans=held["plans"])
        if fallback
        else BulkSender(target, ds.uuid, kind, f"mogul-{key[:12]}")
    )
    workers = 1 if fallback else IN_FLIGHT
    report.batches = len(plan)
    report.resumed_batches = len(state.done)
    listener.start(len(records), sum(len(plan[n]) for n in state.done if n < len(plan)), kind)
    todo = iter([n for n in range(len(plan)) if n not in state.done])
    # the target applies bulk imports one after the other; each is idempotent, and the state records
    # whichever finishes
    pending: dict[Future[tuple[dict[str, dict[str, int]], list[Failure]]], int] = {}
    what = "batches" if inputs == 1 else f"batches of {kind}"

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
                    with _aborting(len(state.done), len(plan), what):
                        raise
                state.record(number, counts, failures)
                listener.advance(len(plan[number]))
                submit_next()
    finally:
        listener.finish()
    report.counts = empty_counts(kind) | state.counts
    report.failures = sorted(state.failures, key=lambda f: f.record)
    report.send_seconds = time.monotonic() - started
    return state


def _finished(history: HistoryReport, inputs: list[_Input], started: float) -> HistoryReport:
    """Write each input's errors file and time the run."""
    if left_for_exit is not None:
        left_for_exit.append(inputs)
    for part in inputs:
        if part.errors_path is not None:
            write_errors(
                part.errors_path, part.table.format, part.table.header, part.records, part.report.failures
            )
            part.report.errors_path = str(part.errors_path)
    history.seconds = time.monotonic() - started
    for part in inputs:
        part.report.seconds = history.seconds
    return history


def _held(target: Target, ds_uuid: str, kinds: set[str]) -> dict[str, dict[str, str]]:
    """The data source's customers and plans (uuid by external id), those of `kinds` listed."""
    return {
        "customers": target.customers(ds_uuid) if "customers" in kinds else {},
        "plans": target.plans(ds_uuid) if "plans" in kinds else {},
    }


def _external_ids(part: _Input | None) -> set[str]:
    if part is None:
        return set()
    return {ext for r in part.records if (ext := r.external_id) is not None}


def _check_distinct(paths: dict[str, str | Path | None]) -> None:
    """Each input its own file (each keeps its own state), and standard input for one at most."""
    seen: dict[str, str] = {}
    for name, path in paths.items():
        if path is None:
            continue
        same = "-" if str(path) == "-" else str(Path(path).resolve())
        if same in seen:
            if same == "-":
                raise errors.InputError(
                    f"standard input (-) is given as the {seen[same]} and the {name} input; "
                    "only one input can come from it"
                )
            raise errors.InputError(
                f"{display_name(path)} is given as the {seen[same]} and the {name} input; "
                "each input is a file of its own"
            )
        seen[same] = name


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
def _aborting(done: int = 0, total: int = 0, what: str = "batches") -> Iterator[None]:
    """Turn a failure to talk to the target into one line saying how far the import got."""
    try:
        yield
    except errors.InputError:
        raise
    except errors.APIError as exc:
        if total:
            raise ImportAborted(
                f"{exc}; {done} of {total} {what} are done; run the same import again to resume"
            ) from exc
        raise ImportAborted(str(exc)) from exc
