"""The resume state of an import: which batches are done and what they did, in a small JSON file.

The state belongs to one input (its content's digest), one target (base URL and data source), and one
way of cutting the input into batches (mode and batch size); a state file for anything else is ignored
and replaced. It is rewritten atomically after every batch, so a process killed at any point leaves
either the old state or the new one. It is removed when the import has sent every batch.

Resuming is safe even without the file: every batch is idempotent on the server (external ids already
stored are matched, not written again). The file makes a resumed run skip finished batches, and lets
its report cover the whole input.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from mogul.bulk.report import Failure, add_counts

VERSION = 1
SUFFIX = ".mogul-state.json"


def default_path(input_path: str | Path) -> Path | None:
    """`invoices.csv` -> `invoices.csv.mogul-state.json` beside it (none for standard input)."""
    if str(input_path) == "-":
        return None
    p = Path(input_path)
    return p.with_name(p.name + SUFFIX)


def fingerprint(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


class State:
    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self.done: set[int] = set()
        self.counts: dict[str, dict[str, int]] = {}
        self.failures: list[Failure] = []
        # why an existing state file was not used (for the report), if it was not
        self.discarded: str | None = None

    @classmethod
    def load(cls, path: Path | None, key: str) -> State:
        state = cls(path, key)
        if path is None or not path.exists():
            return state
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION or data.get("key") != key:
                state.discarded = f"{path} belongs to another input, target or batch size; starting over"
                return state
            state.done = {int(i) for i in data["done"]}
            state.counts = data["counts"]
            state.failures = [Failure.from_json(f) for f in data["failures"]]
        except (ValueError, KeyError, TypeError) as exc:
            state.discarded = f"{path} is unreadable ({exc}); starting over"
            state.done, state.counts, state.failures = set(), {}, []
        return state

    def record(self, batch: int, counts: dict[str, dict[str, int]], failures: list[Failure]) -> None:
        """A batch is done: remember it (on disk before the next batch is sent)."""
        self.done.add(batch)
        add_counts(self.counts, counts)
        self.failures.extend(failures)
        self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        data: dict[str, Any] = {
            "version": VERSION,
            "key": self.key,
            "done": sorted(self.done),
            "counts": self.counts,
            "failures": [f.to_json() for f in self.failures],
        }
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def finish(self) -> None:
        """Every batch is done: the state has nothing left to resume."""
        if self.path is not None and self.path.exists():
            self.path.unlink()
