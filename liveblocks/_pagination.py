"""Lazy iteration over every item of a paginated list, one page at a time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._call import Call, Page, PageSpec, first_page_call
from .errors import ResponseDecodeError

if TYPE_CHECKING:
    from ._requester import AsyncRequester, SyncRequester

PageT = TypeVar("PageT")
T = TypeVar("T")

__all__ = ["AsyncPager", "Page", "PageSpec", "SyncPager", "first_page_call"]


class _Cursors:
    """The cursors one listing has followed. A cursor given a second time would lead
    through the same pages again, and again: the listing stops with an error instead.
    Only the cursors are kept, never the items."""

    __slots__ = ("_pages", "_seen")

    def __init__(self, start: str | None) -> None:
        self._seen: set[str] = {start} if start else set()
        self._pages = 0

    def check(self, next_cursor: str | None, call: Call[Any]) -> None:
        """Refuse ``next_cursor`` if this listing has already followed it."""
        self._pages += 1
        if not next_cursor:
            return
        if next_cursor in self._seen:
            raise ResponseDecodeError(
                f"The server returned a cursor it had already returned in this listing "
                f"({_shown(next_cursor)}, on page {self._pages}); stopping, since following it "
                "would repeat the same pages without end",
                method=call.method,
                path=call.path,
            )
        self._seen.add(next_cursor)


def _shown(cursor: str, limit: int = 100) -> str:
    """A cursor for a message: quoted, cut short if the server sent a long one."""
    return repr(cursor) if len(cursor) <= limit else repr(cursor[:limit]) + "..."


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
        cursors = _Cursors(cursor)
        while True:
            call = spec.fetch(cursor)
            raw = self._requester.execute(call)
            next_cursor = spec.next_cursor(raw)
            cursors.check(next_cursor, call)
            yield Page(spec.items(raw), next_cursor, cursor)
            if not next_cursor:
                return
            cursor = next_cursor

    def first_page(self) -> Page[T]:
        return next(iter(self.pages()))

    def to_list(self) -> list[T]:
        """Every item, in a list (for short lists; iterate to stream long ones)."""
        return list(self)

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
        cursors = _Cursors(cursor)
        while True:
            call = spec.fetch(cursor)
            raw = await self._requester.execute(call)
            next_cursor = spec.next_cursor(raw)
            cursors.check(next_cursor, call)
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
