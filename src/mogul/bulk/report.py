"""What an import did: counts per object (created, matched, failed), the failed records with their
reasons, and the errors file that holds the failed rows, ready to be fixed and imported again; per input
(`ImportReport`) and for a run over several inputs (`HistoryReport`)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mogul.bulk.layout import ERROR_COLUMN
from mogul.bulk.records import Location, Problem, Record

OUTCOMES = ("created", "matched", "failed")
# how the report says each outcome: a matched object (its external id already in the data source) is
# not written again
SAID = {"created": "created", "matched": "already there", "failed": "failed"}
# the objects' names, one and more
NAMES = {
    "plans": ("plan", "plans"),
    "customers": ("customer", "customers"),
    "invoices": ("invoice", "invoices"),
    "line_items": ("line item", "line items"),
    "transactions": ("transaction", "transactions"),
    "records": ("record", "records"),
    "problems": ("problem", "problems"),
    "batches": ("batch", "batches"),
}
# the objects counted for each kind of input
COUNTED = {
    "customers": ("customers",),
    "plans": ("plans",),
    "invoices": ("invoices", "line_items", "transactions"),
}


def counted(n: int, name: str) -> str:
    """`1 line item`, `2 line items`."""
    one, many = NAMES[name]
    return f"{n} {one if n == 1 else many}"


def empty_counts(kind: str) -> dict[str, dict[str, int]]:
    return {name: dict.fromkeys(OUTCOMES, 0) for name in COUNTED[kind]}


def add_counts(into: dict[str, dict[str, int]], more: dict[str, dict[str, int]]) -> None:
    for name, outcomes in more.items():
        target = into.setdefault(name, dict.fromkeys(OUTCOMES, 0))
        for outcome, n in outcomes.items():
            target[outcome] = target.get(outcome, 0) + n


@dataclass
class Failure:
    """A record that was not imported: its position in the input and every reason."""

    record: int
    reasons: list[Problem]

    def to_json(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "reasons": [[p.location.file, p.location.row, p.field, p.message] for p in self.reasons],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Failure:
        return cls(
            int(data["record"]),
            [Problem(Location(f, int(r)), fld, msg) for f, r, fld, msg in data["reasons"]],
        )


@dataclass
class ImportReport:
    """The outcome of importing one input: what was created, matched and failed, and why."""

    kind: str
    mode: str
    dry_run: bool
    records: int
    data_source: str | None = None
    data_source_created: bool = False
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    # every problem the checks found before sending, in input order
    problems: list[Problem] = field(default_factory=list)
    batches: int = 0
    resumed_batches: int = 0
    # the whole run (reading, checking and sending every input)
    seconds: float = 0.0
    # sending this input's batches
    send_seconds: float = 0.0
    errors_path: str | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.problems

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        return _lines([self], self.seconds)


@dataclass
class HistoryReport:
    """The outcome of `import_files`: one `ImportReport` per input, in the order they were imported
    (plans, customers, invoices), and the run as a whole."""

    reports: list[ImportReport]
    seconds: float = 0.0
    # reading and checking every input, before anything was sent
    check_seconds: float = 0.0

    def __getitem__(self, kind: str) -> ImportReport:
        for report in self.reports:
            if report.kind == kind:
                return report
        raise KeyError(kind)

    def __contains__(self, kind: object) -> bool:
        return any(report.kind == kind for report in self.reports)

    @property
    def kinds(self) -> list[str]:
        return [report.kind for report in self.reports]

    @property
    def dry_run(self) -> bool:
        return self.reports[0].dry_run

    @property
    def data_source(self) -> str | None:
        return self.reports[0].data_source

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Created, matched and failed per object, over every input."""
        return {name: outcomes for report in self.reports for name, outcomes in report.counts.items()}

    @property
    def problems(self) -> list[Problem]:
        return [p for report in self.reports for p in report.problems]

    @property
    def failed(self) -> int:
        return sum(report.failed for report in self.reports)

    @property
    def ok(self) -> bool:
        return all(report.ok for report in self.reports)

    def lines(self) -> list[str]:
        """The report as a person reads it (for one input, as that input's report reads)."""
        out = _lines(self.reports, self.seconds)
        if len(self.reports) > 1 and not self.dry_run:
            sent = ", ".join(f"{r.kind} {r.send_seconds:.1f} s" for r in self.reports)
            out.insert(1, f"time: {self.check_seconds:.1f} s reading and checking; sending {sent}")
        return out


def _lines(reports: list[ImportReport], seconds: float) -> list[str]:
    first = reports[0]
    read = ", ".join(counted(r.records, r.kind) for r in reports)
    problems = sum(len(r.problems) for r in reports)
    failures = [f for r in reports for f in r.failures]
    written = ", ".join(r.errors_path for r in reports if r.errors_path)
    out = []
    if first.dry_run:
        out.append(
            f"dry run: {read} read, {len(failures)} with problems ({counted(problems, 'problems')}); "
            "nothing was sent"
        )
        if written:
            out.append(f"rows with problems written to {written}")
        return out
    # what was read, then what became of it: created, already there, failed per object
    where = f" data source {first.data_source}" if first.data_source else " the data source"
    if first.data_source_created:
        where += " (created)"
    batches = sum(r.batches for r in reports)
    out.append(
        f"read {read}; sent to{where} in {seconds:.1f} s ({counted(batches, 'batches')}, {first.mode})"
    )
    resumed = sum(r.resumed_batches for r in reports)
    if resumed:
        done = "was" if resumed == 1 else "were"
        out.append(f"resumed: {counted(resumed, 'batches')} {done} done by an earlier run")
    for report in reports:
        for name, outcomes in report.counts.items():
            label = NAMES[name][1] + ":"
            out.append(f"  {label:<14}" + ", ".join(f"{outcomes.get(o, 0)} {SAID[o]}" for o in OUTCOMES))
    # records refused by the checks were listed before sending; the rest failed at the target
    known = {p for r in reports for p in r.problems}
    refused = [f for f in failures if not set(f.reasons) <= known]
    if failures:
        out.append(f"{counted(len(failures), 'records')} failed:")
    if len(refused) < len(failures):
        out.append(f"  {len(failures) - len(refused)} with problems in the input (listed above), not sent")
    for failure in refused:
        for reason in failure.reasons:
            out.append(f"  {reason}")
    if written:
        out.append(f"failed rows written to {written}")
    return out


def errors_path_for(main: str | Path, kind: str, fmt: str) -> Path:
    """Where the failed rows of an input imported along with the main one go: beside the main input's
    errors file, named by kind, in the input's own format (`failed.csv` -> `failed.plans.jsonl`)."""
    path = Path(main)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem}.{kind}.{fmt}")


def write_errors(
    path: str | Path, fmt: str, header: list[str], records: list[Record], failures: list[Failure]
) -> None:
    """The failed records in the input's own format, each with its reasons under `import_error`.

    A CSV input keeps its columns (plus any `transaction.*` column a transactions file needed); its
    failed records' rows are written whole, transactions from a second file as rows of their invoice.
    """
    reasons = {f.record: "; ".join(str(p) for p in f.reasons) for f in failures}
    failed = [(records[i], reasons[i]) for i in sorted(reasons)]
    text = io.StringIO()
    if fmt == "csv":
        columns = [c for c in header if c != ERROR_COLUMN]
        for record, _ in failed:
            for row in record.rows:
                if isinstance(row.values, dict):
                    columns.extend(c for c in row.values if c not in columns and c != ERROR_COLUMN)
        writer = csv.DictWriter(text, [*columns, ERROR_COLUMN], extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for record, reason in failed:
            for row in record.rows:
                values = row.values if isinstance(row.values, dict) else {}
                writer.writerow({**values, ERROR_COLUMN: reason})
    else:
        items = [_with_error(record, reason) for record, reason in failed]
        if fmt == "jsonl":
            text.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
        else:
            text.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    Path(path).write_text(text.getvalue(), encoding="utf-8")


def _with_error(record: Record, reason: str) -> Any:
    original = record.rows[0].values if record.rows else record.body
    if not isinstance(original, dict):
        return {"value": original, ERROR_COLUMN: reason}
    return {**record.body, ERROR_COLUMN: reason}
