"""Every listing ends: a server whose cursors cycle (A, B, A or A, B, C, B) gets a
ResponseDecodeError naming the cursor and the request, on every paginated list, on both
clients; the lists the API sends in one answer (threads and their subscriptions and
notifications) stop after it whatever cursor the answer carries.

The fake answers one item per page. After ``MAX_PAGES`` requests it ends the listing, so
that a missing guard makes a test fail instead of hang; the async tests also run under
``asyncio.wait_for``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.errors import ResponseDecodeError
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport, MockTransport
from tests.cases import example

from . import test_pagination_cursors as cursor_lists
from . import test_pagination_notifications_groups as inbox_lists

SECRET = "sk_test_loops"
BASE = "https://api.liveblocks.test"
JSON = {"Content-Type": "application/json"}
MAX_PAGES = 25
TIMEOUT = 10.0

#: Cursor sent -> cursor answered (``None``: the first request), and the cursors the SDK
#: sends before the server returns one it returned before.
CYCLES = {
    "A-B-A": ({None: "A", "A": "B", "B": "A"}, [None, "A", "B"]),
    "A-B-C-B": ({None: "A", "A": "B", "B": "C", "C": "B"}, [None, "A", "B", "C"]),
}


@dataclass
class ListCase:
    name: str
    path: str
    item: Callable[[int], dict[str, Any]]  # the i-th item as the API sends it
    key: Callable[[Any], str]  # the id of a decoded item
    expected_key: Callable[[int], str]
    open: Callable[..., Any]  # (client, **kwargs) -> pager

    def __str__(self) -> str:
        return self.name


LISTS = [
    ListCase(
        c.name,
        c.path,
        c.item,
        cursor_lists._id,
        lambda i: f"item-{i}",
        c.pager,
    )
    for c in cursor_lists.LISTS
] + [
    ListCase(c.name, c.path, c.make_item, c.key, c.expected_key, c.open) for c in inbox_lists.LISTS
]


class CyclingServer:
    """Answers each page with one item and the next cursor from ``chain``; records the
    cursor each request carried (``startingAfter`` or ``cursor``, whichever the list
    uses)."""

    def __init__(self, case: ListCase, chain: dict[str | None, str]) -> None:
        self.case = case
        self.chain = chain
        self.cursors: list[str | None] = []

    def __call__(self, request: Request) -> Response:
        url = urlsplit(request.url)
        assert (request.method, url.path) == ("GET", self.case.path)
        query = dict(parse_qsl(url.query))
        cursor = query.get("startingAfter", query.get("cursor"))
        self.cursors.append(cursor)
        page = len(self.cursors)
        next_cursor = None if page >= MAX_PAGES else self.chain.get(cursor)
        body = {"nextCursor": next_cursor, "data": [self.case.item(page - 1)]}
        return Response(200, JSON, json.dumps(body).encode())


def _check_refusal(
    case: ListCase,
    server: CyclingServer,
    expected: list[str | None],
    error: Exception,
    keys: list[str],
) -> None:
    assert server.cursors == expected
    # The items of every page before the one that repeated a cursor, each once.
    assert keys == [case.expected_key(i) for i in range(len(expected) - 1)]
    assert isinstance(error, ResponseDecodeError)
    repeated = server.chain[expected[-1]]
    assert f"({repeated!r}, on page {len(expected)})" in error.message
    assert (error.method, error.path) == ("GET", case.path)
    assert f"GET {case.path}" in str(error)


@pytest.mark.parametrize("cycle", CYCLES, ids=str)
@pytest.mark.parametrize("case", LISTS, ids=str)
def test_sync_a_cycling_cursor_raises(case: ListCase, cycle: str) -> None:
    chain, expected = CYCLES[cycle]
    server = CyclingServer(case, chain)
    keys: list[str] = []
    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(server)) as client:
        with pytest.raises(ResponseDecodeError) as raised:
            for item in case.open(client):
                keys.append(case.key(item))
    _check_refusal(case, server, expected, raised.value, keys)


@pytest.mark.parametrize("cycle", CYCLES, ids=str)
@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_async_a_cycling_cursor_raises(case: ListCase, cycle: str) -> None:
    chain, expected = CYCLES[cycle]
    server = CyclingServer(case, chain)
    keys: list[str] = []

    async def collect(client: AsyncLiveblocks) -> None:
        async for item in case.open(client):
            keys.append(case.key(item))

    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=AsyncMockTransport(server)) as c:
        with pytest.raises(ResponseDecodeError) as raised:
            await asyncio.wait_for(collect(c), TIMEOUT)
    _check_refusal(case, server, expected, raised.value, keys)


BY_NAME = {case.name: case for case in LISTS}


@pytest.mark.parametrize("name", ["rooms", "inbox_notifications", "versions"])
def test_pages_refuse_a_cycle_too(name: str) -> None:
    case = BY_NAME[name]
    server = CyclingServer(case, CYCLES["A-B-C-B"][0])
    seen: list[str | None] = []
    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(server)) as client:
        with pytest.raises(ResponseDecodeError, match="already returned in this listing"):
            for page in case.open(client).pages():
                seen.append(page.next_cursor)
    assert seen == ["A", "B", "C"]
    assert server.cursors == [None, "A", "B", "C"]


def test_a_listing_resumed_from_a_cursor_refuses_to_come_back_to_it() -> None:
    case = BY_NAME["rooms"]
    server = CyclingServer(case, {"A": "B", "B": "A"})
    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(server)) as client:
        with pytest.raises(ResponseDecodeError, match=r"\('A', on page 2\)"):
            list(client.rooms.list(starting_after="A"))
    assert server.cursors == ["A", "B"]


def test_a_long_cursor_is_cut_short_in_the_message() -> None:
    case = BY_NAME["rooms"]
    long = "c" * 5000
    server = CyclingServer(case, {None: long, long: long})
    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(server)) as client:
        with pytest.raises(ResponseDecodeError) as raised:
            list(client.rooms.list())
    assert repr("c" * 100) + "..." in raised.value.message
    assert len(raised.value.message) < 400
    assert server.cursors == [None, long]


# -- lists the API sends in one answer ----------------------------------------------------


def _thread_notification() -> dict[str, Any]:
    return {
        "id": "in_1",
        "kind": "thread",
        "threadId": "th_1",
        "roomId": "r",
        "readAt": None,
        "notifiedAt": "2024-01-15T10:30:00.000Z",
        "userId": "alice",
    }


SINGLE_ANSWER = [
    pytest.param(
        lambda c: c.rooms["r"].threads.list(),
        "/v2/rooms/r/threads",
        example("GetThreadsResponse")["data"],
        id="threads",
    ),
    pytest.param(
        lambda c: c.rooms["r"].threads["th_1"].subscriptions(),
        "/v2/rooms/r/threads/th_1/subscriptions",
        example("GetThreadSubscriptionsResponse")["data"],
        id="thread-subscriptions",
    ),
    pytest.param(
        lambda c: c.rooms["r"].threads["th_1"].inbox_notifications(),
        "/v2/rooms/r/threads/th_1/inbox-notifications",
        [_thread_notification()],
        id="thread-inbox-notifications",
    ),
]


def _one_answer(path: str, data: list[Any], requests: list[str]) -> Callable[[Request], Response]:
    def handler(request: Request) -> Response:
        requests.append(request.url)
        assert urlsplit(request.url).path == path
        return Response(200, JSON, json.dumps({"data": data, "nextCursor": "A"}).encode())

    return handler


@pytest.mark.parametrize(("open_list", "path", "data"), SINGLE_ANSWER)
def test_sync_a_list_sent_in_one_answer_stops_after_it(
    open_list: Callable[..., Any], path: str, data: list[Any]
) -> None:
    requests: list[str] = []
    transport = MockTransport(_one_answer(path, data, requests))
    with Liveblocks(SECRET, base_url=BASE, transport=transport) as client:
        items = list(open_list(client))
    assert len(items) == len(data) == 1
    assert requests == [BASE + path]


@pytest.mark.parametrize(("open_list", "path", "data"), SINGLE_ANSWER)
async def test_async_a_list_sent_in_one_answer_stops_after_it(
    open_list: Callable[..., Any], path: str, data: list[Any]
) -> None:
    requests: list[str] = []
    transport = AsyncMockTransport(_one_answer(path, data, requests))
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=transport) as client:

        async def collect() -> list[Any]:
            return [item async for item in open_list(client)]

        items = await asyncio.wait_for(collect(), TIMEOUT)
    assert len(items) == len(data) == 1
    assert requests == [BASE + path]
