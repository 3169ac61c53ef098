"""What the exporter promises, seen only from outside: the command line and the files it
leaves on disk, against a scripted API on loopback.

- A document file is never left half-written, even when the disk refuses the write.
- ``--resume`` refuses other options than the first run's, ``--threads`` included.
- ``merge`` refuses exports made with different options.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liveblocks.cli import main
from tests.fakes.faultserver import SECRET, FaultServer, Received, Reply, room_json

ROOT = Path(__file__).resolve().parent.parent.parent
FILE_SIZE_LIMIT = 100_000
BIG_DOCUMENT = {
    "liveblocksType": "LiveObject",
    "data": {f"key{i}": "x" * 100 for i in range(3000)},  # about 330 kB of JSON
}
SMALL_DOCUMENT = {"liveblocksType": "LiveObject", "data": {"title": "small"}}


def api(received: Received) -> Reply:
    """Two rooms; "big" has a Storage document larger than the file size limit."""
    path = received.path
    if path == "/v2/rooms":
        return Reply(200, {"nextCursor": None, "data": [room_json("big"), room_json("small")]})
    room = path.split("/")[3]
    if path.endswith("/storage"):
        return Reply(200, BIG_DOCUMENT if room == "big" else SMALL_DOCUMENT)
    if path.endswith("/ydoc-binary"):
        return Reply(200, b"", headers={"Content-Type": "application/octet-stream"})
    if path.endswith("/threads"):
        return Reply(200, {"data": []})
    return Reply(404, {"error": "NOT_FOUND", "message": path})


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        s.handler = api
        yield s


@pytest.fixture(autouse=True)
def environment(server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVEBLOCKS_SECRET_KEY", SECRET)
    monkeypatch.setenv("LIVEBLOCKS_BASE_URL", server.url)


def cli(*args: str, file_size_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m liveblocks ARGS`` in a child process, its files capped in size if asked
    (a write past the cap fails with EFBIG, as on a full disk)."""

    def limit() -> None:
        if file_size_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, "-m", "liveblocks", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,  # the child has no threads before exec
    )


def storage_files(directory: Path) -> dict[str, Any]:
    return {p.name: p.read_bytes() for p in (directory / "storage").iterdir()}


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "backup"
    done = cli("export", str(out), "--quiet", file_size_limit=FILE_SIZE_LIMIT)
    assert done.returncode != 0, done.stderr  # the big room failed and is reported
    files = storage_files(out)
    # The small document is there, whole; of the big one, nothing: no truncated file under
    # its name and no temporary file left behind.
    assert json.loads(files.pop("small.json")) == SMALL_DOCUMENT
    assert files == {}
    manifest = json.loads((out / "manifest.json").read_text())
    assert [f["roomId"] for f in manifest["failures"]] == ["big"]

    resumed = cli("export", str(out), "--quiet", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    files = storage_files(out)
    assert sorted(files) == ["big.json", "small.json"]
    assert json.loads(files["big.json"]) == BIG_DOCUMENT


@pytest.mark.parametrize(
    ("first", "then"),
    [([], ["--threads"]), (["--threads"], [])],
    ids=["without-then-with-threads", "with-then-without-threads"],
)
def test_resume_refuses_another_threads_option(
    first: list[str], then: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "backup"
    assert main(["export", str(out), "--quiet", *first]) == 0
    before = (out / "manifest.json").read_text()
    capsys.readouterr()
    assert main(["export", str(out), "--quiet", "--resume", *then]) == 2
    err = capsys.readouterr().err
    assert "other options" in err and "threads" in err
    assert (out / "manifest.json").read_text() == before  # the export is left as it was


def test_merge_refuses_exports_made_with_other_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_threads, without = tmp_path / "a", tmp_path / "b"
    assert main(["export", str(with_threads), "--quiet", "--threads"]) == 0
    assert main(["export", str(without), "--quiet"]) == 0
    capsys.readouterr()
    merged = tmp_path / "merged"
    assert main(["merge", str(merged), str(with_threads), str(without), "--quiet"]) == 2
    assert "different" in capsys.readouterr().err
    assert not merged.exists() or not any(merged.iterdir())
    # Exports made alike merge.
    assert main(["merge", str(merged), str(without), str(without), "--quiet"]) == 0
