"""Transports that answer from a function: for tests of code that uses the SDK."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Union

from ._base import Request, Response

__all__ = ["AsyncMockTransport", "Handler", "MockTransport"]

#: Turns a request into a response; may be ``async`` for :class:`AsyncMockTransport`.
Handler = Callable[[Request], Union[Response, Awaitable[Response]]]


class _Recorder:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[Request] = []
        self.closed = False

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.requests)} requests)"


class MockTransport(_Recorder):
    """For :class:`~liveblocks.Liveblocks`: answers each request with ``handler(request)``
    and records it in ``requests``::

        def handler(request):
            return Response(200, {"Content-Type": "application/json"}, b'{"data": []}')

        client = Liveblocks("sk_test", transport=MockTransport(handler))
    """

    def send(self, request: Request) -> Response:
        self.requests.append(request)
        response = self.handler(request)
        if inspect.isawaitable(response):
            raise TypeError("An async handler needs AsyncMockTransport and AsyncLiveblocks")
        return response

    def close(self) -> None:
        self.closed = True


class AsyncMockTransport(_Recorder):
    """For :class:`~liveblocks.AsyncLiveblocks`; the handler may be sync or async, so one
    handler function can serve the tests of both clients."""

    async def send(self, request: Request) -> Response:
        self.requests.append(request)
        response = self.handler(request)
        if inspect.isawaitable(response):
            response = await response
        return response

    async def close(self) -> None:
        self.closed = True
