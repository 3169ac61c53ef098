"""An export's plan (what it covers: filters, shard, threads, its source) and its state
(what earlier runs left in the directory), and the checks between the two: a directory
is exported into anew, resumed with the same plan, or refused with what to do instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._batch import RoomFilter, Shard
from ..client import AsyncLiveblocks
from ._layout import (
    BLOB_KINDS,
    FORMAT_VERSION,
    ExportDirectory,
    ExportDirectoryError,
    IndexEntry,
)

__all__ = ["ExportPlan", "ExportState", "Source", "open_export"]


@dataclass(frozen=True)
class Source:
    """Where an export comes from: the API's base URL, and the secret key's fingerprint
    (:meth:`~liveblocks.AsyncLiveblocks.key_fingerprint`: it tells two keys apart and
    reveals nothing of either)."""

    base_url: str
    key_fingerprint: str | None = None

    @classmethod
    def of(cls, client: AsyncLiveblocks) -> Source:
        return cls(client.base_url, client.key_fingerprint())

    def to_dict(self) -> dict[str, Any]:
        return {"baseUrl": self.base_url, "keyFingerprint": self.key_fingerprint}


@dataclass(frozen=True)
class ExportPlan:
    """What an export covers."""

    filters: RoomFilter
    shard: Shard | None
    threads: bool
    source: Source

    @property
    def kinds(self) -> list[str]:
        """The document kinds exported, each with its folder."""
        return ["storage", "yjs", *(["threads"] if self.threads else [])]

    @property
    def folders(self) -> list[str]:
        return [*self.kinds, BLOB_KINDS[0], *([BLOB_KINDS[1]] if self.threads else [])]

    def to_manifest(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "filters": self.filters.to_dict(),
            "shard": str(self.shard) if self.shard else None,
            "threads": self.threads,
        }

    def check_resumable(self, directory: ExportDirectory, previous: dict[str, Any]) -> None:
        """Raise :class:`ExportDirectoryError` unless ``previous`` (the manifest found in
        the directory) was written by an export with this plan."""
        path = directory.path
        start_over = f"or start over: remove {path} or choose another directory"
        if directory.format_version != FORMAT_VERSION:
            message = (
                f"{path} was written by an older version of this SDK (format "
                f"{directory.format_version}) and cannot be resumed; start over: remove it "
                "or choose another directory"
            )
            raise ExportDirectoryError(message)
        source = previous.get("source") or {}
        if source.get("baseUrl") != self.source.base_url:
            before = source.get("baseUrl")
            raise ExportDirectoryError(
                f"{path} was exported from {before}, not {self.source.base_url}: resume it "
                f"with base_url={before!r}, {start_over}",
                f"{path} was exported from {before}, not {self.source.base_url}: resume it "
                f"with --base-url {before}, {start_over}",
            )
        fingerprint = source.get("keyFingerprint")
        if fingerprint is not None and fingerprint != self.source.key_fingerprint:
            what = f"{path} was exported with another secret key (another project?)"
            raise ExportDirectoryError(
                f"{what}: resume it with the same secret, {start_over}",
                f"{what}: resume it with the same --secret (or $LIVEBLOCKS_SECRET_KEY), "
                f"{start_over}",
            )
        api: list[str] = []
        cli: list[str] = []
        previous_filters = RoomFilter.from_dict(previous.get("filters") or {})
        for name, flag, before in _filter_changes(previous_filters, self.filters):
            api.append(f"{name}={before!r}")
            cli.append(f"{flag} {_shell(before)}" if before else f"no {flag}")
        previous_shard = previous.get("shard")
        if previous_shard != (str(self.shard) if self.shard else None):
            api.append(f"shard={previous_shard!r}")
            cli.append(f"--shard {previous_shard}" if previous_shard else "no --shard")
        if bool(previous.get("threads")) != self.threads:
            api.append(f"threads={bool(previous.get('threads'))}")
            cli.append("--threads" if previous.get("threads") else "no --threads")
        if api:
            raise ExportDirectoryError(
                f"{path} was exported with other options ({', '.join(api)}): resume it with "
                f"the same ones, {start_over}",
                f"{path} was exported with other options ({', '.join(cli)}): resume it with "
                f"the same ones and --resume, {start_over}",
            )


def _filter_changes(before: RoomFilter, now: RoomFilter) -> list[tuple[str, str, Any]]:
    """(parameter, flag, earlier value) of each filter that differs."""
    changes = []
    for name, flag in (
        ("query", "--query"),
        ("user_id", "--user-id"),
        ("group_ids", "--group-ids"),
        ("organization_id", "--organization-id"),
    ):
        old, new = getattr(before, name), getattr(now, name)
        if old != new:
            if name == "group_ids":
                old = ",".join(old) or None
            changes.append((name, flag, old))
    return changes


def _shell(value: Any) -> str:
    """A value as it would be typed in a shell."""
    text = str(value)
    if text and all(c.isalnum() or c in "-_.,/:" for c in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


@dataclass
class ExportState:
    """What earlier runs of an export left in its directory (nothing for a new one)."""

    fresh: bool = True
    created_at: str | None = None
    resumed: int = 0
    index: dict[str, IndexEntry] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)

    def wanted(self, directory: ExportDirectory, room_id: str, kinds: list[str]) -> list[str]:
        """The documents of a room to fetch: all of them for a room no earlier run
        finished; for one it did, those whose files are gone or cut short (Storage also
        when one of its files is gone, threads when one of their attachments is). A file
        of the room that is a link or a special file is a
        :class:`~._layout.DamagedExportError`."""
        if self.fresh:
            return list(kinds)
        had = self.index.get(room_id)
        if had is None:
            return list(kinds)
        wanted = [k for k in had.kinds() if not _whole(directory, directory.document(k, room_id))]
        for kind, blobs, document in (
            ("files", had.files, "storage"),
            ("attachments", had.attachments, "threads"),
        ):
            if (
                blobs
                and document not in wanted
                and document in kinds
                and len(directory.blob_names(kind, room_id)) < blobs
            ):
                wanted.append(document)
        return wanted

    def is_complete(self, room_id: str) -> bool:
        return room_id in self.listed


def _whole(directory: ExportDirectory, path: Path) -> bool:
    """Whether a document is there, and whole (a threads document ends with its newline)."""
    if not directory.has_file(path):
        return False
    return path.suffix != ".ndjson" or directory.ends_whole(path)


def open_export(directory: ExportDirectory, plan: ExportPlan, resume: bool) -> ExportState:
    """Check that ``directory`` can take this export and prepare it; what earlier runs
    left there when resuming. A directory where an earlier run exported nothing (it
    failed at once: a wrong key, URL or query) is started again, whatever the options."""
    path = directory.path
    if directory.is_export():
        previous = directory.read_manifest()
        if directory.holds_nothing_exported():
            directory.clear()
            directory.prepare(plan.folders)
            return ExportState()
        if not resume:
            rooms = directory.count_rooms()
            what = f"{path} holds an export ({rooms} rooms, {previous.get('status')})"
            raise ExportDirectoryError(
                f"{what}: resume it (resume=True, with the same options), or choose a new "
                "directory",
                f"{what}: add --resume (with the same options) to complete it, or choose a "
                "new directory",
            )
        plan.check_resumable(directory, previous)
        directory.prepare(plan.folders)
        return ExportState(
            fresh=False,
            created_at=previous.get("createdAt"),
            resumed=int(previous.get("resumed", 0)) + 1,
            index=directory.index(repair=True),
            listed=directory.room_ids(repair=True),
        )
    if directory.holds_other_files():
        raise ExportDirectoryError(
            f"{path} is not empty and holds no export: choose an empty or new directory"
        )
    directory.prepare(plan.folders)
    return ExportState()
