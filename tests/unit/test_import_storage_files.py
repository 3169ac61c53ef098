"""Import of the files a room's Storage refers to, at the wire: each uploaded under its
id before Storage is written; on a re-import, a file already there under that id is kept
only if it is as large as the export's (else the room fails, its Storage untouched)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liveblocks import AsyncLiveblocks
from liveblocks.export import file_name, import_rooms_async
from liveblocks.transports import Request, Response
from liveblocks.transports.mock import AsyncMockTransport

BASE = "https://api.example.test"
ROOM = {
    "type": "room",
    "id": "r1",
    "organizationId": "default",
    "createdAt": "2024-01-01T00:00:00.000Z",
    "defaultAccesses": [],
    "usersAccesses": {},
    "groupsAccesses": {},
    "metadata": {},
}
FILE_ID = "fl_abcdefghijklmnopqrstu"
FILE = {"id": FILE_ID, "name": "a.txt", "size": 5, "mimeType": "text/plain"}
DOCUMENT = {
    "liveblocksType": "LiveObject",
    "data": {"f": {"liveblocksType": "LiveFile", "data": FILE}},
}
FILES = f"/v2/rooms/r1/storage/files/{FILE_ID}"
JSON = {"Content-Type": "application/json"}


def export_directory(tmp_path: Path) -> Path:
    directory = tmp_path / "e"
    (directory / "storage").mkdir(parents=True)
    (directory / "files" / "r1").mkdir(parents=True)
    info = {"format": "liveblocks-export", "formatVersion": 2, "status": "complete"}
    (directory / "manifest.json").write_text(json.dumps(info))
    (directory / "rooms.ndjson").write_text(json.dumps(ROOM) + "\n")
    entry = {"id": "r1", "file": "r1", "storage": True, "yjs": False, "files": 1}
    (directory / "index.ndjson").write_text(json.dumps(entry) + "\n")
    (directory / "storage" / "r1.json").write_text(json.dumps(DOCUMENT))
    (directory / "files" / "r1" / file_name(FILE_ID)).write_bytes(b"hello")
    return directory


def server(size_there: int) -> AsyncMockTransport:
    """A project where ``r1`` already holds a file under FILE_ID, of ``size_there`` bytes;
    the room has no Storage."""

    def handler(request: Request) -> Response:
        path = request.path
        if path == "/v2/rooms":
            if request.method == "GET":
                return Response(200, JSON, b'{"nextCursor": null, "data": []}')
            return Response(200, JSON, json.dumps(ROOM).encode())
        if path.startswith(f"{FILES}/upload/"):
            return Response(409, JSON, b'{"error": "Conflict", "message": "File already exists"}')
        if path == FILES and request.method == "GET":
            there = {**FILE, "size": size_there, "url": "https://files.test/x"}
            return Response(
                200, JSON, json.dumps({**there, "expiresAt": "2099-01-01T00:00:00Z"}).encode()
            )
        if path == "/v2/rooms/r1/request-storage-mutation":
            nodes = b'{"actor":1}\n["root",{"type":0,"data":{}}]\n'
            return Response(200, {"Content-Type": "application/x-ndjson"}, nodes)
        if path == "/v2/rooms/r1/storage" and request.method == "POST":
            return Response(200, JSON, request.body if isinstance(request.body, bytes) else b"")
        return Response(404, JSON, b'{"error": "NOT_FOUND", "message": "unexpected"}')

    return AsyncMockTransport(handler)


def exchanges(mock: AsyncMockTransport) -> list[tuple[str, str]]:
    return [(r.method, r.url.removeprefix(BASE)) for r in mock.requests]


UPLOAD = ("PUT", f"{FILES}/upload/a.txt?fileSize=5")


async def test_a_file_uploaded_by_an_earlier_run_is_kept(tmp_path: Path) -> None:
    mock = server(size_there=5)
    async with AsyncLiveblocks("sk_test", base_url=BASE, transport=mock) as client:
        result = await import_rooms_async(client, export_directory(tmp_path))
    assert result.ok, result.failures
    assert (result.files, result.storage) == (1, 1)
    assert exchanges(mock)[2:] == [
        UPLOAD,
        ("GET", FILES),
        ("POST", "/v2/rooms/r1/request-storage-mutation"),
        ("POST", "/v2/rooms/r1/storage"),
    ]
    assert json.loads(mock.requests[-1].body) == DOCUMENT  # type: ignore[arg-type]


@pytest.mark.parametrize("size_there", [4, 6, 0])
async def test_a_file_of_another_size_under_the_same_id_fails_the_room(
    tmp_path: Path, size_there: int
) -> None:
    """Another file holds the id: the room fails with the conflict, and its Storage is
    not written (it would refer to the wrong file)."""
    mock = server(size_there)
    async with AsyncLiveblocks("sk_test", base_url=BASE, transport=mock) as client:
        result = await import_rooms_async(client, export_directory(tmp_path))
    assert not result.ok and result.storage == 0 and result.files == 0
    [failure] = result.failures
    assert failure.room_id == "r1"
    assert failure.reason == "ConflictError: 409 Conflict: File already exists"
    assert not failure.retryable
    assert exchanges(mock)[2:] == [UPLOAD, ("GET", FILES)]
