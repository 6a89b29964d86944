"""Customer modules: List, Get, Create, Update, Delete (Make), and Search by email (added)."""

from __future__ import annotations

from typing import Any

from mogul.errors import NotFoundError
from mogul.flow import Context, Flow
from mogul.modules import customer_merges, pickers
from mogul.modules.recovery import ByKey
from mogul.modules.spec import Field, Group, Inputs, Module, choices, limit_field, to_body

STATUS = choices(
    ("Lead", "Lead", ("Leads",)),
    ("New Lead", "New_Lead"),
    ("Working Lead", "Working_Lead"),
    ("Qualified Lead", "Qualified_Lead"),
    ("Unqualified Lead", "Unqualified_Lead"),
    ("Active", "Active"),
    ("Past Due", "Past_Due"),
    ("Canceled", "Cancelled", ("Cancelled",)),
)
SYSTEM = choices(("Stripe", "Stripe"), ("Recurly", "Recurly"), ("Chargify", "Chargify"), ("Custom", "Custom"))


def customer_field(help: str) -> Field:
    return Field(
        "customer", "Customer", "str", help, api_name="customer_uuid", required=True, picker="customer"
    )


def _profile(data_source_help: str, *, creating: bool) -> tuple[Field, ...]:
    return (
        Field(
            "data_source",
            "Data Source",
            "str",
            data_source_help,
            api_name="data_source_uuid",
            required=creating,
            picker="data_source",
        ),
        Field(
            "external_id",
            "External ID",
            "str",
            "Enter the unique ID specified for the customer.",
            required=creating,
        ),
        Field("name", "Name", "str", "Enter the name of the customer."),
        Field("email", "Email", "str", "Enter the email address of the customer."),
        Field("company", "Company", "str", "Enter the company name to which the customer belongs to."),
        Field("country", "Country", "str", "Enter the customer's or customer company's country location."),
        Field("state", "State", "str", "Enter the state code of the customer or customer's company."),
        Field("city", "City", "str", "Enter the city name of the customer or customer's company."),
        Field("zip", "Zip", "str", "Enter the area zip code of the customer or customer's company."),
        Field(
            "lead_created_at",
            "Lead Created At",
            "datetime",
            "Enter the date and time when the customer is established as a lead.",
        ),
        Field(
            "free_trial_started_at",
            "Free Trial Started At",
            "datetime",
            "Enter the date and time when the customer's free trial period started.",
        ),
        Field("tags", "Tags", "list[str]", "Enter the tags related to the customer."),
        Field(
            "custom",
            "Custom",
            "custom_attributes",
            "Add the custom attributes: Type (Select the data type), Key (Enter the name of the custom "
            "attribute), Value (Enter the value of the custom attribute).",
        ),
    )


PROFILE_NAMES = (
    "external_id",
    "name",
    "email",
    "company",
    "country",
    "state",
    "city",
    "zip",
    "lead_created_at",
    "free_trial_started_at",
)


def _attributes(fields: tuple[Field, ...], inputs: Inputs, *, typed: bool) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    if "tags" in inputs:
        attributes["tags"] = inputs["tags"]
    if "custom" in inputs:
        custom = next(f for f in fields if f.name == "custom").to_api(inputs["custom"])
        # Create takes the typed list; update takes a {key: value} map.
        attributes["custom"] = custom if typed else {a["key"]: a["value"] for a in custom}
    return attributes


# -- list ------------------------------------------------------------------------------------------------

LIST_FIELDS = (
    limit_field("customers"),
    Field(
        "data_source",
        "Data Source",
        "str",
        "Select the data source whose related customers you want to list.",
        api_name="data_source_uuid",
        picker="data_source",
    ),
    Field(
        "external_id",
        "External ID",
        "str",
        "Enter the unique external identifier of the customers you want to list.",
    ),
    Field(
        "status",
        "Status",
        "enum",
        "Select the status of the customers whom you want to list.",
        choices=STATUS,
    ),
    Field(
        "system",
        "System",
        "enum",
        "Select the billing system of the customers you want to list.",
        choices=SYSTEM,
    ),
)


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    params = to_body(LIST_FIELDS, inputs, ("external_id", "status", "system"))
    if "data_source" in inputs:
        params["data_source_uuid"] = yield from pickers.data_source(ctx, inputs["data_source"])
    yield from ctx.paginate("/customers", "entries", params, inputs.get("limit"))


LIST = Module(
    "customers.list",
    "List Customers",
    "Returns a list of customer objects in your ChartMogul account.",
    LIST_FIELDS,
    _list,
    ("GET /customers",),
    output="list",
)

# -- get -------------------------------------------------------------------------------------------------

GET_FIELDS = (customer_field("Select the customer whose details you want to retrieve."),)


def _get(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.customer(ctx, inputs["customer"])
    return (yield from ctx.get(f"/customers/{uuid}"))


GET = Module(
    "customers.get",
    "Get a Customer",
    "Retrieves a customer object from your ChartMogul account.",
    GET_FIELDS,
    _get,
    ("GET /customers/{uuid}",),
    object_field="customer",
)

# -- create ----------------------------------------------------------------------------------------------

CREATE_FIELDS = _profile("Select the data source from where the customer comes from.", creating=True)


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    ds = yield from pickers.data_source(ctx, inputs["data_source"])
    body = {"data_source_uuid": ds, **to_body(CREATE_FIELDS, inputs, PROFILE_NAMES)}
    attributes = _attributes(CREATE_FIELDS, inputs, typed=True)
    if attributes:
        body["attributes"] = attributes

    def lookup(ctx: Context) -> Flow[Any]:
        found = yield from ctx.collect(
            "/customers", "entries", {"data_source_uuid": ds, "external_id": inputs["external_id"]}
        )
        return found[0] if found else None

    return (yield from ctx.call("POST", "/customers", json=body, recovery=ByKey("external_id", lookup)))


CREATE = Module(
    "customers.create",
    "Create a Customer",
    "Creates a customer object in ChartMogul under the specified data source.",
    CREATE_FIELDS,
    _create,
    ("POST /customers",),
)

# -- update ----------------------------------------------------------------------------------------------

UPDATE_FIELDS = (
    customer_field("Select the customer whose details you want to update."),
    *_profile("Select the data source from where the customer comes from.", creating=False),
)


def _update(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.customer(ctx, inputs["customer"])
    body = to_body(UPDATE_FIELDS, inputs, PROFILE_NAMES)
    if "data_source" in inputs:
        body["data_source_uuid"] = yield from pickers.data_source(ctx, inputs["data_source"])
    attributes = _attributes(UPDATE_FIELDS, inputs, typed=False)
    if attributes:
        body["attributes"] = attributes
    return (yield from ctx.call("PATCH", f"/customers/{uuid}", json=body))


UPDATE = Module(
    "customers.update",
    "Update a Customer",
    "Updates certain modifiable attributes of a customer object in your ChartMogul account.",
    UPDATE_FIELDS,
    _update,
    ("PATCH /customers/{uuid}",),
    object_field="customer",
)

# -- delete ----------------------------------------------------------------------------------------------

DELETE_FIELDS = (customer_field("Select the customer you want to delete."),)


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.customer(ctx, inputs["customer"])
    yield from ctx.call("DELETE", f"/customers/{uuid}")


DELETE = Module(
    "customers.delete",
    "Delete a Customer",
    "Deletes the specified customer object and all its associated data.",
    DELETE_FIELDS,
    _delete,
    ("DELETE /customers/{uuid}",),
    output="none",
    object_field="customer",
)

# -- search (not in Make; the email half of the customer picker) -----------------------------------------

SEARCH_FIELDS = (
    Field(
        "email", "Email", "str", "Enter the email address of the customers you want to find.", required=True
    ),
    limit_field("customers"),
)


def _search(ctx: Context, inputs: Inputs) -> Flow[None]:
    try:
        yield from ctx.paginate(
            "/customers/search", "entries", {"email": inputs["email"]}, inputs.get("limit")
        )
    except NotFoundError:
        return  # ChartMogul answers 404 when no customer has this email: an empty result.


SEARCH = Module(
    "customers.search",
    "Search Customers by Email",
    "Returns the customers with the given email address.",
    SEARCH_FIELDS,
    _search,
    ("GET /customers/search",),
    output="list",
    object_field="email",
    from_seed=False,
)

GROUP = Group(
    "customers", "Customer", 1, (LIST, GET, CREATE, UPDATE, DELETE, SEARCH, *customer_merges.CUSTOMER_MODULES)
)
