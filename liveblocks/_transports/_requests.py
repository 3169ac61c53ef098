"""The sync transport: requests, one pooled session, keep-alive connections.

Requests go through the session's adapter (so tools that mock requests, such as
``responses``, see them), without the session's per-call extras: an API client needs no
cookie jar, hooks or redirects, and those are most of requests' own time per call.
"""

from __future__ import annotations

import http.client
import re
from collections.abc import Mapping
from typing import IO, Any

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

from ..errors import APIConnectionError, APITimeoutError
from ._base import Request, Response, Timeout

__all__ = ["RequestsTransport"]

#: Bytes read at a time from an answer streamed into a sink (a download).
STREAM_CHUNK = 256 * 1024


class _LeanAdapter(HTTPAdapter):
    """An HTTPAdapter whose responses skip the cookie jar (an API client keeps none)."""

    def build_response(self, req: requests.PreparedRequest, resp: Any) -> requests.Response:
        response = requests.Response()
        response.status_code = resp.status
        response.headers = CaseInsensitiveDict(resp.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url or ""
        response.request = req
        response.connection = self
        return response


class RequestsTransport:
    """Sends requests through one :class:`requests.Session` (connection pooling, keep-alive).

    Args:
        session: a session of your own (mounted adapters, certificates, proxies are used).
        pool_maxsize: connections kept per host, for a client shared between threads.
        proxies: a requests-style ``{"https": "http://proxy:3128"}`` mapping.
        verify: TLS verification: ``True``, ``False`` or a CA bundle path.
        cert: a client certificate, as requests takes it.

    Environment proxy variables are not read; pass ``proxies=`` (or a session) instead.
    """

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        pool_maxsize: int = 32,
        proxies: Mapping[str, str] | None = None,
        verify: bool | str | None = None,
        cert: Any = None,
    ) -> None:
        self._owns_session = session is None
        if session is None:
            session = requests.Session()
            adapter = _LeanAdapter(pool_connections=4, pool_maxsize=pool_maxsize)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self._session = session
        self._proxies = dict(proxies) if proxies is not None else dict(session.proxies)
        chosen = session.verify if verify is None else verify
        self._verify: bool | str = True if chosen is None else chosen
        self._cert = session.cert if cert is None else cert

    @property
    def session(self) -> requests.Session:
        return self._session

    def send(self, request: Request) -> Response:
        try:
            return self._send(request)
        except (
            requests.RequestException,
            urllib3.exceptions.HTTPError,
            http.client.HTTPException,
            OSError,
        ) as exc:
            timeout = request.timeout
            if isinstance(exc, requests.ConnectTimeout):
                message = _connect_timeout_message(timeout)
            elif _is_read_timeout(exc):
                # requests reports a timeout while reading the body as a ConnectionError.
                message = _read_timeout_message(timeout)
            else:
                raise APIConnectionError(
                    f"Connection failed: {_describe(exc)}",
                    method=request.method,
                    path=request.path,
                ) from exc
            raise APITimeoutError(message, method=request.method, path=request.path) from exc

    def _send(self, request: Request) -> Response:
        prepared = requests.PreparedRequest()
        prepared.method = request.method
        prepared.url = request.url
        prepared.headers = CaseInsensitiveDict(request.headers)
        prepared.body = request.body  # type: ignore[assignment]
        length = _content_length(request.body, request.method)
        if length is not None:
            prepared.headers["Content-Length"] = length
        prepared.hooks = {"response": []}
        timeout = request.timeout
        adapter = self._session.get_adapter(request.url)
        resp = adapter.send(
            prepared,
            stream=True,
            timeout=None if timeout is None else (timeout.connect, timeout.read),  # type: ignore[arg-type]
            verify=self._verify,
            proxies=self._proxies,
            cert=self._cert,
        )
        try:
            sink = request.sink
            if sink is not None and 200 <= resp.status_code < 300:
                for chunk in resp.raw.stream(STREAM_CHUNK, decode_content=True):
                    sink.write(chunk)
                content = b""
            else:
                # One read of the whole body: no 10 kB chunks joined into a second copy.
                content = resp.raw.read(decode_content=True)
        finally:
            resp.close()
        return Response(resp.status_code, resp.headers, content)

    def close(self) -> None:
        if self._owns_session:
            self._session.close()

    def __repr__(self) -> str:
        return "RequestsTransport()"


def _content_length(body: bytes | IO[bytes] | None, method: str) -> str | None:
    """The Content-Length to send, so that no body goes out in chunked encoding."""
    if body is None:
        return "0" if method in ("POST", "PUT", "PATCH") else None
    if isinstance(body, (bytes, bytearray, memoryview)):
        return str(len(body))
    try:
        start = body.tell()
        end = body.seek(0, 2)
        body.seek(start)
    except (OSError, ValueError, AttributeError):
        return None  # not seekable: sent in chunks
    return str(end - start)


def _connect_timeout_message(timeout: Timeout | None) -> str:
    if timeout is not None and timeout.connect is not None:
        return f"Could not connect within {timeout.connect} s"
    return "Timed out while connecting"


def _read_timeout_message(timeout: Timeout | None) -> str:
    if timeout is not None and timeout.read is not None:
        return f"No answer from the server within {timeout.read} s"
    return "Timed out waiting for the server"


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception, what it wraps (``args``, ``reason``) and its chain, outermost first."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo and len(seen) < 20:
        current = todo.pop(0)
        if any(current is s for s in seen):
            continue
        seen.append(current)
        for nxt in (
            getattr(current, "reason", None),
            *current.args,
            current.__cause__,
            current.__context__,
        ):
            if isinstance(nxt, BaseException):
                todo.append(nxt)
    return seen


def _is_read_timeout(exc: BaseException) -> bool:
    return any(
        isinstance(e, (requests.ReadTimeout, urllib3.exceptions.ReadTimeoutError, TimeoutError))
        for e in _causes(exc)
    )


_OBJECT_REPR = re.compile(r"<[\w.]+ object at 0x[0-9a-fA-F]+>: ")


def _describe(exc: BaseException) -> str:
    """The most telling cause's type and text, without the URL's query or any header.

    urllib3's connection errors name the host that failed; otherwise the root cause.
    """
    causes = _causes(exc)
    named = [e for e in causes if isinstance(e, urllib3.exceptions.NewConnectionError)]
    root = named[0] if named else causes[-1]
    text = _OBJECT_REPR.sub("", str(root).split(" (Caused by")[0])
    return f"{type(root).__name__}: {text}" if text else type(root).__name__
