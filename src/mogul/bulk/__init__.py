"""Bulk import: move a billing system's history (plans, customers, invoices) into ChartMogul or a
mogul sandbox, fast (bulk JSON imports in batches), safely (every record of every input checked before
anything is sent; nothing written twice) and resumably (a state file beside each input).

    from mogul.bulk import import_files
    report = import_files(
        plans="plans.csv", customers="customers.csv", invoices="invoices.csv",
        data_source="Stripe history", api_key="...",
    )

`import_file("invoices", "invoices.csv", ...)` imports one input. The input layouts are documented in
docs/import.md. `read_bundle(path)` reads a sandbox bundle, JSON or a folder of such inputs (`mogul
sandbox seed`).
"""

from mogul.bulk.bundle import read_bundle
from mogul.bulk.importer import (
    DEFAULT_BATCH_SIZE,
    ImportAborted,
    Listener,
    import_file,
    import_files,
    load_records,
)
from mogul.bulk.readers import InputFileError
from mogul.bulk.records import KINDS, Location, Problem, Record
from mogul.bulk.report import Failure, HistoryReport, ImportReport

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "KINDS",
    "Failure",
    "HistoryReport",
    "ImportAborted",
    "ImportReport",
    "InputFileError",
    "Listener",
    "Location",
    "Problem",
    "Record",
    "import_file",
    "import_files",
    "load_records",
    "read_bundle",
]
