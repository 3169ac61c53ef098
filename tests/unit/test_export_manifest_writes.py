"""An export's manifest is replaced whole or not at all: written to a temporary file, then
renamed over the old one, so a crash in the middle leaves the old manifest as it was."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from liveblocks.export._layout import ExportDirectory

OLD: dict[str, Any] = {"format": "liveblocks-export", "status": "running", "note": "old " * 500}
NEW: dict[str, Any] = {"format": "liveblocks-export", "status": "complete", "note": "new " * 900}


@pytest.fixture
def export(tmp_path: Path) -> ExportDirectory:
    directory = ExportDirectory(tmp_path / "e")
    directory.path.mkdir()
    directory.write_manifest(OLD)
    return directory


def manifest(export: ExportDirectory) -> Any:
    return json.loads(export.manifest_path.read_bytes())


def test_a_new_manifest_replaces_the_old_file_by_a_rename(export: ExportDirectory) -> None:
    before = os.stat(export.manifest_path)
    export.write_manifest(NEW)
    after = os.stat(export.manifest_path)
    # Another file took the name (a write in place would keep the inode).
    assert (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino)
    assert manifest(export) == NEW
    assert sorted(os.listdir(export.path)) == ["manifest.json"]  # no temporary file left


@pytest.mark.parametrize("crash", ["fsync", "replace"])
def test_a_crash_while_writing_leaves_the_old_manifest_whole(
    export: ExportDirectory, crash: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up while the new manifest is flushed, or the process stops before
    the rename: the old manifest is still there, byte for byte."""
    old_bytes = export.manifest_path.read_bytes()

    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, crash, fail)
        with pytest.raises(OSError, match="No space left"):
            export.write_manifest(NEW)
    assert export.manifest_path.read_bytes() == old_bytes
    assert manifest(export) == OLD
    assert sorted(os.listdir(export.path)) == ["manifest.json"]
