"""The import engine: recreate the rooms of an export directory, with their Storage (and
the files it refers to), Yjs documents and threads, a few rooms at a time."""

from __future__ import annotations

import asyncio
import datetime
import logging
import os
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from .._batch import DEFAULT_CONCURRENCY, Shard, announce_total, check_concurrency, for_each
from .._encoding import json_decoder
from .._models.rooms import Room
from ..client import AsyncLiveblocks
from ..errors import ConflictError, NotFoundError
from ..types import UNSET
from ._common import OnRoom, RoomFailure, RunStatus, now
from ._fetch import live_files
from ._layout import DamagedExportError, ExportDirectory, IndexEntry, LineLog
from ._objects import StorageOptions, open_directory
from ._query import RoomQuery
from ._threads import Carried, ThreadImporter

__all__ = ["PARTS", "ImportPlan", "ImportResult", "OnReplace", "import_rooms_async"]

#: What of a room an import can restore (``only=``); the room itself (its metadata,
#: accesses, organization) is always created or updated.
PARTS = ("storage", "yjs", "files", "threads")

#: Called before an import replaces the Storage of rooms that exist in the target, with
#: their ids; False stops the import before it writes anything.
OnReplace = Callable[[Sequence[str]], bool]


@dataclass
class ImportPlan:
    """What an import does, or with ``dry_run`` would do, to the rooms it selected:
    ``create`` the rooms not in the target; ``replace`` those that are (updated to match
    the export, the chosen documents written: Storage replaced, Yjs merged, threads
    added), ``replace_storage`` those of them whose Storage is replaced; ``skip`` those
    left alone (``skip_existing``). Room ids, in the export's order."""

    create: list[str] = field(default_factory=list)
    replace: list[str] = field(default_factory=list)
    replace_storage: list[str] = field(default_factory=list)
    skip: list[str] = field(default_factory=list)

    @property
    def rooms(self) -> int:
        """How many rooms were selected."""
        return len(self.create) + len(self.replace) + len(self.skip)


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
    #: Rooms that exist in the target, left alone (``skip_existing``).
    skipped: int = 0
    failures: list[RoomFailure] = field(default_factory=list)
    #: What the run found before writing (with a selection, ``dry_run``, ``skip_existing``
    #: or ``on_replace``; else None). With ``dry_run`` it is all the run did.
    plan: ImportPlan | None = None
    #: The threads, comments, reactions and attachments recreated, and what could not be
    #: carried over (``carried.not_carried``: what -> how many).
    carried: Carried = field(default_factory=Carried)
    started_at: datetime.datetime = field(default_factory=now)
    finished_at: datetime.datetime | None = None

    @property
    def threads(self) -> int:
        """The threads recreated (``carried.threads``)."""
        return self.carried.threads

    @property
    def ok(self) -> bool:
        """True when every selected room was handled (or, with ``dry_run``, checked)."""
        return self.status in ("complete", "dry-run")


@dataclass(frozen=True)
class _Selection:
    """Which rooms of the export to import, and what of them."""

    room_ids: frozenset[str] | None
    query: RoomQuery | None
    shard: Shard | None
    parts: frozenset[str]

    @classmethod
    def of(
        cls,
        rooms: Iterable[str] | None,
        query: str | None,
        shard: Shard | None,
        only: str | Iterable[str] | None,
    ) -> _Selection:
        room_ids = None
        if rooms is not None:
            if isinstance(rooms, str):
                raise TypeError("rooms must be a list of room ids, not one string")
            room_ids = frozenset(rooms)
            if not room_ids or not all(isinstance(r, str) and r for r in room_ids):
                raise ValueError("rooms must be non-empty room ids (at least one)")
        parsed = RoomQuery.parse(query) if query else None
        return cls(room_ids, parsed, shard, parse_parts(only))

    @property
    def narrowed(self) -> bool:
        return self.room_ids is not None or self.query is not None

    def __contains__(self, room: Room) -> bool:
        if self.shard is not None and room.id not in self.shard:
            return False
        if self.room_ids is not None and room.id not in self.room_ids:
            return False
        return self.query is None or self.query.matches(room.id, room.metadata)


def parse_parts(only: str | Iterable[str] | None) -> frozenset[str]:
    """``only`` as a set of :data:`PARTS` (all of them when None); ``"storage,yjs"`` too."""
    if only is None:
        return frozenset(PARTS)
    names = only.split(",") if isinstance(only, str) else list(only)
    parts = frozenset(name.strip() for name in names if name.strip())
    unknown = sorted(parts - set(PARTS))
    if unknown or not parts:
        raise ValueError(
            f"only: {', '.join(unknown) or 'nothing'} is not one of {', '.join(PARTS)} "
            "(the room itself is always created or updated)"
        )
    return parts


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
        selection: _Selection,
        concurrency: int,
        on_room: OnRoom | None,
        id_map: LineLog | None,
        skip_existing: bool = False,
        dry_run: bool = False,
        on_replace: OnReplace | None = None,
    ) -> None:
        self.client = client
        self.dir = directory
        self.selection = selection
        self.skip_existing = skip_existing
        self.dry_run = dry_run
        self.on_replace = on_replace
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
        self._skipped: frozenset[str] = frozenset()

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
        if room not in self.selection:
            return
        plan = self.result.plan
        if plan is not None and room.id in self._skipped:
            self.result.skipped += 1
            self._report(room.id, "skipped")
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
        parts = self.selection.parts
        storage = None
        if "storage" in parts or "files" in parts:
            storage = await asyncio.to_thread(self._document, "storage", room.id, entry)
        if storage is not None:
            document = self._decode_storage(room.id, storage)
            # The files Storage refers to must be in the room before Storage is.
            if "files" in parts:
                for ref in live_files(storage):
                    await self._upload_file(room.id, ref.id, ref.name)
            if "storage" in parts:
                await target.storage.replace(document)
                self.result.storage += 1
        yjs = None
        if "yjs" in parts:
            yjs = await asyncio.to_thread(self._document, "yjs", room.id, entry)
        if yjs is not None:
            await target.yjs.send_update(yjs)
            self.result.yjs += 1
        if "threads" not in parts:
            return
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

    # -- the plan: which selected rooms exist in the target ---------------------------------

    @property
    def needs_plan(self) -> bool:
        return (
            self.selection.narrowed
            or self.dry_run
            or self.skip_existing
            or self.on_replace is not None
        )

    def _selected(self) -> list[Room]:
        """The export's rooms in the selection (lines that are not rooms are left to the
        import itself, which fails them); a room id asked for that the export does not
        hold is refused, before any write."""
        selected = []
        for number, data in self.dir.iter_room_lines():
            try:
                room = self._decode_room(_Line(number, data))
            except DamagedExportError:
                continue
            if room in self.selection:
                selected.append(room)
        wanted = self.selection.room_ids
        if wanted is not None:
            missing = sorted(wanted - {room.id for room in selected})
            if missing and self.selection.shard is None:
                shown = ", ".join(repr(room_id) for room_id in missing[:10])
                more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
                raise ValueError(f"{self.dir.path} holds no room {shown}{more}")
        return selected

    async def _exists(self, room_id: str) -> bool:
        try:
            await self.client.rooms[room_id].get()
        except NotFoundError:
            return False
        return True

    async def make_plan(self) -> ImportPlan:
        """Which selected rooms are created, replaced or skipped (reads only)."""
        rooms = await asyncio.to_thread(self._selected)
        found: dict[str, bool] = {}

        async def check(room: Room) -> None:
            found[room.id] = await self._exists(room.id)

        async def each() -> AsyncIterator[Room]:
            for room in rooms:
                yield room

        await for_each(each(), check, self.concurrency)
        plan = ImportPlan()
        for room in rooms:
            if not found[room.id]:
                plan.create.append(room.id)
            elif self.skip_existing:
                plan.skip.append(room.id)
            else:
                plan.replace.append(room.id)
                if "storage" in self.selection.parts and self._has_storage(room.id):
                    plan.replace_storage.append(room.id)
        return plan

    def _has_storage(self, room_id: str) -> bool:
        """Whether the export holds Storage for the room (its index says; or its file)."""
        entry = self.claims.get(room_id) if self.claims is not None else None
        if entry is not None:
            return entry.storage
        return self.dir.document("storage", room_id).is_file()

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
            if self.needs_plan:
                plan = self.result.plan = await self.make_plan()
                self._skipped = frozenset(plan.skip)
                if self.dry_run:
                    status = "dry-run"
                    return self.result
                if (
                    plan.replace_storage
                    and self.on_replace is not None
                    and not self.on_replace(list(plan.replace_storage))
                ):
                    status = "cancelled"
                    return self.result
                announce_total(self.on_room, plan.rooms)
            elif self.claims is not None:  # the index says how many rooms there are
                shard = self.selection.shard
                announce_total(
                    self.on_room,
                    sum(1 for room_id in self.claims if shard is None or room_id in shard),
                )
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
    rooms: Iterable[str] | None = None,
    query: str | None = None,
    only: str | Iterable[str] | None = None,
    skip_existing: bool = False,
    dry_run: bool = False,
    on_replace: OnReplace | None = None,
    storage_options: StorageOptions | None = None,
) -> ImportResult:
    """Recreate the rooms of an export in the client's project.

    What it restores is yours to choose: ``rooms`` (room ids; one the export does not
    hold is a ``ValueError`` before any write) and ``query`` (the rooms query language,
    e.g. ``roomId^"team-a:" AND metadata["status"]:"open"``, matched against the export's
    room records) select rooms; ``only`` (some of ``"storage"``, ``"yjs"``, ``"files"``,
    ``"threads"``, as a list or ``"storage,yjs"``) what of them is written, the room itself
    (metadata, accesses, organization) being always created or updated;
    ``skip_existing`` leaves alone the rooms that exist in the target. ``dry_run`` only
    finds out, with reads, which selected rooms would be created and which replaced
    (``result.plan``) and changes nothing. ``on_replace``, when given, is called before
    the first write with the ids of the rooms that exist and whose Storage the import
    replaces; if it returns False nothing is written (``result.status == "cancelled"``).

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
            selection=_Selection.of(rooms, query, Shard.of(shard), only),
            concurrency=check_concurrency(concurrency),
            on_room=on_room,
            id_map=log,
            skip_existing=skip_existing,
            dry_run=dry_run,
            on_replace=on_replace,
        )
        return await importer.run()
    finally:
        if log is not None:
            log.close()
