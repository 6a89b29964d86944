"""Subscription events: the `subscription_events` table (`/subscription_events`), each event of a
subscription of a customer in a data source, with its integer id as the API shows it.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLE = "subscription_events"


def _fk(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_{TABLE}_{column}_{table}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("data_source_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("customer_external_id", sa.String(length=255), nullable=False),
        sa.Column("subscription_external_id", sa.String(length=255), nullable=False),
        sa.Column("subscription_set_external_id", sa.String(length=255), nullable=True),
        sa.Column("plan_external_id", sa.String(length=255), nullable=True),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("event_date", sa.DateTime(), nullable=False),
        sa.Column("effective_date", sa.DateTime(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("amount_in_cents", sa.BigInteger(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("tax_amount_in_cents", sa.BigInteger(), nullable=True),
        sa.Column("retracted_event_id", sa.Integer(), nullable=True),
        sa.Column("event_order", sa.Integer(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("account_id", "accounts", "CASCADE"),
        _fk("data_source_id", "data_sources", "CASCADE"),
        _fk("customer_id", "customers", "CASCADE"),
        _fk("subscription_id", "subscriptions", "CASCADE"),
        _fk("plan_id", "plans", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TABLE}")),
        sa.UniqueConstraint(
            "data_source_id", "external_id", name=op.f(f"uq_{TABLE}_data_source_id_external_id")
        ),
    )
    op.create_index(f"ix_{TABLE}_account", TABLE, ["account_id", "id"])
    op.create_index(f"ix_{TABLE}_customer", TABLE, ["customer_id", "id"])
    op.create_index(f"ix_{TABLE}_subscription", TABLE, ["subscription_id"])
    op.create_index(f"ix_{TABLE}_plan", TABLE, ["plan_id"])


def downgrade() -> None:
    for index in ("plan", "subscription", "customer", "account"):
        op.drop_index(f"ix_{TABLE}_{index}", table_name=TABLE)
    op.drop_table(TABLE)
