"""Past Due from payments: when a subscription's most recent billing period has a failed payment.

ChartMogul's help centre (Customer and subscription statuses): a subscription is past due when it "has a
past-due payment in its most recent billing period", and a past-due subscription makes its customer
Past Due over Active. For API data it is also past due once its last period ends unrenewed, which
`derive.refresh` keeps as the customer's `past_due_from`; this module adds the other cause:

- the most recent billing period of a subscription is its counted subscription line item that starts
  last (the latest id among equal starts), and its invoice is the one whose payments count;
- that invoice's enabled `payment` transactions, oldest first: a failed one makes the subscription past
  due from its date, and a successful one after it makes it current again (a retried card that went
  through). Refunds do not change it.

So a customer whose latest invoice's payment failed shows Past Due at once (with or without a due date
passed), keeps its MRR (ChartMogul counts past-due subscriptions' MRR), and is Active again when a later
payment succeeds or a new period's invoice arrives.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, false, select

from mogul.server.domain import record_states
from mogul.store import schema as s
from mogul.store.bulk import among


def failed_since(conn: Connection, subscription_ids: Iterable[int]) -> dict[int, datetime]:
    """For each of these subscriptions (row ids) whose most recent billing period has an unrecovered
    failed payment: the date of the first failed payment since the last successful one."""
    li, inv, tr = s.line_items, s.invoices, s.transactions
    subscriptions = set(subscription_ids)
    if not subscriptions:
        return {}
    latest: dict[int, tuple[datetime, int, int]] = {}  # subscription -> (period start, line id, invoice)
    for sub_id, start, line_id, invoice_id in conn.execute(
        select(li.c.subscription_id, li.c.service_period_start, li.c.id, li.c.invoice_id)
        .join(inv, inv.c.id == li.c.invoice_id)
        .where(
            among(conn, li.c.subscription_id, subscriptions),
            li.c.type == "subscription",
            record_states.counted(),
        )
    ):
        if sub_id not in latest or (start, line_id) > latest[sub_id][:2]:
            latest[sub_id] = (start, line_id, invoice_id)
    failed: dict[int, datetime] = {}  # invoice -> first failure since the last success
    for invoice_id, date, result in conn.execute(
        select(tr.c.invoice_id, tr.c.date, tr.c.result)
        .where(
            among(conn, tr.c.invoice_id, {invoice for _, _, invoice in latest.values()}),
            tr.c.type == "payment",
            tr.c.disabled == false(),
        )
        .order_by(tr.c.date, tr.c.id)
    ):
        if result == "failed":
            failed.setdefault(invoice_id, date)
        else:
            failed.pop(invoice_id, None)
    return {sub: failed[invoice] for sub, (_, _, invoice) in latest.items() if invoice in failed}
