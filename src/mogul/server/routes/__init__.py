"""The routes of the ChartMogul API v1, one module per resource, and mogul's sandbox control API."""

from __future__ import annotations

from mogul.server.http.pipeline import Api


def all_apis(*, sandbox_control: bool = True) -> list[Api]:
    """Every route group; `sandbox_control=False` leaves out `/v1/_sandbox` (routes.sandbox_control)."""
    from mogul.server.routes import (
        activities_export,
        base,
        contacts,
        customer_merges,
        customer_notes,
        customers,
        data_sources,
        entity_notes,
        invoice_states,
        invoices,
        json_imports,
        line_items,
        metrics,
        opportunities,
        plan_groups,
        plans,
        subscription_events,
        subscriptions,
        tasks,
        transactions,
    )
    from mogul.server.routes import (
        sandbox_control as control,
    )

    apis = [
        base.api,
        data_sources.api,
        # before customers: its `/customers/merges` must come before their `/customers/{uuid}`
        customer_merges.api,
        customers.api,
        plans.api,
        plan_groups.api,
        # before invoices: its `/invoices/disabled_state` must come before their `/invoices/{uuid}`
        invoice_states.api,
        invoices.api,
        line_items.api,
        transactions.api,
        json_imports.api,
        subscriptions.api,
        subscription_events.api,
        metrics.api,
        contacts.api,
        customer_notes.api,
        entity_notes.api,
        opportunities.api,
        tasks.api,
        activities_export.api,
    ]
    return [*apis, control.api] if sandbox_control else apis
