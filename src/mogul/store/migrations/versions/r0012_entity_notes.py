"""Notes and tasks of contacts: a nullable `contact_id` on `customer_notes` and `tasks` (the contact a
note or task is attached to instead of its customer; `/notes`, `POST /tasks` with an
`associated_object_identifier`). Existing rows stay attached to their customers.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("customer_notes", "tasks")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("contact_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                op.f(f"fk_{table}_contact_id_contacts"),
                "contacts",
                ["contact_id"],
                ["id"],
                ondelete="CASCADE",
            )
        op.create_index(f"ix_{table}_contact", table, ["contact_id", "id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_contact", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f"fk_{table}_contact_id_contacts"), type_="foreignkey")
            batch.drop_column("contact_id")
