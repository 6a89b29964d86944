"""Deletes ask first on a terminal (`--yes` does not), refuse to guess without one, and print what they
deleted: a line for a table, the object in JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.cli.conftest import MOGUL, Mogul, Server, clean_env
from tests.terminal import answer_on_terminal

NOT_A_TERMINAL = (
    "error: a delete asks first, and standard input is not a terminal: give --yes to delete without asking "
    "(nothing was deleted)\n"
)


def test_without_a_terminal_a_delete_needs_yes(
    mogul: Mogul, http: httpx.Client, customer: dict[str, Any]
) -> None:
    result = mogul("customers", "delete", customer["uuid"])
    assert (result.code, result.out, result.err) == (2, "", NOT_A_TERMINAL)
    assert http.get(f"/customers/{customer['uuid']}").status_code == 200


def test_yes_deletes_and_says_what(mogul: Mogul, http: httpx.Client, customer: dict[str, Any]) -> None:
    result = mogul("customers", "delete", customer["external_id"], "-y", "-o", "table")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"deleted customer {customer['uuid']} (Ada Lovelace, external id {customer['external_id']}, "
        f"{customer['email']})\n"
    )
    assert http.get(f"/customers/{customer['uuid']}").status_code == 404


def test_in_json_a_delete_prints_the_object_it_deleted(
    mogul: Mogul, http: httpx.Client, plan: dict[str, Any]
) -> None:
    before = http.get(f"/plans/{plan['uuid']}").json()
    result = mogul("plans", "delete", plan["external_id"], "--yes", "-o", "json")
    assert (result.code, result.err) == (0, "")
    assert result.json() == before
    assert http.get(f"/plans/{plan['uuid']}").status_code == 404


def _on_terminal(server: Server, config_file: Path, answer: bytes, *args: str) -> tuple[int, str, str]:
    env = clean_env(config_file) | {
        "CHARTMOGUL_API_KEY": server.main_key,
        "CHARTMOGUL_BASE_URL": server.base_url,
    }
    code, out, shown = answer_on_terminal([MOGUL, *args], env, b"[y/N] ", answer)
    return code, out, shown.decode().replace("\r\n", "\n")


def test_on_a_terminal_no_keeps_it(
    server: Server, config_file: Path, http: httpx.Client, customer: dict[str, Any]
) -> None:
    code, out, shown = _on_terminal(server, config_file, b"n\n", "customers", "delete", customer["uuid"])
    assert (code, out) == (1, "")
    assert shown == (
        f"Delete customer {customer['uuid']} (Ada Lovelace, external id {customer['external_id']}, "
        f"{customer['email']}) and its invoices, subscriptions and activities? [y/N] n\nnot deleted\n"
    )
    assert http.get(f"/customers/{customer['uuid']}").status_code == 200


def test_on_a_terminal_yes_deletes(
    server: Server, config_file: Path, http: httpx.Client, data_source: dict[str, Any]
) -> None:
    args = ("data-sources", "delete", data_source["name"], "-o", "table")
    code, out, shown = _on_terminal(server, config_file, b"yes\n", *args)
    assert (code, out) == (0, f"deleted data source {data_source['uuid']} ({data_source['name']})\n")
    assert shown == (
        f"Delete data source {data_source['uuid']} ({data_source['name']}) and every customer, plan and "
        "invoice in it? [y/N] yes\n"
    )
    assert http.get(f"/data_sources/{data_source['uuid']}").status_code == 404
