"""The installed distribution's version, read when asked (importlib.metadata costs start-up)."""

from __future__ import annotations


def installed() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mogul")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"
