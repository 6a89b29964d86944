"""Customer merge and subscription connection modules (not in Make's app): Merge Customers and Unmerge a
Customer (in the customers group), Connect and Disconnect Subscriptions (in the subscriptions group).

ChartMogul answers each with 202 `{}`; the merges return the customer they leave (the one merged into,
the one unmerged), the connections the customer's subscriptions.

    client.customers.merge(from_customer="adam-stripe", into_customer="cus_...")
    client.subscriptions.connect(customer="cus_...", subscriptions=["sub_0001", "sub_0002"])
"""

from __future__ import annotations

from typing import Any

from mogul.errors import HandleError
from mogul.flow import Context, Flow
from mogul.modules import pickers
from mogul.modules.spec import Field, Inputs, Module, limit_field


def _customer(name: str, label: str, help: str) -> Field:
    return Field(name, label, "str", help, required=True, picker="customer")


# -- merge -----------------------------------------------------------------------------------------------

MERGE_FIELDS = (
    _customer(
        "from_customer",
        "From Customer",
        "Select the customer to merge from: its data moves to the other, and it is deleted.",
    ),
    _customer("into_customer", "Into Customer", "Select the customer to merge into, which is kept."),
)


def _merge(ctx: Context, inputs: Inputs) -> Flow[Any]:
    source = yield from pickers.customer(ctx, inputs["from_customer"], "from_customer")
    into = yield from pickers.customer(ctx, inputs["into_customer"], "into_customer")
    body = {"from": {"customer_uuid": source}, "into": {"customer_uuid": into}}
    yield from ctx.call("POST", "/customers/merges", json=body)
    return (yield from ctx.get(f"/customers/{into}"))


MERGE = Module(
    "customers.merge",
    "Merge Customers",
    "Merges one customer into another: its invoices, subscriptions, contacts, notes, opportunities and "
    "tasks move to the customer kept, which lists its external id too; returns that customer.",
    MERGE_FIELDS,
    _merge,
    ("POST /customers/merges", "GET /customers/{uuid}"),
    object_field="into_customer",
    from_seed=False,
    destructive=True,
)

# -- unmerge ---------------------------------------------------------------------------------------------

UNMERGE_FIELDS = (
    _customer("customer", "Customer", "Select the merged customer to unmerge a customer from."),
    Field(
        "data_source",
        "Data Source",
        "str",
        "Select the data source of the customer to unmerge into its own record.",
        api_name="data_source_uuid",
        required=True,
        picker="data_source",
    ),
    Field(
        "external_id",
        "External ID",
        "str",
        "Enter the external ID of the customer to unmerge into its own record.",
        required=True,
    ),
    Field(
        "move_to_new_customer",
        "Move to New Customer",
        "list[str]",
        "Select what moves to the unmerged customer (else it stays with the merged one): tasks, "
        "opportunities, notes.",
    ),
)


def _unmerge(ctx: Context, inputs: Inputs) -> Flow[Any]:
    customer = yield from pickers.customer(ctx, inputs["customer"])
    ds = yield from pickers.data_source(ctx, inputs["data_source"])
    body = {
        "customer_uuid": customer,
        "data_source_uuid": ds,
        "external_id": inputs["external_id"],
        "move_to_new_customer": list(inputs.get("move_to_new_customer") or []),
    }
    yield from ctx.call("POST", "/customers/unmerges", json=body)
    found = yield from ctx.collect(
        "/customers", "entries", {"data_source_uuid": ds, "external_id": inputs["external_id"]}
    )
    return found[0] if found else None


UNMERGE = Module(
    "customers.unmerge",
    "Unmerge a Customer",
    "Splits a customer merged earlier back out of the merged one, into a new customer with its own "
    "invoices and subscriptions; returns the new customer.",
    UNMERGE_FIELDS,
    _unmerge,
    ("POST /customers/unmerges", "GET /customers"),
    object_field="customer",
    from_seed=False,
)

CUSTOMER_MODULES = (MERGE, UNMERGE)

# -- connect, disconnect ---------------------------------------------------------------------------------

CONNECTION_FIELDS = (
    _customer("customer", "Customer", "Select the customer whose subscriptions these are."),
    Field(
        "subscriptions",
        "Subscriptions",
        "list[str]",
        "Add the subscriptions, each by its uuid (sub_...) or external ID.",
        required=True,
    ),
    limit_field("subscriptions"),
)


def _subscriptions(ctx: Context, customer: str, handles: list[str]) -> Flow[list[dict[str, str]]]:
    """The request's `subscriptions`: each handle (a `sub_` uuid or an external id) as the data source
    and uuid of the customer's subscription it names."""
    listed = yield from ctx.collect(f"/import/customers/{customer}/subscriptions", "subscriptions", {})
    out = []
    for handle in handles:
        found = [s for s in listed if handle in (s["uuid"], s["external_id"])]
        if len(found) != 1:
            how = "no subscription" if not found else "several subscriptions"
            raise HandleError(
                f"the customer has {how} {handle!r}; give its uuid (sub_...)",
                field="subscriptions",
                candidates=[s["uuid"] for s in found or listed],
            )
        out.append({"data_source_uuid": found[0]["data_source_uuid"], "uuid": found[0]["uuid"]})
    return out


def _connection(action: str) -> Any:
    def run(ctx: Context, inputs: Inputs) -> Flow[None]:
        customer = yield from pickers.customer(ctx, inputs["customer"])
        subscriptions = yield from _subscriptions(ctx, customer, list(inputs["subscriptions"]))
        yield from ctx.call("POST", f"/customers/{customer}/{action}", json={"subscriptions": subscriptions})
        yield from ctx.paginate(f"/customers/{customer}/subscriptions", "entries", {}, inputs.get("limit"))

    return run


CONNECT = Module(
    "subscriptions.connect",
    "Connect Subscriptions",
    "Connects subscriptions of a customer (of one or several data sources) into one history, so moving "
    "from one to the next is a plan change rather than churn and new business; returns the customer's "
    "subscriptions.",
    CONNECTION_FIELDS,
    _connection("connect_subscriptions"),
    (
        "GET /import/customers/{uuid}/subscriptions",
        "POST /customers/{uuid}/connect_subscriptions",
        "GET /customers/{uuid}/subscriptions",
    ),
    output="list",
    object_field="customer",
    from_seed=False,
)

DISCONNECT = Module(
    "subscriptions.disconnect",
    "Disconnect Subscriptions",
    "Disconnects connected subscriptions of a customer, each its own history again; returns the "
    "customer's subscriptions.",
    CONNECTION_FIELDS,
    _connection("disconnect_subscriptions"),
    (
        "GET /import/customers/{uuid}/subscriptions",
        "POST /customers/{uuid}/disconnect_subscriptions",
        "GET /customers/{uuid}/subscriptions",
    ),
    output="list",
    object_field="customer",
    from_seed=False,
)

SUBSCRIPTION_MODULES = (CONNECT, DISCONNECT)
