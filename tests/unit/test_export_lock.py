"""One run per destination, on disk and on ``memory://``: a lock held by a live run
refuses a second one (saying who, touching nothing), a lock left by a process that is
gone or not renewed for the timeout is taken over, the lock is renewed while the run
lasts and removed at its end."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from liveblocks.export import DestinationLockedError, ExportDirectory
from liveblocks.export._lock import RunLock
from liveblocks.export._objects import open_directory


@pytest.fixture
def sleeper() -> Iterator[int]:
    """A live process of this machine, other than this one."""
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield proc.pid
    finally:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(params=["disk", "memory"])
def destination(request: pytest.FixtureRequest, tmp_path: Path) -> ExportDirectory:
    if request.param == "disk":
        return ExportDirectory(tmp_path / "export")
    return open_directory(f"memory://locks/{tmp_path.name}")


def held(pid: int, renewed: str = "2099-01-01T00:00:00.000Z") -> bytes:
    return json.dumps(
        {
            "runId": "other",
            "command": "export",
            "host": socket.gethostname(),
            "pid": pid,
            "startedAt": "2026-01-01T00:00:00.000Z",
            "renewedAt": renewed,
        }
    ).encode()


def test_a_live_run_s_lock_refuses_a_second_one(
    destination: ExportDirectory, sleeper: int
) -> None:
    lock = RunLock(destination, "export")
    assert lock.store.create(held(sleeper))
    with pytest.raises(DestinationLockedError) as refused:
        RunLock(destination, "export").start()
    message = str(refused.value)
    assert "is being written by another run (export on host" in message
    assert f"pid {sleeper}, since 2026-01-01T00:00:00.000Z" in message
    assert refused.value.holder["runId"] == "other"
    assert lock.store.read() == held(sleeper)  # untouched


def test_a_lock_left_by_a_gone_process_or_not_renewed_is_taken_over(
    destination: ExportDirectory, sleeper: int
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=30)
    lock = RunLock(destination, "export")
    assert lock.store.create(held(gone.pid))
    with RunLock(destination, "export") as mine:
        assert json.loads(lock.store.read() or b"")["runId"] == mine.data["runId"]
    assert lock.store.read() is None  # released

    # A live process's lock not renewed for the timeout: taken over too.
    assert lock.store.create(held(sleeper, renewed="2020-01-01T00:00:00.000Z"))
    with RunLock(destination, "export", timeout=60) as mine:
        assert json.loads(lock.store.read() or b"")["runId"] == mine.data["runId"]
    assert lock.store.read() is None


def test_the_lock_is_renewed_while_the_run_lasts(destination: ExportDirectory) -> None:
    with RunLock(destination, "export", timeout=0.3) as mine:
        first = json.loads(mine.store.read() or b"")["renewedAt"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            now = json.loads(mine.store.read() or b"")
            if now["renewedAt"] != first:
                break
            time.sleep(0.05)
        assert now["renewedAt"] != first
        assert now["pid"] == os.getpid() and now["runId"] == mine.data["runId"]


def test_a_store_whose_package_is_missing_names_the_extra_to_install() -> None:
    from liveblocks.export import ExportDirectoryError

    with pytest.raises(ExportDirectoryError, match=r"pip install 'liveblocks-sdk\[gcs\]'"):
        open_directory("gs://bucket/prefix")
    with pytest.raises(ExportDirectoryError, match="storage options apply to URLs"):
        open_directory("plain/path", {"anon": True})
