"""Exit codes and the one line printed for every failure; the CLI never shows a traceback.

  0  success
  1  ChartMogul (or `mogul serve`) answered with an error status, or a delete was declined
  2  usage: a missing or invalid option, a bad `--data` file, no credentials
  3  no answer: the connection failed or timed out
  4  a bug in mogul (the line says so; MOGUL_DEBUG=1 shows the traceback)
130  interrupted (Ctrl-C)
141  the reader of the output went away (`mogul customers list | head`)

README.md has them as a table, with those of `mogul import` and `mogul serve`.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Mapping

from mogul import errors

# `mogul --help` says it (and README.md's table)
SUMMARY = (
    "Exit status: 0 done; 1 ChartMogul answered an error (or a delete was declined); 2 usage (a "
    "missing or bad option, no credentials: nothing was sent); 3 no answer; 4 a bug in mogul; 130 "
    "interrupted. mogul import and mogul serve say theirs in their --help."
)

OK = 0
API = 1
USAGE = 2
CONNECTION = 3
INTERNAL = 4
INTERRUPTED = 130
BROKEN_PIPE = 141


class UsageProblem(errors.MogulError):
    """A command line problem found by the CLI itself (a bad `--data` file, an unknown profile)."""


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def option_path(path: str, options: Mapping[str, str]) -> str:
    """A module field (`external_id`) in the command line's words (`--external-id`)."""
    # Nested paths (`line_items[0].type`) keep the JSON names: they usually come from --data.
    if not re.fullmatch(r"[A-Za-z0-9_]+", path) or path not in options:
        return path
    return options[path]


def describe(exc: BaseException, options: Mapping[str, str] | None = None) -> tuple[int, str]:
    """The exit code and the message (without `error: `) for an exception that ended a command."""
    if isinstance(exc, errors.InputError):
        # The module id is implied by the command; the field is named as the option the user typed.
        where = option_path(exc.field, options or {}) if exc.field else ""
        return USAGE, one_line(f"{where}: {exc.message}" if where else exc.message)
    if isinstance(exc, errors.APIStatusError):
        text = f"{exc.status} {exc.message}"
        return API, one_line(f"{text} ({exc.note})" if exc.note else text)
    if isinstance(exc, errors.APIConnectionError):
        return CONNECTION, one_line(f"{exc.message} ({exc.note})" if exc.note else exc.message)
    if isinstance(exc, errors.APIError):
        return API, one_line(str(exc))
    if isinstance(exc, errors.ConfigError | UsageProblem):
        return USAGE, one_line(str(exc))
    if isinstance(exc, KeyboardInterrupt):
        return INTERRUPTED, "interrupted"
    detail = one_line(f"{type(exc).__name__}: {exc}")
    return INTERNAL, (
        f"internal error: {detail} (this is a bug in mogul: please file an issue with the command you ran; "
        "MOGUL_DEBUG=1 shows the traceback)"
    )


def debug_traceback(exc: BaseException) -> str | None:
    """The traceback, only when MOGUL_DEBUG asks for it."""
    if os.environ.get("MOGUL_DEBUG", "").strip() not in ("", "0"):
        return "".join(traceback.format_exception(exc))
    return None
