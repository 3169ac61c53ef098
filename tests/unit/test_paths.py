"""Resources keep the ids they are bound to; each call fills its endpoint's path template
with them, every placeholder escaped as one segment. No request is made."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from liveblocks import Liveblocks, _paths
from liveblocks._encoding import fill_path, segment
from liveblocks.resources.storage import mutation_steps


@pytest.fixture
def client() -> Iterator[Liveblocks]:
    with Liveblocks("sk_test_paths", base_url="https://api.liveblocks.test") as client:
        yield client


def test_a_resource_holds_its_ids_and_shows_its_path(client: Liveblocks) -> None:
    thread = client.rooms["r"].threads["t"]
    assert dict(thread.ids) == {"room_id": "r", "thread_id": "t"}
    assert type(thread).path_template == "/v2/rooms/{room_id}/threads/{thread_id}"
    assert repr(thread) == "<ThreadResource /v2/rooms/r/threads/t>"
    assert not hasattr(thread, "_path")
    assert dict(client.rooms["a b"].storage.ids) == {"room_id": "a b"}
    assert repr(client.rooms["a b"].storage) == "<StorageResource /v2/rooms/a%20b/storage>"
    assert dict(client.rooms.ids) == {}
    assert repr(client.rooms) == "<Rooms /v2/rooms>"


def test_ids_cannot_be_changed_through_the_accessor(client: Liveblocks) -> None:
    room = client.rooms["r"]
    with pytest.raises(TypeError):
        room.ids["room_id"] = "other"  # type: ignore[index]
    assert room.get.call().path == "/v2/rooms/r"


def test_a_call_carries_its_template_and_the_filled_path(client: Liveblocks) -> None:
    call = client.rooms["r/1"].storage.patch.call([{"op": "remove", "path": "/a"}])
    assert (call.method, call.path_template) == ("PATCH", "/v2/rooms/{room_id}/storage/json-patch")
    assert call.path == "/v2/rooms/r%2F1/storage/json-patch"
    assert call.map(len).path_template == call.path_template


def test_ids_given_to_a_method_are_escaped_too(client: Liveblocks) -> None:
    files = client.rooms["r"].files["fl_1"]
    create = files.multipart.create.call("../x?.png")
    assert create.path == "/v2/rooms/r/storage/files/fl_1/multipart/..%2Fx%3F.png"
    assert create.path_template == "/v2/rooms/{room_id}/storage/files/{file_id}/multipart/{name}"
    part = files.multipart[".."].upload_part.call(3, b"data")
    assert part.path == "/v2/rooms/r/storage/files/fl_1/multipart/%2E%2E/3"
    knowledge = client.ai.copilots["cp"].knowledge.files.upload.call("a/b.pdf", b"%PDF")
    assert knowledge.path == "/v2/ai/copilots/cp/knowledge/file/a%2Fb.pdf"


def test_the_copilot_id_comes_from_the_bound_ids(client: Liveblocks) -> None:
    web = client.ai.copilots["cp_1"].knowledge.web
    assert (web.copilot_id, client.ai.copilots["cp_1"].copilot_id) == ("cp_1", "cp_1")
    assert web.create.call(url="https://example.com", type="individual_link").body == (
        b'{"copilotId":"cp_1","url":"https://example.com","type":"individual_link"}'
    )


def test_a_storage_mutation_reads_and_sends_at_the_rooms_paths() -> None:
    steps = mutation_steps("a/b", lambda root: None, (), False)
    read = next(steps)
    assert read.path == "/v2/rooms/a%2Fb/request-storage-mutation"
    assert read.path_template == "/v2/rooms/{room_id}/request-storage-mutation"


@pytest.mark.parametrize("bad", ["", None, 5, ["r"]])
def test_a_bad_id_given_to_a_method_is_refused_as_segment_refuses_it(bad: Any) -> None:
    with pytest.raises((TypeError, ValueError)) as expected:
        segment(bad, "upload_id")
    with pytest.raises(type(expected.value), match=str(expected.value)):
        fill_path("/v2/x/{upload_id}", {"upload_id": bad})


def test_filling_gives_what_segment_gives_for_every_id_seen_before() -> None:
    ids = [f"room {n}" if n % 2 else f"r{n}" for n in range(6000)] + [".", "..", "é", "r1"]
    for _ in range(2):  # the second time, from the ids already seen
        for room_id in ids:
            path = fill_path(
                "/v2/rooms/{room_id}/feeds/{feed_id}", {"room_id": room_id, "feed_id": ".."}
            )
            assert path == f"/v2/rooms/{segment(room_id)}/feeds/%2E%2E"


def _escaped(value: str) -> str:
    """One segment as the rule says, computed apart from the SDK's remembered ones."""
    if value in (".", ".."):
        return value.replace(".", "%2E")
    return quote(value, safe="")


def test_a_segment_seen_before_is_escaped_the_same_and_the_memory_stays_bounded() -> None:
    long_id = "x/" * 200  # longer than the ids kept: escaped every time
    ids = [f"r {n}/?" if n % 3 else f"r{n}" for n in range(10_000)] + [".", "..", long_id]
    for _ in range(2):
        for room_id in ids:
            assert segment(room_id) == _escaped(room_id)
    assert len(_paths._segments) <= _paths._SEGMENTS_KEPT
    assert long_id not in _paths._segments
    with pytest.raises(ValueError, match="must not be empty"):
        segment("")  # never remembered as valid
    with pytest.raises(TypeError, match="must be a string"):
        segment(b"r1")  # type: ignore[arg-type]
