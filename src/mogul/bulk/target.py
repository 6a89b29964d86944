"""The account an import writes to, through `mogul.Client` (so retries and pacing are the client's).

Every request the importer makes is safe to repeat: a bulk import or an invoice batch that was applied
before its answer got lost is matched (or refused as a duplicate) when it arrives again, so the client
may retry any of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mogul import errors

if TYPE_CHECKING:
    from mogul.client import Client


@dataclass(frozen=True)
class DataSource:
    uuid: str
    name: str
    created: bool = False


class Target:
    """The requests an import needs, over one client connection (pooled, paced, retried)."""

    def __init__(self, client: Client) -> None:
        self.client = client

    @property
    def base_url(self) -> str:
        return self.client.base_url

    def call(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None
    ) -> Any:
        """The body of a successful answer; an error answer raises `mogul.errors.APIStatusError` (with
        `.status` and `.body`), no answer `mogul.errors.APIError`."""
        return self.client.request(method, path, params=params, json=json, idempotent=True)

    def data_source(self, name_or_uuid: str, *, create: bool) -> DataSource | None:
        """The data source with this uuid (`ds_...`) or name; one is created for a new name if `create`."""
        if name_or_uuid.startswith("ds_"):
            try:
                found = self.call("GET", f"/data_sources/{name_or_uuid}")
            except errors.NotFoundError:
                raise errors.InputError(
                    f"no data source {name_or_uuid} in this account", field="data_source"
                ) from None
            return DataSource(found["uuid"], found["name"])
        listed = self.call("GET", "/data_sources", params={"name": name_or_uuid})
        for ds in (listed or {}).get("data_sources") or []:
            if ds.get("name") == name_or_uuid:
                return DataSource(ds["uuid"], ds["name"])
        if not create:
            return None
        made = self.call("POST", "/data_sources", json={"name": name_or_uuid})
        return DataSource(made["uuid"], made["name"], created=True)

    def _all(self, path: str, key: str, params: Mapping[str, Any]) -> list[Any]:
        out: list[Any] = []
        cursor: str | None = None
        while True:
            page = self.call("GET", path, params={**params, "per_page": 200, "cursor": cursor}) or {}
            items = page.get(key) or []
            out.extend(items)
            cursor = page.get("cursor")
            if not items or not page.get("has_more") or not cursor:
                return out

    def customers(self, ds_uuid: str) -> dict[str, str]:
        """The data source's customers: uuid by external id."""
        return {
            c["external_id"]: c["uuid"]
            for c in self._all("/customers", "entries", {"data_source_uuid": ds_uuid})
        }

    def plans(self, ds_uuid: str) -> dict[str, str]:
        """The data source's plans: uuid by external id."""
        return {
            p["external_id"]: p["uuid"] for p in self._all("/plans", "plans", {"data_source_uuid": ds_uuid})
        }
