"""Client configuration: the secret key, the base URL, and their environment defaults."""

from __future__ import annotations

import ipaddress
import os
import re
import warnings
from urllib.parse import urlsplit

from .transports._urls import without_query

__all__ = ["DEFAULT_BASE_URL", "resolve_base_url", "resolve_secret"]

DEFAULT_BASE_URL = "https://api.liveblocks.io"
SECRET_ENV = "LIVEBLOCKS_SECRET_KEY"
BASE_URL_ENV = "LIVEBLOCKS_BASE_URL"
_KEY_CHARS = re.compile(r"[A-Za-z0-9_-]+")
_DASHBOARD = "https://liveblocks.io/dashboard/apikeys"
_MUST_START_WITH_SK = "Invalid value for 'secret'. Secret keys must start with 'sk_'."


def resolve_secret(secret: str | None) -> str:
    """The secret key to use, checked as the official SDK checks it (stricter only on
    characters no HTTP header can carry); messages never repeat the key itself."""
    if secret is None:
        secret = os.environ.get(SECRET_ENV)
        source = f" (read from the {SECRET_ENV} environment variable)"
    else:
        source = ""
    if secret is not None and not isinstance(secret, str):
        raise TypeError(f"secret must be a string, got {type(secret).__name__}")
    if secret is None or (secret == "" and source):
        raise ValueError(
            f"No Liveblocks secret key: pass Liveblocks(secret='sk_...') or set {SECRET_ENV}. "
            f"Your project's secret key is at {_DASHBOARD}."
        )
    if secret.startswith("pk_"):
        raise ValueError(
            f"{_MUST_START_WITH_SK} The key{source} is a public key (pk_...), which only "
            f"front ends may use. Use the project's secret key (sk_...) from {_DASHBOARD}."
        )
    if not secret.startswith("sk_"):
        raise ValueError(
            f"{_MUST_START_WITH_SK} Please provide the secret key from your Liveblocks "
            f"dashboard at {_DASHBOARD}.{source}"
        )
    if not _KEY_CHARS.fullmatch(secret):
        raise ValueError(
            "Invalid chars found in 'secret'. Please check that you correctly copied the "
            f"secret key from your Liveblocks dashboard at {_DASHBOARD}.{source} A key has "
            "only letters, digits, '_' and '-': no spaces, quotes or line breaks."
        )
    return secret


def resolve_base_url(base_url: str | None, *, name: str = "base_url") -> str:
    """The API's base URL without a trailing slash; warns if plain HTTP leaves this machine.
    ``name`` is how the caller's user gives it, in messages."""
    if base_url is None:
        base_url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if not isinstance(base_url, str):
        raise TypeError(f"{name} must be a string, got {type(base_url).__name__}")
    if "@" in base_url.partition("://")[2].split("/", 1)[0]:
        # Not repeated: user info in a URL is a credential.
        raise ValueError(f"{name} must not contain user info ('user:password@')")
    try:
        parts = urlsplit(base_url)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for an invalid port
    except ValueError:
        parts, hostname = urlsplit(""), None
    if parts.scheme not in ("http", "https") or not hostname:
        raise ValueError(
            f"{name} must be an http(s) URL such as {DEFAULT_BASE_URL}, "
            f"got {without_query(base_url)!r}"
        )
    if parts.query or parts.fragment:
        # Not repeated: a query may carry a token.
        raise ValueError(
            f"{name} must not have a query or fragment, got {without_query(base_url)!r} "
            "followed by one"
        )
    if parts.scheme == "http" and not _is_local(hostname):
        warnings.warn(
            f"{name} {base_url!r} uses plain HTTP: the secret key would travel unencrypted "
            "to a host that is not this machine. Use https://.",
            UserWarning,
            stacklevel=4,
        )
    return base_url.rstrip("/")


def _is_local(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
