"""Transports: how a client sends HTTP requests. Pass your own with ``transport=``."""

from ._base import AsyncTransport, Request, RequestBody, Response, SyncTransport, Timeout
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
# AiohttpTransport lives in liveblocks.transports.aiohttp_transport, imported only by the
# async client, so that sync programs never pay for importing aiohttp.
