"""Transaction modules (not in Make's app): List, Get, Update, Disable, Enable, Delete (importing one is
`invoices.import_transaction`). A transaction is named by its uuid or its external id (with a data
source, one request). Transactions count for no MRR: these change an invoice's status only."""

from __future__ import annotations

from mogul.modules import invoice_parts
from mogul.modules.invoice_parts import TRANSACTION_FIELDS
from mogul.modules.spec import Group

PARTS = invoice_parts.part_modules(
    "transaction",
    "Transaction",
    TRANSACTION_FIELDS,
    {
        "list": "Returns the transactions of your ChartMogul account, oldest first.",
        "get": "Retrieves a transaction, a disabled one too.",
        "update": "Updates a transaction: the fields given replace the stored ones.",
        "disable": "Disables a transaction: it is kept, but its invoice's status and lists leave it out "
        "(unless asked).",
        "enable": "Enables a disabled transaction again.",
        "delete": "Deletes a transaction.",
    },
)

GROUP = Group("transactions", "Transactions", 5, PARTS)
