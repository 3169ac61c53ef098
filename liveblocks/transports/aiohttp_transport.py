"""The async transport: aiohttp, one ClientSession per event loop, a bounded pool."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from yarl import URL

from ..errors import APIConnectionError, APITimeoutError
from ._base import Request, Response, Timeout

__all__ = ["AiohttpTransport"]


class AiohttpTransport:
    """Sends requests through one :class:`aiohttp.ClientSession`.

    The session is created inside the running event loop on first use (so the client can
    be built outside any loop), and made anew if a later ``asyncio.run`` brings a new loop.

    Args:
        limit: the most connections open at once (the concurrency ceiling).
        limit_per_host: the most per host (0: only ``limit`` applies).
        proxy: an HTTP proxy URL for every request.
        ssl: an :class:`ssl.SSLContext`, or ``False`` to skip verification.
        session_kwargs: further keyword arguments for :class:`aiohttp.ClientSession`.
    """

    def __init__(
        self,
        *,
        limit: int = 256,
        limit_per_host: int = 0,
        proxy: str | None = None,
        ssl: Any = True,
        session_kwargs: dict[str, Any] | None = None,
    ) -> None:
        if limit < 0 or limit_per_host < 0:
            raise ValueError("limit and limit_per_host must be >= 0 (0 means no limit)")
        self._limit = limit
        self._limit_per_host = limit_per_host
        self._proxy = proxy
        self._ssl = ssl
        self._session_kwargs = session_kwargs or {}
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timeouts: dict[Timeout | None, aiohttp.ClientTimeout] = {}

    def _get_session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        session = self._session
        if session is not None and self._loop is loop and not session.closed:
            return session
        if session is not None and not session.closed:
            _abandon(session)
        connector = aiohttp.TCPConnector(
            limit=self._limit, limit_per_host=self._limit_per_host, ssl=self._ssl
        )
        session = aiohttp.ClientSession(
            connector=connector, auto_decompress=True, **self._session_kwargs
        )
        self._session = session
        self._loop = loop
        return session

    def _timeout(self, timeout: Timeout | None) -> aiohttp.ClientTimeout:
        cached = self._timeouts.get(timeout)
        if cached is None:
            if timeout is None:
                cached = aiohttp.ClientTimeout(total=None)
            else:
                cached = aiohttp.ClientTimeout(
                    total=None, sock_connect=timeout.connect, sock_read=timeout.read
                )
            self._timeouts[timeout] = cached
        return cached

    async def send(self, request: Request) -> Response:
        session = self._get_session()
        try:
            async with session.request(
                request.method,
                URL(request.url, encoded=True),
                headers=request.headers,
                data=request.body,
                timeout=self._timeout(request.timeout),
                allow_redirects=False,
                proxy=self._proxy,
            ) as resp:
                body = await resp.read()
                return Response(resp.status, resp.headers, body)
        except asyncio.TimeoutError as exc:
            raise APITimeoutError(
                "Request timed out", method=request.method, path=request.path
            ) from exc
        except aiohttp.ClientError as exc:
            raise APIConnectionError(
                f"Connection failed: {type(exc).__name__}: {exc}",
                method=request.method,
                path=request.path,
            ) from exc

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is None or session.closed:
            return
        if self._loop is asyncio.get_running_loop():
            await session.close()
        else:
            _abandon(session)

    def __repr__(self) -> str:
        return f"AiohttpTransport(limit={self._limit})"


def _abandon(session: aiohttp.ClientSession) -> None:
    """Release a session whose event loop is gone, without awaiting on that loop."""
    connector = session.connector
    if connector is not None:
        connector._close()
    session._connector = None
