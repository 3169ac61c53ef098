"""What a call is: one definition per endpoint, described without I/O, run sync or async.

An endpoint is a method that only *describes* a request: it returns a :class:`Call`
(method, path, query, body, and how to decode the answer) and performs no I/O. The
:func:`endpoint` decorator turns it into a descriptor; reading it from a resource bound
to the sync client gives a callable that returns the decoded value, and from a resource
bound to the async client a callable that returns a coroutine of it. Each resource class
is generic in the client's mode, so mypy sees ``Room`` in one case and
``Coroutine[..., Room]`` in the other, from a single definition.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Generator, Iterator, Mapping, Sequence
from enum import Enum
from types import MappingProxyType
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Concatenate,
    Generic,
    ParamSpec,
    Protocol,
    TypeVar,
    Union,
    overload,
)

from ._describe import Described
from ._paths import check_segment, fill_path, joined_ids
from .types import Unset

if TYPE_CHECKING:
    from functools import cached_property

    from ._pagination import AsyncPager, SyncPager
    from ._requester import ClientOptions
    from ._response import RawResponse
    from .transports._base import BodySink, RequestBody, Response

P = ParamSpec("P")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
U = TypeVar("U")
PageT = TypeVar("PageT")

__all__ = [
    "AsyncMode",
    "Await",
    "Call",
    "Page",
    "PageSpec",
    "Parallel",
    "Pause",
    "Resource",
    "Steps",
    "SyncMode",
    "cached_property",
    "endpoint",
    "first_page_call",
    "multistep",
    "paginated",
]


class SyncMode:
    """Marker: resources bound to :class:`liveblocks.Liveblocks`."""


class AsyncMode:
    """Marker: resources bound to :class:`liveblocks.AsyncLiveblocks`."""


M = TypeVar("M", SyncMode, AsyncMode)

QueryItems = Sequence[tuple[str, str]]


if not TYPE_CHECKING:

    class cached_property:  # noqa: N801 - functools' name, for type checkers too
        """``functools.cached_property`` without its lock (Python 3.11 takes a lock on
        every first access): a child resource (``rooms[id].storage``) is made the first
        time it is asked for and kept on the node; two threads making it at once would
        only make two equal nodes. Type checkers see functools' own."""

        def __init__(self, make: Callable[[Any], Any]) -> None:
            self._make = make
            self._name = make.__name__
            self.__doc__ = make.__doc__

        def __set_name__(self, owner: type, name: str) -> None:
            self._name = name

        def __get__(self, node: Any, owner: type | None = None) -> Any:
            if node is None:
                return self
            value = self._make(node)
            node.__dict__[self._name] = value
            return value


class Call(Generic[T_co]):
    """A request to make and how to turn its response into a value. No I/O.

    ``path_template`` is the endpoint's path as the API reference writes it
    (``"/v2/rooms/{room_id}/storage"``), ``path`` the same filled in; the template names
    the operation the call is. ``url`` (absolute) replaces the client's base URL and
    ``path`` (which then only names the request in logs and errors), for a URL the API
    handed out, such as a file's download URL; ``authorized=False`` sends no secret with
    it. ``sink`` receives a 2xx answer's body as it arrives instead of holding it in
    memory.
    """

    __slots__ = (
        "authorized",
        "body",
        "content_type",
        "decode",
        "method",
        "path",
        "path_template",
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
        path_template: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.path_template = path_template
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
            path_template=self.path_template,
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


class PageSpec(Generic[PageT, T]):
    """How to fetch one page from a cursor, and read its items and next cursor."""

    __slots__ = ("fetch", "items", "next_cursor", "start")

    def __init__(
        self,
        fetch: Callable[[str | None], Call[PageT]],
        items: Callable[[PageT], Sequence[T]],
        next_cursor: Callable[[PageT], str | None],
        start: str | None = None,
    ) -> None:
        self.fetch = fetch
        self.items = items
        self.next_cursor = next_cursor
        self.start = start


class Page(Generic[T]):
    """One page: its items in ``data`` (the name the API's page models use), and the
    ``next_cursor`` to resume from (``None`` at the end). ``items`` is the same list."""

    __slots__ = ("cursor", "data", "next_cursor")

    def __init__(self, data: Sequence[T], next_cursor: str | None, cursor: str | None) -> None:
        self.data = data
        self.next_cursor = next_cursor
        self.cursor = cursor

    @property
    def items(self) -> Sequence[T]:
        """The page's items (``data``)."""
        return self.data

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"<Page of {len(self.data)} items, next_cursor={self.next_cursor!r}>"


def first_page_call(spec: PageSpec[Any, T]) -> Call[Page[T]]:
    """The request for the first page of a listing, decoding to a :class:`Page`."""
    start = spec.start
    items, next_cursor = spec.items, spec.next_cursor

    def page(answer: Any) -> Page[T]:
        return Page(items(answer), next_cursor(answer), start)

    return spec.fetch(start).map(page)


class Requester(Protocol):
    """What a resource needs from its client: run a call, or page through a list."""

    is_async: bool
    options: ClientOptions

    def execute(self, call: Call[T]) -> Any: ...

    def execute_raw(self, call: Call[T]) -> Any: ...

    def paginate(self, spec: PageSpec[Any, Any]) -> Any: ...

    def run_steps(self, steps: Steps[Any], raw: bool = False) -> Any: ...


class Resource(Generic[M]):
    """A node of the resource tree: the ids it is bound to (``room_id``, ``thread_id``,
    ...), no request until a method is called. Each endpoint method states its path
    template and fills it in with these ids."""

    __slots__ = ("__dict__", "_ids", "_requester")

    #: This node's own path, as a template of its ids (shown filled in by its repr).
    path_template: ClassVar[str] = ""

    def __init__(self, requester: Requester, ids: Mapping[str, str] | None = None) -> None:
        self._requester = requester
        self._ids = {} if ids is None else ids  # a plain dict: children copy it

    @property
    def ids(self) -> Mapping[str, str]:
        """The ids this node is bound to, by placeholder name: ``{"room_id": "r"}``."""
        return MappingProxyType(self._ids)

    def _bind(self, name: str, value: str) -> dict[str, str]:
        """This node's ids and one more (checked now, so a bad id fails before any request)."""
        if type(value) is not str or not value:
            check_segment(value, name)
        return {**self._ids, name: value}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {fill_path(self.path_template, self._ids) or '/'}>"


class _BoundMethod(Described):
    """An API method bound to one resource: what ``client.rooms.create`` is."""

    __slots__ = ("_fn", "_obj")
    _obj: Resource[Any]

    def _is_async(self) -> bool:
        return bool(self._obj._requester.is_async)

    def __get__(self, obj: object, owner: type[Any] | None = None) -> Any:
        return self  # a method descriptor, as inspect and pydoc expect of a bound method

    def __repr__(self) -> str:
        return f"<bound method {self._fn.__qualname__} of {self._obj!r}>"


class _Bound(_BoundMethod, Generic[P, T]):
    # An endpoint bound to one resource; calling it runs the request.

    __slots__ = ()
    _fn: Callable[Concatenate[Any, P], Call[T]]

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


class _PagedBound(_BoundMethod, Generic[P, T]):
    __slots__ = ()
    _kind = "pages"

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


class _Decorator(Described):
    """What the endpoint decorators share: read from a class (``Liveblocks.create_room``),
    they show the method's parameters and can be called with the instance first."""

    __slots__ = ()

    def __call__(self, obj: Resource[Any], *args: Any, **kwargs: Any) -> Any:
        return self.__get__(obj, type(obj))(*args, **kwargs)


class endpoint(_Decorator, Generic[P, T]):  # noqa: N801 - used as a decorator
    """Decorator: a method returning a :class:`Call` becomes a sync or async API method."""

    def __init__(self, fn: Callable[Concatenate[Any, P], Call[T]]) -> None:
        self._fn = fn

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


class paginated(_Decorator, Generic[P, T]):  # noqa: N801 - used as a decorator
    """Decorator: a method returning a :class:`PageSpec` becomes a lazy iterator over items."""

    _kind = "pages"

    def __init__(self, fn: Callable[Concatenate[Any, P], PageSpec[Any, T]]) -> None:
        self._fn = fn

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


class _StepsBound(_BoundMethod, Generic[P, T]):
    __slots__ = ()
    _kind = "steps"

    def __init__(self, fn: Callable[Concatenate[Any, P], Steps[T]], obj: Resource[Any]) -> None:
        self._fn = fn
        self._obj = obj

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        return self._obj._requester.run_steps(self._fn(self._obj, *args, **kwargs))

    def raw(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        """Run every request; return the last answer's status and headers with the result
        as ``parsed`` (``attempts`` and ``elapsed`` count every request)."""
        return self._obj._requester.run_steps(self._fn(self._obj, *args, **kwargs), raw=True)


if TYPE_CHECKING:

    class SyncStepsEndpoint(Protocol[P, T_co]):
        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T_co: ...

        def raw(self, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T_co]: ...

    class AsyncStepsEndpoint(Protocol[P, T_co]):
        def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Coroutine[Any, Any, T_co]: ...

        def raw(
            self, *args: P.args, **kwargs: P.kwargs
        ) -> Coroutine[Any, Any, RawResponse[T_co]]: ...


class multistep(_Decorator, Generic[P, T]):  # noqa: N801 - used as a decorator
    """Decorator: a generator method yielding several :class:`Call` s becomes one API method
    (sync or async), e.g. "delete, then initialize"."""

    _kind = "steps"

    def __init__(self, fn: Callable[Concatenate[Any, P], Steps[T]]) -> None:
        self._fn = fn

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
