"""Transports: how a client sends HTTP requests. Pass your own with ``transport=``.

``RequestsTransport`` (sync, the default of :class:`~liveblocks.Liveblocks`) and
``AiohttpTransport`` (async, :mod:`liveblocks.transports.aiohttp_transport`) load their
HTTP library only when first used; the test doubles are in :mod:`liveblocks.transports.mock`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._base import AsyncTransport, Request, RequestBody, Response, SyncTransport, Timeout

if TYPE_CHECKING:
    from ._requests import RequestsTransport

__all__ = [
    "AsyncTransport",
    "Request",
    "RequestBody",
    "RequestsTransport",
    "Response",
    "SyncTransport",
    "Timeout",
]


def __getattr__(name: str) -> Any:
    # requests loads with the first sync client, not with every import of this package.
    if name == "RequestsTransport":
        from ._requests import RequestsTransport

        return RequestsTransport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
