"""Identifiers reach the server as one percent-encoded path segment, in both transports.

urllib3 (requests) and yarl (aiohttp) each have their own ideas about dot segments and
escapes; the request line the server receives is what counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from tests.fakes.faultserver import SECRET, FaultServer, Reply, run

MODES = ["sync", "async"]

# id -> the segment as it must appear in the request line
ENCODED = {
    ".": "%2E",
    "..": "%2E%2E",
    "../x": "..%2Fx",
    "../../v2/rooms": "..%2F..%2Fv2%2Frooms",
    "a/b?c#d": "a%2Fb%3Fc%23d",
    "%2E%2E": "%252E%252E",
    "a b+c&d=e": "a%20b%2Bc%26d%3De",
    "\\..\\x": "%5C..%5Cx",
    "é": "%C3%A9",
    "x\r\nHost: evil": "x%0D%0AHost%3A%20evil",
}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("room_id", list(ENCODED))
def test_id_is_one_segment(mode: str, room_id: str, server: FaultServer) -> None:
    server.handler = lambda request: Reply(200, {})
    calls: list[Any] = [
        lambda c: c.rooms[room_id].storage.get(),
        lambda c: c.get_storage_document(room_id),
        lambda c: c.rooms[room_id].delete(),
    ]
    for call in calls:
        run(mode, server.url, call)
    segment = ENCODED[room_id]
    targets = [r.target for r in server.requests]
    assert targets == [
        f"/v2/rooms/{segment}/storage",
        f"/v2/rooms/{segment}/storage",
        f"/v2/rooms/{segment}",
    ]
    for request in server.requests:
        assert request.request_line.endswith(" HTTP/1.1")
        assert request.request_line.count(" ") == 2
        assert "?" not in request.target and "#" not in request.target


@pytest.mark.parametrize("mode", MODES)
def test_id_in_query_stays_in_query(mode: str, server: FaultServer) -> None:
    server.handler = lambda request: Reply(200, {"nextCursor": None, "data": []})
    run(mode, server.url, lambda c: c.get_rooms(starting_after="../x&limit=1#y"))
    assert server.requests[0].target == "/v2/rooms?limit=20&startingAfter=..%2Fx%26limit%3D1%23y"


@pytest.mark.parametrize("bad", ["", None, 5])
def test_empty_or_non_string_ids_refused_before_any_request(bad: Any, server: FaultServer) -> None:
    expected = ValueError if bad == "" else TypeError
    with Liveblocks(SECRET, base_url=server.url) as client:
        with pytest.raises(expected):
            client.rooms[bad].get()
        with pytest.raises(expected):
            client.get_room(bad)
        with pytest.raises(expected):
            client.rooms.create(id=bad, default_accesses=[])
    assert server.count == 0


async def test_empty_id_refused_before_any_request_async(server: FaultServer) -> None:
    async with AsyncLiveblocks(SECRET, base_url=server.url) as client:
        with pytest.raises(ValueError, match="must not be empty"):
            await client.rooms[""].get()
        with pytest.raises(ValueError, match="must not be empty"):
            await client.get_room("")
    assert server.count == 0
