"""An index on json_imports.account_id, as every foreign key has one.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_json_imports_account", "json_imports", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_json_imports_account", table_name="json_imports")
