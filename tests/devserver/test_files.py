"""Storage files against the real dev server, through both clients: uploads from bytes,
paths and file objects, single and multipart, downloads into memory, paths and streams,
LiveFiles in Storage, and the same uploads through @liveblocks/node for comparison."""

from __future__ import annotations

import asyncio
import hashlib
import io
import itertools
import os
import warnings
from pathlib import Path

import pytest

from liveblocks import AsyncLiveblocks, Liveblocks, LiveFile, models
from liveblocks.errors import NotFoundError, UnprocessableEntityError

MiB = 1024 * 1024
SMALL = b"hello, files \x00\xff" * 100
LARGE_SIZE = 11 * MiB + 12345  # three parts


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("files") / "large.bin"
    path.write_bytes(os.urandom(LARGE_SIZE))
    return path


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_uploads_from_bytes_paths_and_file_objects(
    live: Liveblocks, room_id: str, large: Path, tmp_path: Path
) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    files = live.rooms[room_id].files
    small_path = tmp_path / "notes.txt"
    small_path.write_bytes(SMALL)
    progress: list[tuple[int, int | None]] = []
    with large.open("rb") as stream:
        uploaded = {
            "bytes": files.upload(SMALL, name="from-bytes.txt"),
            "path": files.upload(small_path),
            "stream": files.upload(io.BytesIO(SMALL), name="from-stream.txt"),
            "large path": files.upload(
                large, on_progress=lambda sent, total: progress.append((sent, total))
            ),
            "large stream": files.upload(stream, name="large-stream.bin", concurrency=2),
        }
    expected = {
        "bytes": ("from-bytes.txt", SMALL, "text/plain"),
        "path": ("notes.txt", SMALL, "text/plain"),
        "stream": ("from-stream.txt", SMALL, "text/plain"),
        "large path": ("large.bin", large.read_bytes(), "application/octet-stream"),
        "large stream": ("large-stream.bin", large.read_bytes(), "application/octet-stream"),
    }
    for kind, file in uploaded.items():
        name, content, mime = expected[kind]
        assert isinstance(file, LiveFile), kind
        assert (file.name, file.size, file.mime_type) == (name, len(content), mime), kind
        assert len(file.id) == 24 and file.id.startswith("fl_")
        located = files[file.id].get()
        assert isinstance(located, models.StorageFileWithUrl)
        assert (located.id, located.name, located.size) == (file.id, name, len(content))
        assert _digest(files[file.id].download()) == _digest(content), kind
    assert progress[-1] == (LARGE_SIZE, LARGE_SIZE)
    sent = [0] + [s for s, _ in progress]
    # One call per part, in the order the parts were done (the short last one may win).
    assert sorted(b - a for a, b in itertools.pairwise(sent)) == [
        LARGE_SIZE - 10 * MiB,
        5 * MiB,
        5 * MiB,
    ]


def test_downloads_stream_into_paths_and_file_objects(
    live: Liveblocks, room_id: str, large: Path, tmp_path: Path
) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    file = live.rooms[room_id].files.upload(large)
    target = tmp_path / "copy.bin"
    assert live.rooms[room_id].files[file.id].download(target) == LARGE_SIZE
    assert _digest(target.read_bytes()) == _digest(large.read_bytes())
    buffer = io.BytesIO()
    assert live.rooms[room_id].files[file.id].download(buffer) == LARGE_SIZE
    assert buffer.getvalue() == large.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.bin"]


def test_the_flat_methods_upload_in_parts(live: Liveblocks, room_id: str) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    file_id = "fl_flatmultipart01234567"
    data = os.urandom(6 * MiB)
    opened = live.create_storage_file_multipart_upload(
        room_id, file_id, "parts.bin", file_size=len(data)
    )
    assert opened.file_id == file_id
    parts = [
        live.upload_storage_file_multipart_part(
            room_id, file_id, opened.upload_id, number, body=chunk
        )
        for number, chunk in ((1, data[: 5 * MiB]), (2, data[5 * MiB :]))
    ]
    assert [p.part_number for p in parts] == [1, 2]
    done = live.complete_storage_file_multipart_upload(
        room_id,
        file_id,
        opened.upload_id,
        body=models.CompleteStorageFileMultipartUploadRequestBody(parts=parts),
    )
    assert done == models.LiveFileData(
        id=file_id, name="parts.bin", size=len(data), mime_type="application/octet-stream"
    )
    assert live.rooms[room_id].files[file_id].download() == data
    # An abort answers 200 on the dev server (204 on the API): both are success.
    other = live.create_storage_file_multipart_upload(room_id, "fl_flatmultipart01234568", "x")
    assert (
        live.abort_storage_file_multipart_upload(
            room_id, "fl_flatmultipart01234568", other.upload_id
        )
        is None
    )


def test_an_upload_to_a_missing_room_raises_not_found(live: Liveblocks) -> None:
    with pytest.raises(NotFoundError):
        live.rooms["no-such-room-for-files"].files.upload(b"x", name="a.txt")
    with pytest.raises(NotFoundError):
        live.rooms["no-such-room-for-files"].files.upload(os.urandom(6 * MiB), name="b.bin")


def test_a_live_file_goes_into_storage_once_uploaded(live: Liveblocks, room_id: str) -> None:
    live.rooms.create(id=room_id, default_accesses=[])
    storage = live.rooms[room_id].storage
    stranger = LiveFile(id="fl_neveruploaded01234567", name="x.txt", size=1, mime_type="text/plain")
    with pytest.raises(UnprocessableEntityError):
        storage.initialize({"liveblocksType": "LiveObject", "data": {"file": stranger}})
    file = live.rooms[room_id].files.upload(SMALL, name="attached.txt")
    storage.initialize({"liveblocksType": "LiveObject", "data": {"file": file, "n": 1}})
    lson = storage.get()
    assert lson["data"]["file"] == file.to_dict()
    assert LiveFile.from_dict(lson["data"]["file"]) == file
    assert storage.get(format="json")["file"] == file.to_immutable()


async def test_async_uploads_and_downloads(
    alive: AsyncLiveblocks, room_id: str, large: Path, tmp_path: Path
) -> None:
    await alive.rooms.create(id=room_id, default_accesses=[])
    files = alive.rooms[room_id].files
    with large.open("rb") as stream, warnings.catch_warnings():
        # 5 MiB parts go out a slice at a time: no warning about large bytes bodies.
        warnings.simplefilter("error", ResourceWarning)
        small, from_path, from_stream = await asyncio.gather(
            files.upload(SMALL, name="a.txt"),
            files.upload(large),
            files.upload(stream, name="s.bin"),
        )
    assert (small.size, from_path.size, from_stream.size) == (len(SMALL), LARGE_SIZE, LARGE_SIZE)
    assert await files[small.id].download() == SMALL
    target = tmp_path / "async.bin"
    assert await files[from_path.id].download(target) == LARGE_SIZE
    assert target.read_bytes() == large.read_bytes()
    buffer = io.BytesIO()
    assert await files[from_stream.id].download(buffer) == LARGE_SIZE
    assert buffer.getvalue() == large.read_bytes()
    located = await alive.get_storage_file(room_id, from_path.id)
    assert located.size == LARGE_SIZE
    with pytest.raises(NotFoundError):
        await alive.rooms["no-such-room-for-files"].files.upload(large)
