"""The sync transport: requests, one pooled session, keep-alive connections.

Requests go through the session's adapter (so tools that mock requests, such as
``responses``, see them), without the session's per-call extras: an API client needs no
cookie jar, hooks or redirects, and those are most of requests' own time per call.
"""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Mapping
from typing import Any

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_environ_proxies

from ..errors import APIConnectionError, APITimeoutError
from ._answer import AnswerBody, check_declared, declared_length
from ._base import Request, Response, Timeout, body_length
from ._environment import ca_bundle_from_env, origin_of

__all__ = ["RequestsTransport"]

#: Bytes read at a time from an answer whose size is not stated, or streamed into a sink.
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
        proxies: a requests-style ``{"https": "http://proxy:3128"}`` mapping, used instead
            of the environment's (``{}``: no proxy at all).
        verify: TLS verification: ``True``, ``False`` or a CA bundle path, used instead of
            the environment's.
        cert: a client certificate, as requests takes it.
        trust_env: read ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY``
            (as requests does; once per host) and the CA bundle named by
            ``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE`` or ``SSL_CERT_FILE``. ``False`` (or a
            session whose ``trust_env`` is ``False``) ignores them.
    """

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        pool_maxsize: int = 32,
        proxies: Mapping[str, str] | None = None,
        verify: bool | str | None = None,
        cert: Any = None,
        trust_env: bool = True,
    ) -> None:
        self._owns_session = session is None
        if session is None:
            session = requests.Session()
            adapter = _LeanAdapter(pool_connections=4, pool_maxsize=pool_maxsize)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self._session = session
        self._trust_env = trust_env and session.trust_env
        self._proxies = None if proxies is None else dict(proxies)
        self._proxies_by_origin: dict[str, dict[str, str]] = {}
        chosen = session.verify if verify is None else verify
        if chosen is None or (chosen is True and verify is None and self._trust_env):
            chosen = ca_bundle_from_env() or True
        self._verify: bool | str = chosen
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

    def _proxies_for(self, url: str) -> dict[str, str]:
        """The proxies given, else the session's over the environment's, looked up once
        per scheme and host (``NO_PROXY`` depends on the host)."""
        if self._proxies is not None:
            return self._proxies
        origin = origin_of(url)
        found = self._proxies_by_origin.get(origin)
        if found is None:
            found = dict(get_environ_proxies(origin)) if self._trust_env else {}
            found.update(self._session.proxies)
            self._proxies_by_origin[origin] = found
        return found

    def _send(self, request: Request) -> Response:
        prepared = requests.PreparedRequest()
        prepared.method = request.method
        prepared.url = request.url
        prepared.headers = CaseInsensitiveDict(request.headers)
        body = request.body
        prepared.body = body  # type: ignore[assignment]
        if body is not None:
            length = body_length(body)
            if length is not None:  # else: a stream of unknown length, sent in chunks
                prepared.headers["Content-Length"] = str(length)
        prepared.hooks = {"response": []}
        timeout = request.timeout
        deadline = None
        timeouts: Any = None
        if timeout is not None:
            if timeout.total is None:
                timeouts = (timeout.connect, timeout.read)
            else:
                deadline = time.monotonic() + timeout.total
                timeouts = urllib3.Timeout(
                    total=timeout.total, connect=timeout.connect, read=timeout.read
                )
        adapter = self._session.get_adapter(request.url)
        resp = adapter.send(
            prepared,
            stream=True,
            timeout=timeouts,
            verify=self._verify,
            proxies=self._proxies_for(request.url),
            cert=self._cert,
        )
        try:
            content = _read_body(request, resp, deadline)
        finally:
            resp.close()
        return Response(resp.status_code, resp.headers, content)

    def close(self) -> None:
        if self._owns_session:
            self._session.close()

    def __repr__(self) -> str:
        return "RequestsTransport()"


def _read_body(request: Request, resp: requests.Response, deadline: float | None) -> bytes:
    """The answer's body, read off the wire undecoded and bounded (see :mod:`._answer`);
    a 2xx answer goes into the request's sink if it has one."""
    status = resp.status_code
    headers = resp.headers
    raw = resp.raw
    sink = request.sink if 200 <= status < 300 else None
    if sink is None and deadline is None:
        length = declared_length(headers)
        if length is not None:
            check_declared(request, status, length)
            # One read of the stated size (http.client reads no more): no chunks
            # joined into a second copy.
            data: bytes = raw.read(decode_content=False)
            return data
    body = AnswerBody(request, status, headers, sink)
    if deadline is None:
        while chunk := raw.read(STREAM_CHUNK, decode_content=False):
            body.add(chunk)
    else:
        _read_before(raw, body, deadline, request.timeout)
    return body.finish()


def _read_before(raw: Any, body: AnswerBody, deadline: float, timeout: Timeout | None) -> None:
    """The body as it arrives, given up when the deadline passes: each read returns what
    one receive brings and waits no longer than what remains, so a body sent a byte at a
    time cannot outlast the call's total timeout."""
    read_some = getattr(raw, "read1", None) or raw.read  # urllib3 < 2 has no read1
    longest = None if timeout is None else timeout.read
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    kept = None if sock is None else sock.gettimeout()
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _out_of_time()
            if sock is not None:
                sock.settimeout(remaining if longest is None else min(longest, remaining))
            chunk = read_some(STREAM_CHUNK, decode_content=False)
            if not chunk:
                return
            body.add(chunk)
    finally:
        if sock is not None and getattr(raw, "connection", None) is not None:
            # Still ours (a connection back in the pool gets its timeout from urllib3).
            sock.settimeout(kept)


def _out_of_time() -> urllib3.exceptions.ReadTimeoutError:
    return urllib3.exceptions.ReadTimeoutError(
        None,  # type: ignore[arg-type]
        None,
        "the answer took longer than the call's total timeout",
    )


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
