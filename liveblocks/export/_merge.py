"""Merge the exports of several shards (``shard="0/3"`` ... ``"2/3"``) into one.

The sources are read as the import reads them (see :mod:`._layout`): every document and
file their index claims must be there, as a regular file. A room of a source that is not
(a link, a missing document) is left out of the merge and named in its manifest's
``failures`` (the merge is then ``"incomplete"``); a source that cannot be read (its
manifest, index or ``rooms.ndjson`` damaged) stops the merge, and what it had written is
removed, so that running it again once the source is fixed needs no cleaning up.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._batch import RoomFilter, Shard, announce_total
from .._version import __version__
from ._common import OnRoom, RoomFailure, iso, now
from ._layout import (
    BLOB_KINDS,
    DOCUMENT_KINDS,
    FORMAT,
    FORMAT_VERSION,
    INDEX,
    RESUME_HINT,
    ROOMS,
    TEMP_PREFIX,
    DamagedExportError,
    ExportDirectory,
    ExportDirectoryError,
    IndexEntry,
    LineLog,
)
from ._lock import DEFAULT_LOCK_TIMEOUT, RunLock
from ._objects import ObjectExportDirectory, StorageOptions, open_directory

__all__ = ["merge_exports"]

#: Left in the target while a merge runs: a target holding it and no manifest is a merge
#: that was stopped, which the next merge into it clears.
_MERGING = TEMP_PREFIX + "merging"


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


def _shard_of(directory: ExportDirectory, manifest: dict[str, Any]) -> Shard:
    try:
        return Shard.parse(str(manifest.get("shard")))
    except ValueError as exc:
        raise DamagedExportError(f"{directory.manifest_path} is damaged: {exc}") from None


def _missing_shards(inputs: list[ExportDirectory], manifests: list[dict[str, Any]]) -> list[str]:
    """The shards of the sources' set that are not among them; [] if none is a shard."""
    shards = [m.get("shard") for m in manifests]
    if not any(shards):
        return []
    if not all(shards):
        raise ExportDirectoryError(
            "some exports are shards (K/N) and some are not: merge the shards of one export"
        )
    parsed = [_shard_of(d, m) for d, m in zip(inputs, manifests, strict=True)]
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
    sources: Sequence[str | os.PathLike[str]],
    target: str | os.PathLike[str],
    *,
    on_room: OnRoom | None = None,
    storage_options: StorageOptions | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> dict[str, Any]:
    """Merge export directories (typically the shards of one export) into ``target``, a new
    or empty directory; returns the merged manifest. A room present in several sources is
    taken from the first.

    The merged export is ``"complete"`` only if every source is and, for shards, every
    shard of the split is there, and every room could be merged; otherwise it is
    ``"incomplete"``: the manifest's ``missingShards`` lists the shards to export and
    merge again, and its ``failures`` the rooms left out and why (a file of the source
    missing or not a regular file). Raises :class:`ExportDirectoryError` for a source
    that cannot be read (and leaves ``target`` as it found it). ``on_room`` is called
    after each room with its id and ``"merged"`` or ``"failed"``.

    Sources and target may be URLs of object storage (``s3://bucket/shard-0``, ...; see
    :func:`export_rooms_async`), read and written through fsspec with
    ``storage_options``. The target is locked while the merge runs (see ``lock_timeout``
    there): a second merge into it raises :class:`DestinationLockedError`."""
    if not sources:
        raise ValueError("merge_exports needs at least one source directory")
    out = open_directory(target, storage_options)
    inputs = [open_directory(source, storage_options) for source in sources]
    lock = RunLock(out, "merge", lock_timeout)
    created = not isinstance(out, ObjectExportDirectory) and not out.path.exists()
    if created:
        _check_target_parent(out)
    lock.start()
    try:
        _claim_target(out)
        try:
            manifest = _Merge(inputs, out, on_room).run()
        except BaseException:
            _clear_target(out, remove=created)
            raise
        out.remove(out.path / _MERGING)
    finally:
        lock.release()
        if created and _is_empty_folder(out.path):
            with contextlib.suppress(OSError):
                os.rmdir(out.path)
    return manifest


def _check_target_parent(out: ExportDirectory) -> None:
    path = out.path
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise ExportDirectoryError(f"{path} is not a directory: choose an empty or new one")


def _is_empty_folder(path: Path) -> bool:
    try:
        return path.is_dir() and not any(path.iterdir())
    except OSError:
        return False


def _claim_target(out: ExportDirectory) -> None:
    """Check that ``out`` can take the merge and mark it as merging."""
    if isinstance(out, ObjectExportDirectory):
        _claim_objects(out)
        return
    path = out.path
    if path.exists() and not path.is_dir():
        raise ExportDirectoryError(f"{path} is not a directory: choose an empty or new one")
    if out.holds_other_files():
        if not (path / _MERGING).is_file() or out.is_export():
            raise ExportDirectoryError(f"{path} is not empty: choose an empty or new directory")
        _clear_target(out, remove=False)  # a merge that was stopped: start it again
    path.mkdir(parents=True, exist_ok=True)
    os.close(out.open(path / _MERGING, os.O_WRONLY | os.O_CREAT))


def _claim_objects(out: ObjectExportDirectory) -> None:
    """:func:`_claim_target` on object storage."""
    if out.holds_other_files():
        if not out.has_file(out.path / _MERGING) or out.is_export():
            raise ExportDirectoryError(
                f"{out.url} is not empty: choose an empty or new destination"
            )
        out.clear()  # a merge that was stopped: start it again
    out.put(out.path / _MERGING, b"")


def _clear_target(out: ExportDirectory, remove: bool) -> None:
    """Remove what a merge writes into ``out`` (and ``out`` itself with ``remove``, once
    its lock is gone: see :func:`merge_exports`)."""
    if isinstance(out, ObjectExportDirectory):
        out.clear()
        return
    ours = {ROOMS, INDEX, *DOCUMENT_KINDS, *BLOB_KINDS}
    with contextlib.suppress(FileNotFoundError), os.scandir(out.path) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name in ours:
                shutil.rmtree(entry.path)
            elif entry.name in ours or entry.name.startswith(TEMP_PREFIX):
                os.unlink(entry.path)
    if remove:
        out.remove_empty_folder(out.path)


class _Merge:
    def __init__(
        self, inputs: list[ExportDirectory], out: ExportDirectory, on_room: OnRoom | None = None
    ) -> None:
        self.inputs = inputs
        self.out = out
        self.on_room = on_room
        self.failures: list[RoomFailure] = []

    def run(self) -> dict[str, Any]:
        inputs, out = self.inputs, self.out
        manifests = [d.read_manifest() for d in inputs]
        _check_same_export(inputs, manifests)
        missing = _missing_shards(inputs, manifests)
        claims = [d.claims() for d in inputs]
        for source in inputs:
            source.check_rooms_whole()
            source.check_folders()
        if all(claimed is not None for claimed in claims):  # the indexes say how many
            announce_total(self.on_room, len(set().union(*(c or {} for c in claims))))
        threads = bool(manifests[0].get("threads"))
        self.kinds = [k for k in DOCUMENT_KINDS if k != "threads" or threads]
        self.blob_kinds = [k for k in BLOB_KINDS if k != "attachments" or threads]
        out.prepare([*self.kinds, *self.blob_kinds])
        seen: set[str] = set()
        rooms_log = out.open_log(out.rooms_path)
        index_log = out.open_log(out.index_path)
        try:
            for source, claimed in zip(inputs, claims, strict=True):
                for number, line in source.iter_room_lines():
                    room_id = source.room_id(number, line)
                    if room_id not in seen:
                        seen.add(room_id)
                        self._room(source, claimed, room_id, line, rooms_log, index_log)
        finally:
            index_log.close()
            rooms_log.close()
        manifest = self._manifest(manifests, missing)
        out.sync_folders([*self.kinds, *self.blob_kinds])
        out.write_manifest(manifest)
        return manifest

    def _room(
        self,
        source: ExportDirectory,
        claimed: dict[str, IndexEntry] | None,
        room_id: str,
        line: bytes,
        rooms_log: LineLog,
        index_log: LineLog,
    ) -> None:
        """Copy one room, or record why it cannot be."""
        copied: list[Path] = []
        try:
            entry = self._copy_room(source, claimed, room_id, copied)
        except OSError as exc:  # the source's files: missing, a link, unreadable
            for path in copied:
                with contextlib.suppress(OSError):
                    self.out.remove(path)
            for kind in self.blob_kinds:
                self.out.remove_empty_folder(self.out.blob_folder(kind, room_id))
            self.failures.append(RoomFailure.of(room_id, exc))
            self._report(room_id, "failed")
            return
        index_log.append(entry)
        rooms_log.write(line)
        self._report(room_id, "merged")

    def _report(self, room_id: str, outcome: str) -> None:
        if self.on_room is not None:
            self.on_room(room_id, outcome)

    def _copy_room(
        self,
        source: ExportDirectory,
        claimed: dict[str, IndexEntry] | None,
        room_id: str,
        copied: list[Path],
    ) -> IndexEntry:
        """Copy a room's documents and binary files; its index entry in the merge (which
        claims only what was copied)."""
        out = self.out
        had = None
        if claimed is not None:
            had = claimed.get(room_id)
            if had is None:
                raise DamagedExportError(
                    f"{source.index_path} has no line for room {room_id!r}, so what it holds "
                    "is unknown: the export is damaged"
                )
        has: dict[str, bool] = {}
        for kind in self.kinds:
            data_claimed = None if had is None else getattr(had, kind)
            has[kind] = self._copy_document(source, kind, room_id, data_claimed, copied)
        counts: dict[str, int] = {}
        for kind in self.blob_kinds:
            names = source.blob_names(kind, room_id)
            expected = 0 if had is None else getattr(had, kind)
            if len(names) < expected:
                raise DamagedExportError(
                    f"{source.blob_folder(kind, room_id)} holds {len(names)} files, though "
                    f"{INDEX} says the room has {expected}: the export is damaged"
                )
            if names:
                folder = source.blob_folder(kind, room_id)
                target = out.blob_folder(kind, room_id)
                for name in names:
                    copied.append(target / name)
                    out.copy_from(source, folder / name, target / name)
                out.sync_folder(target)
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

    def _copy_document(
        self,
        source: ExportDirectory,
        kind: str,
        room_id: str,
        claimed: bool | None,
        copied: list[Path],
    ) -> bool:
        """Copy a room's document of this kind if it has one; whether it has."""
        if claimed is False:
            return False
        path = source.document(kind, room_id)
        if not source.has_file(path):
            if claimed:
                raise DamagedExportError(
                    f"{path} is missing, though {INDEX} says the room has it: {RESUME_HINT}"
                )
            return False
        if path.suffix == ".ndjson" and not source.ends_whole(path):
            raise DamagedExportError(f"{path} ends with a line cut short: {RESUME_HINT}")
        target = self.out.document(kind, room_id)
        copied.append(target)
        self.out.copy_from(source, path, target)
        return True

    def _manifest(self, manifests: list[dict[str, Any]], missing: list[str]) -> dict[str, Any]:
        out, kinds, blob_kinds = self.out, self.kinds, self.blob_kinds
        failures = [f for m in manifests for f in (m.get("failures") or [])]
        failures += [f.to_dict() for f in self.failures]
        complete = (
            not missing
            and not self.failures
            and all(m.get("status") == "complete" for m in manifests)
        )
        return {
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
            "threads": "threads" in kinds,
            "mergedFrom": [
                {
                    "path": d.shown(d.path),
                    "shard": m.get("shard"),
                    "status": m.get("status"),
                    **_failure_counts(m),
                }
                for d, m in zip(self.inputs, manifests, strict=True)
            ],
            "missingShards": missing,
            "counts": {
                "rooms": out.count_rooms(),
                **{kind: out.count_documents(kind) for kind in kinds},
                **{kind: out.count_blobs(kind) for kind in blob_kinds},
                "failed": len(failures),
            },
            "failures": failures,
        }
