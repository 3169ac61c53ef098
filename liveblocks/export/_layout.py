"""An export directory on disk (its files are listed in :mod:`liveblocks.export`): where
its files are, and the only way they are opened, read and written.

File names are made by :mod:`._names` (``index.ndjson`` writes each room's down).

Untrusted input. An export directory may have been edited by hand, damaged or copied
only in part, so every file of it is opened through :func:`open_below` (the export's
:meth:`ExportDirectory.open`, the writer's and the merge's copies): each folder between
the directory and the file must be a real folder and the file a regular file. A symbolic
link is never followed (only the directory itself, the path given, may be one) and a
FIFO or a device is refused without blocking; either is a :class:`DamagedExportError`
naming it, and nothing outside the directory is read, written or removed. Lines are read
with a bound (:data:`MAX_LINE_BYTES`, :data:`MAX_THREAD_LINE_BYTES`): a longer one is a
damaged line, never read whole; a last line without its newline is an interrupted export
(``export --resume`` repairs it); a line that does not parse is named with its file and
number. ``index.ndjson`` says which documents each room has: readers check that every
one it claims is there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any, Union

import msgspec

from .._atomic import AtomicFile
from ._names import file_name, legacy_file_name

__all__ = [
    "DOCUMENT_KINDS",
    "MAX_LINE_BYTES",
    "MAX_THREAD_LINE_BYTES",
    "Blob",
    "DamagedExportError",
    "ExportDirectory",
    "ExportDirectoryError",
    "Folders",
    "LineLog",
    "file_name",
    "open_below",
    "temporary_path",
    "write_atomic",
]

FORMAT = "liveblocks-export"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
ROOMS = "rooms.ndjson"
INDEX = "index.ndjson"
#: The lock of the run writing the export (see :mod:`._lock`).
LOCK = ".liveblocks-lock.json"
TEMP_PREFIX = ".tmp-"
#: Bytes copied at a time (a merge copying a document).
_COPY_CHUNK = 1024 * 1024

#: Document kind -> file extension, one folder per kind.
DOCUMENT_KINDS = {"storage": ".json", "yjs": ".bin", "threads": ".ndjson"}
#: Kinds of binary files, one folder per kind and one subfolder per room:
#: ``files/<room>/<file id>`` (Storage files), ``attachments/<room>/<attachment id>``.
BLOB_KINDS = ("files", "attachments")

#: The longest line of ``rooms.ndjson`` and ``index.ndjson`` that is read, newline aside
#: (a room's line is a few kilobytes); a longer one is a damaged line, never read whole.
MAX_LINE_BYTES = 64 * 1024 * 1024
#: The longest line of a room's threads document (one thread with all its comments).
MAX_THREAD_LINE_BYTES = 256 * 1024 * 1024
#: The largest manifest that is read (it lists failed rooms, a few hundred bytes each).
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
#: Storage files and attachments up to this size are read into memory to be uploaded;
#: larger ones stream from their file.
READ_WHOLE = 5 * 1024 * 1024

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO opened for reading must not block
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: How a writer creates a file: only a new one (nothing at its name, not even a link).
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
#: Whether files can be opened relative to an open folder, without following links.
_BY_DESCRIPTOR = bool(_NOFOLLOW and _DIRECTORY) and {os.open, os.stat, os.mkdir} <= (
    os.supports_dir_fd
)
_TYPES = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISREG, "a regular file"),
)
#: What to do about a file cut short or missing: what ``export --resume`` repairs.
RESUME_HINT = (
    "the export was interrupted or damaged; complete it with `python -m liveblocks export "
    "DIR --resume` (export_rooms(..., resume=True), with the same options)"
)


class ExportDirectoryError(ValueError):
    """The directory is not an export, or not one this operation can use.

    ``cli_message`` says the same in the command line's terms (its flags instead of the
    functions' parameters)."""

    def __init__(self, message: str, cli_message: str | None = None) -> None:
        super().__init__(message)
        self.cli_message = cli_message or message


class DamagedExportError(ExportDirectoryError, OSError):
    """A file or folder of an export that is not what the export says: missing though
    ``index.ndjson`` claims it, a symbolic link or a special file (never followed nor
    read), a line cut short, too long or malformed. The message names the path (and the
    line). It is an :class:`OSError` too: a failure of this machine's files, which
    running again does not fix until the file is."""

    describes_itself = True


# -- opening the files of an export, never through a link ------------------------------


def _mode(path: Path) -> int | None:
    """The type and mode bits of ``path`` itself (a link is not followed); None if absent."""
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None


def _what(mode: int) -> str:
    return next((name for test, name in _TYPES if test(mode)), "a special file")


def _not_a(path: Path, mode: int, expected: str) -> DamagedExportError:
    return DamagedExportError(
        f"{path} is {_what(mode)}, not {expected}: an export is read and written only "
        "through its own folders and regular files, never through a link or a special file"
    )


def _relative(root: Path, path: Path) -> tuple[str, ...]:
    """The names from ``root`` down to ``path``, a path below it made by this module (by
    joining names to ``root``: its text starts with the root's)."""
    base, text = str(root), str(path)
    if base != ".":
        base = base.rstrip(os.sep) + os.sep
        text = text[len(base) :] if text.startswith(base) else ""
    parts = tuple(text.split(os.sep))
    if "" in parts or "." in parts or ".." in parts:  # (a room id "..", in format 1)
        raise DamagedExportError(f"{path} is not a file inside {root}: it is never opened")
    return parts


def _check_folders(root: Path, path: Path, make: bool) -> None:
    """Each folder between ``root`` and ``path`` is a real folder (made if ``make``)."""
    folder = root
    for part in _relative(root, path)[:-1]:
        folder = folder / part
        mode = _mode(folder)
        if mode is None:
            if not make:
                raise FileNotFoundError(errno.ENOENT, "No such folder", os.fspath(folder))
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder)
            mode = os.lstat(folder).st_mode
        if not stat.S_ISDIR(mode):
            raise _not_a(folder, mode, "a folder")


def _refuse(folder: int, name: str, shown: Path, expected: str) -> None:
    """Raise :class:`DamagedExportError` if ``name`` in the open ``folder`` is there and
    is not what was expected (after an ``open`` of it failed)."""
    try:
        mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
    except OSError:
        return
    if not (stat.S_ISDIR(mode) if expected == "a folder" else stat.S_ISREG(mode)):
        raise _not_a(shown, mode, expected)


def _named(exc: OSError, path: Path) -> OSError:
    """The same error, naming the whole path rather than its last part."""
    return type(exc)(exc.errno, exc.strerror, os.fspath(path))


def _enter(folder: int, root: Path, parts: tuple[str, ...], make: bool) -> int:
    """Open ``parts[-1]``, a real folder in the open ``folder`` (made if ``make``)."""
    name = parts[-1]
    try:
        return os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=folder)
    except FileNotFoundError as exc:
        if not make:
            raise _named(exc, root.joinpath(*parts)) from None
    except OSError as exc:  # ELOOP for a link, ENOTDIR for a file
        _refuse(folder, name, root.joinpath(*parts), "a folder")
        raise _named(exc, root.joinpath(*parts)) from None
    with contextlib.suppress(FileExistsError):
        os.mkdir(name, dir_fd=folder)
    return _enter(folder, root, parts, make=False)


def _open_folder(root: Path, parts: tuple[str, ...], make: bool) -> int:
    """A descriptor of the folder ``parts`` below ``root``, each step a real folder."""
    fd = os.open(root, os.O_RDONLY | _DIRECTORY)
    for depth in range(len(parts)):
        try:
            inner = _enter(fd, root, parts[: depth + 1], make)
        finally:
            os.close(fd)
        fd = inner
    return fd


def _open_in(folder: int, name: str, path: Path, flags: int) -> int:
    """Open ``name`` in the open ``folder`` (``path`` says where that is), as a regular
    file and never through a link."""
    try:
        fd = os.open(name, flags | _NOFOLLOW | _NONBLOCK, 0o644, dir_fd=folder)
    except OSError as exc:  # ELOOP for a link, ENXIO for a FIFO opened to write, ...
        _refuse(folder, name, path, "a regular file")
        raise _named(exc, path) from None
    return _check_regular(fd, path)


def _check_regular(fd: int, path: Path) -> int:
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _not_a(path, mode, "a regular file")
    return fd


def open_below(root: Path, path: Path, flags: int, *, make_folders: bool = False) -> int:
    """Open ``path``, a file below ``root``, as one of the directory's own regular files,
    with ``os.open`` ``flags``; its descriptor.

    Every folder between ``root`` and the file must be a real folder (missing ones are
    made with ``make_folders``) and the file a regular file: each step is opened in the
    folder above it, so a symbolic link on the way is never followed, and a FIFO or a
    device is never waited on. Raises FileNotFoundError when the file (or a folder) is
    missing, :class:`DamagedExportError` naming what is not a folder or a regular file."""
    parts = _relative(root, path)
    if not _BY_DESCRIPTOR or len(parts) == 1:  # a file of the root: no folder to go through
        return _open_by_path(root, path, flags, make_folders)
    folder = _open_folder(root, parts[:-1], make_folders)
    try:
        return _open_in(folder, parts[-1], path, flags)
    finally:
        os.close(folder)


def _open_by_path(root: Path, path: Path, flags: int, make_folders: bool) -> int:
    """:func:`open_below` by path: for a file of the root, and where ``open`` takes no
    folder descriptor (Windows), each folder looked at before it is taken."""
    _check_folders(root, path, make_folders)
    if not _NOFOLLOW:  # nothing keeps open() from following a link: look first
        mode = _mode(path)
        if mode is not None and not stat.S_ISREG(mode):
            raise _not_a(path, mode, "a regular file")
    try:
        fd = os.open(path, flags | _NOFOLLOW | _NONBLOCK | _BINARY, 0o644)
    except OSError:
        mode = _mode(path)  # ELOOP for a link, ENXIO for a FIFO opened to write, ...
        if mode is not None and not stat.S_ISREG(mode):
            raise _not_a(path, mode, "a regular file") from None
        raise
    return _check_regular(fd, path)


class Folders:
    """Where a writer of many files creates and renames them: the folders below an export
    directory that it writes into are opened once (made if missing) and kept open, the
    last :data:`KEPT` of them, and each file is created and renamed in its folder, never
    through a link (not even one put in a folder's place meanwhile), and faster than by
    path. Used by one thread; :meth:`close` at the end."""

    KEPT = 64

    def __init__(self, root: Path) -> None:
        self.root = root
        self._open: dict[str, int] = {}

    def create(self, path: Path) -> int:
        """Create ``path``, a new regular file below the root, open to write; whatever had
        its name (a temporary file a failed write left) is removed first, not followed."""
        if not _BY_DESCRIPTOR:
            _check_folders(self.root, path, make=True)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            return os.open(path, _CREATE | _BINARY, 0o644)
        folder_text, _, name = str(path).rpartition(os.sep)
        folder = self._open.get(folder_text)
        if folder is None:
            folder = self._folder(path, folder_text)
        elif name in ("", ".", ".."):
            _relative(self.root, path)  # refuses it
        try:
            return os.open(name, _CREATE, 0o644, dir_fd=folder)  # new: a regular file
        except FileExistsError:
            try:
                os.unlink(name, dir_fd=folder)
            except OSError as exc:
                raise _named(exc, path) from None
            return os.open(name, _CREATE, 0o644, dir_fd=folder)

    def rename(self, temp: Path, final: Path) -> None:
        """Rename ``temp``, a file :meth:`create` made, to ``final`` in the same folder."""
        folder_text, _, name = str(final).rpartition(os.sep)
        temp_folder, _, temp_name = str(temp).rpartition(os.sep)
        if not _BY_DESCRIPTOR or temp_folder != folder_text:
            os.replace(temp, final)
            return
        folder = self._open.get(folder_text)
        if folder is None:
            folder = self._folder(final, folder_text)
        try:
            os.replace(temp_name, name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError as exc:
            raise _named(exc, final) from None

    def _folder(self, path: Path, folder_text: str) -> int:
        folder = _open_folder(self.root, _relative(self.root, path)[:-1], make=True)
        if len(self._open) >= self.KEPT:
            os.close(self._open.pop(next(iter(self._open))))
        self._open[folder_text] = folder
        return folder

    def close(self) -> None:
        for fd in self._open.values():
            os.close(fd)
        self._open.clear()


def temporary_path(final: Path) -> Path:
    """The temporary name a file is written under before it is renamed to ``final``."""
    return final.with_name(TEMP_PREFIX + final.name)


def write_atomic(
    path: Path, content: bytes | IO[bytes], *, root: Path, sync_entry: bool = True
) -> None:
    """Write ``content`` (bytes, or an open file's to copy) to ``path``, a file of the
    export directory ``root``, durably (:class:`~liveblocks._atomic.AtomicFile`), so that
    ``path`` is always either absent, the old content, or the whole new content (for the
    manifest and a merge's copies; documents go through the export's writer). The
    temporary file is created as the directory's own (:func:`open_below`), whatever a
    killed run left at its name removed, not followed. ``sync_entry=False`` leaves
    flushing the folder's entry to the caller."""
    temp = temporary_path(path)
    _check_folders(root, temp, make=True)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp)
    file = os.fdopen(open_below(root, temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb")
    with AtomicFile(path, temp=temp, durable=True, file=file) as out:
        if isinstance(content, bytes):
            out.write(content)
        else:
            shutil.copyfileobj(content, out, _COPY_CHUNK)
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


@dataclass
class Blob:
    """A Storage file or attachment of an export, open to be uploaded: its size, and its
    bytes (up to :data:`READ_WHOLE`) or its open file, to stream."""

    size: int
    content: Union[bytes, IO[bytes]]

    def close(self) -> None:
        if not isinstance(self.content, bytes):
            self.content.close()

    def __enter__(self) -> Blob:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- lines ----------------------------------------------------------------------------


def _lines(file: IO[bytes], path: Path, max_line: int, repair: bool) -> Iterator[tuple[int, bytes]]:
    """The file's lines that are not blank (number, bytes), each read with a bound.

    A line longer than ``max_line`` is a :class:`DamagedExportError`, and so is a last
    line without its newline, or, with ``repair``, it is removed from the file."""
    offset = 0
    number = 0
    while True:
        line = file.readline(max_line + 1)
        if not line:
            return
        number += 1
        if not line.endswith(b"\n"):
            if len(line) > max_line:
                raise DamagedExportError(
                    f"{path}, line {number}, is longer than {max_line // (1024 * 1024)} MiB: "
                    "the file is damaged"
                )
            if repair:
                os.ftruncate(file.fileno(), offset)
                return
            raise DamagedExportError(
                f"{path} ends with a line cut short (line {number} has no newline): " + RESUME_HINT
            )
        offset += len(line)
        if line.strip():
            yield number, line


def _ends_whole(fd: int) -> bool:
    """Whether the open file is empty or ends with a newline (its last byte alone is read)."""
    size = os.fstat(fd).st_size
    if size == 0:
        return True
    os.lseek(fd, size - 1, os.SEEK_SET)
    return os.read(fd, 1) == b"\n"


class _Id(msgspec.Struct):
    id: Annotated[str, msgspec.Meta(min_length=1)]


_Count = Annotated[int, msgspec.Meta(ge=0)]


class IndexEntry(msgspec.Struct):
    """One line of ``index.ndjson``: a room, its file name, and what it has on disk:
    which documents, and how many Storage files and attachments."""

    id: Annotated[str, msgspec.Meta(min_length=1)]
    file: str | None = None
    storage: bool = False
    yjs: bool = False
    threads: bool = False
    files: _Count = 0
    attachments: _Count = 0

    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind in DOCUMENT_KINDS if getattr(self, kind))


class _SourceFields(msgspec.Struct, rename="camel"):
    base_url: str | None = None
    key_fingerprint: str | None = None


class _FilterFields(msgspec.Struct, rename="camel"):
    query: str | None = None
    user_id: str | None = None
    group_ids: list[str] | None = None
    organization_id: str | None = None


class _ManifestFields(msgspec.Struct, rename="camel"):
    """The manifest's fields this SDK reads, with their types (others are left alone)."""

    status: str | None = None
    created_at: str | None = None
    started_at: str | None = None
    resumed: _Count = 0
    source: _SourceFields | None = None
    filters: _FilterFields | None = None
    shard: str | None = None
    threads: bool = False
    failures: list[dict[str, Any]] | None = None


_id_decoder = msgspec.json.Decoder(_Id)
_index_decoder = msgspec.json.Decoder(IndexEntry)
_encoder = msgspec.json.Encoder()


def encode_line(value: Any) -> bytes:
    return _encoder.encode(value) + b"\n"


class LineLog:
    """An append-only ``.ndjson`` file: each line goes out in one ``write`` on an
    ``O_APPEND`` descriptor, so a killed process never leaves half a line behind. Lines
    reach the disk at :meth:`sync` (and on close). ``fd``: the file already open (an
    export's, through :meth:`ExportDirectory.open_log`)."""

    def __init__(self, path: Path, fd: int | None = None) -> None:
        self.path = path
        if fd is None:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._fd = fd
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


class ExportDirectory:
    """The files of one export directory, and the only way to open them (see the
    module's documentation: nothing outside the directory is ever touched)."""

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

    def blob_folder(self, kind: str, room_id: str) -> Path:
        """The folder of a room's Storage files (``kind="files"``) or attachments."""
        return self.path / kind / self._name(room_id)

    def blob(self, kind: str, room_id: str, blob_id: str) -> Path:
        """Where a room's Storage file (``kind="files"``) or attachment is kept."""
        return self.blob_folder(kind, room_id) / file_name(blob_id)

    # -- opening and reading files ------------------------------------------------------

    def open(self, path: Path, flags: int = os.O_RDONLY, *, make_folders: bool = False) -> int:
        """Open one of the export's files (see :func:`open_below`); its descriptor."""
        return open_below(self.path, path, flags, make_folders=make_folders)

    def read(self, path: Path) -> bytes:
        """A file's bytes; FileNotFoundError if it is missing."""
        with os.fdopen(self.open(path), "rb") as file:
            return file.read()

    def has_file(self, path: Path) -> bool:
        """Whether the file is there (a :class:`DamagedExportError` if it is there but no
        regular file)."""
        try:
            os.close(self.open(path))
        except FileNotFoundError:
            return False
        return True

    def ends_whole(self, path: Path) -> bool:
        """Whether the file (which must be there) is empty or ends with a newline."""
        fd = self.open(path)
        try:
            return _ends_whole(fd)
        finally:
            os.close(fd)

    def read_document(self, kind: str, room_id: str, claimed: bool | None) -> bytes | None:
        """A room's document of this kind: None where the room has none. ``claimed``:
        whether ``index.ndjson`` says it has one (None for an export without an index:
        whatever is there); a document it claims must be there."""
        if claimed is False:
            return None
        path = self.document(kind, room_id)
        try:
            return self.read(path)
        except FileNotFoundError:
            if claimed:
                raise self._missing(path) from None
            return None

    def thread_lines(self, room_id: str, claimed: bool | None) -> list[tuple[int, bytes]] | None:
        """A room's threads document as lines (number, bytes), as :meth:`read_document`."""
        if claimed is False:
            return None
        path = self.document("threads", room_id)
        try:
            fd = self.open(path)
        except FileNotFoundError:
            if claimed:
                raise self._missing(path) from None
            return None
        with os.fdopen(fd, "rb") as file:
            return list(_lines(file, path, MAX_THREAD_LINE_BYTES, repair=False))

    def _missing(self, path: Path) -> DamagedExportError:
        return DamagedExportError(
            f"{path} is missing, though {INDEX} says the room has it: {RESUME_HINT}"
        )

    def open_blob(self, path: Path) -> Blob:
        """A Storage file or attachment, open to be uploaded; FileNotFoundError if it is
        missing."""
        fd = self.open(path)
        file = os.fdopen(fd, "rb")
        try:
            size = os.fstat(fd).st_size
            if size <= READ_WHOLE:
                with file:
                    return Blob(size, file.read())
        except BaseException:
            file.close()
            raise
        return Blob(size, file)

    def blob_names(self, kind: str, room_id: str) -> list[str]:
        """The names of a room's Storage files or attachments, sorted ([] if it has
        none); a :class:`DamagedExportError` for an entry that is no regular file."""
        folder = self.blob_folder(kind, room_id)
        try:
            _check_folders(self.path, folder / "-", make=False)
        except FileNotFoundError:
            return []
        names = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if not entry.is_file(follow_symlinks=False):
                    mode = entry.stat(follow_symlinks=False).st_mode
                    raise _not_a(Path(entry.path), mode, "a regular file")
                names.append(entry.name)
        return sorted(names)

    def copy_from(self, source: ExportDirectory, path: Path, target: Path) -> None:
        """Copy ``path``, a file of ``source``, to ``target`` in this export, durably: the
        target is always absent, the old content, or the whole copy (its folder's entry
        is the caller's to flush)."""
        with source.reader(path) as reader:
            write_atomic(target, reader, root=self.path, sync_entry=False)

    def reader(self, path: Path) -> IO[bytes]:
        """One of the export's files, open to read (see :func:`open_below`)."""
        return os.fdopen(self.open(path), "rb")

    def shown(self, path: Path) -> str:
        """A path of the export as messages name it."""
        return str(path)

    def remove(self, path: Path) -> None:
        """Remove one of the export's files if it is there (a link itself, not followed)."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)

    def sync_folder(self, folder: Path) -> None:
        """Flush a folder's entries to disk (see :func:`sync_folder`)."""
        sync_folder(folder)

    def remove_empty_folder(self, folder: Path) -> None:
        """Remove a folder of the export if it is empty."""
        with contextlib.suppress(OSError):
            os.rmdir(folder)

    def open_log(self, path: Path) -> LineLog:
        """One of the export's ``.ndjson`` files, open to append lines."""
        return LineLog(path, self.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT))

    # -- the manifest and the logs ------------------------------------------------------

    def is_export(self) -> bool:
        """Whether the directory has a manifest (which :meth:`read_manifest` checks)."""
        return _mode(self.manifest_path) is not None

    def check_folders(self) -> None:
        """Refuse (:class:`DamagedExportError`) a folder of documents or files that is a
        link or no folder, before any room is read."""
        for kind in (*DOCUMENT_KINDS, *BLOB_KINDS):
            folder = self.path / kind
            mode = _mode(folder)
            if mode is not None and not stat.S_ISDIR(mode):
                raise _not_a(folder, mode, "a folder")

    def prepare(self, kinds: list[str]) -> None:
        """Create the folders; remove temporary files a killed run left behind."""
        self.path.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            folder = self.path / kind
            _check_folders(self.path, folder / "-", make=True)
            _remove_temporary(folder, nested=kind in BLOB_KINDS)

    def read_manifest(self) -> dict[str, Any]:
        """The manifest; :class:`ExportDirectoryError` if this is not an export, or if
        its manifest is damaged. Sets the format version that names the files."""
        if not self.path.is_dir():
            raise ExportDirectoryError(f"{self.path} is not a directory")
        path = self.manifest_path
        try:
            fd = self.open(path)
        except FileNotFoundError:
            raise ExportDirectoryError(
                f"{self.path} is not a Liveblocks export: it has no {MANIFEST}"
            ) from None
        with os.fdopen(fd, "rb") as file:
            if os.fstat(fd).st_size > MAX_MANIFEST_BYTES:
                raise DamagedExportError(f"{path} is damaged: it is larger than any manifest")
            raw = file.read()
        return self.parse_manifest(raw)

    def parse_manifest(self, raw: bytes) -> dict[str, Any]:
        """The manifest read from ``raw`` (see :meth:`read_manifest`)."""
        path = self.shown(self.manifest_path)
        try:
            data = msgspec.json.decode(raw)
        except msgspec.DecodeError as exc:
            raise DamagedExportError(f"{path} is damaged: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ExportDirectoryError(f"{path} is not the manifest of a Liveblocks export")
        version = self._check_version(data.get("formatVersion", 1))
        try:
            msgspec.convert(data, _ManifestFields)
        except msgspec.ValidationError as exc:
            raise DamagedExportError(f"{path} is damaged: {exc}") from None
        self.format_version = version
        self._name = legacy_file_name if version < 2 else file_name
        return data

    def _check_version(self, version: object) -> int:
        if type(version) is not int or version < 1:  # True is an int, but no version
            raise DamagedExportError(
                f"{self.manifest_path} is damaged: formatVersion must be an integer from 1 "
                f"to {FORMAT_VERSION}, got {msgspec.json.encode(version).decode()}"
            )
        if version > FORMAT_VERSION:
            raise ExportDirectoryError(
                f"{self.path} was written in format version {version}, newer than this "
                f"SDK reads ({FORMAT_VERSION}): upgrade liveblocks-sdk "
                "(pip install --upgrade liveblocks-sdk)"
            )
        return version

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        write_atomic(self.manifest_path, self.encode_manifest(manifest), root=self.path)

    def encode_manifest(self, manifest: dict[str, Any]) -> bytes:
        return msgspec.json.format(_encoder.encode(manifest)) + b"\n"

    def _log_lines(
        self, path: Path, repair: bool, required: bool = False
    ) -> Iterator[tuple[int, bytes]]:
        try:
            fd = self.open(path, os.O_RDWR if repair else os.O_RDONLY)
        except FileNotFoundError:
            if required:
                raise DamagedExportError(f"{path} is missing: {RESUME_HINT}") from None
            return
        with os.fdopen(fd, "r+b" if repair else "rb") as file:
            yield from _lines(file, path, MAX_LINE_BYTES, repair)

    def check_rooms_whole(self) -> None:
        """Refuse (:class:`DamagedExportError`) a ``rooms.ndjson`` whose last line is cut
        short, before anything is read from it."""
        if self.has_file(self.rooms_path) and not self.ends_whole(self.rooms_path):
            raise DamagedExportError(f"{self.rooms_path} ends with a line cut short: {RESUME_HINT}")

    def iter_room_lines(self, repair: bool = False) -> Iterator[tuple[int, bytes]]:
        """``rooms.ndjson``'s lines, streamed; with ``repair``, a last line cut short (by
        a crash) is removed, else it is a :class:`DamagedExportError`."""
        return self._log_lines(self.rooms_path, repair)

    def room_id(self, number: int, line: bytes) -> str:
        """The id of a room's line of ``rooms.ndjson``; a :class:`DamagedExportError`
        naming the line if it has none."""
        try:
            return _id_decoder.decode(line).id
        except msgspec.DecodeError as exc:
            raise DamagedExportError(
                f"{self.rooms_path}, line {number}, is not a room: {exc}"
            ) from None

    def room_ids(self, repair: bool = False) -> set[str]:
        """The ids of the rooms in ``rooms.ndjson``."""
        return {self.room_id(number, line) for number, line in self.iter_room_lines(repair)}

    def index(self, repair: bool = False, required: bool = False) -> dict[str, IndexEntry]:
        """Room id -> its ``index.ndjson`` entry (the last line of a room wins); with
        ``required``, a missing index is a :class:`DamagedExportError`."""
        entries: dict[str, IndexEntry] = {}
        for number, line in self._log_lines(self.index_path, repair, required):
            try:
                entry = _index_decoder.decode(line)
            except msgspec.DecodeError as exc:
                raise DamagedExportError(
                    f"{self.index_path}, line {number}, cannot be read: {exc}"
                ) from None
            entries[entry.id] = entry
        return entries

    def claims(self) -> dict[str, IndexEntry] | None:
        """What ``index.ndjson`` says each room has, for a reader that checks it (None for
        an export of format version 1, which has no index)."""
        return self.index(required=True) if self.format_version >= 2 else None

    # -- counting, clearing ---------------------------------------------------------------

    def count_documents(self, kind: str) -> int:
        return _count_regular(self.path / kind)

    def count_blobs(self, kind: str) -> int:
        folder = self.path / kind
        if not _is_folder(folder):
            return 0
        with os.scandir(folder) as rooms:
            return sum(
                _count_regular(Path(room.path))
                for room in rooms
                if room.is_dir(follow_symlinks=False)
            )

    def count_rooms(self) -> int:
        return sum(1 for _ in self.iter_room_lines())

    def holds_nothing_exported(self) -> bool:
        """True when the directory holds an export's files but no room and no document
        (a run that failed or was stopped before exporting anything)."""
        known = {MANIFEST, ROOMS, INDEX, LOCK, *DOCUMENT_KINDS, *BLOB_KINDS}
        with os.scandir(self.path) as entries:
            for entry in entries:
                if entry.name.startswith(TEMP_PREFIX):
                    continue
                if entry.name not in known or entry.is_symlink():
                    return False
                if entry.name in (ROOMS, INDEX) and entry.stat().st_size > 0:
                    return False
                if entry.is_dir(follow_symlinks=False) and any(
                    not e.name.startswith(TEMP_PREFIX) for e in os.scandir(entry.path)
                ):
                    return False
        return True

    def clear(self) -> None:
        """Remove the files of an export that holds nothing (see
        :meth:`holds_nothing_exported`), to start it again."""
        with os.scandir(self.path) as entries:
            for entry in entries:
                if entry.name == LOCK:
                    continue  # the run's own lock
                if entry.is_dir(follow_symlinks=False):
                    _remove_temporary(Path(entry.path), nested=False)
                    os.rmdir(entry.path)
                else:
                    os.unlink(entry.path)

    def holds_other_files(self) -> bool:
        """Whether the path is something else than an empty or missing directory (its
        lock aside)."""
        path = self.path
        if not path.exists():
            return False
        return not path.is_dir() or any(p.name != LOCK for p in path.iterdir())

    def sync_folders(self, kinds: list[str]) -> None:
        """Flush the directory entries themselves (creations, renames) to disk."""
        for folder in [self.path, *(self.path / kind for kind in kinds)]:
            if _is_folder(folder):
                sync_folder(folder)


def _is_folder(path: Path) -> bool:
    mode = _mode(path)
    return mode is not None and stat.S_ISDIR(mode)


def _count_regular(folder: Path) -> int:
    """The regular files of a real folder, leaving out hidden and temporary ones."""
    if not _is_folder(folder):
        return 0
    with os.scandir(folder) as entries:
        return sum(
            1
            for entry in entries
            if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False)
        )


def _remove_temporary(folder: Path, nested: bool) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)  # a link is removed itself, never followed
            elif nested and entry.is_dir(follow_symlinks=False):
                _remove_temporary(Path(entry.path), nested=False)


def index_entry(room_id: str, name: str, **has: Any) -> IndexEntry:
    """The ``index.ndjson`` line of a room (``storage=True``, ``files=2``, ...)."""
    return IndexEntry(id=room_id, file=name, **has)
