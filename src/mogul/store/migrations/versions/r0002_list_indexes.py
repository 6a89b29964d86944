"""Indexes for every list filter and cursor order the API offers, and for every foreign key (so deletes
that cascade, and joins, never scan a whole table).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (name, table, columns) before and after, for the indexes whose columns change
_WIDENED = [
    ("ix_customers_account_email", "customers", ["account_id", "email"], ["account_id", "email", "id"]),
    (
        "ix_customers_account_external",
        "customers",
        ["account_id", "external_id"],
        ["account_id", "external_id", "id"],
    ),
    (
        "ix_plans_account_external",
        "plans",
        ["account_id", "external_id"],
        ["account_id", "external_id", "id"],
    ),
    (
        "ix_invoices_account_external",
        "invoices",
        ["account_id", "external_id"],
        ["account_id", "external_id", "date", "id"],
    ),
]

_NEW = [
    ("ix_api_keys_account", "api_keys", ["account_id"]),
    ("ix_customers_data_source", "customers", ["data_source_id", "id"]),
    ("ix_plans_data_source", "plans", ["data_source_id", "id"]),
    ("ix_subscriptions_customer", "subscriptions", ["customer_id", "id"]),
    ("ix_subscriptions_data_source", "subscriptions", ["data_source_id"]),
    ("ix_subscriptions_plan", "subscriptions", ["plan_id"]),
    ("ix_invoices_account_date", "invoices", ["account_id", "date", "id"]),
    ("ix_invoices_data_source_date", "invoices", ["data_source_id", "date", "id"]),
    ("ix_line_items_plan", "line_items", ["plan_id"]),
    ("ix_line_items_account", "line_items", ["account_id"]),
    ("ix_transactions_account", "transactions", ["account_id"]),
    ("ix_activities_account_type", "activities", ["account_id", "type", "date", "id"]),
    ("ix_activities_customer_date", "activities", ["customer_id", "date", "id"]),
    ("ix_activities_data_source", "activities", ["data_source_id"]),
    ("ix_activities_plan", "activities", ["plan_id"]),
]

# replaced by ix_invoices_account_date, which serves the same lookups and the list's order too
_DROPPED = [("ix_invoices_account_id", "invoices", ["account_id", "id"])]


def upgrade() -> None:
    for name, table, _before, after in _WIDENED:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, after)
    for name, table, columns in _NEW:
        op.create_index(name, table, columns)
    for name, table, _columns in _DROPPED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, table, columns in _DROPPED:
        op.create_index(name, table, columns)
    for name, table, _columns in _NEW:
        op.drop_index(name, table_name=table)
    for name, table, before, _after in _WIDENED:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, before)
