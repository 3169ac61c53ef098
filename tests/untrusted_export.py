"""A small export with every kind of file, and the ways the tests damage it: a symbolic
link (to a copy outside the directory, holding a marker) in place of each of its files
and folders, a FIFO, files deleted or cut short.

The project, on a dev server (threads in a :class:`CommentsFake`):

- ``alpha``: Storage with a LiveFile, Yjs, two threads with two attachments;
- ``beta``: Storage and Yjs; ``gamma``: Storage; ``delta``: Yjs; ``epsilon``: nothing.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pycrdt

from liveblocks import AsyncLiveblocks
from liveblocks.export import (
    ExportResult,
    ImportResult,
    export_rooms_async,
    file_name,
    import_rooms_async,
)
from liveblocks.transports import Request, Response
from liveblocks.transports.aiohttp_transport import AiohttpTransport

from .devserver_process import SECRET
from .export_helpers import yjs_update
from .fakes.comments_fake import CommentsFake
from .rich_project import add_threads, file_bytes

SMALL_IDS = ["alpha", "beta", "gamma", "delta", "epsilon"]
#: What every file outside the export holds: it must never reach a server or an export.
MARKER = "outside-the-export-7f3a"

#: Where a test puts a link, and the room whose file it is ("" for the export's own).
PLACES = {
    "storage-document": "gamma",
    "yjs-document": "beta",
    "threads-document": "alpha",
    "files-blob": "alpha",
    "files-folder": "alpha",
    "yjs-folder": "",
    "index": "",
    "rooms": "",
    "manifest": "",
}
ROOM_PLACES = [p for p, room in PLACES.items() if room]
RUN_PLACES = [p for p, room in PLACES.items() if not room]


async def fill_small(client: AsyncLiveblocks, fake: CommentsFake) -> None:
    for index, room_id in enumerate(SMALL_IDS):
        await client.rooms.create(id=room_id, default_accesses=[], metadata={"n": str(index)})
        room = client.rooms[room_id]
        data: dict[str, Any] = {"title": f"Room {room_id}"}
        if room_id == "alpha":
            data["file"] = await room.files.upload(file_bytes(index, 0), name="notes.txt")
        if room_id in ("alpha", "beta", "gamma"):
            await room.storage.initialize({"liveblocksType": "LiveObject", "data": data})
        if room_id in ("alpha", "beta", "delta"):
            await room.yjs.send_update(yjs_update(index))
        if room_id == "alpha":
            add_threads(fake, room_id, index)


class BodyRecorder:
    """An async transport in front of another that keeps every request's method, path and
    body, to check what reached the server."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.requests: list[tuple[str, str, bytes]] = []

    async def send(self, request: Request) -> Response:
        body = request.body
        data = bytes(body) if isinstance(body, (bytes, bytearray, memoryview)) else b""
        if body is not None and not data and hasattr(body, "read"):
            data = b"<stream>"
        self.requests.append((request.method, request.path, data))
        response: Response = await self.inner.send(request)
        return response

    async def close(self) -> None:
        await self.inner.close()

    def carried(self, text: str) -> bool:
        """Whether ``text`` was in any request (path or body)."""
        needle = text.encode()
        return any(needle in path.encode() or needle in body for _, path, body in self.requests)


def client_for(url: str, fake: CommentsFake) -> tuple[AsyncLiveblocks, BodyRecorder]:
    """A client whose requests go through a recorder to ``fake`` (threads), else the dev
    server at ``url``; ``fake`` keeps its own inner transport."""
    recorder = BodyRecorder(fake)
    fake.inner = AiohttpTransport()
    return AsyncLiveblocks(SECRET, base_url=url, transport=recorder, max_retries=0), recorder


def export_small(url: str, fake: CommentsFake, directory: Path, **options: Any) -> ExportResult:
    async def run() -> ExportResult:
        client, _ = client_for(url, fake)
        async with client:
            return await export_rooms_async(client, directory, threads=True, **options)

    return asyncio.run(run())


def import_small(
    url: str, fake: CommentsFake, directory: Path
) -> tuple[ImportResult | BaseException, BodyRecorder]:
    """Import ``directory``: the result (or what it raised) and the requests sent."""

    async def run() -> tuple[ImportResult | BaseException, BodyRecorder]:
        client, recorder = client_for(url, fake)
        async with client:
            try:
                return await import_rooms_async(client, directory), recorder
            except Exception as exc:
                return exc, recorder

    return asyncio.run(run())


def make_source(url: str, directory: Path) -> CommentsFake:
    """Fill the dev server at ``url`` with the project and export it into ``directory``."""
    fake = CommentsFake(AiohttpTransport())

    async def fill() -> None:
        client, _ = client_for(url, fake)
        async with client:
            await fill_small(client, fake)

    asyncio.run(fill())
    result = export_small(url, fake, directory)
    assert result.ok, result.failures
    return fake


# -- places in an export, and damage --------------------------------------------------


def place_path(directory: Path, place: str) -> Path:
    """The path in ``directory`` that a place names."""
    room = PLACES[place]
    name = file_name(room) if room else ""
    if place == "files-blob":
        (blob,) = (directory / "files" / name).iterdir()
        return blob
    return {
        "storage-document": directory / "storage" / f"{name}.json",
        "yjs-document": directory / "yjs" / f"{name}.bin",
        "threads-document": directory / "threads" / f"{name}.ndjson",
        "files-folder": directory / "files" / name,
        "yjs-folder": directory / "yjs",
        "index": directory / "index.ndjson",
        "rooms": directory / "rooms.ndjson",
        "manifest": directory / "manifest.json",
    }[place]


def _marked(path: Path, place: str) -> bytes:
    """What the outside copy of a file holds: as valid as the original, with the marker."""
    data = path.read_bytes()
    if place == "storage-document":
        return json.dumps({"liveblocksType": "LiveObject", "data": {"title": MARKER}}).encode()
    if path.suffix == ".bin":
        doc = pycrdt.Doc()
        doc.get("text", type=pycrdt.Text).insert(0, MARKER)
        return doc.get_update()
    if place == "threads-document" or place == "rooms":
        return data.replace(b"A private note", MARKER.encode()).replace(
            b'"metadata":{"n":"1"}', b'"metadata":{"n":"%s"}' % MARKER.encode()
        )
    if place == "index":
        return data + b'{"id":"' + MARKER.encode() + b'"'  # and a last line cut short
    if place == "manifest":
        return data
    return MARKER.encode() * 4  # a Storage file


def plant_link(directory: Path, place: str, outside: Path) -> Path:
    """Move the file or folder at ``place`` outside (holding the marker, with a
    temporary file beside it in a folder) and put a symbolic link to it in its place;
    the link's path."""
    path = place_path(directory, place)
    target = outside / f"{place}-{path.name}"
    if path.is_dir():
        shutil.copytree(path, target)
        for item in target.iterdir():
            item.write_bytes(_marked(item, place))
        (target / ".tmp-keep").write_bytes(MARKER.encode())
        shutil.rmtree(path)
    else:
        target.write_bytes(_marked(path, place))
        path.unlink()
    path.symlink_to(target)
    return path


def plant_fifo(directory: Path, place: str) -> Path:
    path = place_path(directory, place)
    path.unlink()
    os.mkfifo(path)
    return path


def tree(path: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry below ``path`` (links not followed): its type bits and bytes."""
    result: dict[str, tuple[int, bytes | None]] = {}
    for root, folders, files in os.walk(path):
        for name in [*folders, *files]:
            entry = Path(root) / name
            mode = entry.lstat().st_mode
            data = entry.read_bytes() if stat.S_ISREG(mode) else None
            result[str(entry.relative_to(path))] = (stat.S_IFMT(mode), data)
    return result


def holds_marker(directory: Path) -> bool:
    """Whether any regular file below ``directory`` holds the marker."""
    return any(data is not None and MARKER.encode() in data for _, data in tree(directory).values())


def forget_rooms(directory: Path, *room_ids: str) -> None:
    """Remove rooms' lines from rooms.ndjson and index.ndjson, as if an export had not
    reached them (a resume exports them again)."""
    for log in ("rooms.ndjson", "index.ndjson"):
        path = directory / log
        lines = path.read_bytes().splitlines(keepends=True)
        path.write_bytes(b"".join(x for x in lines if json.loads(x)["id"] not in room_ids))
