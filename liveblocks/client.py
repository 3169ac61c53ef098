"""The two clients: :class:`Liveblocks` (sync, requests) and :class:`AsyncLiveblocks`
(async, aiohttp). Same resource tree, same flat methods, one definition of each.

``UNSET``, ``Unset`` and ``File`` are importable from here too, where the official package
keeps them."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from . import _retry
from ._call import AsyncMode, SyncMode
from ._config import resolve_base_url, resolve_secret
from ._flat import FlatAPI
from ._requester import AsyncRequester, ClientOptions, SyncRequester, check_max_retries
from ._version import __version__
from .transports._base import AsyncTransport, SyncTransport, Timeout
from .types import UNSET, File, Unset

if TYPE_CHECKING:
    from .session import AsyncSession, Session

__all__ = ["DEFAULT_TIMEOUT", "UNSET", "AsyncLiveblocks", "File", "Liveblocks", "Unset"]

#: 5 seconds to connect, 60 seconds between bytes of an answer.
DEFAULT_TIMEOUT = Timeout(connect=5.0, read=60.0)

_C = TypeVar("_C", bound="Liveblocks")
_A = TypeVar("_A", bound="AsyncLiveblocks")
_S = TypeVar("_S", bound="_Settings")


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


_NOT_GIVEN: Any = _NotGiven()


def _options(
    secret: str | None,
    base_url: str | None,
    timeout: Timeout | float | None,
    max_retries: int,
) -> ClientOptions:
    key = resolve_secret(secret)
    headers = {
        "Authorization": f"Bearer {key}",
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate",
        "User-Agent": f"liveblocks-python/{__version__}",
    }
    return ClientOptions(
        resolve_base_url(base_url), headers, Timeout.of(timeout), check_max_retries(max_retries)
    )


class _Settings:
    """What both clients offer beyond the API: their settings, and copies with others."""

    _requester: SyncRequester | AsyncRequester
    _owns_transport: bool

    @property
    def base_url(self) -> str:
        return self._requester.options.base_url

    @property
    def timeout(self) -> Timeout | None:
        return self._requester.options.timeout

    @property
    def max_retries(self) -> int:
        return self._requester.options.max_retries

    def with_options(
        self: _S,
        *,
        timeout: Timeout | float | None = _NOT_GIVEN,
        max_retries: int = _NOT_GIVEN,
    ) -> _S:
        """A copy with other settings, sharing this client's connections.

        ``client.with_options(timeout=2, max_retries=0).rooms["r"].get()``
        """
        options = self._requester.options.replace(
            timeout=... if timeout is _NOT_GIVEN else timeout,
            max_retries=... if max_retries is _NOT_GIVEN else max_retries,
        )
        return type(self)._around(self._requester.with_options(options), owns_transport=False)

    @classmethod
    def _around(
        cls: type[_S], requester: SyncRequester | AsyncRequester, *, owns_transport: bool
    ) -> _S:
        """A client on a requester made elsewhere (a copy with other options, or the async
        twin a sync batch job runs on); ``owns_transport``: whether close() closes it."""
        client = object.__new__(cls)
        client._owns_transport = owns_transport
        FlatAPI.__init__(client, requester, "")  # type: ignore[arg-type]
        return client


class Liveblocks(_Settings, FlatAPI[SyncMode]):
    """The sync client.

    Args:
        secret: the project's secret key (``sk_...``); defaults to ``LIVEBLOCKS_SECRET_KEY``.
        base_url: defaults to ``LIVEBLOCKS_BASE_URL``, else ``https://api.liveblocks.io``.
        timeout: seconds (a number, or ``Timeout(connect=..., read=...)``); ``None`` waits
            forever. Defaults to 5 s to connect and 60 s to read.
        max_retries: how often a failed request is retried where that is safe (default 2).
        transport: how requests are sent; defaults to a pooled requests session.

    Use it as a context manager, or call :meth:`close`, to release its connections.
    A client is safe to share between threads.
    """

    _requester: SyncRequester

    def __init__(
        self,
        secret: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = _retry.DEFAULT_MAX_RETRIES,
        transport: SyncTransport | None = None,
    ) -> None:
        options = _options(secret, base_url, timeout, max_retries)
        self._owns_transport = transport is None
        if transport is None:
            from .transports._requests import RequestsTransport

            transport = RequestsTransport()
        elif not isinstance(transport, SyncTransport):
            raise TypeError(
                "transport must have send(request) -> Response and close() methods "
                "(see liveblocks.transports.SyncTransport)"
            )
        super().__init__(SyncRequester(options, transport), "")

    def prepare_session(
        self,
        user_id: str,
        user_info: Mapping[str, Any] | None = None,
        organization_id: str | None = None,
    ) -> Session:
        """A session to build ``user_id``'s access token:
        ``client.prepare_session("alice").allow("doc-*", Session.FULL_ACCESS).authorize()``.
        ``user_info`` (``name``, ``avatar``, ...) is visible to other users."""
        from .session import Session

        return Session(self, user_id, user_info=user_info, organization_id=organization_id)

    def close(self) -> None:
        """Release the client's connections (not those of a transport you passed in)."""
        if self._owns_transport:
            self._requester.transport.close()

    def __enter__(self: _C) -> _C:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Liveblocks(base_url={self.base_url!r})"


class AsyncLiveblocks(_Settings, FlatAPI[AsyncMode]):
    """The async client: the same API as :class:`Liveblocks`, every call awaited and every
    list an async iterator.

    It can be created outside a running event loop; its connection pool is made in the
    loop that first uses it. ``async with`` it, or ``await client.close()``.
    ``connection_limit`` bounds concurrent connections (default 256).
    """

    _requester: AsyncRequester

    def __init__(
        self,
        secret: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = _retry.DEFAULT_MAX_RETRIES,
        transport: AsyncTransport | None = None,
        connection_limit: int = 256,
    ) -> None:
        options = _options(secret, base_url, timeout, max_retries)
        self._owns_transport = transport is None
        if transport is None:
            from .transports.aiohttp_transport import AiohttpTransport

            transport = AiohttpTransport(limit=connection_limit)
        elif not isinstance(transport, AsyncTransport):
            raise TypeError(
                "transport must have async send(request) -> Response and async close() "
                "methods (see liveblocks.transports.AsyncTransport)"
            )
        super().__init__(AsyncRequester(options, transport), "")

    def prepare_session(
        self,
        user_id: str,
        user_info: Mapping[str, Any] | None = None,
        organization_id: str | None = None,
    ) -> AsyncSession:
        """A session to build ``user_id``'s access token:
        ``await client.prepare_session("alice").allow("doc-*", ["room:write"]).authorize()``.
        ``user_info`` (``name``, ``avatar``, ...) is visible to other users."""
        from .session import AsyncSession

        return AsyncSession(self, user_id, user_info=user_info, organization_id=organization_id)

    async def close(self) -> None:
        """Release the client's connections (not those of a transport you passed in)."""
        if self._owns_transport:
            await self._requester.transport.close()

    async def __aenter__(self: _A) -> _A:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"AsyncLiveblocks(base_url={self.base_url!r})"
