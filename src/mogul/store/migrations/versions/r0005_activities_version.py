"""accounts.activities_version: a counter bumped whenever an account's activities change.

The Metrics API caches each account's activity log keyed on it. (A count and highest id of the
activities is not enough: SQLite reuses the highest id after a delete, so a customer's re-computed
activities could look unchanged.)

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("activities_version", sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("activities_version")
