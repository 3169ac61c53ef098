"""Live Storage against the real dev server, compared with @liveblocks/node: the same
edits, made through every method of LiveObject, LiveList and LiveMap (and LiveFile), by
the SDK in one room and by node's ``mutateStorage`` in a twin room, leave the two rooms'
Storage exactly alike (the plain LSON, and every node with its position), on both
clients and both faces. Plus: concurrent writers merge, a failing callback sends nothing,
nodes the SDK does not edit stay as they are, large edits go out in bounded requests."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, LiveObject, LiveText
from liveblocks.live import _document
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


def _assert_alike(client: Liveblocks, devserver: DevServer, ours: str, theirs: str) -> None:
    assert json.loads(_plain_lson(client, ours)) == json.loads(_plain_lson(client, theirs))
    assert s.storage_nodes(devserver.url, SECRET, ours) == s.storage_nodes(
        devserver.url, SECRET, theirs
    )


def _run_node_jobs(devserver: DevServer, tmp: Path, jobs: list[dict[str, Any]]) -> Any:
    plan = tmp / "plan.json"
    plan.write_text(json.dumps({"mode": "one", "jobs": jobs}))
    return run_node("mutate.mjs", str(plan), base_url=devserver.url, secret=SECRET)


def _send_ops(devserver: DevServer, room: str, ops: list[dict[str, Any]]) -> None:
    """Operations sent as a Liveblocks client would (to make nodes the SDK cannot)."""
    body = json.dumps({"messages": [{"type": 201, "ops": ops}]}).encode()
    request = urllib.request.Request(
        f"{devserver.url}/v2/rooms/{quote(room, safe='')}/send-message",
        data=body,
        method="POST",
        headers={"Authorization": f"Bearer {SECRET}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


@pytest.fixture(scope="module")
def node_results(devserver: DevServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every scenario run once by @liveblocks/node, each in its own room."""
    tmp = tmp_path_factory.mktemp("node")
    jobs: list[dict[str, Any]] = []
    rooms: dict[str, str] = {}
    with Liveblocks(SECRET, base_url=devserver.url) as client:
        for name, scenario in SCENARIOS.items():
            room = f"live-node-{name}-{tmp.name}"
            rooms[name] = room
            _initialize(client, room, scenario["initial"])
            jobs += [{"room": room, "steps": steps} for steps in scenario["mutations"]]
    views = _run_node_jobs(devserver, tmp, jobs)
    results: dict[str, Any] = {}
    for name, scenario in SCENARIOS.items():
        count = len(scenario["mutations"])
        results[name] = {"room": rooms[name], "views": views[:count]}
        views = views[count:]
    return results


FACES = ["resource", "flat"]


def _mutate_sync(client: Liveblocks, face: str, room: str, callback: Callable[[Any], Any]) -> Any:
    if face == "flat":
        return client.mutate_storage(room, callback)
    return client.rooms[room].storage.mutate(callback)


# -- the comparisons ------------------------------------------------------------------


@pytest.mark.parametrize("face", FACES)
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_sync_edits_match_node(
    live: Liveblocks,
    devserver: DevServer,
    node_results: dict[str, Any],
    room_id: str,
    name: str,
    face: str,
) -> None:
    scenario = SCENARIOS[name]
    _initialize(live, room_id, scenario["initial"])
    views = [
        _mutate_sync(live, face, room_id, lambda root, steps=steps: s.apply(root, steps))
        for steps in scenario["mutations"]
    ]
    assert views == node_results[name]["views"]
    _assert_alike(live, devserver, room_id, node_results[name]["room"])


@pytest.mark.parametrize("face", FACES)
@pytest.mark.parametrize("name", list(SCENARIOS))
async def test_async_edits_match_node(
    alive: AsyncLiveblocks,
    live: Liveblocks,
    devserver: DevServer,
    node_results: dict[str, Any],
    room_id: str,
    name: str,
    face: str,
) -> None:
    scenario = SCENARIOS[name]
    _initialize(live, room_id, scenario["initial"])
    views = []
    for steps in scenario["mutations"]:

        async def edit(root: LiveObject, steps: list[s.Step] = steps) -> Any:
            await asyncio.sleep(0)  # a coroutine function, suspended mid-edit
            return s.apply(root, steps)

        if face == "flat":
            views.append(await alive.mutate_storage(room_id, edit))
        else:
            views.append(await alive.rooms[room_id].storage.mutate(edit))
    assert views == node_results[name]["views"]
    _assert_alike(live, devserver, room_id, node_results[name]["room"])


def test_live_files_match_node(
    live: Liveblocks, devserver: DevServer, room_id: str, tmp_path: Path
) -> None:
    rooms = {"ours": f"{room_id}-ours", "node": f"{room_id}-node"}
    files: dict[str, Any] = {}
    for room in rooms.values():
        _initialize(live, room, None)
        first = live.rooms[room].files.upload(b"cover bytes", name="cover.txt", file_id=FILE_ID)
        second = live.rooms[room].files.upload(b"{}", name="a.json", file_id=FILE_ID_2)
        files = {"first": first.to_immutable(), "second": second.to_immutable()}
    steps = [
        s.set_([], "cover", {"$LiveFile": files["first"]}),
        s.set_([], "attachments", s.lst([{"$LiveFile": files["second"]}])),
        s.push(["attachments"], "a plain value"),
        s.move(["attachments"], 1, 0),
    ]
    node_view = _run_node_jobs(devserver, tmp_path, [{"room": rooms["node"], "steps": steps}])
    view = live.rooms[rooms["ours"]].storage.mutate(lambda root: s.apply(root, steps))
    assert [view] == node_view
    _assert_alike(live, devserver, rooms["ours"], rooms["node"])

    def read(root: LiveObject) -> Any:
        cover = root["cover"]
        assert cover.id == FILE_ID and cover.name == "cover.txt" and cover.size == 11
        assert root["attachments"][1].mime_type == files["second"]["mimeType"]
        root["attachments"].delete(1)
        return cover.to_dict()

    assert live.rooms[rooms["ours"]].storage.mutate(read)["liveblocksType"] == "LiveFile"
    assert live.rooms[rooms["ours"]].storage.get(format="json") == {
        "cover": files["first"],
        "attachments": ["a plain value"],
    }


def test_live_text_is_kept_intact_and_readable(
    live: Liveblocks, devserver: DevServer, room_id: str, tmp_path: Path
) -> None:
    rooms = {"ours": f"{room_id}-ours", "node": f"{room_id}-node"}
    initial = {
        "liveblocksType": "LiveObject",
        "data": {"items": {"liveblocksType": "LiveList", "data": ["a", "b"]}},
    }
    segments = [["Hello "], ["world", {"bold": True}]]
    for room in rooms.values():
        _initialize(live, room, initial)
        (list_id,) = [
            n[0] for n in s.storage_nodes(devserver.url, SECRET, room) if n[1]["type"] == 1
        ]
        _send_ops(
            devserver,
            room,
            [
                {
                    "type": 9,
                    "id": "99:0",
                    "opId": "99:0",
                    "parentId": "root",
                    "parentKey": "text",
                    "data": segments,
                    "version": 3,
                },
                {
                    "type": 9,
                    "id": "99:1",
                    "opId": "99:1",
                    "parentId": list_id,
                    "parentKey": "~",
                    "data": [["in the list"]],
                    "version": 0,
                },
            ],
        )
    steps = [
        s.set_([], "title", "with text"),
        s.move(["items"], 2, 0),
        s.push(["items"], "c"),
        s.delete(["items"], 1),
    ]
    node_view = _run_node_jobs(devserver, tmp_path, [{"room": rooms["node"], "steps": steps}])

    def edit(root: LiveObject) -> Any:
        text = root["text"]
        assert isinstance(text, LiveText)
        assert str(text) == "Hello world" and text.version == 3
        assert isinstance(root["items"][2], LiveText)
        return s.apply(root, steps)

    assert [live.rooms[rooms["ours"]].storage.mutate(edit)] == node_view
    _assert_alike(live, devserver, rooms["ours"], rooms["node"])
    assert live.rooms[rooms["ours"]].storage.get(format="json")["text"] == segments


def test_large_edits_go_in_bounded_requests_and_match_node(
    live: Liveblocks,
    devserver: DevServer,
    room_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rooms = {"ours": f"{room_id}-ours", "node": f"{room_id}-node"}
    for room in rooms.values():
        _initialize(live, room, None)
    steps = [s.set_([], "rows", s.lst([]))]
    steps += [s.push(["rows"], s.obj({"n": i, "tags": s.lst([str(i)])})) for i in range(60)]
    steps += [s.move(["rows"], 59, 0), s.delete(["rows"], 30)]
    node_view = _run_node_jobs(devserver, tmp_path, [{"room": rooms["node"], "steps": steps}])
    sent: list[int] = []
    original = _document.Document.request_bodies

    def counted(self: _document.Document, max_ops: int = 50, max_bytes: int = 1 << 22) -> Any:
        for body in original(self, max_ops=max_ops, max_bytes=max_bytes):
            sent.append(len(json.loads(body)["messages"][0]["ops"]))
            yield body

    monkeypatch.setattr(_document.Document, "request_bodies", counted)
    view = live.rooms[rooms["ours"]].storage.mutate(lambda root: s.apply(root, steps))
    assert [view] == node_view
    assert sent == [50, 50, 50, 33]  # 1 + 60 * 3 + 2 operations, in order
    _assert_alike(live, devserver, rooms["ours"], rooms["node"])
