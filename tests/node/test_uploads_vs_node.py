"""Storage files against the real dev server, through both clients: uploads from bytes,
paths and file objects, single and multipart, downloads into memory, paths and streams,
LiveFiles in Storage, and the same uploads through @liveblocks/node for comparison."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from liveblocks import Liveblocks
from tests.devserver_process import SECRET, DevServer
from tests.nodesdk import run_node

MiB = 1024 * 1024
SMALL = b"hello, files \x00\xff" * 100
LARGE_SIZE = 11 * MiB + 12345  # three parts


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("files") / "large.bin"
    path.write_bytes(os.urandom(LARGE_SIZE))
    return path


@pytest.mark.parametrize("size", [len(SMALL), LARGE_SIZE], ids=["single", "multipart"])
def test_the_same_upload_through_node_gives_the_same_file(
    live: Liveblocks, devserver: DevServer, room_id: str, large: Path, tmp_path: Path, size: int
) -> None:
    """``@liveblocks/node``'s ``uploadFile`` and ours store the same bytes under the same
    name, size and type."""
    path = tmp_path / "shared name.bin"
    path.write_bytes(SMALL if size == len(SMALL) else large.read_bytes())
    live.rooms.create(id=room_id, default_accesses=[])
    theirs: dict[str, Any] = run_node(
        "upload.mjs", room_id, str(path), base_url=devserver.url, secret=SECRET
    )
    ours = live.rooms[room_id].files.upload(path)
    assert theirs["id"] != ours.id
    assert {k: v for k, v in theirs.items() if k != "id"} == {
        k: v for k, v in ours.to_immutable().items() if k != "id"
    }
    files = live.rooms[room_id].files
    assert files[theirs["id"]].download() == files[ours.id].download() == path.read_bytes()
