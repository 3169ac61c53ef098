"""Exports on object storage: a destination given as a URL (``s3://bucket/prefix``,
``gs://``, ``az://``, ``memory://``, ...) is read and written through fsspec, imported
only then; a plain path (or ``file://``) stays the export directory on disk.

An object store has no rename and no append, so the layout keeps the directory's
guarantees another way:

- every file of a room (its documents, Storage files, attachments) is written as one
  whole object (a ``PUT``: an object is absent or whole, never cut short), at the same
  key a file has on disk (``storage/<name>.json``, ``files/<name>/<file>``, ...);
- ``index.ndjson`` and ``rooms.ndjson`` are sequences of numbered part objects,
  ``index/000000001.ndjson``, ``rooms/000000001.ndjson``, ..., read back in the order of
  their numbers as one file; a part is written only once the objects its lines claim
  exist (each checkpoint of the writer: first the objects, then the index part, then the
  rooms part), so "a claimed file exists" holds as on disk, and a resumed export reads
  what earlier runs left from the parts;
- ``manifest.json`` is written whole.

Reading refuses what it refuses on disk where it applies: an object the index claims and
the store does not hold, a damaged or too long line, a part whose last line has no
newline (``export --resume`` rewrites the last part without it). An object store has no
links, so there are none to refuse.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import re
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ._layout import (
    DOCUMENT_KINDS,
    LOCK,
    MANIFEST,
    MAX_LINE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_THREAD_LINE_BYTES,
    READ_WHOLE,
    RESUME_HINT,
    Blob,
    DamagedExportError,
    ExportDirectory,
    ExportDirectoryError,
    LineLog,
)
from ._writer import DiskWriter, RoomWrite, Syncer

__all__ = [
    "ObjectExportDirectory",
    "ObjectWriter",
    "StorageOptions",
    "open_directory",
    "url_scheme",
]

logger = logging.getLogger("liveblocks")

#: fsspec options of a store (``endpoint_url``, ``anon``, ``key``, ...).
StorageOptions = Mapping[str, Any]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
#: The extra of this package that installs each store's fsspec implementation.
_EXTRAS = {
    "s3": "s3",
    "s3a": "s3",
    "gs": "gcs",
    "gcs": "gcs",
    "az": "azure",
    "abfs": "azure",
    "abfss": "azure",
    "adl": "azure",
}
#: A part of ``index.ndjson`` or ``rooms.ndjson``: its number, nine digits.
_PART = re.compile(r"^(\d{9})\.ndjson$")
#: The largest part object that is read (a checkpoint's lines: a few MB).
MAX_PART_BYTES = 1024 * 1024 * 1024
#: Lines a merge puts in one part.
PART_LINES = 1000
#: Objects uploaded at once by an export's writer.
UPLOADS = 16


def url_scheme(destination: str | os.PathLike[str]) -> str | None:
    """The scheme of a destination given as a URL (``"s3"``), None for a plain path."""
    if not isinstance(destination, str):
        return None
    match = _SCHEME.match(destination)
    return match.group(1).lower() if match else None


def open_directory(
    destination: str | os.PathLike[str], storage_options: StorageOptions | None = None
) -> ExportDirectory:
    """The export at ``destination``: a directory on disk for a path or a ``file://`` URL,
    an :class:`ObjectExportDirectory` for any other URL."""
    scheme = url_scheme(destination)
    if scheme is None or scheme == "file":
        if storage_options:
            raise ExportDirectoryError(
                f"storage options apply to URLs (s3://, gs://, ...), not to the path {destination}"
            )
        if scheme == "file":
            assert isinstance(destination, str)
            return ExportDirectory(destination[len("file://") :] or "/")
        return ExportDirectory(destination)
    assert isinstance(destination, str)
    return ObjectExportDirectory(destination, storage_options)


def _filesystem(url: str, options: StorageOptions) -> tuple[Any, str]:
    """The fsspec file system of ``url`` and the path in it; a clear error naming the
    extra to install when fsspec, or the store's implementation, is missing."""
    scheme = url_scheme(url) or ""
    extra = _EXTRAS.get(scheme)
    install = (
        f"pip install 'liveblocks-sdk[{extra}]'"
        if extra
        else "pip install fsspec (and the package of that store)"
    )
    try:
        fsspec = importlib.import_module("fsspec")
    except ImportError:
        raise ExportDirectoryError(
            f"{url} is on object storage, which needs fsspec: {install}"
        ) from None
    try:
        fs, path = fsspec.core.url_to_fs(url, **dict(options))
    except ImportError as exc:
        raise ExportDirectoryError(
            f"{url} needs the fsspec implementation of {scheme}:// ({exc}): {install}"
        ) from None
    except ValueError as exc:
        raise ExportDirectoryError(f"{url} cannot be opened: {exc}") from None
    return fs, str(path).rstrip("/") or "/"


class ObjectExportDirectory(ExportDirectory):
    """An export on object storage, through fsspec (see the module's documentation).

    Its paths are the store's keys (``bucket/prefix/storage/x.json``); ``url`` is the
    destination as given."""

    def __init__(self, url: str, storage_options: StorageOptions | None = None) -> None:
        fs, root = _filesystem(url, storage_options or {})
        super().__init__(root)
        self.url = url.rstrip("/")
        self.fs = fs
        self._next_part: int | None = None
        self._part_lock = threading.Lock()
        self._staging: Path | None = None

    def __repr__(self) -> str:
        return f"ObjectExportDirectory({self.url!r})"

    def key(self, path: Path) -> str:
        return path.as_posix()

    def shown(self, path: Path) -> str:
        """A path as the user named it: the URL and the key below it."""
        root = self.path.as_posix()
        text = path.as_posix()
        return self.url + text[len(root) :] if text.startswith(root) else text

    # -- objects ----------------------------------------------------------------------

    def _ls(self, folder: Path) -> list[dict[str, Any]]:
        """The objects directly in ``folder`` (name, size, type); [] if there are none."""
        try:
            entries = self.fs.ls(self.key(folder), detail=True, refresh=True)
        except FileNotFoundError:
            return []
        return [e for e in entries if isinstance(e, dict)]

    def _all_keys(self) -> list[str]:
        """Every object below the destination."""
        try:
            return [str(k) for k in self.fs.find(self.key(self.path))]
        except FileNotFoundError:
            return []

    def put(self, path: Path, data: bytes) -> None:
        """Write one whole object."""
        self.fs.pipe_file(self.key(path), data)

    def create(self, path: Path, data: bytes) -> bool:
        """Write an object only if none is there (a conditional write where the store has
        one, S3's ``If-None-Match: *``); whether it was written."""
        try:
            self.fs.pipe_file(self.key(path), data, mode="create")
        except FileExistsError:
            return False
        return True

    def remove(self, path: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm_file(self.key(path))

    def read(self, path: Path) -> bytes:
        """An object's bytes; FileNotFoundError if it is missing."""
        return bytes(self.fs.cat_file(self.key(path)))

    def _size(self, path: Path) -> int | None:
        try:
            info = self.fs.info(self.key(path))
        except FileNotFoundError:
            return None
        if info.get("type") == "directory":
            return None
        return int(info.get("size") or 0)

    def has_file(self, path: Path) -> bool:
        return self._size(path) is not None

    def ends_whole(self, path: Path) -> bool:
        size = self._size(path)
        if not size:
            return True
        last = self.fs.cat_file(self.key(path), start=size - 1, end=size)
        return bytes(last) == b"\n"

    def thread_lines(self, room_id: str, claimed: bool | None) -> list[tuple[int, bytes]] | None:
        if claimed is False:
            return None
        path = self.document("threads", room_id)
        try:
            data = self.read(path)
        except FileNotFoundError:
            if claimed:
                raise self._missing(path) from None
            return None
        return list(_split_lines(data, self.shown(path), MAX_THREAD_LINE_BYTES, 1))

    def _missing(self, path: Path) -> DamagedExportError:
        return DamagedExportError(
            f"{self.shown(path)} is missing, though index.ndjson says the room has it: "
            + RESUME_HINT
        )

    def open_blob(self, path: Path) -> Blob:
        size = self._size(path)
        if size is None:
            raise FileNotFoundError(2, "No such object", self.shown(path))
        if size <= READ_WHOLE:
            return Blob(size, self.read(path))
        return Blob(size, self.fs.open(self.key(path), "rb"))

    def reader(self, path: Path) -> Any:
        return self.fs.open(self.key(path), "rb")

    def blob_names(self, kind: str, room_id: str) -> list[str]:
        names = [
            e["name"].rstrip("/").rsplit("/", 1)[-1]
            for e in self._ls(self.blob_folder(kind, room_id))
            if e.get("type") != "directory"
        ]
        return sorted(n for n in names if not n.startswith("."))

    def copy_from(self, source: ExportDirectory, path: Path, target: Path) -> None:
        with source.reader(path) as file:
            self.put(target, file.read())

    def open(self, path: Path, flags: int = os.O_RDONLY, *, make_folders: bool = False) -> int:
        """A local file standing for ``path`` (a large download is streamed into it before
        the writer uploads it): in a temporary folder of this machine."""
        local = self.staged(path)
        local.parent.mkdir(parents=True, exist_ok=True)
        return os.open(local, flags, 0o600)

    def staged(self, path: Path) -> Path:
        """Where :meth:`open` keeps ``path`` on this machine."""
        if self._staging is None:
            self._staging = Path(tempfile.mkdtemp(prefix="liveblocks-export-"))
            weakref.finalize(self, shutil.rmtree, self._staging, ignore_errors=True)
        return self._staging / self.key(path).lstrip("/")

    # -- the manifest, the parts of the logs ------------------------------------------

    def is_export(self) -> bool:
        return self.has_file(self.manifest_path)

    def read_manifest(self) -> dict[str, Any]:
        path = self.manifest_path
        size = self._size(path)
        if size is None:
            raise ExportDirectoryError(
                f"{self.url} is not a Liveblocks export: it has no {MANIFEST}"
            )
        if size > MAX_MANIFEST_BYTES:
            raise DamagedExportError(
                f"{self.shown(path)} is damaged: it is larger than any manifest"
            )
        return self.parse_manifest(self.read(path))

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        self.put(self.manifest_path, self.encode_manifest(manifest))

    def parts_folder(self, log: Path) -> Path:
        """The folder of the parts of ``rooms.ndjson`` or ``index.ndjson``."""
        return log.with_name(log.name.split(".", 1)[0])

    def _parts(self, log: Path) -> list[tuple[int, Path, int]]:
        """The parts of a log (number, path, size), in order."""
        folder = self.parts_folder(log)
        parts = []
        for entry in self._ls(folder):
            name = str(entry["name"]).rstrip("/").rsplit("/", 1)[-1]
            match = _PART.match(name)
            if match is None:
                if name.startswith("."):
                    continue
                raise DamagedExportError(
                    f"{self.shown(folder / name)} is not a part of {log.name} "
                    f"(parts are named 000000001.ndjson, ...): the export is damaged"
                )
            parts.append((int(match.group(1)), folder / name, int(entry.get("size") or 0)))
        return sorted(parts)

    def next_part(self) -> int:
        """The number of the next part written (after every part of both logs)."""
        with self._part_lock:
            if self._next_part is None:
                logs = (self.index_path, self.rooms_path)
                numbers = [n for log in logs for n, _, _ in self._parts(log)]
                self._next_part = max(numbers, default=0) + 1
            number = self._next_part
            self._next_part += 1
            return number

    def write_part(self, log: Path, data: bytes) -> None:
        self.put(self.parts_folder(log) / f"{self.next_part():09d}.ndjson", data)

    def _log_lines(
        self, path: Path, repair: bool, required: bool = False
    ) -> Iterator[tuple[int, bytes]]:
        # No parts is a log without lines: an object store has no empty object standing
        # for it. A room listed without its index line is refused by the readers.
        parts = self._parts(path)
        first = 1
        for position, (_, part, size) in enumerate(parts):
            if size > MAX_PART_BYTES:
                raise DamagedExportError(
                    f"{self.shown(part)} is larger than any part of {path.name}: the export "
                    "is damaged"
                )
            data = self.read(part)
            last = position == len(parts) - 1
            if repair and last and data and not data.endswith(b"\n"):
                data = data[: data.rfind(b"\n") + 1]
                self.put(part, data)  # the line cut short, removed
            lines = list(_split_lines(data, self.shown(part), MAX_LINE_BYTES, first))
            yield from lines
            first += data.count(b"\n")

    def check_rooms_whole(self) -> None:
        parts = self._parts(self.rooms_path)
        if parts and not self.ends_whole(parts[-1][1]):
            raise DamagedExportError(
                f"{self.shown(parts[-1][1])} ends with a line cut short: {RESUME_HINT}"
            )

    def check_folders(self) -> None:
        """Nothing to check: an object store has no links and no special files."""

    def open_log(self, path: Path) -> LineLog:
        return PartLog(self, path)

    # -- counting, clearing -------------------------------------------------------------

    def count_documents(self, kind: str) -> int:
        extension = DOCUMENT_KINDS[kind]
        return sum(
            1
            for e in self._ls(self.path / kind)
            if e.get("type") != "directory" and str(e["name"]).endswith(extension)
        )

    def count_blobs(self, kind: str) -> int:
        prefix = self.key(self.path / kind) + "/"
        try:  # the objects below that folder only, not the whole export's
            found = self.fs.find(prefix)
        except FileNotFoundError:
            return 0
        return sum(1 for k in found if str(k).startswith(prefix))

    def _own_keys(self) -> list[str]:
        """The objects below the destination but its lock."""
        lock = self.key(self.path / LOCK)
        return [k for k in self._all_keys() if k != lock]

    def holds_other_files(self) -> bool:
        return bool(self._own_keys())

    def holds_nothing_exported(self) -> bool:
        manifest = self.key(self.manifest_path)
        return all(k == manifest for k in self._own_keys())

    def clear(self) -> None:
        for key in self._own_keys():
            with contextlib.suppress(FileNotFoundError):
                self.fs.rm_file(key)

    def prepare(self, kinds: list[str]) -> None:
        """Nothing to prepare: an object store has no folders to make."""

    def sync_folders(self, kinds: list[str]) -> None:
        """Nothing to flush: an object is durable once written."""

    def sync_folder(self, folder: Path) -> None:
        """Nothing to flush: an object is durable once written."""

    def remove_empty_folder(self, folder: Path) -> None:
        """Nothing to remove: an object store has no empty folders."""


def _split_lines(data: bytes, shown: str, max_line: int, first: int) -> Iterator[tuple[int, bytes]]:
    """The lines of a whole object that are not blank (number, bytes), numbered from
    ``first``; a line longer than ``max_line``, or a last one without its newline, is a
    :class:`DamagedExportError`."""
    number = first - 1
    start = 0
    while start < len(data):
        number += 1
        end = data.find(b"\n", start)
        stop = len(data) if end < 0 else end
        if stop - start > max_line:
            raise DamagedExportError(
                f"{shown}, line {number - first + 1}, is longer than "
                f"{max_line // (1024 * 1024)} MiB: the file is damaged"
            )
        if end < 0:
            raise DamagedExportError(
                f"{shown} ends with a line cut short (line {number - first + 1} has no "
                f"newline): {RESUME_HINT}"
            )
        line = data[start : end + 1]
        start = end + 1
        if line.strip():
            yield number, line


class PartLog(LineLog):
    """A log of an export on object storage: lines are gathered and written as one new
    part object at each :meth:`sync` (the writer's checkpoint), at :meth:`close`, and
    every :data:`PART_LINES` lines."""

    def __init__(self, directory: ObjectExportDirectory, path: Path) -> None:
        self.path = path
        self._dir = directory
        self._buffer: list[bytes] = []
        self._count = 0

    def write(self, data: bytes) -> None:
        self._buffer.append(data)
        self._count += data.count(b"\n")
        if self._count >= PART_LINES:
            self.sync()

    def sync(self) -> None:
        if self._buffer:
            data = b"".join(self._buffer)
            self._buffer, self._count = [], 0
            self._dir.write_part(self.path, data)

    def close(self) -> None:
        self.sync()


class _NoSync(Syncer):
    """Objects need no flushing."""

    def __init__(self) -> None:
        self._syncfs = None
        self._root_fd = -1


class ObjectWriter(DiskWriter):
    """The export's writer on object storage: each room's files are uploaded as whole
    objects as soon as they are handed over (:data:`UPLOADS` at a time); at each
    checkpoint the writer waits for the uploads, then writes the index part and the rooms
    part claiming the rooms whose objects all exist. A room whose upload fails is left
    out and reported (``on_failed``), as on disk."""

    def __init__(
        self,
        directory: ObjectExportDirectory,
        *,
        uploads: int = UPLOADS,
        on_done: Callable[[list[RoomWrite]], None] | None = None,
        on_failed: Callable[[RoomWrite, OSError], None] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(
            directory.path, syncer=_NoSync(), on_done=on_done, on_failed=on_failed, **options
        )
        self._dir = directory
        self._pool = ThreadPoolExecutor(uploads, thread_name_prefix="liveblocks-upload")
        self._uploads: list[tuple[RoomWrite, int, Future[None]]] = []
        # A store with an asynchronous implementation (s3fs, gcsfs, adlfs) gets the
        # uploads as coroutines on fsspec's event loop, ``uploads`` at a time, instead of
        # a thread blocked on each (measured faster on S3 than both a thread per upload
        # and a file system bound to the export's own loop).
        self._upload_slots = uploads
        self._slots: asyncio.Semaphore | None = None
        self._upload_loop: asyncio.AbstractEventLoop | None = None
        fs = directory.fs
        if getattr(fs, "async_impl", False) and not getattr(fs, "asynchronous", False):
            loop = getattr(fs, "loop", None)
            if isinstance(loop, asyncio.AbstractEventLoop) and loop.is_running():
                self._upload_loop = loop

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _upload(self, write: RoomWrite) -> None:
        for final, content in write.files:
            if isinstance(content, Path):
                local = self._dir.staged(content)
                try:
                    self._dir.fs.put_file(str(local), self._dir.key(final))
                finally:
                    with contextlib.suppress(OSError):
                        os.unlink(local)
            else:
                self._dir.put(final, content)

    async def _upload_async(self, write: RoomWrite) -> None:
        """:meth:`_upload` on the store's event loop, with its asynchronous methods."""
        if self._slots is None:  # made in that loop, where it is used
            self._slots = asyncio.Semaphore(self._upload_slots)
        fs = self._dir.fs
        async with self._slots:
            for final, content in write.files:
                if isinstance(content, Path):
                    local = self._dir.staged(content)
                    try:
                        await fs._put_file(str(local), self._dir.key(final))
                    finally:
                        with contextlib.suppress(OSError):
                            os.unlink(local)
                else:
                    await fs._pipe_file(self._dir.key(final), content)

    def _stage(self, write: RoomWrite, size: int) -> None:
        if not self._uploads:
            self._deadline = time.monotonic() + self._interval
        if self._upload_loop is not None:
            future = asyncio.run_coroutine_threadsafe(self._upload_async(write), self._upload_loop)
        else:
            future = self._pool.submit(self._upload, write)
        self._uploads.append((write, size, future))
        # Counted as the files of the checkpoint, which starts it when it has enough.
        self._staged.extend(_counted(write))

    def _run(self) -> None:
        super()._run()
        if self._error is not None or not self._uploads:
            return
        try:  # stopped: the uploads still going, then the parts that claim them
            self._checkpoint(wait=True)
        except BaseException as exc:  # reported to the loop, as in the base writer
            logger.debug("the export's writer failed: %r", exc)
            self._error = exc
            self._discard()
            self._notify(0, [])

    def _checkpoint(self, wait: bool = False) -> None:
        """Claim the rooms whose uploads are done (all of them with ``wait``); the others
        go on uploading meanwhile and are claimed by a later checkpoint."""
        if wait:
            for _, _, future in self._uploads:
                future.exception()
        finished = [u for u in self._uploads if u[2].done()]
        if not finished:
            return
        self._uploads = [u for u in self._uploads if not u[2].done()]
        self._staged = [pair for write, _, _ in self._uploads for pair in _counted(write)]
        self._lines, self._staged_size = [], 0
        if self._uploads:
            self._deadline = time.monotonic() + self._interval
        done: list[RoomWrite] = []
        size = 0
        for write, room_size, future in finished:
            error = future.exception()
            if error is None:
                done.append(write)
                size += room_size
            elif isinstance(error, OSError):
                logger.debug("writing room %r failed: %s", write.room_id, error)
                if self._loop is not None:
                    with contextlib.suppress(RuntimeError):
                        self._loop.call_soon_threadsafe(self._refused, write, room_size, error)
            else:
                raise error
        logs: dict[int, LineLog] = {}
        for write in done:  # each room's index line comes before its rooms line
            for log, line in write.lines:
                log.write(line)
                logs[id(log)] = log
        # The index part first: a room listed in rooms.ndjson has its index line.
        for log in sorted(logs.values(), key=lambda log: log.path.name != "index.ndjson"):
            log.sync()
        self._notify(size, done)

    def _discard(self) -> None:
        for _, _, future in self._uploads:
            future.cancel()
        self._uploads, self._staged, self._lines = [], [], []


def _counted(write: RoomWrite) -> list[tuple[Path, Path]]:
    """What stands for a room's upload among the files of the next checkpoint (at least
    one entry, so that the writer wakes up for it)."""
    return [(final, final) for final, _ in write.files] or [(Path(), Path())]
