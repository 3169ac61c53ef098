"""``python -m liveblocks`` in child processes against the S3 server: an export killed with
SIGKILL at random moments and resumed each time ends with every room exactly once and
the same objects as one export on disk; three shards exported at once by three processes
into one bucket, merged there and imported into another dev server give the source's
rooms back."""

from __future__ import annotations

import json
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks import Liveblocks
from liveblocks.export import export_rooms
from tests.devserver_process import ROOT, SECRET, DevServer
from tests.export_helpers import fill, started, yjs_content
from tests.fakes.s3server import S3Server

from .objects import disk_files, log_lines, object_files, object_manifest, store

ROOMS = [f"room-{i:03d}" for i in range(300)]
#: The most kills in one test: each is followed by a resume.
KILLS = 6


@pytest.fixture(scope="module")
def servers() -> Iterator[list[DevServer]]:
    yield from started(2)


@pytest.fixture(scope="module")
def source(servers: list[DevServer]) -> str:
    fill(servers[0].url, ROOMS)
    return servers[0].url


@pytest.fixture(scope="module")
def on_disk(source: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("disk") / "export"
    result = export_rooms(None, directory, secret=SECRET, base_url=source)
    assert result.ok, result.failures
    return directory


def command(*args: str) -> list[str]:
    secret = ["--secret", SECRET] if args[0] != "merge" else []
    return [sys.executable, "-m", "liveblocks", *args, *secret, "-q"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args), cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def project(url: str) -> dict[str, Any]:
    """Every room through the API: the room (without the times the server sets), its
    Storage and its Yjs document's content."""
    rooms = {}
    with Liveblocks(SECRET, base_url=url) as client:
        for room in client.rooms.list():
            target = client.rooms[room.id]
            update = target.yjs.get_binary()
            rooms[room.id] = {
                "room": {
                    k: v
                    for k, v in room.to_dict().items()
                    if k not in ("createdAt", "lastConnectionAt")
                },
                "storage": dict(target.storage.get()),
                "yjs": yjs_content(update) if update != b"\x00\x00" else None,
            }
    return rooms


def test_an_export_killed_at_random_moments_and_resumed_loses_and_repeats_nothing(
    source: str, on_disk: Path, s3: S3Server, bucket: str
) -> None:
    url = f"s3://{bucket}/killed"
    chance = random.Random(20)
    kills = 0
    cut = []  # rooms listed when each run was killed
    while kills < KILLS:
        before = listed(url)
        if before >= len(ROOMS) - 1:
            break
        # Killed once a random number of rooms more is listed, a random moment later.
        target = chance.randint(before + 1, len(ROOMS) - 1)
        proc = subprocess.Popen(
            # One room at a time: several checkpoints, so several moments to kill it at.
            command("export", url, "--resume", "--base-url", source, "--concurrency", "1"),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while proc.poll() is None and listed(url) < target and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is not None:
            assert proc.returncode == 0
            break
        time.sleep(chance.uniform(0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1
        cut.append(listed(url))
    # At least one run was killed with part of the rooms listed, not before the first
    # nor after the last.
    assert any(0 < n < len(ROOMS) for n in cut), cut
    done = run("export", url, "--resume", "--base-url", source)
    assert done.returncode == 0, done.stderr

    rooms = [line["id"] for line in log_lines(url, "rooms")]
    assert sorted(rooms) == sorted(ROOMS)  # nothing lost, nothing twice
    assert object_files(url) == disk_files(on_disk)
    index = {line["id"]: line for line in log_lines(url, "index")}
    disk_index = log_index(on_disk)
    assert index == disk_index
    manifest = object_manifest(url)
    assert manifest["status"] == "complete"
    assert manifest["resumed"] >= 1
    assert manifest["counts"]["rooms"] == len(ROOMS)
    fs, root = store(url)
    assert not fs.exists(f"{root}/.liveblocks-lock.json")


def listed(url: str) -> int:
    """Rooms listed in the export so far."""
    return len(log_lines(url, "rooms"))


def log_index(directory: Path) -> dict[str, Any]:
    lines = (directory / "index.ndjson").read_bytes().splitlines()
    return {entry["id"]: entry for entry in map(json.loads, lines)}


def test_shards_from_three_processes_merged_in_the_bucket_then_imported(
    servers: list[DevServer], source: str, s3: S3Server, bucket: str
) -> None:
    shards = [f"s3://{bucket}/shards/{k}" for k in range(3)]
    procs = [
        subprocess.Popen(
            command("export", shard, "--shard", f"{k}/3", "--base-url", source),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k, shard in enumerate(shards)
    ]
    deadline = time.monotonic() + 300
    for proc in procs:
        _, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
        assert proc.returncode == 0, err
    counts = [object_manifest(shard)["counts"]["rooms"] for shard in shards]
    assert sum(counts) == len(ROOMS) and all(counts)

    merged = f"s3://{bucket}/merged"
    done = run("merge", merged, *shards)
    assert done.returncode == 0, done.stderr
    manifest = object_manifest(merged)
    assert manifest["status"] == "complete"
    assert manifest["missingShards"] == []
    assert [m["path"] for m in manifest["mergedFrom"]] == shards
    assert sorted(line["id"] for line in log_lines(merged, "rooms")) == sorted(ROOMS)

    imported = run("import", merged, "--base-url", servers[1].url, "--concurrency", "8")
    assert imported.returncode == 0, imported.stderr
    assert project(servers[1].url) == project(source)


def test_a_second_run_on_a_locked_bucket_is_refused(source: str, s3: S3Server, bucket: str) -> None:
    url = f"s3://{bucket}/locked"
    fs, root = store(url)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = {
            "runId": "other",
            "command": "export",
            "host": socket.gethostname(),
            "pid": holder.pid,
            "startedAt": "2026-01-01T00:00:00.000Z",
            "renewedAt": now_iso(),
        }
        fs.pipe_file(f"{root}/.liveblocks-lock.json", json.dumps(lock).encode())
        refused = run("export", url, "--base-url", source)
        assert refused.returncode == 2, refused.stderr
        assert f"error: {url} is being written by another run (export on host" in refused.stderr
        assert f"pid {holder.pid}, since 2026-01-01T00:00:00.000Z" in refused.stderr
        assert fs.find(root) == [f"{root}/.liveblocks-lock.json"]  # nothing touched
        merge = run("merge", url, f"s3://{bucket}/elsewhere")
        assert merge.returncode == 2 and "is being written by another run" in merge.stderr
    finally:
        holder.kill()
        holder.wait(timeout=10)
    # Its process gone, the lock of this machine is taken over at once.
    done = run("export", url, "--base-url", source)
    assert done.returncode == 0, done.stderr
    fs, root = store(url)  # listings not cached
    assert not fs.exists(f"{root}/.liveblocks-lock.json")


def now_iso() -> str:
    import datetime

    moment = datetime.datetime.now(datetime.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
