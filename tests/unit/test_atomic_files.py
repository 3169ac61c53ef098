"""One atomic write for the whole package (a download into a path, an export's manifest,
a merge's copies): the path holds its old content or the whole new one, never a part, and
no temporary file is left behind, whatever fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liveblocks._atomic import AtomicFile
from liveblocks.export._layout import TEMP_PREFIX, write_atomic


def test_the_path_changes_only_when_the_file_is_committed(tmp_path: Path) -> None:
    path = tmp_path / "doc.bin"
    path.write_bytes(b"old")
    atomic = AtomicFile(path)
    atomic.file.write(b"new content")
    assert path.read_bytes() == b"old"
    assert Path(atomic.temp).parent == tmp_path and Path(atomic.temp).name.startswith(".doc.bin.")
    atomic.commit()
    assert path.read_bytes() == b"new content"
    assert sorted(os.listdir(tmp_path)) == ["doc.bin"]


def test_a_block_that_raises_leaves_the_old_content_and_no_temporary_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "doc.bin"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="half way"), AtomicFile(path) as file:
        file.write(b"half")
        raise RuntimeError("half way")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["doc.bin"]


def test_a_failed_rename_removes_the_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "taken"
    path.mkdir()  # a folder cannot be replaced by a file
    (path / "inside").write_bytes(b"x")
    with pytest.raises(OSError), AtomicFile(path, temp=tmp_path / ".tmp-taken") as file:
        file.write(b"data")
    assert sorted(os.listdir(tmp_path)) == ["taken"]


def test_a_durable_file_reaches_the_disk_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        order.append("fsync")
        real_fsync(fd)

    def replace(source: str, target: str) -> None:
        order.append("replace")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    with AtomicFile(tmp_path / "a", durable=True) as file:
        file.write(b"a")
    with AtomicFile(tmp_path / "b") as file:
        file.write(b"b")
    assert order == ["fsync", "replace", "replace"]


def test_an_export_writes_and_copies_through_it(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    write_atomic(manifest, b"{}\n", root=tmp_path)
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(3 * 1024 * 1024 + 5))  # more than one copied chunk
    copy = tmp_path / "copy.bin"
    with source.open("rb") as reader:
        write_atomic(copy, reader, root=tmp_path, sync_entry=False)
    assert manifest.read_bytes() == b"{}\n"
    assert copy.read_bytes() == source.read_bytes()
    assert not [name for name in os.listdir(tmp_path) if name.startswith(TEMP_PREFIX)]
