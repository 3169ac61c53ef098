"""The transport interface: send one HTTP request, get status, headers and body back.

A transport knows nothing of Liveblocks: no retries, no error mapping beyond turning its
library's exceptions into :class:`~liveblocks.errors.APIConnectionError` and
:class:`~liveblocks.errors.APITimeoutError`. Anything with a matching ``send`` and
``close`` can be passed to a client (a proxy set-up, custom TLS, a test double).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Protocol, Union, runtime_checkable

__all__ = [
    "AsyncTransport",
    "BodySink",
    "Request",
    "RequestBody",
    "Response",
    "SyncTransport",
    "Timeout",
]

#: A request body: bytes, or a binary file object streamed as it is read.
RequestBody = Union[bytes, IO[bytes], None]


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
    """Seconds to wait: ``connect`` for a connection, ``read`` between bytes of the answer.

    ``None`` for either means no limit for that phase.
    """

    __slots__ = ("connect", "read")

    def __init__(self, connect: float | None = 5.0, read: float | None = 60.0) -> None:
        for name, value in (("connect", connect), ("read", read)):
            if value is not None and (isinstance(value, bool) or not value > 0):
                raise ValueError(
                    f"Timeout {name} must be a positive number of seconds or None, got {value!r}"
                )
        self.connect = connect
        self.read = read

    @classmethod
    def of(cls, value: Timeout | float | None) -> Timeout | None:
        """Normalise a user's ``timeout=``: a number applies to both phases."""
        if value is None or isinstance(value, Timeout):
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(
                f"timeout must be a number of seconds, a liveblocks.Timeout or None, got {value!r}"
            )
        return cls(connect=float(value), read=float(value))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Timeout) and (self.connect, self.read) == (
            other.connect,
            other.read,
        )

    def __hash__(self) -> int:
        return hash((self.connect, self.read))

    def __repr__(self) -> str:
        return f"Timeout(connect={self.connect!r}, read={self.read!r})"


class Request:
    """One HTTP request, ready to send. ``url`` is absolute and already percent-encoded;
    ``path`` names it in logs and errors (no query, nothing secret). With a ``sink``, a
    2xx answer's body may be streamed into it (see :class:`BodySink`)."""

    __slots__ = ("body", "headers", "method", "path", "sink", "timeout", "url")

    def __init__(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: RequestBody = None,
        timeout: Timeout | None = None,
        path: str = "",
        sink: BodySink | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.path = path
        self.sink = sink

    def __repr__(self) -> str:
        # Never show headers: one of them carries the secret key.
        return f"<Request {self.method} {self.path or self.url}>"


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
