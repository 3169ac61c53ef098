"""What the environment says about reaching the API: proxies and CA bundles.

Both transports read the same variables, so one environment serves both clients:
``HTTP_PROXY`` / ``HTTPS_PROXY`` / ``NO_PROXY`` (upper or lower case) for proxies, and
``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE`` or ``SSL_CERT_FILE`` (the first one set) for
the certificates that TLS verification trusts.
"""

from __future__ import annotations

import os
import urllib.request
from urllib.parse import urlsplit

__all__ = ["CA_BUNDLE_VARIABLES", "ca_bundle_from_env", "origin_of", "proxy_from_env"]

#: Read in this order; the first one set names the CA bundle.
CA_BUNDLE_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE")


def ca_bundle_from_env() -> str | None:
    """The CA bundle file the environment names, if any."""
    for name in CA_BUNDLE_VARIABLES:
        value = os.environ.get(name)
        if value:
            return value
    return None


def proxy_from_env(url: str) -> str | None:
    """The proxy URL for ``url`` from ``HTTP(S)_PROXY``, unless ``NO_PROXY`` excludes its
    host (as aiohttp's ``trust_env`` reads them)."""
    parts = urlsplit(url)
    host = parts.hostname
    if host is not None and urllib.request.proxy_bypass(host):
        return None
    return urllib.request.getproxies().get(parts.scheme)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of an absolute URL (what proxy choices depend on)."""
    end = url.find("/", url.find("//") + 2)
    return url if end < 0 else url[:end]
