"""The sandbox control API under `/v1/_sandbox`: reset, export, seed, snapshots (docs/behaviour.md).

Served only when the app is built with `sandbox_control=True` (`mogul.Sandbox` does so; `mogul serve`
only when asked), and authenticated with the account's key like every route.
"""

from __future__ import annotations

from starlette.responses import Response

from mogul.server.domain import sandbox_control
from mogul.server.http import schemas
from mogul.server.http.pipeline import Api, Call
from mogul.server.http.render import json_response, no_content

api = Api()
_NAME = {"name": {"type": "string", "pattern": sandbox_control.NAME_PATTERN}}


@api.post("/_sandbox/reset")
def reset(call: Call) -> Response:
    """Delete all of the account's data (the account and its keys stay)."""
    return json_response(sandbox_control.reset(call.scope))


@api.get("/_sandbox/export")
def export(call: Call) -> Response:
    """The account's data as a bundle."""
    return json_response(sandbox_control.export(call.scope))


@api.post("/_sandbox/seed", prepare=sandbox_control.prepare_seed, body=schemas.BUNDLE)
def seed(call: Call) -> Response:
    """Add a bundle's objects to the account (what is stored already is matched)."""
    return json_response(sandbox_control.seed(call.scope, call.prepared))


@api.get("/_sandbox/snapshots")
def list_snapshots(call: Call) -> Response:
    """The account's snapshots."""
    return json_response(sandbox_control.list_snapshots(call.scope))


@api.put("/_sandbox/snapshots/{name}", path_schemas=_NAME)
def snapshot(call: Call) -> Response:
    """Save the account's data as a named snapshot (replacing one of that name)."""
    return json_response(sandbox_control.snapshot(call.scope, call.path["name"]))


@api.get("/_sandbox/snapshots/{name}", path_schemas=_NAME)
def retrieve_snapshot(call: Call) -> Response:
    """A snapshot with its bundle."""
    return json_response(sandbox_control.retrieve_snapshot(call.scope, call.path["name"]))


@api.post("/_sandbox/snapshots/{name}/restore", path_schemas=_NAME)
def restore(call: Call) -> Response:
    """Make the account's data what it was when the snapshot was saved."""
    return json_response(sandbox_control.restore(call.scope, call.path["name"]))


@api.delete("/_sandbox/snapshots/{name}", path_schemas=_NAME)
def delete_snapshot(call: Call) -> Response:
    """Delete a snapshot."""
    sandbox_control.delete_snapshot(call.scope, call.path["name"])
    return no_content()
