"""Reading a sandbox bundle (what `mogul sandbox seed` and `mogul.Sandbox.seed` take) from a file or a
folder of `mogul import` inputs.

    bundle = read_bundle("fixtures/chartmogul.json")     # a JSON bundle, as `mogul sandbox export` writes
    bundle = read_bundle("fixtures/stripe")              # plans.csv, customers.csv, invoices.csv, ...
    bundle = read_bundle("fixtures")                     # a folder per data source: fixtures/stripe/...

A folder holds the inputs of `mogul import` in their layouts (docs/import.md): `plans`, `customers`,
`invoices` and `transactions`, each as .csv, .jsonl or .json. Its files are one data source, named
`data_source` or after the folder; a folder without such files but with folders that have them is a
data source per folder, named after it. Plan groups and cancellations set through the cancel endpoint
exist in JSON bundles only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from mogul.bulk.importer import load_records
from mogul.bulk.readers import FORMATS, InputFileError, read_text

# what a folder's inputs are called, in the order a data source lists them
INPUTS = ("plans", "customers", "invoices")


def _inputs(folder: Path) -> dict[str, Path]:
    """The folder's input files by kind (transactions too); two formats of one kind are refused."""
    found: dict[str, Path] = {}
    for kind in (*INPUTS, "transactions"):
        paths = [folder / f"{kind}.{fmt}" for fmt in FORMATS if (folder / f"{kind}.{fmt}").is_file()]
        if len(paths) > 1:
            raise InputFileError(f"{folder}: both {paths[0].name} and {paths[1].name}; keep one")
        if paths:
            found[kind] = paths[0]
    return found


def _data_source(name: str, files: dict[str, Path]) -> dict[str, Any]:
    """One data source of a folder bundle: each input read as `mogul import` reads it."""
    if "transactions" in files and "invoices" not in files:
        raise InputFileError(f"{files['transactions']}: transactions go with an invoices input")
    source: dict[str, Any] = {"name": name}
    problems = []
    for kind in INPUTS:
        if kind not in files:
            continue
        extra = files.get("transactions") if kind == "invoices" else None
        records, _, _ = load_records(kind, files[kind], transactions=extra)
        problems += [str(p) for r in records for p in r.problems]
        source[kind] = [r.body for r in records]
    if problems:
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise InputFileError(f"{len(problems)} problem(s) in the inputs: {'; '.join(problems[:5])}{more}")
    return source


def read_bundle(path: str | Path, *, data_source: str | None = None) -> dict[str, Any]:
    """The bundle at `path`: a JSON file (`-` reads standard input), or a folder of import inputs."""
    folder = Path(path)
    if str(path) != "-" and folder.is_dir():
        files = _inputs(folder)
        if files:
            return {"data_sources": [_data_source(data_source or folder.resolve().name, files)]}
        if data_source is not None:
            raise InputFileError(f"{folder}: no {', '.join(INPUTS)} file to import as {data_source!r}")
        subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and _inputs(p))
        if not subfolders:
            raise InputFileError(
                f"{folder}: no {', '.join(INPUTS)} files (.csv, .jsonl or .json), here or in its folders"
            )
        return {"data_sources": [_data_source(p.name, _inputs(p)) for p in subfolders]}
    if data_source is not None:
        raise InputFileError(f"{path}: a data source name goes with a folder of inputs, not a JSON bundle")
    text = read_text(path, sys.stdin)
    try:
        bundle = json.loads(text)
    except ValueError as exc:
        name = "<stdin>" if str(path) == "-" else str(path)
        raise InputFileError(f"{name}: not a JSON bundle ({exc})") from None
    return bundle
