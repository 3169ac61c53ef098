"""Rooms, Storage and Yjs against the real Liveblocks dev server, through both clients."""

from __future__ import annotations

import asyncio
import uuid

import pycrdt
import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)
from liveblocks.types import File
from tests.devserver_process import DevServer

ODD_IDS = ["with space", "slash/inside", "question?mark", "hash#tag", "héllo-wörld", "日本語"]

DOCUMENT = {
    "liveblocksType": "LiveObject",
    "data": {
        "title": "Plan",
        "count": 3,
        "tags": {"liveblocksType": "LiveList", "data": ["a", "b"]},
        "owners": {"liveblocksType": "LiveMap", "data": {"alice": {"role": "admin"}}},
        "nested": {"liveblocksType": "LiveObject", "data": {"done": False}},
    },
}


def make_update(text: str) -> bytes:
    doc = pycrdt.Doc()
    doc["body"] = body = pycrdt.Text()
    doc["meta"] = meta = pycrdt.Map()
    body += text
    meta["author"] = "tour"
    return doc.get_update()


def read_text(update: bytes) -> str:
    doc = pycrdt.Doc()
    doc.apply_update(update)
    return str(doc.get("body", type=pycrdt.Text))


# -- rooms ---------------------------------------------------------------------------


def test_room_lifecycle(live: Liveblocks, room_id: str) -> None:
    created = live.rooms.create(
        id=room_id,
        default_accesses=["room:write"],
        metadata={"team": "a", "tags": ["x", "y"]},
        users_accesses={"alice": [models.RoomPermissionItem.ROOMREAD]},
    )
    assert isinstance(created, models.Room)
    assert created.id == room_id
    assert created.default_accesses == [models.RoomPermissionItem.ROOMWRITE]
    assert created.metadata == {"team": "a", "tags": ["x", "y"]}
    assert created.users_accesses == {"alice": ["room:read"]}

    fetched = live.rooms.get(room_id)
    assert fetched == created
    assert live.get_room(room_id) == created
    assert live.rooms[room_id].get() == created

    updated = live.rooms[room_id].update(
        metadata={"team": "b"},
        users_accesses={"alice": None, "bob": ["room:write"]},
        default_accesses=[],
    )
    assert updated.metadata == {"team": "b", "tags": ["x", "y"]}
    assert updated.users_accesses == {"bob": ["room:write"]}
    assert updated.default_accesses == []

    flat = live.update_room(
        room_id, body=models.UpdateRoomRequestBody(groups_accesses={"eng": ["room:read"]})
    )
    assert flat.groups_accesses == {"eng": ["room:read"]}

    assert room_id in {room.id for room in live.rooms.list()}
    live.rooms[room_id].delete()
    with pytest.raises(NotFoundError) as info:
        live.rooms[room_id].get()
    assert info.value.status == 404
    assert info.value.code == "ROOM_NOT_FOUND"
    assert room_id in info.value.message
    assert info.value.method == "GET"


def test_create_twice_conflicts_unless_idempotent(live: Liveblocks, room_id: str) -> None:
    first = live.create_room(
        body=models.CreateRoomRequestBody(id=room_id, default_accesses=[], metadata={"v": "1"})
    )
    with pytest.raises(ConflictError) as info:
        live.rooms.create(id=room_id, default_accesses=[])
    assert info.value.code == "ROOM_ALREADY_EXISTS"
    again = live.rooms.create(id=room_id, default_accesses=["room:write"], idempotent=True)
    assert again == first  # returned as it is, not changed
    flat_again = live.create_room(
        body=models.CreateRoomRequestBody(id=room_id, default_accesses=[]), idempotent=True
    )
    assert flat_again == first


def test_get_or_create_creates_once_then_returns_the_room_unchanged(
    live: Liveblocks, room_id: str
) -> None:
    created = live.rooms.get_or_create(
        room_id, default_accesses=["room:write"], metadata={"team": "a"}
    )
    assert created.id == room_id
    assert created.metadata == {"team": "a"}
    assert created.default_accesses == ["room:write"]
    again = live.get_or_create_room(room_id, default_accesses=[], metadata={"team": "b"})
    assert again == created
    assert live.rooms.get(room_id) == created


async def test_get_or_create_on_the_async_client(alive: AsyncLiveblocks, room_id: str) -> None:
    created = await alive.get_or_create_room(room_id, default_accesses=[], metadata={"k": "v"})
    again = await alive.rooms.get_or_create(room_id, default_accesses=["room:write"])
    assert again == created
    assert again.metadata == {"k": "v"}
    assert again.default_accesses == []


def test_list_and_flat_page(live: Liveblocks) -> None:
    prefix = f"list-{uuid.uuid4().hex[:8]}"
    ids = {f"{prefix}-{i}" for i in range(5)}
    for room in ids:
        live.rooms.create(id=room, default_accesses=[], metadata={"batch": prefix})
    listed = {room.id for room in live.rooms.list(limit=2) if room.id.startswith(prefix)}
    assert listed == ids
    page = live.get_rooms(limit=100)
    assert isinstance(page, models.GetRoomsResponse)
    assert ids <= {room.id for room in page.data}
    pages = list(live.rooms.list(limit=100).pages())
    assert pages[-1].next_cursor is None


def test_unprocessable_body_maps_to_422(live: Liveblocks, room_id: str) -> None:
    with pytest.raises(UnprocessableEntityError) as info:
        live.rooms.create(id=room_id, default_accesses=[], metadata={"nested": {"a": "b"}})  # type: ignore[dict-item]
    err = info.value
    assert err.status == 422
    assert "metadata" in err.message  # the server's reason, not just its status text
    assert err.method == "POST"
    assert err.path == "/v2/rooms"


def test_wrong_secret_is_permission_denied(devserver: DevServer) -> None:
    with Liveblocks("sk_not_the_dev_key", base_url=devserver.url) as client:
        with pytest.raises(PermissionDeniedError) as info:
            client.rooms.get("anything")
    assert info.value.status == 403
    assert "sk_not_the_dev_key" not in str(info.value)
    assert "sk_not_the_dev_key" not in repr(info.value)


@pytest.mark.parametrize("odd", ODD_IDS)
def test_odd_room_ids_are_one_path_segment(live: Liveblocks, odd: str) -> None:
    room_id = f"{odd}-{uuid.uuid4().hex[:6]}"
    live.rooms.create(id=room_id, default_accesses=[])
    try:
        assert live.rooms[room_id].get().id == room_id
        live.rooms[room_id].storage.initialize({"liveblocksType": "LiveObject", "data": {"k": 1}})
        assert live.rooms[room_id].storage.get(format="json") == {"k": 1}
        live.rooms[room_id].yjs.send_update(make_update("odd"))
        assert read_text(live.rooms[room_id].yjs.get_binary()) == "odd"
    finally:
        live.rooms[room_id].delete()
    with pytest.raises(NotFoundError):
        live.rooms[room_id].get()


# -- storage ---------------------------------------------------------------------------


def test_storage_initialize_get_delete(live: Liveblocks, room_id: str) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    storage = live.rooms[room_id].storage
    assert storage.get() == {"liveblocksType": "LiveObject", "data": {}}

    initialized = storage.initialize(DOCUMENT)
    assert isinstance(initialized, models.InitializeStorageDocumentResponse)
    assert initialized == DOCUMENT

    lson = storage.get()
    assert isinstance(lson, models.GetStorageDocumentResponse)
    assert lson == DOCUMENT
    assert live.get_storage_document(room_id) == DOCUMENT
    as_json = storage.get(format="json")
    assert as_json == {
        "title": "Plan",
        "count": 3,
        "tags": ["a", "b"],
        "owners": {"alice": {"role": "admin"}},
        "nested": {"done": False},
    }
    assert (
        live.get_storage_document(room_id, format_=models.GetStorageDocumentFormat.JSON) == as_json
    )

    with pytest.raises(ConflictError) as info:
        storage.initialize(DOCUMENT)
    assert info.value.code == "CANNOT_UPDATE_EXISTING_STORAGE"
    assert info.value.suggestion

    replacement = {"liveblocksType": "LiveObject", "data": {"title": "Replaced"}}
    assert storage.replace(replacement) == replacement
    assert storage.get() == replacement

    live.delete_storage_document(room_id)
    assert storage.get(format="json") == {}
    live.initialize_storage_document(
        room_id,
        body=models.InitializeStorageDocumentBody(liveblocks_type="LiveObject", data={"n": 1}),
    )
    assert storage.get(format="json") == {"n": 1}


def test_storage_of_missing_room_is_not_found(live: Liveblocks) -> None:
    with pytest.raises(NotFoundError) as info:
        live.rooms["no-such-room-storage"].storage.get()
    assert info.value.code == "ROOM_NOT_FOUND"


# -- yjs -------------------------------------------------------------------------------


def test_yjs_update_round_trip(live: Liveblocks, room_id: str) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    yjs = live.rooms[room_id].yjs
    assert yjs.get_binary() == b"\x00\x00"  # an empty document

    yjs.send_update(make_update("Hello from pycrdt"))
    assert read_text(yjs.get_binary()) == "Hello from pycrdt"
    as_json = yjs.get()
    assert isinstance(as_json, models.GetYjsDocumentResponse)
    assert as_json["body"] == "Hello from pycrdt"
    assert as_json["meta"] == {"author": "tour"}

    # The flat methods, with the reference's File in and out.
    other = pycrdt.Doc()
    other.apply_update(yjs.get_binary())
    text = other.get("body", type=pycrdt.Text)
    before = other.get_state()
    text += "!"
    live.send_yjs_binary_update(room_id, body=File(payload=other.get_update(before)))
    downloaded = live.get_yjs_document_as_binary_update(room_id)
    assert isinstance(downloaded, File)
    assert read_text(downloaded.read()) == "Hello from pycrdt!"
    assert live.get_yjs_document(room_id)["body"] == "Hello from pycrdt!"


# -- async -----------------------------------------------------------------------------


async def test_async_flows(alive: AsyncLiveblocks, room_id: str) -> None:
    room = await alive.rooms.create(id=room_id, default_accesses=["room:write"])
    assert isinstance(room, models.Room)
    assert (await alive.get_room(room_id)) == room
    assert room_id in [r.id async for r in alive.rooms.list()]
    with pytest.raises(ConflictError):
        await alive.rooms.create(id=room_id, default_accesses=[])
    assert (await alive.rooms.create(id=room_id, default_accesses=[], idempotent=True)) == room

    storage = alive.rooms[room_id].storage
    await storage.initialize(DOCUMENT)
    assert (await storage.get()) == DOCUMENT
    assert (await storage.get(format="json"))["tags"] == ["a", "b"]
    replacement = {"liveblocksType": "LiveObject", "data": {"v": 2}}
    await storage.replace(replacement)
    assert (await alive.get_storage_document(room_id)) == replacement

    await alive.rooms[room_id].yjs.send_update(make_update("async text"))
    assert read_text(await alive.rooms[room_id].yjs.get_binary()) == "async text"
    assert (await alive.get_yjs_document(room_id))["body"] == "async text"

    await alive.delete_room(room_id)
    with pytest.raises(NotFoundError):
        await alive.rooms[room_id].get()


async def test_async_odd_ids(alive: AsyncLiveblocks) -> None:
    for odd in ODD_IDS:
        room_id = f"{odd}-{uuid.uuid4().hex[:6]}"
        created = await alive.rooms.create(id=room_id, default_accesses=[])
        assert created.id == room_id
        assert (await alive.rooms[room_id].get()).id == room_id
        await alive.rooms[room_id].delete()


async def test_fifty_concurrent_calls(alive: AsyncLiveblocks) -> None:
    prefix = f"conc-{uuid.uuid4().hex[:8]}"
    ids = [f"{prefix}-{i}" for i in range(50)]
    created = await asyncio.gather(
        *(
            alive.rooms.create(id=i, default_accesses=[], metadata={"n": str(n)})
            for n, i in enumerate(ids)
        )
    )
    assert [room.id for room in created] == ids
    fetched = await asyncio.gather(*(alive.rooms[i].get() for i in ids))
    assert [room.metadata["n"] for room in fetched] == [str(n) for n in range(50)]
    await asyncio.gather(*(alive.rooms[i].storage.initialize(DOCUMENT) for i in ids))
    documents = await asyncio.gather(*(alive.rooms[i].storage.get() for i in ids))
    assert all(doc == DOCUMENT for doc in documents)
    await asyncio.gather(*(alive.rooms[i].delete() for i in ids))


def test_async_client_across_event_loops(devserver: DevServer, room_id: str) -> None:
    client = AsyncLiveblocks("sk_localdev", base_url=devserver.url)
    asyncio.run(client.rooms.create(id=room_id, default_accesses=[]))
    assert asyncio.run(client.rooms[room_id].get()).id == room_id
    asyncio.run(client.rooms[room_id].delete())
    asyncio.run(client.close())
