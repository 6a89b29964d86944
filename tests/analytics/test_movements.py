"""Customer-level results: subscriptions, activities (MRR movements), status, MRR and customer_since."""

from __future__ import annotations

import math
from datetime import date

import pytest

from mogul.analytics import (
    CustomerInput,
    CustomerResult,
    UnknownPlanError,
    compute_customer,
    subscription_timeline,
)
from mogul.analytics.valuation import exchange_rate

from .builders import BRONZE, FREE, GOLD, PLANS, SILVER, CustomerBuilder, at, line, monthly

NOW = at(2030, 1, 1)


def compute(customer: CustomerInput, now: object = NOW, **kwargs: object) -> CustomerResult:
    return compute_customer(customer, PLANS, "USD", now, **kwargs)  # type: ignore[arg-type]


def summary(result: CustomerResult) -> list[tuple[str, int, int]]:
    return [(activity.type, activity.movement, activity.mrr_after) for activity in result.activities]


def test_first_paid_subscription_is_new_business() -> None:
    """mrr-semantics.md §3.1: new_biz is the MRR at the moment a lead first pays."""
    customer = CustomerBuilder().add(*monthly("s1", BRONZE, at(2022, 1, 1), 3, 5000)).build()
    result = compute(customer, at(2022, 2, 15))
    assert summary(result) == [("new_biz", 5000, 5000)]
    activity = result.activities[0]
    assert activity.date == at(2022, 1, 1)
    assert activity.description == "purchased the Bronze plan"
    assert (activity.subscription_external_id, activity.plan_uuid, activity.seq) == ("s1", "pl_bronze", 0)
    assert (result.status, result.mrr, result.customer_since) == ("Active", 5000, at(2022, 1, 1))
    [state] = result.subscriptions
    assert (state.mrr, state.status, state.plan_uuid, state.quantity) == (5000, "active", "pl_bronze", 1)
    assert (state.start, state.end, state.cancelled) == (at(2022, 1, 1), at(2022, 3, 1), False)


def test_plan_upgrade_at_renewal_is_expansion() -> None:
    """mrr-semantics.md §1.2: Bronze $100 renewed on 2019-02-01 as Gold $250 → MRR $250, +$150 expansion."""
    customer = (
        CustomerBuilder()
        .add(line("jl_subid_01", BRONZE, at(2019, 1, 1), at(2019, 2, 1), 10000))
        .add(line("jl_subid_01", GOLD, at(2019, 2, 1), at(2019, 3, 1), 25000))
        .build()
    )
    result = compute(customer, at(2019, 2, 10))
    assert summary(result) == [("new_biz", 10000, 10000), ("expansion", 15000, 25000)]
    assert result.activities[1].date == at(2019, 2, 1)
    assert result.activities[1].description == "upgraded to the Gold plan"
    assert result.activities[1].plan_uuid == "pl_gold"
    assert result.subscriptions[0].mrr == 25000
    assert result.subscriptions[0].plan_uuid == "pl_gold"


def test_prorated_seat_is_expansion_then_renewal_settles_the_rate() -> None:
    """mrr-semantics.md §1.6/§2.3 (Adam Smith): Bronze $50; +1 seat $25 for Mar 16 → Apr 1 adds 4844.

    The April renewal at $100 for two seats then sets MRR to 10000 (+156): prorated MRR does not add
    up exactly to the renewal rate.
    """
    customer = (
        CustomerBuilder()
        .add(*monthly("s", BRONZE, at(2016, 1, 1), 3, 5000))
        .add(
            line(
                "s",
                BRONZE,
                at(2016, 3, 16),
                at(2016, 4, 1),
                2500,
                prorated=True,
                proration_type="differential",
            )
        )
        .add(line("s", BRONZE, at(2016, 4, 1), at(2016, 5, 1), 10000, quantity=2))
        .build()
    )
    result = compute(customer, at(2016, 3, 20))
    assert summary(result) == [("new_biz", 5000, 5000), ("expansion", 4844, 9844), ("expansion", 156, 10000)]
    assert result.activities[1].date == at(2016, 3, 16)
    assert result.mrr == 9844
    assert result.subscriptions[0].quantity == 2  # 1 seat + 1 added seat
    assert compute(customer, at(2016, 4, 2)).subscriptions[0].quantity == 2


def test_import_example_prorated_line_adds_to_current_mrr() -> None:
    """mrr-semantics.md §2.3: a prorated differential 5000 − 900 tax, Nov 10 → Dec 1, adds 5857."""
    customer = (
        CustomerBuilder()
        .add(line("s", BRONZE, at(2016, 11, 1), at(2016, 12, 1), 5000))
        .add(
            line(
                "s",
                BRONZE,
                at(2016, 11, 10),
                at(2016, 12, 1),
                5000,
                tax=900,
                prorated=True,
                proration_type="differential",
            )
        )
        .build()
    )
    assert summary(compute(customer)) == [("new_biz", 5000, 5000), ("expansion", 5857, 10857)]


def test_prorated_plan_switch_with_credit_is_one_expansion() -> None:
    """mrr-semantics.md §1.6: Bronze $100 from Jun 1; on Jun 16 +$125 Gold and −$50 Bronze credit → +$150."""
    for credit_first in (False, True):
        gold = line(
            "s",
            GOLD,
            at(2019, 6, 16),
            at(2019, 7, 1),
            12500,
            prorated=True,
            event_order=2 if credit_first else 1,
        )
        credit = line(
            "s",
            BRONZE,
            at(2019, 6, 16),
            at(2019, 7, 1),
            -5000,
            prorated=True,
            event_order=1 if credit_first else 2,
        )
        customer = (
            CustomerBuilder()
            .add(line("s", BRONZE, at(2019, 6, 1), at(2019, 7, 1), 10000))
            .add(gold, credit)
            .build()
        )
        result = compute(customer, at(2019, 6, 20))
        assert summary(result) == [("new_biz", 10000, 10000), ("expansion", 15000, 25000)]
        assert result.activities[1].plan_uuid == "pl_gold"
        assert result.activities[1].description == "upgraded to the Gold plan"
        state = result.subscriptions[0]
        assert (state.mrr, state.plan_uuid, state.quantity) == (25000, "pl_gold", 1)


def test_proration_type_full_sets_the_mrr() -> None:
    """Rule 3: a prorated line with proration_type "full" sets MRR (here 2500 × 31/16 = 4844), not adds."""
    customer = (
        CustomerBuilder()
        .add(line("s", BRONZE, at(2016, 3, 1), at(2016, 4, 1), 5000))
        .add(line("s", BRONZE, at(2016, 3, 16), at(2016, 4, 1), 2500, prorated=True, proration_type="full"))
        .build()
    )
    assert summary(compute(customer)) == [("new_biz", 5000, 5000), ("contraction", -156, 4844)]


def test_partial_cancellation_is_contraction_and_last_cancellation_is_churn() -> None:
    """mrr-semantics.md §1.4: a cancellation is churn only when it removes the last active subscription."""
    customer = (
        CustomerBuilder()
        .add(*monthly("a", BRONZE, at(2022, 1, 1), 3, 5000))
        .add(*monthly("b", GOLD, at(2022, 2, 1), 4, 9000))
        .cancel("a", at(2022, 3, 10, 9))
        .cancel("b", at(2022, 5, 20, 9))
        .build()
    )
    result = compute(customer, at(2022, 4, 1))
    assert summary(result) == [
        ("new_biz", 5000, 5000),
        ("expansion", 9000, 14000),
        ("contraction", -5000, 9000),
        ("churn", -9000, 0),
    ]
    assert result.activities[1].description == "added the Gold plan"
    assert result.activities[2].description == "cancelled the Bronze plan"
    assert result.activities[2].date == at(2022, 3, 10, 9)
    assert result.activities[3].date == at(2022, 5, 20, 9)
    assert (result.status, result.mrr) == ("Active", 9000)
    a, b = result.subscriptions
    assert (a.cancelled, a.status, a.mrr) == (True, "inactive", 0)
    assert (b.cancelled, b.status, b.mrr) == (False, "active", 9000)
    after = compute(customer, at(2022, 6, 1))
    assert (after.status, after.mrr, after.customer_since) == ("Cancelled", 0, at(2022, 1, 1))


def test_full_cancellation_is_churn() -> None:
    """mrr-semantics.md §1.4/§3.1: cancelling the only subscription churns the customer at cancelled_at."""
    customer = (
        CustomerBuilder()
        .add(line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000))
        .cancel("s", at(2022, 1, 15))
        .build()
    )
    result = compute(customer, at(2022, 1, 16))
    assert summary(result) == [("new_biz", 5000, 5000), ("churn", -5000, 0)]
    assert result.activities[1].description == "cancelled the Bronze plan"
    assert (result.status, result.mrr) == ("Cancelled", 0)


def test_new_invoice_after_cancellation_is_reactivation() -> None:
    """mrr-semantics.md §1.5: a churned customer paying again reactivates (same or new subscription)."""
    same = (
        CustomerBuilder()
        .add(line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000))
        .cancel("s", at(2022, 1, 15))
        .add(line("s", GOLD, at(2022, 4, 1), at(2022, 5, 1), 9000))
        .build()
    )
    result = compute(same, at(2022, 4, 2))
    assert summary(result) == [("new_biz", 5000, 5000), ("churn", -5000, 0), ("reactivation", 9000, 9000)]
    assert result.activities[2].description == "reactivated an old account with the Gold plan"
    assert (result.status, result.subscriptions[0].cancelled) == ("Active", False)

    other = (
        CustomerBuilder()
        .add(line("old", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000))
        .cancel("old", at(2022, 6, 1))
        .add(*monthly("new", GOLD, at(2022, 9, 1), 3, 9000))
        .build()
    )
    assert [a.type for a in compute(other).activities] == ["new_biz", "churn", "reactivation"]


def test_cancellation_at_the_instant_a_line_starts_wins() -> None:
    """Rule 4: only a line starting strictly after a cancellation brings the subscription back."""
    customer = (
        CustomerBuilder()
        .add(*monthly("s", BRONZE, at(2022, 1, 1), 2, 5000))
        .cancel("s", at(2022, 2, 1))
        .build()
    )
    result = compute(customer)
    assert summary(result) == [("new_biz", 5000, 5000), ("churn", -5000, 0)]
    assert result.activities[1].date == at(2022, 2, 1)


def test_subscription_set_components_bought_together_are_all_new_business() -> None:
    """mrr-semantics.md §1.2 (HC-MULTI) and §3.1: $100 base + $50 + $60 add-ons at once → three new_biz."""
    start, end = at(2022, 1, 1, 12), at(2022, 2, 1, 12)
    customer = (
        CustomerBuilder()
        .add(line("base", BRONZE, start, end, 10000, set_id="set_1"))
        .add(line("addon_1", SILVER, start, end, 5000, set_id="set_1"))
        .add(line("addon_2", GOLD, start, end, 6000, set_id="set_1"))
        .build()
    )
    result = compute(customer)
    assert summary(result) == [("new_biz", 10000, 10000), ("new_biz", 5000, 15000), ("new_biz", 6000, 21000)]
    assert [a.subscription_external_id for a in result.activities] == ["base", "addon_1", "addon_2"]
    assert {a.subscription_set_external_id for a in result.activities} == {"set_1"}
    assert [a.description for a in result.activities] == [
        "purchased the Bronze plan",
        "purchased the Silver plan",
        "purchased the Gold plan",
    ]
    assert result.mrr == 21000


def test_two_subscriptions_started_together_carry_cumulative_activity_mrr() -> None:
    """mrr-semantics.md §3.1/§3.3 (ruby Activity fixture): two new_biz at one instant, mrr 4004 then 8009."""
    start, end = at(2016, 1, 1, 12), at(2016, 2, 1, 12)
    customer = (
        CustomerBuilder()
        .add(line("test_cus_sub_ext_id1", BRONZE, start, end, 4004))
        .add(line("test_cus_sub_ext_id2", SILVER, start, end, 4005))
        .build()
    )
    assert summary(compute(customer)) == [("new_biz", 4004, 4004), ("new_biz", 4005, 8009)]


def test_move_to_free_plan_is_contraction_and_customer_stays_active() -> None:
    """mrr-semantics.md §1.3/§1.9 (DEV-PAUSED, HC-SA-SETTINGS): a $0 line → contraction to 0, still Active."""
    customer = (
        CustomerBuilder()
        .add(line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000))
        .add(*monthly("s", FREE, at(2022, 2, 1), 3, 0))
        .build()
    )
    result = compute(customer, at(2022, 3, 15))
    assert summary(result) == [("new_biz", 5000, 5000), ("contraction", -5000, 0)]
    assert result.activities[1].description == "downgraded to the Free plan"
    assert (result.status, result.mrr, result.customer_since) == ("Active", 0, at(2022, 1, 1))
    # Upgrading back later is expansion, not reactivation: the customer never churned.
    upgraded = (
        CustomerBuilder().add(*customer.line_items).add(line("s", GOLD, at(2022, 5, 1), at(2022, 6, 1), 9000))
    )
    assert [a.type for a in compute(upgraded.build()).activities] == ["new_biz", "contraction", "expansion"]


def test_cancelling_a_free_subscription_of_a_paying_customer_churns_with_zero_movement() -> None:
    """Documented choice: the customer had paid, so losing its last live subscription is churn (of 0)."""
    customer = (
        CustomerBuilder()
        .add(line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000))
        .add(line("s", FREE, at(2022, 2, 1), at(2022, 3, 1), 0))
        .cancel("s", at(2022, 4, 1))
        .build()
    )
    result = compute(customer)
    assert summary(result) == [("new_biz", 5000, 5000), ("contraction", -5000, 0), ("churn", 0, 0)]
    assert result.status == "Cancelled"


def test_customer_without_subscription_lines_is_a_lead() -> None:
    """mrr-semantics.md §1.8: one-time items never reach the engine; such a customer stays a Lead."""
    customer = CustomerBuilder().build()
    result = compute(customer)
    assert (result.status, result.mrr, result.customer_since, result.activities) == ("New Lead", 0, None, [])


def test_customer_with_only_free_subscriptions_is_a_lead() -> None:
    """mrr-semantics.md §1.9 (HC-LEADS): a customer whose only subscription is free is a lead."""
    customer = CustomerBuilder().add(*monthly("s", FREE, at(2022, 1, 1), 3, 0)).build()
    result = compute(customer, at(2022, 2, 1))
    assert (result.status, result.activities, result.customer_since) == ("New Lead", [], None)
    assert result.subscriptions[0].status == "active"


def test_subscription_keeps_mrr_past_its_last_period_and_customer_is_past_due() -> None:
    """mrr-semantics.md §1.3 (DEV-PAUSED, HC-PASTDUE): no renewal → MRR kept, customer Past Due."""
    customer = CustomerBuilder().add(*monthly("s", BRONZE, at(2022, 1, 1), 2, 5000)).build()
    during = compute(customer, at(2022, 2, 15))
    assert (during.status, during.mrr) == ("Active", 5000)
    late = compute(customer, at(2022, 6, 1))
    assert (late.status, late.mrr) == ("Past Due", 5000)
    assert late.subscriptions[0].past_due is True
    assert summary(late) == [("new_biz", 5000, 5000)]


def test_sixty_minute_window_folds_an_upgrade_into_new_business() -> None:
    """mrr-semantics.md §3.1 (BLOG-SMART): an upgrade 55 minutes after a purchase is one new_biz."""
    customer = (
        CustomerBuilder()
        .add(line("s", BRONZE, at(2022, 1, 1, 10), at(2022, 2, 1, 10), 5000))
        .add(line("s", GOLD, at(2022, 1, 1, 10, 55), at(2022, 2, 1, 10), 9000))
        .build()
    )
    result = compute(customer)
    assert summary(result) == [("new_biz", 9000, 9000)]
    assert result.activities[0].date == at(2022, 1, 1, 10)
    assert result.activities[0].description == "purchased the Bronze plan"


def test_upgrade_after_the_window_stays_expansion() -> None:
    """mrr-semantics.md §3.1: outside the 60-minute window the upgrade is an expansion."""
    customer = (
        CustomerBuilder()
        .add(line("s", BRONZE, at(2022, 1, 1, 10), at(2022, 2, 1, 10), 5000))
        .add(line("s", GOLD, at(2022, 1, 1, 11, 1), at(2022, 2, 1, 10), 9000))
        .build()
    )
    assert summary(compute(customer)) == [("new_biz", 5000, 5000), ("expansion", 4000, 9000)]


def test_contraction_then_churn_within_the_hour_is_one_churn() -> None:
    """mrr-semantics.md §3.1 (HC-UNDERSTANDING-MOV): contraction immediately followed by churn = one churn."""
    customer = (
        CustomerBuilder()
        .add(*monthly("a", BRONZE, at(2022, 1, 1), 2, 5000))
        .add(*monthly("b", GOLD, at(2022, 1, 1), 2, 9000))
        .cancel("a", at(2022, 2, 10, 9))
        .cancel("b", at(2022, 2, 10, 9, 20))
        .build()
    )
    result = compute(customer)
    assert summary(result) == [("new_biz", 5000, 5000), ("new_biz", 9000, 14000), ("churn", -14000, 0)]
    churn = result.activities[2]
    assert (churn.date, churn.subscription_external_id, churn.description) == (
        at(2022, 2, 10, 9),
        "a",
        "churned",
    )


def test_simultaneous_swap_of_subscriptions_is_not_churn() -> None:
    """Documented choice: at one instant rises come before falls, so a swap is expansion + contraction."""
    customer = (
        CustomerBuilder()
        .add(line("old", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000))
        .cancel("old", at(2022, 3, 1))
        .add(line("new", GOLD, at(2022, 3, 1), at(2022, 4, 1), 9000))
        .build()
    )
    assert summary(compute(customer)) == [
        ("new_biz", 5000, 5000),
        ("expansion", 9000, 14000),
        ("contraction", -5000, 9000),
    ]


def test_event_order_decides_between_lines_starting_together() -> None:
    """mrr-semantics.md §1.3 (HC-LINEITEMS): event_order orders lines sharing a service_period_start."""
    start, end = at(2022, 1, 1), at(2022, 2, 1)
    first_gold = CustomerBuilder().add(
        line("s", BRONZE, start, end, 5000, event_order=2), line("s", GOLD, start, end, 9000, event_order=1)
    )
    first_bronze = CustomerBuilder().add(
        line("s", BRONZE, start, end, 5000, event_order=1), line("s", GOLD, start, end, 9000, event_order=2)
    )
    assert compute(first_gold.build()).mrr == 5000
    assert compute(first_bronze.build()).mrr == 9000
    assert compute(first_gold.build()).subscriptions[0].plan_uuid == "pl_bronze"


def test_foreign_currency_renewals_move_mrr_by_the_rate_outside_the_movements() -> None:
    """mrr-semantics.md §2.4 (HC-FX): each EUR period is valued in USD at the rate of its own start, so
    MRR "may fluctuate as new invoices are issued"; that drift is the Exchange Rate Impact ("fx"), never
    an expansion or contraction. A price change is an expansion valued at its own start's rate, less
    what the old price's value changed at that rate.
    """
    customer = (
        CustomerBuilder()
        .add(*monthly("s", BRONZE, at(2022, 3, 15), 3, 10000, currency="EUR"))
        .add(line("s", GOLD, at(2022, 6, 15), at(2022, 7, 15), 20000, currency="EUR"))
        .build()
    )

    def usd(cents: int, day: date) -> int:
        return math.floor(cents * exchange_rate("EUR", "USD", day) + 0.5)

    march, april, may = (usd(10000, date(2022, month, 15)) for month in (3, 4, 5))
    old_in_june, june = usd(10000, date(2022, 6, 15)), usd(20000, date(2022, 6, 15))
    result = compute(customer, at(2022, 7, 1))
    assert summary(result) == [
        ("new_biz", march, march),
        ("fx", april - march, april),
        ("fx", may - april, may),
        ("fx", old_in_june - may, old_in_june),
        ("expansion", june - old_in_june, june),
    ]
    assert [a.description for a in result.activities][1] == "exchange rate change on the Bronze plan"
    assert result.subscriptions[0].currency == "EUR"
    assert result.mrr == june


def test_plan_filter_counts_only_subscriptions_on_the_selected_plans() -> None:
    """mrr-semantics.md §1.2 (HC-MULTI): a plain plan filter counts only the matching item."""
    customer = (
        CustomerBuilder()
        .add(*monthly("a", BRONZE, at(2022, 1, 1), 3, 5000))
        .add(*monthly("b", GOLD, at(2022, 2, 1), 3, 9000))
        .cancel("a", at(2022, 3, 10))
        .build()
    )
    gold_only = compute(customer, at(2022, 3, 15), plan_uuids={"pl_gold"})
    assert summary(gold_only) == [("new_biz", 9000, 9000)]
    bronze_only = compute(customer, at(2022, 3, 15), plan_uuids={"pl_bronze"})
    assert summary(bronze_only) == [("new_biz", 5000, 5000), ("churn", -5000, 0)]
    assert (bronze_only.status, gold_only.status) == ("Cancelled", "Active")


def test_unknown_plan_is_a_clear_error() -> None:
    ghost = line("s", BRONZE, at(2022, 1, 1), at(2022, 2, 1), 5000)
    customer = CustomerBuilder().add(ghost).build()
    with pytest.raises(UnknownPlanError, match="pl_bronze"):
        compute_customer(customer, {}, "USD", NOW)


def test_subscription_timeline_lists_each_change_once() -> None:
    """Rule 3/4 at the subscription level: renewals at the same price are not changes."""
    lines = [
        *monthly("s", BRONZE, at(2022, 1, 1), 3, 5000),
        line("s", BRONZE, at(2022, 2, 16), at(2022, 3, 1), 2500, prorated=True),
    ]
    timeline = subscription_timeline(lines, PLANS, "USD", [at(2022, 3, 20)])
    assert [(change.at, change.mrr, change.live) for change in timeline] == [
        (at(2022, 1, 1), 5000, True),
        (at(2022, 2, 16), 10385, True),  # 2500 × 28/13 = 5385 added
        (at(2022, 3, 1), 5000, True),  # the renewal sets it again
        (at(2022, 3, 20), 0, False),
    ]
