"""The import engine: recreate the rooms of an export directory, with their Storage (and
the files it refers to), Yjs documents and threads, a few rooms at a time."""

from __future__ import annotations

import asyncio
import datetime
import logging
import os
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from .._batch import DEFAULT_CONCURRENCY, Shard, check_concurrency, for_each
from .._encoding import json_decoder
from .._models.rooms import Room
from ..client import AsyncLiveblocks
from ..errors import ConflictError
from ..types import UNSET
from ._common import OnRoom, RoomFailure, RunStatus, now
from ._fetch import live_files
from ._layout import DamagedExportError, ExportDirectory, IndexEntry, LineLog
from ._objects import StorageOptions, open_directory
from ._threads import Carried, ThreadImporter

__all__ = ["ImportResult", "import_rooms_async"]

logger = logging.getLogger("liveblocks")

_room_decoder = json_decoder(Room)


@dataclass
class ImportResult(RunStatus):
    """What one import run did. ``export_status`` is the status the export's manifest
    records (``"complete"`` unless the export itself was cut short or had failures).
    ``files`` counts the Storage files uploaded."""

    directory: Path
    export_status: str
    status: str = "running"
    rooms: int = 0
    storage: int = 0
    files: int = 0
    yjs: int = 0
    failures: list[RoomFailure] = field(default_factory=list)
    #: The threads, comments, reactions and attachments recreated, and what could not be
    #: carried over (``carried.not_carried``: what -> how many).
    carried: Carried = field(default_factory=Carried)
    started_at: datetime.datetime = field(default_factory=now)
    finished_at: datetime.datetime | None = None

    @property
    def threads(self) -> int:
        """The threads recreated (``carried.threads``)."""
        return self.carried.threads


@dataclass(frozen=True)
class _Line:
    number: int
    data: bytes


def _id_of(line: _Line) -> str:
    """The room id of a line, for reporting (even when the line is not a valid room)."""
    try:
        value = msgspec.json.decode(line.data)
    except msgspec.DecodeError:
        value = None
    room_id = value.get("id") if isinstance(value, dict) else None
    return room_id if isinstance(room_id, str) and room_id else f"(line {line.number})"


def _changes(want: Room, have: Room) -> dict[str, Any]:
    """The update that makes ``have`` (the target's room) match ``want`` (the export's)."""
    changes: dict[str, Any] = {}
    if [str(a) for a in want.default_accesses] != [str(a) for a in have.default_accesses]:
        changes["default_accesses"] = [str(a) for a in want.default_accesses]
    for name in ("users_accesses", "groups_accesses", "metadata"):
        wanted: Mapping[str, Any] = getattr(want, name)
        current: Mapping[str, Any] = getattr(have, name)
        diff = {key: value for key, value in wanted.items() if current.get(key) != value}
        diff.update({key: None for key in current if key not in wanted})  # None deletes
        if diff:
            changes[name] = diff
    return changes


class _Importer:
    def __init__(
        self,
        client: AsyncLiveblocks,
        directory: ExportDirectory,
        *,
        shard: Shard | None,
        concurrency: int,
        on_room: OnRoom | None,
        id_map: LineLog | None,
    ) -> None:
        self.client = client
        self.dir = directory
        self.shard = shard
        self.concurrency = concurrency
        self.on_room = on_room
        self.id_map = id_map
        manifest = directory.read_manifest()
        # What each room has, checked as it is read; a damaged index, a rooms.ndjson cut
        # short or a folder that is a link refuses the run before any room.
        self.claims = directory.claims()
        directory.check_rooms_whole()
        directory.check_folders()
        self.result = ImportResult(directory.path, str(manifest.get("status")))

    async def lines(self) -> AsyncIterator[_Line]:
        for number, data in self.dir.iter_room_lines():
            yield _Line(number, data)

    def _decode_room(self, line: _Line) -> Room:
        try:
            room: Room = _room_decoder.decode(line.data)
        except msgspec.DecodeError as exc:
            problem = str(exc)
        else:
            if room.id:
                return room
            problem = "its id is empty"
        raise DamagedExportError(
            f"{self.dir.rooms_path}, line {line.number}, is not a room: {problem}"
        )

    async def import_line(self, line: _Line) -> None:
        try:
            room = self._decode_room(line)
        except DamagedExportError as exc:
            self._fail(_id_of(line), exc)
            return
        if self.shard is not None and room.id not in self.shard:
            return
        try:
            await self.import_room(room)
        except Exception as exc:  # any failure of this room is recorded, the run goes on
            self._fail(room.id, exc)
            return
        self.result.rooms += 1
        self._report(room.id, "imported")

    def _fail(self, room_id: str, exc: Exception) -> None:
        failure = RoomFailure.of(room_id, exc)
        logger.debug("import of room %r failed: %s", room_id, failure.reason)
        self.result.failures.append(failure)
        self._report(room_id, "failed")

    async def import_room(self, room: Room) -> None:
        rooms = self.client.rooms
        current = await rooms.create(
            id=room.id,
            default_accesses=[str(a) for a in room.default_accesses],
            # Rooms outside any organization are in "default"; leave it to the API.
            organization_id=UNSET if room.organization_id == "default" else room.organization_id,
            users_accesses=room.users_accesses,
            groups_accesses=room.groups_accesses,
            metadata=room.metadata,
            idempotent=True,
        )
        target = rooms[room.id]
        changes = _changes(room, current)
        if changes:
            await target.update(**changes)
        if current.organization_id != room.organization_id:
            await target.update_organization_id(
                from_organization_id=current.organization_id,
                to_organization_id=room.organization_id,
            )
        entry = self._entry(room.id)
        storage = await asyncio.to_thread(self._document, "storage", room.id, entry)
        if storage is not None:
            document = self._decode_storage(room.id, storage)
            # The files Storage refers to must be in the room before Storage is.
            for ref in live_files(storage):
                await self._upload_file(room.id, ref.id, ref.name)
            await target.storage.replace(document)
            self.result.storage += 1
        yjs = await asyncio.to_thread(self._document, "yjs", room.id, entry)
        if yjs is not None:
            await target.yjs.send_update(yjs)
            self.result.yjs += 1
        claimed = None if entry is None else entry.threads
        threads = await asyncio.to_thread(self.dir.thread_lines, room.id, claimed)
        if threads is not None:
            importer = ThreadImporter(
                self.client,
                room.id,
                self.dir,
                self._record_new_id if self.id_map is not None else None,
            )
            try:
                await importer.run(threads, self.dir.document("threads", room.id))
            finally:
                self.result.carried.add(importer.carried)

    def _entry(self, room_id: str) -> IndexEntry | None:
        """The room's line of ``index.ndjson`` (None for an export without an index)."""
        if self.claims is None:
            return None
        entry = self.claims.get(room_id)
        if entry is None:
            raise DamagedExportError(
                f"{self.dir.index_path} has no line for this room, so what it holds is "
                "unknown: the export is damaged"
            )
        return entry

    def _document(self, kind: str, room_id: str, entry: IndexEntry | None) -> bytes | None:
        claimed = None if entry is None else getattr(entry, kind)
        return self.dir.read_document(kind, room_id, claimed)

    def _decode_storage(self, room_id: str, data: bytes) -> Any:
        try:
            return msgspec.json.decode(data)
        except msgspec.DecodeError as exc:
            path = self.dir.document("storage", room_id)
            raise DamagedExportError(f"{path} is damaged: {exc}") from None

    async def _upload_file(self, room_id: str, file_id: str, name: str) -> None:
        """Upload a Storage file under its id; an earlier run's upload of it is kept."""
        path = self.dir.blob("files", room_id, file_id)
        try:
            blob = await asyncio.to_thread(self.dir.open_blob, path)
        except FileNotFoundError:
            raise FileNotFoundError(
                f"Storage refers to file {file_id} ({name}), which the export does not hold: "
                f"{path} is missing"
            ) from None
        files = self.client.rooms[room_id].files
        with blob:
            try:
                await files.upload(blob.content, name=name, file_id=file_id)
            except ConflictError:
                # Uploaded by an earlier run: the same id holds the same file if it is as
                # large.
                found = await files[file_id].get()
                if found.size != blob.size:
                    raise
        self.result.files += 1

    def _record_new_id(self, room_id: str, kind: str, old: str, new: str) -> None:
        assert self.id_map is not None
        self.id_map.append({"roomId": room_id, "kind": kind, "exported": old, "imported": new})

    def _report(self, room_id: str, outcome: str) -> None:
        if self.on_room is not None:
            self.on_room(room_id, outcome)

    async def run(self) -> ImportResult:
        # One cheap request first: a wrong key or an unreachable server is one clear error,
        # not a failure per room.
        await self.client.rooms.list(limit=1).first_page()
        status = "interrupted"
        try:
            await for_each(self.lines(), self.import_line, self.concurrency)
            status = "incomplete" if self.result.failures else "complete"
        finally:
            self.result.status = status
            self.result.finished_at = now()
        return self.result


async def import_rooms_async(
    client: AsyncLiveblocks,
    directory: str | os.PathLike[str],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    shard: Shard | str | tuple[int, int] | None = None,
    on_room: OnRoom | None = None,
    id_map: str | os.PathLike[str] | None = None,
    storage_options: StorageOptions | None = None,
) -> ImportResult:
    """Recreate the rooms of an export in the client's project.

    Each room is created, or updated to match the export if it exists (metadata, accesses,
    organization). Its Storage, where the export has one, replaces the room's Storage,
    after the files it refers to are uploaded under the same ids: initialized whole into a
    room without Storage, written over existing Storage as Live Storage operations (see
    ``storage.replace``), so that an interrupted import never leaves a room without the
    Storage it had. Its Yjs document, where the export has one, is sent as an update: into
    a room that already has a Yjs document it merges (Yjs updates never delete), so import
    into empty rooms for an exact copy.
    Its threads are recreated with their comments, reactions, attachments and resolved
    state (see ``result.carried`` for what the API does not let an import keep, such as
    thread and comment ids); ``id_map``, a file path, gets one JSON line per new id
    (``{"roomId", "kind", "exported", "imported"}``). Documents the export does not have
    are left as they are in the target. Running an import again is safe: it completes what
    an earlier run left and duplicates nothing.

    The directory is untrusted input (see :mod:`liveblocks.export`): a room whose files
    are missing though ``index.ndjson`` claims them, cut short, malformed, links or
    special files fails, named. Raises :class:`ExportDirectoryError` if ``directory`` is
    not an export, :class:`DamagedExportError` (before any request) if its manifest,
    index, ``rooms.ndjson`` or a folder is damaged or a link, and the SDK's errors if the
    target cannot be reached with this key; failures of single rooms are in
    ``result.failures``.

    ``directory`` may be a URL of object storage (``s3://bucket/prefix``, ...; see
    :func:`export_rooms_async`), read through fsspec with ``storage_options``.
    """
    export = open_directory(directory, storage_options)
    log = LineLog(Path(id_map)) if id_map is not None else None
    try:
        importer = _Importer(
            client,
            export,
            shard=Shard.of(shard),
            concurrency=check_concurrency(concurrency),
            on_room=on_room,
            id_map=log,
        )
        return await importer.run()
    finally:
        if log is not None:
            log.close()
