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
from ._checks import check_int
from ._config import resolve_base_url, resolve_secret
from ._flat import FlatAPI
from ._logging import configure_from_environment
from ._requester import (
    DEFAULT_MAX_RESPONSE_SIZE,
    AsyncRequester,
    ClientOptions,
    SyncRequester,
    check_max_response_size,
    check_max_retries,
    request_budget,
)
from ._version import __version__
from .transports._base import AsyncTransport, SyncTransport, Timeout
from .types import UNSET, File, Unset

if TYPE_CHECKING:
    from .session import AsyncSession, Session

__all__ = ["DEFAULT_TIMEOUT", "UNSET", "AsyncLiveblocks", "File", "Liveblocks", "Unset"]

#: ``Timeout()``: 5 seconds to connect, 60 seconds between bytes of an answer.
DEFAULT_TIMEOUT = Timeout()

#: Connections each client keeps for reuse (sync) or opens at most at once (async).
DEFAULT_SYNC_CONNECTIONS = 32
DEFAULT_ASYNC_CONNECTIONS = 256

#: Threads of a sync client's async twin, as many as the batch jobs' rooms at once.
DEFAULT_TWIN_THREADS = 8

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
    max_response_size: int,
    max_requests_per_second: float | None = None,
) -> ClientOptions:
    configure_from_environment()
    key = resolve_secret(secret)
    headers = {
        "Authorization": f"Bearer {key}",
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate",
        "User-Agent": f"liveblocks-python/{__version__}",
    }
    return ClientOptions(
        resolve_base_url(base_url),
        headers,
        Timeout.of(timeout),
        check_max_retries(max_retries),
        check_max_response_size(max_response_size),
        request_budget(max_requests_per_second),
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

    @property
    def max_response_size(self) -> int:
        return self._requester.options.max_response_size

    @property
    def max_requests_per_second(self) -> float | None:
        """The cap on requests per second (every attempt, retries included), or None."""
        return self._requester.options.max_requests_per_second

    def key_fingerprint(self) -> str:
        """A fingerprint of the secret key, 16 hex digits: the same for the same key,
        another for another key, and nothing of the key can be learnt from it. Exports
        record it, to refuse resuming with another project's key."""
        return self._requester.options.key_fingerprint()

    def with_options(
        self: _S,
        *,
        timeout: Timeout | float | None = _NOT_GIVEN,
        max_retries: int = _NOT_GIVEN,
        max_response_size: int = _NOT_GIVEN,
        max_requests_per_second: float | None = _NOT_GIVEN,
    ) -> _S:
        """A copy with other settings, sharing this client's connections.

        ``client.with_options(timeout=2, max_retries=0).rooms["r"].get()``

        The copy shares this client's request budget (``max_requests_per_second``), unless
        it is given another: then it has its own (``None``: none).
        """
        rate = max_requests_per_second
        options = self._requester.options.replace(
            timeout=... if timeout is _NOT_GIVEN else timeout,
            max_retries=... if max_retries is _NOT_GIVEN else max_retries,
            max_response_size=... if max_response_size is _NOT_GIVEN else max_response_size,
            max_requests_per_second=... if rate is _NOT_GIVEN else rate,
        )
        return type(self)._around(self._requester.with_options(options), owns_transport=False)

    @classmethod
    def _around(
        cls: type[_S], requester: SyncRequester | AsyncRequester, *, owns_transport: bool
    ) -> _S:
        """A client on a requester made elsewhere (a copy with other options, or a sync
        client's async twin); ``owns_transport``: whether close() closes it."""
        client = object.__new__(cls)
        client._owns_transport = owns_transport
        FlatAPI.__init__(client, requester)  # type: ignore[arg-type]
        return client


class Liveblocks(_Settings, FlatAPI[SyncMode]):
    """The sync client.

    Args:
        secret: the project's secret key (``sk_...``); defaults to ``LIVEBLOCKS_SECRET_KEY``.
        base_url: defaults to ``LIVEBLOCKS_BASE_URL``, else ``https://api.liveblocks.io``.
        timeout: seconds (a number, or ``Timeout(connect=..., read=..., total=...)``);
            ``None`` waits forever. Defaults to 5 s to connect and 60 s to read.
        max_retries: how often a failed request is retried where that is safe (default 2).
        max_response_size: the largest answer body kept in memory, in bytes after
            decompression (default 512 MiB); a larger one raises
            :class:`~liveblocks.errors.ResponseTooLargeError`. Downloads into a
            destination are not capped.
        max_requests_per_second: a cap on the requests this client sends per second
            (default ``None``: no cap). Every attempt counts, retries included; after a
            quiet spell a burst of up to 5 goes at once. Shared by the client's threads,
            its :meth:`async_twin` and its :meth:`with_options` copies. To share a
            project's budget among N processes, give each budget / N.
        transport: how requests are sent; defaults to a pooled requests session.
        connection_limit: connections the default transport keeps open for reuse
            (default 32; ``RequestsTransport(pool_maxsize=...)`` for your own).

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
        connection_limit: int = DEFAULT_SYNC_CONNECTIONS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        max_requests_per_second: float | None = None,
    ) -> None:
        options = _options(
            secret, base_url, timeout, max_retries, max_response_size, max_requests_per_second
        )
        check_int(connection_limit, "connection_limit", minimum=1, type_error=ValueError)
        self._owns_transport = transport is None
        if transport is None:
            from .transports._requests import RequestsTransport

            transport = RequestsTransport(pool_maxsize=connection_limit)
        elif not isinstance(transport, SyncTransport):
            raise TypeError(
                "transport must have send(request) -> Response and close() methods "
                "(see liveblocks.transports.SyncTransport)"
            )
        super().__init__(SyncRequester(options, transport))

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

    def async_twin(self, threads: int = DEFAULT_TWIN_THREADS) -> AsyncLiveblocks:
        """An :class:`AsyncLiveblocks` with this client's settings (key, base URL, timeout,
        retries) that sends its requests through this client's transport, from
        ``threads`` worker threads: for async code run from a sync program, as the batch
        jobs' sync functions do. Closing it stops its threads; this client's connections
        stay open."""
        from .transports._threaded import ThreadedTransport

        check_int(threads, "threads", minimum=1)
        transport = ThreadedTransport(self._requester.transport, threads)
        requester = AsyncRequester(self._requester.options, transport)
        return AsyncLiveblocks._around(requester, owns_transport=True)

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
    ``connection_limit`` bounds the default transport's concurrent connections (default
    256; 0: no bound); calls beyond it wait their turn, in the order they came, at most
    ``Timeout.pool`` seconds. ``max_response_size`` and ``max_requests_per_second`` (taken
    without blocking the event loop) as for :class:`Liveblocks`.
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
        connection_limit: int = DEFAULT_ASYNC_CONNECTIONS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        max_requests_per_second: float | None = None,
    ) -> None:
        options = _options(
            secret, base_url, timeout, max_retries, max_response_size, max_requests_per_second
        )
        self._owns_transport = transport is None
        if transport is None:
            from .transports.aiohttp_transport import AiohttpTransport

            transport = AiohttpTransport(limit=connection_limit)
        elif not isinstance(transport, AsyncTransport):
            raise TypeError(
                "transport must have async send(request) -> Response and async close() "
                "methods (see liveblocks.transports.AsyncTransport)"
            )
        super().__init__(AsyncRequester(options, transport))

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


def batch_client(
    client: Liveblocks | None,
    *,
    secret: str | None,
    base_url: str | None,
    concurrency: int,
    max_requests_per_second: float | None = None,
) -> AsyncLiveblocks:
    """The async client a batch job's sync function (``export_rooms``,
    ``mass_mutate_storage``, ...) runs on: ``client``'s :meth:`~Liveblocks.async_twin`
    (its settings and transport, ``concurrency`` threads), or with no client a new
    :class:`AsyncLiveblocks` made from ``secret``, ``base_url`` (or the environment) and
    ``max_requests_per_second``."""
    check_int(concurrency, "concurrency", minimum=1, type_error=ValueError)
    if client is None:
        return AsyncLiveblocks(
            secret, base_url=base_url, max_requests_per_second=max_requests_per_second
        )
    if secret is not None or base_url is not None or max_requests_per_second is not None:
        raise TypeError(
            "pass either a client or secret/base_url/max_requests_per_second, not both "
            "(a client's own max_requests_per_second applies)"
        )
    if not isinstance(client, Liveblocks):
        raise TypeError(
            f"client must be a liveblocks.Liveblocks (use the *_async function with an "
            f"AsyncLiveblocks), got {type(client).__name__}"
        )
    return client.async_twin(concurrency)
