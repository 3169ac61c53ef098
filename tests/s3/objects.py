"""Reading an export on object storage in the tests, straight through fsspec (not
through the SDK), to compare it with the same export on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import fsspec

#: What differs between an export on disk and one on object storage, by design.
_NOT_FILES = {"manifest.json", "rooms.ndjson", "index.ndjson", ".liveblocks-lock.json"}
_LOG_FOLDERS = ("rooms", "index")


def store(url: str) -> tuple[Any, str]:
    fs, root = fsspec.core.url_to_fs(url)
    fs.invalidate_cache()
    return fs, str(root).rstrip("/")


def object_files(url: str) -> dict[str, bytes]:
    """Key below the destination -> bytes, for every document, file and attachment."""
    fs, root = store(url)
    found = {}
    for key in fs.find(root):
        relative = str(key)[len(root) + 1 :]
        if relative in _NOT_FILES or relative.split("/", 1)[0] in _LOG_FOLDERS:
            continue
        found[relative] = bytes(fs.cat_file(key))
    return found


def disk_files(directory: Path) -> dict[str, bytes]:
    """The same, for an export directory on disk."""
    found = {}
    for folder, _, names in os.walk(directory):
        for name in names:
            path = Path(folder) / name
            relative = path.relative_to(directory).as_posix()
            if relative not in _NOT_FILES:
                found[relative] = path.read_bytes()
    return found


def part_keys(url: str, log: str) -> list[str]:
    fs, root = store(url)
    try:
        return sorted(str(k) for k in fs.ls(f"{root}/{log}", detail=False))
    except FileNotFoundError:
        return []


def log_lines(url: str, log: str) -> list[dict[str, Any]]:
    """The lines of ``rooms`` or ``index``: its parts in order, each ending whole."""
    fs, _ = store(url)
    lines = []
    for key in part_keys(url, log):
        data = bytes(fs.cat_file(key))
        assert data.endswith(b"\n"), f"{key} ends with a line cut short"
        lines += [json.loads(line) for line in data.splitlines()]
    return lines


def object_manifest(url: str) -> dict[str, Any]:
    fs, root = store(url)
    data: dict[str, Any] = json.loads(bytes(fs.cat_file(f"{root}/manifest.json")))
    return data
