"""The export engine: stream the room list, fetch each room's documents a few rooms at a
time, hand them to the disk writer, and record the run in the manifest.

The pieces: :mod:`._plan` (what the export covers, what earlier runs left),
:mod:`._fetch` (a room's documents from the API), :mod:`._writer` (durable files off the
event loop), :mod:`._manifest` (the run's record)."""

from __future__ import annotations

import asyncio
import datetime
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._batch import (
    DEFAULT_CONCURRENCY,
    RoomFilter,
    Shard,
    check_concurrency,
    failure_reason,
    for_each,
    list_rooms,
)
from .._models._base import to_api_json
from .._models.rooms import Room
from ..client import AsyncLiveblocks
from ._common import OnRoom, RoomFailure, RunStatus, iso, now
from ._fetch import EMPTY_YJS_UPDATE, FetchedRoom, Fetcher
from ._layout import ExportDirectory, encode_line, index_entry
from ._lock import DEFAULT_LOCK_TIMEOUT, RunLock
from ._manifest import Manifest
from ._objects import ObjectExportDirectory, ObjectWriter, StorageOptions, open_directory
from ._plan import ExportPlan, ExportState, Source, open_export
from ._writer import DiskWriter, RoomWrite

__all__ = ["EMPTY_YJS_UPDATE", "ExportResult", "export_rooms_async"]

logger = logging.getLogger("liveblocks")


@dataclass
class ExportResult(RunStatus):
    """What one export run did. ``rooms``, ``storage``, ``yjs``, ``threads``, ``files``
    and ``attachments`` count what this run wrote; ``skipped`` the rooms a resumed run
    found already complete."""

    directory: Path
    status: str = "running"
    rooms: int = 0
    skipped: int = 0
    storage: int = 0
    yjs: int = 0
    threads: int = 0
    files: int = 0
    attachments: int = 0
    failures: list[RoomFailure] = field(default_factory=list)
    started_at: datetime.datetime = field(default_factory=now)
    finished_at: datetime.datetime | None = None


class _Exporter:
    def __init__(
        self,
        client: AsyncLiveblocks,
        directory: ExportDirectory,
        plan: ExportPlan,
        *,
        concurrency: int,
        resume: bool,
        on_room: OnRoom | None,
    ) -> None:
        self.dir = directory
        self.plan = plan
        self.concurrency = concurrency
        self.resume = resume
        self.on_room = on_room
        self.client = client
        self.fetcher = Fetcher(client, directory)
        self.result = ExportResult(directory.path)
        self.lock_timeout = DEFAULT_LOCK_TIMEOUT
        self.state = ExportState()

    async def export_room(self, room: Room) -> None:
        room_id = room.id
        state = self.state
        listed = state.is_complete(room_id)
        try:
            wanted = state.wanted(self.dir, room_id, self.plan.kinds)
            if listed and not wanted:
                self.result.skipped += 1
                self._report(room_id, "skipped")
                return
            fetched = await self.fetcher.fetch(room_id, wanted)
        except Exception as exc:  # any failure of this room is recorded, the run goes on
            self._failed(room_id, exc)
            return
        # Counted as exported once its files are on disk (_written), or failed (_refused).
        await self.writer.put(self._write(room, wanted, fetched, listed))

    def _failed(self, room_id: str, exc: BaseException) -> None:
        failure = RoomFailure.of(room_id, exc)
        logger.debug("export of room %r failed: %s", room_id, failure.reason)
        self.result.failures.append(failure)
        self._report(room_id, "failed")

    def _written(self, writes: list[RoomWrite]) -> None:
        result = self.result
        for write in writes:
            result.rooms += 1
            for kind, count in write.counts.items():
                setattr(result, kind, getattr(result, kind) + count)
            self._report(write.room_id, "exported")

    def _refused(self, write: RoomWrite, error: OSError) -> None:
        self._failed(write.room_id, error)

    def _write(
        self, room: Room, wanted: list[str], fetched: FetchedRoom, listed: bool
    ) -> RoomWrite:
        """The room's files, and the lines that claim them once they are on disk."""
        room_id = room.id
        write = RoomWrite(room_id)
        counts = write.counts
        for kind, data in fetched.documents.items():
            write.files.append((self.dir.document(kind, room_id), data))
            counts[kind] = 1
        blobs = {"files": 0, "attachments": 0}
        for kind, blob_id, content in fetched.blobs:
            write.files.append((self.dir.blob(kind, room_id, blob_id), content))
            blobs[kind] += 1
            counts[kind] = counts.get(kind, 0) + 1
        had = self.state.index.get(room_id)
        # What the room has on disk now: what this run fetched, and what it did not
        # fetch again because an earlier run wrote it.
        has = {
            kind: kind in fetched.documents
            or (kind not in wanted and had is not None and kind in had.kinds())
            for kind in self.plan.kinds
        }
        if had is not None:
            if "storage" not in wanted:
                blobs["files"] = had.files
            if "threads" not in wanted:
                blobs["attachments"] = had.attachments
        entry = index_entry(room_id, self.dir.name(room_id), **has, **blobs)
        if entry != had:
            write.lines.append((self.index_log, encode_line(entry)))
        if not listed:
            write.lines.append((self.rooms_log, encode_line(to_api_json(room))))
        return write

    def _report(self, room_id: str, outcome: str) -> None:
        if self.on_room is not None:
            self.on_room(room_id, outcome)

    async def run(self) -> ExportResult:
        lock = RunLock(self.dir, "export", self.lock_timeout)
        await asyncio.to_thread(lock.start)
        try:
            return await self._run()
        finally:
            await asyncio.to_thread(lock.release)

    def _writer(self) -> DiskWriter:
        if isinstance(self.dir, ObjectExportDirectory):
            return ObjectWriter(self.dir, on_done=self._written, on_failed=self._refused)
        return DiskWriter(self.dir.path, on_done=self._written, on_failed=self._refused)

    async def _run(self) -> ExportResult:
        self.state = open_export(self.dir, self.plan, self.resume)
        manifest = Manifest(self.dir, self.plan, self.state, str(iso(self.result.started_at)))
        manifest.start()
        self.index_log = self.dir.open_log(self.dir.index_path)
        self.rooms_log = self.dir.open_log(self.dir.rooms_path)
        self.writer = self._writer()
        self.writer.start()
        status = "interrupted"
        error: str | None = None
        try:
            try:
                rooms = list_rooms(self.client, self.plan.filters, self.plan.shard)
                await for_each(rooms, self.export_room, self.concurrency)
            finally:
                await self.writer.close()  # every room handed over is on disk
            status = "incomplete" if self.result.failures else "complete"
        except Exception as exc:
            status, error = "failed", failure_reason(exc)
            raise
        finally:
            self.index_log.close()
            self.rooms_log.close()
            result = self.result
            result.status = status
            result.finished_at = now()
            run = {"exported": result.rooms, "skipped": result.skipped}
            for kind in ("storage", "yjs", "threads", "files", "attachments"):
                if kind in self.plan.folders:
                    run[kind] = getattr(result, kind)
            manifest.finish(status, iso(result.finished_at), run, result.failures, error)
        return self.result


async def export_rooms_async(
    client: AsyncLiveblocks,
    directory: str | os.PathLike[str],
    *,
    query: str | None = None,
    user_id: str | None = None,
    group_ids: str | Sequence[str] | None = None,
    organization_id: str | None = None,
    threads: bool = False,
    concurrency: int = DEFAULT_CONCURRENCY,
    resume: bool = False,
    shard: Shard | str | tuple[int, int] | None = None,
    on_room: OnRoom | None = None,
    storage_options: StorageOptions | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> ExportResult:
    """Export every room matching the filters (and in ``shard``, e.g. ``"0/3"``) into
    ``directory``: rooms, Storage with the files it refers to, Yjs documents and, with
    ``threads=True``, threads with their attachments.

    At most ``concurrency`` rooms are fetched at a time. A room that fails is recorded in
    the manifest and the result (``result.ok`` is False); the others go on. With
    ``resume=True`` an existing export is completed: only rooms or files that are missing
    are fetched, from the same server with the same options (else
    :class:`ExportDirectoryError`). A directory where an earlier run exported nothing is
    started again. Raises :class:`ExportDirectoryError` for a directory that cannot be
    used, and the SDK's errors when the room list itself cannot be read (a wrong key, no
    server, a bad query).

    ``directory`` is a path, or a URL of object storage (``s3://bucket/prefix``,
    ``gs://``, ``az://``, ``memory://``, through fsspec: ``pip install
    'liveblocks-sdk[s3]'``), with ``storage_options`` passed to fsspec (endpoint,
    credentials; by default the store's usual configuration, for S3 the ``AWS_``
    variables). One run at a time writes a destination: a second one raises
    :class:`DestinationLockedError` naming the run that holds its lock, which is taken over
    once not renewed for ``lock_timeout`` seconds.
    """
    plan = ExportPlan(
        RoomFilter.of(
            query=query, user_id=user_id, group_ids=group_ids, organization_id=organization_id
        ),
        Shard.of(shard),
        bool(threads),
        Source.of(client),
    )
    exporter = _Exporter(
        client,
        open_directory(directory, storage_options),
        plan,
        concurrency=check_concurrency(concurrency),
        resume=resume,
        on_room=on_room,
    )
    exporter.lock_timeout = lock_timeout
    return await exporter.run()
