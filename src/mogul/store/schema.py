"""The database schema: every table mogul stores, in SQLAlchemy Core.

Rows are scoped to an account. Each public object has an integer primary key (used for joins and
cursor order) and a prefixed uuid (what the API shows). Uniqueness that the API promises (external ids
per data source, data-source names per account) is enforced here, by the database.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, hands back aware UTC: the one place time zones meet the database."""

    impl = DateTime
    cache_ok = True

    @property
    def python_type(self) -> type:
        return datetime

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached the store")
        if value.tzinfo is not UTC:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None)

    def bind_processor(self, dialect: Dialect) -> Any:
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)
        to_naive = self.process_bind_param

        # SQLite's DateTime text, "YYYY-MM-DD HH:MM:SS.ffffff", written by one C call instead of
        # SQLAlchemy's %-formatting of a dict: the same stored text, at a fraction of the cost (bulk
        # imports bind about ten timestamps per invoice). A UTC value is formatted as it is and its
        # "+00:00" cut off.
        def process(value: datetime | None) -> str | None:
            if value is not None and value.tzinfo is UTC:
                return value.isoformat(" ", "microseconds")[:26]
            naive = to_naive(value, dialect)
            return None if naive is None else naive.isoformat(" ", "microseconds")

        return process

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        fallback = super().result_processor(dialect, coltype)

        # The text above read back by one C call, straight to an aware datetime (SQLAlchemy parses it
        # with a regular expression, then the time zone is added).
        def process(value: str | None) -> datetime | None:
            if value is None:
                return None
            try:
                return datetime.fromisoformat(value + "+00:00")
            except ValueError:
                return fallback(value) if fallback else None

        return process

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _id() -> Column[Any]:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _account() -> Column[Any]:
    return Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False)


def _disabled() -> tuple[Column[Any], Column[Any]]:
    """Whether a record is disabled (PATCH .../disabled_state): kept, but left out of reads and figures."""
    return (
        Column("disabled", Boolean, nullable=False, default=False, server_default=false()),
        Column("disabled_at", UTCDateTime, nullable=True),
    )


def _data_source() -> Column[Any]:
    return Column(
        "data_source_id", Integer, ForeignKey("data_sources.id", ondelete="CASCADE"), nullable=False
    )


accounts = Table(
    "accounts",
    metadata,
    _id(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("name", String(255), nullable=False),
    Column("currency", String(3), nullable=False, default="USD"),
    Column("time_zone", String(64), nullable=False, default="UTC"),
    Column("week_start_on", String(16), nullable=False, default="sunday"),
    Column("created_at", UTCDateTime, nullable=False),
    # bumped whenever the account's activities change: what the metrics cache is keyed on
    Column("activities_version", BigInteger, nullable=False, default=0, server_default="0"),
)

api_keys = Table(
    "api_keys",
    metadata,
    _id(),
    _account(),
    # sha256 of the key (or of the legacy account token); never the key itself
    Column("key_hash", String(64), nullable=False, unique=True),
    # sha256 of the legacy secret key, for token + secret pairs
    Column("secret_hash", String(64), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_api_keys_account", "account_id"),
)

# Dashboard sessions (`mogul.web`): one per login with an API key, named by the sha256 of the cookie's
# random token (never the token itself); a session past `expires_at` is refused and removed.
web_sessions = Table(
    "web_sessions",
    metadata,
    _id(),
    _account(),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index("ix_web_sessions_expires_at", "expires_at"),
    Index("ix_web_sessions_account", "account_id"),
)

data_sources = Table(
    "data_sources",
    metadata,
    _id(),
    _account(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("name", String(255), nullable=False),
    Column("system", String(64), nullable=False, default="Custom"),
    Column("status", String(32), nullable=False, default="idle"),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("account_id", "name"),
    Index("ix_data_sources_account_system", "account_id", "system"),
)

customers = Table(
    "customers",
    metadata,
    _id(),
    _account(),
    _data_source(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("external_id", String(255), nullable=False),
    Column("name", String(255), nullable=False, default=""),
    Column("email", String(255), nullable=False, default=""),
    Column("company", String(255), nullable=False, default=""),
    Column("country", String(2), nullable=True),
    Column("state", String(64), nullable=True),
    Column("city", String(255), nullable=True),
    Column("zip", String(32), nullable=True),
    Column("lead_created_at", UTCDateTime, nullable=True),
    Column("free_trial_started_at", UTCDateTime, nullable=True),
    Column("owner", String(255), nullable=True),
    Column("website_url", String(1024), nullable=True),
    # the lead status a user set; the computed status below wins once the customer has paid
    Column("lead_status", String(32), nullable=False, default="New Lead"),
    Column("tags", JSON, nullable=False, default=list),
    Column("custom", JSON, nullable=False, default=dict),
    # derived by the analytics engine whenever the customer's invoices or subscriptions change
    Column("status", String(32), nullable=False, default="New Lead"),
    Column("mrr", BigInteger, nullable=False, default=0),
    Column("customer_since", UTCDateTime, nullable=True),
    # when an Active customer turns Past Due if no renewal arrives: the earliest end of the service
    # periods of its paying, uncancelled subscriptions (status is then read against the clock)
    Column("past_due_from", UTCDateTime, nullable=True),
    # the identities merged into this customer, [data_source_uuid, external_id] each (customer_merges);
    # null when none
    Column("merged", JSON, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("data_source_id", "external_id"),
    Index("ix_customers_account_id", "account_id", "id"),
    Index("ix_customers_account_status", "account_id", "status", "id"),
    Index("ix_customers_account_email", "account_id", "email", "id"),
    Index("ix_customers_account_external", "account_id", "external_id", "id"),
    Index("ix_customers_data_source", "data_source_id", "id"),
)

plans = Table(
    "plans",
    metadata,
    _id(),
    _account(),
    _data_source(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("external_id", String(255), nullable=False),
    Column("name", String(255), nullable=False),
    Column("interval_count", Integer, nullable=False),
    Column("interval_unit", String(8), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("data_source_id", "external_id"),
    Index("ix_plans_account_id", "account_id", "id"),
    Index("ix_plans_account_external", "account_id", "external_id", "id"),
    Index("ix_plans_data_source", "data_source_id", "id"),
)

plan_groups = Table(
    "plan_groups",
    metadata,
    _id(),
    _account(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("name", String(255), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_plan_groups_account_id", "account_id", "id"),
)

plan_group_plans = Table(
    "plan_group_plans",
    metadata,
    _id(),
    Column("plan_group_id", Integer, ForeignKey("plan_groups.id", ondelete="CASCADE"), nullable=False),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("plan_group_id", "plan_id"),
    Index("ix_plan_group_plans_plan", "plan_id"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    _id(),
    _account(),
    _data_source(),
    Column("customer_id", Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("uuid", String(64), nullable=False, unique=True),
    # the plain uuid the Metrics API shows for the same subscription
    Column("metrics_uuid", String(64), nullable=False, unique=True),
    Column("external_id", String(255), nullable=False),
    Column("subscription_set_external_id", String(255), nullable=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="SET NULL"), nullable=True),
    # sorted list of ISO timestamps
    Column("cancellation_dates", JSON, nullable=False, default=list),
    # shared by the subscriptions connected into one history (connect_subscriptions); null if none
    Column("connection", String(64), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # a merged customer holds the subscriptions of several data sources
    UniqueConstraint("customer_id", "data_source_id", "external_id"),
    Index("ix_subscriptions_account_id", "account_id", "id"),
    Index("ix_subscriptions_customer", "customer_id", "id"),
    Index("ix_subscriptions_data_source", "data_source_id"),
    Index("ix_subscriptions_plan", "plan_id"),
)

invoices = Table(
    "invoices",
    metadata,
    _id(),
    _account(),
    _data_source(),
    Column("customer_id", Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("external_id", String(255), nullable=False),
    Column("date", UTCDateTime, nullable=False),
    Column("due_date", UTCDateTime, nullable=True),
    Column("currency", String(3), nullable=False),
    Column("collection_method", String(16), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # `voided` or `written_off` as set by PUT .../status (null: derived from the transactions)
    Column("status", String(16), nullable=True),
    *_disabled(),
    UniqueConstraint("data_source_id", "external_id"),
    # the invoice lists' cursor order (date, id) under each filter
    Index("ix_invoices_account_date", "account_id", "date", "id"),
    Index("ix_invoices_customer_date", "customer_id", "date", "id"),
    Index("ix_invoices_data_source_date", "data_source_id", "date", "id"),
    Index("ix_invoices_account_external", "account_id", "external_id", "date", "id"),
)

line_items = Table(
    "line_items",
    metadata,
    _id(),
    _account(),
    _data_source(),
    Column("invoice_id", Integer, ForeignKey("invoices.id", ondelete="CASCADE"), nullable=False),
    Column("customer_id", Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="SET NULL"), nullable=True),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("external_id", String(255), nullable=True),
    Column("type", String(16), nullable=False),
    Column("service_period_start", UTCDateTime, nullable=True),
    Column("service_period_end", UTCDateTime, nullable=True),
    Column("cancelled_at", UTCDateTime, nullable=True),
    Column("amount_in_cents", BigInteger, nullable=False),
    Column("quantity", Integer, nullable=False, default=1),
    Column("prorated", Boolean, nullable=False, default=False),
    Column("proration_type", String(32), nullable=True),
    Column("discount_code", String(255), nullable=False, default=""),
    Column("discount_amount_in_cents", BigInteger, nullable=False, default=0),
    Column("discount_description", Text, nullable=True),
    Column("tax_amount_in_cents", BigInteger, nullable=False, default=0),
    Column("transaction_fees_in_cents", BigInteger, nullable=False, default=0),
    Column("transaction_fees_currency", String(3), nullable=True),
    Column("description", Text, nullable=True),
    Column("account_code", String(30), nullable=False, default=""),
    Column("event_order", Integer, nullable=True),
    *_disabled(),
    UniqueConstraint("data_source_id", "external_id"),
    Index("ix_line_items_invoice", "invoice_id", "id"),
    Index("ix_line_items_customer", "customer_id"),
    Index("ix_line_items_subscription", "subscription_id"),
    Index("ix_line_items_plan", "plan_id"),
    # the line item list's cursor order
    Index("ix_line_items_account", "account_id", "id"),
)

transactions = Table(
    "transactions",
    metadata,
    _id(),
    _account(),
    _data_source(),
    Column("invoice_id", Integer, ForeignKey("invoices.id", ondelete="CASCADE"), nullable=False),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("external_id", String(255), nullable=True),
    Column("type", String(16), nullable=False),
    Column("date", UTCDateTime, nullable=False),
    Column("result", String(16), nullable=False),
    Column("amount_in_cents", BigInteger, nullable=True),
    Column("transaction_fees_in_cents", BigInteger, nullable=True),
    Column("transaction_fees_currency", String(3), nullable=True),
    *_disabled(),
    UniqueConstraint("data_source_id", "external_id"),
    Index("ix_transactions_invoice", "invoice_id", "id"),
    # the transaction list's cursor order
    Index("ix_transactions_account", "account_id", "id"),
)

# Subscription events (`/subscription_events`): ChartMogul's other way of feeding a custom data source.
# The integer `id` is what the API shows; each event belongs to a subscription of its customer, made
# with its first event. The engine reads the enabled ones as that subscription's history
# (`analytics.events`).
subscription_events = Table(
    "subscription_events",
    metadata,
    _id(),
    _account(),
    _data_source(),
    Column("customer_id", Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="SET NULL"), nullable=True),
    Column("external_id", String(255), nullable=True),
    Column("customer_external_id", String(255), nullable=False),
    Column("subscription_external_id", String(255), nullable=False),
    Column("subscription_set_external_id", String(255), nullable=True),
    Column("plan_external_id", String(255), nullable=True),
    Column("event_type", String(64), nullable=False),
    Column("event_date", UTCDateTime, nullable=False),
    Column("effective_date", UTCDateTime, nullable=False),
    Column("currency", String(3), nullable=True),
    Column("amount_in_cents", BigInteger, nullable=True),
    Column("quantity", Integer, nullable=True),
    Column("tax_amount_in_cents", BigInteger, nullable=True),
    Column("retracted_event_id", Integer, nullable=True),
    Column("event_order", Integer, nullable=True),
    *_disabled(),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("data_source_id", "external_id"),
    # the list's cursor order
    Index("ix_subscription_events_account", "account_id", "id"),
    Index("ix_subscription_events_customer", "customer_id", "id"),
    Index("ix_subscription_events_subscription", "subscription_id"),
    Index("ix_subscription_events_plan", "plan_id"),
)

activities = Table(
    "activities",
    metadata,
    _id(),
    _account(),
    _data_source(),
    Column("customer_id", Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("date", UTCDateTime, nullable=False),
    Column("type", String(16), nullable=False),
    Column("movement", BigInteger, nullable=False),
    Column("mrr_after", BigInteger, nullable=False),
    Column("subscription_external_id", String(255), nullable=False, default=""),
    Column("subscription_set_external_id", String(255), nullable=False, default=""),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="SET NULL"), nullable=True),
    Column("description", Text, nullable=False, default=""),
    Column("seq", Integer, nullable=False),
    Index("ix_activities_account_date", "account_id", "date", "id"),
    Index("ix_activities_account_type", "account_id", "type", "date", "id"),
    Index("ix_activities_customer", "customer_id", "seq"),
    Index("ix_activities_customer_date", "customer_id", "date", "id"),
    Index("ix_activities_data_source", "data_source_id"),
    Index("ix_activities_plan", "plan_id"),
)

# Customer merges (`POST /customers/merges`): one row per customer merged into another, with what an
# unmerge gives back (see `server.domain.customer_merges`): its identity, its own profile, tags and
# custom attributes (`profile`), and the ids of the invoices, subscriptions and CRM objects it brought
# (`moved`, by table name).
customer_merges = Table(
    "customer_merges",
    metadata,
    _id(),
    _account(),
    Column("customer_id", Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    _data_source(),
    Column("external_id", String(255), nullable=False),
    Column("profile", JSON, nullable=False),
    Column("moved", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("data_source_id", "external_id"),
    Index("ix_customer_merges_customer", "customer_id"),
    Index("ix_customer_merges_account", "account_id"),
)

# Bulk JSON imports (`POST /data_sources/{uuid}/json_imports`): one row per import request, with the
# per-object outcome counts and errors it reports.
json_imports = Table(
    "json_imports",
    metadata,
    _id(),
    _account(),
    _data_source(),
    # the plain uuid the API shows as `id`
    Column("uuid", String(64), nullable=False, unique=True),
    Column("external_id", String(255), nullable=True),
    Column("status", String(16), nullable=False),
    Column("status_details", JSON, nullable=False, default=dict),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_json_imports_data_source", "data_source_id", "id"),
    Index("ix_json_imports_account", "account_id"),
)


def _customer() -> Column[Any]:
    return Column("customer_id", Integer, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)


def _contact() -> Column[Any]:
    """The contact a note or task is attached to instead of its customer (`associated_object` contact);
    the customer is then the contact's, so it still goes with the customer and stays in the account."""
    return Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=True)


# CRM objects (contacts, customer notes, opportunities, tasks): each belongs to a customer and goes with
# it. They have no part in the analytics.
contacts = Table(
    "contacts",
    metadata,
    _id(),
    _account(),
    _customer(),
    # the customer's data source the contact is associated with
    _data_source(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("external_id", String(255), nullable=True),
    Column("position", Integer, nullable=False),
    Column("first_name", String(255), nullable=True),
    Column("last_name", String(255), nullable=True),
    Column("title", String(255), nullable=True),
    Column("email", String(255), nullable=True),
    Column("phone", String(255), nullable=True),
    Column("linked_in", String(255), nullable=True),
    Column("twitter", String(255), nullable=True),
    Column("notes", Text, nullable=True),
    Column("custom", JSON, nullable=False, default=dict),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_contacts_account_id", "account_id", "id"),
    Index("ix_contacts_customer", "customer_id", "id"),
    Index("ix_contacts_data_source", "data_source_id", "id"),
    Index("ix_contacts_account_email", "account_id", "email", "id"),
)

customer_notes = Table(
    "customer_notes",
    metadata,
    _id(),
    _account(),
    _customer(),
    _contact(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("type", String(8), nullable=False),
    Column("text", Text, nullable=False, default=""),
    Column("call_duration", Integer, nullable=False, default=0),
    Column("author_email", String(255), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_customer_notes_account_id", "account_id", "id"),
    Index("ix_customer_notes_customer", "customer_id", "id"),
    Index("ix_customer_notes_contact", "contact_id", "id"),
)

opportunities = Table(
    "opportunities",
    metadata,
    _id(),
    _account(),
    _customer(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("owner", String(255), nullable=False),
    Column("pipeline", String(255), nullable=False),
    Column("pipeline_stage", String(255), nullable=False),
    Column("estimated_close_date", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount_in_cents", BigInteger, nullable=False),
    Column("type", String(16), nullable=False),
    Column("forecast_category", String(16), nullable=False),
    Column("win_likelihood", Integer, nullable=False),
    Column("custom", JSON, nullable=False, default=dict),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_opportunities_account_id", "account_id", "id"),
    Index("ix_opportunities_customer", "customer_id", "id"),
)

tasks = Table(
    "tasks",
    metadata,
    _id(),
    _account(),
    _customer(),
    _contact(),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("task_details", String(255), nullable=False),
    Column("assignee", String(255), nullable=False),
    Column("due_date", UTCDateTime, nullable=False),
    Column("completed_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_tasks_account_id", "account_id", "id"),
    Index("ix_tasks_customer", "customer_id", "id"),
    Index("ix_tasks_contact", "contact_id", "id"),
)

# Sandbox snapshots (`PUT /_sandbox/snapshots/{name}`): an account's data as a bundle (see
# `server.domain.bundles`), by name, to restore later. They are not the account's data: a reset keeps
# them.
sandbox_snapshots = Table(
    "sandbox_snapshots",
    metadata,
    _id(),
    _account(),
    Column("name", String(100), nullable=False),
    Column("bundle", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("account_id", "name"),
)

# Activities exports (`POST /activities_export`): the filters as ChartMogul shows them (`params`), and the
# zipped CSV of the activities they selected, made when the export is created (see
# `server.domain.activities_export`).
activities_exports = Table(
    "activities_exports",
    metadata,
    _id(),
    _account(),
    # the plain uuid the API shows as `id`
    Column("uuid", String(64), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("params", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=True),
    Column("file", LargeBinary, nullable=True),
    Index("ix_activities_exports_account", "account_id"),
)


def utcnow() -> datetime:
    return datetime.now(UTC)
