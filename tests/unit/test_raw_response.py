"""``endpoint.raw(...)``: status, headers and the decoded value of any call."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, _retry, errors, models
from liveblocks._response import RawResponse
from tests.fakes.faultserver import SECRET, FaultServer, Reply, room_json

HEADERS = {"X-Request-Id": "req_42", "X-RateLimit-Remaining": "99"}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.fixture
def client(server: FaultServer) -> Iterator[Liveblocks]:
    with Liveblocks(SECRET, base_url=server.url) as c:
        yield c


def test_resource_method(client: Liveblocks, server: FaultServer) -> None:
    server.script(Reply(200, room_json("r1"), headers=HEADERS))
    raw = client.rooms["r1"].get.raw()
    assert isinstance(raw, RawResponse)
    assert raw.status == 200
    assert raw.headers["x-ratelimit-remaining"] == "99"  # case-insensitive
    assert raw.request_id == "req_42"
    assert isinstance(raw.parsed, models.Room) and raw.parsed.id == "r1"
    assert raw.content.startswith(b"{")
    assert (raw.method, raw.path) == ("GET", "/v2/rooms/r1")
    assert (raw.attempts, raw.retries) == (1, 0)
    assert raw.elapsed > 0
    assert repr(raw) == "<RawResponse 200 GET /v2/rooms/r1>"


def test_flat_method_and_parameters(client: Liveblocks, server: FaultServer) -> None:
    raw = client.get_room.raw("r2")
    assert raw.parsed.id == "r2"
    page = {"nextCursor": "c2", "data": [room_json("a")]}
    server.script(Reply(200, page))
    raw_page = client.get_rooms.raw(limit=1, starting_after="c1")
    assert raw_page.parsed.next_cursor == "c2"
    assert server.requests[-1].target == "/v2/rooms?limit=1&startingAfter=c1"


def test_no_content(client: Liveblocks, server: FaultServer) -> None:
    server.script(Reply(204, headers=HEADERS))
    raw = client.rooms["r1"].delete.raw()
    assert (raw.status, raw.parsed, raw.content, raw.request_id) == (204, None, b"", "req_42")


def test_counts_retries(
    client: Liveblocks, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_retry, "INITIAL_BACKOFF", 0.01)
    server.script(Reply(503), Reply(429, headers={"Retry-After": "0"}))
    raw = client.rooms["r1"].get.raw()
    assert (raw.status, raw.attempts, raw.retries) == (200, 3, 2)


def test_errors_raised_as_by_the_plain_call(client: Liveblocks, server: FaultServer) -> None:
    server.script(Reply(404, {"error": "ROOM_NOT_FOUND", "message": "No"}, headers=HEADERS))
    with pytest.raises(errors.NotFoundError) as info:
        client.rooms["r1"].get.raw()
    assert info.value.request_id == "req_42"


def test_with_options(client: Liveblocks, server: FaultServer) -> None:
    server.script(Reply(503))
    with pytest.raises(errors.InternalServerError):
        client.with_options(max_retries=0).rooms["r1"].get.raw()
    assert server.count == 1


async def test_async(server: FaultServer) -> None:
    server.script(Reply(200, room_json("r1"), headers=HEADERS))
    async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
        raw = await client.rooms["r1"].get.raw()
        assert (raw.status, raw.request_id, raw.parsed.id) == (200, "req_42", "r1")
        flat = await client.get_room.raw("r2")
        assert flat.parsed.id == "r2"
        server.script(Reply(404, {"error": "ROOM_NOT_FOUND", "message": "No"}))
        with pytest.raises(errors.NotFoundError):
            await client.rooms["r3"].get.raw()
