"""Canned answers for the async client, through the SDK's own AsyncMockTransport.

``with api_mock() as mock:`` makes every AsyncLiveblocks created inside the block (without
a transport of its own) send through an AsyncMockTransport that answers from routes added
with ``mock.get(url, payload=...)``, ``mock.post(...)``, ``mock.add(url, method=...)``, and
records each request in ``mock.requests[(method, URL)]``. ``url`` is a string (the query
may be in any order) or a compiled pattern; a ``callback(url, **kwargs)``, sync or async,
returns a :class:`CallbackResult`. The routes follow the calls aioresponses offered, which
cannot build aiohttp 3.14's responses; the wire itself is tested against loopback servers.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from multidict import CIMultiDict
from yarl import URL

import liveblocks.transports.aiohttp_transport as aiohttp_transport
from liveblocks.errors import APIConnectionError
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport

__all__ = ["CallbackResult", "MockAPI", "api_mock", "request_body"]


@dataclass
class CallbackResult:
    status: int = 200
    body: str | bytes = ""
    payload: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


@dataclass
class RecordedCall:
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass
class _Route:
    method: str
    url: str | re.Pattern[str]
    result: CallbackResult
    callback: Callable[..., Any] | None
    repeat: bool

    def matches(self, method: str, url: URL) -> bool:
        if method != self.method:
            return False
        if isinstance(self.url, re.Pattern):
            return self.url.match(str(url)) is not None
        return _normal(URL(self.url)) == _normal(url)


def _normal(url: URL) -> tuple[str, str, list[tuple[str, str]]]:
    return (url.host or "", url.raw_path, sorted(url.query.items()))


def request_body(request: Request) -> bytes | None:
    """The bytes a request sends (a stream is read from where it stands, then put back)."""
    body = request.body
    if body is None or isinstance(body, bytes):
        return body
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    start = body.tell()
    data = body.read()
    body.seek(start)
    return data


class MockAPI:
    """The routes and the requests they answered."""

    def __init__(self) -> None:
        self._routes: list[_Route] = []
        self.requests: dict[tuple[str, URL], list[RecordedCall]] = {}

    def add(
        self,
        url: str | re.Pattern[str],
        method: str = "GET",
        *,
        status: int = 200,
        body: str | bytes = "",
        payload: Any = None,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
        callback: Callable[..., Any] | None = None,
        repeat: bool = False,
    ) -> None:
        result = CallbackResult(status, body, payload, dict(headers or {}), content_type)
        self._routes.append(_Route(method.upper(), url, result, callback, repeat))

    def get(self, url: str | re.Pattern[str], **kwargs: Any) -> None:
        self.add(url, "GET", **kwargs)

    def post(self, url: str | re.Pattern[str], **kwargs: Any) -> None:
        self.add(url, "POST", **kwargs)

    def put(self, url: str | re.Pattern[str], **kwargs: Any) -> None:
        self.add(url, "PUT", **kwargs)

    def patch(self, url: str | re.Pattern[str], **kwargs: Any) -> None:
        self.add(url, "PATCH", **kwargs)

    def delete(self, url: str | re.Pattern[str], **kwargs: Any) -> None:
        self.add(url, "DELETE", **kwargs)

    async def __call__(self, request: Request) -> Response:
        url = URL(request.url, encoded=True)
        data = request_body(request)
        kwargs = {"headers": dict(request.headers), "data": data, "method": request.method}
        self.requests.setdefault((request.method, url), []).append(RecordedCall((), kwargs))
        for route in self._routes:
            if route.matches(request.method, url):
                break
        else:
            raise APIConnectionError(
                f"Connection refused: no route for {request.method} {url}",
                method=request.method,
                path=request.path,
            )
        if not route.repeat:
            self._routes.remove(route)
        result = route.result
        if route.callback is not None:
            result = route.callback(url, **kwargs)
            if inspect.isawaitable(result):
                result = await result
        return _response(result)


def _response(result: CallbackResult) -> Response:
    if result.payload is not None:
        content = json.dumps(result.payload).encode()
    elif isinstance(result.body, str):
        content = result.body.encode()
    else:
        content = result.body
    headers = CIMultiDict({"Content-Type": result.content_type})
    headers.update(result.headers)
    return Response(result.status, headers, content)


@contextlib.contextmanager
def api_mock() -> Iterator[MockAPI]:
    """Route the default transport of every AsyncLiveblocks made inside the block."""
    mock = MockAPI()

    def transport(**_: Any) -> AsyncMockTransport:
        return AsyncMockTransport(mock)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(aiohttp_transport, "AiohttpTransport", transport)
        yield mock
