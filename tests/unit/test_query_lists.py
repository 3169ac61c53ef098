"""Ids given as a list for a comma-joined query parameter (``groupIds``) stay the ids they
are: one with a comma (which the server would read as two), an empty one, or one that is
not a string is refused before any request, in both clients and both faces, and in the
batch jobs that filter rooms by group."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks._call import query_items
from liveblocks.export import export_rooms
from liveblocks.mutate import RoomFilter, mass_mutate_storage
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport, MockTransport

SECRET = "sk_test_query_lists"
BASE = "https://api.liveblocks.test"

#: group_ids -> (exception, message)
REFUSED = [
    pytest.param(["a,b"], ValueError, "group_ids[0] must not contain a comma", id="comma"),
    pytest.param(["ok", "x,"], ValueError, "group_ids[1] must not contain a comma", id="trailing"),
    pytest.param(("ok", ","), ValueError, "group_ids[1] must not contain a comma", id="tuple"),
    pytest.param(["ok", ""], ValueError, "group_ids[1] must not be empty", id="empty"),
    pytest.param(["ok", 7], TypeError, "group_ids[1] must be a string, got int", id="int"),
]

FACES: list[Any] = [
    pytest.param(lambda c, ids: c.rooms.list(group_ids=ids), id="rooms.list"),
    pytest.param(lambda c, ids: c.get_rooms(group_ids=ids), id="get_rooms"),
    pytest.param(lambda c, ids: c.rooms.list.raw(group_ids=ids), id="rooms.list.raw"),
]


def _no_request(request: Request) -> Response:
    raise AssertionError(f"no request may be sent, got {request.method} {request.url}")


@pytest.mark.parametrize("face", FACES)
@pytest.mark.parametrize(("group_ids", "error", "message"), REFUSED)
def test_sync_refused_before_any_request(
    face: Callable[..., Any], group_ids: Any, error: type[Exception], message: str
) -> None:
    transport = MockTransport(_no_request)
    with Liveblocks(SECRET, base_url=BASE, transport=transport) as client:
        with pytest.raises(error) as raised:
            pager = face(client, group_ids)
            list(pager)  # for a face that would refuse only when iterated
    assert str(raised.value).startswith(message)
    assert transport.requests == []


@pytest.mark.parametrize("face", FACES)
@pytest.mark.parametrize(("group_ids", "error", "message"), REFUSED)
async def test_async_refused_before_any_request(
    face: Callable[..., Any], group_ids: Any, error: type[Exception], message: str
) -> None:
    transport = AsyncMockTransport(_no_request)
    async with AsyncLiveblocks(SECRET, base_url=BASE, transport=transport) as client:
        with pytest.raises(error) as raised:
            result = face(client, group_ids)
            if hasattr(result, "__aiter__"):
                [item async for item in result]
            else:
                await result
    assert str(raised.value).startswith(message)
    assert transport.requests == []


def test_the_message_says_why() -> None:
    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(_no_request)) as client:
        with pytest.raises(ValueError) as raised:
            client.get_rooms(group_ids=["engineering,design"])
    assert str(raised.value) == (
        "group_ids[0] must not contain a comma: the server would read "
        "'engineering,design' as several ids"
    )


def _rooms_page(requests: list[str]) -> Callable[[Request], Response]:
    def handler(request: Request) -> Response:
        requests.append(request.url)
        return Response(200, {"Content-Type": "application/json"}, b'{"nextCursor":null,"data":[]}')

    return handler


@pytest.mark.parametrize(
    ("group_ids", "sent"),
    [
        (["g1", "g2"], "groupIds=g1%2Cg2"),
        (("g 1",), "groupIds=g+1"),
        (iter(["g1", "g2"]), "groupIds=g1%2Cg2"),  # any iterable, read once
        ("g1,g2", "groupIds=g1%2Cg2"),  # one string: the reference's joined form
    ],
)
def test_accepted_lists_are_joined_with_commas(group_ids: Any, sent: str) -> None:
    requests: list[str] = []
    with Liveblocks(SECRET, base_url=BASE, transport=MockTransport(_rooms_page(requests))) as c:
        assert c.get_rooms(group_ids=group_ids).data == []
    assert requests == [f"{BASE}/v2/rooms?limit=20&{sent}"]


def test_every_list_joined_into_a_query_is_checked() -> None:
    assert query_items({"ids": ["a", "b"]}) == [("ids", "a,b")]
    with pytest.raises(ValueError, match=r"^ids\[1\] must not contain a comma"):
        query_items({"ids": ["a", "b,c"]})


def test_batch_jobs_refuse_them_before_any_request(tmp_path: Path) -> None:
    transport = MockTransport(_no_request)
    directory = tmp_path / "export"
    with Liveblocks(SECRET, base_url=BASE, transport=transport) as client:
        with pytest.raises(ValueError, match=r"group_ids\[0\] must not contain a comma"):
            RoomFilter.of(group_ids=["a,b"])
        with pytest.raises(ValueError, match=r"group_ids\[0\] must not contain a comma"):
            # A filter made without RoomFilter.of is checked by the room list itself.
            mass_mutate_storage(
                client, lambda room, root: None, rooms=RoomFilter(group_ids=("a,b",))
            )
        with pytest.raises(ValueError, match=r"group_ids\[0\] must not contain a comma"):
            client.mass_mutate_storage(lambda room, root: None, group_ids=["a,b"])
        with pytest.raises(ValueError, match=r"group_ids\[0\] must not contain a comma"):
            export_rooms(client, directory, group_ids=["a,b"])
    assert transport.requests == []
    assert not directory.exists()
    # A string is split on its commas, as the command line's --group-ids is.
    assert RoomFilter.of(group_ids="a, b").group_ids == ("a", "b")
