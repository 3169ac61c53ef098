"""An import killed at random moments (``python -m liveblocks import`` in a subprocess,
SIGKILL) never leaves a room without the Storage it had, not even for a moment; a final
full run makes every room equal to the export, node for node.

Two dev servers: one the export is made from, one the rooms are imported into, where most
rooms already have Storage (an older version of theirs, with keys that go)."""

from __future__ import annotations

import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks
from liveblocks.errors import APIConnectionError
from liveblocks.export import export_rooms
from liveblocks.live import _document as live_document
from liveblocks.transports import Request
from tests.devserver_process import ROOT, SECRET, DevServer
from tests.export_helpers import TestTransport, documents, started

#: Kills tried (bounded); each waits a random moment of a run first.
KILLS = 8
SEED = 16
#: Reads of a room's raw nodes tried before a reset connection fails the test.
READ_ATTEMPTS = 5


def _lson(kind: str, data: Any) -> dict[str, Any]:
    return {"liveblocksType": kind, "data": data}


def _document(index: int, file: dict[str, Any] | None) -> dict[str, Any]:
    """Storage of uneven size: rooms 0 and 1 are large (hundreds of nodes), the others
    small; every kind of node. (The dev server applies about a thousand operations a
    second: larger rooms would make the test slow, not stronger.)"""
    data: dict[str, Any] = {
        "title": f"room {index}, new",
        "count": index,
        "plain": {"nested": [1, {"liveblocksType": "LiveList", "data": ["stays plain"]}]},
        "cards": _lson(
            "LiveList",
            [
                "first",
                _lson("LiveObject", {"done": index % 2 == 0, "tags": _lson("LiveList", [1, 2])}),
                _lson("LiveMap", {"k": _lson("LiveObject", {"deep": _lson("LiveMap", {})})}),
            ],
        ),
        "text": _lson("LiveText", [["Hello "], ["world", {"bold": True}]]),
    }
    if index == 0:
        data["log"] = _lson("LiveList", [{"n": n, "who": f"user-{n % 7}"} for n in range(80)])
    if index == 1:
        data["byUser"] = _lson(
            "LiveMap",
            {f"user-{n}": _lson("LiveObject", {"cursor": [n, n + 1]}) for n in range(40)},
        )
    if index in (0, 4):
        # Large in bytes, one operation: a whole document written in place of an empty
        # one takes the server a while.
        data["history"] = [f"revision {n} of room {index}" for n in range(6_000)]
    if file is not None:
        data["attachment"] = _lson("LiveFile", file)
    return _lson("LiveObject", data)


def _old_document(index: int) -> dict[str, Any]:
    """What the target room holds before: some keys the export changes, some it drops."""
    return _lson(
        "LiveObject",
        {
            "title": f"room {index}, old",
            "gone": _lson("LiveList", [_lson("LiveObject", {"old": True})]),
            "cards": _lson("LiveList", list(range(index * 50))),
        },
    )


ROOMS = [f"room-{i}" for i in range(9)]
#: In the target: rooms that have no Storage before the import.
WITHOUT_STORAGE = {"room-8"}
WITH_FILE = {"room-2", "room-5"}


@pytest.fixture(scope="module")
def servers() -> Iterator[list[DevServer]]:
    yield from started(2)


@pytest.fixture(scope="module")
def export(servers: list[DevServer], tmp_path_factory: pytest.TempPathFactory) -> Path:
    source, target = (Liveblocks(SECRET, base_url=s.url) for s in servers)
    with source, target:
        for index, room_id in enumerate(ROOMS):
            source.rooms.create(id=room_id, default_accesses=["room:write"])
            file = None
            if room_id in WITH_FILE:
                upload = source.rooms[room_id].files.upload(b"x" * (100 + index), name="f.txt")
                file = upload.to_immutable()
            source.rooms[room_id].storage.initialize(_document(index, file))
            target.rooms.create(id=room_id, default_accesses=["room:write"])
            if room_id not in WITHOUT_STORAGE:
                target.rooms[room_id].storage.initialize(_old_document(index))
    directory = tmp_path_factory.mktemp("interrupted") / "export"
    result = export_rooms(None, directory, secret=SECRET, base_url=servers[0].url)
    assert result.ok and result.storage == len(ROOMS) and result.files == len(WITH_FILE)
    return directory


def _import(url: str, directory: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LIVEBLOCKS_SECRET_KEY": SECRET}
    argv = [sys.executable, "-m", "liveblocks", "import", str(directory), "--base-url", url, "-q"]
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _nodes(url: str, room_id: str) -> list[tuple[Any, ...]]:
    """The room's raw Storage nodes, ids replaced by their place in the tree: (path,
    type, data, version), sorted. The same tree gives the same list."""
    request = urllib.request.Request(
        f"{url}/v2/rooms/{room_id}/request-storage-mutation",
        data=b"{}",
        method="POST",
        headers={"Authorization": f"Bearer {SECRET}", "Content-Type": "application/json"},
    )
    for attempt in range(READ_ATTEMPTS):  # the dev server resets a long answer now and then
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                lines = answer.read().splitlines()[1:]
            break
        except (ConnectionError, http.client.HTTPException, urllib.error.URLError):
            if attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    nodes = {node_id: node for node_id, node in map(json.loads, filter(None, lines))}
    paths: dict[str, tuple[str, ...]] = {"root": ()}

    def path(node_id: str) -> tuple[str, ...]:
        chain = []
        while node_id not in paths:
            chain.append(node_id)
            node_id = nodes[node_id]["parentId"]
        for child in reversed(chain):
            paths[child] = (*paths[node_id], nodes[child]["parentKey"])
            node_id = child
        return paths[node_id]

    return sorted(
        (path(node_id), node["type"], json.dumps(node.get("data")), node.get("version"))
        for node_id, node in nodes.items()
    )


class Watcher:
    """Reads every room that had Storage, over and over, while an import runs (in a
    thread of its own, until stopped, 60 s at most): any moment a room is seen without
    Storage is recorded."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.emptied: list[str] = []
        self.unread = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> Watcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _watch(self) -> None:
        deadline = time.monotonic() + 60
        rooms = [room_id for room_id in ROOMS if room_id not in WITHOUT_STORAGE]
        with Liveblocks(SECRET, base_url=self.url) as client:
            while not self._stop.is_set() and time.monotonic() < deadline:
                for room_id in rooms:
                    try:
                        storage = client.rooms[room_id].storage.get()
                    except APIConnectionError:
                        self.unread += 1  # a reset read tells nothing; the next one does
                        continue
                    if not storage["data"]:
                        self.emptied.append(room_id)
                self._stop.wait(0.005)  # a breath between rounds, for the server


def _check_never_empty(target: Liveblocks, kill: int) -> None:
    """Every room that had Storage before has some now, made of its old and new keys."""
    for index, room_id in enumerate(ROOMS):
        if room_id in WITHOUT_STORAGE:
            continue
        keys = set(target.rooms[room_id].storage.get()["data"])
        assert keys, f"kill {kill}: room {room_id} was left without Storage"
        allowed = set(_old_document(index)["data"]) | set(_document(index, {})["data"])
        assert keys <= allowed, f"kill {kill}: room {room_id} has keys {keys - allowed}"


def _reset(target: Liveblocks) -> None:
    """Every room back to the Storage it had before any import."""
    for index, room_id in enumerate(ROOMS):
        storage = target.rooms[room_id].storage
        storage.delete()
        if room_id not in WITHOUT_STORAGE:
            storage.initialize(_old_document(index))


def _seconds_to_start() -> float:
    """How long a new interpreter takes here to load what the import command runs on."""
    started = time.monotonic()
    code = "import aiohttp, liveblocks.cli, liveblocks.export"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    return time.monotonic() - started


def test_an_import_killed_at_random_moments_never_empties_a_room(
    servers: list[DevServer], export: Path
) -> None:
    source_url, target_url = servers[0].url, servers[1].url
    rng = random.Random(SEED)
    with Liveblocks(SECRET, base_url=target_url) as target:
        # One whole run, watched, tells how long a run takes on this machine: the kills
        # are spread over the part of a run that does the work.
        started = time.monotonic()
        with Watcher(target_url) as watcher:
            proc = _import(target_url, export)
            _, err = proc.communicate(timeout=120)
        whole = time.monotonic() - started
        assert proc.returncode == 0, err.decode()
        assert not watcher.emptied, f"{watcher.emptied} seen without Storage"
        earliest = min(_seconds_to_start(), whole / 2)
        killed = 0
        for kill in range(KILLS):
            _reset(target)
            with Watcher(target_url) as watcher:
                proc = _import(target_url, export)
                try:
                    deadline = time.monotonic() + rng.uniform(earliest, whole)
                    while time.monotonic() < deadline and proc.poll() is None:
                        time.sleep(0.01)
                    if proc.poll() is None:
                        proc.kill()
                        killed += 1
                finally:
                    proc.wait(timeout=30)
                _check_never_empty(target, kill)
            assert not watcher.emptied, f"run {kill}: {watcher.emptied} seen without Storage"
        assert killed >= KILLS // 2, f"only {killed} of {KILLS} runs were killed mid-way"

        # One full run completes every room.
        proc = _import(target_url, export)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        exported = documents(export, "storage")
        with Liveblocks(SECRET, base_url=source_url) as source:
            for room_id in ROOMS:
                room, original = target.rooms[room_id].storage, source.rooms[room_id].storage
                assert room.get() == json.loads(exported[room_id]), room_id
                assert room.get(format="json") == original.get(format="json"), room_id
                assert _nodes(target_url, room_id) == _nodes(source_url, room_id), room_id


async def test_a_replace_stopped_between_two_requests_leaves_the_room_partly_changed(
    servers: list[DevServer], export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With requests of 20 operations, room-0's document takes several; the connection
    lost at the third leaves the keys set so far changed and the others (the key that
    goes included) as they were; replacing again completes it."""
    url = servers[1].url
    room_id = "room-0"
    exported = json.loads(documents(export, "storage")[room_id])
    original = live_document.Document.request_bodies

    def small(self: live_document.Document, max_ops: int = 20, max_bytes: int = 1 << 22) -> Any:
        return original(self, max_ops=max_ops, max_bytes=max_bytes)

    monkeypatch.setattr(live_document.Document, "request_bodies", small)
    sends: list[str] = []

    def lost(request: Request) -> bool:
        if request.path.endswith("/send-message"):
            sends.append(request.path)
            return len(sends) == 3
        return False

    transport = TestTransport(fail=lost)
    async with AsyncLiveblocks(SECRET, base_url=url, transport=transport) as client:
        storage = client.rooms[room_id].storage
        await storage.delete()
        await storage.initialize(_old_document(0))
        with pytest.raises(APIConnectionError):
            await storage.replace(exported)
        assert len(sends) == 3
        now = (await storage.get())["data"]
        assert now["title"] == exported["data"]["title"]
        assert now["cards"] == exported["data"]["cards"]
        assert now["gone"] == _old_document(0)["data"]["gone"]  # deleted last: still there
        assert 0 < len(now["log"]["data"]) < len(exported["data"]["log"]["data"])

        assert await storage.replace(exported) == exported
        assert await storage.get() == exported
        assert "gone" not in (await storage.get())["data"]
