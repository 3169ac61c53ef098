"""Live Storage through both clients and both faces: mutate, mutate_storage,
mass_mutate_storage, the JSON Patch job of many rooms (mass_patch_storage, and its former
name), and the Live structures themselves.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liveblocks import AsyncLiveblocks, Liveblocks, LiveFile, LiveList, LiveMap, LiveObject
from liveblocks.models import Room
from liveblocks.mutate import (
    MutationReport,
    mass_mutate_storage,
    mass_patch_storage,
    mass_patch_storage_async,
    mutate_storage,
)


def count_items(root: LiveObject) -> int:
    items = root["items"]
    assert isinstance(items, LiveList)
    items.push(LiveObject({"done": False}))
    return len(items)


async def rename(root: LiveObject) -> str:
    root["title"] = "Roadmap"
    return "renamed"


def per_room(room: Room, root: LiveObject) -> None:
    root.update({"room": room.id, "tags": LiveMap({"a": 1})})


async def per_room_async(room: Room, root: LiveObject) -> None:
    root.delete("old")


def patch_room(room: Room, storage: dict[str, object]) -> list[dict[str, object]]:
    return [{"op": "add", "path": "/v", "value": 2}]


def sync_usage(client: Liveblocks, file: LiveFile) -> None:
    counted = client.rooms["r"].storage.mutate(count_items)
    flat = client.mutate_storage("r", lambda root: len(root))
    nothing = client.rooms["r"].storage.mutate(lambda root: root.set("cover", file))
    report = client.mass_mutate_storage(per_room, query='metadata["a"]:"b"', concurrency=4)
    engine = mass_mutate_storage(client, per_room)
    if TYPE_CHECKING:
        reveal_type(counted)  # expect: int
        reveal_type(flat)  # expect: int
        reveal_type(nothing)  # expect: None
        reveal_type(report)  # expect: liveblocks._mutation.MutationReport
        reveal_type(engine)  # expect: liveblocks._mutation.MutationReport


def json_patch_usage(client: Liveblocks) -> None:
    patched = mass_patch_storage(client, patch_room, rooms=["a", "b"], concurrency=2)
    former = mutate_storage(client, patch_room, rooms='metadata["a"]:"b"')
    if TYPE_CHECKING:
        reveal_type(patched)  # expect: liveblocks._mutation.MutationReport
        reveal_type(former)  # expect: liveblocks._mutation.MutationReport


async def async_usage(client: AsyncLiveblocks) -> None:
    renamed = await client.rooms["r"].storage.mutate(rename)
    counted = await client.rooms["r"].storage.mutate(count_items)
    flat = await client.mutate_storage("r", rename)
    report = await client.mass_mutate_storage(per_room_async, group_ids=["g"])
    pending = client.mass_mutate_storage(per_room)
    if TYPE_CHECKING:
        reveal_type(renamed)  # expect: str
        reveal_type(counted)  # expect: int
        reveal_type(flat)  # expect: str
        reveal_type(report)  # expect: liveblocks._mutation.MutationReport
    awaited = await pending
    patched = await mass_patch_storage_async(client, patch_room)
    if TYPE_CHECKING:
        reveal_type(patched)  # expect: liveblocks._mutation.MutationReport
    if TYPE_CHECKING:
        reveal_type(awaited)  # expect: liveblocks._mutation.MutationReport


def structures() -> MutationReport | None:
    obj = LiveObject({"a": 1}, b=LiveList([1, 2]))
    lst = LiveList(["x"])
    lst.insert(0, "w")
    lst.move(0, 1)
    m = LiveMap({"k": LiveObject()})
    removed = m.delete("k")
    length = len(lst) + len(obj) + len(m)
    if TYPE_CHECKING:
        reveal_type(removed)  # expect: bool
        reveal_type(length)  # expect: int
    return None
