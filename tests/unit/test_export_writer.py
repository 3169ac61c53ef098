"""The export's disk writer: files made durable before they are renamed, renames made
durable before any line claims them, no disk work on the event loop, nothing half-written
left behind when the disk fails, and an event loop that waits only for a far-behind disk."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from liveblocks.export._layout import LineLog
from liveblocks.export._writer import DiskWriter, RoomWrite, Syncer
from tests.export_helpers import (
    break_renames,
)

EVENTS: list[tuple[str, Any]] = []


class RecordingSyncer(Syncer):
    """The real flushes, each recorded with what the folders held at that moment."""

    def sync_data(self, paths: Any) -> None:
        paths = list(paths)
        EVENTS.append(("data", [(p, p.exists()) for p in paths]))
        super().sync_data(paths)

    def sync_entries(self, folders: Any) -> None:
        EVENTS.append(("entries", sorted(folders)))
        super().sync_entries(folders)


@pytest.fixture(autouse=True)
def clear_events(monkeypatch: pytest.MonkeyPatch) -> None:
    EVENTS.clear()
    write = LineLog.write

    def recording(self: LineLog, data: bytes) -> None:
        EVENTS.append(("line", (self.path.name, data)))
        write(self, data)

    monkeypatch.setattr(LineLog, "write", recording)


def room_write(root: Path, log: LineLog, index: int) -> RoomWrite:
    path = root / "storage" / f"r{index}.json"
    line = json.dumps({"id": f"r{index}", "file": f"r{index}"}).encode() + b"\n"
    return RoomWrite(f"r{index}", files=[(path, b'{"n": %d}' % index)], lines=[(log, line)])


async def write_rooms(root: Path, count: int, **options: Any) -> tuple[list[str], list[str]]:
    """Hand ``count`` rooms to a writer; the rooms it reports done, and those it refused."""
    (root / "storage").mkdir(parents=True)
    log = LineLog(root / "index.ndjson")
    done: list[str] = []
    refused: list[str] = []
    writer = DiskWriter(
        root,
        syncer=RecordingSyncer(root),
        on_done=lambda writes: done.extend(w.room_id for w in writes),
        on_failed=lambda write, error: refused.append(f"{write.room_id}: {error.strerror}"),
        **options,
    )
    writer.start()
    try:
        for index in range(count):
            await writer.put(room_write(root, log, index))
    finally:
        await writer.close()
        log.close()
    return done, refused


async def test_files_are_durable_and_renamed_before_a_line_claims_them(tmp_path: Path) -> None:
    done, refused = await write_rooms(tmp_path, 50, checkpoint_files=20)
    assert done == [f"r{i}" for i in range(50)] and refused == []
    kinds = [kind for kind, _ in EVENTS]
    # One checkpoint per 20 files: flush the data, rename, flush the renames, then lines.
    assert kinds == ["data", "entries", *["line"] * 20] * 2 + ["data", "entries", *["line"] * 10]
    synced: set[Path] = set()
    for kind, detail in EVENTS:
        if kind == "data":
            # What is flushed are the temporary files, already written, not yet renamed.
            assert all(p.name.startswith(".tmp-") and present for p, present in detail)
            synced |= {p.with_name(p.name.removeprefix(".tmp-")) for p, _ in detail}
        elif kind == "line":
            name = json.loads(detail[1])["file"]
            final = tmp_path / "storage" / f"{name}.json"
            assert final in synced and final.exists()
    assert sorted(os.listdir(tmp_path / "storage")) == sorted(f"r{i}.json" for i in range(50))


async def test_a_checkpoint_comes_at_the_latest_after_its_interval(tmp_path: Path) -> None:
    (tmp_path / "storage").mkdir()
    log = LineLog(tmp_path / "index.ndjson")
    writer = DiskWriter(tmp_path, syncer=RecordingSyncer(tmp_path), checkpoint_seconds=0.05)
    writer.start()
    await writer.put(room_write(tmp_path, log, 1))
    # The writer thread renames the file before it writes the line that claims it: wait
    # for that line (bounded), with the writer still open, so the checkpoint came by
    # itself after its interval.
    deadline = time.monotonic() + 5
    while not any(kind == "line" for kind, _ in EVENTS) and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert (tmp_path / "storage" / "r1.json").read_bytes() == b'{"n": 1}'
    assert [k for k, _ in EVENTS] == ["data", "entries", "line"]
    await writer.close()
    log.close()


async def test_the_event_loop_waits_only_for_a_far_behind_disk(tmp_path: Path) -> None:
    class SlowSyncer(RecordingSyncer):
        def sync_data(self, paths: Any) -> None:
            time.sleep(0.02)
            super().sync_data(paths)

    (tmp_path / "storage").mkdir()
    log = LineLog(tmp_path / "index.ndjson")
    writer = DiskWriter(
        tmp_path, syncer=SlowSyncer(tmp_path), checkpoint_files=2, max_pending_bytes=100
    )
    writer.start()
    most = 0
    for index in range(30):
        await writer.put(room_write(tmp_path, log, index))
        most = max(most, writer._pending)
    await writer.close()
    log.close()
    one = room_write(tmp_path, log, 10).size
    assert most <= 100 + one  # never more than the limit and the room just handed over
    assert len(os.listdir(tmp_path / "storage")) == 30


async def test_a_file_that_cannot_be_written_fails_its_room_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.write
    files = 0

    def full_disk(fd: int, data: Any) -> int:
        nonlocal files
        if threading.current_thread().name == "liveblocks-writer" and bytes(data[:3]) == b'{"n':
            files += 1
            if files == 7:  # half of the 7th file reaches the disk, then it is refused
                real(fd, bytes(data[:3]))
                raise OSError(errno.EFBIG, "File too large")
        return real(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    done, refused = await write_rooms(tmp_path, 20, checkpoint_files=5)
    assert refused == ["r6: File too large"]
    assert done == [f"r{i}" for i in range(20) if i != 6]
    # No half file, under its name or a temporary one; no line claims it.
    names = sorted(os.listdir(tmp_path / "storage"))
    assert names == sorted(f"r{i}.json" for i in range(20) if i != 6)
    index = (tmp_path / "index.ndjson").read_bytes().splitlines()
    assert sorted(json.loads(line)["file"] for line in index) == sorted(done)


async def test_a_failed_checkpoint_stops_the_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_renames(monkeypatch)
    with pytest.raises(OSError, match="Input/output error"):
        await write_rooms(tmp_path, 10, checkpoint_files=3)
    assert os.listdir(tmp_path / "storage") == []  # temporary files removed
    assert (tmp_path / "index.ndjson").read_bytes() == b""


# -- whole exports ----------------------------------------------------------------------
