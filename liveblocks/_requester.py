"""Runs calls: builds the HTTP request, sends it with retries, maps errors, decodes.

Everything that does no I/O lives in :class:`_RequesterBase`; the sync and async
requesters differ only in their small send loops.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

import msgspec

from . import _retry
from ._core import Call
from ._response import RawResponse
from ._transports._base import AsyncTransport, Request, Response, SyncTransport, Timeout
from .errors import APIConnectionError, ResponseDecodeError, error_from_response

if TYPE_CHECKING:
    from ._pagination import AsyncPager, PageSpec, SyncPager

T = TypeVar("T")

logger = logging.getLogger("liveblocks")

__all__ = ["AsyncRequester", "ClientOptions", "SyncRequester"]


class ClientOptions:
    """A client's settings. The secret lives only in the prepared headers, never in a repr."""

    __slots__ = ("base_url", "headers", "max_retries", "timeout")

    def __init__(
        self,
        base_url: str,
        headers: Mapping[str, str],
        timeout: Timeout | None,
        max_retries: int,
    ) -> None:
        self.base_url = base_url
        self.headers = headers
        self.timeout = timeout
        self.max_retries = max_retries

    def replace(self, *, timeout: Any = ..., max_retries: Any = ...) -> ClientOptions:
        return ClientOptions(
            self.base_url,
            self.headers,
            self.timeout if timeout is ... else Timeout.of(timeout),
            self.max_retries if max_retries is ... else check_max_retries(max_retries),
        )

    def __repr__(self) -> str:
        return (
            f"ClientOptions(base_url={self.base_url!r}, timeout={self.timeout!r}, "
            f"max_retries={self.max_retries!r})"
        )


def check_max_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_retries must be an integer >= 0, got {value!r}")
    return value


class _RequesterBase:
    __slots__ = ("_anonymous_headers", "_headers_by_type", "options")

    def __init__(self, options: ClientOptions) -> None:
        self.options = options
        self._headers_by_type: dict[str | None, Mapping[str, str]] = {None: options.headers}
        # For URLs the API hands out (a file's download URL): never the secret.
        self._anonymous_headers = {
            k: v for k, v in options.headers.items() if k.lower() not in ("authorization", "accept")
        }

    def _headers(self, content_type: str | None) -> Mapping[str, str]:
        headers = self._headers_by_type.get(content_type)
        if headers is None:
            headers = {**self.options.headers, "Content-Type": content_type or ""}
            self._headers_by_type[content_type] = headers
        return headers

    def build(self, call: Call[Any]) -> Request:
        if call.url is None:
            url = self.options.base_url + call.path
            if call.query:
                url += "?" + urlencode(call.query)
        else:
            url = call.url
            if call.query:
                url += ("&" if "?" in url else "?") + urlencode(call.query)
        return Request(
            call.method,
            url,
            self._headers(call.content_type) if call.authorized else self._anonymous_headers,
            call.body,
            self.options.timeout,
            call.path,
            call.sink,
        )

    def finish(self, call: Call[T], response: Response) -> T:
        """The decoded value of a 2xx answer; the right error for anything else."""
        status = response.status
        if status >= 300 or status < 200:
            raise error_from_response(
                status, response.headers, response.body, method=call.method, path=call.path
            )
        if call.sink is not None and response.body:
            # A transport that does not stream handed back the whole body.
            call.sink.write(response.body)
        try:
            return call.decode(response)
        except (msgspec.DecodeError, UnicodeDecodeError) as exc:
            raise ResponseDecodeError(
                f"The server's answer does not match the API: {exc}",
                status,
                method=call.method,
                path=call.path,
                headers=response.headers,
                body=response.body,
            ) from exc

    def raw(
        self, call: Call[T], response: Response, value: T, started: float, attempts: int
    ) -> RawResponse[T]:
        return RawResponse(
            status=response.status,
            headers=response.headers,
            parsed=value,
            content=response.body,
            method=call.method,
            path=call.path,
            elapsed=time.perf_counter() - started,
            attempts=attempts,
        )

    def retry_after_status(
        self, request: Request, response: Response, attempt: int, start: int
    ) -> float | None:
        """Seconds to wait before sending again after this answer; None: do not retry."""
        if attempt >= self.options.max_retries:
            return None
        if not _retry.is_retryable_status(request.method, response.status):
            return None
        if not _rewind(request, start):
            return None
        delay = _retry.retry_delay(attempt, response.headers)
        asked = response.headers.get("retry-after")
        logger.debug(
            "retrying %s %s after status %s%s in %.2fs (retry %d of %d)",
            request.method,
            request.path,
            response.status,
            f" (Retry-After: {asked[:40]})" if asked else "",
            delay,
            attempt + 1,
            self.options.max_retries,
        )
        return delay

    def retry_after_failure(
        self, request: Request, error: APIConnectionError, attempt: int, start: int
    ) -> float | None:
        """Seconds to wait before sending again after a failure; None: do not retry."""
        if attempt >= self.options.max_retries:
            reason = "no retries left" if self.options.max_retries else "retries disabled"
        elif not _retry.is_retryable_failure(request.method):
            reason = f"{request.method} is not safe to replay"
        elif not _rewind(request, start):
            reason = "the body cannot be sent again"
        else:
            delay = _retry.retry_delay(attempt)
            logger.debug(
                "retrying %s %s after %s: %s in %.2fs (retry %d of %d)",
                request.method,
                request.path,
                type(error).__name__,
                error.message,
                delay,
                attempt + 1,
                self.options.max_retries,
            )
            return delay
        logger.debug(
            "%s %s failed: %s: %s (%s)",
            request.method,
            request.path,
            type(error).__name__,
            error.message,
            reason,
        )
        return None


_NOT_SEEKABLE = -1


def _stream_start(request: Request) -> int:
    """Where a streamed body starts, to rewind it for a retry (0 for bytes)."""
    body = request.body
    if body is None or isinstance(body, (bytes, bytearray, memoryview)):
        return 0
    try:
        return body.tell()
    except (OSError, ValueError, AttributeError):
        return _NOT_SEEKABLE


def _rewind(request: Request, start: int) -> bool:
    """Make the body readable again (and the sink empty) for a retry; False if it cannot be."""
    if request.sink is not None and not request.sink.restart():
        return False
    body = request.body
    if body is None or isinstance(body, (bytes, bytearray, memoryview)):
        return True
    if start == _NOT_SEEKABLE:
        return False
    try:
        body.seek(start)
    except (OSError, ValueError, AttributeError):
        return False
    return True


def _log(request: Request, response: Response, started: float) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s -> %s in %.1f ms",
            request.method,
            request.path,
            response.status,
            (time.perf_counter() - started) * 1000,
        )


class SyncRequester(_RequesterBase):
    """Runs calls for :class:`liveblocks.Liveblocks`."""

    is_async = False

    __slots__ = ("transport",)

    def __init__(self, options: ClientOptions, transport: SyncTransport) -> None:
        super().__init__(options)
        self.transport = transport

    def execute(self, call: Call[T]) -> T:
        """The call's decoded value; raises a :class:`LiveblocksError` on any failure."""
        return self.finish(call, self.send(call)[0])

    def execute_raw(self, call: Call[T]) -> RawResponse[T]:
        """The call's status, headers and decoded value."""
        started = time.perf_counter()
        response, attempts = self.send(call)
        return self.raw(call, response, self.finish(call, response), started, attempts)

    def send(self, call: Call[Any]) -> tuple[Response, int]:
        """Send with retries: the last answer (any status) and the number of attempts."""
        request = self.build(call)
        start = _stream_start(request)
        attempt = 0
        while True:
            started = time.perf_counter()
            try:
                response = self.transport.send(request)
            except APIConnectionError as exc:
                delay = self.retry_after_failure(request, exc, attempt, start)
                if delay is None:
                    raise
            else:
                _log(request, response, started)
                if response.status < 400:
                    return response, attempt + 1
                delay = self.retry_after_status(request, response, attempt, start)
                if delay is None:
                    return response, attempt + 1
            time.sleep(delay)
            attempt += 1

    def paginate(self, spec: PageSpec[Any, T]) -> SyncPager[T]:
        from ._pagination import SyncPager

        return SyncPager(self, spec)

    def with_options(self, options: ClientOptions) -> SyncRequester:
        return SyncRequester(options, self.transport)


class AsyncRequester(_RequesterBase):
    """Runs calls for :class:`liveblocks.AsyncLiveblocks`."""

    is_async = True

    __slots__ = ("transport",)

    def __init__(self, options: ClientOptions, transport: AsyncTransport) -> None:
        super().__init__(options)
        self.transport = transport

    async def execute(self, call: Call[T]) -> T:
        """The call's decoded value; raises a :class:`LiveblocksError` on any failure."""
        request = self.build(call)
        if request.body is not None and not isinstance(request.body, bytes):
            return self.finish(call, (await self._send(request))[0])
        # The common case inline (one coroutine less per call): a body that needs no
        # rewinding, and an answer that needs no retry.
        started = time.perf_counter()
        try:
            response = await self.transport.send(request)
        except APIConnectionError as exc:
            return self.finish(call, (await self._send(request, failure=exc))[0])
        _log(request, response, started)
        if response.status >= 400 and self.options.max_retries:
            response = (await self._send(request, first=response))[0]
        return self.finish(call, response)

    async def execute_raw(self, call: Call[T]) -> RawResponse[T]:
        """The call's status, headers and decoded value."""
        started = time.perf_counter()
        response, attempts = await self.send(call)
        return self.raw(call, response, self.finish(call, response), started, attempts)

    async def send(self, call: Call[Any]) -> tuple[Response, int]:
        """Send with retries: the last answer (any status) and the number of attempts."""
        return await self._send(self.build(call))

    async def _send(
        self,
        request: Request,
        first: Response | None = None,
        failure: APIConnectionError | None = None,
    ) -> tuple[Response, int]:
        """The retry loop; ``first`` / ``failure``: the outcome of an attempt already made."""
        start = _stream_start(request)
        attempt = 0
        while True:
            started = time.perf_counter()
            logged = False
            try:
                if failure is not None:
                    error, failure = failure, None
                    raise error
                if first is not None:
                    response, first, logged = first, None, True  # execute() logged it
                else:
                    response = await self.transport.send(request)
            except APIConnectionError as exc:
                delay = self.retry_after_failure(request, exc, attempt, start)
                if delay is None:
                    raise
            else:
                if not logged:
                    _log(request, response, started)
                if response.status < 400:
                    return response, attempt + 1
                delay = self.retry_after_status(request, response, attempt, start)
                if delay is None:
                    return response, attempt + 1
            await _sleep(delay)
            attempt += 1

    def paginate(self, spec: PageSpec[Any, T]) -> AsyncPager[T]:
        from ._pagination import AsyncPager

        return AsyncPager(self, spec)

    def with_options(self, options: ClientOptions) -> AsyncRequester:
        return AsyncRequester(options, self.transport)


async def _sleep(delay: float) -> None:
    # asyncio is imported on the first retry only: sync programs never pay for it.
    import asyncio

    await asyncio.sleep(delay)
