"""Every API method shows what it is at run time, on both faces and both clients:
``inspect.signature`` (what IPython's ``?`` and Jupyter's completion read), ``__doc__``,
``__name__``, ``__qualname__``, ``pydoc`` / ``help()``, and ``help(Liveblocks)`` listing the
flat methods with their parameters."""

from __future__ import annotations

import contextlib
import inspect
import pydoc
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, _call
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport, MockTransport
from tests.cases import ALL_CASES, OpCase, current_operations

OPERATIONS = sorted(op["name"] for op in current_operations())
RESOURCE_CASES = {case.op: case for case in ALL_CASES if case.resource is not None}
CLIENTS = [Liveblocks, AsyncLiveblocks]


def _declared(fn: Any) -> list[inspect.Parameter]:
    return list(inspect.signature(fn).parameters.values())[1:]  # without self


def _check_method(method: Any, fn: Any, is_async: bool) -> None:
    signature = inspect.signature(method)
    assert list(signature.parameters.values()) == _declared(fn)
    returns = str(signature.return_annotation)
    assert returns.startswith(("Coroutine[", "AsyncPager[")) is is_async, returns
    assert "Call[" not in returns and "PageSpec[" not in returns and "Steps[" not in returns
    assert method.__doc__ == fn.__doc__ and method.__doc__.strip(), fn.__qualname__
    assert method.__name__ == fn.__name__
    assert method.__qualname__ == fn.__qualname__
    rendered = pydoc.render_doc(method, renderer=pydoc.plaintext)
    assert f"{fn.__name__}({str(signature)[1:]}" in rendered
    assert fn.__doc__.strip().splitlines()[0].strip() in rendered


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", OPERATIONS)
def test_every_flat_method_shows_its_parameters_return_type_and_docstring(
    name: str, client_class: type[Any]
) -> None:
    client = client_class("sk_test_introspection")
    fn = getattr(client_class, name)._fn
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        _check_method(getattr(client, name), fn, client_class is AsyncLiveblocks)


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda c: c.__name__)
def test_help_on_the_client_lists_every_flat_method_with_its_parameters(
    client_class: type[Any],
) -> None:
    text = pydoc.render_doc(client_class, renderer=pydoc.plaintext)
    for name in OPERATIONS:
        declared = inspect.Signature(_declared(getattr(client_class, name)._fn))
        assert f"|  {name}{declared} -> " in text, name


@contextlib.contextmanager
def _bound_methods_called() -> Iterator[list[Any]]:
    """Record the bound API methods that a call goes through, outermost first."""
    seen: list[Any] = []
    originals = {cls: cls.__call__ for cls in (_call._Bound, _call._PagedBound, _call._StepsBound)}

    def recording(original: Any) -> Any:
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            seen.append(self)
            return original(self, *args, **kwargs)

        return call

    try:
        for cls, original in originals.items():
            cls.__call__ = recording(original)  # type: ignore[method-assign]
        yield seen
    finally:
        for cls, original in originals.items():
            cls.__call__ = original  # type: ignore[method-assign]


def _answer(case: OpCase) -> Any:
    def handler(request: Request) -> Response:
        headers = {"Content-Type": case.response_content_type, **case.response_headers}
        return Response(case.status, headers, case.response_bytes)

    return handler


def test_every_operation_of_the_resource_model_is_checked() -> None:
    assert len(RESOURCE_CASES) >= 110  # the listings' .list() pagers are checked below


@pytest.mark.parametrize("name", sorted(RESOURCE_CASES))
async def test_every_resource_method_shows_its_parameters_return_type_and_docstring(
    name: str,
) -> None:
    case = RESOURCE_CASES[name]
    assert case.resource is not None
    sync = Liveblocks("sk_test_introspection", transport=MockTransport(_answer(case)))
    async_client = AsyncLiveblocks(
        "sk_test_introspection", transport=AsyncMockTransport(_answer(case))
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with _bound_methods_called() as seen:
            case.resource(sync)
        (method, *_) = seen
        _check_method(method, method._fn, is_async=False)
        with _bound_methods_called() as seen:
            await case.resource(async_client)
        (method, *_) = seen
        _check_method(method, method._fn, is_async=True)
    await async_client.close()


@pytest.mark.parametrize("client_class", CLIENTS, ids=lambda c: c.__name__)
def test_listings_show_their_pager(client_class: type[Any]) -> None:
    client = client_class("sk_test_introspection")
    listings = [
        client.rooms.list,
        client.rooms["r"].threads.list,
        client.users["u"].inbox_notifications.list,
        client.groups.list,
        client.ai.copilots.list,
        client.management.projects.list,
    ]
    for listing in listings:
        _check_method(listing, listing._fn, client_class is AsyncLiveblocks)
        pager = "AsyncPager[" if client_class is AsyncLiveblocks else "SyncPager["
        assert str(inspect.signature(listing).return_annotation).startswith(pager)


def test_a_bound_method_reads_as_one() -> None:
    client = Liveblocks("sk_test_introspection")
    assert repr(client.rooms.create) == "<bound method Rooms.create of <Rooms /v2/rooms>>"
    assert inspect.isroutine(client.rooms.create)
    assert "Create a room" in (inspect.getdoc(client.rooms.create) or "")
