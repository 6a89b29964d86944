"""The ChartMogul client: connection, retries, pacing, pagination, and every module as a method.

`flow` holds the request logic both clients share (retries, safe retries, pagination); `pacing` keeps
requests under ChartMogul's limits; `sync` and `asynchronous` drive the same flows with httpx.
"""

from mogul.client.asynchronous import AsyncClient
from mogul.client.pagination import AsyncPager, Pager
from mogul.client.record import Record
from mogul.client.sync import Client

__all__ = ["AsyncClient", "AsyncPager", "Client", "Pager", "Record"]
