"""The async transport: aiohttp, one ClientSession per event loop, a bounded pool handed
out in the order calls ask (see :mod:`._gate`), answers read bounded (see :mod:`._answer`)."""

from __future__ import annotations

import asyncio
import ssl as ssl_module
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator
from typing import IO, Any

import aiohttp
import aiohttp.payload
from yarl import URL

from .._checks import check_int
from ..errors import APIConnectionError, APITimeoutError
from ._answer import AnswerBody, check_declared, declared_length
from ._base import METHODS_WITH_BODY, Request, Response, Timeout, body_length
from ._environment import ca_bundle_from_env, origin_of, proxy_from_env
from ._gate import FifoGate, PoolTimeoutError

__all__ = ["AiohttpTransport"]

#: Bytes read at a time from a file object sent as a body.
STREAM_CHUNK = 256 * 1024
#: Bodies larger than this (aiohttp's own threshold) are written a slice at a time.
LARGE_BODY = 1024 * 1024
SLICE = 256 * 1024


class _SlicedBytes(aiohttp.payload.BytesPayload):
    """A large bytes body (a file's part, a Yjs update) written a slice at a time, each
    once the connection has taken the previous ones: the transport never holds a copy of
    the unsent rest, and aiohttp's warning about large bytes bodies does not apply."""

    def __init__(self, value: bytes) -> None:
        aiohttp.payload.Payload.__init__(self, value, content_type="application/octet-stream")
        self._size = len(value)

    async def write(self, writer: Any) -> None:
        await self.write_with_length(writer, None)

    async def write_with_length(self, writer: Any, content_length: int | None) -> None:
        view = memoryview(self._value)
        if content_length is not None:
            view = view[:content_length]
        for start in range(0, len(view), SLICE):
            await writer.write(view[start : start + SLICE])


class _LoopSession:
    """The session of one event loop, its gate (``None``: no limit), and the generator
    that closes the session when the loop ends."""

    __slots__ = ("closer", "gate", "loop", "session")

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        session: aiohttp.ClientSession,
        gate: FifoGate | None,
    ) -> None:
        self.loop = loop
        self.session = session
        self.gate = gate
        self.closer = _close_when_loop_ends(loop, session)


class AiohttpTransport:
    """Sends requests through an :class:`aiohttp.ClientSession`.

    The session is created inside the running event loop on first use, so the client can
    be built outside any loop. Each event loop gets its own session, closed when that loop
    ends (``asyncio.run`` finalises it), so a client can serve several ``asyncio.run`` calls
    in turn without "Event loop is closed" errors or unclosed-session warnings. (A loop
    you close by hand, without ``shutdown_asyncgens()``, should ``await client.close()``
    first.)

    Requests beyond ``limit`` wait for a connection in the order they came, each at most
    its timeout's ``pool`` seconds (then :class:`~liveblocks.errors.APITimeoutError`).
    Answers are decompressed here, bounded (aiohttp's ``auto_decompress`` is off).

    Args:
        limit: the most connections open at once (the concurrency ceiling; 0: no limit).
        limit_per_host: the most per host (0: only ``limit`` applies).
        proxy: an HTTP proxy URL for every request, used instead of the environment's.
        ssl: an :class:`ssl.SSLContext`, a CA bundle path, or ``False`` to skip
            verification; used instead of the environment's CA bundle.
        trust_env: read ``HTTP_PROXY``, ``HTTPS_PROXY`` and ``NO_PROXY`` (once per host,
            as aiohttp's own ``trust_env`` reads them) and the CA bundle named by
            ``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE`` or ``SSL_CERT_FILE``. ``False``
            ignores them.
        session_kwargs: further keyword arguments for :class:`aiohttp.ClientSession`.
    """

    def __init__(
        self,
        *,
        limit: int = 256,
        limit_per_host: int = 0,
        proxy: str | None = None,
        ssl: Any = True,
        trust_env: bool = True,
        session_kwargs: dict[str, Any] | None = None,
    ) -> None:
        for name, value in (("limit", limit), ("limit_per_host", limit_per_host)):
            check_int(value, f"{name} (0: no limit)", minimum=0, type_error=ValueError)
        self._limit = limit
        self._limit_per_host = limit_per_host
        self._proxy = proxy
        self._trust_env = trust_env
        self._proxies_by_origin: dict[str, str | None] = {}
        self._ssl = ssl
        self._ssl_ready: Any = None  # what https requests verify with, made on the first
        self._session_kwargs = session_kwargs or {}
        self._sessions: dict[asyncio.AbstractEventLoop, _LoopSession] = {}
        self._lock = threading.Lock()
        self._timeouts: dict[Timeout | None, aiohttp.ClientTimeout] = {}
        self._last_timeout: tuple[Timeout | None, aiohttp.ClientTimeout] = (
            Timeout(),
            aiohttp.ClientTimeout(),
        )

    @property
    def limit(self) -> int:
        return self._limit

    async def _new_session(self, loop: asyncio.AbstractEventLoop) -> _LoopSession:
        self._release_ended_loops()
        plain = self._ssl if isinstance(self._ssl, (bool, ssl_module.SSLContext)) else True
        connector = aiohttp.TCPConnector(
            limit=self._limit, limit_per_host=self._limit_per_host, ssl=plain
        )
        # Answers are inflated by AnswerBody, a bounded piece at a time.
        kwargs = {**self._session_kwargs, "auto_decompress": False}
        session = aiohttp.ClientSession(connector=connector, **kwargs)
        # aiohttp silently sends an idempotent request a second time when the connection
        # drops; the client's retry policy decides (and counts) every attempt instead.
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        entry = _LoopSession(loop, session, FifoGate(self._limit) if self._limit else None)
        with self._lock:
            self._sessions[loop] = entry
        # Started inside the loop, the generator is finalised by the loop's shutdown
        # (asyncio.run, asyncio.Runner), which closes the session while the loop still runs.
        await entry.closer.asend(None)
        return entry

    def _release_ended_loops(self) -> None:
        with self._lock:
            ended = [e for e in self._sessions.values() if e.loop.is_closed()]
            for entry in ended:
                del self._sessions[entry.loop]
        for entry in ended:
            _finish(entry)

    def _timeout(self, timeout: Timeout | None, waited: float) -> aiohttp.ClientTimeout:
        if timeout is not None and timeout.total is not None:
            # What remains of a call's total: different for each attempt, not kept.
            return aiohttp.ClientTimeout(
                total=timeout.total - waited, sock_connect=timeout.connect, sock_read=timeout.read
            )
        last = self._last_timeout
        if last[0] is timeout:
            return last[1]
        cached = self._timeouts.get(timeout)
        if cached is None:
            if timeout is None:
                cached = aiohttp.ClientTimeout(total=None)
            else:
                cached = aiohttp.ClientTimeout(
                    total=None, sock_connect=timeout.connect, sock_read=timeout.read
                )
            self._timeouts[timeout] = cached
        self._last_timeout = (timeout, cached)
        return cached

    def _proxy_for(self, url: str) -> str | None:
        """The proxy given, else the environment's for this scheme and host."""
        if self._proxy is not None or not self._trust_env:
            return self._proxy
        origin = origin_of(url)
        try:
            return self._proxies_by_origin[origin]
        except KeyError:
            found = self._proxies_by_origin[origin] = proxy_from_env(origin)
            return found

    def _ssl_for(self, url: str) -> Any:
        """What a request verifies the server with. A CA bundle (given, or from the
        environment) takes tens of milliseconds to load: only on the first https request,
        so a program that talks plain http (the dev server) never pays for it."""
        if not url.startswith("https:"):
            return True
        ready = self._ssl_ready
        if ready is None:
            ready = self._ssl_ready = _ssl_setting(self._ssl, self._trust_env)
        return ready

    async def send(self, request: Request) -> Response:
        loop = asyncio.get_running_loop()
        entry = self._sessions.get(loop)
        if entry is None or entry.session.closed:
            entry = await self._new_session(loop)
        gate = entry.gate
        waited = 0.0
        if gate is not None and not gate.take():
            waited = await self._wait_for_slot(gate, request)
        try:
            # One coroutine for the whole exchange (no nested ones on the common path): each
            # layer costs every one of a batch job's thousands of requests.
            headers = request.headers
            body: Any = request.body
            reader: _FileChunks | None = None
            skip: tuple[str, ...] = ()
            if body is None:
                if request.method in METHODS_WITH_BODY:
                    skip = _NO_CONTENT_TYPE  # aiohttp would invent application/octet-stream
            elif isinstance(body, bytes):
                if len(body) > LARGE_BODY:
                    body = _SlicedBytes(body)
            elif not isinstance(body, (bytearray, memoryview)):
                length = body_length(body)
                if length is not None:
                    headers = {**headers, "Content-Length": str(length)}
                body = reader = _FileChunks(body)
            try:
                async with entry.session.request(
                    request.method,
                    URL(request.url, encoded=True),
                    headers=headers,
                    data=body,
                    timeout=self._timeout(request.timeout, waited),
                    allow_redirects=False,
                    proxy=self._proxy_for(request.url),
                    ssl=self._ssl_for(request.url),
                    skip_auto_headers=skip,
                ) as resp:
                    status = resp.status
                    answer_headers = resp.headers
                    if request.sink is None or not 200 <= status < 300:
                        length = declared_length(answer_headers)
                        if length is not None:
                            check_declared(request, status, length)
                            # aiohttp reads no more than the stated size, and waits for the
                            # request's body to be sent.
                            return Response(status, answer_headers, await resp.read())
                    return Response(status, answer_headers, await _read_body(request, resp))
            except asyncio.TimeoutError as exc:
                raise APITimeoutError(
                    _timeout_message(exc, request.timeout), method=request.method, path=request.path
                ) from exc
            except (aiohttp.ClientError, OSError) as exc:
                raise APIConnectionError(
                    f"Connection failed: {_describe(exc)}", method=request.method, path=request.path
                ) from exc
            finally:
                if reader is not None:
                    await reader.stop()
        finally:
            if gate is not None:
                gate.release()

    async def _wait_for_slot(self, gate: FifoGate, request: Request) -> float:
        """Take a place among the ``limit`` requests in flight; the seconds it took."""
        timeout = request.timeout
        pool = None if timeout is None else timeout.pool
        if timeout is not None and timeout.total is not None:
            pool = timeout.total if pool is None else min(pool, timeout.total)
        started = time.monotonic()
        try:
            await gate.acquire(pool)
        except PoolTimeoutError:
            raise APITimeoutError(
                f"No connection came free within {pool} s: all {gate.limit} of the client's "
                "connections were busy (see connection_limit and Timeout.pool)",
                method=request.method,
                path=request.path,
            ) from None
        return time.monotonic() - started

    async def close(self) -> None:
        """Close every session: at once in this loop, released in loops that have ended."""
        current = asyncio.get_running_loop()
        with self._lock:
            entries = list(self._sessions.values())
            self._sessions.clear()
        for entry in entries:
            if entry.loop is current:
                await entry.closer.aclose()
            elif entry.loop.is_running():
                entry.loop.call_soon_threadsafe(_close_soon, entry)
            else:
                _finish(entry)

    def __repr__(self) -> str:
        return f"AiohttpTransport(limit={self._limit})"


async def _read_body(request: Request, resp: aiohttp.ClientResponse) -> bytes:
    """An answer's body whose size is not stated (or that goes into the request's sink),
    read undecoded as it arrives and bounded (see :mod:`._answer`)."""
    status = resp.status
    sink = request.sink if 200 <= status < 300 else None
    body = AnswerBody(request, status, resp.headers, sink)
    content = resp.content
    while chunk := await content.readany():
        body.add(chunk)
    return body.finish()


async def _close_when_loop_ends(
    loop: asyncio.AbstractEventLoop, session: aiohttp.ClientSession
) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        if session.closed:
            pass
        elif _running_loop() is loop:
            await session.close()
        else:
            _abandon(session)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _finish(entry: _LoopSession) -> None:
    """Run the closer to its end outside its loop (it does not await there)."""
    step = entry.closer.aclose()
    try:
        step.send(None)
    except StopIteration:
        pass
    else:  # pragma: no cover - the closer never awaits outside its own loop
        step.close()


_closing: set[asyncio.Future[None]] = set()


def _close_soon(entry: _LoopSession) -> None:
    """In the entry's own (still running) loop: close its session."""
    task = asyncio.ensure_future(entry.closer.aclose())
    _closing.add(task)
    task.add_done_callback(_closing.discard)


def _abandon(session: aiohttp.ClientSession) -> None:
    """Release a session whose event loop is gone, without awaiting on that loop."""
    connector = session.connector
    if connector is not None:
        connector._close()
    session._connector = None


_NO_CONTENT_TYPE = ("Content-Type",)
_CHUNK = STREAM_CHUNK


def _ssl_setting(ssl: Any, trust_env: bool) -> Any:
    """What the connector verifies with: the argument, else the environment's CA bundle."""
    if isinstance(ssl, str):
        return ssl_module.create_default_context(cafile=ssl)
    if ssl is True and trust_env:
        bundle = ca_bundle_from_env()
        if bundle:
            return ssl_module.create_default_context(cafile=bundle)
    return ssl


class _FileChunks:
    """A file object's content from where it stands, a chunk at a time, without closing
    it (aiohttp closes a file it is given, before 3.14, and the requester must be able to
    rewind it for a retry); a file on disk is read off the event loop.

    :meth:`stop` ends the reading when the attempt ends: no read starts after it, and
    one under way (aiohttp cancels its writer as soon as the answer is in, but a thread
    cannot be stopped) is waited for, so that no read of this attempt lands after the
    retry's rewind."""

    __slots__ = ("_body", "_pending", "_stopped")

    def __init__(self, body: IO[bytes]) -> None:
        self._body = body
        self._pending: asyncio.Future[bytes] | None = None
        self._stopped = False

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._chunks()

    async def _chunks(self) -> AsyncIterator[bytes]:
        body = self._body
        try:
            body.fileno()
        except (OSError, ValueError, AttributeError):
            on_disk = False
        else:
            on_disk = True
        loop = asyncio.get_running_loop()
        while not self._stopped:
            if on_disk:
                self._pending = loop.run_in_executor(None, body.read, _CHUNK)
                chunk = await asyncio.shield(self._pending)
            else:
                chunk = body.read(_CHUNK)
            if not chunk:
                return
            yield chunk

    async def stop(self) -> None:
        self._stopped = True
        pending = self._pending
        if pending is not None and not pending.done():
            await asyncio.wait([pending])


# aiohttp < 3.10 does not tell a connect timeout from a read timeout.
_CONNECT_TIMEOUT: Any = getattr(aiohttp, "ConnectionTimeoutError", ())


def _timeout_message(exc: BaseException, timeout: Timeout | None) -> str:
    if isinstance(exc, _CONNECT_TIMEOUT) and timeout is not None:
        return f"Could not connect within {timeout.connect} s"
    if timeout is not None and timeout.read is not None:
        return f"No answer from the server within {timeout.read} s"
    return "The request timed out"


def _describe(exc: BaseException) -> str:
    """The error's type and text, and the operating system's error under it if any."""
    name = type(exc).__name__
    os_error = getattr(exc, "os_error", None)
    if isinstance(os_error, OSError) and type(os_error) is not OSError:
        name = f"{name} ({type(os_error).__name__})"
    text = str(exc)
    return f"{name}: {text}" if text else name
