"""TLS: verified against the certificate store for https; for plain http (mogul serve nearby) the store is
not loaded, and the context that stands in trusts nothing, so no connection goes unverified."""

from __future__ import annotations

import ssl
from typing import Any

import pytest

import mogul


def context(client: Any) -> ssl.SSLContext:
    # httpx keeps the context on its connection pool
    found = client._http._transport._pool._ssl_context
    assert isinstance(found, ssl.SSLContext)
    return found


@pytest.mark.parametrize("client_class", [mogul.Client, mogul.AsyncClient])
def test_https_verifies_against_the_certificate_store(client_class: Any) -> None:
    client = client_class(api_key="k", base_url="https://api.example.com")
    ctx = context(client)
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    assert ctx.cert_store_stats()["x509_ca"] > 0


@pytest.mark.parametrize("client_class", [mogul.Client, mogul.AsyncClient])
def test_plain_http_loads_no_certificates_and_would_refuse_any(client_class: Any) -> None:
    client = client_class(api_key="k", base_url="http://127.0.0.1:8080")
    ctx = context(client)
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    assert ctx.cert_store_stats()["x509_ca"] == 0
