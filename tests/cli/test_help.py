"""Help in the command line's words: flags without a value, mandatory parameters marked, Make's form
wording ("Select the ...", "Enter the ...") left out, and values checked (`--limit -5` is refused)."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Mogul


def shown(text: str) -> str:
    """Help as one line of words: rich's table borders and padding dropped."""
    return " ".join(text.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def help_of(mogul: Mogul, *command: str) -> str:
    result = mogul(*command, "--help", connect=False)
    assert (result.code, result.err) == (0, "")
    return shown(result.out)


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["serve"],
        ["import"],
        ["db", "upgrade"],
        ["demo"],
        ["profiles", "add"],
        ["profiles", "list"],
        ["customers", "create"],
        ["api"],
        ["metrics", "mrr"],
    ],
)
def test_no_option_shows_a_python_type(mogul: Mogul, command: list[str]) -> None:
    text = help_of(mogul, *command)
    for python_type in ("<bool>", "<int>", "<int range>", "<list[str]>"):
        assert python_type not in text
    assert "--help Show this message and exit." in text


def test_flags_are_flags_and_values_are_named(mogul: Mogul) -> None:
    imports = help_of(mogul, "import")
    for row in (
        "--dry-run Check every input, send nothing.",
        "--fallback No bulk imports: one request per customer (paced).",
        "--data-source -d NAME|UUID Data source name or ds_ uuid (a new name is created).",
        "--plans FILE A file of plans to import first (with customers or invoices).",
        "--batch-size COUNT [1<=x<=1000] Records per request. [default: 1000]",
        "--format [csv|jsonl|json] FILE's format: csv, jsonl or json (default: from the name or content).",
    ):
        assert row in imports
    serve = help_of(mogul, "serve")
    assert "--port PORT Port to listen on (0 picks a free one). [default: 8080]" in serve
    assert "--workers COUNT [x>=1] Worker processes sharing the port" in serve
    top = help_of(mogul)
    assert "--version Print mogul's version and exit." in top
    connection = help_of(mogul, "customers", "list")
    assert "--profile NAME A saved connection" in connection
    assert "--base-url URL Where ChartMogul is" in connection


def test_each_commands_help_ends_with_its_exit_status(mogul: Mogul) -> None:
    assert help_of(mogul).endswith(
        "Exit status: 0 done; 1 ChartMogul answered an error (or a delete was declined); 2 usage (a "
        "missing or bad option, no credentials: nothing was sent); 3 no answer; 4 a bug in mogul; 130 "
        "interrupted. mogul import and mogul serve say theirs in their --help."
    )
    assert (
        "Exit status: 0 every record imported; 1 some records failed (listed; with --dry-run: have "
        "problems); 2 the input or the options are wrong (nothing was sent); 3 ChartMogul could not be "
        "reached; 130 interrupted. After 2, 3 or 130 the same command resumes where the import stopped."
    ) in help_of(mogul, "import")
    assert (
        "Exit status: 0 stopped (Ctrl-C); 1 it cannot start, and one line says why and what to do"
    ) in help_of(mogul, "serve")


def test_mandatory_parameters_are_marked(mogul: Mogul) -> None:
    get = help_of(mogul, "customers", "get")
    assert "Usage: mogul customers get [OPTIONS] {CUSTOMER}" in get
    assert (
        "* CUSTOMER <str> The customer whose details you want to retrieve. Give its uuid (cus_...), "
        "external id or email. [required]"
    ) in get
    metrics = help_of(mogul, "metrics", "mrr")
    assert "* --start-date DATE The first day of the series (YYYY-MM-DD). [required]" in metrics
    assert "--interval [Day|Week|Month|Quarter|Year] The period of each entry" in metrics
    # a command with --data: the file may hold them, so typer does not require them, the help says so
    create = help_of(mogul, "customers", "create")
    assert "--external-id TEXT The unique ID specified for the customer. [required]" in create
    assert "--name TEXT The name of the customer. --email" in create


def test_help_says_what_a_value_is_not_what_to_do_in_a_form(mogul: Mogul) -> None:
    listing = help_of(mogul, "customers", "list")
    assert "--limit INTEGER The maximum number of customers mogul should return." in listing
    assert "Set the maximum" not in listing
    api = help_of(mogul, "api")
    assert "--query -q KEY=VALUE The request query string. Repeatable." in api
    assert "--body JSON|@FILE The body content for your API call." in api
    assert "Enter " not in api
    create = help_of(mogul, "customers", "create")
    assert (
        "--custom [TYPE:]KEY=VALUE A custom attribute as KEY=VALUE, or TYPE:KEY=VALUE with TYPE one of "
        "String (the default), Integer, Decimal, Timestamp, Boolean. Repeatable."
    ) in create
    assert "Select the data type" not in create


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["invoices", "get"], "INVOICE: is mandatory (Invoice)"),
        (["metrics", "mrr", "--end-date", "2024-01-31"], "--start-date: is mandatory (Start Date)"),
        (["api", "GET"], "PATH: is mandatory (URL)"),
    ],
)
def test_a_missing_mandatory_parameter_is_said_in_the_modules_words(
    mogul: Mogul, args: list[str], message: str
) -> None:
    result = mogul(*args)
    assert (result.code, result.out, result.err) == (2, "", f"error: {message}\n")


@pytest.mark.parametrize("given", [["--limit", "-5"], ["--limit=-5"]])
def test_a_negative_limit_is_a_usage_error(mogul: Mogul, given: list[str]) -> None:
    result = mogul("customers", "list", *given)
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "error: --limit: must be a whole number of at least 0, got '-5'\n",
    )


def test_a_limit_of_0_lists_nothing(mogul: Mogul) -> None:
    result = mogul("customers", "list", "--limit", "0", "-o", "json")
    assert (result.code, result.out, result.err) == (0, "[]\n", "")
