"""The paginated lists of the Notifications and Groups sections, over many pages.

A fake server serves a few hundred items in pages of ``limit``; each test checks the
cursor chain (every request carries the previous page's ``nextCursor`` as
``startingAfter``), that every item arrives once and in order, that pages are fetched only
when needed, that ``.pages()`` exposes each page's cursor, that iteration can start from a
saved cursor, and that a failure half-way raises instead of ending the list quietly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks.errors import BadRequestError, LiveblocksError
from tests.fakes.aiomock import CallbackResult, MockAPI, api_mock

SECRET = "sk_test_pagination"
BASE = "https://api.liveblocks.test"
TOTAL = 300
PAGE = 7  # 43 pages, the last one short
STAMP = "2024-01-15T10:30:00.000Z"


def _cursor(offset: int) -> str:
    # Opaque, with characters that must survive query encoding.
    return f"c+{offset}/x=="


def _inbox_item(i: int) -> dict[str, Any]:
    common = {"id": f"in_{i:04d}", "notifiedAt": STAMP, "readAt": None}
    shape = i % 4
    if shape == 0:
        return {**common, "kind": "thread", "threadId": f"th_{i}", "roomId": "room"}
    if shape == 1:
        return {**common, "kind": "custom", "subjectId": "s", "activities": []}
    if shape == 2:
        return {**common, "kind": "$fileUploaded", "subjectId": "s", "activities": []}
    return {**common, "kind": "textMention", "roomId": "room", "mentionId": "m"}


INBOX_TYPES = [
    models.InboxNotificationThreadData,
    models.InboxNotificationCustomData,
    models.InboxNotificationCustomData,
    models.InboxNotificationUnknownData,
]


def _setting_item(i: int) -> dict[str, Any]:
    return {"threads": "all", "textMentions": "mine", "roomId": f"room-{i:04d}"}


def _group_item(i: int) -> dict[str, Any]:
    return {
        "type": "group",
        "id": f"group-{i:04d}",
        "organizationId": "org",
        "createdAt": STAMP,
        "updatedAt": STAMP,
        "scopes": {"mention": True},
        "members": [{"id": "alice", "addedAt": STAMP}],
    }


@dataclass
class ListCase:
    name: str
    path: str
    make_item: Callable[[int], dict[str, Any]]
    open: Callable[..., Any]  # (client, **list kwargs) -> pager
    key: Callable[[Any], str]  # the id of a decoded item
    expected_key: Callable[[int], str]
    max_limit: int

    def __str__(self) -> str:
        return self.name


LISTS = [
    ListCase(
        "inbox_notifications",
        "/v2/users/user-1/inbox-notifications",
        _inbox_item,
        lambda c, **kw: c.users["user-1"].inbox_notifications.list(**kw),
        lambda item: item.id,
        lambda i: f"in_{i:04d}",
        50,
    ),
    ListCase(
        "room_subscription_settings",
        "/v2/users/user-1/room-subscription-settings",
        _setting_item,
        lambda c, **kw: c.users["user-1"].room_subscription_settings.list(**kw),
        lambda item: item.room_id,
        lambda i: f"room-{i:04d}",
        50,
    ),
    ListCase(
        "groups",
        "/v2/groups",
        _group_item,
        lambda c, **kw: c.groups.list(**kw),
        lambda item: item.id,
        lambda i: f"group-{i:04d}",
        100,
    ),
    ListCase(
        "user_groups",
        "/v2/users/user-1/groups",
        _group_item,
        lambda c, **kw: c.users["user-1"].groups.list(**kw),
        lambda item: item.id,
        lambda i: f"group-{i:04d}",
        100,
    ),
]


@dataclass
class FakeList:
    """Serves ``total`` items page by page, and records the query of every request."""

    case: ListCase
    total: int = TOTAL
    fail_at: int | None = None  # offset whose page answers 400
    requests: list[dict[str, str]] = field(default_factory=list)

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        assert path == self.case.path
        self.requests.append(query)
        cursor = query.get("startingAfter")
        offset = 0 if cursor is None else _offset(cursor)
        if offset == self.fail_at:
            return 400, {"error": "INVALID_CURSOR", "message": "Cursor expired"}
        limit = int(query["limit"])
        end = min(offset + limit, self.total)
        data = [self.case.make_item(i) for i in range(offset, end)]
        next_cursor = _cursor(end) if end < self.total else None
        return 200, {"nextCursor": next_cursor, "data": data}

    def expected_cursors(self, start: int = 0, limit: int = PAGE) -> list[str | None]:
        """The startingAfter of each request, in order: none first, then the chain."""
        first: list[str | None] = [None if start == 0 else _cursor(start)]
        return first + [_cursor(o) for o in range(start + limit, self.total, limit)]


def _offset(cursor: str) -> int:
    match = re.fullmatch(r"c\+(\d+)/x==", cursor)
    assert match, f"the SDK sent a cursor the server never gave: {cursor!r}"
    return int(match[1])


URL = re.compile(r"https://api\.liveblocks\.test/v2/.*")


class SyncServer:
    def __init__(self, fake: FakeList, mock: responses.RequestsMock) -> None:
        self.fake = fake

        def callback(request: Any) -> tuple[int, dict[str, str], str]:
            url = urlsplit(request.url)
            query = dict(parse_qsl(url.query, keep_blank_values=True))
            status, payload = fake.answer(url.path, query)
            return status, {"Content-Type": "application/json"}, json.dumps(payload)

        mock.add_callback("GET", URL, callback=callback)


class AsyncServer:
    def __init__(self, fake: FakeList, mock: MockAPI) -> None:
        self.fake = fake

        def callback(url: Any, **kwargs: Any) -> CallbackResult:
            status, payload = fake.answer(url.raw_path, dict(url.query))
            return CallbackResult(status=status, body=json.dumps(payload))

        mock.get(URL, callback=callback, repeat=True)


params = pytest.mark.parametrize("case", LISTS, ids=str)


# Sync ---------------------------------------------------------------------------------------


@params
def test_sync_every_item_once_in_order_following_the_cursor_chain(case: ListCase) -> None:
    fake = FakeList(case)
    with responses.RequestsMock() as mock, Liveblocks(SECRET, base_url=BASE) as client:
        SyncServer(fake, mock)
        items = list(case.open(client, limit=PAGE))
    assert [case.key(item) for item in items] == [case.expected_key(i) for i in range(TOTAL)]
    assert [q.get("startingAfter") for q in fake.requests] == fake.expected_cursors()
    assert len(fake.requests) == -(-TOTAL // PAGE)
    assert all(q["limit"] == str(PAGE) for q in fake.requests)
    if case.name == "inbox_notifications":
        assert [type(item) for item in items] == [INBOX_TYPES[i % 4] for i in range(TOTAL)]


@params
def test_sync_pages_are_fetched_lazily(case: ListCase) -> None:
    fake = FakeList(case)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        SyncServer(fake, mock)
        with Liveblocks(SECRET, base_url=BASE) as client:
            pager = case.open(client, limit=PAGE)
            assert fake.requests == []  # creating the pager sends nothing
            iterator = iter(pager)
            first = next(iterator)
            assert case.key(first) == case.expected_key(0)
            assert len(fake.requests) == 1
            rest_of_page = [next(iterator) for _ in range(PAGE - 1)]
            assert len(rest_of_page) == PAGE - 1
            assert len(fake.requests) == 1  # the first page is still being read
            next(iterator)
            assert len(fake.requests) == 2


@params
def test_sync_pages_expose_their_cursors(case: ListCase) -> None:
    fake = FakeList(case, total=20)
    with responses.RequestsMock() as mock, Liveblocks(SECRET, base_url=BASE) as client:
        SyncServer(fake, mock)
        pages = list(case.open(client, limit=PAGE).pages())
    assert [len(page.items) for page in pages] == [7, 7, 6]
    assert [page.next_cursor for page in pages] == [_cursor(7), _cursor(14), None]
    assert [page.cursor for page in pages] == [None, _cursor(7), _cursor(14)]


@params
def test_sync_resumes_from_a_saved_cursor(case: ListCase) -> None:
    fake = FakeList(case)
    with responses.RequestsMock() as mock, Liveblocks(SECRET, base_url=BASE) as client:
        SyncServer(fake, mock)
        items = list(case.open(client, limit=PAGE, starting_after=_cursor(280)))
    assert [case.key(item) for item in items] == [case.expected_key(i) for i in range(280, TOTAL)]
    assert [q.get("startingAfter") for q in fake.requests] == fake.expected_cursors(start=280)


@params
def test_sync_error_half_way_raises(case: ListCase) -> None:
    fake = FakeList(case, fail_at=PAGE * 5)
    seen: list[str] = []
    with responses.RequestsMock() as mock, Liveblocks(SECRET, base_url=BASE) as client:
        SyncServer(fake, mock)
        with pytest.raises(BadRequestError) as caught:
            for item in case.open(client, limit=PAGE):
                seen.append(case.key(item))
    assert seen == [case.expected_key(i) for i in range(PAGE * 5)]
    assert caught.value.code == "INVALID_CURSOR"
    assert len(fake.requests) == 6


@params
def test_limit_is_checked_before_any_request(case: ListCase) -> None:
    with Liveblocks(SECRET, base_url=BASE) as client:
        for bad in (0, case.max_limit + 1, -1):
            with pytest.raises(ValueError, match="limit"):
                case.open(client, limit=bad)
        with pytest.raises(TypeError):
            case.open(client, limit="10")
        case.open(client, limit=case.max_limit)  # the upper bound itself is fine


# Async --------------------------------------------------------------------------------------


@params
async def test_async_every_item_once_in_order_following_the_cursor_chain(case: ListCase) -> None:
    fake = FakeList(case)
    with api_mock() as mock:
        AsyncServer(fake, mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            items = [item async for item in case.open(client, limit=PAGE)]
    assert [case.key(item) for item in items] == [case.expected_key(i) for i in range(TOTAL)]
    assert [q.get("startingAfter") for q in fake.requests] == fake.expected_cursors()
    assert all(q["limit"] == str(PAGE) for q in fake.requests)
    if case.name == "inbox_notifications":
        assert [type(item) for item in items] == [INBOX_TYPES[i % 4] for i in range(TOTAL)]


@params
async def test_async_pages_are_fetched_lazily(case: ListCase) -> None:
    fake = FakeList(case)
    with api_mock() as mock:
        AsyncServer(fake, mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            pager = case.open(client, limit=PAGE)
            assert fake.requests == []
            iterator = pager.__aiter__()
            first = await iterator.__anext__()
            assert case.key(first) == case.expected_key(0)
            assert len(fake.requests) == 1
            for _ in range(PAGE - 1):
                await iterator.__anext__()
            assert len(fake.requests) == 1
            await iterator.__anext__()
            assert len(fake.requests) == 2
            await iterator.aclose()


@params
async def test_async_pages_expose_their_cursors(case: ListCase) -> None:
    fake = FakeList(case, total=20)
    with api_mock() as mock:
        AsyncServer(fake, mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            pages = [page async for page in case.open(client, limit=PAGE).pages()]
            first = await case.open(client, limit=PAGE).first_page()
    assert [len(page.items) for page in pages] == [7, 7, 6]
    assert [page.next_cursor for page in pages] == [_cursor(7), _cursor(14), None]
    assert first.next_cursor == _cursor(7)


@params
async def test_async_resumes_from_a_saved_cursor(case: ListCase) -> None:
    fake = FakeList(case)
    with api_mock() as mock:
        AsyncServer(fake, mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            pager = case.open(client, limit=PAGE, starting_after=_cursor(280))
            items = await pager.to_list()
    assert [case.key(item) for item in items] == [case.expected_key(i) for i in range(280, TOTAL)]
    assert [q.get("startingAfter") for q in fake.requests] == fake.expected_cursors(start=280)


@params
async def test_async_error_half_way_raises(case: ListCase) -> None:
    fake = FakeList(case, fail_at=PAGE * 5)
    seen: list[str] = []
    with api_mock() as mock:
        AsyncServer(fake, mock)
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            with pytest.raises(LiveblocksError) as caught:
                async for item in case.open(client, limit=PAGE):
                    seen.append(case.key(item))
    assert isinstance(caught.value, BadRequestError)
    assert seen == [case.expected_key(i) for i in range(PAGE * 5)]
    assert len(fake.requests) == 6
