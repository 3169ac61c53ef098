"""Test data and tools for the export, import and mutation tests: a project of rooms with
odd ids, Storage and Yjs documents, and transports that count or break requests."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pycrdt
import pytest

from liveblocks import Liveblocks
from liveblocks.errors import APIConnectionError
from liveblocks.export import file_name
from liveblocks.transports import Request, Response
from liveblocks.transports.aiohttp_transport import AiohttpTransport

from .devserver_process import SECRET, DevServer

ODD_IDS = [
    "with space",
    "slash/inside",
    "question?mark",
    "hash#tag",
    "percent%2Fencoded",
    "plus+and&amp=1",
    "ünïcödé",
    "日本語の部屋",
    "emoji 🎉",
    "a/b/c?d#e f",
    "UPPER-lower",
    "dots..and.",
]

ROOM_IDS = ODD_IDS + [f"room-{i:02d}" for i in range(30 - len(ODD_IDS))]


def has_storage(index: int) -> bool:
    return index % 3 != 2


def has_yjs(index: int) -> bool:
    return index % 2 == 0


def storage_document(index: int) -> dict[str, Any]:
    """Plain LSON with every kind of node: LiveObject, LiveList, LiveMap, plain values."""
    return {
        "liveblocksType": "LiveObject",
        "data": {
            "title": f"Document {index}",
            "count": index,
            "ratio": index / 7,
            "flags": [True, False, None],
            "plain": {"nested": {"deep": [1, 2, {"x": "y"}]}},
            "items": {
                "liveblocksType": "LiveList",
                "data": [
                    "first",
                    {"liveblocksType": "LiveObject", "data": {"done": index % 2 == 0}},
                    {"liveblocksType": "LiveList", "data": [1, 2, 3]},
                ],
            },
            "byUser": {
                "liveblocksType": "LiveMap",
                "data": {
                    "alice": {"liveblocksType": "LiveObject", "data": {"cursor": [index, 0]}},
                    "bob": {"liveblocksType": "LiveMap", "data": {"k": "v"}},
                },
            },
        },
    }


def yjs_update(index: int) -> bytes:
    """A Yjs document with a text, a map and an array, as one update."""
    doc = pycrdt.Doc()
    text = doc.get("text", type=pycrdt.Text)
    text += f"Hello from room {index} ✓"
    shapes = doc.get("map", type=pycrdt.Map)
    shapes["index"] = index
    shapes["name"] = f"shape-{index}"
    items = doc.get("list", type=pycrdt.Array)
    items.extend([1, "two", index])
    return doc.get_update()


def yjs_content(update: bytes) -> dict[str, Any]:
    """What a Yjs update holds, read with pycrdt (roots as made by :func:`yjs_update`)."""
    doc = pycrdt.Doc()
    doc.apply_update(update)
    return {
        "text": str(doc.get("text", type=pycrdt.Text)),
        "map": doc.get("map", type=pycrdt.Map).to_py(),
        "list": doc.get("list", type=pycrdt.Array).to_py(),
    }


def fill(url: str, room_ids: list[str] = ROOM_IDS) -> None:
    """Create the test rooms on a dev server."""
    with Liveblocks(SECRET, base_url=url) as client:
        for index, room_id in enumerate(room_ids):
            client.rooms.create(
                id=room_id,
                default_accesses=["room:write"] if index % 2 else [],
                users_accesses={"alice": ["room:write"], f"user-{index}": ["room:read"]},
                groups_accesses={"team": ["room:presence:write"]} if index % 4 == 0 else {},
                metadata={"index": str(index), "tags": ["a", "b"], "name": room_id},
                organization_id="org-a" if index % 5 == 0 else "org-b",
            )
            room = client.rooms[room_id]
            if has_storage(index):
                room.storage.initialize(storage_document(index))
            if has_yjs(index):
                room.yjs.send_update(yjs_update(index))


def started(count: int = 1) -> Iterator[list[DevServer]]:
    """Dev servers for a fixture; stopped when it ends."""
    servers: list[DevServer] = []
    try:
        for _ in range(count):
            servers.append(DevServer.start())
        yield servers
    finally:
        for server in servers:
            server.stop()


# -- reading an export directory ------------------------------------------------------


def rooms_lines(directory: Path) -> list[dict[str, Any]]:
    lines = (directory / "rooms.ndjson").read_bytes().split(b"\n")
    assert lines[-1] == b"", "rooms.ndjson must end with a newline"
    return [json.loads(line) for line in lines[:-1]]


def room_ids_in(directory: Path) -> list[str]:
    return [room["id"] for room in rooms_lines(directory)]


def index_lines(directory: Path) -> dict[str, dict[str, Any]]:
    """Room id -> its last index.ndjson line."""
    path = directory / "index.ndjson"
    if not path.exists():
        return {}
    return {line["id"]: line for line in map(json.loads, path.read_bytes().splitlines())}


def documents(directory: Path, kind: str) -> dict[str, bytes]:
    """Room id -> the bytes of its document file of this kind; checks that each file is
    named as the index says and claimed by it."""
    folder = directory / kind
    if not folder.is_dir():
        return {}
    suffix = {"storage": ".json", "yjs": ".bin", "threads": ".ndjson"}[kind]
    index = index_lines(directory)
    by_name = {entry["file"]: room_id for room_id, entry in index.items()}
    result = {}
    for path in folder.iterdir():
        assert path.name.endswith(suffix), path
        assert not path.name.startswith("."), f"temporary file left behind: {path}"
        name = path.name[: -len(suffix)]
        assert name in by_name, f"{path} is not a room's file in index.ndjson"
        room_id = by_name[name]
        assert file_name(room_id) == name
        assert index[room_id][kind] is True, f"index.ndjson does not claim {path}"
        result[room_id] = path.read_bytes()
    return result


def blobs(directory: Path, kind: str) -> dict[tuple[str, str], bytes]:
    """(room id, file or attachment id) -> its bytes, for ``files`` or ``attachments``."""
    folder = directory / kind
    if not folder.is_dir():
        return {}
    by_name = {entry["file"]: room_id for room_id, entry in index_lines(directory).items()}
    result = {}
    for room_folder in folder.iterdir():
        room_id = by_name[room_folder.name]
        for path in room_folder.iterdir():
            assert not path.name.startswith("."), f"temporary file left behind: {path}"
            result[(room_id, decode_name(path.name))] = path.read_bytes()
    return result


def decode_name(name: str) -> str:
    """The id a file name was made from (names without a hash only)."""
    assert "~" not in name
    out, i = bytearray(), 0
    while i < len(name):
        if name[i] == "%":
            out += bytes.fromhex(name[i + 1 : i + 3])
            i += 3
        elif name[i] == "^":
            out += name[i + 1].upper().encode()
            i += 2
        else:
            out += name[i].encode()
            i += 1
    return out.decode()


def manifest(directory: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((directory / "manifest.json").read_text())
    return data


# -- transports for the tests ---------------------------------------------------------


class TestTransport:
    """An aiohttp transport that records every request (method, path), tracks how many are
    in flight, and can fail chosen requests or slow every one down."""

    __test__ = False

    def __init__(
        self,
        fail: Callable[[Request], bool] | None = None,
        delay: float = 0.0,
    ) -> None:
        self._inner = AiohttpTransport()
        self.fail = fail
        self.delay = delay
        self.requests: list[tuple[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0

    async def send(self, request: Request) -> Response:
        self.requests.append((request.method, unquote(request.path)))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            if self.fail is not None and self.fail(request):
                raise APIConnectionError(
                    "Connection failed: injected by the test",
                    method=request.method,
                    path=request.path,
                )
            return await self._inner.send(request)
        finally:
            self.in_flight -= 1

    async def close(self) -> None:
        await self._inner.close()

    def count(self, method: str, suffix: str) -> list[str]:
        """Paths of the requests with this method ending with ``suffix``, e.g. /storage."""
        return [path for m, path in self.requests if m == method and path.endswith(suffix)]

    def rooms_fetched(self, suffix: str) -> set[str]:
        """Room ids whose ``suffix`` (e.g. "/storage", "/ydoc-binary") was requested."""
        prefix = "/v2/rooms/"
        return {
            path[len(prefix) : -len(suffix)]
            for path in self.count("GET", suffix)
            if path.startswith(prefix)
        }


def break_renames(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rename of the writer thread fails, as on a disk gone bad."""
    real = os.replace

    def broken(source: Any, target: Any, **folders: Any) -> None:
        if threading.current_thread().name == "liveblocks-writer":
            raise OSError(errno.EIO, "Input/output error")
        real(source, target, **folders)

    monkeypatch.setattr(os, "replace", broken)
