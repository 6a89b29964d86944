"""The MCP server: a tool per module and the analyses, two resources and a prompt, over one connection.

    server = build_server(lambda: mogul.AsyncClient(...), Policy(allow_writes=True))
    await serve_stdio(connect, policy)            # what `mogul mcp` runs

Built on the SDK's low-level `Server`: the schemas are the registry's, written out by `mogul.mcp.tools`,
and every call is checked by the module itself (`Module.validate`), so a bad argument is a tool error
naming its field, like every other failure (`mogul.mcp.present`).

A delete or cancellation is confirmed by the user before it is sent. A client that can ask (it declared
elicitation) is asked: on a 2025 connection by an `elicitation/create` request, on a 2026-07-28 one by
returning the question (`InputRequiredResult`, its state sealed by the SDK's `RequestStateBoundary`).
Any other client gets a preview and a confirmation token (`mogul.mcp.tokens`) to call again with.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import mcp_types as types
from mcp.server import Server, ServerRequestContext
from mcp.server.request_state import RequestStateBoundary, RequestStateSecurity
from mcp.shared.exceptions import MCPError
from mcp_types.version import MODERN_PROTOCOL_VERSIONS

from mogul import errors
from mogul.mcp.analytics import ANALYSES, Analysis
from mogul.mcp.present import Declined, Refused, as_json, error_result, has_money, iso_time, present, result
from mogul.mcp.tokens import Confirmations, decode_cursor, encode_cursor
from mogul.mcp.tools import (
    API_CALL,
    LIST_MAX,
    METHODS,
    MONEY_NOTE,
    ModuleTool,
    Policy,
    method_effect,
    object_schema,
    tool_name,
)
from mogul.modules import registry
from mogul.modules.spec import Module
from mogul.version import installed

logger = logging.getLogger("mogul.mcp")

NAME = "mogul"
CONFIRM_STATE = "mogul:confirm"
CONFIRM_SCHEMA = {
    "type": "object",
    "properties": {
        "confirm": {
            "type": "boolean",
            "title": "Go ahead",
            "description": "Check to do it; it cannot be undone.",
        }
    },
    "required": ["confirm"],
}
INSTRUCTIONS = (
    "mogul answers from a ChartMogul account (or a ChartMogul-compatible mogul serve). Each tool is one "
    "module (customers_list, metrics_mrr, invoices_import, ...); mrr_bridge and explain_metric answer "
    "analytics questions in one call. Name objects as people do: a data source by name, a customer by "
    "external id or email, a plan by name or external id. Amounts are in currency units beside their "
    "currency, times ISO 8601 in UTC. Lists answer a page with `truncated` and a `cursor` to go on. A "
    "failed call is a tool error that says what was wrong (status, ChartMogul's message, the field); "
    "nothing was done then. Deletes and cancellations need the user's confirmation."
)
ACCOUNT_URI = "mogul://account"
MODULES_URI = "mogul://modules"
REVIEW_PROMPT = "monthly_revenue_review"
ALL_METHODS = frozenset(m for methods in METHODS.values() for m in methods)


class Toolbox:
    """Every tool there is: one per module, and the analyses."""

    def __init__(self) -> None:
        self.modules = {tool.name: tool for tool in (ModuleTool(m) for m in registry.modules())}
        self.analyses = {a.name: a for a in ANALYSES}
        if len(self.modules) != len(registry.modules()) or set(self.modules) & set(self.analyses):
            raise RuntimeError("two tools have one name")

    def listed(self, policy: Policy) -> list[types.Tool]:
        """The tools the policy offers, in the registry's order, then the analyses."""
        tools = [t.definition(policy) for t in self.modules.values() if policy.allows(t.effect)]
        return tools + [_analysis_tool(a) for a in self.analyses.values()]


def _analysis_tool(analysis: Analysis) -> types.Tool:
    return types.Tool(
        name=analysis.name,
        title=analysis.title,
        description=f"{analysis.description} {MONEY_NOTE}",
        input_schema=object_schema(analysis.fields),
        output_schema={"type": "object"},
        annotations=types.ToolAnnotations(title=analysis.title, read_only_hint=True, open_world_hint=False),
    )


class Session:
    """One connection's state: its client, what it may do, its confirmation tokens, the account."""

    def __init__(self, client: Any, policy: Policy, toolbox: Toolbox) -> None:
        self.client = client
        self.policy = policy
        self.toolbox = toolbox
        self.confirmations = Confirmations()
        self._account: dict[str, Any] | None = None

    async def account(self) -> Mapping[str, Any]:
        """`GET /account` (its currency, time zone, week start), asked once; empty if it is refused."""
        if self._account is None:
            try:
                self._account = dict(await self.client.request("GET", "/account") or {})
            except errors.APIStatusError:
                self._account = {}
        return self._account

    async def currency(self, *values: Any) -> str | None:
        """The account's currency, when any of `values` has amounts without a currency of their own."""
        if not any(has_money(v) for v in values):
            return None
        currency = (await self.account()).get("currency")
        return str(currency) if currency else None


# -- calls ------------------------------------------------------------------------------------------------

Answer = types.CallToolResult | types.InputRequiredResult


async def call_tool(ctx: ServerRequestContext[Hub], params: types.CallToolRequestParams) -> Answer:
    session = ctx.lifespan_context.session()
    try:
        return await _call(session, ctx, params)
    except errors.MogulError as exc:
        return error_result(exc)
    except MCPError:
        raise
    except Exception as exc:
        logger.exception("tool %s failed", params.name)
        return error_result(exc)


async def _call(
    session: Session, ctx: ServerRequestContext[Hub], params: types.CallToolRequestParams
) -> Answer:
    name, arguments = params.name, dict(params.arguments or {})
    analysis = session.toolbox.analyses.get(name)
    if analysis is not None:
        return result(await analysis.compute(session, analysis.validate(arguments)))
    tool = session.toolbox.modules.get(name)
    if tool is None:
        raise MCPError(types.INVALID_PARAMS, f"Unknown tool: {name}")
    policy = session.policy
    if not policy.allows(tool.effect):
        raise Refused(
            f"{name} ({tool.module.label}) changes the account: this mogul mcp was started without "
            f"{policy.flag(tool.effect)}, so it does not offer it. Nothing was sent."
        )
    if tool.module.many:
        return await _list(session, tool, arguments)
    return await _run(session, ctx, params, tool, arguments)


def _limit(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LIST_MAX:
        raise errors.InputError(f"must be a whole number from 1 to {LIST_MAX}, got {value!r}", field="limit")
    return value


async def _list(session: Session, tool: ModuleTool, arguments: dict[str, Any]) -> types.CallToolResult:
    limit, cursor = arguments.pop("limit", None), arguments.pop("cursor", None)
    size = session.policy.list_limit if limit is None else _limit(limit)
    after = None if cursor is None else decode_cursor(tool.name, arguments, cursor)
    page = await session.client.page(tool.module.id, arguments, size=size, after=after)
    currency = await session.currency(*page.items)
    items = [present(item, currency) for item in page.items]
    more = "; more follow: call again with the cursor" if page.more else ""
    return result(
        {
            "items": items,
            "count": len(items),
            "truncated": page.more,
            "cursor": encode_cursor(tool.name, arguments, page.after),
        },
        text=f"{tool.module.label}: {len(items)} item{'' if len(items) == 1 else 's'}{more}.",
    )


async def _run(
    session: Session,
    ctx: ServerRequestContext[Hub],
    params: types.CallToolRequestParams,
    tool: ModuleTool,
    arguments: dict[str, Any],
) -> Answer:
    module = tool.module
    effect = tool.effect
    if module.id == API_CALL:
        method = str(arguments.get("method") or "GET").upper()
        if method in ALL_METHODS:  # another is refused by the module's own check
            effect = method_effect(method)
        if not session.policy.allows(effect):
            raise Refused(
                f"{method} changes the account: this mogul mcp was started without "
                f"{session.policy.flag(effect)}, so Make an API Call takes "
                f"{', '.join(session.policy.methods())} only. Nothing was sent."
            )
    token = arguments.pop("confirmation", None) if effect == "destroy" else None
    inputs = module.validate(arguments)  # every input checked before anything is asked or sent
    preview: dict[str, Any] | None = None
    if effect == "destroy":
        confirmed = await _confirm(session, ctx, params, tool, arguments, inputs, token)
        if not isinstance(confirmed, dict):
            return confirmed
        preview = confirmed
    answer = await session.client.run(module.id, arguments)
    if module.id == API_CALL:
        body = answer.get("body")
        return result({"status": answer["status"], "body": present(body, await session.currency(body))})
    if module.output == "none":
        done = {"done": True, "message": f"{module.label}: done ({_describe(preview)})."}
        target = (preview or {}).get("target")
        if isinstance(target, Mapping):
            done["target"] = present(target)
        return result(done)
    return result(present(answer, await session.currency(answer)))


# -- confirmations ----------------------------------------------------------------------------------------


def _getter(module: Module) -> Module | None:
    """The module that gets what `module` deletes or cancels (`customers.get` for `customers.delete`)."""
    if not module.object_field:
        return None
    own = f"{module.group}.get"
    if any(m.id == own for m in registry.modules()):
        return registry.get(own)
    picker = module.field(module.object_field).picker
    for candidate in registry.modules():
        if candidate.action == "get" and candidate.object_field and candidate.group == module.group:
            if candidate.field(candidate.object_field).picker == picker:
                return candidate
    return None


async def _preview(
    session: Session, tool: ModuleTool, arguments: Mapping[str, Any], inputs: Mapping[str, Any]
) -> dict[str, Any]:
    """What a destructive call would delete or cancel: the object as it is now (an error if there is
    none), or for "Make an API Call" the request, with what a GET of its path answers."""
    module = tool.module
    if module.id == API_CALL:
        target = None
        try:
            reply = await session.client.run(API_CALL, {"url": inputs["url"], "method": "GET"})
            target = reply.get("body")
        except errors.APIStatusError:
            pass
        return {"action": module.label, "request": f"{inputs['method']} {inputs['url']}", "target": target}
    field = module.object_field or ""
    getter = _getter(module)
    handle = inputs.get(field)
    if getter is not None and getter.object_field:
        target = await session.client.run(getter.id, {getter.object_field: handle})
    else:
        target = {field: handle}
    out: dict[str, Any] = {"action": module.label, "target": target}
    others = {k: v for k, v in arguments.items() if module.field(k).name != field}
    if others:
        out["with"] = others
    return out


def _describe(preview: Mapping[str, Any] | None) -> str:
    """One line for the user: what will be (or was) deleted or cancelled."""
    if not preview:
        return ""
    target = preview.get("target")
    described = ""
    if isinstance(target, Mapping):
        ident = target.get("uuid") or next((str(v) for v in target.values() if isinstance(v, str)), "")
        details = [str(target[k]) for k in ("name", "email") if target.get(k)]
        if target.get("external_id"):
            details.append(f"external id {target['external_id']}")
        described = f"{ident} ({', '.join(details)})" if details else str(ident)
    request = preview.get("request")
    if request:
        return f"{request}: {described}" if described else str(request)
    return described


def _can_ask(ctx: ServerRequestContext[Hub]) -> bool:
    capabilities = ctx.session.client_capabilities
    asking = capabilities.elicitation if capabilities is not None else None
    return asking is not None and (asking.form is not None or asking.url is None)


async def _ask(
    ctx: ServerRequestContext[Hub], params: types.CallToolRequestParams, question: str
) -> types.ElicitResult | types.InputRequiredResult | None:
    """The user's answer; the question itself on a 2026-07-28 connection (the client calls again with
    the answer); None when the client could not ask after all."""
    if ctx.protocol_version in MODERN_PROTOCOL_VERSIONS:
        answer = (params.input_responses or {}).get("confirm")
        if params.request_state == CONFIRM_STATE and isinstance(answer, types.ElicitResult):
            return answer
        request = types.ElicitRequest(
            params=types.ElicitRequestFormParams(message=question, requested_schema=CONFIRM_SCHEMA)
        )
        return types.InputRequiredResult(input_requests={"confirm": request}, request_state=CONFIRM_STATE)
    try:
        return await ctx.session.elicit_form(question, CONFIRM_SCHEMA, related_request_id=ctx.request_id)
    except MCPError as exc:
        logger.info("the client could not ask for a confirmation (%s); answering a preview", exc)
        return None


async def _confirm(
    session: Session,
    ctx: ServerRequestContext[Hub],
    params: types.CallToolRequestParams,
    tool: ModuleTool,
    arguments: dict[str, Any],
    inputs: Mapping[str, Any],
    token: Any,
) -> dict[str, Any] | Answer:
    """The preview once the user confirmed; else what to answer instead (the question, a preview with a
    token). A refusal raises Declined."""
    if token is not None:
        session.confirmations.redeem(token, tool.name, arguments)
        return await _preview(session, tool, arguments, inputs)
    preview = await _preview(session, tool, arguments, inputs)
    what = _describe(preview)
    question = f"{tool.module.label}: {what}. This cannot be undone. Go ahead?"
    if _can_ask(ctx):
        answer = await _ask(ctx, params, question)
        if isinstance(answer, types.InputRequiredResult):
            return answer
        if answer is not None:
            if answer.action == "accept" and (answer.content or {}).get("confirm") is True:
                return preview
            said = "declined" if answer.action != "cancel" else "dismissed the question"
            raise Declined(f"The user {said}: nothing was done ({tool.module.label}: {what}).")
    token, expires = session.confirmations.issue(tool.name, arguments)
    until = iso_time(datetime.fromtimestamp(expires, UTC))
    return result(
        {
            "done": False,
            "confirmation_required": True,
            "preview": present(preview),
            "confirmation": token,
            "expires_at": until,
        },
        text=f"Nothing was done yet. {question} Ask the user; if they agree, call {tool.name} again with "
        f"the same arguments and confirmation {token!r} (good until {until}, once).",
    )


# -- resources and the prompt -----------------------------------------------------------------------------


async def list_resources(
    ctx: ServerRequestContext[Hub], params: types.PaginatedRequestParams | None
) -> types.ListResourcesResult:
    return types.ListResourcesResult(
        resources=[
            types.Resource(
                uri=ACCOUNT_URI,
                name="account",
                title="The account",
                description="The account (name, currency, time zone), its data sources and today's key "
                "metrics.",
                mime_type="application/json",
            ),
            types.Resource(
                uri=MODULES_URI,
                name="modules",
                title="The modules",
                description="Every module: its tool, Make name, effect (read, write, destroy) and whether "
                "this server offers it.",
                mime_type="application/json",
            ),
        ]
    )


async def read_resource(
    ctx: ServerRequestContext[Hub], params: types.ReadResourceRequestParams
) -> types.ReadResourceResult:
    session = ctx.lifespan_context.session()
    uri = str(params.uri)
    if uri == MODULES_URI:
        content: Any = module_list(session.policy)
    elif uri == ACCOUNT_URI:
        try:
            content = await overview(session)
        except errors.MogulError as exc:
            raise MCPError(types.INTERNAL_ERROR, f"cannot read the account: {exc}") from None
    else:
        raise MCPError(types.INVALID_PARAMS, f"no resource {uri}; resources: {ACCOUNT_URI}, {MODULES_URI}")
    return types.ReadResourceResult(
        contents=[types.TextResourceContents(uri=uri, mime_type="application/json", text=as_json(content))]
    )


def module_list(policy: Policy) -> list[dict[str, Any]]:
    return [
        {
            "module": m.id,
            "tool": tool_name(m.id),
            "label": m.label,
            "effect": ModuleTool(m).effect,
            "offered": policy.allows(ModuleTool(m).effect),
            "http": list(m.http),
        }
        for m in registry.modules()
    ]


async def overview(session: Session) -> dict[str, Any]:
    account = dict(await session.account())
    sources = await session.client.page("data_sources.list", size=LIST_MAX)
    today = datetime.now(UTC).date()
    metrics = await session.client.run(
        "metrics.all", {"start_date": today - timedelta(days=1), "end_date": today, "interval": "day"}
    )
    entries = metrics.get("entries") or [{}]
    return {
        "account": account,
        "data_sources": [present(s) for s in sources.items],
        "today": present(entries[-1], account.get("currency")),
    }


async def list_prompts(
    ctx: ServerRequestContext[Hub], params: types.PaginatedRequestParams | None
) -> types.ListPromptsResult:
    return types.ListPromptsResult(
        prompts=[
            types.Prompt(
                name=REVIEW_PROMPT,
                title="Monthly revenue review",
                description="A review of one month's revenue: the MRR bridge, the churn rates explained, "
                "the customers behind the largest movements.",
                arguments=[
                    types.PromptArgument(name="month", description="The month, as YYYY-MM.", required=True)
                ],
            )
        ]
    )


def month_bounds(month: str) -> tuple[date, date]:
    """The last day before the month and its last day (`2024-03` → 2024-02-29, 2024-03-31)."""
    try:
        first = datetime.strptime(month.strip(), "%Y-%m").date()
    except ValueError:
        raise MCPError(types.INVALID_PARAMS, f"month must be YYYY-MM, got {month!r}") from None
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first - timedelta(days=1), following - timedelta(days=1)


async def get_prompt(
    ctx: ServerRequestContext[Hub], params: types.GetPromptRequestParams
) -> types.GetPromptResult:
    if params.name != REVIEW_PROMPT:
        raise MCPError(types.INVALID_PARAMS, f"no prompt {params.name!r}; prompts: {REVIEW_PROMPT}")
    month = (params.arguments or {}).get("month") or ""
    before, last = month_bounds(month)
    text = (
        f"Review the revenue of {month} for me.\n"
        f"1. Call mrr_bridge with start_date {before} and end_date {last}: report the MRR at both ends, "
        "each movement with its amount and how many customers made it, and whether the check balances.\n"
        f"2. Call explain_metric for mrr-churn-rate and for customer-churn-rate on {last} (interval month) "
        "and say what drove each.\n"
        "3. Name the customers behind the largest expansion, contraction and churn, with their amounts.\n"
        "4. End with three short observations. Amounts are in currency units; give the currency."
    )
    return types.GetPromptResult(
        description=f"Monthly revenue review of {month}",
        messages=[types.PromptMessage(role="user", content=types.TextContent(type="text", text=text))],
    )


# -- the server -------------------------------------------------------------------------------------------


async def list_tools(
    ctx: ServerRequestContext[Hub], params: types.PaginatedRequestParams | None
) -> types.ListToolsResult:
    session = ctx.lifespan_context.session()
    return types.ListToolsResult(tools=session.toolbox.listed(session.policy))


class Hub:
    """Where a call finds its Session: one a stdio connection (per key for HTTP, `mogul.mcp.http`)."""

    def __init__(self, session: Session | None = None) -> None:
        self._session = session

    def session(self) -> Session:
        assert self._session is not None
        return self._session


OpenHub = Callable[[Toolbox], AbstractAsyncContextManager[Hub]]


def build_server(
    connect: Callable[[], Any] | None, policy: Policy, *, hub: OpenHub | None = None
) -> Server[Hub]:
    """The MCP server; `connect()` makes the `mogul.AsyncClient` of its one connection (closed at the
    end), or `hub` opens what finds each call's session."""
    toolbox = Toolbox()

    @asynccontextmanager
    async def single(toolbox: Toolbox) -> AsyncIterator[Hub]:
        assert connect is not None
        client = connect()
        try:
            yield Hub(Session(client, policy, toolbox))
        finally:
            await client.aclose()

    opening = hub or single

    @asynccontextmanager
    async def lifespan(_server: Server[Hub]) -> AsyncIterator[Hub]:
        async with opening(toolbox) as opened:
            yield opened

    server: Server[Hub] = Server(
        NAME,
        version=installed(),
        title="mogul: ChartMogul",
        instructions=INSTRUCTIONS,
        lifespan=lifespan,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_read_resource=read_resource,
        on_list_prompts=list_prompts,
        on_get_prompt=get_prompt,
    )
    # The confirmation's state comes back from the client: sealed, and bound to the call's arguments.
    server.middleware.append(RequestStateBoundary(RequestStateSecurity.ephemeral(), default_audience=NAME))
    return server


async def serve_stdio(connect: Callable[[], Any], policy: Policy) -> None:
    """Serve one client over standard input and output until it goes away."""
    from mcp.server.stdio import stdio_server

    server = build_server(connect, policy)
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())
