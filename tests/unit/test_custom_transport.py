"""A transport of the user's own: the client sends through it and owns nothing of it."""

from __future__ import annotations

import asyncio
import json

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport, MockTransport

ROOM = {
    "type": "room",
    "id": "r 1",
    "organizationId": "org",
    "createdAt": "2024-01-02T03:04:05.678Z",
    "defaultAccesses": [],
    "usersAccesses": {},
    "groupsAccesses": {},
    "metadata": {},
}


def handler(request: Request) -> Response:
    if request.method == "GET" and request.path == "/v2/rooms/r%201":
        return Response(200, {"Content-Type": "application/json"}, json.dumps(ROOM).encode())
    return Response(404, {}, b'{"error":"ROOM_NOT_FOUND","message":"nope"}')


def test_sync_client_sends_through_a_custom_transport() -> None:
    transport = MockTransport(handler)
    client = Liveblocks("sk_custom_1", base_url="https://example.test", transport=transport)
    room = client.rooms["r 1"].get()
    assert isinstance(room, models.Room)
    assert room.id == "r 1"
    (request,) = transport.requests
    assert request.url == "https://example.test/v2/rooms/r%201"
    assert request.headers["Authorization"] == "Bearer sk_custom_1"
    assert "sk_custom_1" not in repr(request)
    client.close()
    assert not transport.closed  # the caller's transport stays the caller's to close


async def test_async_client_shares_the_same_handler() -> None:
    transport = AsyncMockTransport(handler)
    async with AsyncLiveblocks("sk_custom_1", transport=transport) as client:
        rooms = await asyncio.gather(*(client.get_room("r 1") for _ in range(5)))
    assert {room.id for room in rooms} == {"r 1"}
    assert len(transport.requests) == 5
    assert not transport.closed


def test_transport_of_the_wrong_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="send"):
        Liveblocks("sk_custom_1", transport=object())  # type: ignore[arg-type]


def _flaky(request: Request) -> Response:
    """503 on the first attempt, the room on the second."""
    if not hasattr(_flaky, "calls"):
        _flaky.calls = 0  # type: ignore[attr-defined]
    _flaky.calls += 1  # type: ignore[attr-defined]
    if _flaky.calls % 2:  # type: ignore[attr-defined]
        return Response(503, {"Retry-After": "0"}, b"")
    return Response(200, {"Content-Type": "application/json"}, json.dumps(ROOM).encode())


async def test_each_attempt_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger="liveblocks")
    _flaky.calls = 0  # type: ignore[attr-defined]
    with Liveblocks("sk_custom_1", transport=MockTransport(_flaky)) as client:
        client.rooms["r 1"].get()
    async with AsyncLiveblocks("sk_custom_1", transport=AsyncMockTransport(_flaky)) as aclient:
        await aclient.rooms["r 1"].get()
    answers = [r.getMessage() for r in caplog.records if " -> " in r.getMessage()]
    assert [a.split(" in ")[0] for a in answers] == [
        "GET /v2/rooms/r%201 -> 503",
        "GET /v2/rooms/r%201 -> 200",
    ] * 2
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert len(retries) == 2
