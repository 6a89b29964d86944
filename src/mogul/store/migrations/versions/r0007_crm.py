"""CRM objects: the `contacts`, `customer_notes`, `opportunities` and `tasks` tables, each belonging to an
account and a customer (deleted with it).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _owned(table: str, *, data_source: bool = False) -> list[Any]:
    """The id, the account, the customer (and the data source) of a CRM table, with their keys."""
    parents = [("account_id", "accounts"), ("customer_id", "customers")]
    if data_source:
        parents.append(("data_source_id", "data_sources"))
    items: list[Any] = [sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)]
    items += [sa.Column(column, sa.Integer(), nullable=False) for column, _ in parents]
    items += [
        sa.ForeignKeyConstraint(
            [column], [f"{parent}.id"], name=op.f(f"fk_{table}_{column}_{parent}"), ondelete="CASCADE"
        )
        for column, parent in parents
    ]
    items += [
        sa.Column("uuid", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("uuid", name=op.f(f"uq_{table}_uuid")),
    ]
    return items


def _stamps() -> list[sa.Column[Any]]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


INDEXES = {
    "contacts": {
        "ix_contacts_account_id": ["account_id", "id"],
        "ix_contacts_customer": ["customer_id", "id"],
        "ix_contacts_data_source": ["data_source_id", "id"],
        "ix_contacts_account_email": ["account_id", "email", "id"],
    },
    "customer_notes": {
        "ix_customer_notes_account_id": ["account_id", "id"],
        "ix_customer_notes_customer": ["customer_id", "id"],
    },
    "opportunities": {
        "ix_opportunities_account_id": ["account_id", "id"],
        "ix_opportunities_customer": ["customer_id", "id"],
    },
    "tasks": {
        "ix_tasks_account_id": ["account_id", "id"],
        "ix_tasks_customer": ["customer_id", "id"],
    },
}


def upgrade() -> None:
    op.create_table(
        "contacts",
        *_owned("contacts", data_source=True),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        *[
            sa.Column(name, sa.String(length=255), nullable=True)
            for name in ("first_name", "last_name", "title", "email", "phone", "linked_in", "twitter")
        ],
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("custom", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "customer_notes",
        *_owned("customer_notes"),
        sa.Column("type", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("call_duration", sa.Integer(), nullable=False),
        sa.Column("author_email", sa.String(length=255), nullable=True),
        *_stamps(),
    )
    op.create_table(
        "opportunities",
        *_owned("opportunities"),
        sa.Column("owner", sa.String(length=255), nullable=False),
        sa.Column("pipeline", sa.String(length=255), nullable=False),
        sa.Column("pipeline_stage", sa.String(length=255), nullable=False),
        sa.Column("estimated_close_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_in_cents", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("forecast_category", sa.String(length=16), nullable=False),
        sa.Column("win_likelihood", sa.Integer(), nullable=False),
        sa.Column("custom", sa.JSON(), nullable=False),
        *_stamps(),
    )
    op.create_table(
        "tasks",
        *_owned("tasks"),
        sa.Column("task_details", sa.String(length=255), nullable=False),
        sa.Column("assignee", sa.String(length=255), nullable=False),
        sa.Column("due_date", sa.DateTime(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        *_stamps(),
    )
    for table, indexes in INDEXES.items():
        for name, columns in indexes.items():
            op.create_index(name, table, columns)


def downgrade() -> None:
    for table, indexes in reversed(INDEXES.items()):
        for name in indexes:
            op.drop_index(name, table_name=table)
        op.drop_table(table)
