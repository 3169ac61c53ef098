"""Live Storage against the real dev server, compared with @liveblocks/node: the same
edits, made through every method of LiveObject, LiveList and LiveMap (and LiveFile), by
the SDK in one room and by node's ``mutateStorage`` in a twin room, leave the two rooms'
Storage exactly alike (the plain LSON, and every node with its position), on both
clients and both faces. Plus: concurrent writers merge, a failing callback sends nothing,
nodes the SDK does not edit stay as they are, large edits go out in bounded requests."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, LiveList, LiveObject

FILE_ID_2 = "fl_LiveStorageTest_00002"


# -- helpers -------------------------------------------------------------------------


def _initialize(client: Liveblocks, room: str, document: dict[str, Any] | None) -> None:
    client.rooms.create(id=room, default_accesses=["room:write"])
    if document is not None:
        client.rooms[room].storage.initialize(document)


# -- concurrency, failures, bounds ----------------------------------------------------


async def test_thirty_concurrent_pushes_from_tasks_all_land(
    live: Liveblocks, alive: AsyncLiveblocks, room_id: str
) -> None:
    _initialize(
        live,
        room_id,
        {
            "liveblocksType": "LiveObject",
            "data": {"log": {"liveblocksType": "LiveList", "data": []}},
        },
    )

    async def push(i: int) -> None:
        async def edit(root: LiveObject) -> None:
            await asyncio.sleep(0.01 * (i % 3))
            root["log"].push(i)

        await alive.rooms[room_id].storage.mutate(edit)

    await asyncio.gather(*(push(i) for i in range(30)))
    log = (await alive.rooms[room_id].storage.get(format="json"))["log"]
    assert sorted(log) == list(range(30))


def test_thirty_concurrent_pushes_from_threads_all_land(live: Liveblocks, room_id: str) -> None:
    _initialize(
        live,
        room_id,
        {
            "liveblocksType": "LiveObject",
            "data": {"log": {"liveblocksType": "LiveList", "data": ["start"]}},
        },
    )
    with ThreadPoolExecutor(30) as pool:
        list(
            pool.map(
                lambda i: live.mutate_storage(room_id, lambda root: root["log"].push(i)), range(30)
            )
        )
    log = live.rooms[room_id].storage.get(format="json")["log"]
    assert log[0] == "start" and sorted(log[1:]) == list(range(30))


def test_concurrent_edits_of_other_keys_merge(live: Liveblocks, room_id: str) -> None:
    _initialize(live, room_id, {"liveblocksType": "LiveObject", "data": {"a": 0, "b": 0}})

    def slow_a(root: LiveObject) -> None:
        root["a"] = 1
        live.rooms[room_id].storage.mutate(lambda inner: inner.set("b", 2))  # meanwhile

    live.rooms[room_id].storage.mutate(slow_a)
    assert live.rooms[room_id].storage.get(format="json") == {"a": 1, "b": 2}


def test_a_failing_callback_sends_nothing(live: Liveblocks, room_id: str) -> None:
    _initialize(live, room_id, {"liveblocksType": "LiveObject", "data": {"a": 1}})
    error = ValueError("stop here")

    def edit(root: LiveObject) -> None:
        root["a"] = 2
        root["b"] = LiveList([1])
        raise error

    with pytest.raises(ValueError) as caught:
        live.rooms[room_id].storage.mutate(edit)
    assert caught.value is error
    assert live.rooms[room_id].storage.get(format="json") == {"a": 1}


async def test_a_failing_coroutine_sends_nothing(
    live: Liveblocks, alive: AsyncLiveblocks, room_id: str
) -> None:
    _initialize(live, room_id, {"liveblocksType": "LiveObject", "data": {"a": 1}})
    error = KeyError("missing")

    async def edit(root: LiveObject) -> None:
        root["a"] = 2
        await asyncio.sleep(0)
        raise error

    with pytest.raises(KeyError) as caught:
        await alive.mutate_storage(room_id, edit)
    assert caught.value is error
    assert live.rooms[room_id].storage.get(format="json") == {"a": 1}


def test_a_missing_room_is_not_found(live: Liveblocks, room_id: str) -> None:
    from liveblocks.errors import NotFoundError

    with pytest.raises(NotFoundError) as caught:
        live.rooms[room_id].storage.mutate(lambda root: None)
    assert caught.value.path == f"/v2/rooms/{room_id}/request-storage-mutation"
