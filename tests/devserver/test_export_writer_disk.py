"""The export's disk writer: files made durable before they are renamed, renames made
durable before any line claims them, no disk work on the event loop, nothing half-written
left behind when the disk fails, and an event loop that waits only for a far-behind disk."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks.export import _writer, export_rooms
from liveblocks.export._writer import Syncer
from tests.devserver_process import SECRET
from tests.export_helpers import (
    ROOM_IDS,
    break_renames,
    documents,
    fill,
    has_storage,
    has_yjs,
    index_lines,
    manifest,
    room_ids_in,
    started,
)


@pytest.fixture(scope="module")
def source() -> Iterator[str]:
    for servers in started(1):
        fill(servers[0].url)
        yield servers[0].url


def test_no_file_is_opened_written_or_synced_on_the_event_loop(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per room, the event loop does no disk work: the few syncs it makes are the
    manifest's, at the start and at the end, whatever the number of rooms."""
    on_loop: list[str] = []
    main = threading.main_thread()
    for name in ("open", "fsync", "replace", "write"):
        real = getattr(os, name)

        def spy(*args: Any, __real: Any = real, __name: str = name, **kwargs: Any) -> Any:
            if threading.current_thread() is main:
                on_loop.append(__name)
            return __real(*args, **kwargs)

        monkeypatch.setattr(os, name, spy)
    spied = Syncer._sync_filesystem

    def syncfs(self: Syncer) -> None:
        if threading.current_thread() is main:
            on_loop.append("syncfs")
        spied(self)

    monkeypatch.setattr(Syncer, "_sync_filesystem", syncfs)
    result = export_rooms(None, tmp_path / "e", secret=SECRET, base_url=source)
    assert result.ok and result.rooms == 30
    assert len(documents(tmp_path / "e", "storage")) == 20
    # The manifest twice (a temporary file, its sync, its rename, its folder's sync) and
    # the two logs opened: nothing per room or per file.
    assert on_loop.count("fsync") <= 4
    assert on_loop.count("replace") == 2
    assert on_loop.count("write") == 0
    assert "syncfs" not in on_loop
    assert on_loop.count("open") <= 8


def test_an_export_on_a_full_disk_fails_each_room_and_claims_nothing(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(folders: Any, path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_writer, "_write_new", no_space)
    directory = tmp_path / "e"
    result = export_rooms(None, directory, secret=SECRET, base_url=source)
    # Every room with a document to write fails, and says why; the others have no file.
    with_documents = {r for i, r in enumerate(ROOM_IDS) if has_storage(i) or has_yjs(i)}
    assert result.status == "incomplete"
    assert {f.room_id for f in result.failures} == with_documents
    assert all("No space left on device" in f.reason for f in result.failures)
    assert all(f.local and not f.retryable for f in result.failures)
    assert result.rooms == len(ROOM_IDS) - len(with_documents)
    assert set(room_ids_in(directory)) == set(ROOM_IDS) - with_documents
    assert manifest(directory)["status"] == "incomplete"
    assert [p for p in directory.rglob("*") if p.is_file() and p.name.startswith(".tmp")] == []


def test_an_export_whose_disk_fails_at_a_checkpoint_stops_with_the_error(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_renames(monkeypatch)
    directory = tmp_path / "e"
    with pytest.raises(OSError, match="Input/output error"):
        export_rooms(None, directory, secret=SECRET, base_url=source)
    info = manifest(directory)
    assert info["status"] == "failed"
    assert "Input/output error" in info["error"]
    assert room_ids_in(directory) == [] and index_lines(directory) == {}
    assert [p for p in directory.rglob("*") if p.is_file() and p.name.startswith(".tmp")] == []
