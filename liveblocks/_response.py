"""The whole answer to a call: status, headers and the decoded value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

__all__ = ["RawResponse"]

T_co = TypeVar("T_co", covariant=True)

_REQUEST_ID_HEADERS = ("x-request-id", "x-lb-request-id")


class RawResponse(Generic[T_co]):
    """What ``endpoint.raw(...)`` returns: the answer's status and headers with its value.

    ``client.rooms["r"].get.raw()`` (or ``client.get_room.raw("r")``) gives
    ``RawResponse[Room]``; in the async client, ``await`` it. Errors are raised exactly as
    by the plain call.

    Attributes:
        status: the HTTP status of the answer.
        headers: its headers (case-insensitive lookup), e.g. rate-limit headers.
        parsed: the decoded value, as the plain call returns it.
        content: the answer's body, as received.
        method, path: the request (the path carries no secret).
        elapsed: seconds from the first attempt to the decoded value, waits included.
        attempts: how many times the request was sent (1 when no retry was needed).
    """

    __slots__ = ("attempts", "content", "elapsed", "headers", "method", "parsed", "path", "status")

    def __init__(
        self,
        *,
        status: int,
        headers: Mapping[str, str],
        parsed: T_co,
        content: bytes,
        method: str,
        path: str,
        elapsed: float,
        attempts: int,
    ) -> None:
        self.status = status
        self.headers = headers
        self.parsed = parsed
        self.content = content
        self.method = method
        self.path = path
        self.elapsed = elapsed
        self.attempts = attempts

    @property
    def request_id(self) -> str | None:
        """The server's request id header, when it sent one (quote it to support)."""
        for name in _REQUEST_ID_HEADERS:
            value = self.headers.get(name)
            if value:
                return value
        return None

    @property
    def retries(self) -> int:
        """How many of the attempts were retries."""
        return self.attempts - 1

    def __repr__(self) -> str:
        return f"<RawResponse {self.status} {self.method} {self.path}>"
