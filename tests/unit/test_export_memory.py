"""An export's memory does not grow with the project: 20,000 rooms exported from a fast
in-process fake onto a disk made slow (each checkpoint's flush waits), so that the writer
falls behind the network as it does on a busy disk, with every allocation traced. The
exporter's peak of traced memory stays under a loose bound per room (what it must
remember per room: the ids the room list handed out) on top of a fixed amount (the rooms
in flight, the writer's bounded queue)."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from liveblocks import AsyncLiveblocks
from liveblocks.export import export_rooms_async
from liveblocks.export._writer import Syncer
from tests.fakes.scale_fake import ScaleProject, ScaleTransport

ROOMS = 20_000
#: What the exporter may hold per room for the whole run (a listed id), loosely.
PER_ROOM = 200
#: What it may hold at once whatever the number of rooms: the writer's queue (16 MiB as
#: it counts) and the rooms in flight. Before the queue counted what its rooms cost
#: beyond their bytes, this export peaked at 32 MB; now about 12 MB.
FIXED = 16 * 2**20


async def export(directory: Path) -> tuple[int, int]:
    transport = ScaleTransport(ScaleProject(ROOMS))
    async with AsyncLiveblocks(
        "sk_test_memory", base_url="https://api.liveblocks.test", transport=transport
    ) as client:
        tracemalloc.start()
        try:
            baseline = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            result = await export_rooms_async(client, directory, concurrency=16)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert result.failures == []
    return result.rooms, peak - baseline


def test_export_memory_is_flat_on_a_slow_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Syncer.sync_data

    def slow_flush(self: Syncer, paths: Any) -> None:
        time.sleep(0.05)  # a disk that takes its time, as a shared one does
        real(self, paths)

    monkeypatch.setattr(Syncer, "sync_data", slow_flush)
    rooms, growth = asyncio.run(asyncio.wait_for(export(tmp_path / "out"), 600))
    assert rooms == ROOMS
    bound = FIXED + PER_ROOM * ROOMS
    assert growth < bound, f"peak {growth / 1e6:.1f} MB for {ROOMS} rooms (bound {bound / 1e6:.1f})"
