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

from collections.abc import Callable, Coroutine, Generator, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

from .types import Unset

if TYPE_CHECKING:
    from ._pagination import AsyncPager, Page, PageSpec, SyncPager
    from ._response import RawResponse
    from ._transports._base import RequestBody, Response

P = ParamSpec("P")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
U = TypeVar("U")

__all__ = [
    "AsyncMode",
    "Call",
    "Resource",
    "Steps",
    "SyncMode",
    "endpoint",
    "multistep",
    "paginated",
]


class SyncMode:
    """Marker: resources bound to :class:`liveblocks.Liveblocks`."""


class AsyncMode:
    """Marker: resources bound to :class:`liveblocks.AsyncLiveblocks`."""


M = TypeVar("M", SyncMode, AsyncMode)

QueryItems = Sequence[tuple[str, str]]


class Call(Generic[T_co]):
    """A request to make and how to turn its response into a value. No I/O."""

    __slots__ = ("body", "content_type", "decode", "method", "path", "query")

    def __init__(
        self,
        method: str,
        path: str,
        decode: Callable[[Response], T_co],
        *,
        query: QueryItems = (),
        body: RequestBody = None,
        content_type: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.decode = decode
        self.query = query
        self.body = body
        self.content_type = content_type

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
        )

    def __repr__(self) -> str:
        return f"<Call {self.method} {self.path}>"


#: An operation made of several requests: a generator that yields each :class:`Call`,
#: receives its decoded value (or has its error thrown in), and returns the result.
#: Written once, it runs on both clients.
Steps = Generator[Call[Any], Any, T]


class Requester(Protocol):
    """What a resource needs from its client: run a call, or page through a list."""

    is_async: bool

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
        requester = self._obj._requester
        steps = self._fn(self._obj, *args, **kwargs)
        if requester.is_async:
            return _drive_async(requester, steps, False)
        return _drive_sync(requester, steps, False)

    def raw(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        """Run every request; return the last answer's status and headers with the result
        as ``parsed`` (``attempts`` and ``elapsed`` count every request)."""
        requester = self._obj._requester
        steps = self._fn(self._obj, *args, **kwargs)
        if requester.is_async:
            return _drive_async(requester, steps, True)
        return _drive_sync(requester, steps, True)


def _drive_sync(requester: Requester, steps: Steps[T], raw: bool) -> Any:
    from .errors import LiveblocksError

    run = requester.execute_raw if raw else requester.execute
    answers = _Answers(raw)
    value: Any = None
    error: LiveblocksError | None = None
    while True:
        try:
            call = steps.send(value) if error is None else steps.throw(error)
        except StopIteration as stop:
            return answers.result(stop.value)
        try:
            value, error = answers.value(run(call)), None
        except LiveblocksError as exc:
            value, error = None, exc


async def _drive_async(requester: Requester, steps: Steps[T], raw: bool) -> Any:
    from .errors import LiveblocksError

    run = requester.execute_raw if raw else requester.execute
    answers = _Answers(raw)
    value: Any = None
    error: LiveblocksError | None = None
    while True:
        try:
            call = steps.send(value) if error is None else steps.throw(error)
        except StopIteration as stop:
            return answers.result(stop.value)
        try:
            value, error = answers.value(await run(call)), None
        except LiveblocksError as exc:
            value, error = None, exc


class _Answers:
    """What a multistep call's ``.raw`` reports: the last answer, every attempt."""

    __slots__ = ("attempts", "last", "raw", "started")

    def __init__(self, raw: bool) -> None:
        import time

        self.raw = raw
        self.last: Any = None
        self.attempts = 0
        self.started = time.perf_counter() if raw else 0.0

    def value(self, answer: Any) -> Any:
        if not self.raw:
            return answer
        self.last = answer
        self.attempts += answer.attempts
        return answer.parsed

    def result(self, value: Any) -> Any:
        if not self.raw:
            return value
        import time

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
            items.append((key, ",".join(str(v) for v in value)))
        else:
            items.append((key, str(value)))
    return items
