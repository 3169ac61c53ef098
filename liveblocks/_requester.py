"""How a call runs: builds the HTTP request, sends it with retries, maps errors, decodes;
drives multi-request operations (:data:`~liveblocks._call.Steps`) on either client.

Everything that does no I/O lives in :class:`_RequesterBase`; the sync and async
requesters differ only in their small send loops.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable, Coroutine, Mapping
from typing import IO, TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

import msgspec

from . import _body, _retry
from ._call import Await, Call, Parallel, Pause, Requester, Steps
from ._checks import check_int
from ._pagination import AsyncPager, PageSpec, SyncPager
from ._parallel import run_parallel_async, run_parallel_sync
from ._response import RawResponse
from .errors import (
    APIConnectionError,
    APITimeoutError,
    LiveblocksError,
    ResponseDecodeError,
    ResponseTooLargeError,
    error_from_response,
)
from .transports._base import (
    METHODS_WITH_BODY,
    AsyncTransport,
    Request,
    Response,
    SyncTransport,
    Timeout,
)
from .transports._urls import redact, repeats_query

if TYPE_CHECKING:
    from ._rate import RequestBudget

T = TypeVar("T")

logger = logging.getLogger("liveblocks")

__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "AsyncRequester",
    "ClientOptions",
    "SyncRequester",
    "run_steps",
]

#: The largest answer body a client keeps in memory by default (512 MiB, decompressed).
DEFAULT_MAX_RESPONSE_SIZE = 512 * 2**20

#: Errors a decoder raises on an answer it cannot read (``RecursionError``: nested too
#: deep; the others: values of an unexpected shape).
_UNREADABLE = (msgspec.MsgspecError, RecursionError, ValueError, TypeError, KeyError, IndexError)

# What a key's fingerprint is an HMAC of. Exports record fingerprints made with it, and a
# resumed export compares them: changing it would make every earlier export unresumable.
_FINGERPRINT_TEXT = b"liveblocks-export source"


class ClientOptions:
    """A client's settings. The secret lives only in the prepared headers, never in a repr."""

    __slots__ = ("base_url", "budget", "headers", "max_response_size", "max_retries", "timeout")

    def __init__(
        self,
        base_url: str,
        headers: Mapping[str, str],
        timeout: Timeout | None,
        max_retries: int,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        budget: RequestBudget | None = None,
    ) -> None:
        self.base_url = base_url
        self.headers = headers
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_response_size = max_response_size
        #: The requests-per-second budget every attempt takes a token from; None: none.
        self.budget = budget

    @property
    def max_requests_per_second(self) -> float | None:
        return self.budget.rate if self.budget is not None else None

    def replace(
        self,
        *,
        timeout: Any = ...,
        max_retries: Any = ...,
        max_response_size: Any = ...,
        max_requests_per_second: Any = ...,
    ) -> ClientOptions:
        """Other settings; the budget is shared unless ``max_requests_per_second`` is given."""
        return ClientOptions(
            self.base_url,
            self.headers,
            self.timeout if timeout is ... else Timeout.of(timeout),
            self.max_retries if max_retries is ... else check_max_retries(max_retries),
            self.max_response_size
            if max_response_size is ...
            else check_max_response_size(max_response_size),
            self.budget
            if max_requests_per_second is ...
            else request_budget(max_requests_per_second),
        )

    def key_fingerprint(self) -> str:
        """16 hex digits that tell two secret keys apart and reveal nothing of either: an
        HMAC-SHA256 of a fixed text, keyed with the secret."""
        secret = self.headers.get("Authorization", "").removeprefix("Bearer ").encode()
        return hmac.new(secret, _FINGERPRINT_TEXT, hashlib.sha256).hexdigest()[:16]

    def __repr__(self) -> str:
        return (
            f"ClientOptions(base_url={self.base_url!r}, timeout={self.timeout!r}, "
            f"max_retries={self.max_retries!r}, max_response_size={self.max_response_size!r}, "
            f"max_requests_per_second={self.max_requests_per_second!r})"
        )


def request_budget(max_requests_per_second: object) -> RequestBudget | None:
    """A new budget of ``max_requests_per_second`` (checked); None for None."""
    if max_requests_per_second is None:
        return None  # no budget: its module is never loaded
    from ._rate import RequestBudget, check_max_requests_per_second

    rate = check_max_requests_per_second(max_requests_per_second)
    return RequestBudget(rate) if rate is not None else None


def check_max_retries(value: object) -> int:
    return check_int(value, "max_retries", minimum=0, type_error=ValueError)


def check_max_response_size(value: object) -> int:
    """A number of bytes >= 1 (the default is :data:`DEFAULT_MAX_RESPONSE_SIZE`)."""
    return check_int(value, "max_response_size (bytes)", minimum=1, type_error=ValueError)


class _RequesterBase:
    """Everything about sending a call that does no network I/O: building the request,
    deciding whether and when to send it again, mapping the answer to a value or an error.
    The two send loops below only call these in order."""

    __slots__ = ("_anonymous_headers", "_bodyless_headers", "_headers_by_type", "options")

    def __init__(self, options: ClientOptions) -> None:
        self.options = options
        self._headers_by_type: dict[str | None, Mapping[str, str]] = {None: options.headers}
        # A POST, PUT or PATCH without a body says so: some proxies refuse one without
        # a length.
        self._bodyless_headers = {**options.headers, "Content-Length": "0"}
        # For URLs the API hands out (a file's download URL): never the secret.
        self._anonymous_headers = {
            k: v for k, v in options.headers.items() if k.lower() not in ("authorization", "accept")
        }

    def _headers(self, call: Call[Any]) -> Mapping[str, str]:
        if not call.authorized:
            return self._anonymous_headers
        if call.body is None:
            if call.method in METHODS_WITH_BODY:
                return self._bodyless_headers
            return self.options.headers
        content_type = call.content_type
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
        body = call.body
        return Request(
            call.method,
            url,
            self._headers(call),
            body if body is None or type(body) is bytes else _body.check_body(body),
            self.options.timeout,
            call.path,
            call.sink,
            self.options.max_response_size,
        )

    def deadline(self) -> float | None:
        """When the call must be over (``time.monotonic()``), if the timeout has a total."""
        timeout = self.options.timeout
        if timeout is None or timeout.total is None:
            return None
        return time.monotonic() + timeout.total

    def bound_attempt(self, request: Request, deadline: float, attempts: int) -> None:
        """Give the next attempt what remains of the total; raise if nothing does."""
        remaining = deadline - time.monotonic()
        timeout = self.options.timeout
        if remaining <= 0 or timeout is None:
            raise self.out_of_time(request, attempts)
        request.timeout = timeout.within(remaining)

    def out_of_time(
        self, request: Request, attempts: int, cause: BaseException | None = None
    ) -> APITimeoutError:
        total = self.options.timeout.total if self.options.timeout is not None else None
        tried = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        error = APITimeoutError(
            f"The call could not finish within its total timeout of {total} s ({tried})",
            method=request.method,
            path=request.path,
        )
        error.__cause__ = cause
        error.record_attempts(attempts, None)
        return error

    def finish(self, call: Call[T], response: Response) -> T:
        """The decoded value of a 2xx answer; the right error for anything else."""
        status = response.status
        limit = self.options.max_response_size
        if len(response.body) > limit and (call.sink is None or not 200 <= status < 300):
            # A transport that does not cap (one of your own) kept more than allowed.
            raise ResponseTooLargeError(limit, status, method=call.method, path=call.path)
        if status >= 300 or status < 200:
            raise error_from_response(
                status,
                response.headers,
                response.body,
                method=call.method,
                path=call.path,
                url=self.url_of(call),
            )
        if call.sink is not None and response.body:
            # A transport that does not stream handed back the whole body.
            call.sink.write(response.body)
        try:
            return call.decode(response)
        except LiveblocksError:
            raise
        except _UNREADABLE as exc:
            reason = "it is nested too deep" if isinstance(exc, RecursionError) else exc
            raise ResponseDecodeError(
                f"The server's answer does not match the API: {reason}",
                status,
                method=call.method,
                path=call.path,
                headers=response.headers,
                body=response.body,
            ) from exc

    def url_of(self, call: Call[Any]) -> str:
        """The call's full URL without its query (a handed-out URL's query is secret)."""
        if call.url is not None:
            return call.url.split("?", 1)[0]
        return self.options.base_url + call.path

    def result(
        self, call: Call[T], response: Response, raw: bool, started: float, attempts: int
    ) -> Any:
        """The value, or with ``raw`` the whole answer around it."""
        try:
            value = self.finish(call, response)
        except LiveblocksError as error:
            error.record_attempts(attempts, time.perf_counter() - started)
            raise
        if not raw:
            return value
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
        self,
        request: Request,
        response: Response,
        attempt: int,
        start: int,
        deadline: float | None,
    ) -> float | None:
        """Seconds to wait before sending again after this answer; None: do not retry."""
        if attempt >= self.options.max_retries:
            return None
        if not _retry.is_retryable_status(request.method, response.status):
            return None
        delay = _retry.retry_delay(attempt, response.headers)
        if not self._time_left(request, delay, deadline, f"status {response.status}"):
            return None
        if not _rewind(request, start):
            return None
        asked = response.headers.get("retry-after")
        logger.info(
            "retrying %s %s in %.2f s: attempt %d of %d got status %s%s",
            request.method,
            request.path,
            delay,
            attempt + 1,
            self.options.max_retries + 1,
            response.status,
            f" (Retry-After: {asked[:40]})" if asked else "",
        )
        return delay

    def retry_after_failure(
        self,
        request: Request,
        error: APIConnectionError,
        attempt: int,
        start: int,
        deadline: float | None,
    ) -> float | None:
        """Seconds to wait before sending again after a failure; None: do not retry (and
        the total timeout's error when it leaves no time for another attempt)."""
        delay = 0.0
        if attempt >= self.options.max_retries:
            reason = "no retries left" if self.options.max_retries else "retries disabled"
        elif not _retry.is_retryable_failure(request.method):
            reason = f"{request.method} is not safe to replay"
        elif not self._time_left(
            request, delay := _retry.retry_delay(attempt), deadline, type(error).__name__
        ):
            raise self.out_of_time(request, attempt + 1, error)
        elif not _rewind(request, start):
            reason = "the body cannot be sent again"
        else:
            logger.info(
                "retrying %s %s in %.2f s: attempt %d of %d failed: %s: %s",
                request.method,
                request.path,
                delay,
                attempt + 1,
                self.options.max_retries + 1,
                type(error).__name__,
                error.message,
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

    def _time_left(
        self, request: Request, delay: float, deadline: float | None, outcome: str
    ) -> bool:
        """Whether the total timeout leaves room for a wait of ``delay`` and one more try."""
        if deadline is None or time.monotonic() + delay < deadline:
            return True
        logger.debug(
            "%s %s: not retrying after %s: the total timeout leaves no time to wait %.2fs",
            request.method,
            request.path,
            outcome,
            delay,
        )
        return False

    def failed(
        self,
        request: Request,
        error: APIConnectionError,
        deadline: float | None,
        attempts: int,
        started: float,
    ) -> APIConnectionError:
        """The error to raise for a failure that is not retried (with its attempts)."""
        if (
            deadline is not None
            and isinstance(error, APITimeoutError)
            and time.monotonic() >= deadline - 0.001
        ):
            error = self.out_of_time(request, attempts, error)
        error.record_attempts(attempts, time.perf_counter() - started)
        return error


def hide_query(error: LiveblocksError, url: str) -> None:
    """Take the query of a URL the API handed out (a signed download URL) out of an error
    about it: out of its message, and its cause out of tracebacks when that repeats it
    (still there as ``__context__``)."""
    shown = redact(error.message, url)
    if shown != error.message:
        error.message = shown
        error.args = (shown, *error.args[1:])
        error.refresh_note()
    cause = error.__cause__ or error.__context__
    if cause is not None and repeats_query(cause, url):
        error.__cause__ = None
        error.__suppress_context__ = True


def _rewind(request: Request, start: int) -> bool:
    """Make a streamed body readable from its start again (and the sink empty) for a
    retry; False if it cannot be."""
    if request.sink is not None and not request.sink.restart():
        return False
    body = request.body
    if body is None or isinstance(body, (bytes, bytearray, memoryview)):
        return True
    return _body.rewind(body, start)


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
        result: T = self._run(call, False)
        return result

    def execute_raw(self, call: Call[T]) -> RawResponse[T]:
        """The call's status, headers and decoded value."""
        result: RawResponse[T] = self._run(call, True)
        return result

    def _run(self, call: Call[Any], raw: bool) -> Any:
        """The send loop: attempts, waits, then the value (or the raw answer)."""
        request = self.build(call)
        started = time.perf_counter()
        start = 0
        body = request.body
        if body is not None and not isinstance(body, (bytes, bytearray, memoryview)):
            found = _body.stream_start(body)
            start = 0 if found is None else found
            if found is None:  # a one-way stream: sent from a copy that can be replayed
                request.body = _body.spool(body)
        deadline = self.deadline()
        attempt = 0
        budget = self.options.budget
        while True:
            if budget is not None:
                budget.wait()
            if deadline is not None:
                self.bound_attempt(request, deadline, attempt)
            sent = time.perf_counter()
            try:
                response = self.transport.send(request)
            except APIConnectionError as exc:
                if call.url is not None:
                    hide_query(exc, call.url)
                delay = self.retry_after_failure(request, exc, attempt, start, deadline)
                if delay is None:
                    error = self.failed(request, exc, deadline, attempt + 1, started)
                    if error is exc:
                        raise
                    raise error from exc
            else:
                _log(request, response, sent)
                if response.status < 400:
                    break
                delay = self.retry_after_status(request, response, attempt, start, deadline)
                if delay is None:
                    break
            time.sleep(delay)
            attempt += 1
        return self.result(call, response, raw, started, attempt + 1)

    def paginate(self, spec: PageSpec[Any, T]) -> SyncPager[T]:
        return SyncPager(self, spec)

    def run_steps(self, steps: Steps[T], raw: bool = False) -> Any:
        """Run a multi-request operation; with ``raw``, its :class:`RawResponse`."""
        return _drive_sync(self, steps, raw)

    def with_options(self, options: ClientOptions) -> SyncRequester:
        return SyncRequester(options, self.transport)


class AsyncRequester(_RequesterBase):
    """Runs calls for :class:`liveblocks.AsyncLiveblocks`."""

    is_async = True

    __slots__ = ("transport",)

    def __init__(self, options: ClientOptions, transport: AsyncTransport) -> None:
        super().__init__(options)
        self.transport = transport

    def execute(self, call: Call[T]) -> Coroutine[Any, Any, T]:
        """The call's decoded value; raises a :class:`LiveblocksError` on any failure."""
        # The loop's own coroutine, not one wrapped in another: one frame less per call.
        return self._run(call, False)

    def execute_raw(self, call: Call[T]) -> Coroutine[Any, Any, RawResponse[T]]:
        """The call's status, headers and decoded value."""
        return self._run(call, True)

    async def _run(self, call: Call[Any], raw: bool) -> Any:
        """The send loop: attempts, waits, then the value (or the raw answer)."""
        request = self.build(call)
        started = time.perf_counter()
        start = 0
        body = request.body
        if body is not None and not isinstance(body, (bytes, bytearray, memoryview)):
            found = _body.stream_start(body)
            start = 0 if found is None else found
            if found is None:  # a one-way stream: sent from a copy that can be replayed
                request.body = await _in_thread(_body.spool, body)
        deadline = self.deadline()
        attempt = 0
        budget = self.options.budget
        while True:
            if budget is not None:
                await budget.wait_async()
            if deadline is not None:
                self.bound_attempt(request, deadline, attempt)
            sent = time.perf_counter()
            try:
                response = await self.transport.send(request)
            except APIConnectionError as exc:
                if call.url is not None:
                    hide_query(exc, call.url)
                delay = self.retry_after_failure(request, exc, attempt, start, deadline)
                if delay is None:
                    error = self.failed(request, exc, deadline, attempt + 1, started)
                    if error is exc:
                        raise
                    raise error from exc
            else:
                _log(request, response, sent)
                if response.status < 400:
                    break
                delay = self.retry_after_status(request, response, attempt, start, deadline)
                if delay is None:
                    break
            await _sleep(delay)
            attempt += 1
        return self.result(call, response, raw, started, attempt + 1)

    def paginate(self, spec: PageSpec[Any, T]) -> AsyncPager[T]:
        return AsyncPager(self, spec)

    def run_steps(self, steps: Steps[T], raw: bool = False) -> Coroutine[Any, Any, Any]:
        """A coroutine running a multi-request operation; with ``raw``, of its
        :class:`RawResponse`."""
        return _drive_async(self, steps, raw)

    def with_options(self, options: ClientOptions) -> AsyncRequester:
        return AsyncRequester(options, self.transport)


def run_steps(requester: Requester, steps: Steps[T], raw: bool = False) -> Any:
    """Run a multi-request operation on a client: its result (sync), or a coroutine of it
    (async); with ``raw``, the last answer's status and headers with the result."""
    if requester.is_async:
        return _drive_async(requester, steps, raw)
    return _drive_sync(requester, steps, raw)


def _drive_sync(requester: Requester, steps: Steps[T], raw: bool) -> Any:
    answers = _Answers(requester, raw)
    value: Any = None
    error: Exception | None = None
    while True:
        try:
            step = steps.send(value) if error is None else steps.throw(error)
        except StopIteration as stop:
            return answers.result(stop.value)
        if isinstance(step, Pause):
            time.sleep(step.seconds)
            value, error = None, None
            continue
        try:
            if isinstance(step, Parallel):
                value, error = run_parallel_sync(answers.requester, step), None
            elif isinstance(step, Await):
                raise TypeError("an awaitable step needs the async client")
            else:
                value, error = answers.requester.execute(step), None
        except Exception as exc:  # thrown into the operation, which may clean up
            value, error = None, exc


async def _drive_async(requester: Requester, steps: Steps[T], raw: bool) -> Any:
    answers = _Answers(requester, raw)
    value: Any = None
    error: Exception | None = None
    while True:
        try:
            step = steps.send(value) if error is None else steps.throw(error)
        except StopIteration as stop:
            return answers.result(stop.value)
        if isinstance(step, Pause):
            import asyncio  # only async programs pay for it

            await asyncio.sleep(step.seconds)
            value, error = None, None
            continue
        try:
            if isinstance(step, Parallel):
                value, error = await run_parallel_async(answers.requester, step), None
            elif isinstance(step, Await):
                value, error = await step.awaitable, None
            else:
                value, error = await answers.requester.execute(step), None
        except Exception as exc:  # thrown into the operation, which may clean up
            value, error = None, exc


class _Answers:
    """What a multistep call's ``.raw`` reports: the last answer, and the attempts of
    every request. ``requester`` runs the steps' calls (counting them when ``raw``)."""

    __slots__ = ("_inner", "attempts", "is_async", "last", "lock", "raw", "requester", "started")

    def __init__(self, requester: Requester, raw: bool) -> None:
        self.raw = raw
        self.requester: Any = self if raw else requester
        self.is_async = requester.is_async
        self._inner = requester
        self.last: Any = None
        self.attempts = 0
        if raw:
            import threading

            self.lock = threading.Lock()  # parallel steps of the sync client use threads
            self.started = time.perf_counter()

    def _count(self, answer: Any) -> Any:
        with self.lock:
            self.last = answer
            self.attempts += answer.attempts
        return answer.parsed

    def execute(self, call: Call[Any]) -> Any:
        if self.is_async:
            return self._execute_async(call)
        return self._count(self._inner.execute_raw(call))

    async def _execute_async(self, call: Call[Any]) -> Any:
        return self._count(await self._inner.execute_raw(call))

    def result(self, value: Any) -> Any:
        if not self.raw:
            return value
        last = self.last
        if last is None:
            raise AssertionError("a multistep call made no request")
        return RawResponse(
            status=last.status,
            headers=last.headers,
            parsed=value,
            content=last.content,
            method=last.method,
            path=last.path,
            elapsed=time.perf_counter() - self.started,
            attempts=self.attempts,
        )


# asyncio is imported on the first retry (or stream body) only: sync programs never pay
# for it.


async def _sleep(delay: float) -> None:
    import asyncio

    await asyncio.sleep(delay)


async def _in_thread(fn: Callable[[IO[bytes]], T], body: IO[bytes]) -> T:
    """Run blocking reads of a stream off the event loop."""
    import asyncio

    return await asyncio.get_running_loop().run_in_executor(None, fn, body)
