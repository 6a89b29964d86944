"""Bulk import: move a billing system's history (customers, plans, invoices) into ChartMogul or a
mogul sandbox, fast (bulk JSON imports in batches), safely (every record checked before anything is
sent; nothing written twice) and resumably (a state file beside the input).

    from mogul.bulk import import_file
    report = import_file("invoices", "invoices.csv", data_source="Stripe history", api_key="...")

The input layouts are documented in docs/import.md.
"""

from mogul.bulk.importer import DEFAULT_BATCH_SIZE, ImportAborted, Listener, import_file, load_records
from mogul.bulk.readers import InputFileError
from mogul.bulk.records import KINDS, Location, Problem, Record
from mogul.bulk.report import Failure, ImportReport

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "KINDS",
    "Failure",
    "ImportAborted",
    "ImportReport",
    "InputFileError",
    "Listener",
    "Location",
    "Problem",
    "Record",
    "import_file",
    "load_records",
]
