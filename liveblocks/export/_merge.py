"""Merge the exports of several shards (``shard="0/3"`` ... ``"2/3"``) into one."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from .._version import __version__
from ._common import iso, now
from ._layout import (
    DOCUMENT_KINDS,
    FORMAT,
    FORMAT_VERSION,
    TEMP_PREFIX,
    ExportDirectory,
    ExportDirectoryError,
    LineLog,
    index_entry,
)

__all__ = ["merge_exports"]

_id_decoder = msgspec.json.Decoder(dict[str, Any])


def _copy_atomic(source: Path, target: Path) -> None:
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX)
    os.close(fd)
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def merge_exports(
    sources: Sequence[str | os.PathLike[str]], target: str | os.PathLike[str]
) -> dict[str, Any]:
    """Merge export directories (typically the shards of one export) into ``target``, a new
    or empty directory; returns the merged manifest. A room present in several sources is
    taken from the first."""
    if not sources:
        raise ValueError("merge_exports needs at least one source directory")
    out = ExportDirectory(target)
    if out.path.exists() and (not out.path.is_dir() or any(out.path.iterdir())):
        raise ExportDirectoryError(f"{out.path} is not empty: choose an empty or new directory")
    inputs = [ExportDirectory(source) for source in sources]
    manifests = [d.read_manifest() for d in inputs]
    options = {(repr(m.get("filters")), bool(m.get("threads"))) for m in manifests}
    if len(options) > 1:
        raise ExportDirectoryError("the exports were made with different filters or threads")
    kinds = [k for k in DOCUMENT_KINDS if k != "threads" or manifests[0].get("threads")]
    out.prepare(kinds)
    seen: set[str] = set()
    rooms_log = LineLog(out.rooms_path)
    index_log = LineLog(out.index_path)
    try:
        for source in inputs:
            index = source.index()
            for _, line in source.iter_room_lines():
                room = _id_decoder.decode(line)
                room_id = room["id"]
                if room_id in seen:
                    continue
                seen.add(room_id)
                for kind in kinds:
                    path = source.document(kind, room_id)
                    if path.exists():
                        _copy_atomic(path, out.document(kind, room_id))
                index_log.append(index_entry(room_id, index.get(room_id, frozenset())))
                rooms_log.append(room)
    finally:
        index_log.close()
        rooms_log.close()
    statuses = {m.get("status") for m in manifests}
    manifest = {
        "format": FORMAT,
        "formatVersion": FORMAT_VERSION,
        "sdkVersion": __version__,
        "status": "complete" if statuses == {"complete"} else "incomplete",
        "createdAt": min(str(m.get("createdAt")) for m in manifests),
        "startedAt": min(str(m.get("startedAt")) for m in manifests),
        "finishedAt": iso(now()),
        "resumed": 0,
        "source": manifests[0].get("source"),
        "filters": manifests[0].get("filters"),
        "shard": None,
        "threads": bool(manifests[0].get("threads")),
        "mergedFrom": [
            {"path": str(d.path), "shard": m.get("shard"), "status": m.get("status")}
            for d, m in zip(inputs, manifests, strict=True)
        ],
        "counts": {
            "rooms": len(seen),
            **{kind: out.count_documents(kind) for kind in kinds},
            "failed": sum(len(m.get("failures") or []) for m in manifests),
        },
        "failures": [f for m in manifests for f in (m.get("failures") or [])],
    }
    out.sync_folders(kinds)
    out.write_manifest(manifest)
    return manifest
