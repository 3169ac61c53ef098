"""An export directory on disk (its files are listed in :mod:`liveblocks.export`), and how
it is written without ever leaving a half file.

Document files are written to a temporary file in the same folder, flushed to disk, then
renamed over the final name. The two ``.ndjson`` logs only grow, one whole line per
``write``, flushed to disk at least once a second; a line cut short by a crash (possible
only on power loss) is dropped when the directory is resumed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import msgspec

__all__ = [
    "DOCUMENT_KINDS",
    "ExportDirectory",
    "ExportDirectoryError",
    "LineLog",
    "file_name",
    "write_atomic",
]

FORMAT = "liveblocks-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ROOMS = "rooms.ndjson"
INDEX = "index.ndjson"
TEMP_PREFIX = ".tmp-"

#: Document kind -> file extension, one folder per kind.
DOCUMENT_KINDS = {"storage": ".json", "yjs": ".bin", "threads": ".ndjson"}


class ExportDirectoryError(ValueError):
    """The directory is not an export, or not one this operation can use."""


def file_name(room_id: str) -> str:
    """The room id as one file name (without extension)."""
    return quote(room_id, safe="")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is always either absent, the old
    content, or the whole new content."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


class _Id(msgspec.Struct):
    id: str


class _IndexEntry(msgspec.Struct):
    id: str
    storage: bool = False
    yjs: bool = False
    threads: bool = False

    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind in DOCUMENT_KINDS if getattr(self, kind))


_id_decoder = msgspec.json.Decoder(_Id)
_index_decoder = msgspec.json.Decoder(_IndexEntry)
_encoder = msgspec.json.Encoder()


class LineLog:
    """An append-only ``.ndjson`` file: each line goes out in one ``write`` on an
    ``O_APPEND`` descriptor, so a killed process never leaves half a line behind; data
    is flushed to disk at least every ``sync_every`` seconds and on close."""

    def __init__(self, path: Path, sync_every: float = 1.0) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._sync_every = sync_every
        self._synced_at = time.monotonic()
        self._dirty = False

    def append(self, value: Any) -> None:
        line = _encoder.encode(value) + b"\n"
        written = os.write(self._fd, line)
        while written < len(line):  # only on a full disk or a signal; finish the line
            written += os.write(self._fd, line[written:])
        self._dirty = True
        if time.monotonic() - self._synced_at >= self._sync_every:
            self.sync()

    def sync(self) -> None:
        if self._dirty:
            os.fsync(self._fd)
            self._dirty = False
        self._synced_at = time.monotonic()

    def close(self) -> None:
        if self._fd >= 0:
            try:
                self.sync()
            finally:
                os.close(self._fd)
                self._fd = -1


def _complete_lines(path: Path, repair: bool) -> Iterator[tuple[int, bytes]]:
    """The file's complete lines (number, bytes); with ``repair``, a last line without its
    newline (cut short by a crash) is removed from the file."""
    if not path.exists():
        return
    with path.open("rb") as file:
        offset = 0
        for number, line in enumerate(file, 1):
            if not line.endswith(b"\n"):
                if repair:
                    os.truncate(path, offset)
                return
            offset += len(line)
            if line.strip():
                yield number, line


class ExportDirectory:
    """The files of one export directory."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    @property
    def rooms_path(self) -> Path:
        return self.path / ROOMS

    @property
    def index_path(self) -> Path:
        return self.path / INDEX

    def document(self, kind: str, room_id: str) -> Path:
        return self.path / kind / (file_name(room_id) + DOCUMENT_KINDS[kind])

    def is_export(self) -> bool:
        return self.manifest_path.is_file()

    def prepare(self, kinds: list[str]) -> None:
        """Create the folders; remove temporary files a killed run left behind."""
        self.path.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            folder = self.path / kind
            folder.mkdir(exist_ok=True)
            for entry in os.scandir(folder):
                if entry.name.startswith(TEMP_PREFIX):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def read_manifest(self) -> dict[str, Any]:
        """The manifest; :class:`ExportDirectoryError` if this is not an export."""
        if not self.path.is_dir():
            raise ExportDirectoryError(f"{self.path} is not a directory")
        if not self.is_export():
            raise ExportDirectoryError(
                f"{self.path} is not a Liveblocks export: it has no {MANIFEST}"
            )
        try:
            data = msgspec.json.decode(self.manifest_path.read_bytes())
        except (OSError, msgspec.DecodeError) as exc:
            raise ExportDirectoryError(f"{self.manifest_path} cannot be read: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ExportDirectoryError(
                f"{self.manifest_path} is not the manifest of a Liveblocks export"
            )
        return data

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        write_atomic(self.manifest_path, msgspec.json.format(_encoder.encode(manifest)) + b"\n")

    def iter_room_lines(self, repair: bool = False) -> Iterator[tuple[int, bytes]]:
        """``rooms.ndjson``'s complete lines, streamed."""
        return _complete_lines(self.rooms_path, repair)

    def room_ids(self, repair: bool = False) -> set[str]:
        """The ids of the rooms in ``rooms.ndjson``."""
        ids: set[str] = set()
        for number, line in self.iter_room_lines(repair):
            try:
                ids.add(_id_decoder.decode(line).id)
            except msgspec.DecodeError as exc:
                raise ExportDirectoryError(
                    f"{self.rooms_path}, line {number}, is not a room: {exc}"
                ) from None
        return ids

    def index(self, repair: bool = False) -> dict[str, frozenset[str]]:
        """Room id -> the kinds of documents it has, from ``index.ndjson`` (last line wins)."""
        entries: dict[str, frozenset[str]] = {}
        for number, line in _complete_lines(self.index_path, repair):
            try:
                entry = _index_decoder.decode(line)
            except msgspec.DecodeError as exc:
                raise ExportDirectoryError(
                    f"{self.index_path}, line {number}, cannot be read: {exc}"
                ) from None
            entries[entry.id] = entry.kinds()
        return entries

    def count_documents(self, kind: str) -> int:
        folder = self.path / kind
        if not folder.is_dir():
            return 0
        return sum(1 for entry in os.scandir(folder) if not entry.name.startswith("."))

    def count_rooms(self) -> int:
        return sum(1 for _ in self.iter_room_lines())

    def sync_folders(self, kinds: list[str]) -> None:
        """Flush the directory entries themselves (the renames) to disk."""
        for folder in [self.path, *(self.path / kind for kind in kinds)]:
            if not folder.is_dir():
                continue
            with contextlib.suppress(OSError):
                fd = os.open(folder, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)


def index_entry(room_id: str, kinds: frozenset[str]) -> dict[str, Any]:
    """The ``index.ndjson`` line of a room that has documents of these kinds."""
    return {"id": room_id, **{kind: kind in kinds for kind in DOCUMENT_KINDS}}
