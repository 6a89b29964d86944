"""What the sync and async clients share: the connection, the options, and how a module call starts."""

from __future__ import annotations

import dataclasses
import ssl
from collections.abc import Mapping
from typing import Any

import httpx

from mogul import config
from mogul.client.pacing import AUTO, DEFAULT_MAX_IN_FLIGHT, RateLimit, pacing_for
from mogul.client.pagination import ListPage
from mogul.errors import InputError
from mogul.flow import Context, Flow, Position, Reply, Request, RetryPolicy, Trail, encode_json
from mogul.modules import registry
from mogul.modules.spec import Inputs, Module
from mogul.version import installed

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 5


USER_AGENT = f"mogul-python/{installed()}"


class PageCollector:
    """Collects one page from a list module's items: a list the API paginates ends the page at its last
    item (its trail knows where the list goes on); one it does not paginate skips the items of earlier
    pages and is read one item past the page, to know whether it goes on."""

    def __init__(self, size: int, offset: int, trail: Trail) -> None:
        self.size, self.offset, self.trail = size, offset, trail
        self.items: list[Any] = []
        self.seen = 0

    def take(self, item: Any) -> ListPage[Any] | None:
        """The page, once this item completes it; None while it goes on."""
        self.seen += 1
        if self.seen <= self.offset:
            return None
        if len(self.items) == self.size:  # the item after a full page: the list goes on
            return ListPage(self.items, Position(skip=self.offset + self.size, paged=False))
        self.items.append(item)
        if len(self.items) == self.size and self.trail.used:
            return ListPage(self.items, self.trail.next)
        return None

    def end(self) -> ListPage[Any]:
        return ListPage(self.items)


class BaseClient:
    def __init__(
        self,
        api_key: str | None = None,
        *,
        token: str | None = None,
        secret: str | None = None,
        base_url: str | None = None,
        profile: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_backoff: float = 0.5,
        rate_limit: RateLimit = AUTO,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 (no retries) or more")
        self.connection = config.resolve(
            api_key, token=token, secret=secret, base_url=base_url, profile=profile
        )
        self.timeout = timeout
        self.policy = RetryPolicy(max_retries=max_retries, initial_delay=retry_backoff)
        # `pacer`: the limits shared by every client of this key; `pacing`: whether this client's requests
        # wait for its rate window (see `mogul.client.pacing`).
        self.pacer, self.pacing = pacing_for(
            self.connection.key_id, self.connection.base_url, rate_limit, max_in_flight
        )
        self.context = Context(self.policy, self.connection.base_url, timeout)

    @property
    def base_url(self) -> str:
        return self.connection.base_url

    def _http_options(self) -> dict[str, Any]:
        options = {
            "base_url": self.connection.base_url,
            "auth": httpx.BasicAuth(self.connection.username, self.connection.password),
            "timeout": self.timeout,
            "headers": {"User-Agent": USER_AGENT, "Accept": "application/json"},
            "follow_redirects": False,
        }
        if self.connection.base_url.startswith("http://"):
            # Plain HTTP (mogul serve nearby) speaks no TLS, so the certificate store is not loaded
            # (15 ms of every client). A TLS connection (through an https proxy) would find this
            # context trusting no certificate and fail rather than go unverified.
            options["verify"] = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        return options

    def _prepare(
        self, module_id: str, fields: Mapping[str, Any] | None, more: Mapping[str, Any]
    ) -> tuple[Module, Inputs]:
        """Find the module and validate its inputs; nothing is sent yet."""
        module = registry.get(module_id)
        return module, module.validate({**(fields or {}), **more})

    def _page_flow(
        self, module_id: str, fields: Mapping[str, Any] | None, size: int, after: Position | None
    ) -> tuple[Flow[None], PageCollector]:
        """A list module's flow for one page of `size` items from `after`, and what collects the page."""
        if size < 1:
            raise ValueError("size must be 1 or more")
        module, inputs = self._prepare(module_id, fields, {})
        if not module.many:
            raise InputError(f"{module.id} is not a list module; page() takes list modules only")
        paged = after is not None and after.paged
        offset = after.skip if after is not None and not paged else 0
        if any(f.name == "limit" for f in module.fields):
            inputs["limit"] = offset + size + 1
        trail = Trail(after if paged else None, per_page=size)
        flow = module.run(dataclasses.replace(self.context, trail=trail), inputs)
        return flow, PageCollector(size, offset, trail)

    @staticmethod
    def _build(http: httpx.Client | httpx.AsyncClient, req: Request) -> httpx.Request:
        kwargs: dict[str, Any] = {"params": req.query(), "headers": dict(req.headers or {})}
        if req.json is not None:
            kwargs["content"] = encode_json(req.json)
            kwargs["headers"]["Content-Type"] = "application/json"
        return http.build_request(req.method, req.url_path, **kwargs)

    def _heard(self, reply: Reply) -> Reply:
        self.pacing.heard(reply.status, reply.headers)
        return reply

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.connection.base_url!r})"
