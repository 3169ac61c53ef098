"""Rooms, Storage and Yjs through both clients and both faces, as a user writes them.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveblocks import AsyncLiveblocks, Liveblocks, models


def sync_usage(client: Liveblocks) -> None:
    room = client.rooms.create(id="r", default_accesses=["room:write"], idempotent=True)
    fetched = client.get_room("r")
    page = client.get_rooms(limit=10)
    document = client.rooms["r"].storage.get(format="json")
    update = client.rooms["r"].yjs.get_binary()
    binary = client.get_yjs_document_as_binary_update("r")
    client.rooms["r"].yjs.send_update(update)
    client.send_yjs_binary_update("r", body=binary)
    client.rooms["r"].update(users_accesses={"alice": None})
    client.update_room("r", body=models.UpdateRoomRequestBody(metadata={"k": "v"}))
    versions = [v.id for v in client.rooms["r"].yjs.versions.list()]
    replaced = client.rooms["r"].storage.replace({"liveblocksType": "LiveObject", "data": {}})
    got = client.rooms.get_or_create("r", default_accesses=["room:write"])
    got_flat = client.get_or_create_room("r", default_accesses=[], metadata={"k": "v"})
    if TYPE_CHECKING:
        reveal_type(got)  # expect: liveblocks._models.rooms.Room
        reveal_type(got_flat)  # expect: liveblocks._models.rooms.Room
        reveal_type(room)  # expect: liveblocks._models.rooms.Room
        reveal_type(fetched)  # expect: liveblocks._models.rooms.Room
        reveal_type(page)  # expect: liveblocks._models.rooms.GetRoomsResponse
        reveal_type(page.data)  # expect: list[liveblocks._models.rooms.Room]
        reveal_type(
            client.rooms.list()
        )  # expect: liveblocks._pagination.SyncPager[liveblocks._models.rooms.Room]
        reveal_type(document)  # expect: liveblocks._models.storage.GetStorageDocumentResponse
        reveal_type(update)  # expect: bytes
        reveal_type(binary)  # expect: liveblocks.types.File
        reveal_type(versions)  # expect: list[str]
        reveal_type(
            replaced
        )  # expect: liveblocks._models.storage.InitializeStorageDocumentResponse
        reveal_type(
            client.rooms["r"].active_users()
        )  # expect: liveblocks._models.rooms.ActiveUsersResponse
        reveal_type(client.delete_room("r"))  # expect: None


async def async_usage(client: AsyncLiveblocks) -> None:
    pending = client.rooms["r"].get()
    pending_flat = client.get_room("r")
    room = await pending
    fetched = await pending_flat
    await client.rooms.create(id="r", default_accesses=[])
    document = await client.get_storage_document("r")
    update = await client.rooms["r"].yjs.get_binary()
    ids = [r.id async for r in client.rooms.list(limit=100)]
    got = await client.rooms.get_or_create("r", default_accesses=[])
    pending_got = client.get_or_create_room("r", default_accesses=[])
    if TYPE_CHECKING:
        reveal_type(got)  # expect: liveblocks._models.rooms.Room
        _ = reveal_type(
            pending_got
        )  # expect: typing.Coroutine[Any, Any, liveblocks._models.rooms.Room]
        _ = reveal_type(
            pending
        )  # expect: typing.Coroutine[Any, Any, liveblocks._models.rooms.Room]
        _ = reveal_type(
            pending_flat
        )  # expect: typing.Coroutine[Any, Any, liveblocks._models.rooms.Room]
        reveal_type(room)  # expect: liveblocks._models.rooms.Room
        reveal_type(fetched)  # expect: liveblocks._models.rooms.Room
        reveal_type(document)  # expect: liveblocks._models.storage.GetStorageDocumentResponse
        reveal_type(update)  # expect: bytes
        reveal_type(ids)  # expect: list[str]
        reveal_type(
            client.rooms.list()
        )  # expect: liveblocks._pagination.AsyncPager[liveblocks._models.rooms.Room]
