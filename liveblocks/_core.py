"""The mechanism behind both clients: one definition per endpoint, run sync or async.

An endpoint is a method that only *describes* a request: it returns a :class:`Call`
(method, path, query, body, and how to decode the answer) and performs no I/O. The
:func:`endpoint` decorator turns it into a descriptor; reading it from a resource bound
to the sync client gives a callable that returns the decoded value, and from a resource
bound to the async client a callable that returns a coroutine of it. Each resource class
is generic in the client's mode, so mypy sees ``Room`` in one case and
``Coroutine[..., Room]`` in the other, from a single definition.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Coroutine, Generator, Iterator, Mapping, Sequence
from enum import Enum
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    Protocol,
    TypeVar,
    Union,
    overload,
)

from ._encoding import joined_ids
from .types import Unset

if TYPE_CHECKING:
    from ._pagination import AsyncPager, Page, PageSpec, SyncPager
    from ._requester import ClientOptions
    from ._response import RawResponse
    from ._transports._base import BodySink, RequestBody, Response

P = ParamSpec("P")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
U = TypeVar("U")

__all__ = [
    "AsyncMode",
    "Await",
    "Call",
    "Parallel",
    "Pause",
    "Resource",
    "Steps",
    "SyncMode",
    "endpoint",
    "multistep",
    "paginated",
    "run_steps",
]


class SyncMode:
    """Marker: resources bound to :class:`liveblocks.Liveblocks`."""


class AsyncMode:
    """Marker: resources bound to :class:`liveblocks.AsyncLiveblocks`."""


M = TypeVar("M", SyncMode, AsyncMode)

QueryItems = Sequence[tuple[str, str]]


class Call(Generic[T_co]):
    """A request to make and how to turn its response into a value. No I/O.

    ``url`` (absolute) replaces the client's base URL and ``path`` (which then only names
    the request in logs and errors), for a URL the API handed out, such as a file's
    download URL; ``authorized=False`` sends no secret with it. ``sink`` receives a 2xx
    answer's body as it arrives instead of holding it in memory.
    """

    __slots__ = (
        "authorized",
        "body",
        "content_type",
        "decode",
        "method",
        "path",
        "query",
        "sink",
        "url",
    )

    def __init__(
        self,
        method: str,
        path: str,
        decode: Callable[[Response], T_co],
        *,
        query: QueryItems = (),
        body: RequestBody = None,
        content_type: str | None = None,
        url: str | None = None,
        authorized: bool = True,
        sink: BodySink | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.decode = decode
        self.query = query
        self.body = body
        self.content_type = content_type
        self.url = url
        self.authorized = authorized
        self.sink = sink

    def map(self, fn: Callable[[T_co], U]) -> Call[U]:
        """The same request, its decoded value passed through ``fn``."""
        decode = self.decode

        def mapped(response: Response) -> U:
            return fn(decode(response))

        return Call(
            self.method,
            self.path,
            mapped,
            query=self.query,
            body=self.body,
            content_type=self.content_type,
            url=self.url,
            authorized=self.authorized,
            sink=self.sink,
        )

    def __repr__(self) -> str:
        return f"<Call {self.method} {self.path}>"


class Parallel(Generic[T_co]):
    """A step of a multi-request operation: the calls of ``calls``, at most ``limit`` in
    flight at once; its value is the list of their values, in the order of ``calls``.

    A call is taken from ``calls`` only when a slot is free (so a part of a file is read
    just before it is sent). ``on_done(index, value)`` runs as each call succeeds. On the
    first failure no further call is started, those in flight are stopped or awaited, and
    that error is thrown into the operation.
    """

    __slots__ = ("calls", "limit", "on_done")

    def __init__(
        self,
        calls: Iterator[Call[T_co]],
        limit: int,
        on_done: Callable[[int, Any], None] | None = None,
    ) -> None:
        self.calls = calls
        self.limit = limit
        self.on_done = on_done

    def __repr__(self) -> str:
        return f"<Parallel, {self.limit} at a time>"


class Await:
    """A step of a multi-request operation on the async client: an awaitable made by the
    caller's code (e.g. the coroutine of a callback), awaited between two requests; its
    value is sent back into the operation, its error thrown in."""

    __slots__ = ("awaitable",)

    def __init__(self, awaitable: Awaitable[Any]) -> None:
        self.awaitable = awaitable

    def __repr__(self) -> str:
        return f"<Await {self.awaitable!r}>"


class Pause:
    """A step of a multistep operation: wait ``seconds`` before the next call (a backoff
    between two attempts); the generator receives ``None``."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __repr__(self) -> str:
        return f"<Pause {self.seconds:.3f}s>"


#: An operation made of several requests: a generator that yields each :class:`Call` (or
#: a :class:`Parallel` set of them, a :class:`Pause`, or on the async client an
#: :class:`Await`), receives its decoded value (or has its error thrown in), and returns
#: the result. Written once, it runs on both clients.
Steps = Generator[Union[Call[Any], Parallel[Any], Pause, Await], Any, T]


class Requester(Protocol):
    """What a resource needs from its client: run a call, or page through a list."""

    is_async: bool
    options: ClientOptions

    def execute(self, call: Call[T]) -> Any: ...

    def execute_raw(self, call: Call[T]) -> Any: ...

    def paginate(self, spec: PageSpec[Any, Any]) -> Any: ...


class Resource(Generic[M]):
    """A node of the resource tree: a bound path, no request until a method is called."""

    __slots__ = ("__dict__", "_path", "_requester")

    def __init__(self, requester: Requester, path: str) -> None:
        self._requester = requester
        self._path = path

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._path or '/'}>"


class _Bound(Generic[P, T]):
    """An endpoint bound to one resource; calling it runs the request."""

    __slots__ = ("_fn", "_obj")

    def __init__(self, fn: Callable[Concatenate[Any, P], Call[T]], obj: Resource[Any]) -> None:
        self._fn = fn
        self._obj = obj

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        return self._obj._requester.execute(self._fn(self._obj, *args, **kwargs))

    def raw(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        """Run the request; return the answer's status and headers with the decoded value."""
        return self._obj._requester.execute_raw(self._fn(self._obj, *args, **kwargs))

    def call(self, *args: P.args, **kwargs: P.kwargs) -> Call[T]:
        """Describe the request without sending it (used by the flat methods)."""
        return self._fn(self._obj, *args, **kwargs)

    def __repr__(self) -> str:
        return f"<endpoint {self._fn.__qualname__} of {self._obj!r}>"


class _PagedBound(Generic[P, T]):
    __slots__ = ("_fn", "_obj")

    def __init__(
        self, fn: Callable[Concatenate[Any, P], PageSpec[Any, T]], obj: Resource[Any]
    ) -> None:
        self._fn = fn
        self._obj = obj

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        return self._obj._requester.paginate(self._fn(self._obj, *args, **kwargs))

    def raw(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        """Fetch the first page (from ``starting_after`` / ``cursor`` if given); return
        its answer's status and headers with the :class:`~liveblocks.Page` as ``parsed``."""
        from ._pagination import first_page_call

        spec = self._fn(self._obj, *args, **kwargs)
        return self._obj._requester.execute_raw(first_page_call(spec))


if TYPE_CHECKING:

    class SyncEndpoint(Protocol[P, T_co]):
        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T_co: ...

        def raw(self, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T_co]: ...

        def call(self, *args: P.args, **kwargs: P.kwargs) -> Call[T_co]: ...

    class AsyncEndpoint(Protocol[P, T_co]):
        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Coroutine[Any, Any, T_co]: ...

        def raw(
            self, *args: P.args, **kwargs: P.kwargs
        ) -> Coroutine[Any, Any, RawResponse[T_co]]: ...

        def call(self, *args: P.args, **kwargs: P.kwargs) -> Call[T_co]: ...

    class SyncPagedEndpoint(Protocol[P, T]):
        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> SyncPager[T]: ...

        def raw(self, *args: P.args, **kwargs: P.kwargs) -> RawResponse[Page[T]]: ...

    class AsyncPagedEndpoint(Protocol[P, T]):
        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> AsyncPager[T]: ...

        def raw(
            self, *args: P.args, **kwargs: P.kwargs
        ) -> Coroutine[Any, Any, RawResponse[Page[T]]]: ...


class endpoint(Generic[P, T]):  # noqa: N801 - used as a decorator
    """Decorator: a method returning a :class:`Call` becomes a sync or async API method."""

    def __init__(self, fn: Callable[Concatenate[Any, P], Call[T]]) -> None:
        self._fn = fn
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> endpoint[P, T]: ...

    @overload
    def __get__(self, obj: Resource[SyncMode], owner: type[Any]) -> SyncEndpoint[P, T]: ...

    @overload
    def __get__(self, obj: Resource[AsyncMode], owner: type[Any]) -> AsyncEndpoint[P, T]: ...

    def __get__(self, obj: Resource[Any] | None, owner: type[Any]) -> Any:
        if obj is None:
            return self
        return _Bound(self._fn, obj)


class paginated(Generic[P, T]):  # noqa: N801 - used as a decorator
    """Decorator: a method returning a :class:`PageSpec` becomes a lazy iterator over items."""

    def __init__(self, fn: Callable[Concatenate[Any, P], PageSpec[Any, T]]) -> None:
        self._fn = fn
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> paginated[P, T]: ...

    @overload
    def __get__(self, obj: Resource[SyncMode], owner: type[Any]) -> SyncPagedEndpoint[P, T]: ...

    @overload
    def __get__(self, obj: Resource[AsyncMode], owner: type[Any]) -> AsyncPagedEndpoint[P, T]: ...

    def __get__(self, obj: Resource[Any] | None, owner: type[Any]) -> Any:
        if obj is None:
            return self
        return _PagedBound(self._fn, obj)


class _StepsBound(Generic[P, T]):
    __slots__ = ("_fn", "_obj")

    def __init__(self, fn: Callable[Concatenate[Any, P], Steps[T]], obj: Resource[Any]) -> None:
        self._fn = fn
        self._obj = obj

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        return run_steps(self._obj._requester, self._fn(self._obj, *args, **kwargs))

    def raw(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        """Run every request; return the last answer's status and headers with the result
        as ``parsed`` (``attempts`` and ``elapsed`` count every request)."""
        return run_steps(self._obj._requester, self._fn(self._obj, *args, **kwargs), raw=True)


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
                from ._parallel import run_parallel_sync

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
                from ._parallel import run_parallel_async

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
        from ._response import RawResponse

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


if TYPE_CHECKING:

    class SyncStepsEndpoint(Protocol[P, T_co]):
        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T_co: ...

        def raw(self, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T_co]: ...

    class AsyncStepsEndpoint(Protocol[P, T_co]):
        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Coroutine[Any, Any, T_co]: ...

        def raw(
            self, *args: P.args, **kwargs: P.kwargs
        ) -> Coroutine[Any, Any, RawResponse[T_co]]: ...


class multistep(Generic[P, T]):  # noqa: N801 - used as a decorator
    """Decorator: a generator method yielding several :class:`Call` s becomes one API method
    (sync or async), e.g. "delete, then initialize"."""

    def __init__(self, fn: Callable[Concatenate[Any, P], Steps[T]]) -> None:
        self._fn = fn
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> multistep[P, T]: ...

    @overload
    def __get__(self, obj: Resource[SyncMode], owner: type[Any]) -> SyncStepsEndpoint[P, T]: ...

    @overload
    def __get__(self, obj: Resource[AsyncMode], owner: type[Any]) -> AsyncStepsEndpoint[P, T]: ...

    def __get__(self, obj: Resource[Any] | None, owner: type[Any]) -> Any:
        if obj is None:
            return self
        return _StepsBound(self._fn, obj)


def query_items(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """Wire query parameters: drop unset/None values, booleans as ``true``/``false``."""
    items: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None or isinstance(value, Unset):
            continue
        if isinstance(value, Enum):
            value = value.value
        if isinstance(value, bool):
            items.append((key, "true" if value else "false"))
        elif isinstance(value, str):
            items.append((key, value))
        elif isinstance(value, (list, tuple)):
            items.append((key, joined_ids(value, key)))
        else:
            items.append((key, str(value)))
    return items
