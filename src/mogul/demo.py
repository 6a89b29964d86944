"""`mogul demo`: every module in one realistic story, against a throwaway `mogul serve`.

The demo starts `mogul serve` as a subprocess on a free loopback port over a new SQLite file, then runs
each module through `mogul.Client` as a small subscription business would: a data source, three plans
and a plan group, customers with tags and custom attributes, invoices with subscription and one-time line
items, discounts, taxes and transactions, the CRM modules (contacts, notes, opportunities, tasks) on one
customer, then reads, updates, corrections (an invoice updated, disabled and voided, a line item and a
transaction edited), a cancellation, metrics, an API call and deletes. Each step prints the module's Make
name and a compact result; a summary ends it.

Dates are relative to today, so the subscriptions are live and the MRR figures are the same on any day.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from mogul.errors import MogulError

DEMO_KEY = "demo-key"
START_TIMEOUT = 30.0


class DemoError(Exception):
    """Why the demo could not run to its end, in one line."""


# -- the server ------------------------------------------------------------------------------------------


@contextmanager
def serve(db_path: Path) -> Iterator[str]:
    """`mogul serve --port 0` on `db_path`; yields its base URL (without /v1) once it listens."""
    command = [
        sys.executable,
        "-c",
        "from mogul.cli.main import main; main()",
        "serve",
        "--port",
        "0",
        "--db",
        f"sqlite:///{db_path}",
        "--api-key",
        DEMO_KEY,
    ]
    log = db_path.with_suffix(".log")
    with log.open("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        try:
            yield _wait_for_url(process, errors)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_url(process: subprocess.Popen[str], errors: TextIO) -> str:
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, name="mogul-demo-serve", daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=START_TIMEOUT)
        except queue.Empty:
            raise DemoError(f"mogul serve did not start within {START_TIMEOUT:g} s") from None
        if line is None:
            process.wait()
            errors.seek(0)
            last = ([ln for ln in errors.read().splitlines() if ln.strip()] or ["no message"])[-1]
            raise DemoError(f"mogul serve stopped (exit code {process.returncode}): {last}")
        if line.startswith("http"):
            return line.strip().removesuffix("/v1")


# -- the story -------------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) / 100:,.2f}"


@dataclass
class Story:
    """Runs modules, prints a line per step, and keeps count."""

    client: Any
    out: TextIO
    ran: Counter[str] = field(default_factory=Counter)
    created: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    # what the CRM steps leave to delete: (module, field, uuid)
    crm_objects: list[tuple[str, str, str]] = field(default_factory=list)

    def step(self, module_id: str, inputs: dict[str, Any], show: Callable[[Any], str] | None = None) -> Any:
        module = self.client.modules.get(module_id)
        try:
            result = self.client.run(module_id, inputs)
            if module.many:
                result = list(result)
        except MogulError as exc:
            raise DemoError(f"{module.label} ({module_id}) failed: {exc}") from exc
        self.ran[module_id] += 1
        # the objects of their own (not an invoice's line items and transactions)
        if module.group not in _NOUNS:
            pass
        elif module.action in ("create", "import"):
            self.created[module.group] += 1
        elif module.action == "delete":
            self.deleted[module.group] += 1
        text = show(result) if show else _compact(result, module.output)
        self.out.write(f"  {module.label:<36} {text}\n")
        self.out.flush()
        return result

    def section(self, title: str) -> None:
        self.out.write(f"\n{title}\n")


def _compact(result: Any, output: str) -> str:
    if output == "none":
        return "deleted"
    if isinstance(result, list):
        return f"{len(result)} found"
    if isinstance(result, dict):
        name = result.get("name") or result.get("external_id") or ""
        return f"{name}  {result.get('uuid', '')}".strip()
    return str(result)


def _state(record: Any) -> str:
    name = record.get("external_id") or record["uuid"]
    return f"{name} {'disabled' if record['disabled'] else 'enabled'}"


def _names(items: list[Any], key: str = "name") -> str:
    return f"{len(items)}: " + ", ".join(str(i.get(key)) for i in items)


# external id, name, email, company, country, city, tags, custom attributes
CUSTOMERS: tuple[tuple[str, str, str, str, str, str, list[str], list[str]], ...] = (
    ("acme", "Acme Corp", "billing@acme.test", "Acme Corporation", "US", "New York",
     ["enterprise"], ["Integer:seats=40", "channel=sales"]),
    ("globex", "Globex", "ap@globex.test", "Globex Ltd", "GB", "London",
     ["mid-market"], ["Integer:seats=12", "channel=self-serve"]),
    ("initech", "Initech", "finance@initech.test", "Initech GmbH", "DE", "Berlin",
     ["mid-market", "annual"], ["Integer:seats=8", "channel=partner"]),
    ("umbrella", "Umbrella", "ops@umbrella.test", "Umbrella SAS", "FR", "Paris",
     ["smb"], ["Integer:seats=3", "channel=self-serve"]),
    ("hooli", "Hooli", "trial@hooli.test", "Hooli Inc", "US", "Palo Alto",
     ["trial"], ["Integer:seats=25", "channel=sales"]),
)  # fmt: skip


def story(client: Any, out: TextIO, today: date | None = None) -> Story:
    """Run every module once or more; returns the story with its counts."""
    today = today or datetime.now(UTC).date()
    run = Story(client, out)
    start = add_months(today, -1) + timedelta(days=5)  # the first service periods began about a month ago

    run.section("Data sources")
    ds = run.step("data_sources.create", {"name": "Demo Billing"})
    run.step("data_sources.create", {"name": "Old CSV import"})
    run.step("data_sources.list", {}, lambda r: _names(r))
    run.step("data_sources.get", {"data_source": "Demo Billing"}, lambda r: f"{r['name']}  {r['uuid']}")

    run.section("Plans and a plan group")
    for name, count, unit, external_id in (
        ("Pro Monthly", 1, "month", "pro_monthly"),
        ("Pro Quarterly", 3, "month", "pro_quarterly"),
        ("Pro Annual", 1, "year", "pro_annual"),
        ("Legacy Starter", 1, "month", "legacy_starter"),
    ):
        run.step(
            "plans.create",
            {
                "data_source": ds["uuid"],
                "name": name,
                "interval_count": count,
                "interval_unit": unit,
                "external_id": external_id,
            },
            lambda r: f"{r['name']} (every {r['interval_count']} {r['interval_unit']})  {r['uuid']}",
        )
    run.step("plans.list", {"data_source": "Demo Billing"}, lambda r: _names(r))
    run.step("plans.get", {"plan": "pro_quarterly"}, lambda r: f"{r['name']}  {r['uuid']}")
    run.step(
        "plans.update", {"plan": "pro_annual", "name": "Pro Annual (2 months free)"}, lambda r: r["name"]
    )
    run.step("plan_groups.create", {"name": "Pro", "plans": ["pro_monthly", "pro_quarterly"]})
    run.step("plan_groups.create", {"name": "Spring promo", "plans": ["legacy_starter"]})
    run.step(
        "plan_groups.update", {"plan_group": "Pro", "plans": ["pro_monthly", "pro_quarterly", "pro_annual"]}
    )
    run.step("plan_groups.list", {}, lambda r: _names(r))
    run.step("plan_groups.get", {"plan_group": "Pro"}, lambda r: f"{r['name']}, {r.get('plans_count')} plans")
    run.step("plan_groups.list_plans", {"plan_group": "Pro"}, lambda r: _names(r))

    run.section("Customers")
    for external_id, name, email, company, country, city, tags, custom in CUSTOMERS:
        inputs: dict[str, Any] = {
            "data_source": "Demo Billing",
            "external_id": external_id,
            "name": name,
            "email": email,
            "company": company,
            "country": country,
            "city": city,
            "tags": tags,
            "custom": custom,
            "lead_created_at": start - timedelta(days=30),
        }
        if external_id == "hooli":
            inputs["free_trial_started_at"] = today - timedelta(days=3)
        run.step("customers.create", inputs, lambda r: f"{r['name']} ({r['external_id']}), {r['status']}")
    run.step("customers.create", {"data_source": "Demo Billing", "external_id": "tempco", "name": "Temp Co"})
    run.step("customers.list", {"data_source": "Demo Billing"}, lambda r: _names(r))
    run.step(
        "customers.get", {"customer": "globex"}, lambda r: f"{r['name']}, {r['company']}, {r['country']}"
    )
    run.step(
        "customers.update",
        {"customer": "acme", "city": "Boston", "tags": ["enterprise", "priority-support"]},
        lambda r: f"{r['name']} now in {r['city']}, tags {', '.join(r['attributes']['tags'])}",
    )
    run.step("customers.search", {"email": "ap@globex.test"}, lambda r: _names(r))

    run.section("Invoices")

    def subscription_item(
        plan: str, sub: str, begins: date, months: int, cents: int, **extra: Any
    ) -> dict[str, Any]:
        return {
            "type": "subscription",
            "subscription_external_id": sub,
            "plan": plan,
            "service_period_start": begins,
            "service_period_end": add_months(begins, months),
            "amount_in_cents": cents,
            **extra,
        }

    def paid(day: date, external_id: str, result: str = "successful") -> dict[str, Any]:
        return {"date": day, "type": "payment", "result": result, "external_id": external_id}

    def invoice(customer: str, external_id: str, day: date, items: list[Any], transactions: list[Any]) -> Any:
        return run.step(
            "invoices.import",
            {
                "customer": customer,
                "external_id": external_id,
                "date": day,
                "currency": "USD",
                "line_items": items,
                "transactions": transactions,
            },
            lambda r: (
                f"{r['external_id']}: {len(r['line_items'])} line items, "
                f"{money(sum(i['amount_in_cents'] for i in r['line_items']))}"
            ),
        )

    previous = add_months(start, -1)
    invoice(
        "acme",
        "INV-1001",
        previous,
        [
            subscription_item("pro_monthly", "acme-pro", previous, 1, 9_900, quantity=1),
            {
                "type": "one_time",
                "description": "Onboarding",
                "amount_in_cents": 40_000,
                "discount_amount_in_cents": 10_000,
                "discount_code": "WELCOME25",
                "tax_amount_in_cents": 6_400,
            },
        ],
        [paid(previous, "pay-1001")],
    )
    acme = invoice(
        "acme",
        "INV-1002",
        start,
        [subscription_item("pro_monthly", "acme-pro", start, 1, 9_900)],
        [paid(start, "pay-1002-a", "failed")],
    )
    invoice(
        "globex",
        "INV-2001",
        start,
        [
            subscription_item(
                "pro_quarterly",
                "globex-pro",
                start,
                3,
                27_000,
                discount_amount_in_cents=3_000,
                discount_code="LAUNCH10",
                tax_amount_in_cents=2_700,
            )
        ],
        [paid(start, "pay-2001")],
    )
    invoice(
        "initech",
        "INV-3001",
        start,
        [
            subscription_item(
                "pro_annual", "initech-pro", start, 12, 99_000, tax_amount_in_cents=0, quantity=8
            )
        ],
        [paid(start, "pay-3001")],
    )
    invoice(
        "umbrella",
        "INV-4001",
        start,
        [subscription_item("pro_monthly", "umbrella-pro", start, 1, 9_900)],
        [paid(start, "pay-4001")],
    )
    invoice(
        "tempco",
        "INV-9001",
        start,
        [subscription_item("legacy_starter", "tempco-starter", start, 1, 1_900)],
        [],
    )
    run.step("invoices.list", {"customer": "acme"}, lambda r: _names(r, "external_id"))
    run.step(
        "invoices.get",
        {"invoice": "INV-2001"},
        lambda r: (
            f"{r['external_id']}, {r['currency']}, transactions: "
            + ", ".join(f"{t['type']} {t['result']}" for t in r["transactions"])
        ),
    )
    run.step(
        "invoices.import_transaction",
        {
            "invoice": acme["uuid"],
            "type": "payment",
            "result": "successful",
            "date": start + timedelta(days=2),
            "external_id": "pay-1002-b",
        },
        lambda r: f"{r['type']} {r['result']} on {str(r['date'])[:10]} (the retry of a failed card)",
    )

    run.section("Corrections")
    run.step(
        "invoices.update",
        {"invoice": "INV-1002", "due_date": start + timedelta(days=14)},
        lambda r: f"{r['external_id']} now due {str(r['due_date'])[:10]}",
    )
    run.step(
        "line_items.import",
        {
            "invoice": "INV-1001",
            "type": "one_time",
            "description": "Extra training seat",
            "amount_in_cents": 5_000,
            "external_id": "li-extra-seat",
        },
        lambda r: f"{r['description']} {money(r['amount_in_cents'])} added to INV-1001",
    )
    run.step("line_items.list", {"data_source": "Demo Billing"}, lambda r: f"{len(r)} line items")
    run.step("line_items.get", {"line_item": "li-extra-seat"}, lambda r: f"{r['description']}, {r['type']}")
    run.step(
        "line_items.update",
        {"line_item": "li-extra-seat", "data_source": "Demo Billing", "amount_in_cents": 4_000},
        lambda r: f"{r['description']} now {money(r['amount_in_cents'])}",
    )
    for action in ("disable", "enable"):
        run.step(f"line_items.{action}", {"line_item": "li-extra-seat"}, _state)
    run.step("line_items.delete", {"line_item": "li-extra-seat"})
    run.step("transactions.list", {"data_source": "Demo Billing"}, lambda r: f"{len(r)} transactions")
    run.step(
        "transactions.get",
        {"transaction": "pay-1002-a"},
        lambda r: f"{r['type']} {r['result']} on {str(r['date'])[:10]}",
    )
    run.step(
        "transactions.update",
        {"transaction": "pay-1002-a", "amount_in_cents": 9_900},
        lambda r: f"{r['type']} {r['result']} of {money(r['amount_in_cents'])}",
    )
    for action in ("disable", "enable"):
        run.step(f"transactions.{action}", {"transaction": "pay-1002-a"}, _state)
    run.step("transactions.delete", {"transaction": "pay-1002-a"})
    # Temp Co's invoice (deleted at the end): its MRR leaves while it is disabled, and once it is voided
    for action in ("disable", "enable"):
        run.step(f"invoices.{action}", {"invoice": "INV-9001"}, _state)
    run.step(
        "invoices.update_status",
        {"invoice": "INV-9001", "status": "voided"},
        lambda r: f"{r['external_id']} {r['status']}",
    )

    run.section("Subscriptions")
    subs = run.step("subscriptions.list", {"customer": "umbrella"}, lambda r: _names(r, "external_id"))
    run.step(
        "subscriptions.cancel",
        {"subscription": subs[0]["uuid"], "cancelled_at": today - timedelta(days=1)},
        lambda r: f"{r['external_id']} cancelled at {str(r['cancellation_dates'][0])[:10]}",
    )

    # Demo Billing is fed by invoices, so it takes scheduled events: commitments that change no MRR
    named = {"subscription_event": "ev-acme-upgrade", "data_source": "Demo Billing"}
    run.step(
        "subscription_events.create",
        {
            "data_source": "Demo Billing",
            "customer_external_id": "acme",
            "subscription_external_id": "acme-pro",
            "event_type": "subscription_update_scheduled",
            "event_date": today,
            "effective_date": add_months(today, 1),
            "plan_external_id": "pro_monthly",
            "currency": "USD",
            "amount_in_cents": 19_800,
            "quantity": 2,
            "external_id": "ev-acme-upgrade",
        },
        lambda r: f"{r['event_type']} on {r['effective_date'][:10]}, id {r['id']}",
    )
    run.step("subscription_events.list", {"data_source": "Demo Billing"}, lambda r: f"{len(r)} events")
    run.step(
        "subscription_events.update",
        {**named, "quantity": 3, "amount_in_cents": 29_700},
        lambda r: f"{r['external_id']} now {r['quantity']} seats, {money(r['amount_in_cents'])}",
    )
    for action in ("disable", "enable"):
        run.step(f"subscription_events.{action}", named, _state)
    run.step("subscription_events.delete", named)

    crm(run, today)
    events_and_merges(run, start)

    run.section("Metrics and activities")
    window = {"start_date": add_months(today, -2), "end_date": today, "interval": "month"}
    run.step(
        "metrics.all",
        window,
        lambda r: f"{len(r['entries'])} entries, MRR now {money(r['entries'][-1]['mrr'])}",
    )
    for metric in (
        "mrr",
        "arr",
        "arpa",
        "asp",
        "customer_count",
        "customer_churn_rate",
        "mrr_churn_rate",
        "ltv",
    ):
        run.step(f"metrics.{metric}", window, _latest)
    run.step("activities.list", {"order": "-date"}, lambda r: f"{len(r)}: " + ", ".join(a["type"] for a in r))
    run.step(
        "activities.customer", {"customer": "umbrella"}, lambda r: ", ".join(a["description"] for a in r)
    )
    export = run.step(
        "activities.export", {"type": "churn", "wait": False}, lambda r: f"{r['status']}, id {r['id']}"
    )
    run.step("activities.get_export", {"id": export["id"]}, lambda r: f"{r['status']}: {r['file_url']}")

    run.section("An API call")
    run.step(
        "api.call",
        {"method": "GET", "url": "/v1/account"},
        lambda r: f"{r['status']}: {r['body'].get('name')}",
    )

    run.section("Deletes")
    for module_id, name, uuid in run.crm_objects:
        run.step(module_id, {name: uuid})
    run.step("invoices.delete", {"invoice": "INV-9001"})
    run.step("customers.delete", {"customer": "tempco"})
    run.step("customers.delete", {"customer": "acme-dup"})
    run.step("data_sources.delete", {"data_source": "Demo Events"})
    run.step("plan_groups.delete", {"plan_group": "Spring promo"})
    run.step("plans.delete", {"plan": "legacy_starter"})
    run.step("data_sources.delete", {"data_source": "Old CSV import"})
    return run


def events_and_merges(run: Story, start: date) -> None:
    """Subscription events on a data source of their own (which the deletes remove), two of its
    subscriptions connected and disconnected, and a duplicate customer merged into Acme and back out."""
    run.section("Subscription events, connections, merges")
    run.step("data_sources.create", {"name": "Demo Events"})
    plan = {"data_source": "Demo Events", "name": "Events Monthly", "interval_count": 1}
    run.step("plans.create", plan | {"interval_unit": "month", "external_id": "events_monthly"})
    run.step("customers.create", {"data_source": "Demo Events", "external_id": "soylent", "name": "Soylent"})

    def event(external_id: str, kind: str, sub: str, day: date, cents: int) -> Any:
        inputs = {
            "data_source": "Demo Events",
            "customer_external_id": "soylent",
            "subscription_external_id": sub,
            "event_type": kind,
            "event_date": day,
            "effective_date": day,
            "plan_external_id": "events_monthly",
            "currency": "USD",
            "amount_in_cents": cents,
            "quantity": 1,
            "external_id": external_id,
        }
        return run.step("subscription_events.create", inputs, lambda r: f"{r['event_type']}  id {r['id']}")

    event("ev-1", "subscription_start", "soy-1", start, 5_000)
    second = event("ev-2", "subscription_updated", "soy-1", start + timedelta(days=7), 6_000)
    third = event("ev-3", "subscription_start", "soy-2", start + timedelta(days=9), 2_000)
    run.step("subscription_events.list", {"data_source": "Demo Events"}, lambda r: f"{len(r)} events")
    run.step(
        "subscription_events.update",
        {"subscription_event": str(second["id"]), "amount_in_cents": 6_500},
        lambda r: f"{r['event_type']} now {money(r['amount_in_cents'])}",
    )
    for action in ("disable", "enable"):
        run.step(f"subscription_events.{action}", {"subscription_event": str(second["id"])})
    pair = {"customer": "soylent", "subscriptions": ["soy-1", "soy-2"]}
    run.step("subscriptions.connect", pair)
    run.step("subscriptions.disconnect", pair)
    run.step("subscription_events.delete", {"subscription_event": str(third["id"])})

    run.step(
        "customers.create", {"data_source": "Demo Billing", "external_id": "acme-dup", "name": "Acme dup"}
    )
    run.step("customers.merge", {"from_customer": "acme-dup", "into_customer": "acme"})
    run.step(
        "customers.unmerge",
        {"customer": "acme", "data_source": "Demo Billing", "external_id": "acme-dup"},
    )


def crm(run: Story, today: date) -> None:
    """The CRM modules on one customer: contacts (two, merged), call logs and notes of the customer and
    a contact, an opportunity, tasks; what
    is left of them is deleted with the other deletes (`run.crm_objects`)."""
    run.section("CRM: contacts, notes, opportunities, tasks")
    first = run.step(
        "contacts.create",
        {
            "customer": "acme",
            "first_name": "Wile",
            "last_name": "Coyote",
            "title": "Head of Procurement",
            "email": "wile@acme.test",
            "custom": ["Integer:seats=40"],
        },
        lambda r: f"{r['first_name']} {r['last_name']}, {r['title']}  {r['uuid']}",
    )
    second = run.step(
        "contacts.add",
        {"customer": "acme", "email": "wile.e@acme.test", "phone": "+1 555 0100"},
        lambda r: f"{r['email']} (position {r['position']})  {r['uuid']}",
    )
    run.step("contacts.list", {"customer": "acme"}, lambda r: _names(r, "email"))
    run.step("contacts.customer", {"customer": "acme"}, lambda r: _names(r, "email"))
    run.step("contacts.get", {"contact": first["uuid"]}, lambda r: f"{r['email']}, {r['custom']}")
    run.step(
        "contacts.update",
        {"contact": second["uuid"], "title": "CFO"},
        lambda r: f"{r['email']} now {r['title']}",
    )
    run.step(
        "contacts.merge",
        {"into_contact": first["uuid"], "from_contact": second["uuid"]},
        lambda r: f"{r['email']} kept, phone {r['phone']} taken from the merged contact",
    )
    note = run.step(
        "customer_notes.create",
        {"customer": "acme", "type": "call", "text": "Renewal call", "call_duration": 900},
        lambda r: f"{r['type']}: {r['text']} ({r['call_duration']} s)  {r['uuid']}",
    )
    run.step("customer_notes.list", {"customer": "acme"}, lambda r: _names(r, "text"))
    run.step("customer_notes.get", {"note": note["uuid"]}, lambda r: f"{r['type']} by {r['author']}")
    run.step(
        "customer_notes.update",
        {"note": note["uuid"], "text": "Renewal call: 2 more seats"},
        lambda r: r["text"],
    )
    logged = run.step(
        "notes.create_for_contact",
        {"contact": first["uuid"], "type": "call", "text": "Intro call", "call_duration": 300},
        lambda r: f"{r['type']} with {r['associated_object']} {r['associated_object_uuid']}  {r['uuid']}",
    )
    run.step(
        "notes.create",
        {"customer": "acme", "type": "note", "text": "Asked for a quote"},
        lambda r: f"{r['type']} on {r['associated_object']}: {r['text']}",
    )
    run.step("notes.list", {"contact": first["uuid"]}, lambda r: _names(r, "text"))
    run.step("notes.get", {"note": logged["uuid"]}, lambda r: f"{r['type']} by {r['author']}")
    run.step(
        "notes.update", {"note": logged["uuid"], "call_duration": 420}, lambda r: f"{r['call_duration']} s"
    )
    deal = run.step(
        "opportunities.create",
        {
            "customer": "acme",
            "owner": "sales@demo.test",
            "pipeline": "Renewals",
            "pipeline_stage": "Negotiation",
            "estimated_close_date": add_months(today, 1),
            "amount_in_cents": 19_800,
            "currency": "USD",
            "win_likelihood": 60,
        },
        lambda r: f"{r['pipeline']} / {r['pipeline_stage']}, {money(r['amount_in_cents'])}  {r['uuid']}",
    )
    run.step("opportunities.list", {"customer": "acme"}, lambda r: _names(r, "pipeline_stage"))
    run.step(
        "opportunities.get", {"opportunity": deal["uuid"]}, lambda r: f"closes {r['estimated_close_date']}"
    )
    run.step(
        "opportunities.update",
        {"opportunity": deal["uuid"], "pipeline_stage": "Closed Won", "forecast_category": "won"},
        lambda r: f"{r['pipeline_stage']} ({r['forecast_category']})",
    )
    task = run.step(
        "tasks.create",
        {
            "customer": "acme",
            "task_details": "Send the renewal quote",
            "assignee": "sales@demo.test",
            "due_date": today + timedelta(days=7),
        },
        lambda r: f"{r['task_details']}, due {str(r['due_date'])[:10]}  {r['task_uuid']}",
    )
    run.step(
        "tasks.create_for_contact",
        {
            "contact": first["uuid"],
            "task_details": "Book the onboarding call",
            "assignee": "sales@demo.test",
            "due_date": today + timedelta(days=3),
        },
        lambda r: f"{r['task_details']}, for {r['associated_object']} {r['associated_object_uuid']}",
    )
    run.step("tasks.list", {"customer": "acme", "completed": False}, lambda r: _names(r, "task_details"))
    run.step("tasks.get", {"task": task["task_uuid"]}, lambda r: f"assigned to {r['assignee']}")
    run.step(
        "tasks.update",
        {"task": task["task_uuid"], "completed_at": datetime.now(UTC)},
        lambda r: f"completed at {str(r['completed_at'])[:10]}",
    )
    run.crm_objects = [
        # the contact's note first: deleting the contact deletes its notes and tasks
        ("notes.delete", "note", logged["uuid"]),
        ("contacts.delete", "contact", first["uuid"]),
        ("customer_notes.delete", "note", note["uuid"]),
        ("opportunities.delete", "opportunity", deal["uuid"]),
        ("tasks.delete", "task", task["task_uuid"]),
    ]


def _latest(result: Any) -> str:
    entries = result.get("entries") or []
    if not entries:
        return "no entries"
    last = entries[-1]
    key = next(k for k in last if k not in ("date", "percentage-change"))
    value = last[key]
    shown = money(value) if key in ("mrr", "arr", "arpa", "asp", "ltv") else value
    return f"{key} {shown} on {last['date']}"


def summary(run: Story, out: TextIO) -> None:
    modules = run.client.modules.modules()
    missing = [m.id for m in modules if m.id not in run.ran]
    out.write("\nSummary\n")
    out.write(f"  modules run       {len(modules) - len(missing)} of {len(modules)}\n")
    if missing:
        out.write(f"  not run           {', '.join(missing)}\n")
    out.write(f"  objects created   {_counts(run.created)}\n")
    out.write(f"  objects deleted   {_counts(run.deleted)}\n")
    out.write("  MRR per customer\n")
    total = 0
    for customer in run.client.run("customers.list", {"data_source": "Demo Billing"}):
        total += customer["mrr"]
        out.write(f"    {customer['name']:<14} {customer['status']:<10} {money(customer['mrr']):>10}\n")
    out.write(f"    {'total':<25} {money(total):>10}\n")


_NOUNS = {
    "data_sources": ("data source", "data sources"),
    "plans": ("plan", "plans"),
    "plan_groups": ("plan group", "plan groups"),
    "customers": ("customer", "customers"),
    "invoices": ("invoice", "invoices"),
    "contacts": ("contact", "contacts"),
    "customer_notes": ("customer note", "customer notes"),
    "notes": ("note", "notes"),
    "opportunities": ("opportunity", "opportunities"),
    "tasks": ("task", "tasks"),
}


def _counts(counter: Counter[str]) -> str:
    def noun(group: str, n: int) -> str:
        one, many = _NOUNS.get(group, (group, group))
        return one if n == 1 else many

    return ", ".join(f"{n} {noun(group, n)}" for group, n in counter.items()) or "none"


def run_demo(*, keep: bool = False, out: TextIO | None = None, today: date | None = None) -> Story:
    """Start a throwaway server, run the story against it, print the summary."""
    import mogul

    out = out or sys.stdout
    workdir = Path(tempfile.mkdtemp(prefix="mogul-demo-"))
    db_path = workdir / "demo.db"
    try:
        with serve(db_path) as base_url:
            out.write(f"mogul demo: `mogul serve` on {base_url} over a throwaway SQLite database\n")
            # No pacing or retries needed against a local server, and none wanted: a failure should show.
            with mogul.Client(DEMO_KEY, base_url=base_url, max_retries=0, rate_limit=None) as client:
                run = story(client, out, today)
                summary(run, out)
        if keep:
            out.write(
                f"\nThe demo database is kept: mogul serve --db sqlite:///{db_path} --api-key {DEMO_KEY}\n"
            )
        return run
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif (log := db_path.with_suffix(".log")).exists() and not log.stat().st_size:
            os.unlink(log)
