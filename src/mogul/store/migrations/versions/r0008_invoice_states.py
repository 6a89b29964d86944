"""Invoice states: an invoice's set status (`voided`, `written_off`), and `disabled`, `disabled_at` on
invoices, line items and transactions (PATCH .../disabled_state).

Existing rows are enabled and keep the status their transactions give them. The account indexes of line
items and transactions take the id too, for the cursor order of their lists (`GET /line_items`,
`GET /transactions`).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = ("invoices", "line_items", "transactions")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            if table == "invoices":
                batch.add_column(sa.Column("status", sa.String(length=16), nullable=True))
            batch.add_column(sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()))
            batch.add_column(sa.Column("disabled_at", sa.DateTime(), nullable=True))
    for table in TABLES[1:]:
        op.drop_index(f"ix_{table}_account", table_name=table)
        op.create_index(f"ix_{table}_account", table, ["account_id", "id"])


def downgrade() -> None:
    for table in TABLES[1:]:
        op.drop_index(f"ix_{table}_account", table_name=table)
        op.create_index(f"ix_{table}_account", table, ["account_id"])
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("disabled_at")
            batch.drop_column("disabled")
            if table == "invoices":
                batch.drop_column("status")
