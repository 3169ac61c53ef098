"""An export directory on disk (its files are listed in :mod:`liveblocks.export`): the
names of its files, and how they are read back.

File names. A room's files are named after :func:`file_name` of its id, a name that any
file system takes and that no other id's name equals, even when the disk ignores case:

- ``a``-``z``, ``0``-``9``, ``-``, ``_`` and ``.`` stay as they are, but a ``.`` that
  starts or ends the id;
- ``A``-``Z`` become ``^`` and the lower-case letter (``Doc`` -> ``^doc``);
- every other character becomes its UTF-8 bytes as ``%XX`` (upper-case hex): ``/`` ->
  ``%2F``, ``é`` -> ``%C3%A9``;
- a name that Windows reserves (``con``, ``nul``, ``com1``, ...) has its first letter
  escaped (``%63on``);
- a name longer than :data:`MAX_NAME` characters keeps its first characters, then ``~``
  and 32 hex digits of the id's SHA-256 (``~`` appears in no other name).

Every name is ASCII and at most 100 characters (file systems allow 255 bytes); names of
different ids differ even once folded to lower case. ``index.ndjson`` writes each room's
name down (``"file"``), so readers look it up instead of recomputing it. Exports of format
version 1 named files ``urllib.parse.quote(room_id, safe="")``; they are still read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import msgspec

from .._atomic import AtomicFile

__all__ = [
    "DOCUMENT_KINDS",
    "ExportDirectory",
    "ExportDirectoryError",
    "LineLog",
    "file_name",
    "temporary_path",
    "write_atomic",
]

FORMAT = "liveblocks-export"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
ROOMS = "rooms.ndjson"
INDEX = "index.ndjson"
TEMP_PREFIX = ".tmp-"
#: Bytes copied at a time (a merge copying a document).
_COPY_CHUNK = 1024 * 1024

#: Document kind -> file extension, one folder per kind.
DOCUMENT_KINDS = {"storage": ".json", "yjs": ".bin", "threads": ".ndjson"}
#: Kinds of binary files, one folder per kind and one subfolder per room:
#: ``files/<room>/<file id>`` (Storage files), ``attachments/<room>/<attachment id>``.
BLOB_KINDS = ("files", "attachments")

#: The longest file name made from an id (extensions come on top).
MAX_NAME = 100
_HASH_DIGITS = 32
_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{d}" for p in ("com", "lpt") for d in "0123456789"]
)


class ExportDirectoryError(ValueError):
    """The directory is not an export, or not one this operation can use.

    ``cli_message`` says the same in the command line's terms (its flags instead of the
    functions' parameters)."""

    def __init__(self, message: str, cli_message: str | None = None) -> None:
        super().__init__(message)
        self.cli_message = cli_message or message


def _escape(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def _piece(char: str) -> str:
    if char in _LITERAL:
        return char
    if "A" <= char <= "Z":
        return "^" + char.lower()
    return _escape(char)


def file_name(room_id: str) -> str:
    """The file name (without extension) of a room id, or of a Storage file or attachment
    id inside a room's folder; see the module's documentation for the rules."""
    if not room_id:
        raise ValueError("an id must not be empty")
    pieces = [_piece(char) for char in room_id]
    if pieces[0] == ".":
        pieces[0] = "%2E"
    if pieces[-1] == ".":
        pieces[-1] = "%2E"
    name = "".join(pieces)
    if name.split(".", 1)[0] in _RESERVED:
        pieces[0] = _escape(room_id[0])
        name = "".join(pieces)
    if len(name) <= MAX_NAME:
        return name
    keep = MAX_NAME - 1 - _HASH_DIGITS
    prefix = []
    length = 0
    for piece in pieces:  # cut between two pieces, never inside an escape
        if length + len(piece) > keep:
            break
        prefix.append(piece)
        length += len(piece)
    digest = hashlib.sha256(room_id.encode("utf-8", "surrogatepass")).hexdigest()
    return "".join(prefix) + "~" + digest[:_HASH_DIGITS]


def legacy_file_name(room_id: str) -> str:
    """How exports of format version 1 named a room's files."""
    return quote(room_id, safe="")


def temporary_path(final: Path) -> Path:
    """The temporary name a file is written under before it is renamed to ``final``."""
    return final.with_name(TEMP_PREFIX + final.name)


def write_atomic(path: Path, content: bytes | Path, *, sync_entry: bool = True) -> None:
    """Write ``content`` (bytes, or a file's to copy) to ``path``, durably, so that
    ``path`` is always either absent, the old content, or the whole new content (for the
    manifest and a merge's copies; documents go through the export's writer).
    ``sync_entry=False`` leaves flushing the folder's entry to the caller."""
    with AtomicFile(path, temp=temporary_path(path), durable=True) as file:
        if isinstance(content, Path):
            with content.open("rb") as source:
                shutil.copyfileobj(source, file, _COPY_CHUNK)
        else:
            file.write(content)
    if sync_entry:
        sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (creations, renames) to disk, where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Id(msgspec.Struct):
    id: str


class IndexEntry(msgspec.Struct):
    """One line of ``index.ndjson``: a room, its file name, and what it has on disk:
    which documents, and how many Storage files and attachments."""

    id: str
    file: str | None = None
    storage: bool = False
    yjs: bool = False
    threads: bool = False
    files: int = 0
    attachments: int = 0

    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind in DOCUMENT_KINDS if getattr(self, kind))


_id_decoder = msgspec.json.Decoder(_Id)
_index_decoder = msgspec.json.Decoder(IndexEntry)
_encoder = msgspec.json.Encoder()


def encode_line(value: Any) -> bytes:
    return _encoder.encode(value) + b"\n"


class LineLog:
    """An append-only ``.ndjson`` file: each line goes out in one ``write`` on an
    ``O_APPEND`` descriptor, so a killed process never leaves half a line behind. Lines
    reach the disk at :meth:`sync` (and on close)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._dirty = False

    def append(self, value: Any) -> None:
        self.write(encode_line(value))

    def write(self, data: bytes) -> None:
        """Append lines already encoded (each ending with a newline)."""
        written = os.write(self._fd, data)
        while written < len(data):  # only on a full disk or a signal; finish the line
            written += os.write(self._fd, data[written:])
        self._dirty = True

    def sync(self) -> None:
        if self._dirty:
            os.fsync(self._fd)
            self._dirty = False

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

    def __init__(self, path: str | os.PathLike[str], format_version: int = FORMAT_VERSION) -> None:
        self.path = Path(path)
        self.format_version = format_version
        self._name = legacy_file_name if format_version < 2 else file_name

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    @property
    def rooms_path(self) -> Path:
        return self.path / ROOMS

    @property
    def index_path(self) -> Path:
        return self.path / INDEX

    def name(self, room_id: str) -> str:
        """The file name of a room's files in this export."""
        return self._name(room_id)

    def document(self, kind: str, room_id: str) -> Path:
        return self.path / kind / (self._name(room_id) + DOCUMENT_KINDS[kind])

    def blob(self, kind: str, room_id: str, blob_id: str) -> Path:
        """Where a room's Storage file (``kind="files"``) or attachment is kept."""
        return self.path / kind / self._name(room_id) / file_name(blob_id)

    def is_export(self) -> bool:
        return self.manifest_path.is_file()

    def prepare(self, kinds: list[str]) -> None:
        """Create the folders; remove temporary files a killed run left behind."""
        self.path.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            folder = self.path / kind
            folder.mkdir(exist_ok=True)
            _remove_temporary(folder, nested=kind in BLOB_KINDS)

    def read_manifest(self) -> dict[str, Any]:
        """The manifest; :class:`ExportDirectoryError` if this is not an export. Sets the
        format version that names the files."""
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
        version = data.get("formatVersion", 1)
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ExportDirectoryError(
                f"{self.path} was written in format version {version!r}, newer than this "
                f"SDK reads ({FORMAT_VERSION}): upgrade liveblocks"
            )
        self.format_version = version
        self._name = legacy_file_name if version < 2 else file_name
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

    def index(self, repair: bool = False) -> dict[str, IndexEntry]:
        """Room id -> its ``index.ndjson`` entry (the last line of a room wins)."""
        entries: dict[str, IndexEntry] = {}
        for number, line in _complete_lines(self.index_path, repair):
            try:
                entry = _index_decoder.decode(line)
            except msgspec.DecodeError as exc:
                raise ExportDirectoryError(
                    f"{self.index_path}, line {number}, cannot be read: {exc}"
                ) from None
            entries[entry.id] = entry
        return entries

    def count_documents(self, kind: str) -> int:
        folder = self.path / kind
        if not folder.is_dir():
            return 0
        return sum(1 for entry in os.scandir(folder) if not entry.name.startswith("."))

    def count_blobs(self, kind: str) -> int:
        folder = self.path / kind
        if not folder.is_dir():
            return 0
        return sum(
            1
            for room in os.scandir(folder)
            if room.is_dir()
            for entry in os.scandir(room.path)
            if not entry.name.startswith(".")
        )

    def count_rooms(self) -> int:
        return sum(1 for _ in self.iter_room_lines())

    def holds_nothing_exported(self) -> bool:
        """True when the directory holds an export's files but no room and no document
        (a run that failed or was stopped before exporting anything)."""
        known = {MANIFEST, ROOMS, INDEX, *DOCUMENT_KINDS, *BLOB_KINDS}
        for entry in os.scandir(self.path):
            if entry.name.startswith(TEMP_PREFIX):
                continue
            if entry.name not in known:
                return False
            if entry.name in (ROOMS, INDEX) and entry.stat().st_size > 0:
                return False
            if entry.is_dir() and any(
                not e.name.startswith(TEMP_PREFIX) for e in os.scandir(entry.path)
            ):
                return False
        return True

    def clear(self) -> None:
        """Remove the files of an export that holds nothing (see
        :meth:`holds_nothing_exported`), to start it again."""
        for entry in os.scandir(self.path):
            if entry.is_dir():
                _remove_temporary(Path(entry.path), nested=False)
                os.rmdir(entry.path)
            else:
                os.unlink(entry.path)

    def sync_folders(self, kinds: list[str]) -> None:
        """Flush the directory entries themselves (creations, renames) to disk."""
        for folder in [self.path, *(self.path / kind for kind in kinds)]:
            if folder.is_dir():
                sync_folder(folder)


def _remove_temporary(folder: Path, nested: bool) -> None:
    for entry in os.scandir(folder):
        if entry.name.startswith(TEMP_PREFIX):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
        elif nested and entry.is_dir():
            _remove_temporary(Path(entry.path), nested=False)


def index_entry(room_id: str, name: str, **has: Any) -> IndexEntry:
    """The ``index.ndjson`` line of a room (``storage=True``, ``files=2``, ...)."""
    return IndexEntry(id=room_id, file=name, **has)
