"""Sending one batch of records, and learning what became of each.

* `BulkSender`: one `POST /data_sources/{uuid}/json_imports` per batch (waiting for it when the target
  queues imports), per-object outcomes from its `status_details`.
* `FallbackSender`, for targets without bulk imports: customers and plans one request each; invoices as
  one `POST /import/customers/{uuid}/invoices` per customer. That endpoint refuses a whole batch for one
  bad invoice, so the refused batch's clean invoices are sent again, and invoices it already holds (a
  batch that was applied before its answer was lost) count as matched.

Both answer with counts per object (created, matched, failed) and the failures, located in the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from mogul import errors
from mogul.bulk.records import OBJECT_NAMES, Problem, Record
from mogul.bulk.report import Failure, empty_counts
from mogul.bulk.target import Target
from mogul.server import wire

Items = list[tuple[int, Record]]
Outcome = tuple[dict[str, dict[str, int]], list[Failure]]

DONE_STATUSES = ("completed", "failed", "cancelled")
# how long to wait for a queued import before giving up on the run (it can be resumed)
MAX_WAIT_SECONDS = 1800.0
# duplicate messages that mean "this invoice is already there" when re-sending a batch
_ALREADY_THERE = {
    "external_id": wire.DUPLICATE_INVOICE,
    "line_items.external_id": wire.DUPLICATE_LINE_ITEM,
    "transactions.external_id": wire.DUPLICATE_TRANSACTION,
}


class Sender(Protocol):
    def send(self, number: int, items: Items) -> Outcome: ...


def _reasons(record: Record, errors_by_field: Any, fallback: str) -> list[Problem]:
    """The server's per-field errors as problems located in the input."""
    if isinstance(errors_by_field, dict) and errors_by_field:
        return [
            record.at(str(k), "; ".join(map(str, v)) if isinstance(v, list) else str(v))
            for k, v in errors_by_field.items()
        ]
    return [record.at(None, fallback)]


def _count_parts(counts: dict[str, dict[str, int]], record: Record, outcome: str) -> None:
    if record.kind == "invoices":
        counts["line_items"][outcome] += record.count("line_items")
        counts["transactions"][outcome] += record.count("transactions")


class BulkSender:
    def __init__(
        self, target: Target, ds_uuid: str, kind: str, label: str, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.target = target
        self.ds_uuid = ds_uuid
        self.kind = kind
        self.label = label
        self.sleep = sleep

    def send(self, number: int, items: Items) -> Outcome:
        body = {"external_id": f"{self.label}-{number}", self.kind: [r.body for _, r in items]}
        answer = self.target.call("POST", f"/data_sources/{self.ds_uuid}/json_imports", json=body)
        answer = self._wait(answer)
        details = answer.get("status_details") if isinstance(answer, dict) else None
        details = details if isinstance(details, dict) else {}
        counts = empty_counts(self.kind)
        failures: list[Failure] = []
        failed_at: set[int] = set()
        for error in details.get("errors") or []:
            if not isinstance(error, dict) or error.get("object") != OBJECT_NAMES[self.kind]:
                continue
            position = error.get("index")
            if not isinstance(position, int) or not 0 <= position < len(items) or position in failed_at:
                continue
            failed_at.add(position)
            index, record = items[position]
            failures.append(Failure(index, _reasons(record, error.get("errors"), "refused by the import")))
        if all(isinstance(details.get(name), dict) for name in counts):
            for name in counts:
                for outcome in counts[name]:
                    counts[name][outcome] = int(details[name].get(outcome) or 0)
        else:
            # a target that does not say per object: what did not fail was created
            for position, (_, record) in enumerate(items):
                outcome = "failed" if position in failed_at else "created"
                counts[self.kind][outcome] += 1
                _count_parts(counts, record, outcome)
        return counts, failures

    def _wait(self, answer: Any) -> Any:
        """ChartMogul queues bulk imports; mogul serve finishes them within the request."""
        delay, waited = 0.5, 0.0
        while isinstance(answer, dict) and answer.get("status") not in DONE_STATUSES:
            if waited > MAX_WAIT_SECONDS:
                raise errors.APIError(
                    f"the bulk import {answer.get('id')} is still {answer.get('status')!r} after "
                    f"{MAX_WAIT_SECONDS:.0f} s"
                )
            self.sleep(delay)
            waited += delay
            delay = min(delay * 2, 5.0)
            answer = self.target.call("GET", f"/data_sources/{self.ds_uuid}/json_imports/{answer['id']}")
        return answer


class FallbackSender:
    def __init__(
        self,
        target: Target,
        ds_uuid: str,
        kind: str,
        *,
        customers: dict[str, str] | None = None,
        plans: dict[str, str] | None = None,
    ) -> None:
        self.target = target
        self.ds_uuid = ds_uuid
        self.kind = kind
        self.customers = customers if customers is not None else {}
        self.plans = plans if plans is not None else {}

    def send(self, number: int, items: Items) -> Outcome:
        if self.kind == "invoices":
            return self._invoices(items)
        return self._one_by_one(items)

    def _one_by_one(self, items: Items) -> Outcome:
        """Customers or plans: those the data source holds are matched, the others created one by one."""
        known = self.customers if self.kind == "customers" else self.plans
        path = "/customers" if self.kind == "customers" else "/plans"
        duplicate = wire.DUPLICATE_CUSTOMER if self.kind == "customers" else wire.DUPLICATE_PLAN
        counts = empty_counts(self.kind)
        failures: list[Failure] = []
        for index, record in items:
            ext = record.external_id
            if ext is not None and ext in known:
                counts[self.kind]["matched"] += 1
                continue
            try:
                made = self.target.call("POST", path, json={**record.body, "data_source_uuid": self.ds_uuid})
            except errors.APIStatusError as exc:
                if exc.status not in (400, 422):
                    raise
                fields = errors.field_errors(exc.body)
                if fields.get("external_id") == duplicate:
                    counts[self.kind]["matched"] += 1
                    continue
                counts[self.kind]["failed"] += 1
                failures.append(Failure(index, _reasons(record, fields, exc.message)))
                continue
            counts[self.kind]["created"] += 1
            if ext is not None and isinstance(made, dict):
                known[ext] = made.get("uuid", "")
        return counts, failures

    def _wire_invoice(self, body: dict[str, Any]) -> dict[str, Any]:
        """The invoice as the per-customer import takes it: plans by uuid."""
        lines = []
        for item in body.get("line_items") or []:
            if isinstance(item, dict) and "plan_external_id" in item:
                item = dict(item)
                ext = item.pop("plan_external_id")
                if item.get("plan_uuid") is None and ext in self.plans:
                    item["plan_uuid"] = self.plans[ext]
            lines.append(item)
        return {**body, "line_items": lines}

    def _invoices(self, items: Items) -> Outcome:
        counts = empty_counts("invoices")
        failures: list[Failure] = []
        groups: dict[str, Items] = {}
        for index, record in items:
            groups.setdefault(record.customer_external_id or "", []).append((index, record))

        def settle(index: int, record: Record, outcome: str, reasons: list[Problem] | None = None) -> None:
            counts["invoices"][outcome] += 1
            _count_parts(counts, record, outcome)
            if reasons is not None:
                failures.append(Failure(index, reasons))

        for customer, group in groups.items():
            uuid = self.customers.get(customer)
            if uuid is None:
                for index, record in group:
                    reasons = [
                        record.at("customer_external_id", f"customer {customer!r} is not in the data source")
                    ]
                    settle(index, record, "failed", reasons)
                continue
            pending = group
            # a refused batch is sent again without the invoices that caused the refusal
            while pending:
                try:
                    self.target.call(
                        "POST",
                        f"/import/customers/{uuid}/invoices",
                        json={"invoices": [self._wire_invoice(r.body) for _, r in pending]},
                    )
                except errors.APIStatusError as exc:
                    reports = exc.body.get("invoices") if isinstance(exc.body, dict) else None
                    if exc.status != 422 or not isinstance(reports, list) or len(reports) != len(pending):
                        if exc.status not in (400, 404, 422):
                            raise
                        for index, record in pending:
                            settle(
                                index,
                                record,
                                "failed",
                                _reasons(record, errors.field_errors(exc.body), exc.message),
                            )
                        break
                    retry: Items = []
                    for (index, record), report in zip(pending, reports, strict=True):
                        found = report.get("errors") if isinstance(report, dict) else None
                        if not found:
                            retry.append((index, record))
                        elif found.get("external_id") == wire.DUPLICATE_INVOICE and all(
                            _ALREADY_THERE.get(k) == v for k, v in found.items()
                        ):
                            settle(index, record, "matched")
                        else:
                            settle(index, record, "failed", _reasons(record, found, "refused by the import"))
                    pending = retry
                    continue
                for index, record in pending:
                    settle(index, record, "created")
                break
        return counts, failures
