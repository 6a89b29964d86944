"""Plan group modules: Get, Create, Update, Delete (Make), and List, List a Group's Plans (added)."""

from __future__ import annotations

from typing import Any

from mogul.flow import Context, Flow
from mogul.modules import pickers
from mogul.modules.recovery import BySnapshot
from mogul.modules.spec import Field, Group, Inputs, Module, limit_field


def group_field(help: str) -> Field:
    return Field(
        "plan_group",
        "Plan Group",
        "str",
        help,
        api_name="plan_group_uuid",
        required=True,
        picker="plan_group",
    )


def _members(help: str, *, required: bool) -> tuple[Field, ...]:
    return (
        Field("name", "Name", "str", "Enter a name for the plan group.", required=required),
        Field("plans", "Plan", "list[str]", help, required=required, picker="plan"),
    )


def _plan_uuids(ctx: Context, handles: list[str]) -> Flow[list[str]]:
    out = []
    for n, handle in enumerate(handles):
        out.append((yield from pickers.plan(ctx, handle, field=f"plans[{n}]")))
    return out


# -- list (not in Make: the plan group picker's list) -------------------------------------------------------


def _list(ctx: Context, inputs: Inputs) -> Flow[None]:
    yield from ctx.paginate("/plan_groups", "plan_groups", {}, inputs.get("limit"))


LIST = Module(
    "plan_groups.list",
    "List Plan Groups",
    "Returns a list of plan group objects in your ChartMogul account.",
    (limit_field("plan groups"),),
    _list,
    ("GET /plan_groups",),
    output="list",
    from_seed=False,
)

# -- list a group's plans (not in Make) ----------------------------------------------------------------------


def _list_plans(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.plan_group(ctx, inputs["plan_group"])
    yield from ctx.paginate(f"/plan_groups/{uuid}/plans", "plans", {}, inputs.get("limit"))


LIST_PLANS = Module(
    "plan_groups.list_plans",
    "List Plans in a Plan Group",
    "Returns the plans of a plan group.",
    (group_field("Select the plan group whose plans you want to list."), limit_field("plans")),
    _list_plans,
    ("GET /plan_groups/{uuid}/plans",),
    output="list",
    object_field="plan_group",
    from_seed=False,
)

# -- get -------------------------------------------------------------------------------------------------


def _get(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.plan_group(ctx, inputs["plan_group"])
    return (yield from ctx.get(f"/plan_groups/{uuid}"))


GET = Module(
    "plan_groups.get",
    "Get a Plan Group",
    "Retrieves a plan group object from your ChartMogul account.",
    (group_field("Select the plan group whose details you want to retrieve."),),
    _get,
    ("GET /plan_groups/{uuid}",),
    object_field="plan_group",
)

# -- create ----------------------------------------------------------------------------------------------


def _create(ctx: Context, inputs: Inputs) -> Flow[Any]:
    plans = yield from _plan_uuids(ctx, inputs["plans"])
    body = {"name": inputs["name"], "plans": plans}

    def listing(ctx: Context) -> Flow[list[Any]]:
        return (yield from ctx.collect("/plan_groups", "plan_groups"))

    def same(group: Any) -> bool:
        return group.get("name") == body["name"] and group.get("plans_count") == len(set(plans))

    return (yield from ctx.call("POST", "/plan_groups", json=body, recovery=BySnapshot(listing, same)))


CREATE = Module(
    "plan_groups.create",
    "Create a Plan Group",
    "Creates a plan group object in ChartMogul.",
    _members("Add the plans for the plan group.", required=True),
    _create,
    ("POST /plan_groups",),
)

# -- update ----------------------------------------------------------------------------------------------


def _update(ctx: Context, inputs: Inputs) -> Flow[Any]:
    uuid = yield from pickers.plan_group(ctx, inputs["plan_group"])
    body: dict[str, Any] = {}
    if "name" in inputs:
        body["name"] = inputs["name"]
    if "plans" in inputs:
        body["plans"] = yield from _plan_uuids(ctx, inputs["plans"])
    return (yield from ctx.call("PATCH", f"/plan_groups/{uuid}", json=body))


UPDATE = Module(
    "plan_groups.update",
    "Update a Plan Group",
    "Updates a plan group object in your ChartMogul account.",
    (
        group_field("Select the plan group whose details you want to update."),
        *_members("Add the plans for the plan group (they replace its plans).", required=False),
    ),
    _update,
    ("PATCH /plan_groups/{uuid}",),
    object_field="plan_group",
)

# -- delete ----------------------------------------------------------------------------------------------


def _delete(ctx: Context, inputs: Inputs) -> Flow[None]:
    uuid = yield from pickers.plan_group(ctx, inputs["plan_group"])
    yield from ctx.call("DELETE", f"/plan_groups/{uuid}")


DELETE = Module(
    "plan_groups.delete",
    "Deletes a Plan Group",
    "Deletes the specified plan group object from your ChartMogul account.",
    (group_field("Select the plan group you want to delete."),),
    _delete,
    ("DELETE /plan_groups/{uuid}",),
    output="none",
    object_field="plan_group",
)

GROUP = Group("plan_groups", "Plan Group", 3, (LIST, LIST_PLANS, GET, CREATE, UPDATE, DELETE))
