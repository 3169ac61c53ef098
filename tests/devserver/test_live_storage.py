"""Live Storage against the real dev server, compared with @liveblocks/node: the same
edits, made through every method of LiveObject, LiveList and LiveMap (and LiveFile), by
the SDK in one room and by node's ``mutateStorage`` in a twin room, leave the two rooms'
Storage exactly alike (the plain LSON, and every node with its position), on both
clients and both faces. Plus: concurrent writers merge, a failing callback sends nothing,
nodes the SDK does not edit stay as they are, large edits go out in bounded requests."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, LiveList, LiveObject
from tests import live_steps as s
from tests.devserver_process import SECRET, DevServer
from tests.nodesdk import run_node

FILE_ID = "fl_LiveStorageTest_00001"
FILE_ID_2 = "fl_LiveStorageTest_00002"


def _list_churn() -> list[s.Step]:
    """Inserts at the front and in the middle, moves both ways: positions get long."""
    steps: list[s.Step] = []
    for i in range(30):
        steps.append(s.insert(["items"], 1, f"i{i}"))
    for i in range(10):
        steps.append(s.insert(["items"], 0, f"f{i}"))
    steps += [s.move(["items"], 0, 35), s.move(["items"], 30, 2), s.move(["items"], 12, 13)]
    steps += [s.move(["items"], 3, 3), s.move(["items"], 40, 0)]
    return steps


SCENARIOS: dict[str, dict[str, Any]] = {
    "object": {
        "initial": {
            "liveblocksType": "LiveObject",
            "data": {
                "title": "Plan",
                "count": 3,
                "nested": {"liveblocksType": "LiveObject", "data": {"done": False}},
            },
        },
        "mutations": [
            [
                s.set_([], "title", "Roadmap"),
                s.set_([], "count", 4, py="method"),
                s.set_([], "count", 4),  # the same value: no operation
                s.update(
                    [],
                    {
                        "a": 1,
                        "b": [1, 2, {"x": None}],
                        "obj": s.obj({"k": s.lst([1, s.obj({"deep": True})])}),
                    },
                ),
                s.update([], {"c": "kw", "d": {"nested": {"plain": [True]}}}, py="kwargs"),
                s.delete([], "a"),
                s.delete([], "missing", py="method"),
                s.set_(["nested"], "done", True),
                s.set_(["obj", "k", 1], "deep", False, py="method"),
                s.delete(["nested"], "done", py="method"),
                s.set_([], "n", None),
            ],
            [
                s.set_([], "nested", s.obj({"replaced": 1, "list": s.lst([])})),
                s.push(["nested", "list"], "x"),
                s.delete([], "obj"),
                s.update([], {"title": "Final", "count": s.lst(["was a number"])}),
            ],
        ],
    },
    "list": {
        "initial": {
            "liveblocksType": "LiveObject",
            "data": {"items": {"liveblocksType": "LiveList", "data": ["a", "b", "c"]}},
        },
        "mutations": [
            [
                s.push(["items"], "d"),
                s.push(["items"], s.obj({"x": 1}), py="append"),
                s.insert(["items"], 0, "first"),
                s.insert(["items"], 3, "mid"),
                s.insert(["items"], 7, "end"),
                s.insert(["items"], 6, "before-end", py_index=-2),
                s.move(["items"], 0, 4),
                s.move(["items"], 5, 1),
                s.move(["items"], 2, 2),
                s.move(["items"], 8, 0, py_index=-1),
                s.set_(["items"], 1, "B"),
                s.set_(["items"], 2, s.lst([1, 2]), py="method"),
                s.set_(["items"], 8, {"plain": "object"}, py_key=-1),
                s.delete(["items"], 0),
                s.delete(["items"], 3, py="method"),
                s.delete(["items"], 6, py_key=-1),
                s.push(["items", 1], 3),
                s.insert(["items", 1], 0, s.obj({"in": "nested list"})),
            ],
            _list_churn(),
            [
                s.set_(["items"], 0, s.lst(["x", "y", "z"])),
                s.clear(["items", 0]),
                s.push(["items", 0], "after clear"),
                s.set_([], "other", s.lst([s.obj({"a": 1}), s.mp({"k": "v"})])),
                s.clear(["other"]),
            ],
        ],
    },
    "map": {
        "initial": {
            "liveblocksType": "LiveObject",
            "data": {
                "people": {
                    "liveblocksType": "LiveMap",
                    "data": {
                        "al": {"liveblocksType": "LiveObject", "data": {"role": "admin"}},
                        "bo": "dev",
                    },
                }
            },
        },
        "mutations": [
            [
                s.set_(["people"], "cy", "new"),
                s.set_(["people"], "di", s.obj({"role": "ops", "tags": s.lst(["a"])}), py="method"),
                s.set_(["people", "al"], "role", "owner"),
                s.set_(["people"], "bo", {"role": "dev", "since": 2020}),
                s.delete(["people"], "cy"),
                s.delete(["people"], "nobody", py="method"),
                s.push(["people", "di", "tags"], "b"),
                s.set_([], "index", s.mp({"x": s.mp({"y": 1})})),
                s.set_(["index", "x"], "z", [1, 2]),
            ],
            [
                s.delete(["people"], "al", py="method"),
                s.set_(["people"], "di", "replaced"),
            ],
        ],
    },
}


# -- helpers -------------------------------------------------------------------------


def _initialize(client: Liveblocks, room: str, document: dict[str, Any] | None) -> None:
    client.rooms.create(id=room, default_accesses=["room:write"])
    if document is not None:
        client.rooms[room].storage.initialize(document)


def _plain_lson(client: Liveblocks, room: str) -> Any:
    return client.rooms[room].storage.get_bytes()


def _run_node_jobs(devserver: DevServer, tmp: Path, jobs: list[dict[str, Any]]) -> Any:
    plan = tmp / "plan.json"
    plan.write_text(json.dumps({"mode": "one", "jobs": jobs}))
    return run_node("mutate.mjs", str(plan), base_url=devserver.url, secret=SECRET)


FACES = ["resource", "flat"]


# -- the comparisons ------------------------------------------------------------------


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
