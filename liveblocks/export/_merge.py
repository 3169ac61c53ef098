"""Merge the exports of several shards (``shard="0/3"`` ... ``"2/3"``) into one."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from .._version import __version__
from ._common import RoomFailure, iso, now
from ._layout import (
    BLOB_KINDS,
    DOCUMENT_KINDS,
    FORMAT,
    FORMAT_VERSION,
    TEMP_PREFIX,
    ExportDirectory,
    ExportDirectoryError,
    IndexEntry,
    LineLog,
    sync_folder,
)
from ._select import RoomFilter, Shard

__all__ = ["merge_exports"]

_id_decoder = msgspec.json.Decoder(dict[str, Any])


def _copy_atomic(source: Path, target: Path) -> None:
    temp = target.with_name(TEMP_PREFIX + target.name)
    try:
        shutil.copyfile(source, temp)
        with open(temp, "rb+") as file:
            os.fsync(file.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _check_same_export(inputs: list[ExportDirectory], manifests: list[dict[str, Any]]) -> None:
    """Refuse to merge exports of different sources or options."""
    first = manifests[0]

    def options(m: dict[str, Any]) -> tuple[Any, ...]:
        source = m.get("source") or {}
        return (
            RoomFilter.from_dict(m.get("filters") or {}),
            bool(m.get("threads")),
            source.get("baseUrl"),
        )

    for directory, manifest in zip(inputs[1:], manifests[1:], strict=True):
        if options(manifest) != options(first):
            raise ExportDirectoryError(
                f"the exports were made with different filters or threads, or from different "
                f"servers ({inputs[0].path} and {directory.path}): only the parts of one "
                "export can be merged"
            )


def _missing_shards(manifests: list[dict[str, Any]]) -> list[str]:
    """The shards of the sources' set that are not among them; [] if none is a shard."""
    shards = [m.get("shard") for m in manifests]
    if not any(shards):
        return []
    if not all(shards):
        raise ExportDirectoryError(
            "some exports are shards (K/N) and some are not: merge the shards of one export"
        )
    parsed = [Shard.parse(str(s)) for s in shards]
    counts = {s.count for s in parsed}
    if len(counts) > 1:
        raise ExportDirectoryError(
            f"the exports are shards of different splits ({', '.join(map(str, parsed))}): "
            "merge the N shards of one split"
        )
    count = counts.pop()
    present = {s.index for s in parsed}
    return [str(Shard(k, count)) for k in range(count) if k not in present]


def _failure_counts(manifest: dict[str, Any]) -> dict[str, int]:
    """How many rooms of an export failed, and how many of them a rerun may fix."""
    failures = [
        RoomFailure.from_dict(f) for f in manifest.get("failures") or [] if isinstance(f, dict)
    ]
    return {"failed": len(failures), "retryable": sum(f.retryable for f in failures)}


def merge_exports(
    sources: Sequence[str | os.PathLike[str]], target: str | os.PathLike[str]
) -> dict[str, Any]:
    """Merge export directories (typically the shards of one export) into ``target``, a new
    or empty directory; returns the merged manifest. A room present in several sources is
    taken from the first.

    The merged export is ``"complete"`` only if every source is and, for shards, every
    shard of the split is there; otherwise it is ``"incomplete"`` and the manifest's
    ``missingShards`` lists the shards to export and merge again."""
    if not sources:
        raise ValueError("merge_exports needs at least one source directory")
    out = ExportDirectory(target)
    if out.path.exists() and (not out.path.is_dir() or any(out.path.iterdir())):
        raise ExportDirectoryError(f"{out.path} is not empty: choose an empty or new directory")
    inputs = [ExportDirectory(source) for source in sources]
    manifests = [d.read_manifest() for d in inputs]
    _check_same_export(inputs, manifests)
    missing = _missing_shards(manifests)
    threads = bool(manifests[0].get("threads"))
    kinds = [k for k in DOCUMENT_KINDS if k != "threads" or threads]
    blob_kinds = [k for k in BLOB_KINDS if k != "attachments" or threads]
    out.prepare([*kinds, *blob_kinds])
    seen: set[str] = set()
    rooms_log = LineLog(out.rooms_path)
    index_log = LineLog(out.index_path)
    try:
        for source in inputs:
            for _, line in source.iter_room_lines():
                room = _id_decoder.decode(line)
                room_id = room["id"]
                if room_id in seen:
                    continue
                seen.add(room_id)
                index_log.append(_copy_room(source, out, room_id, kinds, blob_kinds))
                rooms_log.append(room)
    finally:
        index_log.close()
        rooms_log.close()
    complete = not missing and all(m.get("status") == "complete" for m in manifests)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "formatVersion": FORMAT_VERSION,
        "sdkVersion": __version__,
        "status": "complete" if complete else "incomplete",
        "createdAt": min(str(m.get("createdAt")) for m in manifests),
        "startedAt": min(str(m.get("startedAt")) for m in manifests),
        "finishedAt": iso(now()),
        "resumed": 0,
        "source": manifests[0].get("source"),
        "filters": manifests[0].get("filters"),
        "shard": None,
        "threads": threads,
        "mergedFrom": [
            {
                "path": str(d.path),
                "shard": m.get("shard"),
                "status": m.get("status"),
                **_failure_counts(m),
            }
            for d, m in zip(inputs, manifests, strict=True)
        ],
        "missingShards": missing,
        "counts": {
            "rooms": len(seen),
            **{kind: out.count_documents(kind) for kind in kinds},
            **{kind: out.count_blobs(kind) for kind in blob_kinds},
            "failed": sum(len(m.get("failures") or []) for m in manifests),
        },
        "failures": [f for m in manifests for f in (m.get("failures") or [])],
    }
    out.sync_folders([*kinds, *blob_kinds])
    out.write_manifest(manifest)
    return manifest


def _copy_room(
    source: ExportDirectory,
    out: ExportDirectory,
    room_id: str,
    kinds: list[str],
    blob_kinds: list[str],
) -> IndexEntry:
    """Copy a room's documents and binary files; its index entry in ``out`` (which claims
    only what was copied)."""
    has: dict[str, bool] = {}
    for kind in kinds:
        path = source.document(kind, room_id)
        has[kind] = path.exists()
        if has[kind]:
            _copy_atomic(path, out.document(kind, room_id))
    counts: dict[str, int] = {}
    for kind in blob_kinds:
        folder = source.path / kind / source.name(room_id)
        names = (
            sorted(e.name for e in os.scandir(folder) if not e.name.startswith("."))
            if folder.is_dir()
            else []
        )
        if names:
            target = out.path / kind / out.name(room_id)
            target.mkdir(exist_ok=True)
            for name in names:
                _copy_atomic(folder / name, target / name)
            sync_folder(target)
        counts[kind] = len(names)
    return IndexEntry(
        id=room_id,
        file=out.name(room_id),
        storage=has["storage"],
        yjs=has["yjs"],
        threads=has.get("threads", False),
        files=counts["files"],
        attachments=counts.get("attachments", 0),
    )
