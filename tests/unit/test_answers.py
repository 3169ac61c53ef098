"""What an answer turns into, both clients over real sockets: redirects are errors, the
server's ``message`` comes before its ``reason``, a listing that repeats its cursor
stops, and ``.raw`` exists on every kind of method."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from liveblocks import Page, RawResponse, errors, models
from tests.fakes.faultserver import FaultServer, Received, Reply, room_json, run

MODES = ["sync", "async"]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


def get_room(client: Any) -> Any:
    return client.rooms["r1"].get()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [301, 302, 304, 307, 308])
def test_a_redirect_is_an_error_not_followed(mode: str, status: int, server: FaultServer) -> None:
    server.script(Reply(status, b"", headers={"Location": f"{server.url}/v2/rooms/elsewhere"}))
    with pytest.raises(errors.APIStatusError) as info:
        run(mode, server.url, get_room)
    assert type(info.value) is errors.APIStatusError
    assert info.value.status == status
    assert server.count == 1  # neither followed nor retried


@pytest.mark.parametrize("mode", MODES)
def test_message_comes_before_reason(mode: str, server: FaultServer) -> None:
    body = {"error": "INVALID", "message": "The room id is invalid", "reason": "id: too long"}
    server.script(Reply(400, body))
    with pytest.raises(errors.BadRequestError) as info:
        run(mode, server.url, get_room)
    assert info.value.message == "The room id is invalid (id: too long)"
    assert info.value.message.startswith(body["message"])


def _same_cursor_five_times(received: Received) -> Reply:
    last = received.index >= 4  # then the end, so that a missing guard fails, not hangs
    return Reply(200, {"nextCursor": None if last else "again", "data": [room_json("r1")]})


@pytest.mark.parametrize("mode", MODES)
def test_a_listing_that_repeats_its_cursor_stops(mode: str, server: FaultServer) -> None:
    server.handler = _same_cursor_five_times

    def list_all(client: Any) -> Any:
        if mode == "sync":
            return [room.id for room in client.rooms.list()]

        async def collect() -> list[str]:
            return [room.id async for room in client.rooms.list()]

        return collect()

    with pytest.raises(errors.ResponseDecodeError, match="already returned in this listing"):
        run(mode, server.url, list_all)
    assert server.count == 2  # the first page, then the one that repeated its cursor


def _pages(received: Received) -> Reply:
    query = dict(parse_qsl(urlsplit(received.target).query))
    if query.get("startingAfter") == "c2":
        return Reply(200, {"nextCursor": None, "data": [room_json("r3")]}, {"X-Page": "2"})
    return Reply(200, {"nextCursor": "c2", "data": [room_json("r1")]}, {"X-Page": "1"})


@pytest.mark.parametrize("mode", MODES)
def test_raw_on_a_paginated_method_gives_one_page(mode: str, server: FaultServer) -> None:
    server.handler = _pages
    raw = run(mode, server.url, lambda c: c.rooms.list.raw(limit=10))
    assert isinstance(raw, RawResponse)
    assert (raw.status, raw.headers["x-page"], raw.attempts) == (200, "1", 1)
    page = raw.parsed
    assert isinstance(page, Page)
    assert [r.id for r in page.data] == ["r1"] and page.items is page.data
    assert page.next_cursor == "c2"
    assert isinstance(page.data[0], models.Room)

    resumed = run(mode, server.url, lambda c: c.rooms.list.raw(starting_after="c2"))
    assert resumed.headers["x-page"] == "2"
    assert [r.id for r in resumed.parsed] == ["r3"]
    assert resumed.parsed.next_cursor is None
    assert [dict(parse_qsl(urlsplit(r.target).query)) for r in server.requests] == [
        {"limit": "10"},
        {"limit": "20", "startingAfter": "c2"},
    ]


@pytest.mark.parametrize("mode", MODES)
def test_pages_and_flat_pages_share_data(mode: str, server: FaultServer) -> None:
    server.handler = _pages

    def both(client: Any) -> Any:
        if mode == "sync":
            return next(iter(client.rooms.list().pages())), client.get_rooms()

        async def collect() -> Any:
            return await client.rooms.list().first_page(), await client.get_rooms()

        return collect()

    page, flat = run(mode, server.url, both)
    assert [r.id for r in page.data] == [r.id for r in flat.data] == ["r1"]
    assert list(page) == list(page.items) == page.data


def _storage(received: Received) -> Reply:
    if received.path.endswith("/request-storage-mutation"):
        nodes = b'{"actor":1}\n["root",{"type":0,"data":{}}]\n'
        return Reply(200, nodes, {"X-Step": "read", "Content-Type": "application/x-ndjson"})
    return Reply(200, {"liveblocksType": "LiveObject", "data": {}}, {"X-Step": "initialize"})


@pytest.mark.parametrize("mode", MODES)
def test_raw_on_a_multistep_method(mode: str, server: FaultServer) -> None:
    server.script(Reply(503))  # the read is retried once: three attempts in all
    server.handler = _storage
    document = {"liveblocksType": "LiveObject", "data": {"a": 1}}
    raw = run(mode, server.url, lambda c: c.rooms["r1"].storage.replace.raw(document))
    assert isinstance(raw, RawResponse)
    assert (raw.status, raw.headers["x-step"], raw.method) == (200, "initialize", "POST")
    assert raw.attempts == 3
    assert isinstance(raw.parsed, models.InitializeStorageDocumentResponse)
    assert [r.path.rsplit("/", 1)[1] for r in server.requests] == [
        "request-storage-mutation",
        "request-storage-mutation",
        "storage",
    ]
    assert json.loads(server.requests[-1].body) == document


RAW_FORMS: list[Callable[[Any], Any]] = [
    lambda c: c.rooms["r1"].get.raw(),
    lambda c: c.get_room.raw("r1"),
    lambda c: c.rooms.list.raw(),
    lambda c: c.rooms["r1"].storage.replace.raw({"liveblocksType": "LiveObject", "data": {}}),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("form", RAW_FORMS, ids=["endpoint", "flat", "paginated", "multistep"])
def test_every_kind_of_method_has_raw(
    mode: str, form: Callable[[Any], Any], server: FaultServer
) -> None:
    def answer(received: Received) -> Reply:
        if received.path == "/v2/rooms":
            return Reply(200, {"nextCursor": None, "data": []})
        if "storage" in received.path:
            return _storage(received)
        return Reply(200, room_json("r1"))

    server.handler = answer
    assert isinstance(run(mode, server.url, form), RawResponse)
