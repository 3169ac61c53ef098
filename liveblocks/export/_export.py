"""The export engine: stream the room list, fetch each room's documents a few rooms at a
time, write every file atomically, and record what happened in the manifest."""

from __future__ import annotations

import asyncio
import datetime
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from .._batch import DEFAULT_CONCURRENCY, check_concurrency, failure_reason, for_each
from .._client import AsyncLiveblocks
from .._models._base import to_api_json
from .._models.rooms import Room
from .._version import __version__
from ._common import OnRoom, RoomFailure, RunStatus, iso, now
from ._layout import (
    FORMAT,
    FORMAT_VERSION,
    ExportDirectory,
    ExportDirectoryError,
    LineLog,
    index_entry,
    write_atomic,
)
from ._select import RoomFilter, Shard, list_rooms
from ._threads import fetch_threads

__all__ = ["EMPTY_YJS_UPDATE", "ExportResult", "export_rooms_async"]

logger = logging.getLogger("liveblocks")

#: What the API returns for a room without a Yjs document.
EMPTY_YJS_UPDATE = b"\x00\x00"

_encoder = msgspec.json.Encoder()


#: Documents smaller than this are written from the event loop; larger ones in a thread.
INLINE_WRITE_LIMIT = 256 * 1024


@dataclass
class ExportResult(RunStatus):
    """What one export run did. ``rooms``, ``storage``, ``yjs`` and ``threads`` count what
    this run wrote; ``skipped`` the rooms a resumed run found already complete."""

    directory: Path
    status: str = "running"
    rooms: int = 0
    skipped: int = 0
    storage: int = 0
    yjs: int = 0
    threads: int = 0
    failures: list[RoomFailure] = field(default_factory=list)
    started_at: datetime.datetime = field(default_factory=now)
    finished_at: datetime.datetime | None = None


class _StorageRoot(msgspec.Struct):
    """Just enough of a Storage document to tell whether it is empty (the rest stays raw)."""

    liveblocksType: str = "LiveObject"  # noqa: N815 - the API's key
    data: msgspec.Raw = msgspec.Raw(b"{}")


_storage_root = msgspec.json.Decoder(_StorageRoot)


def _is_empty_storage(document: bytes) -> bool:
    root = _storage_root.decode(document)
    return root.liveblocksType == "LiveObject" and bytes(root.data).strip() in (b"{}", b"null", b"")


class _Exporter:
    def __init__(
        self,
        client: AsyncLiveblocks,
        directory: ExportDirectory,
        *,
        filters: RoomFilter,
        shard: Shard | None,
        threads: bool,
        concurrency: int,
        resume: bool,
        on_room: OnRoom | None,
    ) -> None:
        self.client = client
        self.dir = directory
        self.filters = filters
        self.shard = shard
        self.kinds = ["storage", "yjs", *(["threads"] if threads else [])]
        self.concurrency = concurrency
        self.resume = resume
        self.on_room = on_room
        self.result = ExportResult(directory.path)
        self.manifest: dict[str, Any] = {}
        # Filled only when resuming: what earlier runs wrote.
        self.listed_ids: set[str] = set()
        self.index: dict[str, frozenset[str]] = {}
        # A new export starts from an empty directory: no file to look for before fetching.
        self.fresh = True

    # -- set-up ---------------------------------------------------------------------

    def open(self) -> None:
        path = self.dir.path
        if self.resume and self.dir.is_export():
            previous = self.dir.read_manifest()
            self._check_same_options(previous)
            self.dir.prepare(self.kinds)
            self.index = self.dir.index(repair=True)
            self.listed_ids = self.dir.room_ids(repair=True)
            self.fresh = False
            created = previous.get("createdAt")
            resumed = int(previous.get("resumed", 0)) + 1
        else:
            if path.exists() and (not path.is_dir() or any(path.iterdir())):
                hint = (
                    "resume it, or choose a new directory"
                    if self.dir.is_export()
                    else "choose an empty or new directory"
                )
                raise ExportDirectoryError(f"{path} is not empty: {hint}")
            self.dir.prepare(self.kinds)
            created = None
            resumed = 0
        self.manifest = {
            "format": FORMAT,
            "formatVersion": FORMAT_VERSION,
            "sdkVersion": __version__,
            "status": "running",
            "createdAt": created or iso(self.result.started_at),
            "startedAt": iso(self.result.started_at),
            "finishedAt": None,
            "resumed": resumed,
            "source": {"baseUrl": self.client.base_url},
            "filters": self.filters.to_dict(),
            "shard": str(self.shard) if self.shard else None,
            "threads": "threads" in self.kinds,
            "counts": {},
            "failures": [],
        }
        self.dir.write_manifest(self.manifest)

    def _check_same_options(self, previous: dict[str, Any]) -> None:
        mismatches = []
        if RoomFilter.from_dict(previous.get("filters") or {}) != self.filters:
            mismatches.append(f"filters {previous.get('filters')}")
        if previous.get("shard") != (str(self.shard) if self.shard else None):
            mismatches.append(f"shard {previous.get('shard')}")
        if bool(previous.get("threads")) != ("threads" in self.kinds):
            mismatches.append(f"threads={bool(previous.get('threads'))}")
        if mismatches:
            raise ExportDirectoryError(
                f"{self.dir.path} was exported with other options ({', '.join(mismatches)}); "
                "resume it with the same ones"
            )

    # -- one room -------------------------------------------------------------------

    async def export_room(self, room: Room) -> None:
        room_id = room.id
        had = self.index.get(room_id)
        listed = room_id in self.listed_ids
        if had is not None:
            # An earlier run fetched all its documents: fetch again those whose files are gone.
            wanted = [k for k in had if not self.dir.document(k, room_id).exists()]
            if listed and not wanted:
                self.result.skipped += 1
                self._report(room_id, "skipped")
                return
        elif self.fresh:
            wanted = list(self.kinds)
        else:
            # Files already there were written whole by an earlier run: keep them.
            wanted = [k for k in self.kinds if not self.dir.document(k, room_id).exists()]
        try:
            fetched = {kind: await self._fetch(kind, room_id) for kind in wanted}
        except Exception as exc:  # any failure of this room is recorded, the run goes on
            reason = failure_reason(exc)
            logger.debug("export of room %r failed: %s", room_id, reason)
            self.result.failures.append(RoomFailure(room_id, reason))
            self._report(room_id, "failed")
            return
        has = frozenset(
            kind
            for kind in self.kinds
            if fetched.get(kind, False)
            or (not self.fresh and self.dir.document(kind, room_id).exists())
        )
        if has != had:
            self.index_log.append(index_entry(room_id, has))
        if not listed:
            self.rooms_log.append(to_api_json(room))
        self.result.rooms += 1
        self._report(room_id, "exported")

    async def _fetch(self, kind: str, room_id: str) -> bool:
        """Fetch one document; write it if it is not empty. True if written."""
        room = self.client.rooms[room_id]
        data: bytes | None = None
        if kind == "storage":
            document = await room.storage.get_bytes()
            if not _is_empty_storage(document):
                data = document  # written as the API sent it: no decoding, no re-encoding
        elif kind == "yjs":
            update = await room.yjs.get_binary()
            if update and update != EMPTY_YJS_UPDATE:
                data = update
        else:
            threads = await fetch_threads(self.client, room_id)
            if threads:
                data = b"".join(_encoder.encode(t) + b"\n" for t in threads)
        if data is None:
            return False
        path = self.dir.document(kind, room_id)
        if len(data) < INLINE_WRITE_LIMIT:
            # A small file is written faster than a thread can be handed the job (and the
            # thread would contend with the event loop for the interpreter).
            write_atomic(path, data)
        else:
            await asyncio.to_thread(write_atomic, path, data)
        setattr(self.result, kind, getattr(self.result, kind) + 1)
        return True

    def _report(self, room_id: str, outcome: str) -> None:
        if self.on_room is not None:
            self.on_room(room_id, outcome)

    # -- the run --------------------------------------------------------------------

    async def run(self) -> ExportResult:
        self.open()
        self.index_log = LineLog(self.dir.index_path)
        self.rooms_log = LineLog(self.dir.rooms_path)
        status = "interrupted"
        error: str | None = None
        try:
            rooms = list_rooms(self.client, self.filters, self.shard)
            await for_each(rooms, self.export_room, self.concurrency)
            status = "incomplete" if self.result.failures else "complete"
        except Exception as exc:
            status, error = "failed", failure_reason(exc)
            raise
        finally:
            self.index_log.close()
            self.rooms_log.close()
            self.finish(status, error)
        return self.result

    def finish(self, status: str, error: str | None) -> None:
        result = self.result
        result.status = status
        result.finished_at = now()
        self.dir.sync_folders(self.kinds)
        self.manifest.update(
            status=status,
            finishedAt=iso(result.finished_at),
            counts={
                "rooms": self.dir.count_rooms(),
                **{kind: self.dir.count_documents(kind) for kind in self.kinds},
                "failed": len(result.failures),
            },
            run={
                "exported": result.rooms,
                "skipped": result.skipped,
                **{kind: getattr(result, kind) for kind in self.kinds},
            },
            failures=[f.to_dict() for f in result.failures],
        )
        if error is not None:
            self.manifest["error"] = error
        self.dir.write_manifest(self.manifest)


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
) -> ExportResult:
    """Export every room matching the filters (and in ``shard``, e.g. ``"0/3"``) into
    ``directory``: rooms, Storage, Yjs documents and, with ``threads=True``, threads.

    At most ``concurrency`` rooms are fetched at a time. A room that fails is recorded in
    the manifest and the result (``result.ok`` is False); the others go on. With
    ``resume=True`` an existing export is completed: only rooms or files that are missing
    are fetched. Raises :class:`ExportDirectoryError` for a directory that cannot be used,
    and the SDK's errors when the room list itself cannot be read (a wrong key, no server).
    """
    exporter = _Exporter(
        client,
        ExportDirectory(directory),
        filters=RoomFilter.of(
            query=query, user_id=user_id, group_ids=group_ids, organization_id=organization_id
        ),
        shard=Shard.of(shard),
        threads=threads,
        concurrency=check_concurrency(concurrency),
        resume=resume,
        on_room=on_room,
    )
    return await exporter.run()
