"""Failures end to end: one line on standard error, `error: ...`, and the exit code that says what kind.

1 ChartMogul answered an error, 2 usage, 3 no answer; never a traceback (the `mogul` fixture checks).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Mogul, Server
from tests.conftest import unique


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    return lines[0]


def test_duplicate_external_id_is_exit_1_with_chartmogul_message(
    mogul: Mogul, customer: dict[str, Any]
) -> None:
    result = mogul(
        "customers",
        "create",
        "--data-source",
        customer["data_source_uuid"],
        "--external-id",
        customer["external_id"],
    )
    assert result.code == 1
    assert result.out == ""
    assert one_line(result.err) == (
        "error: 422 external_id: The external ID for this customer already exists in our system."
    )


def test_unknown_uuid_is_exit_1_not_found(mogul: Mogul) -> None:
    result = mogul("plans", "get", "pl_00000000-0000-0000-0000-000000000000")
    assert result.code == 1
    assert one_line(result.err).startswith("error: 404 ")


def test_wrong_api_key_is_exit_1_with_advice(mogul: Mogul) -> None:
    result = mogul("data-sources", "list", key="not-a-key")
    assert result.code == 1
    line = one_line(result.err)
    assert line.startswith("error: 401 ")
    assert "check the API key" in line


def test_missing_mandatory_option_is_exit_2_naming_the_option(mogul: Mogul, data_source: Any) -> None:
    result = mogul("customers", "create", "--data-source", data_source["uuid"], "--name", "No Id")
    assert result.code == 2
    assert one_line(result.err) == "error: --external-id: is mandatory (External ID)"


def test_missing_object_argument_is_exit_2_naming_it(mogul: Mogul) -> None:
    result = mogul("invoices", "get")
    assert result.code == 2
    assert one_line(result.err) == "error: INVOICE: is mandatory (Invoice)"


def test_bad_enum_value_is_exit_2_listing_the_allowed_values(mogul: Mogul, data_source: Any) -> None:
    result = mogul(
        "plans",
        "create",
        "--data-source",
        data_source["uuid"],
        "--name",
        "Weekly",
        "--interval-count",
        "1",
        "--interval-unit",
        "week",
    )
    assert result.code == 2
    assert one_line(result.err) == "error: --interval-unit: must be one of: Day, Month, Year (got 'week')"


def test_bad_value_inside_data_is_exit_2_with_its_path(mogul: Mogul, customer: dict[str, Any]) -> None:
    data = '{"external_id": "x", "date": "2025-01-01", "currency": "USD", "line_items": [{"type": "gift"}]}'
    result = mogul("invoices", "import", customer["uuid"], "--data", "-", input=data)
    assert result.code == 2
    assert (
        one_line(result.err)
        == "error: line_items[0].type: must be one of: Subscription, One Time (got 'gift')"
    )


def test_unknown_handle_is_exit_2(mogul: Mogul) -> None:
    result = mogul("customers", "get", unique("nobody"))
    assert result.code == 2
    assert "no customer with external id or email" in one_line(result.err)


def test_unknown_option_is_a_one_line_usage_error(mogul: Mogul) -> None:
    result = mogul("customers", "list", "--colour", "red")
    assert result.code == 2
    assert one_line(result.err) == "error: No such option: --colour (see 'mogul customers list --help')"


def test_bad_output_format_is_exit_2(mogul: Mogul) -> None:
    result = mogul("data-sources", "list", "-o", "xml")
    assert result.code == 2
    line = one_line(result.err)
    assert "xml" in line and "table" in line and "jsonl" in line


def test_unreadable_or_invalid_data_file_is_exit_2(mogul: Mogul, tmp_path: Path) -> None:
    missing = mogul("data-sources", "create", "--data", str(tmp_path / "nope.json"))
    assert missing.code == 2
    assert (
        one_line(missing.err)
        == f"error: --data: cannot read {tmp_path / 'nope.json'}: No such file or directory"
    )

    (tmp_path / "bad.json").write_text("{name: 1}")
    invalid = mogul("data-sources", "create", "--data", str(tmp_path / "bad.json"))
    assert invalid.code == 2
    assert one_line(invalid.err).startswith(f"error: --data: {tmp_path / 'bad.json'} is not JSON (")

    listed = mogul("data-sources", "create", "--data", "-", input="[1, 2]")
    assert listed.code == 2
    assert one_line(listed.err) == (
        "error: --data: standard input must hold a JSON object with the module's fields, got a list"
    )


def test_no_credentials_is_exit_2(mogul: Mogul) -> None:
    result = mogul("data-sources", "list", connect=False)
    assert result.code == 2
    assert one_line(result.err).startswith("error: No ChartMogul credentials: ")


def test_refused_connection_is_exit_3_at_once_naming_the_url(mogul: Mogul) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before mogul connects
    started = time.monotonic()
    # the default retries (five, with backoff, about 15 s) do not apply to a refused connection
    result = mogul("data-sources", "list", "--base-url", f"http://127.0.0.1:{port}")
    elapsed = time.monotonic() - started
    assert result.code == 3
    assert one_line(result.err) == (
        f"error: cannot reach http://127.0.0.1:{port}: connection refused "
        "(is the server running? check the base URL)"
    )
    assert elapsed < 3, elapsed  # the executable's start-up and one attempt


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


def test_no_answer_in_time_is_exit_3(mogul: Mogul, silent_server: int) -> None:
    result = mogul(
        "data-sources",
        "list",
        "--base-url",
        f"http://127.0.0.1:{silent_server}",
        "--timeout",
        "0.3",
        "--max-retries",
        "0",
    )
    assert result.code == 3
    assert one_line(result.err) == (
        f"error: no answer from http://127.0.0.1:{silent_server} within 0.3 s (read timeout) "
        "(retries are off (max_retries=0))"
    )


def test_help_and_no_arguments(mogul: Mogul, server: Server) -> None:
    top = mogul("--help", connect=False)
    assert top.code == 0
    for name in (
        "customers",
        "plans",
        "plan-groups",
        "data-sources",
        "invoices",
        "subscriptions",
        "api",
        "metrics",
    ):
        assert f" {name} " in top.out
    bare = mogul("customers", connect=False)
    assert bare.code == 2
    assert "list" in bare.out and "create" in bare.out
    assert bare.err == ""
