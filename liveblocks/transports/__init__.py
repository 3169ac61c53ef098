"""Transports: how a client sends HTTP requests. Pass your own with ``transport=``.

``AiohttpTransport`` lives in :mod:`liveblocks.transports.aiohttp_transport` and the test
doubles in :mod:`liveblocks.transports.mock`, so that importing this module never loads
aiohttp.
"""

from .._transports._base import (
    AsyncTransport,
    Request,
    RequestBody,
    Response,
    SyncTransport,
    Timeout,
)
from .._transports._requests import RequestsTransport

__all__ = [
    "AsyncTransport",
    "Request",
    "RequestBody",
    "RequestsTransport",
    "Response",
    "SyncTransport",
    "Timeout",
]
