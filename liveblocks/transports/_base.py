"""The transport interface: send one HTTP request, get status, headers and body back.

A transport knows nothing of Liveblocks: no retries, no error mapping beyond turning its
library's exceptions into :class:`~liveblocks.errors.APIConnectionError` and
:class:`~liveblocks.errors.APITimeoutError` (and an answer over the request's
``max_size`` into :class:`~liveblocks.errors.ResponseTooLargeError`). Anything with a
matching ``send`` and ``close`` can be passed to a client (a proxy set-up, custom TLS, a
test double).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Protocol, Union, runtime_checkable

from ._urls import without_query

__all__ = [
    "AsyncTransport",
    "BodySink",
    "Request",
    "RequestBody",
    "Response",
    "SyncTransport",
    "Timeout",
    "body_length",
]

#: A request body: bytes-like, or a binary file object read as it is sent.
RequestBody = Union[bytes, bytearray, memoryview, IO[bytes], None]


#: Seconds a call waits for a free connection by default.
DEFAULT_POOL_TIMEOUT = 60.0


@runtime_checkable
class BodySink(Protocol):
    """Where a request's 2xx answer body goes as it arrives, instead of into memory
    (a download into a file).

    A transport that streams calls :meth:`write` with each chunk and returns a
    :class:`Response` with an empty body; one that does not returns the whole body, and
    the client writes it. Before sending again, the client calls :meth:`restart`, which
    drops what was written; it returns False when that cannot be done (no retry then).
    """

    def write(self, data: bytes) -> object: ...

    def restart(self) -> bool: ...


class Timeout:
    """Seconds to wait: ``connect`` for a connection, ``read`` between bytes of the answer,
    ``pool`` for a free connection when all of the client's are busy (the async client's
    ``connection_limit``; the sync client opens another one instead of waiting), and
    ``total`` for the whole call, every attempt, its whole answer and every wait between
    attempts included.

    ``None`` means no limit (``total`` is unset by default: retries are bounded by
    ``max_retries`` alone). A transport sees the part of ``total`` that remains for the
    attempt it makes.
    """

    __slots__ = ("connect", "pool", "read", "total")

    def __init__(
        self,
        connect: float | None = 5.0,
        read: float | None = 60.0,
        total: float | None = None,
        pool: float | None = DEFAULT_POOL_TIMEOUT,
    ) -> None:
        for name, value in (("connect", connect), ("read", read), ("total", total), ("pool", pool)):
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0
            ):
                raise ValueError(
                    f"Timeout {name} must be a positive number of seconds or None, got {value!r}"
                )
        self.connect = connect
        self.read = read
        self.total = total
        self.pool = pool

    @classmethod
    def of(cls, value: Timeout | float | None) -> Timeout | None:
        """Normalise a user's ``timeout=``: a number applies to every wait but the total."""
        if value is None or isinstance(value, Timeout):
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(
                f"timeout must be a number of seconds, a liveblocks.Timeout or None, got {value!r}"
            )
        seconds = float(value)
        return cls(connect=seconds, read=seconds, pool=seconds)

    def within(self, remaining: float) -> Timeout:
        """This timeout for one attempt that must end within ``remaining`` seconds."""
        return Timeout(
            remaining if self.connect is None else min(self.connect, remaining),
            remaining if self.read is None else min(self.read, remaining),
            remaining,
            remaining if self.pool is None else min(self.pool, remaining),
        )

    def _fields(self) -> tuple[float | None, ...]:
        return (self.connect, self.read, self.total, self.pool)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Timeout) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        total = "" if self.total is None else f", total={self.total!r}"
        pool = "" if self.pool == DEFAULT_POOL_TIMEOUT else f", pool={self.pool!r}"
        return f"Timeout(connect={self.connect!r}, read={self.read!r}{total}{pool})"


def body_length(body: RequestBody) -> int | None:
    """How many bytes a body sends from where it stands; None for a stream that cannot
    tell (it is then sent in chunks)."""
    if body is None:
        return 0
    if isinstance(body, memoryview):
        return body.nbytes
    if isinstance(body, (bytes, bytearray)):
        return len(body)
    try:
        start = body.tell()
        end = body.seek(0, 2)
        body.seek(start)
    except (OSError, ValueError, AttributeError):
        return None
    return max(end - start, 0)


#: Methods that carry a body: sent with ``Content-Length: 0`` when they have none.
METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


class Request:
    """One HTTP request, ready to send. ``url`` is absolute and already percent-encoded;
    ``path`` names it in logs and errors (no query, nothing secret). With a ``sink``, a
    2xx answer's body may be streamed into it (see :class:`BodySink`). ``max_size``: the
    most bytes of answer body (after decompression) the transport keeps in memory; it
    raises :class:`~liveblocks.errors.ResponseTooLargeError` past it (``None``: no cap;
    a body streamed into the sink is never capped)."""

    __slots__ = ("body", "headers", "max_size", "method", "path", "sink", "timeout", "url")

    def __init__(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: RequestBody = None,
        timeout: Timeout | None = None,
        path: str = "",
        sink: BodySink | None = None,
        max_size: int | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.path = path
        self.sink = sink
        self.max_size = max_size

    def __repr__(self) -> str:
        # Never show headers (one carries the secret key) nor the query (a signed URL's
        # signature).
        return f"<Request {self.method} {self.path or without_query(self.url)}>"


class Response:
    """One HTTP answer: status, headers (case-insensitive lookup), and the whole body."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def __repr__(self) -> str:
        return f"<Response {self.status} ({len(self.body)} bytes)>"


@runtime_checkable
class SyncTransport(Protocol):
    """Used by :class:`liveblocks.Liveblocks`."""

    def send(self, request: Request) -> Response: ...

    def close(self) -> None: ...


@runtime_checkable
class AsyncTransport(Protocol):
    """Used by :class:`liveblocks.AsyncLiveblocks`."""

    async def send(self, request: Request) -> Response: ...

    async def close(self) -> None: ...
