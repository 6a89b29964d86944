"""Sandbox bundles: an account's data as one JSON document, and seeding an account from one.

    {"mogul_bundle": 1,
     "data_sources": [{"name": "Stripe", "system": "Stripe",
                       "plans": [...], "customers": [...], "invoices": [...], "subscriptions": [...]}],
     "plan_groups": [{"name": "Paid", "plans": [{"data_source": "Stripe", "external_id": "gold"}]}]}

A data source's `plans`, `customers` and `invoices` are in the shapes a bulk JSON import takes (invoices
with their line items and transactions nested, line items naming their plan by `plan_external_id`), so
a bundle is written by hand as an import is; a customer's custom attributes may also be the plain map
that `GET /customers/{uuid}` shows (stored as it is, as `PUT .../attributes/custom` stores it).
`subscriptions` sets a subscription's cancellation dates where they are not those its line items'
`cancelled_at` make (the cancel endpoint changed them). Objects are named by external id, never by uuid:
a seeded object is a new one, with a new uuid, in any account.

`export` writes every object of an account so that seeding the bundle into an empty account gives the
same objects (and the same derived figures, which the seed recomputes). `write` seeds through the bulk
JSON import's path, one import per data source: what is already stored (by external id; a data source
by name; a plan group by its name and plans) is matched, not written again, so seeding a bundle twice
is seeding it once. A seed is all or nothing: any object that fails its checks is a 422 naming it by
its place in the bundle (`data_sources[0].invoices[3].currency`), and nothing is stored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from mogul.server import wire
from mogul.server.domain import bundle_crm, bundle_states, data_sources, derive, json_imports, plan_groups
from mogul.server.domain.base import Scope, find
from mogul.server.domain.checks import errors_of
from mogul.server.domain.fields import Fields
from mogul.store import schema as s
from mogul.store.bulk import among, update_rows

FORMAT = 1
# what a bundle's summaries count
OBJECTS = ("data_sources", "plans", "customers", "invoices", "plan_groups")
SEEDED = (*OBJECTS[:4], "line_items", "transactions", "plan_groups", *bundle_crm.KINDS)
_BUNDLE_KEYS = ("mogul_bundle", "data_sources", "plan_groups")
_SOURCE_KEYS = ("name", "system", "plans", "customers", "invoices", "subscriptions", *bundle_crm.KINDS)
_IMPORTED = ("plans", "customers", "invoices")
_GROUP_KEYS = ("name", "plans")
# values a bulk import reads for a key that is absent, which an export leaves out
_CUSTOMER_DEFAULTS: Mapping[str, Any] = {"name": "", "email": "", "company": "", "status": "New Lead"}
_LINE_DEFAULTS: Mapping[str, Any] = {
    "quantity": 1,
    "prorated": False,
    "discount_code": "",
    "discount_amount_in_cents": 0,
    "tax_amount_in_cents": 0,
    "transaction_fees_in_cents": 0,
    "account_code": "",
}


# -- export ---------------------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return None if value is None else wire.fmt_exact(value)


def _compact(values: dict[str, Any], defaults: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """`values` without None and without what a bulk import reads when the key is absent."""
    defaults = defaults or {}
    return {
        k: v
        for k, v in values.items()
        if v is not None and not (k in defaults and type(v) is type(defaults[k]) and v == defaults[k])
    }


def _customer(row: Any) -> dict[str, Any]:
    out = _compact(
        {
            "external_id": row.external_id,
            "name": row.name,
            "email": row.email,
            "company": row.company,
            "country": row.country,
            "state": row.state,
            "city": row.city,
            "zip": row.zip,
            "lead_created_at": _time(row.lead_created_at),
            "free_trial_started_at": _time(row.free_trial_started_at),
            "owner": row.owner,
            "website_url": row.website_url,
            "status": row.lead_status,
        },
        _CUSTOMER_DEFAULTS,
    )
    attributes = _compact({"tags": row.tags or None, "custom": row.custom or None})
    if attributes:
        out["attributes"] = attributes
    return out


def _line_item(row: Any, plan: Any, subscription: Any) -> dict[str, Any]:
    values = {
        "type": row.type,
        "external_id": row.external_id,
        "amount_in_cents": row.amount_in_cents,
        "quantity": row.quantity,
        "plan_external_id": plan.external_id if plan is not None else None,
    }
    if row.type == "subscription" and subscription is not None:
        values |= {
            "subscription_external_id": subscription.external_id,
            "subscription_set_external_id": subscription.subscription_set_external_id,
            "service_period_start": _time(row.service_period_start),
            "service_period_end": _time(row.service_period_end),
            "cancelled_at": _time(row.cancelled_at),
        }
    values |= {
        "prorated": row.prorated,
        "proration_type": row.proration_type,
        "discount_code": row.discount_code,
        "discount_amount_in_cents": row.discount_amount_in_cents,
        "discount_description": row.discount_description,
        "tax_amount_in_cents": row.tax_amount_in_cents,
        "transaction_fees_in_cents": row.transaction_fees_in_cents,
        "transaction_fees_currency": row.transaction_fees_currency,
        "description": row.description,
        "account_code": row.account_code,
        "event_order": row.event_order,
    }
    return _compact(values, _LINE_DEFAULTS)


def _transaction(row: Any) -> dict[str, Any]:
    return _compact(
        {
            "type": row.type,
            "date": _time(row.date),
            "result": row.result,
            "external_id": row.external_id,
            "amount_in_cents": row.amount_in_cents,
            "transaction_fees_in_cents": row.transaction_fees_in_cents,
            "transaction_fees_currency": row.transaction_fees_currency,
        }
    )


def export(scope: Scope) -> dict[str, Any]:
    """Every object of the account as a bundle, each list in the order the objects were stored."""
    conn, account_id = scope.conn, scope.account.id

    def rows(table: Any) -> list[Any]:
        return list(conn.execute(select(table).where(table.c.account_id == account_id).order_by(table.c.id)))

    sources: dict[int, dict[str, Any]] = {}
    names: dict[int, str] = {}
    for r in rows(s.data_sources):
        names[r.id] = r.name
        sources[r.id] = {"name": r.name, "system": r.system} | {key: [] for key in _SOURCE_KEYS[2:]}
    plans: dict[int, Any] = {}
    for r in rows(s.plans):
        plans[r.id] = r
        sources[r.data_source_id]["plans"].append(
            {
                "external_id": r.external_id,
                "name": r.name,
                "interval_count": r.interval_count,
                "interval_unit": r.interval_unit,
            }
        )
    customers: dict[int, str] = {}
    for r in rows(s.customers):
        customers[r.id] = r.external_id
        sources[r.data_source_id]["customers"].append(_customer(r))
    subscriptions = {r.id: r for r in rows(s.subscriptions)}
    lines: dict[int, list[Any]] = defaultdict(list)
    for r in rows(s.line_items):
        lines[r.invoice_id].append(r)
    transactions: dict[int, list[Any]] = defaultdict(list)
    for r in rows(s.transactions):
        transactions[r.invoice_id].append(r)
    # the cancellation dates a seed's import gives each subscription: those of its line items
    implied: dict[int, list[str]] = defaultdict(list)
    for r in rows(s.invoices):
        items = []
        for line in lines[r.id]:
            subscription = subscriptions.get(line.subscription_id)
            items.append(
                _line_item(line, plans.get(line.plan_id), subscription) | bundle_states.of_part(line)
            )
            if subscription is not None and line.cancelled_at is not None:
                implied[subscription.id].append(wire.fmt_ms(line.cancelled_at))
        invoice = {
            "external_id": r.external_id,
            "customer_external_id": customers[r.customer_id],
            "date": _time(r.date),
            "due_date": _time(r.due_date),
            "currency": r.currency,
            "collection_method": r.collection_method,
        }
        parts = [_transaction(t) | bundle_states.of_part(t) for t in transactions[r.id]]
        sources[r.data_source_id]["invoices"].append(
            _compact(invoice) | bundle_states.of_invoice(r) | {"line_items": items, "transactions": parts}
        )
    for ds_id, source in sources.items():
        source.update(bundle_crm.export(scope, ds_id))
    for sub in subscriptions.values():
        if sorted(implied[sub.id]) != sub.cancellation_dates:
            sources[sub.data_source_id]["subscriptions"].append(
                {
                    "customer_external_id": customers[sub.customer_id],
                    "external_id": sub.external_id,
                    "cancellation_dates": sub.cancellation_dates,
                }
            )
    groups: dict[int, dict[str, Any]] = {r.id: {"name": r.name, "plans": []} for r in rows(s.plan_groups)}
    link = s.plan_group_plans
    for group_id, plan_id in conn.execute(
        select(link.c.plan_group_id, link.c.plan_id)
        .join(s.plan_groups, s.plan_groups.c.id == link.c.plan_group_id)
        .where(s.plan_groups.c.account_id == account_id)
        .order_by(link.c.plan_group_id, link.c.plan_id)
    ):
        plan = plans[plan_id]
        groups[group_id]["plans"].append(
            {"data_source": names[plan.data_source_id], "external_id": plan.external_id}
        )
    return {
        "mogul_bundle": FORMAT,
        "data_sources": [{k: v for k, v in source.items() if v != []} for source in sources.values()],
        "plan_groups": list(groups.values()),
    }


def count(bundle: Mapping[str, Any]) -> dict[str, int]:
    """How many data sources, plans, customers, invoices and plan groups a (checked) bundle holds."""
    sources = bundle.get("data_sources") or []
    out = {"data_sources": len(sources)}
    for kind in _IMPORTED:
        out[kind] = sum(len(source.get(kind) or []) for source in sources)
    return out | {"plan_groups": len(bundle.get("plan_groups") or [])}


# -- reading a bundle -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cancellation:
    """A subscription's cancellation dates as the bundle gives them (stored as they are, in order)."""

    index: int
    customer_external_id: str
    external_id: str
    dates: list[str]


@dataclass
class SourceSeed:
    """One data source of a bundle: its bulk import, checked as far as it can be without the database."""

    index: int
    name: str
    system: str
    prepared: json_imports.Prepared
    # the customers' custom attributes given as a plain map, by customer external id
    custom: dict[str, dict[str, Any]]
    cancellations: list[Cancellation]
    states: list[bundle_states.InvoiceState] = field(default_factory=list)
    crm: dict[str, list[Any]] = field(default_factory=dict)  # CRM objects by kind (bundle_crm)


@dataclass(frozen=True)
class GroupSeed:
    index: int
    name: str
    plans: list[tuple[str, str]]  # (data source name, plan external id)


@dataclass
class Seed:
    """A bundle read and checked before the write turn; `error` is kept for `write` to raise."""

    error: wire.ApiError | None = None
    sources: list[SourceSeed] = field(default_factory=list)
    groups: list[GroupSeed] = field(default_factory=list)


def _unknown(f: Fields, known: tuple[str, ...], errors: dict[str, str]) -> None:
    for key in f.data:
        if key not in known:
            errors[f.name(key)] = f"Unknown key; this object takes {', '.join(known)}."


def _split_custom(customers: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The customers without custom attributes given as a plain map, and those maps by external id."""
    out, maps = [], {}
    for customer in customers:
        attributes = customer.get("attributes")
        if isinstance(attributes, dict) and isinstance(attributes.get("custom"), dict):
            external_id = customer.get("external_id")
            if isinstance(external_id, str):
                maps[external_id] = attributes["custom"]
            rest = {k: v for k, v in attributes.items() if k != "custom"}
            customer = {**customer, "attributes": rest}
        out.append(customer)
    return out, maps


def _cancellation(index: int, f: Fields) -> Cancellation | None:
    customer = f.string("customer_external_id", required=True, blank=False)
    external_id = f.string("external_id", required=True, blank=False)
    raw = f.data.get("cancellation_dates")
    dates = []
    if not isinstance(raw, list):
        f.fail("cancellation_dates", "cancellation_dates must be an array of timestamps.")
    else:
        for n, value in enumerate(raw):
            try:
                dates.append(wire.fmt_ms(wire.parse_time(value)))
            except ValueError:
                f.fail(f"cancellation_dates[{n}]", "cancellation_dates must hold ISO 8601 timestamps.")
    if customer is None or external_id is None:
        return None
    return Cancellation(index, customer, external_id, sorted(dates))


def _source(index: int, raw: dict[str, Any], errors: dict[str, str]) -> SourceSeed | None:
    f = Fields(raw, prefix=f"data_sources[{index}].")
    _unknown(f, _SOURCE_KEYS, errors)
    name = f.string("name", required=True, blank=False, max_len=255, message=data_sources.NAME_REQUIRED)
    system = f.string("system", max_len=64) or "Custom"
    arrays = {kind: f.objects(kind) or [] for kind in (*_IMPORTED, "subscriptions", *bundle_crm.KINDS)}
    cancellations = []
    for n, item in enumerate(arrays["subscriptions"]):
        sf = Fields(item, prefix=f"{f.prefix}subscriptions[{n}].")
        _unknown(sf, ("customer_external_id", "external_id", "cancellation_dates"), errors)
        cancellation = _cancellation(n, sf)
        errors.update(errors_of(sf))
        if cancellation is not None:
            cancellations.append(cancellation)
    errors.update(errors_of(f))
    invoices, states = bundle_states.split(arrays["invoices"], f.prefix, errors)
    if name is None or errors:
        return None
    customers, custom = _split_custom(arrays["customers"])
    body = {"plans": arrays["plans"], "customers": customers, "invoices": invoices}
    prepared = json_imports.prepare(body, limited=False)
    crm = {kind: arrays[kind] for kind in bundle_crm.KINDS}
    return SourceSeed(index, name, system, prepared, custom, cancellations, states, crm)


def _group(index: int, raw: dict[str, Any], errors: dict[str, str]) -> GroupSeed | None:
    f = Fields(raw, prefix=f"plan_groups[{index}].")
    _unknown(f, _GROUP_KEYS, errors)
    name = f.string("name", required=True, blank=False, max_len=255)
    plans = []
    for n, ref in enumerate(f.objects("plans", required=True) or []):
        pf = Fields(ref, prefix=f"{f.prefix}plans[{n}].")
        _unknown(pf, ("data_source", "external_id"), errors)
        source = pf.string("data_source", required=True, blank=False)
        external_id = pf.string("external_id", required=True, blank=False)
        errors.update(errors_of(pf))
        if source is not None and external_id is not None:
            plans.append((source, external_id))
    errors.update(errors_of(f))
    return None if name is None else GroupSeed(index, name, plans)


def prepare(bundle: Any) -> Seed:
    """Read and check a bundle without the database (never raising: see `Seed.error`)."""
    seed = Seed()
    try:
        f = Fields({} if bundle is None else bundle, what="bundle")
    except wire.ApiError as exc:
        seed.error = exc
        return seed
    errors: dict[str, str] = {}
    _unknown(f, _BUNDLE_KEYS, errors)
    if f.has("mogul_bundle") and f.data["mogul_bundle"] != FORMAT:
        f.fail("mogul_bundle", f"This mogul reads bundles of format {FORMAT}.")
    sources = f.objects("data_sources") or []
    groups = f.objects("plan_groups") or []
    errors.update(errors_of(f))
    names: dict[str, int] = {}
    for index, raw in enumerate(sources):
        source = _source(index, raw, errors)
        if source is None:
            continue
        if source.name in names:
            errors[f"data_sources[{index}].name"] = (
                f"Data source {source.name!r} is also data_sources[{names[source.name]}]; "
                "one entry holds all its objects."
            )
        names.setdefault(source.name, index)
        seed.sources.append(source)
    for index, raw in enumerate(groups):
        group = _group(index, raw, errors)
        if group is not None:
            seed.groups.append(group)
    if errors:
        seed.error = wire.invalid(errors)
    return seed


# -- seeding --------------------------------------------------------------------------------------------

# a failed object's kind (its array in the bundle) by the name a JSON import's report gives it
_KIND_OF = {name: kind for kind, name in json_imports.OBJECT_NAMES.items()}


class _Summary:
    def __init__(self) -> None:
        self.created = dict.fromkeys(SEEDED, 0)
        self.matched = dict.fromkeys(SEEDED, 0)
        self.updated = {"subscriptions": 0}
        self.errors: dict[str, str] = {}

    def body(self) -> dict[str, Any]:
        return {"created": self.created, "matched": self.matched, "updated": self.updated}


def _data_source(scope: Scope, source: SourceSeed, summary: _Summary) -> Any:
    """The account's data source of this name, made when there is none."""
    ds = s.data_sources
    row = scope.conn.execute(
        select(ds).where(ds.c.account_id == scope.account.id, ds.c.name == source.name)
    ).first()
    if row is not None:
        summary.matched["data_sources"] += 1
        return row
    made = data_sources.create(
        scope, {"name": source.name, "system": source.system}, data_sources.DataSourceOptions()
    )
    summary.created["data_sources"] += 1
    return find(scope, ds, made["uuid"], "Data source")


def _customer_ids(scope: Scope, ds: Any, external_ids: list[str]) -> dict[str, int]:
    if not external_ids:
        return {}
    c, conn = s.customers.c, scope.conn
    query = select(c.external_id, c.id).where(
        c.data_source_id == ds.id, among(conn, c.external_id, external_ids)
    )
    return {r.external_id: r.id for r in conn.execute(query)}


def _seed_source(scope: Scope, source: SourceSeed, summary: _Summary) -> None:
    ds = _data_source(scope, source, summary)
    stored = _customer_ids(scope, ds, list(source.custom))
    invoices_before = bundle_states.stored(scope, ds.id, source.states)
    details = json_imports.write(scope, ds, source.prepared)
    for kind in SEEDED[1:6]:
        summary.created[kind] += details[kind]["created"]
        summary.matched[kind] += details[kind]["matched"]
    where = f"data_sources[{source.index}]"
    for failure in details["errors"]:
        kind = _KIND_OF[failure["object"]]
        for name, message in failure["errors"].items():
            summary.errors[f"{where}.{kind}[{failure['index']}].{name}"] = message
    # custom attributes given as a map: set on the customers this seed made (a matched one keeps its own)
    made = _customer_ids(scope, ds, [ext for ext in source.custom if ext not in stored])
    update_rows(
        scope.conn,
        s.customers,
        ("custom",),
        [{"_id": i, "custom": source.custom[ext]} for ext, i in made.items()],
    )
    # disabled, voided and written-off invoices (and parts) of the invoices this seed made
    changed = bundle_states.apply(scope, ds.id, source.states, invoices_before)
    derive.refresh(scope.conn, scope.account, changed)
    _cancel(scope, ds, source, summary)
    counts = {"created": summary.created, "matched": summary.matched}
    summary.errors.update(bundle_crm.seed(scope, ds, source.index, source.crm, counts))


def _cancel(scope: Scope, ds: Any, source: SourceSeed, summary: _Summary) -> None:
    """Set the cancellation dates the bundle gives, then recompute the customers whose dates changed."""
    if not source.cancellations:
        return
    sub, c = s.subscriptions, s.customers
    conn = scope.conn
    found = {
        (r.customer_external_id, r.external_id): r
        for r in conn.execute(
            select(
                sub.c.id,
                sub.c.customer_id,
                sub.c.external_id,
                sub.c.cancellation_dates,
                c.c.external_id.label("customer_external_id"),
            )
            .join(c, c.c.id == sub.c.customer_id)
            .where(
                sub.c.data_source_id == ds.id,
                among(conn, sub.c.external_id, [x.external_id for x in source.cancellations]),
            )
        )
    }
    changed = set()
    for cancellation in source.cancellations:
        row = found.get((cancellation.customer_external_id, cancellation.external_id))
        if row is None:
            where = f"data_sources[{source.index}].subscriptions[{cancellation.index}].external_id"
            summary.errors[where] = (
                f"Customer {cancellation.customer_external_id} has no subscription "
                f"{cancellation.external_id} in this data source."
            )
            continue
        if row.cancellation_dates != cancellation.dates:
            conn.execute(sub.update().where(sub.c.id == row.id).values(cancellation_dates=cancellation.dates))
            changed.add(row.customer_id)
            summary.updated["subscriptions"] += 1
    derive.refresh(conn, scope.account, changed, lines_removed=False)


def _seed_groups(scope: Scope, groups: list[GroupSeed], summary: _Summary) -> None:
    """Plan groups: one stored with the same name and plans is matched, others are made."""
    if not groups:
        return
    conn, account_id = scope.conn, scope.account.id
    p, ds, g, link = s.plans, s.data_sources, s.plan_groups, s.plan_group_plans
    plan_ids = {
        (r.name, r.external_id): r.id
        for r in conn.execute(
            select(ds.c.name, p.c.external_id, p.c.id)
            .join(ds, ds.c.id == p.c.data_source_id)
            .where(p.c.account_id == account_id)
        )
    }
    stored: dict[int, tuple[str, set[int]]] = {
        r.id: (r.name, set())
        for r in conn.execute(select(g.c.id, g.c.name).where(g.c.account_id == account_id))
    }
    for group_id, plan_id in conn.execute(
        select(link.c.plan_group_id, link.c.plan_id)
        .join(g, g.c.id == link.c.plan_group_id)
        .where(g.c.account_id == account_id)
    ):
        stored[group_id][1].add(plan_id)
    available = Counter((name, frozenset(ids)) for name, ids in stored.values())
    for group in groups:
        ids = []
        for n, (source, external_id) in enumerate(group.plans):
            plan_id = plan_ids.get((source, external_id))
            if plan_id is None:
                summary.errors[f"plan_groups[{group.index}].plans[{n}]"] = (
                    f"Data source {source!r} has no plan {external_id}."
                )
            else:
                ids.append(plan_id)
        key = (group.name, frozenset(ids))
        if available[key] > 0:
            available[key] -= 1
            summary.matched["plan_groups"] += 1
        else:
            plan_groups.store(scope, group.name, list(dict.fromkeys(ids)))
            summary.created["plan_groups"] += 1


def write(scope: Scope, seed: Seed) -> dict[str, Any]:
    """Seed the account with a prepared bundle: what it holds that is not stored yet is written, in
    one transaction; any object that fails is a 422 and nothing is stored (the caller's transaction
    rolls back). Answers how many objects were created and matched, by kind."""
    if seed.error is not None:
        raise seed.error
    summary = _Summary()
    for source in seed.sources:
        _seed_source(scope, source, summary)
    _seed_groups(scope, seed.groups, summary)
    if summary.errors:
        raise wire.invalid(summary.errors)
    return summary.body()
