"""Analytics questions answered in one call, from what the API answers (so against ChartMogul too).

* `mrr_bridge`: MRR from one day to another, movement by movement (new business, expansion,
  reactivation, contraction, churn) with how many activities and customers made each and the customers
  behind the largest, and the check that the start plus the movements is the end. Amounts are the
  Metrics API's (`/metrics/mrr`, daily); counts and customers come from `/activities` in the same days
  (the account's time zone).
* `explain_metric`: one metric on one date, as its formula with the operands the API gives, the value
  computed from them, and whether it is the value the API answers.

Both take their inputs as module fields do (`mogul.modules.spec.Field`), so their schemas, checks and
errors are those of every other tool.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mogul.errors import InputError
from mogul.mcp.present import amount as _money
from mogul.modules.metrics import INTERVAL
from mogul.modules.spec import Field, Inputs, choices, parse_fields

# Activity type → (Metrics API movement key, label); gains first.
MOVEMENTS = {
    "new_biz": ("mrr-new-business", "New business"),
    "expansion": ("mrr-expansion", "Expansion"),
    "reactivation": ("mrr-reactivation", "Reactivation"),
    "contraction": ("mrr-contraction", "Contraction"),
    "churn": ("mrr-churn", "Churn"),
}
MAX_ACTIVITIES = 50_000
MAX_TOP = 25


class Account(Protocol):
    """What an analysis needs of the connection (the MCP server's session)."""

    client: Any

    async def account(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class Analysis:
    """A tool that is not a module: its fields, and what it computes."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    compute: Callable[[Account, Inputs], Awaitable[dict[str, Any]]]

    def validate(self, arguments: Mapping[str, Any]) -> Inputs:
        return parse_fields(self.fields, arguments, prefix="")


def _round(numerator: Decimal | int, denominator: Decimal | int, places: int = 0) -> Decimal:
    """Half away from zero, as ChartMogul rounds (0 for a zero denominator)."""
    if not denominator:
        return Decimal(0)
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _zone(name: Any) -> tzinfo:
    try:
        return ZoneInfo(str(name)) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


async def _activities(account: Account, first: date, last: date, zone: tzinfo) -> tuple[list[Any], bool]:
    """The account's activities dated on the days first..last (in its time zone), oldest first, and
    whether that is all of them (at most MAX_ACTIVITIES are read)."""
    start = datetime.combine(first, time(0), zone)
    end = datetime.combine(last, time(0), zone)
    if end.utcoffset():  # a bare end date means that whole day in UTC; elsewhere, up to its last second
        end = datetime.combine(last + timedelta(days=1), time(0), zone) - timedelta(seconds=1)
    pager = account.client.run(
        "activities.list",
        {"start_date": start, "end_date": end, "order": "date", "limit": MAX_ACTIVITIES + 1},
    )
    found = await pager
    return found[:MAX_ACTIVITIES], len(found) <= MAX_ACTIVITIES


def _day(inputs: Inputs, name: str) -> date:
    value: datetime = inputs[name]
    return value.date()


# -- the MRR bridge ---------------------------------------------------------------------------------------

BRIDGE_FIELDS = (
    Field(
        "start_date",
        "Start Date",
        "datetime",
        "The day the bridge starts from: the MRR at the end of that day.",
        required=True,
    ),
    Field(
        "end_date",
        "End Date",
        "datetime",
        "The day the bridge ends at: the MRR at the end of that day (after the start date).",
        required=True,
    ),
    Field(
        "top",
        "Top Customers",
        "int",
        f"How many customers to name behind each movement, largest first (0 to {MAX_TOP}).",
        default=5,
    ),
)


def _largest(customers: Mapping[str, dict[str, Any]], top: int, currency: str | None) -> list[dict[str, Any]]:
    ranked = sorted(customers.values(), key=lambda c: (-abs(c["cents"]), c["customer_uuid"]))[:top]
    return [
        {
            "customer_uuid": c["customer_uuid"],
            "name": c["name"],
            "external_id": c["external_id"],
            "amount": _money(c["cents"], currency),
            "activities": c["activities"],
        }
        for c in ranked
    ]


async def mrr_bridge(account: Account, inputs: Inputs) -> dict[str, Any]:
    start, end, top = _day(inputs, "start_date"), _day(inputs, "end_date"), inputs["top"]
    if end <= start:
        raise InputError("must be after the start date", field="end_date")
    if not 0 <= top <= MAX_TOP:
        raise InputError(f"must be from 0 to {MAX_TOP}", field="top")
    about = await account.account()
    currency = about.get("currency")
    series = await account.client.run(
        "metrics.mrr", {"start_date": start, "end_date": end, "interval": "day"}
    )
    entries = list(series.get("entries") or [])
    if not entries:
        raise InputError("the Metrics API answered no MRR for these dates", field="start_date")
    opening, closing = entries[0], entries[-1]
    later = entries[1:]
    cents = {kind: sum(int(e.get(key) or 0) for e in later) for kind, (key, _label) in MOVEMENTS.items()}

    activities, complete = await _activities(
        account, start + timedelta(days=1), end, _zone(about.get("time_zone"))
    )
    counts: dict[str, int] = defaultdict(int)
    activity_cents: dict[str, int] = defaultdict(int)
    behind: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for activity in activities:
        kind = activity.get("type")
        if kind not in MOVEMENTS:
            continue
        movement = int(activity.get("activity-mrr-movement") or 0)
        counts[kind] += 1
        activity_cents[kind] += movement
        uuid = str(activity.get("customer-uuid") or "")
        customer = behind[kind].setdefault(
            uuid,
            {
                "customer_uuid": uuid,
                "name": activity.get("customer-name") or "",
                "external_id": activity.get("customer-external-id") or "",
                "cents": 0,
                "activities": 0,
            },
        )
        customer["cents"] += movement
        customer["activities"] += 1

    net = sum(cents.values())
    difference = int(closing["mrr"]) - int(opening["mrr"]) - net
    return {
        "start_date": opening.get("date", start.isoformat()),
        "end_date": closing.get("date", end.isoformat()),
        "currency": currency,
        "start_mrr": _money(int(opening["mrr"]), currency),
        "end_mrr": _money(int(closing["mrr"]), currency),
        "movements": [
            {
                "type": kind,
                "label": label,
                "amount": _money(cents[kind], currency),
                "count": counts[kind],
                "customers": len(behind[kind]),
                "largest": _largest(behind[kind], top, currency),
            }
            for kind, (_key, label) in MOVEMENTS.items()
        ],
        "net_movement": _money(net, currency),
        "check": {
            "start_plus_movements": _money(int(opening["mrr"]) + net, currency),
            "end_mrr": _money(int(closing["mrr"]), currency),
            "difference": _money(difference, currency),
            "balanced": difference == 0,
        },
        "activities": {
            "counted": len(activities),
            "complete": complete,
            "amounts_match": complete and all(activity_cents[k] == cents[k] for k in MOVEMENTS),
        },
    }


# -- one metric explained ---------------------------------------------------------------------------------

METRIC = choices(
    ("MRR", "mrr"),
    ("ARR", "arr"),
    ("ARPA", "arpa"),
    ("ASP", "asp"),
    ("Customer Count", "customer-count", ("customers",)),
    ("Customer Churn Rate", "customer-churn-rate"),
    ("MRR Churn Rate", "mrr-churn-rate", ("net mrr churn rate",)),
    ("LTV", "ltv"),
)
EXPLAIN_FIELDS = (
    Field("metric", "Metric", "enum", "The metric to explain.", required=True, choices=METRIC),
    Field(
        "date",
        "Date",
        "datetime",
        "The day: the metric for the period (of the interval) that holds it, up to that day.",
        required=True,
    ),
    Field(
        "interval",
        "Interval",
        "enum",
        "The period the metric is taken over (a month by default); MRR, ARR, ARPA and the customer count "
        "are values at its end, the others are over it.",
        choices=INTERVAL,
        default="month",
    ),
)
FORMULAS = {
    "mrr": "MRR = MRR at the start of the period + new business + expansion + reactivation + contraction "
    "+ churn (contraction and churn are negative)",
    "arr": "ARR = MRR × 12",
    "arpa": "ARPA = MRR ÷ customers, rounded to the cent",
    "asp": "ASP = new business MRR in the period ÷ customers new in the period, rounded to the cent",
    "customer-count": "customers = customers at the start of the period + new customers + reactivated "
    "customers − churned customers",
    "customer-churn-rate": "customer churn rate = customers lost in the period (counted at its start, not "
    "at its end) ÷ customers at its start × 100",
    "mrr-churn-rate": "net MRR churn rate = (churn + contraction − expansion − reactivation, all as positive "
    "amounts) ÷ MRR at the start of the period × 100",
    "ltv": "LTV = ARPA ÷ (customer churn rate ÷ 100), 0 while nobody churns",
}
MONEY_METRICS = frozenset({"mrr", "arr", "arpa", "asp", "ltv"})
RATES = frozenset({"customer-churn-rate", "mrr-churn-rate"})


def period_start(day: date, interval: str, week_start: str) -> date:
    """The first day of the interval's period that holds `day` (weeks start on `week_start`)."""
    if interval == "day":
        return day
    if interval == "week":
        first = 6 if week_start == "sunday" else 0  # date.weekday(): Monday is 0
        return day - timedelta(days=(day.weekday() - first) % 7)
    if interval == "month":
        return day.replace(day=1)
    if interval == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def _lost(activities: Iterable[Any]) -> int:
    """Customers counted at the start and not at the end, from their activities in the period (oldest
    first): a customer whose first change is a churn was counted at the start, one whose last is not."""
    changes: dict[str, list[str]] = defaultdict(list)
    for activity in activities:
        if activity.get("type") in ("new_biz", "reactivation", "churn"):
            changes[str(activity.get("customer-uuid"))].append(activity["type"])
    return sum(1 for kinds in changes.values() if kinds[0] == "churn" and kinds[-1] == "churn")


async def _entry(account: Account, module: str, first: date, last: date, interval: str) -> Mapping[str, Any]:
    series = await account.client.run(module, {"start_date": first, "end_date": last, "interval": interval})
    entries = series.get("entries") or []
    if not entries:
        raise InputError("the Metrics API answered no entry for this date", field="date")
    last_entry: Mapping[str, Any] = entries[-1]
    return last_entry


async def explain_metric(account: Account, inputs: Inputs) -> dict[str, Any]:
    metric, day, interval = inputs["metric"], _day(inputs, "date"), inputs["interval"]
    about = await account.account()
    currency = about.get("currency")
    first = period_start(day, interval, str(about.get("week_start_on") or "sunday"))
    now = await _entry(account, "metrics.all", first, day, interval)
    before = first - timedelta(days=1)
    then = await _entry(account, "metrics.all", before, before, "day")
    key = "customers" if metric == "customer-count" else metric
    value: Decimal = Decimal(str(now[key]))
    operands: dict[str, Any] = {}
    computed: Decimal
    sums: dict[str, int] = {}
    activities: list[Any] = []

    def money(cents: Any) -> float | int:
        return _money(int(cents), currency)

    if metric in ("mrr", "mrr-churn-rate", "asp"):
        moved = await _entry(account, "metrics.mrr", first, day, interval)
        sums = {kind: int(moved.get(mkey) or 0) for kind, (mkey, _label) in MOVEMENTS.items()}
    if metric in ("asp", "customer-count", "customer-churn-rate"):
        activities, _complete = await _activities(account, first, day, _zone(about.get("time_zone")))
    if metric == "mrr":
        operands = {"mrr_at_start": money(then["mrr"])} | {k: money(v) for k, v in sums.items()}
        computed = Decimal(int(then["mrr"]) + sum(sums.values()))
    elif metric == "arr":
        operands = {"mrr": money(now["mrr"])}
        computed = Decimal(int(now["mrr"]) * 12)
    elif metric == "arpa":
        operands = {"mrr": money(now["mrr"]), "customers": int(now["customers"])}
        computed = _round(int(now["mrr"]), int(now["customers"]))
    elif metric == "asp":
        new = {a.get("customer-uuid") for a in activities if a.get("type") == "new_biz"}
        operands = {"new_business": money(sums["new_biz"]), "new_customers": len(new)}
        computed = _round(sums["new_biz"], len(new))
    elif metric == "customer-count":
        count = {kind: sum(1 for a in activities if a.get("type") == kind) for kind in MOVEMENTS}
        operands = {
            "customers_at_start": int(then["customers"]),
            "new_customers": count["new_biz"],
            "reactivated_customers": count["reactivation"],
            "churned_customers": count["churn"],
        }
        computed = Decimal(int(then["customers"]) + count["new_biz"] + count["reactivation"] - count["churn"])
    elif metric == "customer-churn-rate":
        lost = _lost(activities)
        operands = {"customers_at_start": int(then["customers"]), "customers_lost": lost}
        computed = _round(lost * 100, int(then["customers"]), 2)
    elif metric == "mrr-churn-rate":
        lost_cents = -sums["churn"] - sums["contraction"] - sums["expansion"] - sums["reactivation"]
        operands = {
            "mrr_at_start": money(then["mrr"]),
            "churn": money(-sums["churn"]),
            "contraction": money(-sums["contraction"]),
            "expansion": money(sums["expansion"]),
            "reactivation": money(sums["reactivation"]),
        }
        computed = _round(lost_cents * 100, int(then["mrr"]), 2)
    else:  # ltv
        rate = Decimal(str(now["customer-churn-rate"]))
        operands = {"arpa": money(now["arpa"]), "customer_churn_rate": float(rate)}
        computed = _round(int(now["arpa"]) * 100, rate) if rate > 0 else Decimal(0)

    def shown(number: Decimal) -> float | int:
        if metric in MONEY_METRICS:
            return money(number)
        return float(number) if metric in RATES else int(number)

    return {
        "metric": metric,
        "date": day.isoformat(),
        "interval": interval,
        "period": {"start": first.isoformat(), "end": day.isoformat()},
        "formula": FORMULAS[metric],
        "operands": operands,
        "value": shown(value),
        "computed": shown(computed),
        "matches": computed == value,
        "unit": "percent" if metric in RATES else "money" if metric in MONEY_METRICS else "customers",
        "currency": currency if metric in MONEY_METRICS else None,
    }


ANALYSES = (
    Analysis(
        "mrr_bridge",
        "MRR Bridge",
        "MRR from one day to another in one call: the MRR at the end of each day, every movement (new "
        "business, expansion, reactivation, contraction, churn) with its amount, how many activities and "
        "customers made it and the customers behind the largest, and the check that start + movements = "
        "end. Amounts are the Metrics API's, counts the Activities API's.",
        BRIDGE_FIELDS,
        mrr_bridge,
    ),
    Analysis(
        "explain_metric",
        "Explain a Metric",
        "One metric (MRR, ARR, ARPA, ASP, customer count, customer churn rate, net MRR churn rate, LTV) on "
        "one date: its formula, the operands the API gives for that period, the value computed from them "
        "and whether it equals the value the Metrics API answers.",
        EXPLAIN_FIELDS,
        explain_metric,
    ),
)
