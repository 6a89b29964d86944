"""Customer merges and connected subscriptions.

- `customer_merges`: one row per customer merged into another (`POST /customers/merges`), with what an
  unmerge (`POST /customers/unmerges`) gives back: the merged customer's identity (data source and
  external id), its own profile, tags and custom attributes, and the ids of what it brought.
- `customers.merged`: the identities (`[data_source_uuid, external_id]`) merged into a customer, which
  its `data_source_uuids` and `external_ids` list after its own (null: none).
- `subscriptions.connection`: the key shared by subscriptions connected into one history
  (`POST /customers/{uuid}/connect_subscriptions`); null when not connected.
- A subscription's external id is unique per customer and data source (it was per customer): a merged
  customer holds the subscriptions of several data sources.

Existing rows: no merges, no connections.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("merged", sa.JSON(), nullable=True))
    with op.batch_alter_table("subscriptions") as batch:
        batch.add_column(sa.Column("connection", sa.String(length=64), nullable=True))
        batch.drop_constraint("uq_subscriptions_customer_id_external_id", type_="unique")
        batch.create_unique_constraint(
            "uq_subscriptions_customer_id_data_source_id_external_id",
            ["customer_id", "data_source_id", "external_id"],
        )
    op.create_table(
        "customer_merges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("data_source_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_customer_merges_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_merges_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["data_source_id"],
            ["data_sources.id"],
            name=op.f("fk_customer_merges_data_source_id_data_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_merges")),
        sa.UniqueConstraint(
            "data_source_id", "external_id", name=op.f("uq_customer_merges_data_source_id_external_id")
        ),
    )
    op.create_index("ix_customer_merges_customer", "customer_merges", ["customer_id"])
    op.create_index("ix_customer_merges_account", "customer_merges", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_customer_merges_account", table_name="customer_merges")
    op.drop_index("ix_customer_merges_customer", table_name="customer_merges")
    op.drop_table("customer_merges")
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_constraint("uq_subscriptions_customer_id_data_source_id_external_id", type_="unique")
        batch.create_unique_constraint(
            "uq_subscriptions_customer_id_external_id", ["customer_id", "external_id"]
        )
        batch.drop_column("connection")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("merged")
