"""Records: ChartMogul objects as dicts with attribute access, kept whole.

Responses are parsed tolerantly (the official client's strict schemas broke its users for years):
every field the server sends is kept, unknown or not, and nulls are just `None`.
"""

from __future__ import annotations

from typing import Any


class Record(dict[str, Any]):
    """A JSON object: `record["uuid"]` or `record.uuid`; kebab-case keys read as `record.customer_since`."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name in self:
            return self[name]
        kebab = name.replace("_", "-")
        if kebab in self:
            return self[kebab]
        raise AttributeError(f"this record has no field {name!r} (fields: {', '.join(self)})")

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *(k.replace("-", "_") for k in self)]
