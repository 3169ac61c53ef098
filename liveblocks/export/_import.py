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

from .._batch import DEFAULT_CONCURRENCY, check_concurrency, for_each
from .._encoding import json_decoder
from .._models.rooms import Room
from ..client import AsyncLiveblocks
from ..errors import ConflictError
from ..types import UNSET
from ._common import OnRoom, RoomFailure, RunStatus, now
from ._fetch import live_files
from ._layout import ExportDirectory, LineLog
from ._select import Shard
from ._threads import Carried, ThreadImporter

__all__ = ["ImportResult", "import_rooms_async"]

logger = logging.getLogger("liveblocks")

_room_decoder = json_decoder(Room)

#: Files up to this size are read into memory to be uploaded; larger ones stream.
_READ_WHOLE = 5 * 1024 * 1024


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
    return room_id if isinstance(room_id, str) else f"(line {line.number})"


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
        self.result = ImportResult(directory.path, str(manifest.get("status")))

    async def lines(self) -> AsyncIterator[_Line]:
        for number, data in self.dir.iter_room_lines():
            yield _Line(number, data)

    async def import_line(self, line: _Line) -> None:
        try:
            room = _room_decoder.decode(line.data)
        except msgspec.DecodeError as exc:
            error = ValueError(f"rooms.ndjson line {line.number} is not a room: {exc}")
            self._fail(_id_of(line), error)
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
        storage = self.dir.document("storage", room.id)
        if storage.exists():
            data = await asyncio.to_thread(storage.read_bytes)
            # The files Storage refers to must be in the room before Storage is.
            for ref in live_files(data):
                await self._upload_file(room.id, ref.id, ref.name)
            await target.storage.replace(msgspec.json.decode(data))
            self.result.storage += 1
        yjs = self.dir.document("yjs", room.id)
        if yjs.exists():
            await target.yjs.send_update(await asyncio.to_thread(yjs.read_bytes))
            self.result.yjs += 1
        threads = self.dir.document("threads", room.id)
        if threads.exists():
            importer = ThreadImporter(
                self.client,
                room.id,
                lambda attachment_id: self.dir.blob("attachments", room.id, attachment_id),
                self._record_new_id if self.id_map is not None else None,
            )
            try:
                await importer.run(await asyncio.to_thread(threads.read_bytes))
            finally:
                self.result.carried.add(importer.carried)

    async def _upload_file(self, room_id: str, file_id: str, name: str) -> None:
        """Upload a Storage file under its id; an earlier run's upload of it is kept."""
        path = self.dir.blob("files", room_id, file_id)
        if not path.exists():
            raise FileNotFoundError(
                f"Storage refers to file {file_id} ({name}), which the export does not hold: "
                f"{path} is missing"
            )
        size = path.stat().st_size
        files = self.client.rooms[room_id].files
        source: bytes | Path = path
        if size <= _READ_WHOLE:
            source = await asyncio.to_thread(path.read_bytes)
        try:
            await files.upload(source, name=name, file_id=file_id)
        except ConflictError:
            # Uploaded by an earlier run: the same id holds the same file if it is as large.
            found = await files[file_id].get()
            if found.size != size:
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

    Raises :class:`ExportDirectoryError` if ``directory`` is not an export, and the SDK's
    errors if the target cannot be reached with this key; failures of single rooms are in
    ``result.failures``.
    """
    export = ExportDirectory(directory)
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
