"""Lazy iteration over every item of a paginated list, one page at a time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._call import Call, Page, PageSpec, first_page_call
from .errors import LiveblocksError

if TYPE_CHECKING:
    from ._requester import AsyncRequester, SyncRequester

PageT = TypeVar("PageT")
T = TypeVar("T")

__all__ = ["AsyncPager", "Page", "PageSpec", "SyncPager", "first_page_call"]


def _check_progress(cursor: str | None, next_cursor: str | None, call: Call[Any]) -> None:
    if next_cursor is not None and next_cursor == cursor:
        raise LiveblocksError(
            f"The server returned the same cursor twice ({next_cursor!r}); stopping to avoid "
            "an endless loop",
            method=call.method,
            path=call.path,
        )


class SyncPager(Generic[T]):
    """Iterates over every item across pages; a page is fetched only when needed.

    Holds one page at a time, so memory stays flat however long the list is.
    """

    __slots__ = ("_requester", "_spec")

    def __init__(self, requester: SyncRequester, spec: PageSpec[Any, T]) -> None:
        self._requester = requester
        self._spec = spec

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.data

    def pages(self) -> Iterator[Page[T]]:
        """Each page in turn, with its ``next_cursor`` (save it to resume later)."""
        spec = self._spec
        cursor = spec.start
        while True:
            call = spec.fetch(cursor)
            raw = self._requester.execute(call)
            next_cursor = spec.next_cursor(raw)
            _check_progress(cursor, next_cursor, call)
            yield Page(spec.items(raw), next_cursor, cursor)
            if not next_cursor:
                return
            cursor = next_cursor

    def first_page(self) -> Page[T]:
        return next(iter(self.pages()))

    def __repr__(self) -> str:
        return f"<SyncPager from cursor {self._spec.start!r}>"


class AsyncPager(Generic[T]):
    """``async for`` over every item across pages; a page is fetched only when needed."""

    __slots__ = ("_requester", "_spec")

    def __init__(self, requester: AsyncRequester, spec: PageSpec[Any, T]) -> None:
        self._requester = requester
        self._spec = spec

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.data:
                yield item

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Each page in turn, with its ``next_cursor``."""
        spec = self._spec
        cursor = spec.start
        while True:
            call = spec.fetch(cursor)
            raw = await self._requester.execute(call)
            next_cursor = spec.next_cursor(raw)
            _check_progress(cursor, next_cursor, call)
            yield Page(spec.items(raw), next_cursor, cursor)
            if not next_cursor:
                return
            cursor = next_cursor

    async def first_page(self) -> Page[T]:
        async for page in self.pages():
            return page
        raise AssertionError("pages() always yields at least one page")

    async def to_list(self) -> list[T]:
        """Every item, in a list (for short lists; iterate to stream long ones)."""
        return [item async for item in self]

    def __repr__(self) -> str:
        return f"<AsyncPager from cursor {self._spec.start!r}>"
