"""What an import did: counts per object (created, matched, failed), the failed records with their
reasons, and the errors file that holds the failed rows, ready to be fixed and imported again."""

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
# the objects counted for each kind of input
COUNTED = {
    "customers": ("customers",),
    "plans": ("plans",),
    "invoices": ("invoices", "line_items", "transactions"),
}


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
    """The outcome of `import_file`: what was created, matched and failed, and why."""

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
    seconds: float = 0.0
    errors_path: str | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.problems

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        out = []
        if self.dry_run:
            out.append(
                f"dry run: {self.records} {self.kind} read, {self.failed} with problems "
                f"({len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}); nothing was sent"
            )
            if self.errors_path:
                out.append(f"rows with problems written to {self.errors_path}")
            return out
        where = f" into data source {self.data_source}" if self.data_source else ""
        if self.data_source_created:
            where += " (created)"
        out.append(
            f"imported {self.records} {self.kind}{where} in {self.seconds:.1f} s "
            f"({self.batches} batch{'es' if self.batches != 1 else ''}, {self.mode})"
        )
        if self.resumed_batches:
            out.append(f"resumed: {self.resumed_batches} batch(es) were done by an earlier run")
        for name, outcomes in self.counts.items():
            out.append(f"  {name + ':':<14}" + ", ".join(f"{outcomes.get(o, 0)} {o}" for o in OUTCOMES))
        # records refused by the checks were listed before sending; the rest failed at the target
        known = set(self.problems)
        refused = [f for f in self.failures if not set(f.reasons) <= known]
        if self.failures:
            out.append(f"{len(self.failures)} record(s) failed:")
        if len(refused) < len(self.failures):
            out.append(
                f"  {len(self.failures) - len(refused)} with problems in the input (listed above), not sent"
            )
        for failure in refused:
            for reason in failure.reasons:
                out.append(f"  {reason}")
        if self.errors_path:
            out.append(f"failed rows written to {self.errors_path}")
        return out


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
