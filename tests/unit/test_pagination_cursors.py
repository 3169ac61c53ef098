"""Lazy pagination of the rooms, versions, feeds, AI and Management lists, sync and async.

A fake server serves a few hundred items ``LIMIT`` at a time and records the cursor each
request carries, in the list's own query parameter (``startingAfter`` for rooms and the AI
lists, ``cursor`` for versions, feeds and the Management lists). The Notifications and Groups
lists are covered the same way in test_pagination_notifications_groups.py.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks._pagination import Page
from liveblocks.errors import LiveblocksError, NotFoundError
from tests.cases import example, example_323
from tests.fakes.aiomock import CallbackResult, api_mock

SECRET = "sk_test_unit_0123456789"
BASE = "https://api.liveblocks.test"
TOTAL = 250
LIMIT = 17
PAGES = -(-TOTAL // LIMIT)  # 15 pages, the last one short


def _copilot(i: int) -> dict[str, Any]:
    # Every provider in turn, and now and then one the SDK does not know.
    variants = [
        example("AiCopilotOpenAi"),
        example("AiCopilotAnthropic"),
        example("AiCopilotGoogle"),
        example("AiCopilotOpenAiCompatible"),
        {**example("AiCopilotBase"), "provider": "mistral", "providerModel": "large"},
    ]
    return {**variants[i % len(variants)], "id": f"item-{i}"}


def _source(i: int) -> dict[str, Any]:
    variants = [example("KnowledgeSourceFileSource"), example("KnowledgeSourceWebSource")]
    return {**variants[i % 2], "id": f"item-{i}"}


def _link(i: int) -> dict[str, Any]:
    return {**example("WebKnowledgeSourceLink"), "id": f"item-{i}"}


def _room(i: int) -> dict[str, Any]:
    return {**example("Room"), "id": f"item-{i}"}


def _version(i: int) -> dict[str, Any]:
    # The 3.16 shape (with type and kind) and today's, in turn.
    shape = example("YjsVersion") if i % 2 else example_323("HistoryVersion")
    return {**shape, "id": f"item-{i}"}


def _feed(i: int) -> dict[str, Any]:
    return {**example_323("Feed"), "feedId": f"item-{i}"}


def _message(i: int) -> dict[str, Any]:
    return {**example_323("FeedMessage"), "id": f"item-{i}"}


def _project(i: int) -> dict[str, Any]:
    return {**example("ManagementProject"), "id": f"item-{i}"}


def _webhook(i: int) -> dict[str, Any]:
    return {**example("ManagementWebhook"), "id": f"item-{i}"}


COPILOT_CLASSES = (
    models.AiCopilotOpenAi,
    models.AiCopilotAnthropic,
    models.AiCopilotGoogle,
    models.AiCopilotOpenAiCompatible,
    models.AiCopilotBase,
)


@dataclass
class ListCase:
    name: str
    path: str
    cursor_param: str
    other_param: str
    item: Callable[[int], dict[str, Any]]
    pager: Callable[..., Any]
    item_type: Callable[[int], type]

    def __str__(self) -> str:
        return self.name


def _id(item: Any) -> str:
    value: str = getattr(item, "feed_id", None) or item.id
    return value


LISTS = [
    ListCase(
        "rooms",
        "/v2/rooms",
        "startingAfter",
        "cursor",
        _room,
        lambda c, **kw: c.rooms.list(**kw),
        lambda i: models.Room,
    ),
    ListCase(
        "yjs-versions",
        "/v2/rooms/r%201/versions",
        "cursor",
        "startingAfter",
        _version,
        lambda c, **kw: c.rooms["r 1"].yjs.versions.list(**kw),
        lambda i: models.HistoryVersion,
    ),
    ListCase(
        "versions",
        "/v2/rooms/r%201/versions",
        "cursor",
        "startingAfter",
        _version,
        lambda c, **kw: c.rooms["r 1"].versions.list(**kw),
        lambda i: models.HistoryVersion,
    ),
    ListCase(
        "feeds",
        "/v2/rooms/r%201/feeds",
        "cursor",
        "startingAfter",
        _feed,
        lambda c, **kw: c.rooms["r 1"].feeds.list(**kw),
        lambda i: models.Feed,
    ),
    ListCase(
        "feed-messages",
        "/v2/rooms/r%201/feeds/f%2F1/messages",
        "cursor",
        "startingAfter",
        _message,
        lambda c, **kw: c.rooms["r 1"].feeds["f/1"].messages.list(**kw),
        lambda i: models.FeedMessage,
    ),
    ListCase(
        "copilots",
        "/v2/ai/copilots",
        "startingAfter",
        "cursor",
        _copilot,
        lambda c, **kw: c.ai.copilots.list(**kw),
        lambda i: COPILOT_CLASSES[i % len(COPILOT_CLASSES)],
    ),
    ListCase(
        "knowledge-sources",
        "/v2/ai/copilots/cp_1/knowledge",
        "startingAfter",
        "cursor",
        _source,
        lambda c, **kw: c.ai.copilots["cp_1"].knowledge.list(**kw),
        lambda i: (models.KnowledgeSourceFileSource, models.KnowledgeSourceWebSource)[i % 2],
    ),
    ListCase(
        "web-links",
        "/v2/ai/copilots/cp_1/knowledge/web/ks_1/links",
        "startingAfter",
        "cursor",
        _link,
        lambda c, **kw: c.ai.copilots["cp_1"].knowledge.web["ks_1"].links.list(**kw),
        lambda i: models.WebKnowledgeSourceLink,
    ),
    ListCase(
        "projects",
        "/v2/management/projects",
        "cursor",
        "startingAfter",
        _project,
        lambda c, **kw: c.management.projects.list(**kw),
        lambda i: models.ManagementProject,
    ),
    ListCase(
        "webhooks",
        "/v2/management/projects/p_1/webhooks",
        "cursor",
        "startingAfter",
        _webhook,
        lambda c, **kw: c.management.projects["p_1"].webhooks.list(**kw),
        lambda i: models.ManagementWebhook,
    ),
]


def _token(offset: int) -> str:
    return f"tok/{offset}=="  # has characters that must be escaped in a query


class FakeServer:
    """Serves ``TOTAL`` items ``LIMIT`` at a time; fails on page ``fail_on`` (0-based)."""

    def __init__(self, case: ListCase, fail_on: int | None = None) -> None:
        self.case = case
        self.fail_on = fail_on
        self.cursors: list[str | None] = []

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        assert path == self.case.path
        assert query["limit"] == str(LIMIT)
        assert self.case.other_param not in query
        cursor = query.get(self.case.cursor_param)
        self.cursors.append(cursor)
        if self.fail_on is not None and len(self.cursors) - 1 == self.fail_on:
            return 404, {"error": "NOT_FOUND", "message": "Gone"}
        start = 0 if cursor is None else int(cursor.removeprefix("tok/").removesuffix("=="))
        end = min(start + LIMIT, TOTAL)
        page = {
            "nextCursor": _token(end) if end < TOTAL else None,
            "data": [self.case.item(i) for i in range(start, end)],
        }
        return 200, page

    def expected_cursors(self, pages: int) -> list[str | None]:
        return [None] + [_token(LIMIT * n) for n in range(1, pages)]


@contextlib.contextmanager
def sync_server(server: FakeServer) -> Any:
    def callback(request: Any) -> tuple[int, dict[str, str], str]:
        url = urlsplit(request.url)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        status, payload = server.answer(url.path, query)
        return status, {"Content-Type": "application/json"}, json.dumps(payload)

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback("GET", re.compile(re.escape(BASE) + r"/.*"), callback=callback)
        yield mock


@contextlib.contextmanager
def async_server(server: FakeServer) -> Any:
    def callback(url: Any, **kwargs: Any) -> CallbackResult:
        status, payload = server.answer(url.raw_path, dict(url.query))
        return CallbackResult(status=status, payload=payload)

    with api_mock() as mock:
        mock.get(re.compile(re.escape(BASE) + r"/.*"), callback=callback, repeat=True)
        yield mock


def _check_items(case: ListCase, items: list[Any]) -> None:
    assert [_id(item) for item in items] == [f"item-{i}" for i in range(TOTAL)]
    for i, item in enumerate(items):
        assert type(item) is case.item_type(i), (i, type(item))


@pytest.mark.parametrize("case", LISTS, ids=str)
def test_sync_every_item_once_in_order(case: ListCase) -> None:
    server = FakeServer(case)
    with sync_server(server) as mock, Liveblocks(SECRET, base_url=BASE) as client:
        items = list(case.pager(client, limit=LIMIT))
        assert len(mock.calls) == PAGES
    _check_items(case, items)
    assert server.cursors == server.expected_cursors(PAGES)


@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_async_every_item_once_in_order(case: ListCase) -> None:
    server = FakeServer(case)
    with async_server(server):
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            items = [item async for item in case.pager(client, limit=LIMIT)]
    _check_items(case, items)
    assert server.cursors == server.expected_cursors(PAGES)


@pytest.mark.parametrize("case", LISTS, ids=str)
def test_sync_to_list_gathers_every_page(case: ListCase) -> None:
    server = FakeServer(case)
    with sync_server(server) as mock, Liveblocks(SECRET, base_url=BASE) as client:
        items = case.pager(client, limit=LIMIT).to_list()
        assert len(mock.calls) == PAGES
    assert type(items) is list
    _check_items(case, items)
    assert server.cursors == server.expected_cursors(PAGES)


@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_async_to_list_gathers_every_page(case: ListCase) -> None:
    server = FakeServer(case)
    with async_server(server):
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            items = await case.pager(client, limit=LIMIT).to_list()
    assert type(items) is list
    _check_items(case, items)
    assert server.cursors == server.expected_cursors(PAGES)


@pytest.mark.parametrize("case", LISTS, ids=str)
def test_sync_pages_are_fetched_lazily(case: ListCase) -> None:
    server = FakeServer(case)
    with sync_server(server) as mock, Liveblocks(SECRET, base_url=BASE) as client:
        pager = case.pager(client, limit=LIMIT)
        assert len(mock.calls) == 0
        iterator = iter(pager)
        first = next(iterator)
        assert _id(first) == "item-0"
        assert len(mock.calls) == 1
        rest = [next(iterator) for _ in range(LIMIT)]  # crosses into the second page
        assert _id(rest[-1]) == f"item-{LIMIT}"
        assert len(mock.calls) == 2
    assert server.cursors == [None, _token(LIMIT)]


@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_async_pages_are_fetched_lazily(case: ListCase) -> None:
    server = FakeServer(case)
    with async_server(server):
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            pager = case.pager(client, limit=LIMIT)
            assert server.cursors == []
            async with contextlib.aclosing(pager.__aiter__()) as iterator:
                first = await iterator.__anext__()
                assert _id(first) == "item-0"
                assert server.cursors == [None]
                for _ in range(LIMIT):
                    item = await iterator.__anext__()
                assert _id(item) == f"item-{LIMIT}"
    assert server.cursors == [None, _token(LIMIT)]


@pytest.mark.parametrize("case", LISTS, ids=str)
def test_sync_pages_carry_their_next_cursor(case: ListCase) -> None:
    server = FakeServer(case)
    with sync_server(server), Liveblocks(SECRET, base_url=BASE) as client:
        pages = list(case.pager(client, limit=LIMIT).pages())
    assert len(pages) == PAGES
    assert all(isinstance(page, Page) for page in pages)
    assert [page.next_cursor for page in pages] == [_token(LIMIT * n) for n in range(1, PAGES)] + [
        None
    ]
    assert [len(page) for page in pages] == [LIMIT] * (PAGES - 1) + [TOTAL % LIMIT]
    _check_items(case, [item for page in pages for item in page])


@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_async_pages_carry_their_next_cursor(case: ListCase) -> None:
    server = FakeServer(case)
    with async_server(server):
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            pages = [page async for page in case.pager(client, limit=LIMIT).pages()]
    assert all(isinstance(page, Page) for page in pages)
    assert [page.next_cursor for page in pages] == [_token(LIMIT * n) for n in range(1, PAGES)] + [
        None
    ]
    _check_items(case, [item for page in pages for item in page])


@pytest.mark.parametrize("case", LISTS, ids=str)
def test_sync_resumes_from_a_saved_cursor(case: ListCase) -> None:
    server = FakeServer(case)
    saved = _token(LIMIT * 10)
    start = {"starting_after" if case.cursor_param == "startingAfter" else "cursor": saved}
    with sync_server(server), Liveblocks(SECRET, base_url=BASE) as client:
        items = list(case.pager(client, limit=LIMIT, **start))
    assert [_id(item) for item in items] == [f"item-{i}" for i in range(LIMIT * 10, TOTAL)]
    assert server.cursors[0] == saved


@pytest.mark.parametrize("case", LISTS, ids=str)
def test_sync_error_mid_way_raises(case: ListCase) -> None:
    server = FakeServer(case, fail_on=3)
    seen: list[str] = []
    with (
        sync_server(server),
        Liveblocks(SECRET, base_url=BASE) as client,
        pytest.raises(NotFoundError) as raised,
    ):
        for item in case.pager(client, limit=LIMIT):
            seen.append(_id(item))
    assert seen == [f"item-{i}" for i in range(LIMIT * 3)]
    assert raised.value.status == 404
    assert server.cursors == server.expected_cursors(4)


@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_async_error_mid_way_raises(case: ListCase) -> None:
    server = FakeServer(case, fail_on=3)
    seen: list[str] = []
    with async_server(server):
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            with pytest.raises(LiveblocksError) as raised:
                async for item in case.pager(client, limit=LIMIT):
                    seen.append(_id(item))
    assert isinstance(raised.value, NotFoundError)
    assert seen == [f"item-{i}" for i in range(LIMIT * 3)]
    assert server.cursors == server.expected_cursors(4)


@pytest.mark.parametrize("limit", [0, -1, 101, 1.5, "20", True])
@pytest.mark.parametrize("case", LISTS, ids=str)
def test_limit_is_checked_before_any_request(case: ListCase, limit: Any) -> None:
    server = FakeServer(case)
    with sync_server(server) as mock, Liveblocks(SECRET, base_url=BASE) as client:
        with pytest.raises((ValueError, TypeError)):
            case.pager(client, limit=limit)
        assert len(mock.calls) == 0


@pytest.mark.parametrize("case", LISTS, ids=str)
async def test_async_limit_is_checked_before_any_request(case: ListCase) -> None:
    server = FakeServer(case)
    with async_server(server):
        async with AsyncLiveblocks(SECRET, base_url=BASE) as client:
            with pytest.raises(ValueError, match="between 1 and 100"):
                case.pager(client, limit=101)
    assert server.cursors == []
