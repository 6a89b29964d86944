"""The routes of the ChartMogul API v1, one module per resource."""

from __future__ import annotations

from mogul.server.http.pipeline import Api


def all_apis() -> list[Api]:
    from mogul.server.routes import (
        base,
        customers,
        data_sources,
        invoices,
        json_imports,
        metrics,
        plan_groups,
        plans,
        subscriptions,
    )

    return [
        base.api,
        data_sources.api,
        customers.api,
        plans.api,
        plan_groups.api,
        invoices.api,
        json_imports.api,
        subscriptions.api,
        metrics.api,
    ]
